/**
 * Access needs in English and Welsh. The question "What would help you take part?" is a DESIGN.md
 * "Word" and stays the same in easy read. The facilitator's list (`.facilitator.` keys) says what
 * people asked for and what to do, never why.
 */
import { formatCount, type EnglishForms, type WelshForms } from '../../shared/plural.ts';
import type { Language } from '../../shared/workshop.ts';
import { type AccessNeed, type AccessSummary, type AccessTodo } from './model.ts';

export const en = {
	'access.question': 'What would help you take part?',
	'access.hint': 'This is optional. Choose any that fit. You can change it later in Settings.',
	'access.need.screen-reader': 'I use a screen reader',
	'access.need.breaks': 'I need breaks',
	'access.need.plain-words': 'Plain words or easy read',
	'access.need.more-time': 'More time to answer',
	'access.need.write': "I'd rather write than speak",
	'access.need.speaks-for-me': 'Someone may speak for me',
	'access.need.hearing': 'I need to hear clearly (loop or captions)',
	'access.note': 'Anything else that would help',
	'access.noteHint': 'Up to 300 characters. You do not need to say why.',
	'access.visibility': 'How should the facilitator see this?',
	'access.visibility.named': 'With my name',
	'access.visibility.count': 'Only as a count',
	'access.visibility.hint': 'Other participants never see it.',
	'access.save': 'Save',
	'access.saved': 'Saved. Thank you for telling us.',
	'access.skip': 'Not now',
	'error.invalid-need': 'That is not one of the choices.',
	'error.invalid-visibility': 'Please choose how the facilitator should see this.',
	'access.facilitator.heading': 'What would help people take part',
	'access.facilitator.none': 'Nobody has said what would help yet.',
	'access.facilitator.notes': 'In their own words',
	'access.facilitator.nameNotShared': 'Name not shared',
	'access.facilitator.names': 'Named: {names}',
	'access.facilitator.private': 'Only facilitators see this list.',
	'access.facilitator.tip.screen-reader': 'Say out loud what you show, and read out new items.',
	'access.facilitator.tip.breaks': 'Plan regular breaks, and start one when people ask.',
	'access.facilitator.tip.plain-words':
		'Use plain words, fill in the glossary, and offer easy read.',
	'access.facilitator.tip.more-time': 'Leave pauses, and do not rush rounds or answers.',
	'access.facilitator.tip.write': 'Offer "Raise hand in writing", and read written points out.',
	'access.facilitator.tip.speaks-for-me':
		'Let a supporter speak for them, and still ask them directly.',
	'access.facilitator.tip.hearing': 'Use the loop or captions, and keep to one speaker at a time.'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'access.question': 'Beth fyddai’n eich helpu i gymryd rhan?',
	'access.hint':
		'Does dim rhaid ateb. Dewiswch unrhyw rai sy’n addas. Gallwch ei newid wedyn yn y Gosodiadau.',
	'access.need.screen-reader': 'Rwy’n defnyddio darllenydd sgrin',
	'access.need.breaks': 'Mae angen seibiannau arna i',
	'access.need.plain-words': 'Geiriau plaen neu Hawdd ei Ddeall',
	'access.need.more-time': 'Mwy o amser i ateb',
	'access.need.write': 'Byddai’n well gen i ysgrifennu na siarad',
	'access.need.speaks-for-me': 'Gall rhywun siarad ar fy rhan',
	'access.need.hearing': 'Mae angen i mi glywed yn glir (dolen sain neu gapsiynau)',
	'access.note': 'Unrhyw beth arall a fyddai’n helpu',
	'access.noteHint': 'Hyd at 300 nod. Does dim rhaid i chi ddweud pam.',
	'access.visibility': 'Sut dylai’r hwylusydd weld hyn?',
	'access.visibility.named': 'Gyda fy enw',
	'access.visibility.count': 'Fel nifer yn unig',
	'access.visibility.hint': 'Dydy cyfranogwyr eraill byth yn ei weld.',
	'access.save': 'Cadw',
	'access.saved': 'Wedi cadw. Diolch am ddweud wrthym.',
	'access.skip': 'Dim nawr',
	'error.invalid-need': 'Dydy hynny ddim yn un o’r dewisiadau.',
	'error.invalid-visibility': 'Dewiswch sut dylai’r hwylusydd weld hyn.',
	'access.facilitator.heading': 'Beth fyddai’n helpu pobl i gymryd rhan',
	'access.facilitator.none': 'Does neb wedi dweud beth fyddai’n helpu eto.',
	'access.facilitator.notes': 'Yn eu geiriau eu hunain',
	'access.facilitator.nameNotShared': 'Enw heb ei rannu',
	'access.facilitator.names': 'Wedi’u henwi: {names}',
	'access.facilitator.private': 'Dim ond hwyluswyr sy’n gweld y rhestr hon.',
	'access.facilitator.tip.screen-reader':
		'Dywedwch yn uchel beth rydych chi’n ei ddangos, a darllenwch eitemau newydd.',
	'access.facilitator.tip.breaks':
		'Cynlluniwch seibiannau rheolaidd, a dechreuwch un pan fydd pobl yn gofyn.',
	'access.facilitator.tip.plain-words':
		'Defnyddiwch eiriau plaen, llenwch y rhestr eirfa, a chynigiwch Hawdd ei Ddeall.',
	'access.facilitator.tip.more-time':
		'Gadewch seibiau, a pheidiwch â rhuthro rowndiau nac atebion.',
	'access.facilitator.tip.write':
		'Cynigiwch "Codi llaw yn ysgrifenedig", a darllenwch bwyntiau ysgrifenedig yn uchel.',
	'access.facilitator.tip.speaks-for-me':
		'Gadewch i gefnogwr siarad ar eu rhan, a gofynnwch iddyn nhw’n uniongyrchol hefyd.',
	'access.facilitator.tip.hearing':
		'Defnyddiwch y ddolen sain neu gapsiynau, ac un siaradwr ar y tro.'
};

