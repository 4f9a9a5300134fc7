import { describe, expect, it } from 'vitest';
import { checkFutureDate, dateInZone, isIsoDate } from './dates.ts';

describe('isIsoDate', () => {
	it('accepts real days only', () => {
		expect(isIsoDate('2026-02-28')).toBe(true);
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('2026-12-31')).toBe(true);
		for (const bad of [
			'2026-02-29',
			'2026-02-30',
			'2026-13-01',
			'2026-00-10',
			'2026-01-00',
			'2026-1-5',
			'26-01-05',
			'1999-12-31',
			'2026-01-05T00:00',
			' 2026-01-05',
			20260105,
			null
		]) {
			expect([bad, isIsoDate(bad)]).toEqual([bad, false]);
		}
	});
});

describe('checkFutureDate', () => {
	it('allows today up to ten years ahead', () => {
		expect(checkFutureDate('2026-03-01', '2026-03-01')).toEqual({ ok: true, value: '2026-03-01' });
		expect(checkFutureDate('2036-03-01', '2026-03-01')).toEqual({ ok: true, value: '2036-03-01' });
		expect(checkFutureDate('2036-03-02', '2026-03-01')).toEqual({
			ok: false,
			code: 'date-too-far'
		});
		expect(checkFutureDate('2026-02-28', '2026-03-01')).toEqual({
			ok: false,
			code: 'date-in-past'
		});
		expect(checkFutureDate('2026-03-01', 'today')).toEqual({ ok: false, code: 'invalid-date' });
		expect(checkFutureDate('soon', '2026-03-01')).toEqual({ ok: false, code: 'invalid-date' });
	});
});

describe('dateInZone', () => {
	it('gives the day in the named zone', () => {
		// 23:30 UTC on 30 June is already 1 July in London (BST) but still 30 June in New York.
		const ms = Date.UTC(2026, 5, 30, 23, 30);
		expect(dateInZone(ms, 'Europe/London')).toBe('2026-07-01');
		expect(dateInZone(ms, 'UTC')).toBe('2026-06-30');
		expect(dateInZone(ms, 'America/New_York')).toBe('2026-06-30');
	});
});
