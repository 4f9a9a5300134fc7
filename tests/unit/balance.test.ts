import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
	BALANCE_RULES,
	computeBalance,
	computeSessionSummary,
	gini
} from '../../src/lib/features/balance/model.ts';
import type {
	BalanceInput,
	BalanceResult,
	FlagState,
	PresentPerson,
	TurnRecord
} from '../../src/lib/features/balance/model.ts';

const S = 1_000;
const MIN = 60 * S;
/** A fixed, arbitrary clock: the module must never read the real one. */
const T0 = 1_700_000_000_000;
const TURN = 2 * MIN;

function present(ids: string[], role = 'Professional'): PresentPerson[] {
	return ids.map((personId) => ({ personId, role }));
}

/** Finished back-to-back turns, in the order given, the last ending at `end`. */
function spoken(end: number, parts: [string, number][]): TurnRecord[] {
	let t = end - parts.reduce((sum, [, ms]) => sum + ms, 0);
	return parts.map(([personId, ms]) => {
		const turn = { personId, kind: 'new-point', startedAt: t, endedAt: t + ms };
		t += ms;
		return turn;
	});
}

function run(
	turns: TurnRecord[],
	people: PresentPerson[],
	extra: Partial<BalanceInput> = {}
): BalanceResult {
	return computeBalance({ turns, people, now: T0, turnLengthMs: TURN, ...extra });
}

function who(result: BalanceResult, personId: string) {
	const p = result.people.find((b) => b.personId === personId);
	if (!p) throw new Error(`no balance for ${personId}`);
	return p;
}

const ABC = present(['a', 'b', 'c']);
const ABCD = present(['a', 'b', 'c', 'd']);

describe('gini', () => {
	it('is 0 when everyone has the same', () => {
		expect(gini([3, 3, 3, 3, 3, 3])).toBe(0);
		expect(gini([90_000, 90_000, 90_000])).toBe(0);
	});

	it('is about 0.33 when one of six people has half the talk and the others equal', () => {
		expect(gini([50, 10, 10, 10, 10, 10])).toBeCloseTo(1 / 3, 12);
		expect(gini([10, 10, 50, 10, 10, 10])).toBeCloseTo(0.3333, 4);
	});

	it('is 0 for empty, single-value and all-zero input', () => {
		expect(gini([])).toBe(0);
		expect(gini([42])).toBe(0);
		expect(gini([0, 0, 0, 0])).toBe(0);
	});

	it('is (n − 1) / n when one value holds everything', () => {
		expect(gini([7, 0, 0, 0])).toBe(0.75);
		expect(gini([0, 1])).toBe(0.5);
	});

	it('rejects negative and non-finite values', () => {
		expect(() => gini([1, -1])).toThrow(RangeError);
		expect(() => gini([1, Number.NaN])).toThrow(RangeError);
		expect(() => gini([Infinity])).toThrow(RangeError);
	});

	it('lies in [0, 1), ignores order and scale (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 40 }),
				fc.integer({ min: 1, max: 1000 }),
				(values, k) => {
					const g = gini(values);
					expect(g).toBeGreaterThanOrEqual(0);
					expect(g).toBeLessThan(1);
					expect(gini([...values].reverse())).toBeCloseTo(g, 12);
					expect(gini(values.map((v) => v * k))).toBeCloseTo(g, 12);
				}
			)
		);
	});
});

