/**
 * The fair speaking queue: pure domain logic shared by the server (which owns the state, applies
 * commands and writes the result into the workshop's Y.Doc) and the browser (which renders it).
 *
 * No I/O and no clock: time comes in as ms, so every command can be validated, tested and replayed
 * deterministically. Every function returns a new state or a typed error and never mutates its
 * input; errors never throw, because commands come from the network and a bad one must change
 * nothing.
 *
 * Ordering of waiting hands:
 * - Kinds first, always, in POINT_KINDS order (a point of process before anything else).
 * - Within a kind, by policy: 'round-robin' (and 'go-round', for hands raised between rounds) puts
 *   fewest turns first, then least speaking time, then earliest raise (R16, progressive stack);
 *   'first-come' puts the earliest raise first. Raise order is `seq`, a counter in the state, not
 *   the clock, so ties cannot happen; personId breaks any that do in hand-made states.
 * - Manual moves (moveUp, moveDown, skip) pin every hand of that kind at the place the facilitator
 *   saw it, with the move applied. Pinned hands keep their order among themselves until they leave
 *   the queue, change kind, or the policy changes. Hands raised later are merged in by policy:
 *   a newcomer goes before the first pinned hand that the policy would put after it, so someone
 *   who has not spoken yet is not stuck behind a list the facilitator arranged earlier.
 *
 * Speaking stats (turns and time per person) stay outside QueueState: they are balance figures,
 * which are for facilitators only and must not enter a document participants sync. The server
 * orders with them and publishes the resulting order.
 */

import { MAX_ID_LENGTH } from '../../shared/atoms.ts';
import {
	DEFAULT_TURN_LENGTH_MS,
	MAX_TURN_LENGTH_MS,
	MIN_EXTEND_MS,
	MIN_TURN_LENGTH_MS
} from '../../shared/limits.ts';

import type { WrittenTurn } from '../inclusion/model.ts';

export const POINT_KINDS = ['process', 'clarify', 'reply', 'new'] as const;
export type PointKind = (typeof POINT_KINDS)[number];

export const QUEUE_POLICIES = ['round-robin', 'go-round', 'first-come'] as const;
export type QueuePolicy = (typeof QUEUE_POLICIES)[number];

export { DEFAULT_TURN_LENGTH_MS, MAX_TURN_LENGTH_MS, MIN_TURN_LENGTH_MS };

export type Hand = {
	personId: string;
	kind: PointKind;
	raisedAt: number;
	/** Raise order, unique within one queue; "earliest" means lowest seq. */
	seq: number;
	/** The facilitator's place for this hand within its kind, or null when the policy places it. */
	manualRank: number | null;
	/** "Raise hand in writing": the point as written, and how the person wants it read out. */
	written?: WrittenTurn;
};

/** How the floor was given: from the queue, in a go-round, or to someone talking outside it. */
export type TurnSource = 'queue' | 'go-round' | 'speaking-now';

export type CurrentTurn = {
	personId: string;
	/** The kind of the hand this turn came from; null for go-round turns and hand-less speakers. */
	kind: PointKind | null;
	startedAt: number;
	/** Agreed length plus extensions. Advisory only (R12, R19): nothing here cuts anyone off. */
	allowedMs: number;
	source: TurnSource;
	/** The written point this turn came from; `shown` once the facilitator puts it on the room screen. */
	written?: WrittenTurn;
	shown?: boolean;
};

export type TurnRecord = {
	personId: string;
	kind: PointKind | null;
	startedAt: number;
	endedAt: number;
	source: TurnSource;
};

export type GoRoundOutcome = 'spoke' | 'passed';

export type GoRound = {
	/** Everyone present when the round started, in speaking order. */
	order: string[];
	/** Index in `order` of the person whose turn it is; order.length once the round is complete. */
	position: number;
	/** One entry per person already reached, in order: done[i].personId === order[i]. */
	done: { personId: string; outcome: GoRoundOutcome }[];
	/** The order the queue had before the round; it comes back once the round is over. */
	before?: QueuePolicy;
};

