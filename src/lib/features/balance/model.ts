/**
 * Balance metrics for the facilitators' Balance view and the post-session export.
 *
 * Pure: no I/O and no clock. Every function takes `now` (ms) so results are reproducible,
 * testable and identical on the server and in the browser.
 *
 * Rules are those of ACCESSIBILITY.md, "Dominance metric". Where the rules leave a choice
 * open, the choice is marked "Decision:" below. The module returns status codes and
 * numbers only; the UI owns all wording (neutral: "more than an equal share").
 */

/** The thresholds, exported so the UI can show them and tests can refer to them. */
export const BALANCE_RULES = {
	/** Live flags look at a rolling window, so old talk stops counting against someone. */
	windowMs: 15 * 60_000,
	/** Too little talk makes ratios noise: no flags before this much talk in the window. */
	minTalkMs: 5 * 60_000,
	/** With fewer participants an "equal share" means little (N = 2 caps r at 2). */
	minParticipants: 3,
	amberRatio: 2,
	redRatio: 3,
	/** Hysteresis: a flag clears only below this ratio... */
	clearRatio: 1.5,
	/** ...and only after it has been held this long, so the view does not flicker. */
	holdMs: 60_000,
	turnRatio: 2,
	/** A turn longer than this many agreed turn lengths is flagged. */
	longTurnFactor: 2
} as const;

export interface TurnRecord {
	personId: string;
	kind: string;
	startedAt: number;
	/** null while the turn is ongoing: it counts up to `now`. */
	endedAt: number | null;
}

export interface PresentPerson {
	personId: string;
	role: string;
	isFacilitator?: boolean;
}

export type ShareLevel = 'ok' | 'amber' | 'red';
export type BalanceStatus = 'not-yet-heard' | 'red' | 'amber' | 'ok';
export type FlagReason = 'share-red' | 'share-amber' | 'turns' | 'long-turn';
/** Why flags of a kind are (not) being raised right now; the UI can explain it. */
export type FlagGate = 'active' | 'too-few-people' | 'too-little-talk' | 'too-few-turns';

/** A held share flag. `since` is when the current level was entered. */
export interface ShareFlag {
	personId: string;
	level: 'amber' | 'red';
	since: number;
}

export interface TurnsFlag {
	personId: string;
	since: number;
}

/** Plain, JSON-safe state: pass it back as `previousFlags` on the next call. */
export interface FlagState {
	share: ShareFlag[];
	turns: TurnsFlag[];
}

/**
 * Time and turns for a person or a role. `timeRatio` and `turnRatio` compare the share
 * with the share of people present: 1 is an equal share (for a person, share × N).
 */
export interface Tally {
	timeMs: number;
	turns: number;
	timeShare: number;
	turnShare: number;
	timeRatio: number;
	turnRatio: number;
}

export interface PersonBalance {
	personId: string;
	role: string;
	status: BalanceStatus;
	/** The held share flag (after hysteresis). */
	share: ShareLevel;
	turnsFlag: boolean;
	longTurn: boolean;
	reasons: FlagReason[];
	speakingNow: boolean;
	/** Length so far of the person's ongoing turn, or null. */
	currentTurnMs: number | null;
	/** Longest turn (whole length, not clipped) among turns in the window. */
	longestTurnMs: number;
	window: Tally;
	session: Tally;
}

export interface RoleBalance {
	role: string;
	people: number;
	peopleShare: number;
	window: Tally;
	session: Tally;
}

export interface BalanceTotals {
	/** N: participants present, facilitators excluded. */
	participants: number;
	facilitators: number;
	windowStart: number;
	window: { timeMs: number; turns: number };
	session: { timeMs: number; turns: number };
	/** Session floor time of facilitators and of people no longer present: in no share. */
	otherTimeMs: number;
	shareGate: FlagGate;
	turnGate: FlagGate;
}

/** Counts for a one-sentence screen-reader summary; the UI turns them into words. */
export interface BalanceSummary {
	participants: number;
	notYetHeard: number;
	/** People holding a share flag (amber or red). */
	overTwiceShare: number;
	/** People holding a red share flag. */
	overThreeTimesShare: number;
	overTwiceTurns: number;
	longTurns: number;
	flagsActive: boolean;
}

