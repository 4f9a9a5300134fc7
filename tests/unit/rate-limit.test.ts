import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TokenBucket } from '../../server/rate-limit.ts';

function clock(start = 1_000_000) {
	let t = start;
	return {
		now: () => t,
		advance: (ms: number) => {
			t += ms;
		}
	};
}

function takeAll(bucket: TokenBucket, max = 1000): number {
	let n = 0;
	while (n < max && bucket.take()) n++;
	return n;
}

describe('TokenBucket', () => {
	it('allows a burst up to capacity, then refuses', () => {
		const c = clock();
		const b = new TokenBucket(5, 1, c.now);
		for (let i = 0; i < 5; i++) expect(b.take()).toBe(true);
		expect(b.take()).toBe(false);
		expect(b.take()).toBe(false);
	});

	it('keeps its settings', () => {
		const b = new TokenBucket(10, 4, clock().now);
		expect(b.capacity).toBe(10);
		expect(b.perSecond).toBe(4);
	});

	it('refills at perSecond tokens a second', () => {
		const c = clock();
		const b = new TokenBucket(5, 2, c.now);
		expect(takeAll(b)).toBe(5);
		c.advance(499);
		expect(b.take()).toBe(false);
		c.advance(1);
		expect(b.take()).toBe(true);
		expect(b.take()).toBe(false);
		c.advance(1000);
		expect(takeAll(b)).toBe(2);
	});

	it('adds up fractions of a token across refused attempts', () => {
		const c = clock();
		const b = new TokenBucket(1, 1, c.now);
		expect(b.take()).toBe(true);
		for (let i = 0; i < 3; i++) {
			c.advance(250);
			expect(b.take()).toBe(false);
		}
		c.advance(250);
		expect(b.take()).toBe(true);
	});

	it('never holds more than capacity, however long it waits', () => {
		const c = clock();
		const b = new TokenBucket(3, 10, c.now);
		c.advance(24 * 60 * 60 * 1000);
		expect(takeAll(b)).toBe(3);
	});

	it('a sustained flood gets about perSecond through each second', () => {
		const c = clock();
		const b = new TokenBucket(10, 5, c.now);
		let allowed = 0;
		// 100 attempts a second for 10 seconds.
		for (let i = 0; i < 1000; i++) {
			if (b.take()) allowed++;
			c.advance(10);
		}
		expect(allowed).toBeGreaterThanOrEqual(10 + 5 * 10 - 1);
		expect(allowed).toBeLessThanOrEqual(10 + 5 * 10);
	});

	it('two buckets are independent', () => {
		const c = clock();
		const a = new TokenBucket(2, 1, c.now);
		const b = new TokenBucket(2, 1, c.now);
		expect(takeAll(a)).toBe(2);
		expect(takeAll(b)).toBe(2);
	});

	it('property: never allows more than capacity + rate × elapsed', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 20 }),
				fc.integer({ min: 1, max: 50 }),
				fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 200 }),
				(capacity, perSecond, gaps) => {
					const c = clock();
					const b = new TokenBucket(capacity, perSecond, c.now);
					let allowed = 0;
					let elapsed = 0;
					for (const gap of gaps) {
						c.advance(gap);
						elapsed += gap;
						if (b.take()) allowed++;
						expect(allowed).toBeLessThanOrEqual(capacity + (elapsed / 1000) * perSecond + 1e-9);
					}
				}
			)
		);
	});

	it('property: after any history and a long rest, exactly capacity is available', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 20 }),
				fc.integer({ min: 1, max: 50 }),
				fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 100 }),
				(capacity, perSecond, gaps) => {
					const c = clock();
					const b = new TokenBucket(capacity, perSecond, c.now);
					for (const gap of gaps) {
						c.advance(gap);
						b.take();
					}
					c.advance(((capacity + 1) / perSecond) * 1000 + 1);
					expect(takeAll(b)).toBe(capacity);
				}
			)
		);
	});
});

describe('a clock that steps backwards', () => {
	it('takes no tokens away', () => {
		let now = 10_000;
		const bucket = new TokenBucket(2, 1, () => now);
		expect(bucket.take()).toBe(true);
		now = 0;
		expect(bucket.take()).toBe(true);
		now = 1000;
		expect(bucket.take()).toBe(true);
	});
});