describe('share ratio', () => {
	it('is the time share × N, so an equal share is 1', () => {
		const r = run(
			spoken(T0, [
				['a', 2 * MIN],
				['b', 2 * MIN],
				['c', 2 * MIN]
			]),
			ABC
		);
		for (const id of ['a', 'b', 'c']) {
			expect(who(r, id).window.timeRatio).toBe(1);
			expect(who(r, id).window.timeShare).toBeCloseTo(1 / 3, 12);
			expect(who(r, id).share).toBe('ok');
		}
		expect(r.totals.window.timeMs).toBe(6 * MIN);
	});

	it('raises amber at exactly 2.0, not just below', () => {
		const at = run(
			spoken(T0, [
				['a', 400 * S],
				['b', 100 * S],
				['c', 100 * S]
			]),
			ABC
		);
		expect(who(at, 'a').window.timeRatio).toBe(2);
		expect(who(at, 'a').share).toBe('amber');
		expect(who(at, 'a').status).toBe('amber');

		const below = run(
			spoken(T0, [
				['a', 399_999],
				['b', 100_000],
				['c', 100_001]
			]),
			ABC
		);
		expect(who(below, 'a').window.timeRatio).toBeLessThan(2);
		expect(who(below, 'a').share).toBe('ok');
		expect(below.flags.share).toEqual([]);
	});

	it('raises red at exactly 3.0 and amber just below', () => {
		const at = run(
			spoken(T0, [
				['a', 450 * S],
				['b', 50 * S],
				['c', 50 * S],
				['d', 50 * S]
			]),
			ABCD
		);
		expect(who(at, 'a').window.timeRatio).toBe(3);
		expect(who(at, 'a').share).toBe('red');
		expect(who(at, 'a').status).toBe('red');

		const below = run(
			spoken(T0, [
				['a', 449_999],
				['b', 50_000],
				['c', 50_000],
				['d', 50_001]
			]),
			ABCD
		);
		expect(who(below, 'a').share).toBe('amber');
	});

	it('needs 5 minutes of talk in the window: 4 min 59 s is not enough', () => {
		const short = run(
			spoken(T0, [
				['a', 200 * S],
				['b', 50 * S],
				['c', 49 * S]
			]),
			ABC
		);
		expect(short.totals.window.timeMs).toBe(4 * MIN + 59 * S);
		expect(who(short, 'a').window.timeRatio).toBeGreaterThan(2);
		expect(who(short, 'a').share).toBe('ok');
		expect(short.totals.shareGate).toBe('too-little-talk');
		expect(short.summary.flagsActive).toBe(false);

		const enough = run(
			spoken(T0, [
				['a', 200 * S],
				['b', 50 * S],
				['c', 50 * S]
			]),
			ABC
		);
		expect(enough.totals.window.timeMs).toBe(5 * MIN);
		expect(who(enough, 'a').share).toBe('amber');
		expect(enough.totals.shareGate).toBe('active');
		expect(enough.summary.flagsActive).toBe(true);
	});

	it('needs N ≥ 3: two people never flag, three do', () => {
		const two = run(spoken(T0, [['a', 10 * MIN]]), present(['a', 'b']));
		expect(who(two, 'a').window.timeRatio).toBe(2);
		expect(who(two, 'a').share).toBe('ok');
		expect(two.totals.shareGate).toBe('too-few-people');

		const three = run(spoken(T0, [['a', 10 * MIN]]), ABC);
		expect(who(three, 'a').window.timeRatio).toBe(3);
		expect(who(three, 'a').share).toBe('red');
	});

	it('leaves facilitators out of N and out of the total floor time', () => {
		const people = [...ABC, { personId: 'f', role: 'Professional', isFacilitator: true }];
		const r = run(
			spoken(T0, [
				['f', 5 * MIN],
				['a', 400 * S],
				['b', 100 * S],
				['c', 100 * S]
			]),
			people
		);
		expect(r.totals.participants).toBe(3);
		expect(r.totals.facilitators).toBe(1);
		expect(r.totals.window.timeMs).toBe(10 * MIN);
		expect(r.totals.otherTimeMs).toBe(5 * MIN);
		expect(r.people.map((p) => p.personId)).not.toContain('f');
		expect(who(r, 'a').window.timeRatio).toBe(2);
		expect(who(r, 'a').share).toBe('amber');
	});

	it('does not reach N = 3 by counting a facilitator', () => {
		const people = [...present(['a', 'b']), { personId: 'f', role: 'Carer', isFacilitator: true }];
		const r = run(spoken(T0, [['a', 10 * MIN]]), people);
		expect(r.totals.participants).toBe(2);
		expect(who(r, 'a').share).toBe('ok');
	});

	it('clips turns to the rolling 15-minute window; the session keeps their whole length', () => {
		const turns: TurnRecord[] = [
			// 20 to 10 minutes ago: only the last 5 minutes fall in the window.
			{ personId: 'a', kind: 'new-point', startedAt: T0 - 20 * MIN, endedAt: T0 - 10 * MIN },
			// Entirely before the window.
			{ personId: 'b', kind: 'reply', startedAt: T0 - 40 * MIN, endedAt: T0 - 30 * MIN },
			...spoken(T0, [['c', 5 * MIN]])
		];
		const r = run(turns, ABC);
		expect(r.totals.windowStart).toBe(T0 - 15 * MIN);
		expect(who(r, 'a').window.timeMs).toBe(5 * MIN);
		expect(who(r, 'a').window.turns).toBe(1);
		expect(who(r, 'a').session.timeMs).toBe(10 * MIN);
		expect(who(r, 'b').window.timeMs).toBe(0);
		expect(who(r, 'b').window.turns).toBe(0);
		expect(who(r, 'b').session.timeMs).toBe(10 * MIN);
		expect(r.totals.window.timeMs).toBe(10 * MIN);
		expect(r.totals.session.timeMs).toBe(25 * MIN);
	});

	it('judges only the window: long talk from earlier does not flag', () => {
		const turns = [
			...spoken(T0 - 20 * MIN, [['a', 30 * MIN]]),
			...spoken(T0, [
				['b', 3 * MIN],
				['c', 3 * MIN],
				['a', 3 * MIN]
			])
		];
		const r = run(turns, ABC);
		expect(who(r, 'a').session.timeRatio).toBeGreaterThan(2);
		expect(who(r, 'a').window.timeRatio).toBe(1);
		expect(who(r, 'a').share).toBe('ok');
	});

	it('counts an ongoing turn up to now', () => {
		const turns: TurnRecord[] = [
			...spoken(T0 - 6 * MIN, [['b', MIN]]),
			{ personId: 'a', kind: 'new-point', startedAt: T0 - 6 * MIN, endedAt: null }
		];
		const r = run(turns, ABC);
		expect(who(r, 'a').window.timeMs).toBe(6 * MIN);
		expect(who(r, 'a').speakingNow).toBe(true);
		expect(who(r, 'a').currentTurnMs).toBe(6 * MIN);
		expect(who(r, 'b').speakingNow).toBe(false);
		expect(who(r, 'b').currentTurnMs).toBeNull();
		// 6 of 7 minutes × 3 people.
		expect(who(r, 'a').window.timeRatio).toBeCloseTo(18 / 7, 12);
		expect(who(r, 'a').share).toBe('amber');

		const later = computeBalance({
			turns,
			people: ABC,
			now: T0 + 8 * MIN,
			turnLengthMs: TURN
		});
		expect(who(later, 'a').window.timeMs).toBe(14 * MIN);
	});

	it('keeps time of people who have left out of the shares', () => {
		const r = run(
			spoken(T0, [
				['gone', 8 * MIN],
				['a', 400 * S],
				['b', 100 * S],
				['c', 100 * S]
			]),
			ABC
		);
		expect(r.totals.otherTimeMs).toBe(8 * MIN);
		expect(who(r, 'a').window.timeRatio).toBe(2);
	});

	it('does not count a pass as a turn or as being heard', () => {
		const turns: TurnRecord[] = [
			...spoken(T0, [
				['a', 3 * MIN],
				['b', 3 * MIN]
			]),
			{ personId: 'c', kind: 'pass', startedAt: T0 - 1 * S, endedAt: T0 }
		];
		const r = run(turns, ABC);
		expect(who(r, 'c').session.turns).toBe(0);
		expect(who(r, 'c').status).toBe('not-yet-heard');
		expect(r.totals.session.turns).toBe(2);
	});
});

