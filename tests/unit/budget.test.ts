import { describe, expect, it } from 'vitest';
import { Budget } from '../../server/yjs/budget.ts';

function clock(start = 0) {
	const c = { now: start };
	return { c, now: () => c.now };
}

describe('Budget', () => {
	it('lets a burst through, then holds to the rate', () => {
		const { c, now } = clock();
		const b = new Budget(3, 2, now);
		expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
		c.now += 400; // 0.8 of a token: not yet a whole one
		expect(b.take()).toBe(false);
		c.now += 100;
		expect(b.take()).toBe(true);
		expect(b.take()).toBe(false);
	});

	it('never refuses one large request, but charges all of it before the next', () => {
		const { c, now } = clock();
		const b = new Budget(1000, 100, now);
		expect(b.take(5000)).toBe(true);
		expect(b.take(1)).toBe(false);
		c.now += 40_000; // 4,000 back: still 1,000 short of zero
		expect(b.take(1)).toBe(false);
		c.now += 10_010;
		expect(b.take(1)).toBe(true);
	});

	it('is full again after a quiet spell, and a clock going backwards adds nothing', () => {
		const { c, now } = clock(10_000);
		const b = new Budget(2, 1, now);
		b.take();
		b.take();
		expect(b.full()).toBe(false);
		c.now -= 5000;
		expect(b.take()).toBe(false);
		c.now += 2000;
		expect(b.full()).toBe(true);
	});
});
