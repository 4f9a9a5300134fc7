/**
 * Taking part: glossary, anonymous "What does … mean?" questions, ground rules, check-in and
 * check-out rounds, breaks and written turns (R20–R23). Decides what text is accepted, how terms
 * are told apart (case-insensitively), which ground rules a workshop starts with, how questions
 * reach the facilitator without a name or a telling moment, and how break timers read, which are
 * advisory only: nothing here ever ends a break or a turn by itself.
 */
import { checkLine, checkLines } from '../../shared/text.ts';
import type { Language } from '../../shared/workshop.ts';

const ID = /^[A-Za-z0-9_-]{16,64}$/;

export type InclusionErrorCode =
	| 'bad-input'
	| 'empty'
	| 'too-long'
	| 'control-characters'
	| 'invalid-id'
	| 'no-such-item'
	| 'duplicate'
	| 'too-many'
	| 'unchanged'
	| 'cannot-move'
	| 'invalid-kind'
	| 'invalid-display'
	| 'invalid-time'
	| 'invalid-duration'
	| 'already-on-break'
	| 'no-break'
	| 'no-round';

export type InclusionError = { ok: false; code: InclusionErrorCode; field?: string };
export type InclusionResult<T> = { ok: true; state: T } | InclusionError;

function fail(code: InclusionErrorCode, field?: string): InclusionError {
	return field ? { ok: false, code, field } : { ok: false, code };
}

type Checked = { ok: true; value: string } | InclusionError;

function line(input: unknown, max: number, field: string): Checked {
	const r = checkLine(input, max);
	return r.ok ? r : fail(r.code as InclusionErrorCode, field);
}

function text(input: unknown, max: number, field: string): Checked {
	const r = checkLines(input, max);
	return r.ok ? r : fail(r.code as InclusionErrorCode, field);
}

function isId(id: unknown): id is string {
	return typeof id === 'string' && ID.test(id);
}

/** How two terms or rules are told apart: case, accents' encoding and spacing do not count. */
export function sameText(a: string, b: string): boolean {
	return fold(a) === fold(b);
}