describe('hysteresis of the share flag', () => {
	// With N = 3: a at r = 2.4 (amber), 1.0, 1.6, 1.49. With N = 4: a at 2.4 (amber), 3.6 (red).
	const amber24 = (end: number) =>
		spoken(end, [
			['a', 8 * MIN],
			['b', MIN],
			['c', MIN]
		]);
	const equal = (end: number) =>
		spoken(end, [
			['a', 2 * MIN],
			['b', 2 * MIN],
			['c', 2 * MIN]
		]);
	const r16 = (end: number) =>
		spoken(end, [
			['a', 320 * S],
			['b', 140 * S],
			['c', 140 * S]
		]);
	const r149 = (end: number) =>
		spoken(end, [
			['a', 298 * S],
			['b', 151 * S],
			['c', 151 * S]
		]);
	const amber24d = (end: number) =>
		spoken(end, [
			['a', 360 * S],
			['b', 80 * S],
			['c', 80 * S],
			['d', 80 * S]
		]);
	const red36 = (end: number) =>
		spoken(end, [
			['a', 9 * MIN],
			['b', MIN / 3],
			['c', MIN / 3],
			['d', MIN / 3]
		]);

	function at(now: number, turns: TurnRecord[], previousFlags?: FlagState, people = ABC) {
		return computeBalance({ turns, people, now, turnLengthMs: TURN, previousFlags });
	}

	it('holds a raised flag 60 s even when r drops, and clears below 1.5 after 60 s', () => {
		const raised = at(T0, amber24(T0));
		expect(raised.flags.share).toEqual([{ personId: 'a', level: 'amber', since: T0 }]);

		const during = at(T0 + 59_999, equal(T0 + 59_999), raised.flags);
		expect(who(during, 'a').window.timeRatio).toBe(1);
		expect(who(during, 'a').share).toBe('amber');

		const after = at(T0 + 60 * S, equal(T0 + 60 * S), during.flags);
		expect(who(after, 'a').share).toBe('ok');
		expect(after.flags.share).toEqual([]);
	});

	it('does not clear at 1.6 however long it has been held, but clears at 1.49', () => {
		let state = at(T0, amber24(T0)).flags;
		for (const dt of [2 * MIN, 10 * MIN, 60 * MIN]) {
			const r = at(T0 + dt, r16(T0 + dt), state);
			expect(who(r, 'a').window.timeRatio).toBeCloseTo(1.6, 12);
			expect(who(r, 'a').share).toBe('amber');
			state = r.flags;
		}
		const cleared = at(T0 + 61 * MIN, r149(T0 + 61 * MIN), state);
		expect(who(cleared, 'a').window.timeRatio).toBeCloseTo(1.49, 12);
		expect(who(cleared, 'a').share).toBe('ok');
	});

	it('keeps exactly 1.5 flagged (clears only strictly below)', () => {
		const state = at(T0, amber24(T0)).flags;
		const r = at(
			T0 + 2 * MIN,
			spoken(T0 + 2 * MIN, [
				['a', 300 * S],
				['b', 150 * S],
				['c', 150 * S]
			]),
			state
		);
		expect(who(r, 'a').window.timeRatio).toBe(1.5);
		expect(who(r, 'a').share).toBe('amber');
	});

	it('does not raise a new flag in the 1.5–2.0 band', () => {
		const r = at(T0, r16(T0));
		expect(who(r, 'a').share).toBe('ok');
		expect(r.flags.share).toEqual([]);
	});

	it('escalates amber to red at once', () => {
		const state = at(T0, amber24d(T0), undefined, ABCD).flags;
		expect(state.share[0]).toMatchObject({ personId: 'a', level: 'amber' });
		const r = at(T0 + 10 * S, red36(T0 + 10 * S), state, ABCD);
		expect(who(r, 'a').share).toBe('red');
		expect(r.flags.share).toEqual([{ personId: 'a', level: 'red', since: T0 + 10 * S }]);
	});

	it('holds red 60 s, then drops to amber while 1.5 ≤ r < 3, and amber holds its own 60 s', () => {
		const red = at(T0, red36(T0), undefined, ABCD);
		expect(who(red, 'a').share).toBe('red');

		const held = at(T0 + 59 * S, amber24d(T0 + 59 * S), red.flags, ABCD);
		expect(who(held, 'a').window.timeRatio).toBeLessThan(3);
		expect(who(held, 'a').share).toBe('red');

		const dropped = at(T0 + 60 * S, amber24d(T0 + 60 * S), held.flags, ABCD);
		expect(who(dropped, 'a').share).toBe('amber');
		expect(dropped.flags.share).toEqual([{ personId: 'a', level: 'amber', since: T0 + 60 * S }]);

		const stillAmber = at(T0 + 119 * S, equal(T0 + 119 * S), dropped.flags, ABCD);
		expect(who(stillAmber, 'a').share).toBe('amber');
		const clear = at(T0 + 120 * S, equal(T0 + 120 * S), stillAmber.flags, ABCD);
		expect(who(clear, 'a').share).toBe('ok');
	});

	it('clears a held red flag directly when r falls below 1.5', () => {
		const red = at(T0, red36(T0), undefined, ABCD);
		const r = at(
			T0 + 60 * S,
			spoken(T0 + 60 * S, [
				['a', MIN],
				['b', MIN],
				['c', MIN],
				['d', MIN],
				['a', MIN],
				['b', MIN]
			]),
			red.flags,
			ABCD
		);
		expect(who(r, 'a').window.timeRatio).toBeCloseTo(4 / 3, 12);
		expect(who(r, 'a').share).toBe('ok');
		expect(r.flags.share).toEqual([]);
	});

	it('survives a JSON round trip of the flag state', () => {
		const raised = at(T0, amber24(T0));
		const state = JSON.parse(JSON.stringify(raised.flags)) as FlagState;
		const r = at(T0 + 30 * S, equal(T0 + 30 * S), state);
		expect(who(r, 'a').share).toBe('amber');
	});

	it('ignores malformed previous state', () => {
		const bad = {
			share: [
				{ personId: 'a', level: 'purple', since: T0 },
				{ personId: 'b', level: 'red', since: Number.NaN }
			],
			turns: 'nope'
		} as unknown as FlagState;
		const r = at(T0, equal(T0), bad);
		expect(r.flags).toEqual({ share: [], turns: [] });
	});

	it('lets a held flag lapse after 60 s once the gate closes (too few people)', () => {
		const raised = at(T0, amber24(T0));
		const two = present(['a', 'b']);
		const held = at(T0 + 30 * S, amber24(T0 + 30 * S), raised.flags, two);
		expect(who(held, 'a').share).toBe('amber');
		const lapsed = at(T0 + 60 * S, amber24(T0 + 60 * S), held.flags, two);
		expect(who(lapsed, 'a').share).toBe('ok');
	});

	it('drops flags of people who are no longer present', () => {
		const raised = at(T0, amber24(T0), undefined, ABCD);
		const r = at(T0 + 10 * S, amber24(T0 + 10 * S), raised.flags, present(['b', 'c', 'd']));
		expect(r.flags.share).toEqual([]);
	});
});

