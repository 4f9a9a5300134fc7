/**
 * Consent decisions: proposal, clarifying and reaction go-rounds (the queue's, pass allowed),
 * amendments, then consent rounds ("Consent", "Object", and "Concern" if turned on beforehand).
 * Decides which step may follow which, that an objection needs a reason, one answer per person per
 * round (changeable until it closes), named or anonymous fixed before it opens, and what the record
 * keeps: an anonymous round's record holds no person id or key, and no answer order shows timing.
 */
import { checkFutureDate, type DateErrorCode } from '../../shared/dates.ts';
import { checkLines } from '../../shared/text.ts';

export const DECISION_STAGES = [
	'proposal',
	'clarifying',
	'reaction',
	'consent',
	'amend',
	'decided',
	'withdrawn'
] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];

export const CONSENT_ANSWERS = ['consent', 'concern', 'object'] as const;
export type ConsentAnswerKind = (typeof CONSENT_ANSWERS)[number];

export const ANSWER_MODES = ['named', 'anonymous'] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

export const MAX_PROPOSAL = 2000;
export const MAX_REASON = 500;
export const MAX_CONSENT_ROUNDS = 20;
export const MAX_VOTER_LENGTH = 128;

export interface ConsentAnswer {
	answer: ConsentAnswerKind;
	reason: string | null;
}

/**
 * A consent round while it is open. `answers` is keyed by voter: the person id in named mode; in
 * anonymous mode the server passes an opaque key (a keyed hash of the person), so even this
 * in-memory map names nobody. It is never published: only `answered` counts go out until it closes.
 */
export interface OpenConsentRound {
	number: number;
	proposal: string;
	mode: AnswerMode;
	concernAllowed: boolean;
	startedAt: number;
	answers: Record<string, ConsentAnswer>;
}

export interface ConsentCounts {
	consent: number;
	concern: number;
	object: number;
	notAnswered: number;
}

/** personId is null in anonymous rounds, where only answers with a reason are kept. */
export interface AnswerRecord {
	personId: string | null;
	answer: ConsentAnswerKind;
	reason: string | null;
}

export interface ConsentRoundRecord {
	kind: 'consent';
	number: number;
	proposal: string;
	mode: AnswerMode;
	concernAllowed: boolean;
	startedAt: number;
	closedAt: number;
	counts: ConsentCounts;
	result: 'consented' | 'objections';
	answers: AnswerRecord[];
}

export type RoundRecord =
	| { kind: 'clarifying'; startedAt: number }
	| { kind: 'reaction'; startedAt: number }
	| { kind: 'amended'; proposal: string; at: number }
	| ConsentRoundRecord;

export interface ConsentOptions {
	mode: AnswerMode;
	concernAllowed: boolean;
}

export interface Decision {
	id: string;
	stage: DecisionStage;
	/** The proposal as it stands; once decided, the text as decided. */
	proposal: string;
	/** For the next consent round; copied into it when it opens and fixed there. */
	options: ConsentOptions;
	/** What has happened, in order. Closed anonymous rounds are already stripped of every key. */
	rounds: RoundRecord[];
	open: OpenConsentRound | null;
	reviewDate: string | null;
	createdAt: number;
	decidedAt: number | null;
}

export type DecisionErrorCode =
	| 'bad-input'
	| 'empty'
	| 'too-long'
	| 'control-characters'
	| 'invalid-id'
	| 'invalid-time'
	| 'invalid-mode'
	| 'invalid-answer'
	| 'invalid-voter'
	| 'wrong-stage'
	| 'unchanged'
	| 'concern-not-allowed'
	| 'reason-required'
	| 'no-answers'
	| 'too-many-rounds'
	| DateErrorCode;

export type DecisionError = { ok: false; code: DecisionErrorCode; field?: string };
export type DecisionResult = { ok: true; state: Decision } | DecisionError;

function fail(code: DecisionErrorCode, field?: string): DecisionError {
	return field ? { ok: false, code, field } : { ok: false, code };
}

const ID = /^[A-Za-z0-9_-]{16,64}$/;

function isTime(t: unknown): t is number {
	return typeof t === 'number' && Number.isFinite(t) && t >= 0;
}

