/** Words of the room screen (the projector view), in English and Welsh. */
import { easyReadOf } from '../../shared/easy-read.ts';
export const en = {
	'room.heading': 'Room screen',
	'room.opening': 'Opening the room screen…',
	'room.join.heading': 'Join this workshop',
	'room.join.code': 'Join code',
	'room.join.how': 'Go to {origin} and type the code, or scan the QR code.',
	'room.qr': 'QR code to join',
	'room.next': 'Next: {title}',
	'room.queue.upNext': 'Next to speak',
	'room.queue.none': 'Nobody is waiting to speak.',
	'room.ideas.none': 'No ideas on the board yet.',
	'room.ideas.votes.one': '1 vote',
	'room.ideas.votes.many': '{count} votes',
	'room.more': 'and {count} more',
	'room.ideaCount.one': '1 idea',
	'room.ideaCount.many': '{count} ideas',
	'room.themes': 'Themes',
	'room.ideas.ungrouped': 'Not in a theme yet',
	'error.too-many-room-screens':
		'Too many room screens were opened from here in the last hour. Please use one that is open, or try again later.'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'room.heading': 'Sgrin yr ystafell',
	'room.opening': 'Yn agor sgrin yr ystafell…',
	'room.join.heading': 'Ymuno â’r gweithdy hwn',
	'room.join.code': 'Cod ymuno',
	'room.join.how': 'Ewch i {origin} a theipio’r cod, neu sganiwch y cod QR.',
	'room.qr': 'Cod QR i ymuno',
	'room.next': 'Nesaf: {title}',
	'room.queue.upNext': 'Nesaf i siarad',
	'room.queue.none': 'Does neb yn aros i siarad.',
	'room.ideas.none': 'Does dim syniadau ar y bwrdd eto.',
	'room.ideas.votes.one': '1 bleidlais',
	'room.ideas.votes.many': '{count} pleidlais',
	'room.more': 'a {count} arall',
	'room.ideaCount.one': '1 syniad',
	'room.ideaCount.many': '{count} syniad',
	'room.themes': 'Themâu',
	'room.ideas.ungrouped': 'Ddim mewn thema eto',
	'error.too-many-room-screens':
		'Agorwyd gormod o sgriniau ystafell o’r fan hon yn yr awr ddiwethaf. Defnyddiwch un sydd ar agor, neu rhowch gynnig arall arni nes ymlaen.'
};

/**
 * Easy read (R24): these words are rewritten; every other participant-facing word here is already
 * short and plain, and is used as it is (see `easyReadOf`).
 */
export const easyEn = easyReadOf(en, {
	'room.join.how': 'Go to {origin}. Type the code or scan the QR code.'
});

export const easyCy = easyReadOf(cy, {
	'room.join.how': 'Ewch i {origin}. Teipiwch y cod neu sganiwch y cod QR.'
});