describe('turn-count flag', () => {
	/** Turns of 1 minute each, so time shares follow turn counts unless stated. */
	const minuteTurns = (end: number, ids: string[]) =>
		spoken(
			end,
			ids.map((id): [string, number] => [id, MIN])
		);

	it('flags a turn-count ratio of exactly 2.0, not 1.8', () => {
		// a: 4 short turns; b and c: one long turn each, so a's time share stays ok.
		const turns = spoken(T0, [
			['a', 30 * S],
			['b', 4 * MIN],
			['a', 30 * S],
			['c', 4 * MIN],
			['a', 30 * S],
			['a', 30 * S]
		]);
		const r = run(turns, ABC);
		expect(who(r, 'a').window.turnRatio).toBe(2);
		expect(who(r, 'a').share).toBe('ok');
		expect(who(r, 'a').turnsFlag).toBe(true);
		expect(who(r, 'a').reasons).toEqual(['turns']);
		expect(who(r, 'a').status).toBe('amber');
		expect(r.summary.overTwiceTurns).toBe(1);

		const fewer = run(
			spoken(T0, [
				['a', 40 * S],
				['b', 4 * MIN],
				['a', 40 * S],
				['c', 4 * MIN],
				['a', 40 * S]
			]),
			ABC
		);
		expect(who(fewer, 'a').window.turnRatio).toBeCloseTo(1.8, 12);
		expect(who(fewer, 'a').turnsFlag).toBe(false);
		expect(who(fewer, 'a').status).toBe('ok');
	});

	it('needs at least N turns in the window', () => {
		const r = run(
			spoken(T0, [
				['a', 150 * S],
				['b', 150 * S]
			]),
			ABCD
		);
		expect(who(r, 'a').window.turnRatio).toBe(2);
		expect(who(r, 'a').turnsFlag).toBe(false);
		expect(r.totals.turnGate).toBe('too-few-turns');

		const enough = run(minuteTurns(T0, ['a', 'b', 'a', 'b', 'a', 'a', 'c', 'd']), ABCD);
		expect(who(enough, 'a').window.turnRatio).toBe(2);
		expect(who(enough, 'a').turnsFlag).toBe(true);
		expect(enough.totals.turnGate).toBe('active');
	});

	it('needs the same minimum talk and people as the share flag', () => {
		const quick = run(
			spoken(T0, [
				['a', 10 * S],
				['b', 10 * S],
				['a', 10 * S],
				['c', 10 * S],
				['a', 10 * S],
				['a', 10 * S]
			]),
			ABC
		);
		expect(who(quick, 'a').window.turnRatio).toBe(2);
		expect(who(quick, 'a').turnsFlag).toBe(false);
		expect(quick.totals.turnGate).toBe('too-little-talk');
	});

	it('holds 60 s and clears below 1.5 (not at 1.5)', () => {
		const flagged = run(minuteTurns(T0, ['a', 'b', 'a', 'c', 'a', 'a']), ABC);
		expect(flagged.flags.turns).toEqual([{ personId: 'a', since: T0 }]);

		const even = (end: number) => minuteTurns(end, ['a', 'b', 'c', 'a', 'b', 'c']);
		const held = computeBalance({
			turns: even(T0 + 59 * S),
			people: ABC,
			now: T0 + 59 * S,
			turnLengthMs: TURN,
			previousFlags: flagged.flags
		});
		expect(who(held, 'a').turnsFlag).toBe(true);

		const atOneAndHalf = computeBalance({
			turns: minuteTurns(T0 + 2 * MIN, ['a', 'b', 'a', 'c', 'a', 'b']),
			people: ABC,
			now: T0 + 2 * MIN,
			turnLengthMs: TURN,
			previousFlags: held.flags
		});
		expect(who(atOneAndHalf, 'a').window.turnRatio).toBe(1.5);
		expect(who(atOneAndHalf, 'a').turnsFlag).toBe(true);

		const cleared = computeBalance({
			turns: even(T0 + 3 * MIN),
			people: ABC,
			now: T0 + 3 * MIN,
			turnLengthMs: TURN,
			previousFlags: atOneAndHalf.flags
		});
		expect(who(cleared, 'a').turnsFlag).toBe(false);
		expect(cleared.flags.turns).toEqual([]);
	});
});

