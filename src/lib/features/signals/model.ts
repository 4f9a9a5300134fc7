/**
 * Signals: anonymous one-tap "Slow down", "Plain words please", "Need a break", "Can't hear".
 * Decides what counts (taps in a rolling two-minute window), who may send again (once a minute
 * per signal, remembered only as a per-connection last-sent time), taking a signal back, when to
 * prompt the facilitator to offer a break, and when counts go out (on fixed ticks, never at a tap),
 * so that nothing stored, sent or timed links a signal to the person who sent it.
 */

export const SIGNALS = ['slow-down', 'plain-words', 'need-break', 'cant-hear'] as const;
export type Signal = (typeof SIGNALS)[number];

/** Counts cover the last two minutes: long enough to see a pattern, short enough to stay current. */
export const SIGNAL_WINDOW_MS = 120_000;
/** Each connection may send each signal at most once in this time. */
export const RESEND_AFTER_MS = 60_000;
/** Counts go out on ticks this far apart, so a tap's moment is hidden among everyone's. */
export const PUBLISH_EVERY_MS = 5_000;
/** "Need a break" prompts the facilitator at max(BREAK_PROMPT_MIN, ceil(share × people present)). */
export const BREAK_PROMPT_MIN = 2;
export const BREAK_PROMPT_SHARE = 0.2;

/**
 * Anonymous tap times per signal. Only times, never who: two taps in the same millisecond are
 * indistinguishable, which is the point. The server keeps it in memory and never publishes it.
 */
export type SignalLog = Record<Signal, number[]>;
export type SignalCounts = Record<Signal, number>;

/**
 * What one connection remembers about its own taps: when it last sent each signal and whether
 * that tap still counts. It lives only with that connection, which already knows who it is,
 * and goes when the connection goes; the log never refers back to it.
 */
export type SenderMemory = Partial<Record<Signal, { sentAt: number; counted: boolean }>>;

export type SignalErrorCode = 'invalid-signal' | 'invalid-time' | 'too-soon' | 'not-sent';

export type SignalResult =
	| { ok: true; state: SignalLog; sender: SenderMemory }
	| { ok: false; code: SignalErrorCode; retryAfterMs?: number };

export function createSignalLog(): SignalLog {
	return { 'slow-down': [], 'plain-words': [], 'need-break': [], 'cant-hear': [] };
}

export function createSenderMemory(): SenderMemory {
	return {};
}

export function isSignal(value: unknown): value is Signal {
	return (SIGNALS as readonly unknown[]).includes(value);
}

function isTime(t: unknown): t is number {
	return typeof t === 'number' && Number.isFinite(t) && t >= 0;
}

function inWindow(t: number, now: number): boolean {
	return t > now - SIGNAL_WINDOW_MS && t <= now;
}

/** How many taps of each signal fall in the two minutes up to `now`. Taps "from the future" do not count. */
export function countSignals(log: SignalLog, now: number): SignalCounts {
	const counts = {} as SignalCounts;
	for (const s of SIGNALS) counts[s] = (log[s] ?? []).filter((t) => inWindow(t, now)).length;
	return counts;
}

/** Drops taps that can never count again, so the log stays small. */
export function pruneSignalLog(log: SignalLog, now: number): SignalLog {
	const out = createSignalLog();
	for (const s of SIGNALS) out[s] = (log[s] ?? []).filter((t) => t > now - SIGNAL_WINDOW_MS);
	return out;
}

/** Ms until this connection may send `signal` again; 0 when it may now. */
export function retryAfter(sender: SenderMemory, signal: Signal, now: number): number {
	const last = Object.hasOwn(sender, signal) ? sender[signal] : undefined;
	if (!last) return 0;
	// Clamped so a clock that steps back cannot lock someone out for longer than the rule says.
	return Math.min(RESEND_AFTER_MS, Math.max(0, last.sentAt + RESEND_AFTER_MS - now));
}

/**
 * One tap. Refused with 'too-soon' (and how long to wait) within a minute of this connection's
 * last tap of the same signal, taken back or not: otherwise send, take back, send would let one
 * person pulse a count.
 */
export function sendSignal(
	log: SignalLog,
	sender: SenderMemory,
	signal: Signal,
	now: number
): SignalResult {
	if (!isSignal(signal)) return { ok: false, code: 'invalid-signal' };
	if (!isTime(now)) return { ok: false, code: 'invalid-time' };
	const wait = retryAfter(sender, signal, now);
	if (wait > 0) return { ok: false, code: 'too-soon', retryAfterMs: wait };
	const state = { ...log, [signal]: [...(log[signal] ?? []), now] };
	return { ok: true, state, sender: { ...sender, [signal]: { sentAt: now, counted: true } } };
}