function checkProposal(input: unknown): { ok: true; value: string } | DecisionError {
	const r = checkLines(input, MAX_PROPOSAL);
	return r.ok ? r : fail(r.code as DecisionErrorCode, 'proposal');
}

/** Stages from which a go-round, an amendment or a consent round may start. */
const PREPARING: ReadonlySet<DecisionStage> = new Set([
	'proposal',
	'clarifying',
	'reaction',
	'amend'
]);

export function createDecision(id: string, proposal: unknown, now: number): DecisionResult {
	if (typeof id !== 'string' || !ID.test(id)) return fail('invalid-id', 'id');
	if (!isTime(now)) return fail('invalid-time');
	const p = checkProposal(proposal);
	if (!p.ok) return p;
	return {
		ok: true,
		state: {
			id,
			stage: 'proposal',
			proposal: p.value,
			// Anonymous unless the facilitator chooses otherwise: an objection to a professional's
			// proposal is easier to make when nobody sees whose it is.
			options: { mode: 'anonymous', concernAllowed: false },
			rounds: [],
			open: null,
			reviewDate: null,
			createdAt: now,
			decidedAt: null
		}
	};
}

function startGoRoundStage(
	d: Decision,
	kind: 'clarifying' | 'reaction',
	now: number
): DecisionResult {
	if (!isTime(now)) return fail('invalid-time');
	if (!PREPARING.has(d.stage) || d.stage === kind) return fail('wrong-stage');
	return {
		ok: true,
		state: { ...d, stage: kind, rounds: [...d.rounds, { kind, startedAt: now }] }
	};
}

/** Questions to understand the proposal, each person in turn (the queue's go-round; pass allowed). */
export function startClarifyingRound(d: Decision, now: number): DecisionResult {
	return startGoRoundStage(d, 'clarifying', now);
}

/** Each person's reaction, in turn (the queue's go-round; pass allowed). */
export function startReactionRound(d: Decision, now: number): DecisionResult {
	return startGoRoundStage(d, 'reaction', now);
}

/**
 * The facilitator changes the proposal (at any stage before a consent round opens or after one
 * closed with objections). Once any round has happened the change is kept in the record, so
 * everyone can see how an objection was met; before that it is just the draft being written.
 */
export function amendProposal(d: Decision, proposal: unknown, now: number): DecisionResult {
	if (!isTime(now)) return fail('invalid-time');
	if (!PREPARING.has(d.stage)) return fail('wrong-stage');
	const p = checkProposal(proposal);
	if (!p.ok) return p;
	if (p.value === d.proposal) return fail('unchanged');
	const rounds: RoundRecord[] =
		d.rounds.length > 0 ? [...d.rounds, { kind: 'amended', proposal: p.value, at: now }] : d.rounds;
	return { ok: true, state: { ...d, proposal: p.value, rounds } };
}

/** Named or anonymous, and whether "Concern" is offered: chosen before the round, shown to all. */
export function setConsentOptions(d: Decision, options: ConsentOptions): DecisionResult {
	if (!PREPARING.has(d.stage)) return fail('wrong-stage');
	if (!(ANSWER_MODES as readonly unknown[]).includes(options?.mode))
		return fail('invalid-mode', 'mode');
	if (typeof options.concernAllowed !== 'boolean') return fail('bad-input', 'concernAllowed');
	if (d.options.mode === options.mode && d.options.concernAllowed === options.concernAllowed) {
		return fail('unchanged');
	}
	return {
		ok: true,
		state: { ...d, options: { mode: options.mode, concernAllowed: options.concernAllowed } }
	};
}

function consentRoundsSoFar(d: Decision): number {
	return d.rounds.filter((r) => r.kind === 'consent').length;
}

/** Opens a consent round on the proposal as it stands, with the options fixed from now until it closes. */
export function startConsentRound(d: Decision, now: number): DecisionResult {
	if (!isTime(now)) return fail('invalid-time');
	if (!PREPARING.has(d.stage)) return fail('wrong-stage');
	const number = consentRoundsSoFar(d) + 1;
	if (number > MAX_CONSENT_ROUNDS) return fail('too-many-rounds');
	const open: OpenConsentRound = {
		number,
		proposal: d.proposal,
		mode: d.options.mode,
		concernAllowed: d.options.concernAllowed,
		startedAt: now,
		answers: {}
	};
	return { ok: true, state: { ...d, stage: 'consent', open } };
}