export const easyEn = {
	'access.question': 'What would help you take part?',
	'access.hint': 'You do not have to answer. Choose any that fit. You can change it later.',
	'access.need.screen-reader': 'I use a screen reader',
	'access.need.breaks': 'I need breaks',
	'access.need.plain-words': 'Plain words or easy read',
	'access.need.more-time': 'More time to answer',
	'access.need.write': "I'd rather write than speak",
	'access.need.speaks-for-me': 'Someone may speak for me',
	'access.need.hearing': 'I need to hear clearly (loop or captions)',
	'access.note': 'Anything else that would help',
	'access.noteHint': 'Write a short note. You do not need to say why.',
	'access.visibility': 'How should the facilitator see this?',
	'access.visibility.named': 'With my name',
	'access.visibility.count': 'Only as a count',
	'access.visibility.hint': 'Other people in the group never see it.',
	'access.save': 'Save',
	'access.saved': 'Saved. Thank you for telling us.',
	'access.skip': 'Not now',
	'error.invalid-need': 'That is not one of the choices.',
	'error.invalid-visibility': 'Choose how the facilitator should see this.'
} satisfies Partial<Record<keyof typeof en, string>>;

export const easyCy: Record<keyof typeof easyEn, string> = {
	'access.question': 'Beth fyddai’n eich helpu i gymryd rhan?',
	'access.hint': 'Does dim rhaid ateb. Dewiswch unrhyw rai sy’n addas. Gallwch ei newid wedyn.',
	'access.need.screen-reader': 'Rwy’n defnyddio darllenydd sgrin',
	'access.need.breaks': 'Mae angen seibiannau arna i',
	'access.need.plain-words': 'Geiriau plaen neu Hawdd ei Ddeall',
	'access.need.more-time': 'Mwy o amser i ateb',
	'access.need.write': 'Byddai’n well gen i ysgrifennu na siarad',
	'access.need.speaks-for-me': 'Gall rhywun siarad ar fy rhan',
	'access.need.hearing': 'Mae angen i mi glywed yn glir (dolen sain neu gapsiynau)',
	'access.note': 'Unrhyw beth arall a fyddai’n helpu',
	'access.noteHint': 'Ysgrifennwch nodyn byr. Does dim rhaid i chi ddweud pam.',
	'access.visibility': 'Sut dylai’r hwylusydd weld hyn?',
	'access.visibility.named': 'Gyda fy enw',
	'access.visibility.count': 'Fel nifer yn unig',
	'access.visibility.hint': 'Dydy pobl eraill yn y grŵp byth yn ei weld.',
	'access.save': 'Cadw',
	'access.saved': 'Wedi cadw. Diolch am ddweud wrthym.',
	'access.skip': 'Dim nawr',
	'error.invalid-need': 'Dydy hynny ddim yn un o’r dewisiadau.',
	'error.invalid-visibility': 'Dewiswch sut dylai’r hwylusydd weld hyn.'
};

