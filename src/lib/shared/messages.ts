/**
 * The message catalogue: every string the interface shows, in English and Welsh. Words people find
 * things by (DESIGN.md "Words") are kept exactly; tests look them up by these names.
 * Placeholders look like {name}; plural forms are separate keys chosen by `count`.
 */
import * as agenda from './messages-agenda.ts';
import * as ideas from './messages-ideas.ts';
import * as balance from './messages-balance.ts';
import * as queue from './messages-queue.ts';

const core = {
	'app.name': 'Roundtable',
	'app.tagline': 'Deciding together, as equals.',
	'nav.skip': 'Skip to main content',
	'nav.help': 'Help and ground rules',
	'nav.home': 'Roundtable home',
	'nav.settings': 'Settings',
	'settings.heading': 'Settings',
	'settings.theme': 'Colours',
	'settings.theme.system': 'Same as my device',
	'settings.theme.light': 'Light',
	'settings.theme.dark': 'Dark',
	'settings.theme.contrast': 'High contrast',
	'settings.textSize': 'Text size',
	'settings.textSize.100': 'Normal',
	'settings.textSize.125': 'Large',
	'settings.textSize.150': 'Larger',
	'settings.textSize.200': 'Largest',
	'settings.language': 'Language',
	'settings.verbosity': 'Spoken updates',
	'settings.verbosity.all': 'All updates',
	'settings.verbosity.summary': 'Summary',
	'settings.verbosity.turn': 'Only my turn',
	'settings.verbosity.off': 'Off',
	'settings.close': 'Close settings',
	'language.en': 'English',
	'language.cy': 'Cymraeg (Welsh)',
	'start.heading': 'Roundtable',
	'start.intro':
		'Run a workshop where everyone is heard: a shared agenda, anonymous ideas and a fair speaking queue.',
	'start.create.heading': 'Start a workshop',
	'start.create.title': 'Workshop title',
	'start.create.titleHint': 'Up to 120 characters. People see this when they join.',
	'start.create.language': 'Workshop language',
	'start.create.button': 'Start a workshop',
	'start.create.working': 'Starting the workshop…',
	'start.join.heading': 'Join a workshop',
	'start.join.code': 'Join code',
	'start.join.codeHint': '6 letters and numbers, from the facilitator or the room screen.',
	'start.join.button': 'Join',
	'join.heading': 'Join {title}',
	'join.name': 'Your name',
	'join.nameHint': 'A nickname is fine. Others in the workshop may see it.',
	'join.role': 'Your role',
	'join.roleHint': 'This helps the facilitator make sure every group is heard.',
	'join.button': 'Join',
	'join.notFound.heading': 'No workshop has this join code',
	'join.notFound.body': 'Check the code with the facilitator, then try again.',
	'join.notFound.back': 'Go to the start page',
	'role.lived-experience': 'Lived experience',
	'role.carer': 'Carer',
	'role.professional': 'Professional',
	'role.other': 'Other',
	'role.prefer-not-to-say': 'Prefer not to say',
	'participant.welcome': 'You joined as {name}.',
	'participant.here.one': '1 person is here',
	'participant.here.many': '{count} people are here',
	'facilitator.heading': 'Facilitator view',
	'facilitator.opening': 'Opening the workshop…',
	'facilitator.keepLink':
		'Keep this page’s link private: it lets anyone run the workshop. Bookmark it to come back.',
	'facilitator.invite.heading': 'Invite people',
	'facilitator.joinCode': 'Join code',
	'facilitator.joinLink': 'Join link',
	'facilitator.copyLink': 'Copy join link',
	'facilitator.copied': 'Join link copied.',
	'facilitator.copyFailed': 'Could not copy. Select the join link above and copy it yourself.',
	'facilitator.qr': 'QR code to join',
	'facilitator.people.heading': 'People',
	'facilitator.people.none': 'Nobody has joined yet.',
	'facilitator.people.count.one': '1 person has joined',
	'facilitator.people.count.many': '{count} people have joined',
	'facilitator.here': 'here',
	'facilitator.away': 'away',
	'facilitator.rename': 'Workshop title',
	'facilitator.renameButton': 'Save title',
	'facilitator.renamed': 'Title saved.',
	'invalidLink.heading': 'This link is not valid',
	'invalidLink.body':
		'The link may be incomplete or mistyped. Ask the person who started the workshop for the facilitator link again.',
	'announce.joined': '{name} joined',
	'announce.joinedMany': '{count} people joined',
	'announce.left': '{name} left',
	'announce.merged': '{count} updates',
	'status.offline': 'You are offline. We will reconnect when we can.',
	'status.reconnected': 'Connected again.',
	'help.heading': 'Help and ground rules',
	'help.rules.heading': 'Ground rules',
	'help.rules.1': 'Everyone here is an equal. Everyone has something to offer.',
	'help.rules.2': 'One person speaks at a time. Use the queue to ask for a turn.',
	'help.rules.3': 'Use plain words. Ask if something is not clear.',
	'help.rules.4': 'Ideas are anonymous. Nobody can see who wrote what.',
	'help.rules.5': 'You can pass on any question, without saying why.',
	'help.using.heading': 'Using Roundtable',
	'help.using.1': 'Join with the code, the link or the QR code. You do not need an account.',
	'help.using.2':
		'Settings are at the top of every page. You can change colours, text size, language and spoken updates.',
	'help.using.3': 'If you lose connection, your place is kept. The page reconnects by itself.',
	'error.bad-input': 'Something in that request was not right. Please try again.',
	'error.too-long': 'That is too long.',
	'error.empty': 'Please fill this in.',
	'error.control-characters':
		'That has characters we cannot use. Please use letters, numbers and punctuation.',
	'error.too-fast': 'That was too fast. Please wait a moment and try again.',
	'error.not-found': 'No workshop has this join code.',
	'error.link-not-valid': 'This link is not valid.',
	'error.not-joined': 'You need to join the workshop first.',
	'error.not-allowed': 'Only a facilitator can do that.',
	'error.server-error': 'Something went wrong on our side. Please try again.',
	'error.offline': 'You are offline. Please try again when you are connected.',
	'error.field.title': 'Workshop title: {message}',
	'error.field.name': 'Your name: {message}',
	'error.field.role': 'Your role: {message}',
	'error.field.code': 'Join code: {message}',
	'error.tooLongLimit': 'That is too long. Use up to {max} characters.'
} as const;

