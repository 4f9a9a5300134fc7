/**
 * Signals' words in English and Welsh, with easy-read versions of everything a participant or the
 * room screen shows. The four button names are DESIGN.md "Words" and stay the same in easy read.
 * Keys with a `.facilitator.` part are shown only to facilitators and need no easy-read version.
 */
import type { EnglishForms, WelshForms } from '../../shared/plural.ts';

export const en = {
	'signals.heading': 'Signals',
	'signals.hint': 'Tap a button to tell the facilitator. Nobody can see who sent it.',
	'signals.slow-down': 'Slow down',
	'signals.plain-words': 'Plain words please',
	'signals.need-break': 'Need a break',
	'signals.cant-hear': "Can't hear",
	'signals.sent': 'Sent',
	'signals.takeBack': 'Take back: {signal}',
	'signals.takenBack': 'Taken back',
	'signals.glossaryOffer': 'Thank you. The glossary explains some of the words used today.',
	'signals.openGlossary': 'Open the glossary',
	'signals.room.heading': 'Signals from the room',
	'signals.room.none': 'No signals in the last 2 minutes.',
	'error.too-soon': 'You sent this less than a minute ago. You can send it again soon.',
	'error.not-sent': 'There is nothing to take back.',
	'error.invalid-signal': 'That signal is not one we know.',
	'signals.facilitator.heading': 'Signals',
	'signals.facilitator.window': 'In the last 2 minutes',
	'signals.facilitator.none': 'No signals in the last 2 minutes.',
	'signals.facilitator.breakPrompt':
		'Several people would like a break. You could offer one now with "Start a break".',
	'signals.facilitator.showOnRoom': 'Show signal counts on the room screen',
	'signals.facilitator.showOnRoomHint':
		'Participants see the counts only on the room screen, and only when this is on.',
	'announce.signals.changed': 'New signals from the room.'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'signals.heading': 'Arwyddion',
	'signals.hint': 'Tapiwch fotwm i ddweud wrth yr hwylusydd. All neb weld pwy a’i anfonodd.',
	'signals.slow-down': 'Arafwch',
	'signals.plain-words': 'Geiriau plaen os gwelwch yn dda',
	'signals.need-break': 'Angen egwyl',
	'signals.cant-hear': 'Methu clywed',
	'signals.sent': 'Wedi anfon',
	'signals.takeBack': 'Tynnu’n ôl: {signal}',
	'signals.takenBack': 'Wedi tynnu’n ôl',
	'signals.glossaryOffer':
		'Diolch. Mae’r rhestr eirfa yn egluro rhai o’r geiriau a ddefnyddir heddiw.',
	'signals.openGlossary': 'Agor y rhestr eirfa',
	'signals.room.heading': 'Arwyddion o’r ystafell',
	'signals.room.none': 'Dim arwyddion yn y 2 funud ddiwethaf.',
	'error.too-soon': 'Fe anfonoch chi hwn lai na munud yn ôl. Gallwch ei anfon eto cyn bo hir.',
	'error.not-sent': 'Does dim byd i’w dynnu’n ôl.',
	'error.invalid-signal': 'Dydyn ni ddim yn adnabod yr arwydd hwnnw.',
	'signals.facilitator.heading': 'Arwyddion',
	'signals.facilitator.window': 'Yn y 2 funud ddiwethaf',
	'signals.facilitator.none': 'Dim arwyddion yn y 2 funud ddiwethaf.',
	'signals.facilitator.breakPrompt':
		'Hoffai sawl person gael egwyl. Gallech gynnig un nawr gyda "Dechrau egwyl".',
	'signals.facilitator.showOnRoom': 'Dangos nifer yr arwyddion ar sgrin yr ystafell',
	'signals.facilitator.showOnRoomHint':
		'Dim ond ar sgrin yr ystafell y mae cyfranogwyr yn gweld y niferoedd, a dim ond pan fydd hyn ymlaen.',
	'announce.signals.changed': 'Arwyddion newydd o’r ystafell.'
};

