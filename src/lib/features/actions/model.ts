/**
 * Actions (co-delivery): what will be done, by whom, by when. Decides what a valid action is (plain
 * text, one or more owners chosen from the people present, including people added without a
 * device, and an optional calendar date that is not already past) and what "Your actions" shows.
 * An owner who has since left stays an owner; only new owners must be present.
 */
import { checkFutureDate, type DateErrorCode } from '../../shared/dates.ts';
import { checkLines } from '../../shared/text.ts';

export const MAX_ACTION = 300;
export const MAX_OWNERS = 10;
export const MAX_ACTIONS = 200;

export interface Action {
	id: string;
	what: string;
	/** Person ids, in the order chosen, each once. */
	owners: string[];
	/** A calendar day, YYYY-MM-DD, or null for "no date yet". */
	due: string | null;
	done: boolean;
	createdAt: number;
}

export interface ActionInput {
	what: unknown;
	owners: unknown;
	due: unknown;
}

export type ActionErrorCode =
	| 'bad-input'
	| 'empty'
	| 'too-long'
	| 'control-characters'
	| 'invalid-id'
	| 'invalid-time'
	| 'duplicate'
	| 'too-many'
	| 'no-owner'
	| 'too-many-owners'
	| 'unknown-person'
	| 'no-such-item'
	| 'unchanged'
	| DateErrorCode;

export type ActionError = {
	ok: false;
	code: ActionErrorCode;
	field?: 'id' | 'what' | 'owners' | 'due';
};
export type ActionsResult = { ok: true; state: Action[] } | ActionError;
export type ActionCheck =
	{ ok: true; value: Pick<Action, 'what' | 'owners' | 'due'> } | ActionError;

const ID = /^[A-Za-z0-9_-]{16,64}$/;

function fail(code: ActionErrorCode, field?: ActionError['field']): ActionError {
	return field ? { ok: false, code, field } : { ok: false, code };
}

/**
 * Checks an action against the people here now. `keep` are owners it already had: they may stay
 * even if they have left, so editing the date does not force dropping someone who went home.
 */
export function checkAction(
	input: ActionInput,
	present: readonly string[],
	today: string,
	keep: readonly string[] = []
): ActionCheck {
	const what = checkLines(input.what, MAX_ACTION);
	if (!what.ok) return fail(what.code as ActionErrorCode, 'what');
	if (!Array.isArray(input.owners)) return fail('bad-input', 'owners');
	if (input.owners.length > MAX_OWNERS * 2) return fail('too-many-owners', 'owners');
	if (!input.owners.every((o) => typeof o === 'string')) return fail('bad-input', 'owners');
	const owners = [...new Set(input.owners as string[])];
	if (owners.length === 0) return fail('no-owner', 'owners');
	if (owners.length > MAX_OWNERS) return fail('too-many-owners', 'owners');
	const allowed = new Set([...present, ...keep]);
	if (!owners.every((o) => allowed.has(o))) return fail('unknown-person', 'owners');
	let due: string | null = null;
	if (input.due !== null && input.due !== undefined && input.due !== '') {
		const d = checkFutureDate(input.due, today);
		if (!d.ok) return fail(d.code, 'due');
		due = d.value;
	}
	return { ok: true, value: { what: what.value, owners, due } };
}

export function addAction(
	actions: readonly Action[],
	id: string,
	input: ActionInput,
	present: readonly string[],
	today: string,
	now: number
): ActionsResult {
	if (typeof id !== 'string' || !ID.test(id)) return fail('invalid-id', 'id');
	if (typeof now !== 'number' || !Number.isFinite(now) || now < 0) return fail('invalid-time');
	if (actions.some((a) => a.id === id)) return fail('duplicate', 'id');
	if (actions.length >= MAX_ACTIONS) return fail('too-many');
	const c = checkAction(input, present, today);
	if (!c.ok) return c;
	return { ok: true, state: [...actions, { id, ...c.value, done: false, createdAt: now }] };
}

export function editAction(
	actions: readonly Action[],
	id: string,
	input: ActionInput,
	present: readonly string[],
	today: string
): ActionsResult {
	const old = actions.find((a) => a.id === id);
	if (!old) return fail('no-such-item', 'id');
	// An unchanged past date may stay: the action was agreed with it.
	const dueUnchanged = input.due === old.due && old.due !== null;
	const c = checkAction(
		{ ...input, due: dueUnchanged ? null : input.due },
		present,
		today,
		old.owners
	);
	if (!c.ok) return c;
	const next = { ...c.value, due: dueUnchanged ? old.due : c.value.due };
	if (
		next.what === old.what &&
		next.due === old.due &&
		next.owners.length === old.owners.length &&
		next.owners.every((o, i) => o === old.owners[i])
	) {
		return fail('unchanged');
	}
	return { ok: true, state: actions.map((a) => (a.id === id ? { ...a, ...next } : a)) };
}

export function removeAction(actions: readonly Action[], id: string): ActionsResult {
	if (!actions.some((a) => a.id === id)) return fail('no-such-item', 'id');
	return { ok: true, state: actions.filter((a) => a.id !== id) };
}

export function setActionDone(
	actions: readonly Action[],
	id: string,
	done: boolean
): ActionsResult {
	const a = actions.find((x) => x.id === id);
	if (!a) return fail('no-such-item', 'id');
	if (typeof done !== 'boolean') return fail('bad-input');
	if (a.done === done) return fail('unchanged');
	return { ok: true, state: actions.map((x) => (x.id === id ? { ...x, done } : x)) };
}

/** Soonest first, undated last, then by what; equal ones keep the order they were added in. */
export function byDue(a: Action, b: Action): number {
	if (a.due !== b.due) {
		if (a.due === null) return 1;
		if (b.due === null) return -1;
		return a.due < b.due ? -1 : 1;
	}
	return a.what < b.what ? -1 : a.what > b.what ? 1 : 0;
}

/** "Your actions": what this person owns, not yet done first, each group soonest first. */
export function yourActions(actions: readonly Action[], personId: string): Action[] {
	return actions
		.filter((a) => a.owners.includes(personId))
		.sort((a, b) => Number(a.done) - Number(b.done) || byDue(a, b));
}

/** Past its date and not done, as of `today`. */
export function isOverdue(action: Action, today: string): boolean {
	return !action.done && action.due !== null && action.due < today;
}