function isVoter(v: unknown): v is string {
	return typeof v === 'string' && v.length > 0 && v.length <= MAX_VOTER_LENGTH;
}

/**
 * One person's answer, replacing any earlier one in this round. A reason is required to object
 * (the group needs it to amend) and optional otherwise; a blank optional reason is no reason.
 */
export function answerConsent(
	d: Decision,
	voter: string,
	answer: unknown,
	reason: unknown
): DecisionResult {
	if (d.stage !== 'consent' || d.open === null) return fail('wrong-stage');
	if (!isVoter(voter)) return fail('invalid-voter');
	if (!(CONSENT_ANSWERS as readonly unknown[]).includes(answer))
		return fail('invalid-answer', 'answer');
	const kind = answer as ConsentAnswerKind;
	if (kind === 'concern' && !d.open.concernAllowed) return fail('concern-not-allowed', 'answer');
	let text: string | null = null;
	const blank =
		reason === undefined || reason === null || (typeof reason === 'string' && reason.trim() === '');
	if (!blank) {
		const r = checkLines(reason, MAX_REASON);
		if (!r.ok) return fail(r.code as DecisionErrorCode, 'reason');
		text = r.value;
	}
	if (kind === 'object' && text === null) return fail('reason-required', 'reason');
	// A fresh object without inherited keys: a voter key such as '__proto__' is just a key.
	const answers: Record<string, ConsentAnswer> = Object.assign(Object.create(null), d.open.answers);
	answers[voter] = { answer: kind, reason: text };
	return { ok: true, state: { ...d, open: { ...d.open, answers } } };
}

/** The voter's own current answer, for their own screen; null if they have not answered. */
export function ownAnswer(d: Decision, voter: string): ConsentAnswer | null {
	if (!d.open || !Object.hasOwn(d.open.answers, voter)) return null;
	return d.open.answers[voter];
}

const ANSWER_ORDER: Record<ConsentAnswerKind, number> = { object: 0, concern: 1, consent: 2 };

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The closed round as it is kept. Answers are sorted by kind, then by person (named) or reason
 * (anonymous), never in the order they came. Anonymous: no key survives, and an answer without a
 * reason is only a count.
 */
function recordRound(open: OpenConsentRound, now: number, eligible: number): ConsentRoundRecord {
	const entries = Object.entries(open.answers);
	const counts: ConsentCounts = { consent: 0, concern: 0, object: 0, notAnswered: 0 };
	for (const [, a] of entries) counts[a.answer]++;
	counts.notAnswered = Math.max(0, Math.floor(eligible) - entries.length);
	let answers: AnswerRecord[];
	if (open.mode === 'named') {
		answers = entries
			.map(([personId, a]) => ({ personId, answer: a.answer, reason: a.reason }))
			.sort(
				(a, b) =>
					ANSWER_ORDER[a.answer] - ANSWER_ORDER[b.answer] || compareText(a.personId, b.personId)
			);
	} else {
		answers = entries
			.filter(([, a]) => a.reason !== null)
			.map(([, a]) => ({ personId: null, answer: a.answer, reason: a.reason }))
			.sort(
				(a, b) =>
					ANSWER_ORDER[a.answer] - ANSWER_ORDER[b.answer] ||
					compareText(a.reason ?? '', b.reason ?? '')
			);
	}
	return {
		kind: 'consent',
		number: open.number,
		proposal: open.proposal,
		mode: open.mode,
		concernAllowed: open.concernAllowed,
		startedAt: open.startedAt,
		closedAt: Math.max(now, open.startedAt),
		counts,
		result: counts.object > 0 ? 'objections' : 'consented',
		answers
	};
}

/**
 * Closes the round. No objection: the proposal is decided as it was put. Any objection: back to
 * amending, for a new round. `eligible` is how many people could answer (those present), so the
 * record can say how many did not.
 */