describe('long-turn flag', () => {
	it('flags a turn longer than twice the agreed length, not one of exactly twice', () => {
		const exact = run(spoken(T0, [['a', 4 * MIN]]), ABC);
		expect(who(exact, 'a').longTurn).toBe(false);
		expect(who(exact, 'a').longestTurnMs).toBe(4 * MIN);

		const over = run(spoken(T0, [['a', 4 * MIN + 1]]), ABC);
		expect(who(over, 'a').longTurn).toBe(true);
		expect(who(over, 'a').reasons).toContain('long-turn');
		expect(who(over, 'a').status).toBe('amber');
		expect(over.summary.longTurns).toBe(1);
	});

	it('flags an ongoing turn once it passes twice the agreed length, even before flags open', () => {
		const ongoing = (startedAt: number): TurnRecord[] => [
			{ personId: 'b', kind: 'reply', startedAt, endedAt: null }
		];
		const before = run(ongoing(T0 - 4 * MIN), ABC);
		expect(who(before, 'b').longTurn).toBe(false);
		const after = run(ongoing(T0 - 4 * MIN - 1 * S), ABC);
		expect(after.totals.shareGate).toBe('too-little-talk');
		expect(who(after, 'b').longTurn).toBe(true);
		expect(who(after, 'b').currentTurnMs).toBe(4 * MIN + 1 * S);
	});

	it('uses the whole length of a turn that began before the window', () => {
		const turns: TurnRecord[] = [
			{ personId: 'a', kind: 'new-point', startedAt: T0 - 17 * MIN, endedAt: T0 - 14 * MIN }
		];
		const r = run(turns, ABC, { turnLengthMs: MIN });
		expect(who(r, 'a').window.timeMs).toBe(MIN);
		expect(who(r, 'a').longTurn).toBe(true);
	});

	it('ignores long turns that ended before the window', () => {
		const r = run(spoken(T0 - 20 * MIN, [['a', 10 * MIN]]), ABC);
		expect(who(r, 'a').longTurn).toBe(false);
	});

	it('is off when there is no agreed turn length', () => {
		const r = run(spoken(T0, [['a', 14 * MIN]]), ABC, { turnLengthMs: 0 });
		expect(who(r, 'a').longTurn).toBe(false);
	});
});

