/**
 * Close-out (co-evaluation): the anonymous "Did you feel heard?" and "How much did we decide
 * together?" questions, and how each person is named in the record. Decides what an answer is,
 * that results exist only once feedback is closed (live totals would show each answer as it came),
 * that no group smaller than three is ever shown, including by subtraction from the total, and
 * the initials rule for people who choose to be named by initials.
 */
import { checkLines } from '../../shared/text.ts';

export const FELT_HEARD = ['yes', 'partly', 'no'] as const;
export type FeltHeard = (typeof FELT_HEARD)[number];

/** The ladder of co-production, lowest rung first. */
export const LADDER = ['informed', 'consulted', 'engaged', 'co-designed', 'co-produced'] as const;
export type LadderRung = (typeof LADDER)[number];

/** No figure for a group with fewer answers than this: each of two people knows the other's. */
export const MIN_GROUP = 3;
export const MAX_COMMENT = 500;
export const MAX_RESPONDENT_LENGTH = 128;
export const MAX_ROLE_LENGTH = 120;

export interface FeedbackAnswer {
	heard: FeltHeard | null;
	ladder: LadderRung | null;
	comment: string | null;
}

export interface FeedbackEntry extends FeedbackAnswer {
	/**
	 * The respondent's role group as `roleBucket` gave it when they answered (their own role, or
	 * OTHER_ROLES), or null: never a group of fewer than MIN_GROUP people who could answer.
	 */
	role: string | null;
}

/**
 * The group of roles too small to stand alone, merged. Roles are typed text, which never holds a
 * control character, so no role can be named this.
 */
export const OTHER_ROLES = '\u0000other-roles';

/**
 * Which role group an answer is filed under, from the roster of people who could answer (everyone
 * who joined with a device; `roster` lists each one's role). A role with at least MIN_GROUP such
 * people keeps its own group; the smaller ones are merged into OTHER_ROLES, and that group too is
 * dropped (null: the answer is stored with no role at all) when it has fewer than MIN_GROUP.
 *
 * Why at answer time and by the roster, not by who answered: the stored answer must already be
 * safe on the day it is written, for anyone who reads the database then, including someone holding
 * the server's secrets. Whoever can read the database can also read the roster, so a group is
 * safe when at least MIN_GROUP people of the roster could have written each answer filed under
 * it. Who actually answered is stored nowhere (the answers are filed under a key only the person's
 * own device can make), so the roster is all a reader has to go on. The roster only grows, so a
 * group that was big enough when an answer was filed stays big enough. The figures shown by role
 * then need MIN_GROUP answers on top (see `summariseFeedback`).
 */
export function roleBucket(role: string, roster: readonly string[]): string | null {
	const sizes = new Map<string, number>();
	for (const r of roster) sizes.set(r, (sizes.get(r) ?? 0) + 1);
	if ((sizes.get(role) ?? 0) >= MIN_GROUP) return role;
	let small = 0;
	for (const n of sizes.values()) if (n < MIN_GROUP) small += n;
	return small >= MIN_GROUP ? OTHER_ROLES : null;
}

/**
 * Answers keyed by respondent. The server passes an opaque key (a keyed hash of the person), so
 * the map names nobody; it only lets a person change their answer instead of adding another.
 */
export interface FeedbackRound {
	open: boolean;
	entries: Record<string, FeedbackEntry>;
}

export type CloseoutErrorCode =
	| 'bad-input'
	| 'empty'
	| 'too-long'
	| 'control-characters'
	| 'invalid-answer'
	| 'invalid-respondent'
	| 'feedback-closed'
	| 'unchanged';

export type CloseoutError = { ok: false; code: CloseoutErrorCode; field?: string };

function fail(code: CloseoutErrorCode, field?: string): CloseoutError {
	return field ? { ok: false, code, field } : { ok: false, code };
}

export function createFeedbackRound(): FeedbackRound {
	return { open: false, entries: Object.create(null) };
}

/** Each question may be skipped, but an answer must say something. */
export function checkFeedback(input: {
	heard?: unknown;
	ladder?: unknown;
	comment?: unknown;
}): { ok: true; value: FeedbackAnswer } | CloseoutError {
	const heard = input.heard ?? null;
	const ladder = input.ladder ?? null;
	if (heard !== null && !(FELT_HEARD as readonly unknown[]).includes(heard)) {
		return fail('invalid-answer', 'heard');
	}
	if (ladder !== null && !(LADDER as readonly unknown[]).includes(ladder)) {
		return fail('invalid-answer', 'ladder');
	}
	let comment: string | null = null;
	const c = input.comment;
	if (c !== undefined && c !== null && !(typeof c === 'string' && c.trim() === '')) {
		const r = checkLines(c, MAX_COMMENT);
		if (!r.ok) return fail(r.code as CloseoutErrorCode, 'comment');
		comment = r.value;
	}
	if (heard === null && ladder === null && comment === null) return fail('empty');
	return {
		ok: true,
		value: { heard: heard as FeltHeard | null, ladder: ladder as LadderRung | null, comment }
	};
}

