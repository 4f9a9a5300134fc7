/**
 * Counted messages. English has two plural forms and Welsh six (zero, one, two, few, many, other),
 * so a counted message is a set of forms, one per category the language uses, chosen by the
 * CLDR rules in `Intl.PluralRules` rather than by "is it 1?", which is wrong for Welsh.
 */
import type { Language } from './workshop.ts';

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** The forms English uses: "1 person", "{count} people". */
export interface EnglishForms {
	one: string;
	other: string;
}

/** Welsh uses all six: "{count} person", "{count} berson", "{count} pherson", "{count} o bobl"… */
export type WelshForms = Record<PluralCategory, string>;

export type FormsFor<L extends Language> = L extends 'cy' ? WelshForms : EnglishForms;

/** Any set of forms: `other` is the one every language has, so it is the fallback. */
export type PluralForms = { other: string } & Partial<Record<PluralCategory, string>>;

// Built once: the rules are immutable, and constructing them per call is slow.
const RULES: Readonly<Record<Language, Intl.PluralRules>> = Object.freeze({
	en: new Intl.PluralRules('en'),
	cy: new Intl.PluralRules('cy')
});

/** The CLDR plural category of `count` in `language`; anything that is not a finite number is 'other'. */
export function pluralCategory(language: Language, count: number): PluralCategory {
	if (typeof count !== 'number' || !Number.isFinite(count)) return 'other';
	const rules = Object.hasOwn(RULES, language) ? RULES[language] : RULES.en;
	return rules.select(count);
}

/** The template for `count`, falling back to `other` when the set lacks that category. */
export function pickPlural(language: Language, count: number, forms: PluralForms): string {
	return forms[pluralCategory(language, count)] ?? forms.other;
}

/** Fills {count} and any other {placeholders}; unknown placeholders are left so tests catch them. */
export function fill(template: string, params: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : whole
	);
}

/** Picks the form for `count` and fills it: `formatCount('cy', 3, forms)` gives "3 pherson". */
export function formatCount(
	language: Language,
	count: number,
	forms: PluralForms,
	params: Record<string, string | number> = {}
): string {
	return fill(pickPlural(language, count, forms), { ...params, count });
}