/**
 * Takes back this connection's last tap of `signal` while it still counts. It removes one tap with
 * that time; any tap with the same time is the same to the count, so nothing needs to know whose.
 */
export function takeBackSignal(
	log: SignalLog,
	sender: SenderMemory,
	signal: Signal,
	now: number
): SignalResult {
	if (!isSignal(signal)) return { ok: false, code: 'invalid-signal' };
	if (!isTime(now)) return { ok: false, code: 'invalid-time' };
	const last = Object.hasOwn(sender, signal) ? sender[signal] : undefined;
	if (!last || !last.counted || !inWindow(last.sentAt, now)) return { ok: false, code: 'not-sent' };
	const taps = log[signal] ?? [];
	const i = taps.indexOf(last.sentAt);
	// Pruned already (a clock step): nothing counts, so there is nothing to take back.
	if (i < 0) return { ok: false, code: 'not-sent' };
	const state = { ...log, [signal]: [...taps.slice(0, i), ...taps.slice(i + 1)] };
	return { ok: true, state, sender: { ...sender, [signal]: { ...last, counted: false } } };
}

export interface OwnSignalView {
	/** Shows "Sent" and the take-back button. */
	sent: boolean;
	/** Ms until another tap is accepted; 0 when it would be now. */
	retryAfterMs: number;
}

/** What the sender's own buttons show. Only the connection's own memory is read. */
export function ownSignals(sender: SenderMemory, now: number): Record<Signal, OwnSignalView> {
	const out = {} as Record<Signal, OwnSignalView>;
	for (const s of SIGNALS) {
		const last = Object.hasOwn(sender, s) ? sender[s] : undefined;
		out[s] = {
			sent: !!last && last.counted && inWindow(last.sentAt, now),
			retryAfterMs: retryAfter(sender, s, now)
		};
	}
	return out;
}

// ---- breaks ----

/** How many "Need a break" taps prompt the facilitator: at least 2, or a fifth of the people here. */
export function breakThreshold(peoplePresent: number): number {
	const n = Number.isFinite(peoplePresent) && peoplePresent > 0 ? Math.floor(peoplePresent) : 0;
	return Math.max(BREAK_PROMPT_MIN, Math.ceil(n * BREAK_PROMPT_SHARE));
}

export function breakWanted(needBreakCount: number, peoplePresent: number): boolean {
	return needBreakCount >= breakThreshold(peoplePresent);
}

/** Whether the facilitator has been prompted for the current rise; clears when the count drops below. */
export type BreakPromptState = { prompted: boolean };

/**
 * Edge-triggered: prompts once when the count reaches the threshold and again only after it has
 * fallen below it (or a break was taken: pass `onBreak`), so the prompt does not nag every tick.
 */
export function nextBreakPrompt(
	prev: BreakPromptState,
	needBreakCount: number,
	peoplePresent: number,
	onBreak = false
): { state: BreakPromptState; prompt: boolean } {
	const wanted = !onBreak && breakWanted(needBreakCount, peoplePresent);
	if (!wanted) return { state: { prompted: false }, prompt: false };
	return { state: { prompted: true }, prompt: !prev.prompted };
}

// ---- publishing ----

/**
 * The first publishing tick strictly after `now`. Ticks sit on multiples of `everyMs` from the
 * epoch, fixed by the clock alone, so when counts go out says nothing about when anyone tapped.
 */
export function nextPublishTick(now: number, everyMs: number = PUBLISH_EVERY_MS): number {
	return (Math.floor(now / everyMs) + 1) * everyMs;
}

export function isPublishTick(t: number, everyMs: number = PUBLISH_EVERY_MS): boolean {
	return Number.isFinite(t) && t % everyMs === 0;
}

/** What was last sent, so an unchanged count is not sent again. */
export type PublishState = { last: SignalCounts | null };

function sameCounts(a: SignalCounts, b: SignalCounts): boolean {
	return SIGNALS.every((s) => a[s] === b[s]);
}

/**
 * Called on each tick: the counts as of the tick, and whether they differ from the last ones sent.
 * Refuses to publish off a tick, so a caller that tried to send at the moment of a tap cannot.
 */
export function publishAtTick(
	state: PublishState,
	log: SignalLog,
	tick: number,
	everyMs: number = PUBLISH_EVERY_MS
): { state: PublishState; publish: SignalCounts | null } {
	if (!isPublishTick(tick, everyMs)) return { state, publish: null };
	const counts = countSignals(log, tick);
	if (state.last && sameCounts(state.last, counts)) return { state, publish: null };
	return { state: { last: counts }, publish: counts };
}

export interface SignalSettings {
	/** The room screen shows counts only when the facilitator chooses; participants never read them otherwise. */
	showOnRoomScreen: boolean;
}

export const DEFAULT_SIGNAL_SETTINGS: SignalSettings = { showOnRoomScreen: false };