export function closeConsentRound(d: Decision, now: number, eligible: number): DecisionResult {
	if (!isTime(now)) return fail('invalid-time');
	if (d.stage !== 'consent' || d.open === null) return fail('wrong-stage');
	if (typeof eligible !== 'number' || !Number.isFinite(eligible) || eligible < 0) {
		return fail('bad-input', 'eligible');
	}
	if (Object.keys(d.open.answers).length === 0) return fail('no-answers');
	const record = recordRound(d.open, now, eligible);
	const rounds = [...d.rounds, record];
	if (record.result === 'objections') {
		return { ok: true, state: { ...d, stage: 'amend', open: null, rounds } };
	}
	return {
		ok: true,
		state: {
			...d,
			stage: 'decided',
			proposal: record.proposal,
			open: null,
			rounds,
			decidedAt: record.closedAt
		}
	};
}

/** Started by mistake: the answers so far are dropped, unrecorded, and the proposal can be changed again. */
export function cancelConsentRound(d: Decision): DecisionResult {
	if (d.stage !== 'consent' || d.open === null) return fail('wrong-stage');
	const stage: DecisionStage = consentRoundsSoFar(d) > 0 ? 'amend' : 'proposal';
	return { ok: true, state: { ...d, stage, open: null } };
}

/** The group sets the proposal aside; it stays in the log as not decided. */
export function withdrawDecision(d: Decision): DecisionResult {
	if (d.stage === 'decided' || d.stage === 'withdrawn') return fail('wrong-stage');
	return { ok: true, state: { ...d, stage: 'withdrawn', open: null } };
}

/** When the group will look at the decision again, or null for no date. */
export function setReviewDate(d: Decision, date: unknown, today: string): DecisionResult {
	if (d.stage === 'withdrawn') return fail('wrong-stage');
	if (date === null) {
		return d.reviewDate === null
			? fail('unchanged')
			: { ok: true, state: { ...d, reviewDate: null } };
	}
	const r = checkFutureDate(date, today);
	if (!r.ok) return fail(r.code, 'reviewDate');
	if (r.value === d.reviewDate) return fail('unchanged');
	return { ok: true, state: { ...d, reviewDate: r.value } };
}

/**
 * A review date (`YYYY-MM-DD`, a day with no time or place) in words, in the reader's language:
 * "15 January 2027". Formatted as a day in UTC, so it is the same day wherever it is read.
 */
export function reviewDay(date: string, language: 'en' | 'cy'): string {
	const day = new Date(`${date}T00:00:00Z`);
	if (Number.isNaN(day.getTime())) return date;
	// As the record does: British English and Welsh.
	const locale = language === 'cy' ? 'cy-GB' : 'en-GB';
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(day);
}

/** What everyone sees live: the decision without the open round's answers, only how many there are. */
export interface PublicDecision extends Omit<Decision, 'open'> {
	open: (Omit<OpenConsentRound, 'answers'> & { answered: number }) | null;
}

export function publicDecision(d: Decision): PublicDecision {
	if (d.open === null) return { ...d, open: null };
	const { answers, ...rest } = d.open;
	return { ...d, open: { ...rest, answered: Object.keys(answers).length } };
}

export type DecisionOutcome = 'consented' | 'withdrawn' | 'open';

/** The decision as the record keeps it: never an open round's answers. */
export interface DecisionRecord {
	id: string;
	outcome: DecisionOutcome;
	/** As decided when consented; as it last stood otherwise. */
	proposal: string;
	rounds: RoundRecord[];
	reviewDate: string | null;
	createdAt: number;
	decidedAt: number | null;
}

export function decisionRecord(d: Decision): DecisionRecord {
	const outcome: DecisionOutcome =
		d.stage === 'decided' ? 'consented' : d.stage === 'withdrawn' ? 'withdrawn' : 'open';
	return {
		id: d.id,
		outcome,
		proposal: d.proposal,
		rounds: d.rounds.map((r) =>
			r.kind === 'consent' ? { ...r, answers: r.answers.map((a) => ({ ...a })) } : { ...r }
		),
		reviewDate: d.reviewDate,
		createdAt: d.createdAt,
		decidedAt: d.decidedAt
	};
}

/** The last consent round's record, if any (the result people see first). */
export function lastConsentRound(d: Pick<Decision, 'rounds'>): ConsentRoundRecord | null {
	for (let i = d.rounds.length - 1; i >= 0; i--) {
		const r = d.rounds[i];
		if (r.kind === 'consent') return r;
	}
	return null;
}