describe('not yet heard and ordering', () => {
	it('lists people with no turns first, above a red flag, in the order they were given', () => {
		const people = present(['a', 'q1', 'b', 'q2', 'c']);
		const r = run(
			spoken(T0, [
				['a', 9 * MIN],
				['b', 30 * S],
				['c', 30 * S]
			]),
			people
		);
		expect(who(r, 'a').status).toBe('red');
		expect(r.people.map((p) => [p.personId, p.status])).toEqual([
			['q1', 'not-yet-heard'],
			['q2', 'not-yet-heard'],
			['a', 'red'],
			['b', 'ok'],
			['c', 'ok']
		]);
		expect(r.summary.notYetHeard).toBe(2);
	});

	it('counts someone in their first, ongoing turn as heard', () => {
		const turns: TurnRecord[] = [
			{ personId: 'a', kind: 'new-point', startedAt: T0 - 2 * S, endedAt: null }
		];
		const r = run(turns, ABC);
		expect(who(r, 'a').status).toBe('ok');
		expect(r.summary.notYetHeard).toBe(2);
	});

	it('counts a turn before the window as heard', () => {
		const r = run(spoken(T0 - 30 * MIN, [['a', MIN]]), ABC);
		expect(who(r, 'a').status).toBe('ok');
	});

	it('orders red, then amber, then the rest by time, most first', () => {
		const people = present(['e', 'd', 'c', 'b', 'a', 'f', 'g', 'h', 'i', 'j']);
		// Total 10 min, N = 10: a r = 4.0 (red), b r = 2.0 (amber), then j > c > d > e = f = ...
		const turns = spoken(T0, [
			['e', 20 * S],
			['a', 4 * MIN],
			['d', 30 * S],
			['b', 2 * MIN],
			['c', 50 * S],
			['f', 20 * S],
			['g', 20 * S],
			['h', 20 * S],
			['i', 20 * S],
			['j', 60 * S]
		]);
		const r = run(turns, people, { turnLengthMs: 10 * MIN });
		expect(r.people.map((p) => p.personId)).toEqual([
			'a',
			'b',
			'j',
			'c',
			'd',
			'e',
			'f',
			'g',
			'h',
			'i'
		]);
		expect(r.people.map((p) => p.status).slice(0, 3)).toEqual(['red', 'amber', 'ok']);
	});
});

describe('roles', () => {
	const people: PresentPerson[] = [
		...present(['l1', 'l2'], 'Lived experience'),
		...present(['p1', 'p2', 'p3'], 'Professional'),
		{ personId: 'f', role: 'Professional', isFacilitator: true }
	];

	it('gives each role its share of time and turns against its share of people', () => {
		const turns = spoken(T0, [
			['p1', 170 * S],
			['l1', 90 * S],
			['p2', 170 * S],
			['f', 5 * MIN],
			['p3', 170 * S]
		]);
		const r = run(turns, people, { turnLengthMs: 10 * MIN });
		expect(r.roles.map((x) => x.role)).toEqual(['Lived experience', 'Professional']);
		const lived = r.roles[0];
		expect(lived.people).toBe(2);
		expect(lived.peopleShare).toBe(0.4);
		expect(lived.window.timeShare).toBe(0.15);
		expect(lived.window.timeMs).toBe(90 * S);
		expect(lived.window.turns).toBe(1);
		expect(lived.window.turnShare).toBe(0.25);
		expect(lived.window.timeRatio).toBeCloseTo(0.375, 12);
		expect(lived.session.timeShare).toBe(0.15);
		const pro = r.roles[1];
		expect(pro.people).toBe(3);
		expect(pro.peopleShare).toBe(0.6);
		expect(pro.window.timeShare).toBe(0.85);
		expect(pro.window.turnShare).toBe(0.75);
	});

	it('separates the window from the session', () => {
		const turns = [...spoken(T0 - 30 * MIN, [['l1', 10 * MIN]]), ...spoken(T0, [['p1', 5 * MIN]])];
		const r = run(turns, people);
		expect(r.roles[0].session.timeShare).toBeCloseTo(2 / 3, 12);
		expect(r.roles[0].window.timeShare).toBe(0);
		expect(r.roles[1].window.timeShare).toBe(1);
	});

	it('gives zero shares, not NaN, before anyone has spoken', () => {
		const r = run([], people);
		expect(r.roles[0].window).toEqual({
			timeMs: 0,
			turns: 0,
			timeShare: 0,
			turnShare: 0,
			timeRatio: 0,
			turnRatio: 0
		});
		expect(r.summary.notYetHeard).toBe(5);
	});
});