export function openFeedback(
	round: FeedbackRound
): { ok: true; state: FeedbackRound } | CloseoutError {
	if (round.open) return fail('unchanged');
	return { ok: true, state: { ...round, open: true } };
}

export function closeFeedback(
	round: FeedbackRound
): { ok: true; state: FeedbackRound } | CloseoutError {
	if (!round.open) return fail('unchanged');
	return { ok: true, state: { ...round, open: false } };
}

/** Records or replaces one person's answer while feedback is open. */
export function submitFeedback(
	round: FeedbackRound,
	respondent: string,
	role: string | null,
	input: { heard?: unknown; ladder?: unknown; comment?: unknown }
): { ok: true; state: FeedbackRound } | CloseoutError {
	if (!round.open) return fail('feedback-closed');
	if (
		typeof respondent !== 'string' ||
		respondent.length === 0 ||
		respondent.length > MAX_RESPONDENT_LENGTH
	) {
		return fail('invalid-respondent');
	}
	if (role !== null && (typeof role !== 'string' || role.length > MAX_ROLE_LENGTH)) {
		return fail('bad-input', 'role');
	}
	const a = checkFeedback(input);
	if (!a.ok) return a;
	const entries: Record<string, FeedbackEntry> = Object.assign(Object.create(null), round.entries);
	entries[respondent] = { ...a.value, role };
	return { ok: true, state: { ...round, entries } };
}

export interface QuestionTally<K extends string> {
	answered: number;
	counts: Record<K, number>;
}

export interface RoleFeedback {
	role: string;
	/** null when too few of this role answered the question to show it. */
	heard: QuestionTally<FeltHeard> | null;
	ladder: QuestionTally<LadderRung> | null;
}

export type FeedbackSummary =
	| { available: false; respondents: number }
	| {
			available: true;
			respondents: number;
			/** null when fewer than MIN_GROUP answered the question at all. */
			heard: QuestionTally<FeltHeard> | null;
			ladder: QuestionTally<LadderRung> | null;
			/** Only roles with something to show, in first-seen order of the roles list given. */
			byRole: RoleFeedback[];
			/** True when some role's figures are held back for being too small. */
			rolesWithheld: boolean;
			/** Sorted, never in answer order; none when fewer than MIN_GROUP people answered. */
			comments: string[];
	  };

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
	return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function tally<K extends string>(keys: readonly K[], values: readonly K[]): QuestionTally<K> {
	const counts = zero(keys);
	for (const v of values) counts[v]++;
	return { answered: values.length, counts };
}

/**
 * Which roles can be shown for one question. A role shows only with at least MIN_GROUP answers.
 * If the roles held back add up to fewer than MIN_GROUP (but more than none), their figures would
 * follow from the total minus the shown roles, so the smallest shown roles are held back too until
 * the held-back group is big enough or nothing is shown.
 */
function shownRoles(sizes: Map<string, number>, withoutRole: number): Set<string> {
	const shown = new Set([...sizes].filter(([, n]) => n >= MIN_GROUP).map(([r]) => r));
	// Answers filed with no role are held back too, and must not follow by subtraction either.
	let hidden =
		withoutRole + [...sizes].filter(([r]) => !shown.has(r)).reduce((sum, [, n]) => sum + n, 0);
	while (hidden > 0 && hidden < MIN_GROUP && shown.size > 0) {
		let smallest: string | null = null;
		for (const r of shown) {
			const n = sizes.get(r) ?? 0;
			if (
				smallest === null ||
				n < (sizes.get(smallest) ?? 0) ||
				(n === sizes.get(smallest) && r < smallest)
			) {
				smallest = r;
			}
		}
		if (smallest === null) break;
		shown.delete(smallest);
		hidden += sizes.get(smallest) ?? 0;
	}
	return shown;
}

function byRoleFor<K extends string>(
	entries: readonly FeedbackEntry[],
	pickValue: (e: FeedbackEntry) => K | null
): Map<string, K[]> {
	const out = new Map<string, K[]>();
	for (const e of entries) {
		const value = pickValue(e);
		if (value === null || e.role === null) continue;
		const list = out.get(e.role) ?? [];
		list.push(value);
		out.set(e.role, list);
	}
	return out;
}