/** Plain JSON data, so the server can write it into a Y.Doc as it is. */
export type QueueState = {
	policy: QueuePolicy;
	/** While paused, nobody is given the floor automatically; hands can still go up. */
	paused: boolean;
	turnLengthMs: number;
	/** The seq the next raised hand gets. */
	nextSeq: number;
	hands: Hand[];
	current: CurrentTurn | null;
	/** Non-null only while the policy is 'go-round' and a round has been started. */
	goRound: GoRound | null;
};

export type PersonStats = { turns: number; speakingMs: number };
/** Per-person totals keyed by personId; a missing person has had no turns. */
export type SpeakingStats = Record<string, PersonStats>;

export type QueueErrorCode =
	| 'invalid-person'
	| 'invalid-kind'
	| 'invalid-policy'
	| 'invalid-time'
	| 'invalid-duration'
	| 'invalid-order'
	| 'already-raised'
	| 'not-in-queue'
	| 'unchanged'
	| 'cannot-move'
	| 'queue-empty'
	| 'paused'
	| 'no-current-turn'
	| 'no-go-round'
	| 'round-complete'
	| 'not-your-turn';

export type QueueError = { ok: false; code: QueueErrorCode };
export type QueueResult<Extra extends object = Record<never, never>> =
	({ ok: true; state: QueueState } & Extra) | QueueError;
/** `ended` is the turn to pass to applyTurnToStats; `started` is the new current turn, if any. */
export type TurnChange = { ended: TurnRecord | null; started: CurrentTurn | null };
export type TurnResult = QueueResult<TurnChange>;

export function createQueueState(): QueueState {
	return {
		policy: 'round-robin',
		paused: false,
		turnLengthMs: DEFAULT_TURN_LENGTH_MS,
		nextSeq: 0,
		hands: [],
		current: null,
		goRound: null
	};
}

// ---- validation (commands come from the network, so types alone are not enough) ----

function fail(code: QueueErrorCode): QueueError {
	return { ok: false, code };
}

function isPersonId(id: unknown): id is string {
	// Any id the edge let through (the pure rules are also run on hand-made states in tests).
	return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH;
}

function isKind(kind: unknown): kind is PointKind {
	return (POINT_KINDS as readonly unknown[]).includes(kind);
}

function isPolicy(policy: unknown): policy is QueuePolicy {
	return (QUEUE_POLICIES as readonly unknown[]).includes(policy);
}

function isTime(t: unknown): t is number {
	return typeof t === 'number' && Number.isFinite(t) && t >= 0;
}

function isDuration(ms: unknown, min: number): ms is number {
	return typeof ms === 'number' && Number.isFinite(ms) && ms >= min && ms <= MAX_TURN_LENGTH_MS;
}

// ---- ordering ----

const NO_STATS: PersonStats = { turns: 0, speakingMs: 0 };

/** Own properties only, so a personId such as '__proto__' cannot read Object.prototype. */
export function statsOf(stats: SpeakingStats, personId: string): PersonStats {
	return Object.hasOwn(stats, personId) ? stats[personId] : NO_STATS;
}