export interface BalanceInput {
	turns: readonly TurnRecord[];
	people: readonly PresentPerson[];
	now: number;
	turnLengthMs: number;
	previousFlags?: FlagState | null;
}

export interface BalanceResult {
	/** Not yet heard first, then red, amber, then everyone else by session time. */
	people: PersonBalance[];
	roles: RoleBalance[];
	totals: BalanceTotals;
	flags: FlagState;
	summary: BalanceSummary;
}

export interface SessionSummaryInput {
	turns: readonly TurnRecord[];
	/** Everyone who took part (facilitators are excluded as in the live view). */
	people: readonly PresentPerson[];
	now: number;
	turnLengthMs?: number;
}

export interface RoleShare extends Tally {
	role: string;
	people: number;
	peopleShare: number;
}

/** Per-role and whole-group figures only: the export names no one. */
export interface SessionSummary {
	participants: number;
	heard: number;
	notYetHeard: number;
	timeMs: number;
	turns: number;
	longTurns: number;
	giniTime: number;
	giniTurns: number;
	roles: RoleShare[];
}

/**
 * Gini coefficient (population form) of non-negative values: 0 when all are equal,
 * (n − 1) / n when one value holds everything. Empty, single or all-zero input gives 0.
 */
export function gini(values: readonly number[]): number {
	for (const v of values) {
		if (!Number.isFinite(v) || v < 0) {
			throw new RangeError('gini: values must be finite and non-negative');
		}
	}
	const n = values.length;
	const sorted = [...values].sort((a, b) => a - b);
	let sum = 0;
	let weighted = 0;
	for (let i = 0; i < n; i++) {
		sum += sorted[i];
		// Sum of (2i − n − 1)·x over sorted values: exact for equal integers, so equal gives 0.
		weighted += (2 * (i + 1) - n - 1) * sorted[i];
	}
	if (sum === 0) return 0;
	return Math.min(1, Math.max(0, weighted / (n * sum)));
}

/**
 * Decision: a pass in a go-round is recorded by some flows as a turn; it is not being heard,
 * so it counts neither as a turn nor as floor time.
 */
export function isSpokenTurn(turn: TurnRecord): boolean {
	return turn.kind !== 'pass';
}

interface Acc {
	timeMs: number;
	turns: number;
	longTurns: number;
	longestMs: number;
}

interface PersonAcc {
	person: PresentPerson;
	window: Acc;
	session: Acc;
	currentMs: number | null;
}

interface Tallies {
	participants: PresentPerson[];
	facilitators: number;
	byId: Map<string, PersonAcc>;
	window: Acc;
	session: Acc;
	otherTimeMs: number;
}

function emptyAcc(): Acc {
	return { timeMs: 0, turns: 0, longTurns: 0, longestMs: 0 };
}

function addTo(acc: Acc, ms: number, long: boolean, fullMs: number): void {
	acc.timeMs += ms;
	acc.turns += 1;
	if (long) acc.longTurns += 1;
	if (fullMs > acc.longestMs) acc.longestMs = fullMs;
}

function longLimitMs(turnLengthMs: number | undefined): number {
	// No agreed length (or a nonsensical one) means no long-turn flag rather than flagging all.
	if (turnLengthMs === undefined || !Number.isFinite(turnLengthMs) || turnLengthMs <= 0) {
		return Infinity;
	}
	return BALANCE_RULES.longTurnFactor * turnLengthMs;
}

