/**
 * Looking up words in the person's language. The catalogue itself is derived from the feature
 * registry; this module only reads it. Placeholders look like {name}.
 */
import {
	catalogue,
	countedCatalogue,
	easyCatalogue,
	type ErrorCode,
	type MessageKey
} from './features/index.ts';
import { formatCount } from './shared/plural.ts';
import type { Language } from './shared/workshop.ts';

export { catalogue, type MessageKey };

export type Params = Record<string, string | number>;

/**
 * Looks up a message and fills its placeholders; a missing key shows itself so tests catch it. In
 * easy read, the easy-read version is used where there is one (facilitator-only words have none).
 */
export function translate(
	language: Language,
	key: MessageKey,
	params?: Params,
	easy = false
): string {
	const template: string =
		(easy ? easyCatalogue[language][key] : undefined) ??
		catalogue[language][key] ??
		catalogue.en[key] ??
		key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** Picks the `.one` or `.many` form of a counted message. */
export function translateCount(language: Language, base: string, count: number): string {
	const key = `${base}.${count === 1 ? 'one' : 'many'}`;
	return isMessageKey(key) ? translate(language, key, { count }) : key;
}

export function isMessageKey(key: string): key is MessageKey {
	return key in catalogue.en;
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

/** Label for a role: built-in roles are translated, a facilitator's own role names are shown as written. */
export function roleLabel(language: Language, role: string): string {
	const key = `role.${role}`;
	return isMessageKey(key) ? translate(language, key) : role;
}

/**
 * A counted message in the language's own plural form (Welsh has six), e.g. "3 pherson". Keys are
 * those of a feature's `enCounted`; an unknown key shows itself so tests catch it.
 */
export function translateCounted(
	language: Language,
	key: string,
	count: number,
	params: Params = {},
	easy = false
): string {
	const easyForms = easy
		? (language === 'cy' ? countedCatalogue.easyCy : countedCatalogue.easyEn)[key]
		: undefined;
	const forms = easyForms ?? countedCatalogue[language][key] ?? countedCatalogue.en[key];
	return forms ? formatCount(language, count, forms, params) : key;
}