/** The results for facilitators (and everyone, if they choose): only once feedback is closed. */
export function summariseFeedback(round: FeedbackRound): FeedbackSummary {
	const entries = Object.values(round.entries);
	const respondents = entries.length;
	if (round.open) return { available: false, respondents };

	const heardValues = entries.flatMap((e) => (e.heard === null ? [] : [e.heard]));
	const ladderValues = entries.flatMap((e) => (e.ladder === null ? [] : [e.ladder]));
	const heardOverall = heardValues.length >= MIN_GROUP ? tally(FELT_HEARD, heardValues) : null;
	const ladderOverall = ladderValues.length >= MIN_GROUP ? tally(LADDER, ladderValues) : null;

	const heardByRole = byRoleFor(entries, (e) => e.heard);
	const ladderByRole = byRoleFor(entries, (e) => e.ladder);
	const sizes = (m: Map<string, unknown[]>) => new Map([...m].map(([r, list]) => [r, list.length]));
	// Without an overall figure there is nothing to subtract from, but a lone role is still small.
	const unfiled = (pick: (e: FeedbackEntry) => unknown) =>
		entries.filter((e) => e.role === null && pick(e) !== null).length;
	const heardUnfiled = unfiled((e) => e.heard);
	const ladderUnfiled = unfiled((e) => e.ladder);
	const heardShown = heardOverall
		? shownRoles(sizes(heardByRole), heardUnfiled)
		: new Set<string>();
	const ladderShown = ladderOverall
		? shownRoles(sizes(ladderByRole), ladderUnfiled)
		: new Set<string>();

	// The merged group last, after the roles in their own right.
	const roles = [...new Set(entries.flatMap((e) => (e.role === null ? [] : [e.role])))].sort(
		(a, b) => (a === OTHER_ROLES ? 1 : b === OTHER_ROLES ? -1 : a < b ? -1 : a > b ? 1 : 0)
	);
	const byRole: RoleFeedback[] = [];
	let rolesWithheld = heardUnfiled + ladderUnfiled > 0;
	for (const role of roles) {
		const heard = heardShown.has(role) ? tally(FELT_HEARD, heardByRole.get(role) ?? []) : null;
		const ladder = ladderShown.has(role) ? tally(LADDER, ladderByRole.get(role) ?? []) : null;
		if ((heardByRole.has(role) && !heard) || (ladderByRole.has(role) && !ladder))
			rolesWithheld = true;
		if (heard || ladder) byRole.push({ role, heard, ladder });
	}

	const comments =
		respondents >= MIN_GROUP
			? entries
					.flatMap((e) => (e.comment === null ? [] : [e.comment]))
					.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
			: [];
	return {
		available: true,
		respondents,
		heard: heardOverall,
		ladder: ladderOverall,
		byRole,
		rolesWithheld,
		comments
	};
}

// ---- how a person is named in the record ----

export const NAMINGS = ['name', 'initials', 'participant'] as const;
export type Naming = (typeof NAMINGS)[number];
/** The name people typed when joining is what others already saw, so it is the default. */
export const DEFAULT_NAMING: Naming = 'name';

export function isNaming(value: unknown): value is Naming {
	return (NAMINGS as readonly unknown[]).includes(value);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const LETTER = /\p{L}/u;

function firstLetter(word: string): string | null {
	for (const { segment } of graphemes.segment(word)) {
		return LETTER.test(segment) ? segment.toLocaleUpperCase() : null;
	}
	return null;
}

/**
 * Initials: the first letter of the first word and of the last word, in capitals ("Mary Ann
 * Jones" → "MJ", "Cerys" → "C"). Words that do not start with a letter (emoji, numbers, "(she)")
 * are skipped; a name with no such word has no initials (null), and is then named "a participant".
 * Two letters at most: more would pick one person out of a small group almost as a name does.
 */
export function initialsOf(name: string): string | null {
	if (typeof name !== 'string') return null;
	const words = name
		.normalize('NFC')
		.split(/[\s\-‐‑–—]+/u)
		.map(firstLetter)
		.filter((l): l is string => l !== null);
	if (words.length === 0) return null;
	return words.length === 1 ? words[0] : `${words[0]}${words[words.length - 1]}`;
}

/** The label the record uses for a person; `participantLabel` is "A participant" in the record's language. */
export function recordName(naming: Naming, name: string, participantLabel: string): string {
	if (naming === 'name')
		return typeof name === 'string' && name.trim() !== '' ? name : participantLabel;
	if (naming === 'initials') return initialsOf(name) ?? participantLabel;
	// 'participant', and anything unknown: when in doubt, name nobody.
	return participantLabel;
}