describe('summary for screen readers', () => {
	it('returns counts, not words', () => {
		const people = present(['a', 'b', 'c', 'd', 'q']);
		const turns = spoken(T0, [
			['a', 7 * MIN],
			['b', MIN],
			['c', MIN],
			['d', MIN]
		]);
		const r = run(turns, people, { turnLengthMs: 3 * MIN });
		expect(r.summary).toEqual({
			participants: 5,
			notYetHeard: 1,
			overTwiceShare: 1,
			overThreeTimesShare: 1,
			overTwiceTurns: 0,
			longTurns: 1,
			flagsActive: true
		});
		for (const v of Object.values(r.summary)) expect(typeof v).not.toBe('string');
	});
});

describe('computeSessionSummary', () => {
	it('gives Gini ≈ 0.33 of time when one of six has half the talk', () => {
		const people = present(['a', 'b', 'c', 'd', 'e', 'f']);
		const turns = spoken(T0, [
			['a', 10 * MIN],
			['b', 2 * MIN],
			['c', 2 * MIN],
			['d', 2 * MIN],
			['e', 2 * MIN],
			['f', 2 * MIN]
		]);
		const s = computeSessionSummary({ turns, people, now: T0 });
		expect(s.timeMs).toBe(20 * MIN);
		expect(s.giniTime).toBeCloseTo(1 / 3, 12);
		expect(s.giniTurns).toBe(0);
		expect(s.heard).toBe(6);
	});

	it('counts the silent as zeros in the Gini of turns, and reports role shares', () => {
		const people: PresentPerson[] = [
			...present(['l1', 'l2'], 'Lived experience'),
			...present(['p1', 'p2'], 'Professional'),
			{ personId: 'f', role: 'Professional', isFacilitator: true }
		];
		const turns = spoken(T0, [
			['p1', MIN],
			['f', 5 * MIN],
			['p2', MIN],
			['l1', 2 * MIN],
			['p1', 5 * MIN]
		]);
		const s = computeSessionSummary({ turns, people, now: T0, turnLengthMs: 2 * MIN });
		expect(s.participants).toBe(4);
		expect(s.notYetHeard).toBe(1);
		expect(s.turns).toBe(4);
		expect(s.longTurns).toBe(1);
		expect(s.giniTurns).toBeCloseTo(gini([2, 1, 1, 0]), 12);
		expect(s.giniTurns).toBeGreaterThan(0);
		expect(s.roles).toEqual([
			{
				role: 'Lived experience',
				people: 2,
				peopleShare: 0.5,
				timeMs: 2 * MIN,
				turns: 1,
				timeShare: 2 / 9,
				turnShare: 0.25,
				timeRatio: 4 / 9,
				turnRatio: 0.5
			},
			{
				role: 'Professional',
				people: 2,
				peopleShare: 0.5,
				timeMs: 7 * MIN,
				turns: 3,
				timeShare: 7 / 9,
				turnShare: 0.75,
				timeRatio: 14 / 9,
				turnRatio: 1.5
			}
		]);
	});

	it('names no one in the export', () => {
		const people = present(['person-123', 'person-456', 'person-789']);
		const s = computeSessionSummary({
			turns: spoken(T0, [['person-123', MIN]]),
			people,
			now: T0
		});
		expect(JSON.stringify(s)).not.toContain('person-');
	});
});

describe('purity and wording', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('never reads the real clock', () => {
		vi.spyOn(Date, 'now').mockImplementation(() => {
			throw new Error('Date.now called');
		});
		const turns: TurnRecord[] = [
			{ personId: 'a', kind: 'new-point', startedAt: T0 - MIN, endedAt: null }
		];
		expect(() => run(turns, ABC)).not.toThrow();
		expect(() => computeSessionSummary({ turns, people: ABC, now: T0 })).not.toThrow();
	});

	it('does not mutate its inputs and gives the same answer twice', () => {
		const turns = Object.freeze(
			spoken(T0, [
				['a', 8 * MIN],
				['b', MIN],
				['c', MIN]
			]).map((t) => Object.freeze(t))
		);
		const people = Object.freeze(ABC.map((p) => Object.freeze(p)));
		const input = { turns, people, now: T0, turnLengthMs: TURN };
		const first = computeBalance(input);
		const state = Object.freeze({
			share: Object.freeze(first.flags.share.map((f) => Object.freeze(f))),
			turns: Object.freeze([])
		}) as unknown as FlagState;
		expect(computeBalance(input)).toEqual(first);
		expect(() => computeBalance({ ...input, previousFlags: state })).not.toThrow();
	});

	it('ignores turns from the future and corrupt records', () => {
		const turns: TurnRecord[] = [
			...spoken(T0, [['a', MIN]]),
			{ personId: 'b', kind: 'reply', startedAt: T0 + MIN, endedAt: null },
			{ personId: 'c', kind: 'reply', startedAt: Number.NaN, endedAt: T0 },
			{ personId: 'c', kind: 'reply', startedAt: T0 - MIN, endedAt: T0 - 2 * MIN }
		];
		const r = run(turns, ABC);
		expect(who(r, 'b').session.turns).toBe(0);
		expect(who(r, 'c').session.timeMs).toBe(0);
		expect(who(r, 'c').session.turns).toBe(0);
		expect(r.totals.session.timeMs).toBe(MIN);
	});

	it('counts a duplicated person once', () => {
		const r = run(spoken(T0, [['a', 10 * MIN]]), [...present(['a', 'b']), ...present(['a'])]);
		expect(r.totals.participants).toBe(2);
		expect(r.people).toHaveLength(2);
	});

	it('has no judging words in the module', () => {
		const source = readFileSync(
			new URL('../../src/lib/features/balance/model.ts', import.meta.url),
			'utf8'
		);
		expect(source).not.toMatch(/dominat/i);
	});
});

