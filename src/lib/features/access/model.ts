/**
 * Access needs: "What would help you take part?", asked when joining and editable in Settings.
 * Decides which choices exist, how a person's answer is checked (known choices, a short note,
 * and whether the facilitator sees it with their name or only as a count) and how answers become
 * a facilitator's to-do list ("2 people need breaks; 1 person prefers to write"): what to do,
 * never a diagnosis, and never a name for someone who chose "only as a count".
 */
import { checkLines } from '../../shared/text.ts';
import type { CoreErrorCode as ErrorCode } from '../../shared/result.ts';

/** The choices of issue 12, in the order people see them. */
export const ACCESS_NEEDS = [
	'screen-reader',
	'breaks',
	'plain-words',
	'more-time',
	'write',
	'speaks-for-me',
	'hearing'
] as const;
export type AccessNeed = (typeof ACCESS_NEEDS)[number];

/** 'named': the facilitator sees it with the person's name, so they can act on it. */
export const ACCESS_VISIBILITIES = ['named', 'count'] as const;
export type AccessVisibility = (typeof ACCESS_VISIBILITIES)[number];

export const MAX_ACCESS_NOTE = 300;

export interface AccessNeeds {
	/** Known choices, each at most once, in ACCESS_NEEDS order. */
	needs: AccessNeed[];
	/** The person's own words, or null. */
	note: string | null;
	visibility: AccessVisibility;
}

export type AccessErrorCode =
	| 'bad-input'
	| 'invalid-need'
	| 'invalid-visibility'
	| Extract<ErrorCode, 'too-long' | 'control-characters'>;

export type AccessResult =
	| { ok: true; value: AccessNeeds }
	| { ok: false; code: AccessErrorCode; field?: 'needs' | 'note' | 'visibility' };

export function isAccessNeed(value: unknown): value is AccessNeed {
	return (ACCESS_NEEDS as readonly unknown[]).includes(value);
}

/** Nothing chosen yet: the default for someone who skips the question. */
export function noAccessNeeds(): AccessNeeds {
	return { needs: [], note: null, visibility: 'count' };
}

/**
 * Checks one person's answer. Repeated choices collapse into one; an empty or blank note means no
 * note. Choosing nothing is allowed: it is how a person clears what they said before.
 */
export function checkAccessNeeds(input: {
	needs: unknown;
	note?: unknown;
	visibility: unknown;
}): AccessResult {
	if (!Array.isArray(input.needs) || input.needs.length > ACCESS_NEEDS.length * 2) {
		return { ok: false, code: 'bad-input', field: 'needs' };
	}
	if (!input.needs.every(isAccessNeed)) return { ok: false, code: 'invalid-need', field: 'needs' };
	if (!(ACCESS_VISIBILITIES as readonly unknown[]).includes(input.visibility)) {
		return { ok: false, code: 'invalid-visibility', field: 'visibility' };
	}
	let note: string | null = null;
	if (input.note !== undefined && input.note !== null) {
		if (typeof input.note !== 'string') return { ok: false, code: 'bad-input', field: 'note' };
		if (input.note.trim() !== '') {
			const checked = checkLines(input.note, MAX_ACCESS_NOTE);
			if (!checked.ok) {
				const code = checked.code === 'empty' ? 'bad-input' : checked.code;
				return { ok: false, code: code as AccessErrorCode, field: 'note' };
			}
			note = checked.value;
		}
	}
	const chosen = new Set(input.needs);
	return {
		ok: true,
		value: {
			needs: ACCESS_NEEDS.filter((n) => chosen.has(n)),
			note,
			visibility: input.visibility as AccessVisibility
		}
	};
}

export function hasAnyNeed(a: AccessNeeds): boolean {
	return a.needs.length > 0 || a.note !== null;
}

export interface PersonAccess {
	personId: string;
	name: string;
	access: AccessNeeds;
}

/** One line of the facilitator's list: how many, and the names of those who allowed it. */
export interface AccessTodo {
	need: AccessNeed;
	count: number;
	/** Only people who chose 'named', sorted by name; never everyone behind `count`. */
	names: string[];
}

export interface AccessNote {
	text: string;
	/** null for people who chose "only as a count". */
	name: string | null;
}

export interface AccessSummary {
	/** Needs somebody has, in ACCESS_NEEDS order; needs nobody has are left out. */
	todos: AccessTodo[];
	/** Named notes by name, then count-only notes by text: never in joining order, which could link them. */
	notes: AccessNote[];
	/** People who said anything at all. */
	people: number;
}

function byText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The facilitator's list. Only the counts, the chosen names and the notes leave this function:
 * no person id, and nothing in an order that follows the input, so a count-only person cannot
 * be picked out by where they sit in a list.
 */
export function summariseAccessNeeds(people: readonly PersonAccess[]): AccessSummary {
	const seen = new Set<string>();
	const todos = new Map<AccessNeed, AccessTodo>();
	const named: AccessNote[] = [];
	const unnamed: AccessNote[] = [];
	let count = 0;
	for (const p of people) {
		// One answer per person even if the caller passed someone twice.
		if (seen.has(p.personId) || !hasAnyNeed(p.access)) continue;
		seen.add(p.personId);
		count++;
		const showName = p.access.visibility === 'named';
		for (const need of new Set(p.access.needs)) {
			if (!isAccessNeed(need)) continue;
			const todo = todos.get(need) ?? { need, count: 0, names: [] };
			todo.count++;
			if (showName) todo.names.push(p.name);
			todos.set(need, todo);
		}
		if (p.access.note !== null) {
			(showName ? named : unnamed).push({ text: p.access.note, name: showName ? p.name : null });
		}
	}
	for (const todo of todos.values()) todo.names.sort(byText);
	named.sort((a, b) => byText(a.name ?? '', b.name ?? '') || byText(a.text, b.text));
	unnamed.sort((a, b) => byText(a.text, b.text));
	return {
		todos: ACCESS_NEEDS.flatMap((n) => (todos.has(n) ? [todos.get(n) as AccessTodo] : [])),
		notes: [...named, ...unnamed],
		people: count
	};
}