export const easyEn = {
	'signals.heading': 'Signals',
	'signals.hint': 'Tap a button to tell the facilitator. Nobody sees who tapped it.',
	'signals.slow-down': 'Slow down',
	'signals.plain-words': 'Plain words please',
	'signals.need-break': 'Need a break',
	'signals.cant-hear': "Can't hear",
	'signals.sent': 'Sent',
	'signals.takeBack': 'Take back: {signal}',
	'signals.takenBack': 'Taken back',
	'signals.glossaryOffer': 'Thank you. The glossary explains some words.',
	'signals.openGlossary': 'Open the glossary',
	'signals.room.heading': 'Signals from the room',
	'signals.room.none': 'No signals just now.',
	'error.too-soon': 'You sent this just now. You can send it again in a minute.',
	'error.not-sent': 'There is nothing to take back.',
	'error.invalid-signal': 'We do not know that signal.',
	'announce.signals.changed': 'There are new signals.'
} satisfies Partial<Record<keyof typeof en, string>>;

export const easyCy: Record<keyof typeof easyEn, string> = {
	'signals.heading': 'Arwyddion',
	'signals.hint': 'Tapiwch fotwm i ddweud wrth yr hwylusydd. All neb weld pwy wnaeth dapio.',
	'signals.slow-down': 'Arafwch',
	'signals.plain-words': 'Geiriau plaen os gwelwch yn dda',
	'signals.need-break': 'Angen egwyl',
	'signals.cant-hear': 'Methu clywed',
	'signals.sent': 'Wedi anfon',
	'signals.takeBack': 'Tynnu’n ôl: {signal}',
	'signals.takenBack': 'Wedi tynnu’n ôl',
	'signals.glossaryOffer': 'Diolch. Mae’r rhestr eirfa yn egluro rhai geiriau.',
	'signals.openGlossary': 'Agor y rhestr eirfa',
	'signals.room.heading': 'Arwyddion o’r ystafell',
	'signals.room.none': 'Dim arwyddion ar hyn o bryd.',
	'error.too-soon': 'Fe anfonoch chi hwn gynnau. Gallwch ei anfon eto mewn munud.',
	'error.not-sent': 'Does dim byd i’w dynnu’n ôl.',
	'error.invalid-signal': 'Dydyn ni ddim yn gwybod yr arwydd hwnnw.',
	'announce.signals.changed': 'Mae arwyddion newydd.'
};

/** Counts shown to facilitators and, when they choose, on the room screen. */
export const enCounted = {
	'signals.count.slow-down': {
		one: '1 person asked to slow down',
		other: '{count} people asked to slow down'
	},
	'signals.count.plain-words': {
		one: '1 person asked for plain words',
		other: '{count} people asked for plain words'
	},
	'signals.count.need-break': {
		one: '1 person needs a break',
		other: '{count} people need a break'
	},
	'signals.count.cant-hear': { one: "1 person can't hear", other: "{count} people can't hear" },
	'signals.retryIn': {
		one: 'You can send it again in 1 second.',
		other: 'You can send it again in {count} seconds.'
	}
} satisfies Record<string, EnglishForms>;

export const cyCounted: Record<keyof typeof enCounted, WelshForms> = {
	'signals.count.slow-down': {
		zero: 'Gofynnodd {count} o bobl am arafu',
		one: 'Gofynnodd {count} person am arafu',
		two: 'Gofynnodd {count} berson am arafu',
		few: 'Gofynnodd {count} pherson am arafu',
		many: 'Gofynnodd {count} pherson am arafu',
		other: 'Gofynnodd {count} o bobl am arafu'
	},
	'signals.count.plain-words': {
		zero: 'Gofynnodd {count} o bobl am eiriau plaen',
		one: 'Gofynnodd {count} person am eiriau plaen',
		two: 'Gofynnodd {count} berson am eiriau plaen',
		few: 'Gofynnodd {count} pherson am eiriau plaen',
		many: 'Gofynnodd {count} pherson am eiriau plaen',
		other: 'Gofynnodd {count} o bobl am eiriau plaen'
	},
	'signals.count.need-break': {
		zero: 'Mae angen egwyl ar {count} o bobl',
		one: 'Mae angen egwyl ar {count} person',
		two: 'Mae angen egwyl ar {count} berson',
		few: 'Mae angen egwyl ar {count} pherson',
		many: 'Mae angen egwyl ar {count} pherson',
		other: 'Mae angen egwyl ar {count} o bobl'
	},
	'signals.count.cant-hear': {
		zero: 'Mae {count} o bobl yn methu clywed',
		one: 'Mae {count} person yn methu clywed',
		two: 'Mae {count} berson yn methu clywed',
		few: 'Mae {count} pherson yn methu clywed',
		many: 'Mae {count} pherson yn methu clywed',
		other: 'Mae {count} o bobl yn methu clywed'
	},
	'signals.retryIn': {
		zero: 'Gallwch ei anfon eto mewn {count} eiliad.',
		one: 'Gallwch ei anfon eto mewn {count} eiliad.',
		two: 'Gallwch ei anfon eto mewn {count} eiliad.',
		few: 'Gallwch ei anfon eto mewn {count} eiliad.',
		many: 'Gallwch ei anfon eto mewn {count} eiliad.',
		other: 'Gallwch ei anfon eto mewn {count} eiliad.'
	}
};