function tallyTurns(
	turns: readonly TurnRecord[],
	people: readonly PresentPerson[],
	now: number,
	windowStart: number,
	longLimit: number
): Tallies {
	const byId = new Map<string, PersonAcc>();
	const participants: PresentPerson[] = [];
	const seen = new Set<string>();
	let facilitators = 0;
	for (const p of people) {
		// First entry wins, so a duplicate can never count a person twice in N.
		if (seen.has(p.personId)) continue;
		seen.add(p.personId);
		if (p.isFacilitator) {
			facilitators++;
			continue;
		}
		participants.push(p);
		byId.set(p.personId, {
			person: p,
			window: emptyAcc(),
			session: emptyAcc(),
			currentMs: null
		});
	}

	const window = emptyAcc();
	const session = emptyAcc();
	let otherTimeMs = 0;
	for (const t of turns) {
		if (!isSpokenTurn(t)) continue;
		const start = t.startedAt;
		const rawEnd = t.endedAt === null ? now : t.endedAt;
		// Skip corrupt records and turns "from the future" (clock skew) instead of throwing live.
		if (!Number.isFinite(start) || !Number.isFinite(rawEnd) || start > now || rawEnd < start) {
			continue;
		}
		const end = Math.max(start, Math.min(rawEnd, now));
		const fullMs = end - start;
		const acc = byId.get(t.personId);
		if (!acc) {
			// Decision: facilitators and people who have left are outside N, so their time stays
			// out of the total too; otherwise shares would not sum to 1 and r would be diluted.
			otherTimeMs += fullMs;
			continue;
		}
		const long = fullMs > longLimit;
		addTo(acc.session, fullMs, long, fullMs);
		addTo(session, fullMs, long, fullMs);
		if (t.endedAt === null) acc.currentMs = Math.max(acc.currentMs ?? 0, fullMs);
		if (end > windowStart || start >= windowStart) {
			const clipped = end - Math.max(start, windowStart);
			addTo(acc.window, clipped, long, fullMs);
			addTo(window, clipped, long, fullMs);
		}
	}
	return { participants, facilitators, byId, window, session, otherTimeMs };
}

/** `groupSize` people out of `n` hold `acc`; ratio 1 means their share equals their headcount. */
function toTally(acc: Acc, total: Acc, groupSize: number, n: number): Tally {
	// Multiply before dividing so integer inputs hit thresholds such as 2.0 exactly.
	const ratio = (part: number, whole: number): number =>
		whole > 0 && groupSize > 0 ? (part * n) / (whole * groupSize) : 0;
	return {
		timeMs: acc.timeMs,
		turns: acc.turns,
		timeShare: total.timeMs > 0 ? acc.timeMs / total.timeMs : 0,
		turnShare: total.turns > 0 ? acc.turns / total.turns : 0,
		timeRatio: ratio(acc.timeMs, total.timeMs),
		turnRatio: ratio(acc.turns, total.turns)
	};
}

function roleTallies(tallies: Tallies): Map<string, { people: number; window: Acc; session: Acc }> {
	// Map keeps first-seen order, which is stable from call to call.
	const roles = new Map<string, { people: number; window: Acc; session: Acc }>();
	for (const p of tallies.participants) {
		let r = roles.get(p.role);
		if (!r) {
			r = { people: 0, window: emptyAcc(), session: emptyAcc() };
			roles.set(p.role, r);
		}
		const acc = tallies.byId.get(p.personId);
		if (!acc) continue;
		r.people++;
		for (const key of ['window', 'session'] as const) {
			r[key].timeMs += acc[key].timeMs;
			r[key].turns += acc[key].turns;
			r[key].longTurns += acc[key].longTurns;
		}
	}
	return roles;
}

function shareGateFor(n: number, windowTalkMs: number): FlagGate {
	if (n < BALANCE_RULES.minParticipants) return 'too-few-people';
	if (windowTalkMs < BALANCE_RULES.minTalkMs) return 'too-little-talk';
	return 'active';
}

function rawShareLevel(r: number): ShareLevel {
	if (r >= BALANCE_RULES.redRatio) return 'red';
	if (r >= BALANCE_RULES.amberRatio) return 'amber';
	return 'ok';
}

/**
 * Hysteresis for the share flag. Every level, once entered, holds at least `holdMs`.
 * Raising (none → amber/red, amber → red) is immediate and restarts the hold.
 * After the hold: below 1.5 clears (red may clear directly); red with 1.5 ≤ r < 3 drops to
 * amber, which then holds its own 60 s. Decision: while the gate is closed (too few people or
 * too little talk) there is no evidence, so held flags count as r = 0 and clear after the hold.
 */
