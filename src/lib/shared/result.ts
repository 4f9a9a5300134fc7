/**
 * Every command reply is a Result: either the data, or an error with a stable code that clients
 * translate into the person's language. The English message is there for logs and non-browser
 * clients. Features add their own codes in their declarations; these are the ones every command
 * may answer with.
 */
export const CORE_ERROR_CODES = [
	'bad-input',
	'too-long',
	'empty',
	'control-characters',
	'too-fast',
	'not-found',
	'link-not-valid',
	'not-joined',
	'not-allowed',
	'unknown-command',
	'unchanged',
	'server-error',
	// Answered by the browser itself: a command pressed offline whose session did not come back in time.
	'offline'
] as const;

export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

export interface CommandError<C extends string = CoreErrorCode> {
	code: C;
	/** Plain words, in English; clients show their own translation of `code`. */
	message: string;
	/** Which field was wrong, when one was, so a form can point at it. */
	field?: string;
}

/** `C`: the codes a failure may carry; the core's by default, a feature's handlers widen it. */
export type Result<T, C extends string = CoreErrorCode> =
	{ ok: true; data: T } | { ok: false; error: CommandError<C> };

export type Failure<C extends string = CoreErrorCode> = { ok: false; error: CommandError<C> };

export function ok<T>(data: T): { ok: true; data: T } {
	return { ok: true, data };
}

export function fail<const C extends string>(code: C, message: string, field?: string): Failure<C> {
	return { ok: false, error: field ? { code, message, field } : { code, message } };
}
