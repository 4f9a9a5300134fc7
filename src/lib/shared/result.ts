/**
 * Every command reply is a Result: either the data, or an error with a stable code that clients
 * translate into the person's language. The English message is there for logs and non-browser clients.
 */
export const ERROR_CODES = [
	'bad-input',
	'too-long',
	'empty',
	'control-characters',
	'too-fast',
	'not-found',
	'link-not-valid',
	'not-joined',
	'not-allowed',
	'server-error',
	// speaking queue
	'already-raised',
	'not-in-queue',
	'queue-empty',
	'cannot-move',
	'queue-paused',
	'no-current-turn',
	'not-your-turn',
	'no-go-round',
	'unchanged',
	'unknown-person',
	'nobody-here',
	// Ideas
	'wrong-phase',
	'idea-gone',
	'no-votes-left',
	'idea-vote-limit'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CommandError {
	code: ErrorCode;
	/** Plain words, in English; clients show their own translation of `code`. */
	message: string;
	/** Which field was wrong, when one was, so a form can point at it. */
	field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: CommandError };

export function ok<T>(data: T): Result<T> {
	return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, message: string, field?: string): Result<T> {
	return { ok: false, error: field ? { code, message, field } : { code, message } };
}
