/**
 * Looking up words in one language's catalogue. A page holds only the catalogue of the language it
 * shows (the server hands it over with the page; another one is fetched when the person switches),
 * so this module imports no catalogue itself: `i18n.ts` builds them from the feature registry on
 * the server and in tests. Placeholders look like {name}.
 */
import type { MessageKey } from './features/index.ts';
import { formatCount, type PluralForms } from './shared/plural.ts';
import type { Language } from './shared/workshop.ts';

export type Params = Record<string, string | number>;

/** Every word of one language: fallbacks to English are already merged in. */
export interface Words {
	language: Language;
	messages: Record<string, string>;
	/** Easy-read versions, only of the keys that have one. */
	easy: Record<string, string>;
	counted: Record<string, PluralForms>;
	easyCounted: Record<string, PluralForms>;
}

/** The id of the `<script type="application/json">` that carries a page's catalogue. */
export const WORDS_ELEMENT_ID = 'rt-words';

/** Where a language's catalogue can be fetched from (the page's own catalogue is inline). */
export function wordsPath(language: Language): string {
	return `/words/${language}`;
}

/** JSON that is safe inside a `<script>` element: no `<` that could end it or open a comment. */
export function wordsForHtml(words: Words): string {
	return JSON.stringify(words).replace(/</g, '\\u003c');
}

export function fill(template: string, params?: Params): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/**
 * Looks up a message and fills its placeholders; a missing key shows itself so tests catch it. In
 * easy read, the easy-read version is used where there is one (facilitator-only words have none).
 */
export function wordOf(words: Words, key: MessageKey, params?: Params, easy = false): string {
	const template = (easy ? words.easy[key] : undefined) ?? words.messages[key] ?? key;
	return fill(template, params);
}

export function hasWord(words: Words, key: string): key is MessageKey {
	return key in words.messages;
}

/** Picks the `.one` or `.many` form of a counted message. */
export function countOf(words: Words, base: string, count: number): string {
	const key = `${base}.${count === 1 ? 'one' : 'many'}`;
	return hasWord(words, key) ? wordOf(words, key, { count }) : key;
}

/** Label for a role: built-in roles are translated, a facilitator's own role names are shown as written. */
export function roleOf(words: Words, role: string): string {
	const key = `role.${role}`;
	return hasWord(words, key) ? wordOf(words, key) : role;
}

/**
 * A counted message in the language's own plural form (Welsh has six), e.g. "3 pherson". Keys are
 * those of a feature's `enCounted`; an unknown key shows itself so tests catch it.
 */
export function countedOf(
	words: Words,
	key: string,
	count: number,
	params: Params = {},
	easy = false
): string {
	const forms = (easy ? words.easyCounted[key] : undefined) ?? words.counted[key];
	return forms ? formatCount(words.language, count, forms, params) : key;
}