describe('properties', () => {
	const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
	const arbTurn = fc.record({
		personId: fc.constantFrom(...ids, 'gone', 'fac'),
		kind: fc.constantFrom('new-point', 'reply', 'pass'),
		startedAt: fc.integer({ min: T0 - 60 * MIN, max: T0 }),
		length: fc.option(fc.integer({ min: 0, max: 20 * MIN }), { nil: null })
	});
	const arbInput = fc.record({
		turns: fc.array(arbTurn, { maxLength: 30 }),
		present: fc.subarray(ids, { minLength: 1 }),
		roles: fc.array(fc.constantFrom('Lived experience', 'Carer', 'Professional'), {
			minLength: ids.length,
			maxLength: ids.length
		})
	});
	const build = (x: {
		turns: { personId: string; kind: string; startedAt: number; length: number | null }[];
		present: string[];
		roles: string[];
	}) => ({
		turns: x.turns.map((t): TurnRecord => ({
			personId: t.personId,
			kind: t.kind,
			startedAt: t.startedAt,
			endedAt: t.length === null ? null : t.startedAt + t.length
		})),
		people: [
			...x.present.map((personId, i) => ({ personId, role: x.roles[i] })),
			{ personId: 'fac', role: 'Professional', isFacilitator: true }
		]
	});
	const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

	it('shares of people and of roles each sum to 1 once anyone has spoken', () => {
		fc.assert(
			fc.property(arbInput, (x) => {
				const { turns, people } = build(x);
				const r = computeBalance({ turns, people, now: T0, turnLengthMs: TURN });
				expect(sum(r.roles.map((g) => g.peopleShare))).toBeCloseTo(1, 9);
				for (const key of ['window', 'session'] as const) {
					const total = r.totals[key];
					const personTime = sum(r.people.map((p) => p[key].timeShare));
					const roleTurns = sum(r.roles.map((g) => g[key].turnShare));
					expect(personTime).toBeCloseTo(total.timeMs > 0 ? 1 : 0, 9);
					expect(roleTurns).toBeCloseTo(total.turns > 0 ? 1 : 0, 9);
					// Mean ratio is 1: an "equal share" really is the average.
					if (total.timeMs > 0) {
						expect(sum(r.people.map((p) => p[key].timeRatio)) / r.people.length).toBeCloseTo(1, 9);
					}
				}
			})
		);
	});

	it('puts not-yet-heard first, keeps window within session, and flags only the present', () => {
		fc.assert(
			fc.property(arbInput, (x) => {
				const { turns, people } = build(x);
				const r = computeBalance({ turns, people, now: T0, turnLengthMs: TURN });
				const statuses = r.people.map((p) => p.status);
				const firstHeard = statuses.findIndex((s) => s !== 'not-yet-heard');
				if (firstHeard >= 0) {
					expect(statuses.slice(firstHeard)).not.toContain('not-yet-heard');
				}
				for (const p of r.people) {
					expect(p.window.timeMs).toBeLessThanOrEqual(p.session.timeMs);
					expect(p.window.turns).toBeLessThanOrEqual(p.session.turns);
				}
				const here = new Set(x.present);
				for (const f of [...r.flags.share, ...r.flags.turns])
					expect(here.has(f.personId)).toBe(true);
				expect(r.people.map((p) => p.personId).sort()).toEqual([...x.present].sort());
			})
		);
	});

	it('never raises a share flag with too few people or too little talk', () => {
		fc.assert(
			fc.property(arbInput, (x) => {
				const { turns, people } = build(x);
				const r = computeBalance({ turns, people, now: T0, turnLengthMs: TURN });
				if (r.totals.participants < 3 || r.totals.window.timeMs < BALANCE_RULES.minTalkMs) {
					expect(r.flags.share).toEqual([]);
					expect(r.flags.turns).toEqual([]);
				}
			})
		);
	});
});
