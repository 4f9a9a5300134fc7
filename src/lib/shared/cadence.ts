/**
 * Anonymity in time: when anonymous things (live ideas, edits to ideas, agenda suggestions) are
 * published. Publishing the moment something arrives tells anyone who saw who was typing who wrote
 * it, so they wait and go out together on a fixed cadence instead:
 * - ticks fall at fixed times (every `everyMs`, at a phase chosen once per workshop), never at a
 *   time measured from an arrival, so the moment of publishing says nothing about when anything came;
 * - at a tick, everything waiting goes out together once there are at least `minBatch` of them;
 * - fewer than that wait a random number of ticks more (`patience`, drawn when the wait begins), so
 *   a lone item is never published alone at the first tick after it came, and when nothing joins it
 *   the tick it goes out at is random too.
 * Pure: the server's scheduler (server/cadence.ts) owns the timers and the random source.
 */

/** At least this many waiting items go out at the next tick. */
export const MIN_BATCH = 3;
/** Fewer than `MIN_BATCH` go out after this many ticks at the least, and at the most. */
export const PATIENCE_TICKS = { min: 2, max: 4 } as const;

export interface CadenceWait {
	/** Ticks seen since the wait began. */
	ticks: number;
	/** Ticks a batch smaller than `MIN_BATCH` waits before it goes out anyway. */
	patience: number;
}

/** A new wait, its patience drawn with `randomInt(n)` (0..n-1), uniform in `PATIENCE_TICKS`. */
export function newWait(
	randomInt: (n: number) => number,
	patience: { min: number; max: number } = PATIENCE_TICKS
): CadenceWait {
	return { ticks: 0, patience: patience.min + randomInt(patience.max - patience.min + 1) };
}

/**
 * One tick with `waiting` items: whether they all go out now, and the wait that follows (a fresh
 * one is drawn by the caller after a release).
 */
export function tick(
	wait: CadenceWait,
	waiting: number,
	minBatch: number = MIN_BATCH
): { release: boolean; wait: CadenceWait } {
	if (waiting <= 0) return { release: false, wait: { ...wait, ticks: 0 } };
	const ticks = wait.ticks + 1;
	const release = waiting >= minBatch || ticks >= wait.patience;
	return { release, wait: { ...wait, ticks } };
}

/** Milliseconds from `now` to the next tick of a cadence of `everyMs` shifted by `phase`. */
export function untilNextTick(now: number, everyMs: number, phase: number): number {
	const into = (((now - phase) % everyMs) + everyMs) % everyMs;
	return everyMs - into;
}