export const easyEnCounted = {
	'signals.count.slow-down': {
		one: '1 person wants us to slow down.',
		other: '{count} people want us to slow down.'
	},
	'signals.count.plain-words': {
		one: '1 person wants plain words.',
		other: '{count} people want plain words.'
	},
	'signals.count.need-break': {
		one: '1 person needs a break.',
		other: '{count} people need a break.'
	},
	'signals.count.cant-hear': { one: "1 person can't hear.", other: "{count} people can't hear." },
	'signals.retryIn': {
		one: 'You can send it again in 1 second.',
		other: 'You can send it again in {count} seconds.'
	}
} satisfies Partial<Record<keyof typeof enCounted, EnglishForms>>;

export const easyCyCounted: Record<keyof typeof easyEnCounted, WelshForms> = {
	'signals.count.slow-down': {
		zero: 'Mae {count} o bobl eisiau i ni arafu.',
		one: 'Mae {count} person eisiau i ni arafu.',
		two: 'Mae {count} berson eisiau i ni arafu.',
		few: 'Mae {count} pherson eisiau i ni arafu.',
		many: 'Mae {count} pherson eisiau i ni arafu.',
		other: 'Mae {count} o bobl eisiau i ni arafu.'
	},
	'signals.count.plain-words': {
		zero: 'Mae {count} o bobl eisiau geiriau plaen.',
		one: 'Mae {count} person eisiau geiriau plaen.',
		two: 'Mae {count} berson eisiau geiriau plaen.',
		few: 'Mae {count} pherson eisiau geiriau plaen.',
		many: 'Mae {count} pherson eisiau geiriau plaen.',
		other: 'Mae {count} o bobl eisiau geiriau plaen.'
	},
	'signals.count.need-break': {
		zero: 'Mae angen egwyl ar {count} o bobl.',
		one: 'Mae angen egwyl ar {count} person.',
		two: 'Mae angen egwyl ar {count} berson.',
		few: 'Mae angen egwyl ar {count} pherson.',
		many: 'Mae angen egwyl ar {count} pherson.',
		other: 'Mae angen egwyl ar {count} o bobl.'
	},
	'signals.count.cant-hear': {
		zero: 'Mae {count} o bobl yn methu clywed.',
		one: 'Mae {count} person yn methu clywed.',
		two: 'Mae {count} berson yn methu clywed.',
		few: 'Mae {count} pherson yn methu clywed.',
		many: 'Mae {count} pherson yn methu clywed.',
		other: 'Mae {count} o bobl yn methu clywed.'
	},
	'signals.retryIn': {
		zero: 'Gallwch ei anfon eto mewn {count} eiliad.',
		one: 'Gallwch ei anfon eto mewn {count} eiliad.',
		two: 'Gallwch ei anfon eto mewn {count} eiliad.',
		few: 'Gallwch ei anfon eto mewn {count} eiliad.',
		many: 'Gallwch ei anfon eto mewn {count} eiliad.',
		other: 'Gallwch ei anfon eto mewn {count} eiliad.'
	}
};
