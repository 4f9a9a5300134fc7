/**
 * The whole message catalogue, every language, derived from the feature registry: for the server
 * (which hands each page the catalogue of its language, see `wordsFor`) and for tests. Browser code
 * must not import this module's values, or every language ships to every phone; it reads one
 * language's `Words` through `$lib/words` instead.
 */
import {
	catalogue,
	countedCatalogue,
	easyCatalogue,
	type ErrorCode,
	type MessageKey
} from './features/index.ts';
import type { Language } from './shared/workshop.ts';
import { countedOf, countOf, hasWord, roleOf, wordOf, type Params, type Words } from './words.ts';

export { catalogue, type MessageKey, type Params };

function build(language: Language): Words {
	return Object.freeze({
		language,
		// A key missing in Welsh falls back to English.
		messages: { ...catalogue.en, ...catalogue[language] },
		easy: { ...easyCatalogue[language] } as Record<string, string>,
		counted: { ...countedCatalogue.en, ...countedCatalogue[language] },
		easyCounted: { ...(language === 'cy' ? countedCatalogue.easyCy : countedCatalogue.easyEn) }
	});
}

const WORDS: Readonly<Record<Language, Words>> = Object.freeze({
	en: build('en'),
	cy: build('cy')
});

/** One language's catalogue, as a page receives it. */
export function wordsFor(language: Language): Words {
	return WORDS[language];
}

export function translate(
	language: Language,
	key: MessageKey,
	params?: Params,
	easy = false
): string {
	return wordOf(WORDS[language], key, params, easy);
}

export function translateCount(language: Language, base: string, count: number): string {
	return countOf(WORDS[language], base, count);
}

export function isMessageKey(key: string): key is MessageKey {
	return hasWord(WORDS.en, key);
}

/** The person's words for an error code; every code has them (checked when the registry compiles). */
export function errorMessage(
	language: Language,
	code: ErrorCode,
	params?: Params,
	easy = false
): string {
	return translate(language, `error.${code}`, params, easy);
}

export function roleLabel(language: Language, role: string): string {
	return roleOf(WORDS[language], role);
}

export function translateCounted(
	language: Language,
	key: string,
	count: number,
	params: Params = {},
	easy = false
): string {
	return countedOf(WORDS[language], key, count, params, easy);
}
