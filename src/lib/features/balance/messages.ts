/**
 * The balance view's words, in English and Welsh. Neutral on purpose: "speaking more than an equal
 * share", never words that blame. DESIGN.md "Words": heading "Balance".
 */
export const en = {
	'balance.heading': 'Balance',
	'balance.intro':
		'Only facilitators see this. A share of 1 is an equal share of the talk in the last 15 minutes; 2 is twice that.',
	'balance.loading': 'Working out the figures…',
	'balance.nobody': 'Nobody is here yet.',
	'balance.notYetHeard.heading': 'Not yet heard',
	'balance.allHeard': 'Everyone here has spoken.',
	'balance.people.heading': 'Everyone here',
	'balance.table.caption': 'Speaking so far, per person',
	'balance.col.name': 'Name',
	'balance.col.role': 'Role',
	'balance.col.turns': 'Turns',
	'balance.col.time': 'Speaking time (whole workshop)',
	'balance.col.ratio': 'Share of the last 15 minutes (1 = equal)',
	'balance.col.status': 'Status',
	'balance.status.not-yet-heard': 'Not yet heard',
	'balance.status.red': 'Three times an equal share or more',
	'balance.status.amber': 'Twice an equal share or more',
	'balance.status.ok': 'Fine',
	'balance.status.notFlagged': 'Not flagged yet',
	'balance.reason.turns': 'more than twice an equal number of turns',
	'balance.reason.long-turn': 'a turn more than twice the agreed length',
	'balance.reason.share-amber': 'twice an equal share of time or more',
	'balance.reason.share-red': 'three times an equal share of time or more',
	'balance.speakingNow': 'speaking now',
	'balance.handUp': 'hand up',
	'balance.chart.heading': 'Chart of speaking time',
	'balance.chart.label': 'Speaking time per person; the line marks an equal share.',
	'balance.chart.bar': '{name}: {time}, share {ratio}',
	'balance.chart.equal': 'Equal share',
	'balance.roles.heading': 'By role',
	'balance.role.line':
		'{role}: {people} % of people, {time} % of speaking time, {turns} % of turns',
	'balance.gate.too-few-people': 'Nobody is flagged until at least 3 people are here.',
	'balance.gate.too-little-talk':
		'Nobody is flagged until there have been 5 minutes of talk in the last 15 minutes.',
	'balance.gate.too-few-turns': 'Turn counts are flagged once there are as many turns as people.',
	'balance.summary.notYetHeard.one': '1 person has not spoken yet',
	'balance.summary.notYetHeard.many': '{count} people have not spoken yet',
	'balance.summary.overTwice.one': '1 person is speaking twice an equal share or more',
	'balance.summary.overTwice.many': '{count} people are speaking twice an equal share or more',
	'balance.summary.allHeard': 'everyone here has spoken',
	'balance.summary.noneOver': 'nobody is speaking twice an equal share or more',
	'balance.summary.notFlaggedYet': 'shares are not flagged yet',
	'balance.prompt.go-round':
		'Someone has had three times an equal share or more for a while. You could start a go-round.',
	'balance.prompt.invite': 'Some people have not spoken yet. You could invite them.',
	'balance.invite': 'Invite {name}',
	'balance.invited': '{name} is now first in their kind of point.',
	'balance.startGoRound': 'Start go-round',
	'balance.selfView': 'Let each person see their own share',
	'balance.selfView.hint': 'Each person sees only their own figures, never anyone else’s.',
	'balance.self.heading': 'Your share',
	'balance.self.body': 'Turns: {turns}. Speaking time: {time}, {share} % of all speaking time.',
	'balance.self.equal': 'An equal share here is {equal} %.',
	'error.balance': 'The balance figures could not be loaded.'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'balance.heading': 'Cydbwysedd',
	'balance.intro':
		'Dim ond hwyluswyr sy’n gweld hyn. Cyfran o 1 yw cyfran gyfartal o’r siarad yn y 15 munud diwethaf; 2 yw dwywaith hynny.',
	'balance.loading': 'Yn cyfrifo’r ffigurau…',
	'balance.nobody': 'Does neb yma eto.',
	'balance.notYetHeard.heading': 'Heb gael eu clywed eto',
	'balance.allHeard': 'Mae pawb sydd yma wedi siarad.',
	'balance.people.heading': 'Pawb sydd yma',
	'balance.table.caption': 'Siarad hyd yma, fesul person',
	'balance.col.name': 'Enw',
	'balance.col.role': 'Rôl',
	'balance.col.turns': 'Troeon',
	'balance.col.time': 'Amser siarad (y gweithdy cyfan)',
	'balance.col.ratio': 'Cyfran o’r 15 munud diwethaf (1 = cyfartal)',
	'balance.col.status': 'Statws',
	'balance.status.not-yet-heard': 'Heb gael eu clywed eto',
	'balance.status.red': 'Teirgwaith cyfran gyfartal neu fwy',
	'balance.status.amber': 'Dwywaith cyfran gyfartal neu fwy',
	'balance.status.ok': 'Iawn',
	'balance.status.notFlagged': 'Heb faner eto',
	'balance.reason.turns': 'mwy na dwywaith nifer cyfartal o droeon',
	'balance.reason.long-turn': 'tro sy’n hirach na dwywaith yr amser a gytunwyd',
	'balance.reason.share-amber': 'dwywaith cyfran gyfartal o amser neu fwy',
	'balance.reason.share-red': 'teirgwaith cyfran gyfartal o amser neu fwy',
	'balance.speakingNow': 'yn siarad nawr',
	'balance.handUp': 'llaw i fyny',
	'balance.chart.heading': 'Siart amser siarad',
	'balance.chart.label': 'Amser siarad fesul person; mae’r llinell yn dangos cyfran gyfartal.',
	'balance.chart.bar': '{name}: {time} o siarad, cyfran {ratio}',
	'balance.chart.equal': 'Cyfran gyfartal',
	'balance.roles.heading': 'Fesul rôl',
	'balance.role.line':
		'{role}: {people} % o’r bobl, {time} % o’r amser siarad, {turns} % o’r troeon',
	'balance.gate.too-few-people': 'Does neb yn cael baner nes bod o leiaf 3 pherson yma.',
	'balance.gate.too-little-talk':
		'Does neb yn cael baner nes bod 5 munud o siarad wedi bod yn y 15 munud diwethaf.',
	'balance.gate.too-few-turns':
		'Mae nifer y troeon yn cael baner pan fydd cymaint o droeon ag sydd o bobl.',
	'balance.summary.notYetHeard.one': 'Mae 1 person heb siarad eto',
	'balance.summary.notYetHeard.many': 'Mae {count} o bobl heb siarad eto',
	'balance.summary.overTwice.one': 'mae 1 person yn siarad dwywaith cyfran gyfartal neu fwy',
	'balance.summary.overTwice.many': 'mae {count} o bobl yn siarad dwywaith cyfran gyfartal neu fwy',
	'balance.summary.allHeard': 'mae pawb sydd yma wedi siarad',
	'balance.summary.noneOver': 'does neb yn siarad dwywaith cyfran gyfartal neu fwy',
	'balance.summary.notFlaggedYet': 'does dim cyfran yn cael baner eto',
	'balance.prompt.go-round':
		'Mae rhywun wedi cael teirgwaith cyfran gyfartal neu fwy ers tro. Gallech ddechrau rownd.',
	'balance.prompt.invite': 'Mae rhai pobl heb siarad eto. Gallech eu gwahodd.',
	'balance.invite': 'Gwahodd {name}',
	'balance.invited': 'Mae {name} nawr yn gyntaf yn eu math o bwynt.',
	'balance.startGoRound': 'Dechrau rownd',
	'balance.selfView': 'Gadael i bob person weld eu cyfran eu hunain',
	'balance.selfView.hint':
		'Mae pob person yn gweld eu ffigurau eu hunain yn unig, byth rhai neb arall.',
	'balance.self.heading': 'Eich cyfran',
	'balance.self.body': 'Troeon: {turns}. Amser siarad: {time}, {share} % o’r holl amser siarad.',
	'balance.self.equal': 'Cyfran gyfartal yma yw {equal} %.',
	'error.balance': 'Doedd dim modd llwytho ffigurau’r cydbwysedd.'
};

