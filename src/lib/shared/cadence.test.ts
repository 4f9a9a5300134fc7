import { describe, expect, it } from 'vitest';
import { MIN_BATCH, newWait, PATIENCE_TICKS, tick, untilNextTick } from './cadence.ts';

/** Runs ticks with a fixed number waiting until a release; returns the tick it happened at. */
function releaseTick(waiting: number, patience: number): number {
	let wait = { ticks: 0, patience };
	for (let n = 1; n <= 100; n++) {
		const step = tick(wait, waiting);
		if (step.release) return n;
		wait = step.wait;
	}
	return Infinity;
}

describe('cadence rule', () => {
	it('releases a full batch at the first tick', () => {
		expect(releaseTick(MIN_BATCH, 4)).toBe(1);
		expect(releaseTick(MIN_BATCH + 10, 4)).toBe(1);
	});

	it('never releases a lone item at the first tick after it came', () => {
		for (let p = PATIENCE_TICKS.min; p <= PATIENCE_TICKS.max; p++) {
			expect(releaseTick(1, p)).toBe(p);
			expect(releaseTick(1, p)).toBeGreaterThan(1);
		}
	});

	it('lets a small batch go out with what joins it', () => {
		let wait = { ticks: 0, patience: 4 };
		let step = tick(wait, 1);
		expect(step.release).toBe(false);
		wait = step.wait;
		step = tick(wait, MIN_BATCH);
		expect(step.release).toBe(true);
	});

	it('does nothing and restarts the count when nothing waits', () => {
		const step = tick({ ticks: 3, patience: 4 }, 0);
		expect(step).toEqual({ release: false, wait: { ticks: 0, patience: 4 } });
	});

	it('draws patience uniformly over its range, from the random source given', () => {
		const seen = new Map<number, number>();
		for (let r = 0; r < 3; r++) {
			const w = newWait(() => r);
			seen.set(w.patience, (seen.get(w.patience) ?? 0) + 1);
			expect(w.ticks).toBe(0);
		}
		expect([...seen.keys()].sort()).toEqual([2, 3, 4]);
		// The source is asked for exactly the size of the range.
		let asked = 0;
		newWait((n) => ((asked = n), 0));
		expect(asked).toBe(PATIENCE_TICKS.max - PATIENCE_TICKS.min + 1);
		expect(newWait(() => 0, { min: 5, max: 5 }).patience).toBe(5);
	});

	it('puts ticks on a fixed grid, whatever the time of arrival', () => {
		expect(untilNextTick(1000, 500, 0)).toBe(500);
		expect(untilNextTick(1001, 500, 0)).toBe(499);
		expect(untilNextTick(1499, 500, 0)).toBe(1);
		expect(untilNextTick(1000, 500, 120)).toBe(120);
		// Every arrival within one period is served by the same tick.
		const ticks = new Set([1001, 1100, 1300, 1499].map((t) => t + untilNextTick(t, 500, 0)));
		expect([...ticks]).toEqual([1500]);
		// A clock before the phase still gives a delay within one period.
		expect(untilNextTick(10, 500, 400)).toBe(390);
	});
});