/** One counted line per need for the facilitator's list. */
export const enCounted = {
	'access.facilitator.count.screen-reader': {
		one: '1 person uses a screen reader',
		other: '{count} people use a screen reader'
	},
	'access.facilitator.count.breaks': {
		one: '1 person needs breaks',
		other: '{count} people need breaks'
	},
	'access.facilitator.count.plain-words': {
		one: '1 person wants plain words or easy read',
		other: '{count} people want plain words or easy read'
	},
	'access.facilitator.count.more-time': {
		one: '1 person needs more time to answer',
		other: '{count} people need more time to answer'
	},
	'access.facilitator.count.write': {
		one: '1 person prefers to write',
		other: '{count} people prefer to write'
	},
	'access.facilitator.count.speaks-for-me': {
		one: '1 person may have someone speak for them',
		other: '{count} people may have someone speak for them'
	},
	'access.facilitator.count.hearing': {
		one: '1 person needs to hear clearly (loop or captions)',
		other: '{count} people need to hear clearly (loop or captions)'
	},
	'access.facilitator.count.people': {
		one: '1 person said what would help',
		other: '{count} people said what would help'
	}
} satisfies Record<string, EnglishForms>;

/** Welsh numerals take the singular, mutated after 2 (soft), 3 and 6 (aspirate); larger use "o bobl". */
function cyPeople(before: string, after: string): WelshForms {
	const join = (noun: string) =>
		`${before}${before ? ' ' : ''}{count} ${noun}${after ? ' ' : ''}${after}`;
	return {
		zero: join('o bobl'),
		one: join('person'),
		two: join('berson'),
		few: join('pherson'),
		many: join('pherson'),
		other: join('o bobl')
	};
}

export const cyCounted: Record<keyof typeof enCounted, WelshForms> = {
	'access.facilitator.count.screen-reader': cyPeople('Mae', 'yn defnyddio darllenydd sgrin'),
	'access.facilitator.count.breaks': cyPeople('Mae angen seibiannau ar', ''),
	'access.facilitator.count.plain-words': cyPeople(
		'Mae',
		'eisiau geiriau plaen neu Hawdd ei Ddeall'
	),
	'access.facilitator.count.more-time': cyPeople('Mae angen mwy o amser i ateb ar', ''),
	'access.facilitator.count.write': cyPeople('Mae’n well gan', 'ysgrifennu na siarad'),
	'access.facilitator.count.speaks-for-me': cyPeople('Gall rhywun siarad ar ran', ''),
	'access.facilitator.count.hearing': cyPeople(
		'Mae angen clywed yn glir ar',
		'(dolen sain neu gapsiynau)'
	),
	'access.facilitator.count.people': cyPeople('Mae', 'wedi dweud beth fyddai’n helpu')
};

const catalogues = {
	en: { text: en, counted: enCounted },
	cy: { text: cy, counted: cyCounted }
} as const;

function pick(language: Language) {
	return Object.hasOwn(catalogues, language) ? catalogues[language] : catalogues.en;
}

/** "2 people need breaks", in the facilitator's language with that language's plural forms. */
export function accessTodoText(language: Language, todo: AccessTodo): string {
	const c = pick(language);
	return formatCount(language, todo.count, c.counted[`access.facilitator.count.${todo.need}`]);
}

/** What to do for a need, in plain words. */
export function accessTipText(language: Language, need: AccessNeed): string {
	const c = pick(language);
	return c.text[`access.facilitator.tip.${need}`];
}

/** The list in one line, "2 people need breaks; 1 person prefers to write", or the "nobody" line. */
export function accessSummaryText(language: Language, summary: AccessSummary): string {
	const c = pick(language);
	if (summary.todos.length === 0) return c.text['access.facilitator.none'];
	return summary.todos.map((t) => accessTodoText(language, t)).join('; ');
}

/** The label of a choice as the person saw it. */
export function accessNeedLabel(language: Language, need: AccessNeed): string {
	const c = pick(language);
	return c.text[`access.need.${need}`];
}