/**
 * Easy read (R24) for what a participant sees of balance: only their own share, in the private
 * self-view. Everything else here is the facilitators' balance view (see `facilitatorOnly`).
 */
export const easyEn = {
	'balance.self.heading': 'Your share',
	'balance.self.body':
		'Your turns: {turns}. Your speaking time: {time}. That is {share} % of all speaking.',
	'balance.self.equal': 'An equal share here is {equal} %.'
} satisfies Partial<Record<keyof typeof en, string>>;

export const easyCy: Record<keyof typeof easyEn, string> = {
	'balance.self.heading': 'Eich cyfran',
	'balance.self.body':
		'Eich troeon: {turns}. Eich amser siarad: {time}. Dyna {share} % o’r holl siarad.',
	'balance.self.equal': 'Cyfran gyfartal yma yw {equal} %.'
};

/**
 * Keys only facilitators ever see: the balance view itself. A participant sees only the private
 * self-view (`balance.self.*`); the easy-read lint requires an easy-read version of every other key.
 */
export const facilitatorOnly: readonly string[] = Object.keys(en).filter(
	(key) => !key.startsWith('balance.self.')
);

type SummaryKey =
	| 'balance.summary.allHeard'
	| 'balance.summary.notYetHeard.one'
	| 'balance.summary.notYetHeard.many'
	| 'balance.summary.noneOver'
	| 'balance.summary.notFlaggedYet'
	| 'balance.summary.overTwice.one'
	| 'balance.summary.overTwice.many';

/**
 * The one-sentence summary for screen readers, e.g. "2 people have not spoken yet; 1 person is
 * speaking more than twice an equal share." `t` is the catalogue lookup in the reader's language.
 */
export function summarySentence(
	t: (key: SummaryKey, params: { count: number }) => string,
	notYetHeard: number,
	overTwice: number,
	/** Shares are flagged (enough people and talk); before that, the sentence claims nothing about them. */
	flagging = true
): string {
	const heard: SummaryKey =
		notYetHeard === 0
			? 'balance.summary.allHeard'
			: notYetHeard === 1
				? 'balance.summary.notYetHeard.one'
				: 'balance.summary.notYetHeard.many';
	const over: SummaryKey = !flagging
		? 'balance.summary.notFlaggedYet'
		: overTwice === 0
			? 'balance.summary.noneOver'
			: overTwice === 1
				? 'balance.summary.overTwice.one'
				: 'balance.summary.overTwice.many';
	const sentence = `${t(heard, { count: notYetHeard })}; ${t(over, { count: overTwice })}.`;
	return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