function nextShareFlag(
	prev: ShareFlag | undefined,
	personId: string,
	r: number,
	active: boolean,
	now: number
): ShareFlag | undefined {
	const raw = active ? rawShareLevel(r) : 'ok';
	if (!prev) return raw === 'ok' ? undefined : { personId, level: raw, since: now };
	if (raw === 'red' && prev.level === 'amber') return { personId, level: 'red', since: now };
	if (now - prev.since < BALANCE_RULES.holdMs)
		return { personId, level: prev.level, since: prev.since };
	const evidence = active ? r : 0;
	if (evidence < BALANCE_RULES.clearRatio) return undefined;
	if (prev.level === 'red' && evidence < BALANCE_RULES.redRatio) {
		return { personId, level: 'amber', since: now };
	}
	return { personId, level: prev.level, since: prev.since };
}

/** Same hysteresis for the turn-count flag: raise at ≥ 2.0, clear below 1.5 after 60 s. */
function nextTurnsFlag(
	prev: TurnsFlag | undefined,
	personId: string,
	r: number,
	active: boolean,
	now: number
): TurnsFlag | undefined {
	if (!prev) return active && r >= BALANCE_RULES.turnRatio ? { personId, since: now } : undefined;
	if (now - prev.since < BALANCE_RULES.holdMs) return { personId, since: prev.since };
	const evidence = active ? r : 0;
	return evidence < BALANCE_RULES.clearRatio ? undefined : { personId, since: prev.since };
}

function indexFlags<T extends { personId: string; since: number }>(
	flags: readonly T[] | undefined,
	valid: (f: T) => boolean
): Map<string, T> {
	const map = new Map<string, T>();
	// State may have round-tripped through JSON or a socket: ignore anything malformed.
	if (!Array.isArray(flags)) return map;
	for (const f of flags) {
		if (f && typeof f.personId === 'string' && Number.isFinite(f.since) && valid(f)) {
			if (!map.has(f.personId)) map.set(f.personId, f);
		}
	}
	return map;
}

const STATUS_RANK: Record<BalanceStatus, number> = {
	'not-yet-heard': 0,
	red: 1,
	amber: 2,
	ok: 3
};