function fold(s: string): string {
	return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function compareFor(language: Language): (a: string, b: string) => number {
	const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
	return (a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

// ---- glossary ----

export const MAX_TERM = 60;
export const MAX_MEANING = 300;
export const MAX_GLOSSARY = 200;

export interface GlossaryEntry {
	id: string;
	term: string;
	meaning: string;
}

export type Glossary = GlossaryEntry[];

function checkEntry(term: unknown, meaning: unknown) {
	const t = line(term, MAX_TERM, 'term');
	if (!t.ok) return t;
	const m = text(meaning, MAX_MEANING, 'meaning');
	if (!m.ok) return m;
	return { ok: true as const, term: t.value, meaning: m.value };
}

export function addGlossaryTerm(
	glossary: Glossary,
	id: string,
	term: unknown,
	meaning: unknown
): InclusionResult<Glossary> {
	if (!isId(id)) return fail('invalid-id', 'id');
	const e = checkEntry(term, meaning);
	if (!e.ok) return e;
	if (glossary.some((g) => g.id === id)) return fail('duplicate', 'id');
	if (glossary.some((g) => sameText(g.term, e.term))) return fail('duplicate', 'term');
	if (glossary.length >= MAX_GLOSSARY) return fail('too-many');
	return { ok: true, state: [...glossary, { id, term: e.term, meaning: e.meaning }] };
}

export function editGlossaryTerm(
	glossary: Glossary,
	id: string,
	term: unknown,
	meaning: unknown
): InclusionResult<Glossary> {
	const i = glossary.findIndex((g) => g.id === id);
	if (i < 0) return fail('no-such-item', 'id');
	const e = checkEntry(term, meaning);
	if (!e.ok) return e;
	if (glossary.some((g) => g.id !== id && sameText(g.term, e.term)))
		return fail('duplicate', 'term');
	const old = glossary[i];
	if (old.term === e.term && old.meaning === e.meaning) return fail('unchanged');
	const state = glossary.map((g) => (g.id === id ? { id, term: e.term, meaning: e.meaning } : g));
	return { ok: true, state };
}

export function removeGlossaryTerm(glossary: Glossary, id: string): InclusionResult<Glossary> {
	if (!glossary.some((g) => g.id === id)) return fail('no-such-item', 'id');
	return { ok: true, state: glossary.filter((g) => g.id !== id) };
}

/** The entry for a term, however it is capitalised or spaced, or null. */
export function findGlossaryTerm(glossary: Glossary, term: string): GlossaryEntry | null {
	if (typeof term !== 'string') return null;
	return glossary.find((g) => sameText(g.term, term)) ?? null;
}

/** A–Z in the reader's language (Welsh sorts by its own alphabet's collation). */
export function sortedGlossary(glossary: Glossary, language: Language): GlossaryEntry[] {
	const cmp = compareFor(language);
	return [...glossary].sort((a, b) => cmp(a.term, b.term));
}

// ---- "What does … mean?" ----

export const MAX_OPEN_QUESTIONS = 100;

export interface MeaningQuestion {
	id: string;
	term: string;
	/** How many people asked: a count, never who. */
	count: number;
}

/**
 * Questions wait in `pending` until the next publishing tick (the signals' cadence), then join
 * `shown` together, merged by term and sorted A–Z: neither the moment nor the order a question
 * arrived in tells the facilitator who asked it.
 */
export interface MeaningQuestions {
	pending: MeaningQuestion[];
	shown: MeaningQuestion[];
}

export function createMeaningQuestions(): MeaningQuestions {
	return { pending: [], shown: [] };
}

export function askMeaning(
	questions: MeaningQuestions,
	id: string,
	term: unknown
): InclusionResult<MeaningQuestions> {
	if (!isId(id)) return fail('invalid-id', 'id');
	const t = line(term, MAX_TERM, 'term');
	if (!t.ok) return t;
	const pending = questions.pending.find((q) => sameText(q.term, t.value));
	if (pending) {
		const state = questions.pending.map((q) => (q === pending ? { ...q, count: q.count + 1 } : q));
		return { ok: true, state: { ...questions, pending: state } };
	}
	const known = questions.shown.some((q) => sameText(q.term, t.value));
	if (!known && questions.pending.length + questions.shown.length >= MAX_OPEN_QUESTIONS) {
		return fail('too-many');
	}
	if ([...questions.pending, ...questions.shown].some((q) => q.id === id)) {
		return fail('duplicate', 'id');
	}
	// Kept in term order, not arrival order, so even the waiting list says nothing of who came first.
	const waiting = [...questions.pending, { id, term: t.value, count: 1 }].sort((a, b) =>
		fold(a.term) < fold(b.term) ? -1 : fold(a.term) > fold(b.term) ? 1 : 0
	);
	return { ok: true, state: { ...questions, pending: waiting } };
}

/** Called on a publishing tick: pending questions join the shown ones, merged by term, A–Z. */
export function releaseMeaningQuestions(
	questions: MeaningQuestions,
	language: Language
): MeaningQuestions {
	if (questions.pending.length === 0) return questions;
	const shown = questions.shown.map((q) => ({ ...q }));
	for (const p of questions.pending) {
		const same = shown.find((q) => sameText(q.term, p.term));
		if (same) same.count += p.count;
		else shown.push({ ...p });
	}
	const cmp = compareFor(language);
	shown.sort((a, b) => cmp(a.term, b.term));
	return { pending: [], shown };
}

/**
 * Each person may ask this many questions in this time. Who asked when is kept in memory only, for
 * this rule, and forgotten once it no longer matters; it never reaches the questions themselves.
 */
export const MAX_ASKS_PER_PERSON = 5;
export const ASK_WINDOW_MS = 10 * 60_000;

/** Ms until someone who asked at `times` may ask again; 0 when they may now. */
export function askWait(times: readonly number[], now: number): number {
	const recent = times.filter((t) => t > now - ASK_WINDOW_MS && t <= now).sort((a, b) => a - b);
	if (recent.length < MAX_ASKS_PER_PERSON) return 0;
	// Clamped, so a clock that steps back cannot lock someone out for longer than the rule says.
	return Math.min(ASK_WINDOW_MS, recent[recent.length - MAX_ASKS_PER_PERSON] + ASK_WINDOW_MS - now);
}

/** Adds this ask's time and drops times that no longer count. */
export function recordAsk(times: readonly number[], now: number): number[] {
	return [...times.filter((t) => t > now - ASK_WINDOW_MS && t <= now), now];
}

/** A term now in the glossary answers every question about it, waiting or shown. */
export function answerMeaningTerm(questions: MeaningQuestions, term: string): MeaningQuestions {
	const open = (q: MeaningQuestion) => !sameText(q.term, term);
	return { pending: questions.pending.filter(open), shown: questions.shown.filter(open) };
}

/** The facilitator answered it (aloud, or by adding the term to the glossary). */
export function resolveMeaningQuestion(
	questions: MeaningQuestions,
	id: string
): InclusionResult<MeaningQuestions> {
	if (!questions.shown.some((q) => q.id === id)) return fail('no-such-item', 'id');
	return { ok: true, state: { ...questions, shown: questions.shown.filter((q) => q.id !== id) } };
}

// ---- ground rules ----

/** The default set, in plain words; the words themselves live in messages.ts in each language. */
export const DEFAULT_RULE_KEYS = [
	'equal',
	'one-at-a-time',
	'plain-words',
	'pass',
	'ideas-not-people',
	'private',
	'signals',
	'breaks'
] as const;
export type DefaultRuleKey = (typeof DEFAULT_RULE_KEYS)[number];

export const MAX_RULE = 200;
export const MAX_RULES = 20;
export const MAX_RULE_SUGGESTIONS = 50;

/** A default rule is shown in each reader's language (and easy read); a custom one as written. */
export type GroundRule =
	| { id: string; kind: 'default'; key: DefaultRuleKey }
	| { id: string; kind: 'custom'; text: string };

export type GroundRules = GroundRule[];

export interface RuleSuggestion {
	id: string;
	text: string;
}

/** Ids of default rules are fixed, so resetting twice gives the same document. */
export function defaultRuleId(key: DefaultRuleKey): string {
	return `rule-default-${key}`;
}

export function defaultGroundRules(): GroundRules {
	return DEFAULT_RULE_KEYS.map((key) => ({ id: defaultRuleId(key), kind: 'default', key }));
}

function customTextTaken(rules: GroundRules, value: string, exceptId?: string): boolean {
	return rules.some((r) => r.id !== exceptId && r.kind === 'custom' && sameText(r.text, value));
}

export function addGroundRule(
	rules: GroundRules,
	id: string,
	ruleText: unknown
): InclusionResult<GroundRules> {
	if (!isId(id)) return fail('invalid-id', 'id');
	const t = text(ruleText, MAX_RULE, 'text');
	if (!t.ok) return t;
	if (rules.some((r) => r.id === id)) return fail('duplicate', 'id');
	if (customTextTaken(rules, t.value)) return fail('duplicate', 'text');
	if (rules.length >= MAX_RULES) return fail('too-many');
	return { ok: true, state: [...rules, { id, kind: 'custom', text: t.value }] };
}

/** Editing a default rule makes it the facilitator's own words, shown as written from then on. */
export function editGroundRule(
	rules: GroundRules,
	id: string,
	ruleText: unknown
): InclusionResult<GroundRules> {
	const rule = rules.find((r) => r.id === id);
	if (!rule) return fail('no-such-item', 'id');
	const t = text(ruleText, MAX_RULE, 'text');
	if (!t.ok) return t;
	if (rule.kind === 'custom' && rule.text === t.value) return fail('unchanged');
	if (customTextTaken(rules, t.value, id)) return fail('duplicate', 'text');
	const state = rules.map((r): GroundRule =>
		r.id === id ? { id, kind: 'custom', text: t.value } : r
	);
	return { ok: true, state };
}

export function removeGroundRule(rules: GroundRules, id: string): InclusionResult<GroundRules> {
	if (!rules.some((r) => r.id === id)) return fail('no-such-item', 'id');
	return { ok: true, state: rules.filter((r) => r.id !== id) };
}

export function moveGroundRule(
	rules: GroundRules,
	id: string,
	direction: 'up' | 'down'
): InclusionResult<GroundRules> {
	const from = rules.findIndex((r) => r.id === id);
	if (from < 0) return fail('no-such-item', 'id');
	if (direction !== 'up' && direction !== 'down') return fail('bad-input', 'direction');
	const to = direction === 'up' ? from - 1 : from + 1;
	if (to < 0 || to >= rules.length) return fail('cannot-move');
	const state = [...rules];
	[state[from], state[to]] = [state[to], state[from]];
	return { ok: true, state };
}

/**
 * A participant suggests a rule. Suggestions carry no author; repeats of a pending suggestion or
 * of a rule already in the list are refused as duplicates, so the facilitator sees each idea once.
 */
export function suggestGroundRule(
	suggestions: RuleSuggestion[],
	rules: GroundRules,
	id: string,
	ruleText: unknown
): InclusionResult<RuleSuggestion[]> {
	if (!isId(id)) return fail('invalid-id', 'id');
	const t = text(ruleText, MAX_RULE, 'text');
	if (!t.ok) return t;
	if (suggestions.some((s) => s.id === id)) return fail('duplicate', 'id');
	if (customTextTaken(rules, t.value) || suggestions.some((s) => sameText(s.text, t.value))) {
		return fail('duplicate', 'text');
	}
	if (suggestions.length >= MAX_RULE_SUGGESTIONS) return fail('too-many');
	return { ok: true, state: [...suggestions, { id, text: t.value }] };
}

/** The suggestion becomes a rule at the end of the list, keeping its id. */
export function acceptRuleSuggestion(
	suggestions: RuleSuggestion[],
	rules: GroundRules,
	id: string
): InclusionResult<{ rules: GroundRules; suggestions: RuleSuggestion[] }> {
	const s = suggestions.find((x) => x.id === id);
	if (!s) return fail('no-such-item', 'id');
	const added = addGroundRule(rules, s.id, s.text);
	if (!added.ok) return added;
	return {
		ok: true,
		state: { rules: added.state, suggestions: suggestions.filter((x) => x.id !== id) }
	};
}

export function declineRuleSuggestion(
	suggestions: RuleSuggestion[],
	id: string
): InclusionResult<RuleSuggestion[]> {
	if (!suggestions.some((s) => s.id === id)) return fail('no-such-item', 'id');
	return { ok: true, state: suggestions.filter((s) => s.id !== id) };
}

// ---- written turns ("Raise hand in writing") ----

export const WRITTEN_DISPLAYS = ['with-name', 'without-name'] as const;
export type WrittenDisplay = (typeof WRITTEN_DISPLAYS)[number];
export const MAX_WRITTEN_TURN = 500;

export interface WrittenTurn {
	text: string;
	/** How the facilitator reads it out or the room screen shows it. */
	display: WrittenDisplay;
}

function isDisplay(d: unknown): d is WrittenDisplay {
	return (WRITTEN_DISPLAYS as readonly unknown[]).includes(d);
}

export function checkWrittenTurn(
	pointText: unknown,
	display: unknown,
	max: number = MAX_WRITTEN_TURN
): InclusionResult<WrittenTurn> {
	const t = text(pointText, max, 'text');
	if (!t.ok) return t;
	if (!isDisplay(display)) return fail('invalid-display', 'display');
	return { ok: true, state: { text: t.value, display } };
}

/** What is read out or shown: the name only if the person chose "with my name". */
export function showWrittenTurn(
	turn: WrittenTurn,
	name: string
): { text: string; name: string | null } {
	return { text: turn.text, name: turn.display === 'with-name' ? name : null };
}

// ---- check-in and check-out rounds (R20) ----

export const ROUND_KINDS = ['check-in', 'check-out'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const MAX_ROUND_QUESTION = 200;
/** "A short answer": shorter than a written turn. */
export const MAX_ROUND_ANSWER = 280;

/** 'default' is "How are you arriving today?" or "How are you leaving today?", in each reader's language. */
export type RoundQuestion = { kind: 'default' } | { kind: 'custom'; text: string };

export interface RoundAnswer extends WrittenTurn {
	personId: string;
}

/** The question and any written answers. Speaking and passing go through the queue's go-round. */
export interface CheckRound {
	kind: RoundKind;
	question: RoundQuestion;
	answers: RoundAnswer[];
}

export function startCheckRound(kind: unknown, question: unknown): InclusionResult<CheckRound> {
	if (!(ROUND_KINDS as readonly unknown[]).includes(kind)) return fail('invalid-kind', 'kind');
	let q: RoundQuestion = { kind: 'default' };
	if (
		question !== null &&
		question !== undefined &&
		!(typeof question === 'string' && question.trim() === '')
	) {
		const t = line(question, MAX_ROUND_QUESTION, 'question');
		if (!t.ok) return t;
		q = { kind: 'custom', text: t.value };
	}
	return { ok: true, state: { kind: kind as RoundKind, question: q, answers: [] } };
}

/** Writes or replaces this person's short answer. */
export function answerCheckRound(
	round: CheckRound,
	personId: string,
	answer: unknown,
	display: unknown
): InclusionResult<CheckRound> {
	if (typeof personId !== 'string' || personId.length === 0 || personId.length > 128) {
		return fail('bad-input', 'personId');
	}
	const w = checkWrittenTurn(answer, display, MAX_ROUND_ANSWER);
	if (!w.ok) return w;
	const answers = [
		...round.answers.filter((a) => a.personId !== personId),
		{ personId, ...w.state }
	];
	return { ok: true, state: { ...round, answers } };
}

export function withdrawCheckAnswer(
	round: CheckRound,
	personId: string
): InclusionResult<CheckRound> {
	if (!round.answers.some((a) => a.personId === personId)) return fail('no-such-item', 'personId');
	return {
		ok: true,
		state: { ...round, answers: round.answers.filter((a) => a.personId !== personId) }
	};
}

/**
 * The written answers as everyone sees them, in the go-round's speaking order (`order`); answers
 * from people not in it follow, by text. No person id leaves: a name only when the person chose it.
 */
export function checkRoundAnswers(
	round: CheckRound,
	order: readonly string[],
	names: Readonly<Record<string, string>>
): { text: string; name: string | null }[] {
	const place = new Map(order.map((id, i) => [id, i]));
	const sorted = [...round.answers].sort((a, b) => {
		const pa = place.get(a.personId) ?? Infinity;
		const pb = place.get(b.personId) ?? Infinity;
		if (pa !== pb) return pa < pb ? -1 : 1;
		return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
	});
	return sorted.map((a) =>
		showWrittenTurn(a, Object.hasOwn(names, a.personId) ? names[a.personId] : '')
	);
}

// ---- breaks (R22) ----

export const DEFAULT_BREAK_MS = 10 * 60_000;
export const MIN_BREAK_MS = 60_000;
export const MAX_BREAK_MS = 60 * 60_000;
export const MAX_BREAK_EXTENSION_MS = 30 * 60_000;
/** However often it is extended; a longer break is the end of the day, not a break. */
export const MAX_BREAK_TOTAL_MS = 4 * 60 * 60_000;

/** null: no break. The timer is advisory: the break ends only when a facilitator ends it. */
export type BreakState = { startedAt: number; lengthMs: number } | null;
export type BreakStatus = 'none' | 'running' | 'over-time';

function isTime(t: unknown): t is number {
	return typeof t === 'number' && Number.isFinite(t) && t >= 0;
}

function isWholeMs(ms: unknown, min: number, max: number): ms is number {
	return typeof ms === 'number' && Number.isInteger(ms) && ms >= min && ms <= max;
}

export function startBreak(
	state: BreakState,
	now: number,
	lengthMs: number = DEFAULT_BREAK_MS
): InclusionResult<BreakState> {
	if (!isTime(now)) return fail('invalid-time');
	if (!isWholeMs(lengthMs, MIN_BREAK_MS, MAX_BREAK_MS)) return fail('invalid-duration', 'length');
	if (state !== null) return fail('already-on-break');
	return { ok: true, state: { startedAt: now, lengthMs } };
}

export function extendBreak(state: BreakState, byMs: number): InclusionResult<BreakState> {
	if (state === null) return fail('no-break');
	if (!isWholeMs(byMs, MIN_BREAK_MS, MAX_BREAK_EXTENSION_MS)) return fail('invalid-duration', 'by');
	if (state.lengthMs + byMs > MAX_BREAK_TOTAL_MS) return fail('invalid-duration', 'by');
	return { ok: true, state: { ...state, lengthMs: state.lengthMs + byMs } };
}

export function endBreak(state: BreakState): InclusionResult<BreakState> {
	if (state === null) return fail('no-break');
	return { ok: true, state: null };
}

/** Ms left (negative once over time), or null when there is no break. */
export function breakTimeLeft(state: BreakState, now: number): number | null {
	if (state === null) return null;
	return state.startedAt + state.lengthMs - Math.max(now, state.startedAt);
}

export function breakStatus(state: BreakState, now: number): BreakStatus {
	const left = breakTimeLeft(state, now);
	if (left === null) return 'none';
	return left > 0 ? 'running' : 'over-time';
}