const en = { ...core, ...agenda.en, ...queue.en, ...ideas.en, ...balance.en } as const;

export type MessageKey = keyof typeof en;

const coreCy: Record<keyof typeof core, string> = {
	'app.name': 'Roundtable',
	'app.tagline': 'Penderfynu gyda’n gilydd, yn gyfartal.',
	'nav.skip': 'Neidio i’r prif gynnwys',
	'nav.help': 'Help a rheolau sylfaenol',
	'nav.home': 'Hafan Roundtable',
	'nav.settings': 'Gosodiadau',
	'settings.heading': 'Gosodiadau',
	'settings.theme': 'Lliwiau',
	'settings.theme.system': 'Yr un fath â fy nyfais',
	'settings.theme.light': 'Golau',
	'settings.theme.dark': 'Tywyll',
	'settings.theme.contrast': 'Cyferbyniad uchel',
	'settings.textSize': 'Maint y testun',
	'settings.textSize.100': 'Arferol',
	'settings.textSize.125': 'Mawr',
	'settings.textSize.150': 'Mwy',
	'settings.textSize.200': 'Mwyaf',
	'settings.language': 'Iaith',
	'settings.verbosity': 'Diweddariadau llafar',
	'settings.verbosity.all': 'Pob diweddariad',
	'settings.verbosity.summary': 'Crynodeb',
	'settings.verbosity.turn': 'Fy nhro i yn unig',
	'settings.verbosity.off': 'I ffwrdd',
	'settings.close': 'Cau’r gosodiadau',
	'language.en': 'English (Saesneg)',
	'language.cy': 'Cymraeg',
	'start.heading': 'Roundtable',
	'start.intro':
		'Cynnal gweithdy lle caiff pawb eu clywed: agenda a rennir, syniadau dienw a chiw siarad teg.',
	'start.create.heading': 'Dechrau gweithdy',
	'start.create.title': 'Teitl y gweithdy',
	'start.create.titleHint': 'Hyd at 120 nod. Bydd pobl yn gweld hwn wrth ymuno.',
	'start.create.language': 'Iaith y gweithdy',
	'start.create.button': 'Dechrau gweithdy',
	'start.create.working': 'Yn dechrau’r gweithdy…',
	'start.join.heading': 'Ymuno â gweithdy',
	'start.join.code': 'Cod ymuno',
	'start.join.codeHint': '6 llythyren a rhif, gan yr hwylusydd neu ar sgrin yr ystafell.',
	'start.join.button': 'Ymuno',
	'join.heading': 'Ymuno â {title}',
	'join.name': 'Eich enw',
	'join.nameHint': 'Mae llysenw yn iawn. Efallai y bydd eraill yn y gweithdy yn ei weld.',
	'join.role': 'Eich rôl',
	'join.roleHint': 'Mae hyn yn helpu’r hwylusydd i sicrhau bod pob grŵp yn cael ei glywed.',
	'join.button': 'Ymuno',
	'join.notFound.heading': 'Does dim gweithdy â’r cod ymuno hwn',
	'join.notFound.body': 'Gwiriwch y cod gyda’r hwylusydd, yna rhowch gynnig arall arni.',
	'join.notFound.back': 'Mynd i’r dudalen gyntaf',
	'role.lived-experience': 'Profiad bywyd',
	'role.carer': 'Gofalwr',
	'role.professional': 'Gweithiwr proffesiynol',
	'role.other': 'Arall',
	'role.prefer-not-to-say': 'Mae’n well gen i beidio â dweud',
	'participant.welcome': 'Rydych wedi ymuno fel {name}.',
	'participant.here.one': 'Mae 1 person yma',
	'participant.here.many': 'Mae {count} o bobl yma',
	'facilitator.heading': 'Golwg yr hwylusydd',
	'facilitator.opening': 'Yn agor y gweithdy…',
	'facilitator.keepLink':
		'Cadwch ddolen y dudalen hon yn breifat: mae’n gadael i unrhyw un gynnal y gweithdy. Rhowch nod tudalen arni i ddod yn ôl.',
	'facilitator.invite.heading': 'Gwahodd pobl',
	'facilitator.joinCode': 'Cod ymuno',
	'facilitator.joinLink': 'Dolen ymuno',
	'facilitator.copyLink': 'Copïo’r ddolen ymuno',
	'facilitator.copied': 'Wedi copïo’r ddolen ymuno.',
	'facilitator.copyFailed': 'Methu copïo. Dewiswch y ddolen ymuno uchod a’i chopïo eich hun.',
	'facilitator.qr': 'Cod QR i ymuno',
	'facilitator.people.heading': 'Pobl',
	'facilitator.people.none': 'Does neb wedi ymuno eto.',
	'facilitator.people.count.one': 'Mae 1 person wedi ymuno',
	'facilitator.people.count.many': 'Mae {count} o bobl wedi ymuno',
	'facilitator.here': 'yma',
	'facilitator.away': 'i ffwrdd',
	'facilitator.rename': 'Teitl y gweithdy',
	'facilitator.renameButton': 'Cadw’r teitl',
	'facilitator.renamed': 'Wedi cadw’r teitl.',
	'invalidLink.heading': 'Dydy’r ddolen hon ddim yn ddilys',
	'invalidLink.body':
		'Efallai fod y ddolen yn anghyflawn neu wedi’i theipio’n anghywir. Gofynnwch i’r person a ddechreuodd y gweithdy am ddolen yr hwylusydd eto.',
	'announce.joined': 'Mae {name} wedi ymuno',
	'announce.joinedMany': 'Mae {count} o bobl wedi ymuno',
	'announce.left': 'Mae {name} wedi gadael',
	'announce.merged': '{count} diweddariad',
	'status.offline': 'Rydych all-lein. Byddwn yn ailgysylltu pan allwn ni.',
	'status.reconnected': 'Wedi ailgysylltu.',
	'help.heading': 'Help a rheolau sylfaenol',
	'help.rules.heading': 'Rheolau sylfaenol',
	'help.rules.1': 'Mae pawb yma yn gyfartal. Mae gan bawb rywbeth i’w gynnig.',
	'help.rules.2': 'Un person sy’n siarad ar y tro. Defnyddiwch y ciw i ofyn am dro.',
	'help.rules.3': 'Defnyddiwch eiriau plaen. Gofynnwch os nad yw rhywbeth yn glir.',
	'help.rules.4': 'Mae syniadau yn ddienw. All neb weld pwy ysgrifennodd beth.',
	'help.rules.5': 'Gallwch basio ar unrhyw gwestiwn, heb ddweud pam.',
	'help.using.heading': 'Defnyddio Roundtable',
	'help.using.1': 'Ymunwch â’r cod, y ddolen neu’r cod QR. Does dim angen cyfrif arnoch.',
	'help.using.2':
		'Mae’r gosodiadau ar frig pob tudalen. Gallwch newid lliwiau, maint testun, iaith a diweddariadau llafar.',
	'help.using.3':
		'Os byddwch yn colli cysylltiad, caiff eich lle ei gadw. Mae’r dudalen yn ailgysylltu ei hun.',
	'error.bad-input': 'Doedd rhywbeth yn y cais ddim yn iawn. Rhowch gynnig arall arni.',
	'error.too-long': 'Mae hynny’n rhy hir.',
	'error.empty': 'Llenwch hwn, os gwelwch yn dda.',
	'error.control-characters':
		'Mae nodau yn hwn na allwn eu defnyddio. Defnyddiwch lythrennau, rhifau ac atalnodi.',
	'error.too-fast': 'Roedd hynny’n rhy gyflym. Arhoswch eiliad a rhowch gynnig arall arni.',
	'error.not-found': 'Does dim gweithdy â’r cod ymuno hwn.',
	'error.link-not-valid': 'Dydy’r ddolen hon ddim yn ddilys.',
	'error.not-joined': 'Mae angen i chi ymuno â’r gweithdy yn gyntaf.',
	'error.not-allowed': 'Dim ond hwylusydd all wneud hynny.',
	'error.server-error': 'Aeth rhywbeth o’i le ar ein hochr ni. Rhowch gynnig arall arni.',
	'error.offline': 'Rydych all-lein. Rhowch gynnig arall arni pan fyddwch wedi cysylltu.',
	'error.field.title': 'Teitl y gweithdy: {message}',
	'error.field.name': 'Eich enw: {message}',
	'error.field.role': 'Eich rôl: {message}',
	'error.field.code': 'Cod ymuno: {message}',
	'error.tooLongLimit': 'Mae hynny’n rhy hir. Defnyddiwch hyd at {max} nod.'
};

const cy: Record<MessageKey, string> = {
	...coreCy,
	...agenda.cy,
	...queue.cy,
	...ideas.cy,
	...balance.cy
};

export const catalogue = { en, cy } as const;

export type Params = Record<string, string | number>;

/** Looks up a message and fills its placeholders; a missing key shows itself so tests catch it. */
export function translate(
	language: keyof typeof catalogue,
	key: MessageKey,
	params?: Params
): string {
	const template: string = catalogue[language][key] ?? en[key] ?? key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** Picks the `.one` or `.many` form of a counted message. */
export function translateCount(
	language: keyof typeof catalogue,
	base: string,
	count: number
): string {
	const key = `${base}.${count === 1 ? 'one' : 'many'}` as MessageKey;
	return translate(language, key, { count });
}

/** Label for a role: built-in roles are translated, a facilitator's own role names are shown as written. */
export function roleLabel(language: keyof typeof catalogue, role: string): string {
	const key = `role.${role}`;
	return key in en ? translate(language, key as MessageKey) : role;
}