/** Live balance for the facilitators' view. Call it again with `flags` as `previousFlags`. */
export function computeBalance(input: BalanceInput): BalanceResult {
	const { turns, people, now, turnLengthMs, previousFlags } = input;
	const windowStart = now - BALANCE_RULES.windowMs;
	const tallies = tallyTurns(turns, people, now, windowStart, longLimitMs(turnLengthMs));
	const n = tallies.participants.length;

	const shareGate = shareGateFor(n, tallies.window.timeMs);
	// Decision: turn counts also need at least N turns in the window; with fewer, anyone who
	// spoke once would reach 2.0 (N = 10, 4 turns: one turn is ratio 2.5).
	const turnGate: FlagGate =
		shareGate !== 'active' ? shareGate : tallies.window.turns < n ? 'too-few-turns' : 'active';

	const prevShare = indexFlags(
		previousFlags?.share,
		(f) => f.level === 'amber' || f.level === 'red'
	);
	const prevTurns = indexFlags(previousFlags?.turns, () => true);
	const flags: FlagState = { share: [], turns: [] };

	const balances: PersonBalance[] = [];
	for (const p of tallies.participants) {
		const acc = tallies.byId.get(p.personId);
		if (!acc) continue;
		const window = toTally(acc.window, tallies.window, 1, n);
		const session = toTally(acc.session, tallies.session, 1, n);

		const shareFlag = nextShareFlag(
			prevShare.get(p.personId),
			p.personId,
			window.timeRatio,
			shareGate === 'active',
			now
		);
		const turnsFlag = nextTurnsFlag(
			prevTurns.get(p.personId),
			p.personId,
			window.turnRatio,
			turnGate === 'active',
			now
		);
		if (shareFlag) flags.share.push(shareFlag);
		if (turnsFlag) flags.turns.push(turnsFlag);

		const share: ShareLevel = shareFlag ? shareFlag.level : 'ok';
		// The long-turn flag is a fact about a turn, so it has no gate and no hysteresis.
		const longTurn = acc.window.longTurns > 0;
		const reasons: FlagReason[] = [];
		if (share === 'red') reasons.push('share-red');
		if (share === 'amber') reasons.push('share-amber');
		if (turnsFlag) reasons.push('turns');
		if (longTurn) reasons.push('long-turn');

		let status: BalanceStatus;
		// Inviting the quiet matters more than anything else on this view.
		if (acc.session.turns === 0) status = 'not-yet-heard';
		else if (share === 'red') status = 'red';
		else if (reasons.length > 0) status = 'amber';
		else status = 'ok';

		balances.push({
			personId: p.personId,
			role: p.role,
			status,
			share,
			turnsFlag: turnsFlag !== undefined,
			longTurn,
			reasons,
			speakingNow: acc.currentMs !== null,
			currentTurnMs: acc.currentMs,
			longestTurnMs: acc.window.longestMs,
			window,
			session
		});
	}

	// Array.prototype.sort is stable: equal people keep the order they were given in.
	balances.sort((a, b) => {
		const byStatus = STATUS_RANK[a.status] - STATUS_RANK[b.status];
		if (byStatus !== 0) return byStatus;
		if (a.status === 'red' || a.status === 'amber') {
			const byRatio = b.window.timeRatio - a.window.timeRatio;
			if (byRatio !== 0) return byRatio;
		}
		return b.session.timeMs - a.session.timeMs || b.window.timeMs - a.window.timeMs;
	});

	const roles: RoleBalance[] = [];
	for (const [role, r] of roleTallies(tallies)) {
		roles.push({
			role,
			people: r.people,
			peopleShare: n > 0 ? r.people / n : 0,
			window: toTally(r.window, tallies.window, r.people, n),
			session: toTally(r.session, tallies.session, r.people, n)
		});
	}

	const summary: BalanceSummary = {
		participants: n,
		notYetHeard: 0,
		overTwiceShare: 0,
		overThreeTimesShare: 0,
		overTwiceTurns: 0,
		longTurns: 0,
		flagsActive: shareGate === 'active'
	};
	for (const b of balances) {
		if (b.status === 'not-yet-heard') summary.notYetHeard++;
		if (b.share !== 'ok') summary.overTwiceShare++;
		if (b.share === 'red') summary.overThreeTimesShare++;
		if (b.turnsFlag) summary.overTwiceTurns++;
		if (b.longTurn) summary.longTurns++;
	}

	return {
		people: balances,
		roles,
		totals: {
			participants: n,
			facilitators: tallies.facilitators,
			windowStart,
			window: { timeMs: tallies.window.timeMs, turns: tallies.window.turns },
			session: { timeMs: tallies.session.timeMs, turns: tallies.session.turns },
			otherTimeMs: tallies.otherTimeMs,
			shareGate,
			turnGate
		},
		flags,
		summary
	};
}

/** Whole-session figures for the export: per-role shares and Gini of time and of turns. */
export function computeSessionSummary(input: SessionSummaryInput): SessionSummary {
	const { turns, people, now, turnLengthMs } = input;
	// The window is irrelevant here; start it at now so it stays empty and cheap.
	const tallies = tallyTurns(turns, people, now, now, longLimitMs(turnLengthMs));
	const n = tallies.participants.length;
	const times: number[] = [];
	const counts: number[] = [];
	let heard = 0;
	for (const p of tallies.participants) {
		const acc = tallies.byId.get(p.personId);
		if (!acc) continue;
		times.push(acc.session.timeMs);
		counts.push(acc.session.turns);
		if (acc.session.turns > 0) heard++;
	}
	const roles: RoleShare[] = [];
	for (const [role, r] of roleTallies(tallies)) {
		roles.push({
			role,
			people: r.people,
			peopleShare: n > 0 ? r.people / n : 0,
			...toTally(r.session, tallies.session, r.people, n)
		});
	}
	return {
		participants: n,
		heard,
		notYetHeard: n - heard,
		timeMs: tallies.session.timeMs,
		turns: tallies.session.turns,
		longTurns: tallies.session.longTurns,
		giniTime: gini(times),
		giniTurns: gini(counts),
		roles
	};
}