// Plain comparisons, not subtraction or localeCompare: NaN-safe and identical on server and browser.
function compare(a: number | string, b: number | string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function byRaise(a: Hand, b: Hand): number {
	return compare(a.seq, b.seq) || compare(a.personId, b.personId);
}

function policyOrder(policy: QueuePolicy, stats: SpeakingStats): (a: Hand, b: Hand) => number {
	if (policy === 'first-come') return byRaise;
	return (a, b) => {
		const sa = statsOf(stats, a.personId);
		const sb = statsOf(stats, b.personId);
		return compare(sa.turns, sb.turns) || compare(sa.speakingMs, sb.speakingMs) || byRaise(a, b);
	};
}

function byManualRank(a: Hand, b: Hand): number {
	return compare(a.manualRank ?? 0, b.manualRank ?? 0) || byRaise(a, b);
}

/** Waiting hands, first to speak first. Independent of the order of `state.hands`. */
export function orderedQueue(state: QueueState, stats: SpeakingStats): Hand[] {
	const cmp = policyOrder(state.policy, stats);
	const out: Hand[] = [];
	for (const kind of POINT_KINDS) {
		const inKind = state.hands.filter((h) => h.kind === kind);
		const pinned = inKind.filter((h) => h.manualRank !== null).sort(byManualRank);
		const free = inKind.filter((h) => h.manualRank === null).sort(cmp);
		let p = 0;
		let f = 0;
		while (p < pinned.length && f < free.length) {
			out.push(cmp(free[f], pinned[p]) < 0 ? free[f++] : pinned[p++]);
		}
		out.push(...pinned.slice(p), ...free.slice(f));
	}
	return out;
}

/** 1-based place in the queue ("You are 3rd"), or null if the person has no hand up. */
export function placeOf(state: QueueState, stats: SpeakingStats, personId: string): number | null {
	const i = orderedQueue(state, stats).findIndex((h) => h.personId === personId);
	return i < 0 ? null : i + 1;
}

// ---- hands ----

function findHand(state: QueueState, personId: string): Hand | undefined {
	return state.hands.find((h) => h.personId === personId);
}

function withoutHand(state: QueueState, personId: string): QueueState {
	return { ...state, hands: state.hands.filter((h) => h.personId !== personId) };
}

export function raiseHand(
	state: QueueState,
	personId: string,
	kind: PointKind,
	now: number,
	written?: WrittenTurn
): QueueResult {
	if (!isPersonId(personId)) return fail('invalid-person');
	if (!isKind(kind)) return fail('invalid-kind');
	if (!isTime(now)) return fail('invalid-time');
	if (findHand(state, personId)) return fail('already-raised');
	const hand: Hand = {
		personId,
		kind,
		raisedAt: now,
		seq: state.nextSeq,
		manualRank: null,
		...(written ? { written } : {})
	};
	return {
		ok: true,
		state: { ...state, hands: [...state.hands, hand], nextSeq: state.nextSeq + 1 }
	};
}

export function lowerHand(state: QueueState, personId: string): QueueResult {
	if (!findHand(state, personId)) return fail('not-in-queue');
	return { ok: true, state: withoutHand(state, personId) };
}

/**
 * Keeps the person's raise order (changing the kind of point should not cost them their wait) but
 * drops any manual place, which the facilitator chose among the old kind's hands.
 */
export function changeKind(state: QueueState, personId: string, kind: PointKind): QueueResult {
	if (!isKind(kind)) return fail('invalid-kind');
	const hand = findHand(state, personId);
	if (!hand) return fail('not-in-queue');
	if (hand.kind === kind) return fail('unchanged');
	const hands = state.hands.map((h) =>
		h.personId === personId ? { ...h, kind, manualRank: null } : h
	);
	return { ok: true, state: { ...state, hands } };
}

/**
 * Takes someone out of the queue entirely (they left, or the facilitator removed them): their hand,
 * and their place in a go-round if their turn has not come yet. A turn they are speaking goes on
 * until it is ended, since the time was really spent.
 */
export function remove(state: QueueState, personId: string): QueueResult {
	const gr = state.goRound;
	const pending = gr !== null && gr.order.indexOf(personId, gr.position) >= 0;
	if (!findHand(state, personId) && !pending) return fail('not-in-queue');
	const goRound = pending
		? { ...gr, order: gr.order.filter((id, i) => i < gr.position || id !== personId) }
		: gr;
	return { ok: true, state: { ...withoutHand(state, personId), goRound } };
}

/** Pins every hand of `kind` in the given order (see the module comment). */
function pinKind(state: QueueState, kind: PointKind, ids: string[]): QueueState {
	const rank = new Map(ids.map((id, i) => [id, i]));
	const hands = state.hands.map((h) =>
		h.kind === kind ? { ...h, manualRank: rank.get(h.personId) ?? null } : h
	);
	return { ...state, hands };
}

function move(state: QueueState, stats: SpeakingStats, personId: string, by: -1 | 1): QueueResult {
	const hand = findHand(state, personId);
	if (!hand) return fail('not-in-queue');
	const ids = orderedQueue(state, stats)
		.filter((h) => h.kind === hand.kind)
		.map((h) => h.personId);
	const from = ids.indexOf(personId);
	const to = from + by;
	// Moves stay within the kind so a point of process can never be pushed behind new points.
	if (to < 0 || to >= ids.length) return fail('cannot-move');
	[ids[from], ids[to]] = [ids[to], ids[from]];
	return { ok: true, state: pinKind(state, hand.kind, ids) };
}

export function moveUp(state: QueueState, stats: SpeakingStats, personId: string): QueueResult {
	return move(state, stats, personId, -1);
}

export function moveDown(state: QueueState, stats: SpeakingStats, personId: string): QueueResult {
	return move(state, stats, personId, 1);
}

/**
 * The balance view's "Invite": a quiet person's raised hand goes to the front of their kind of
 * point (a point of process still comes first). 'unchanged' when they are already there.
 */
export function moveToFront(
	state: QueueState,
	stats: SpeakingStats,
	personId: string
): QueueResult {
	if (!state.hands.some((h) => h.personId === personId)) return fail('not-in-queue');
	let current = state;
	for (;;) {
		const moved = moveUp(current, stats, personId);
		if (!moved.ok) break;
		current = moved.state;
	}
	return current === state ? fail('unchanged') : { ok: true, state: current };
}

/**
 * Facilitator's "Skip": the first waiting person is not ready, so they go to the back of their
 * kind. Their hand stays up (they may have stepped out for a moment; losing their place entirely
 * would punish them), and the facilitator can still remove them. Nobody is given the floor; that
 * stays an explicit "Next speaker". If nobody else waits with the same kind of point, skipping
 * would change nothing, so it is refused with 'cannot-move'.
 */
export function skip(state: QueueState, stats: SpeakingStats): QueueResult {
	const order = orderedQueue(state, stats);
	if (order.length === 0) return fail('queue-empty');
	const first = order[0];
	const ids = order.filter((h) => h.kind === first.kind).map((h) => h.personId);
	if (ids.length < 2) return fail('cannot-move');
	return { ok: true, state: pinKind(state, first.kind, [...ids.slice(1), first.personId]) };
}

// ---- settings ----

export function setPaused(state: QueueState, paused: boolean): QueueResult {
	if (state.paused === paused) return fail('unchanged');
	return { ok: true, state: { ...state, paused } };
}

function switchPolicy(state: QueueState, policy: QueuePolicy): QueueState {
	// Manual places were chosen against the old order, and a round belongs to the go-round policy.
	const hands = state.hands.map((h) => (h.manualRank === null ? h : { ...h, manualRank: null }));
	return { ...state, policy, hands, goRound: null };
}

/** Clears all manual places and any go-round. Choosing 'go-round' does not start a round. */
export function setPolicy(state: QueueState, policy: QueuePolicy): QueueResult {
	if (!isPolicy(policy)) return fail('invalid-policy');
	if (state.policy === policy) return fail('unchanged');
	return { ok: true, state: switchPolicy(state, policy) };
}

/** The agreed turn length for turns started from now on; the current turn keeps its own. */
export function setTurnLength(state: QueueState, ms: number): QueueResult {
	if (!isDuration(ms, MIN_TURN_LENGTH_MS)) return fail('invalid-duration');
	if (state.turnLengthMs === ms) return fail('unchanged');
	return { ok: true, state: { ...state, turnLengthMs: ms } };
}

// ---- turns ----

function finish(turn: CurrentTurn, now: number): TurnRecord {
	// A clock that steps back must not produce a negative turn.
	const endedAt = Math.max(now, turn.startedAt);
	const { personId, kind, startedAt, source } = turn;
	return { personId, kind, startedAt, endedAt, source };
}

function begin(
	state: QueueState,
	personId: string,
	kind: PointKind | null,
	source: TurnSource,
	now: number
): CurrentTurn {
	return { personId, kind, startedAt: now, allowedMs: state.turnLengthMs, source };
}

/** A written hand's point goes with its turn, so the facilitator can read it out then. */
function withWritten(turn: CurrentTurn, hand: Hand | undefined): CurrentTurn {
	return hand?.written ? { ...turn, written: hand.written, shown: false } : turn;
}

/** The facilitator shows the current written point on the room screen, or takes it off. */
export function showWrittenPoint(state: QueueState, show: boolean): QueueResult {
	if (!state.current?.written) return fail('no-current-turn');
	if ((state.current.shown ?? false) === show) return fail('unchanged');
	return { ok: true, state: { ...state, current: { ...state.current, shown: show } } };
}

export function applyTurnToStats(stats: SpeakingStats, turn: TurnRecord): SpeakingStats {
	const before = statsOf(stats, turn.personId);
	return {
		...stats,
		[turn.personId]: {
			turns: before.turns + 1,
			speakingMs: before.speakingMs + Math.max(0, turn.endedAt - turn.startedAt)
		}
	};
}

/** The person whose go-round turn it is, or null when no round is running or it is complete. */
export function goRoundUp(state: QueueState): string | null {
	const gr = state.goRound;
	return gr !== null && gr.position < gr.order.length ? gr.order[gr.position] : null;
}

/**
 * Ends the current turn and gives the floor to the next person. During an unfinished go-round that
 * is the person who is up (as goRoundSpeak); otherwise the first hand in orderedQueue, whose hand
 * is then lowered. The ended turn is counted before choosing, so someone who raised their hand
 * again while speaking is not picked straight back by round-robin; the caller still applies
 * `ended` to its own stats. With no hands left it just ends the turn; with no turn and no hands
 * it fails with 'queue-empty'.
 */
export function nextSpeaker(state: QueueState, stats: SpeakingStats, now: number): TurnResult {
	if (!isTime(now)) return fail('invalid-time');
	if (state.paused) return fail('paused');
	const up = goRoundUp(state);
	if (up !== null) return goRoundSpeak(state, up, now);
	// A finished round is over once the floor moves on: the queue goes back to its own order.
	const after = closeFinishedRound(state, true);
	const ended = after.current ? finish(after.current, now) : null;
	const first = orderedQueue(after, ended ? applyTurnToStats(stats, ended) : stats)[0];
	if (!first) {
		if (!ended && after === state) return fail('queue-empty');
		return { ok: true, state: { ...after, current: null }, ended, started: null };
	}
	const started = withWritten(begin(after, first.personId, first.kind, 'queue', now), first);
	return {
		ok: true,
		state: { ...withoutHand(after, first.personId), current: started },
		ended,
		started
	};
}

export function endCurrentTurn(state: QueueState, now: number): TurnResult {
	if (!isTime(now)) return fail('invalid-time');
	if (!state.current) return fail('no-current-turn');
	const ended = finish(state.current, now);
	return { ok: true, state: closeFinishedRound({ ...state, current: null }), ended, started: null };
}

/** Turn timers are advisory and can always be extended (R12). */
export function extendTurn(state: QueueState, byMs: number): QueueResult {
	if (!state.current) return fail('no-current-turn');
	if (!isDuration(byMs, MIN_EXTEND_MS)) return fail('invalid-duration');
	const current = { ...state.current, allowedMs: state.current.allowedMs + byMs };
	return { ok: true, state: { ...state, current } };
}

/** Ms left of the current turn (negative once over time), or null when nobody has the floor. */
export function turnTimeLeft(state: QueueState, now: number): number | null {
	const c = state.current;
	return c ? c.allowedMs - (now - c.startedAt) : null;
}

/**
 * Someone talks outside the queue (the facilitator invites them, or they just speak). Any current
 * turn ends, and their own hand, if up, is lowered: they now have the floor the hand asked for,
 * and the turn keeps that hand's kind. Refused with 'unchanged' for the current speaker, whose one
 * turn would otherwise be counted twice. Allowed while paused: it is an explicit choice.
 */
export function speakingNow(state: QueueState, personId: string, now: number): TurnResult {
	if (!isPersonId(personId)) return fail('invalid-person');
	if (!isTime(now)) return fail('invalid-time');
	if (state.current?.personId === personId) return fail('unchanged');
	const ended = state.current ? finish(state.current, now) : null;
	const started = withWritten(
		begin(state, personId, findHand(state, personId)?.kind ?? null, 'speaking-now', now),
		findHand(state, personId)
	);
	return { ok: true, state: { ...withoutHand(state, personId), current: started }, ended, started };
}

// ---- go-round (R15) ----

/**
 * Starts a round over everyone present, in the given fixed order; this also switches the policy to
 * 'go-round' (clearing manual places if it was another policy) and replaces any earlier round.
 * Hands stay up and wait, ordered round-robin, until the round is complete.
 */
export function startGoRound(state: QueueState, presentPersonIds: string[]): QueueResult {
	if (!Array.isArray(presentPersonIds) || presentPersonIds.length === 0) {
		return fail('invalid-order');
	}
	if (!presentPersonIds.every(isPersonId)) return fail('invalid-person');
	if (new Set(presentPersonIds).size !== presentPersonIds.length) return fail('invalid-order');
	const base = state.policy === 'go-round' ? state : switchPolicy(state, 'go-round');
	// A round started while another round ran goes back to what the queue had before that one.
	const before = state.policy === 'go-round' ? (state.goRound?.before ?? 'go-round') : state.policy;
	const goRound: GoRound = { order: [...presentPersonIds], position: 0, done: [], before };
	return { ok: true, state: { ...base, goRound } };
}

/** The running round if it is `personId`'s turn in it, else the error to return. */
function roundTurn(state: QueueState, personId: string): GoRound | QueueError {
	const gr = state.goRound;
	if (gr === null) return fail('no-go-round');
	if (gr.position >= gr.order.length) return fail('round-complete');
	// Naming the person makes a repeated tap fail instead of acting for the next person.
	return gr.order[gr.position] === personId ? gr : fail('not-your-turn');
}

function advanceRound(gr: GoRound, personId: string, outcome: GoRoundOutcome): GoRound {
	return { ...gr, position: gr.position + 1, done: [...gr.done, { personId, outcome }] };
}

/** The person who is up takes their turn; any current turn ends. */
export function goRoundSpeak(state: QueueState, personId: string, now: number): TurnResult {
	if (!isTime(now)) return fail('invalid-time');
	const gr = roundTurn(state, personId);
	if ('ok' in gr) return gr;
	if (state.paused) return fail('paused');
	const goRound = advanceRound(gr, personId, 'spoke');
	const ended = state.current ? finish(state.current, now) : null;
	const started = begin(state, personId, null, 'go-round', now);
	return { ok: true, state: { ...state, goRound, current: started }, ended, started };
}

/**
 * The person who is up passes: one tap, no reason asked. It never interrupts whoever is speaking,
 * and works while paused, so passing is always possible.
 */
export function goRoundPass(state: QueueState, personId: string): QueueResult {
	const gr = roundTurn(state, personId);
	if ('ok' in gr) return gr;
	const goRound = advanceRound(gr, personId, 'passed');
	const next = { ...state, goRound };
	// The last pass ends the round at once unless the one before is still speaking.
	return {
		ok: true,
		state: state.current?.source === 'go-round' ? next : closeFinishedRound(next)
	};
}

/**
 * Once everyone has been reached and nobody is speaking in the round, it is over: the round goes and
 * the queue returns to the order it had before (so "Everyone has had their turn" does not linger).
 */
export function closeFinishedRound(state: QueueState, turnEnding = false): QueueState {
	const gr = state.goRound;
	if (gr === null || gr.position < gr.order.length) return state;
	if (!turnEnding && state.current?.source === 'go-round') return state;
	return switchPolicy(state, gr.before ?? 'go-round');
}
