import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import {
	BREAK_PROMPT_MIN,
	PUBLISH_EVERY_MS,
	RESEND_AFTER_MS,
	SIGNALS,
	SIGNAL_WINDOW_MS,
	breakThreshold,
	breakWanted,
	countSignals,
	createSenderMemory,
	createSignalLog,
	isPublishTick,
	nextBreakPrompt,
	nextPublishTick,
	ownSignals,
	publishAtTick,
	pruneSignalLog,
	retryAfter,
	sendSignal,
	takeBackSignal,
	type PublishState,
	type SenderMemory,
	type Signal,
	type SignalCounts,
	type SignalLog
} from './model.ts';
import { SignalSend, SignalTakeBack, SignalsNone, SignalsShowOnRoomScreen } from './schemas.ts';

const T0 = 1_700_000_000_000;

function send(log: SignalLog, sender: SenderMemory, signal: Signal, now: number) {
	const r = sendSignal(log, sender, signal, now);
	if (!r.ok) throw new Error(`send refused: ${r.code}`);
	return r;
}

describe('countSignals', () => {
	it('starts at zero for every signal', () => {
		expect(countSignals(createSignalLog(), T0)).toEqual({
			'slow-down': 0,
			'plain-words': 0,
			'need-break': 0,
			'cant-hear': 0
		});
	});

	it('counts taps in the two minutes up to now, and not older ones', () => {
		const log = createSignalLog();
		log['slow-down'] = [T0 - SIGNAL_WINDOW_MS, T0 - SIGNAL_WINDOW_MS + 1, T0 - 1000, T0];
		log['cant-hear'] = [T0 - 5 * 60_000];
		const c = countSignals(log, T0);
		// Exactly two minutes old has left the window; one ms younger has not.
		expect(c['slow-down']).toBe(3);
		expect(c['cant-hear']).toBe(0);
	});

	it('does not count taps stamped after now (clock skew)', () => {
		const log = createSignalLog();
		log['need-break'] = [T0 + 1, T0 + 60_000];
		expect(countSignals(log, T0)['need-break']).toBe(0);
	});

	it('tolerates a log with a signal missing (e.g. after a JSON round trip)', () => {
		const log = { 'slow-down': [T0] } as unknown as SignalLog;
		expect(countSignals(log, T0)).toEqual({
			'slow-down': 1,
			'plain-words': 0,
			'need-break': 0,
			'cant-hear': 0
		});
	});

	it('pruneSignalLog drops only taps that can never count again', () => {
		const log = createSignalLog();
		log['plain-words'] = [T0 - SIGNAL_WINDOW_MS - 1, T0 - SIGNAL_WINDOW_MS, T0 - 10, T0 + 5];
		const pruned = pruneSignalLog(log, T0);
		expect(pruned['plain-words']).toEqual([T0 - 10, T0 + 5]);
		expect(countSignals(pruned, T0)).toEqual(countSignals(log, T0));
		// The input is not changed.
		expect(log['plain-words']).toHaveLength(4);
	});
});

describe('sendSignal: once a minute per signal per connection', () => {
	it('a first tap counts and is remembered only by this connection', () => {
		const r = send(createSignalLog(), createSenderMemory(), 'slow-down', T0);
		expect(countSignals(r.state, T0)['slow-down']).toBe(1);
		expect(r.sender['slow-down']).toEqual({ sentAt: T0, counted: true });
	});

	it('a repeat within a minute is refused with how long to wait, and changes nothing', () => {
		const first = send(createSignalLog(), createSenderMemory(), 'slow-down', T0);
		const again = sendSignal(first.state, first.sender, 'slow-down', T0 + 20_000);
		expect(again).toEqual({ ok: false, code: 'too-soon', retryAfterMs: 40_000 });
		expect(countSignals(first.state, T0 + 20_000)['slow-down']).toBe(1);
	});

	it('accepts the repeat exactly one minute later, not a millisecond before', () => {
		const first = send(createSignalLog(), createSenderMemory(), 'need-break', T0);
		expect(sendSignal(first.state, first.sender, 'need-break', T0 + RESEND_AFTER_MS - 1).ok).toBe(
			false
		);
		const later = send(first.state, first.sender, 'need-break', T0 + RESEND_AFTER_MS);
		expect(countSignals(later.state, T0 + RESEND_AFTER_MS)['need-break']).toBe(2);
	});

	it('each signal has its own minute', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'slow-down', T0);
		const b = send(a.state, a.sender, 'cant-hear', T0 + 1);
		const c = countSignals(b.state, T0 + 1);
		expect(c['slow-down']).toBe(1);
		expect(c['cant-hear']).toBe(1);
	});

	it('another connection is not limited by the first one', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'slow-down', T0);
		const b = send(a.state, createSenderMemory(), 'slow-down', T0);
		expect(countSignals(b.state, T0)['slow-down']).toBe(2);
	});

	it('refuses unknown signals and bad times', () => {
		const log = createSignalLog();
		const me = createSenderMemory();
		expect(sendSignal(log, me, 'shout' as Signal, T0)).toEqual({
			ok: false,
			code: 'invalid-signal'
		});
		expect(sendSignal(log, me, '__proto__' as Signal, T0)).toEqual({
			ok: false,
			code: 'invalid-signal'
		});
		for (const bad of [NaN, -1, Infinity, '1' as unknown as number]) {
			expect(sendSignal(log, me, 'slow-down', bad)).toEqual({ ok: false, code: 'invalid-time' });
		}
	});

	it('a clock that steps back never locks someone out for more than a minute', () => {
		const first = send(createSignalLog(), createSenderMemory(), 'slow-down', T0);
		expect(retryAfter(first.sender, 'slow-down', T0 - 3_600_000)).toBe(RESEND_AFTER_MS);
	});

	it('does not mutate its inputs', () => {
		const log = createSignalLog();
		const me = createSenderMemory();
		send(log, me, 'slow-down', T0);
		expect(log['slow-down']).toEqual([]);
		expect(me).toEqual({});
	});
});

describe('takeBackSignal', () => {
	it('removes the tap from the count and shows it as no longer sent', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'plain-words', T0);
		const b = takeBackSignal(a.state, a.sender, 'plain-words', T0 + 5_000);
		expect(b.ok).toBe(true);
		if (!b.ok) return;
		expect(countSignals(b.state, T0 + 5_000)['plain-words']).toBe(0);
		expect(ownSignals(b.sender, T0 + 5_000)['plain-words'].sent).toBe(false);
	});

	it('cannot be taken back twice, or without a tap', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'plain-words', T0);
		const b = takeBackSignal(a.state, a.sender, 'plain-words', T0 + 1);
		if (!b.ok) throw new Error('take back refused');
		expect(takeBackSignal(b.state, b.sender, 'plain-words', T0 + 2)).toEqual({
			ok: false,
			code: 'not-sent'
		});
		expect(takeBackSignal(a.state, a.sender, 'slow-down', T0 + 1)).toEqual({
			ok: false,
			code: 'not-sent'
		});
	});

	it('once the tap has left the window there is nothing to take back', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'cant-hear', T0);
		expect(takeBackSignal(a.state, a.sender, 'cant-hear', T0 + SIGNAL_WINDOW_MS)).toEqual({
			ok: false,
			code: 'not-sent'
		});
	});

	it('after pruning (a clock step) it is refused rather than removing someone else’s tap', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'cant-hear', T0);
		const pruned = pruneSignalLog(a.state, T0 + SIGNAL_WINDOW_MS + 1);
		const other = send(pruned, createSenderMemory(), 'cant-hear', T0 + 10);
		expect(takeBackSignal(other.state, a.sender, 'cant-hear', T0 + 20)).toEqual({
			ok: false,
			code: 'not-sent'
		});
	});

	it('taking back does not reset the minute, so a count cannot be pulsed', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'slow-down', T0);
		const b = takeBackSignal(a.state, a.sender, 'slow-down', T0 + 1);
		if (!b.ok) throw new Error('take back refused');
		const c = sendSignal(b.state, b.sender, 'slow-down', T0 + 2);
		expect(c).toMatchObject({ ok: false, code: 'too-soon' });
	});

	it('two taps in the same millisecond: taking one back leaves exactly one', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'slow-down', T0);
		const b = send(a.state, createSenderMemory(), 'slow-down', T0);
		const c = takeBackSignal(b.state, a.sender, 'slow-down', T0 + 1);
		if (!c.ok) throw new Error('take back refused');
		expect(countSignals(c.state, T0 + 1)['slow-down']).toBe(1);
	});
});

describe('anonymity of the log', () => {
	it('the log holds only numbers: nothing about any sender', () => {
		let log = createSignalLog();
		const senders = Array.from({ length: 5 }, () => createSenderMemory());
		senders.forEach((s, i) => {
			log = send(log, s, SIGNALS[i % SIGNALS.length], T0 + i).state;
		});
		expect(Object.keys(log).sort()).toEqual([...SIGNALS].sort());
		for (const s of SIGNALS) for (const t of log[s]) expect(typeof t).toBe('number');
	});

	it('the log is the same whoever sent the taps: it depends on times alone', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.constantFrom(...SIGNALS), fc.integer({ min: 0, max: 20 })), {
					maxLength: 30
				}),
				(raw) => {
					// Whole minutes apart in time order, so one connection may send them all.
					const taps = raw
						.map(([s, m]) => [s, T0 + m * RESEND_AFTER_MS] as const)
						.sort((a, b) => a[1] - b[1])
						.filter(([s, t], i, all) => all.findIndex(([s2, t2]) => s2 === s && t2 === t) === i);
					let many = createSignalLog();
					for (const [s, t] of taps) many = send(many, createSenderMemory(), s, t).state;
					let one = createSignalLog();
					let me = createSenderMemory();
					for (const [s, t] of taps) ({ state: one, sender: me } = send(one, me, s, t));
					expect(one).toEqual(many);
				}
			)
		);
	});
});

describe('ownSignals', () => {
	it('shows Sent and the wait for this connection only', () => {
		const a = send(createSignalLog(), createSenderMemory(), 'need-break', T0);
		const view = ownSignals(a.sender, T0 + 10_000);
		expect(view['need-break']).toEqual({ sent: true, retryAfterMs: 50_000 });
		expect(view['slow-down']).toEqual({ sent: false, retryAfterMs: 0 });
		expect(ownSignals(a.sender, T0 + SIGNAL_WINDOW_MS)['need-break']).toEqual({
			sent: false,
			retryAfterMs: 0
		});
	});

	it('reads no inherited property for a signal named like one', () => {
		const sender = JSON.parse('{"__proto__": {"sentAt": 1, "counted": true}}') as SenderMemory;
		expect(retryAfter(sender, 'slow-down', T0)).toBe(0);
	});
});

describe('break prompt', () => {
	it('threshold is max(2, 20% of the people present, rounded up)', () => {
		const cases: [number, number][] = [
			[0, 2],
			[1, 2],
			[5, 2],
			[10, 2],
			[11, 3],
			[15, 3],
			[20, 4],
			[21, 5],
			[100, 20],
			[500, 100]
		];
		for (const [people, threshold] of cases)
			expect([people, breakThreshold(people)]).toEqual([people, threshold]);
	});

	it('nonsense headcounts fall back to the minimum', () => {
		for (const bad of [NaN, -5, Infinity]) expect(breakThreshold(bad)).toBe(BREAK_PROMPT_MIN);
	});

	it('breakWanted at the threshold, not below', () => {
		expect(breakWanted(1, 4)).toBe(false);
		expect(breakWanted(2, 4)).toBe(true);
		expect(breakWanted(3, 20)).toBe(false);
		expect(breakWanted(4, 20)).toBe(true);
	});

	it('prompts once per rise, again only after the count fell below', () => {
		let state = { prompted: false };
		const steps: [number, boolean][] = [
			[1, false],
			[2, true],
			[3, false],
			[2, false],
			[1, false],
			[2, true]
		];
		for (const [count, prompt] of steps) {
			const r = nextBreakPrompt(state, count, 10);
			expect([count, r.prompt]).toEqual([count, prompt]);
			state = r.state;
		}
	});

	it('never prompts during a break, and re-arms afterwards', () => {
		const during = nextBreakPrompt({ prompted: false }, 5, 10, true);
		expect(during).toEqual({ state: { prompted: false }, prompt: false });
		expect(nextBreakPrompt(during.state, 5, 10).prompt).toBe(true);
	});
});

describe('publishing on a fixed cadence', () => {
	it('nextPublishTick is the next multiple of the cadence, strictly after now', () => {
		expect(nextPublishTick(0)).toBe(PUBLISH_EVERY_MS);
		expect(nextPublishTick(4_999)).toBe(5_000);
		expect(nextPublishTick(5_000)).toBe(10_000);
		expect(nextPublishTick(12_345, 1_000)).toBe(13_000);
	});

	it('refuses to publish at any moment that is not a tick', () => {
		const log = send(createSignalLog(), createSenderMemory(), 'slow-down', T0 + 1).state;
		const r = publishAtTick({ last: null }, log, T0 + 1);
		expect(r.publish).toBeNull();
		expect(isPublishTick(T0 + 1)).toBe(false);
		expect(isPublishTick(NaN)).toBe(false);
	});

	it('publishes at a tick when counts changed, and not again while they stay the same', () => {
		const tick = nextPublishTick(T0);
		const log = send(createSignalLog(), createSenderMemory(), 'slow-down', T0).state;
		const first = publishAtTick({ last: null }, log, tick);
		expect(first.publish?.['slow-down']).toBe(1);
		const second = publishAtTick(first.state, log, tick + PUBLISH_EVERY_MS);
		expect(second.publish).toBeNull();
	});

	it('publishes the drop when taps leave the window', () => {
		const log = send(createSignalLog(), createSenderMemory(), 'slow-down', T0).state;
		const tick = nextPublishTick(T0);
		const first = publishAtTick({ last: null }, log, tick);
		const late = nextPublishTick(T0 + SIGNAL_WINDOW_MS - 1);
		expect(publishAtTick(first.state, log, late).publish?.['slow-down']).toBe(0);
	});

	it('what goes out, and when, is the same wherever a tap falls within its five seconds', () => {
		// Two people tap at different moments inside the same cadence slot: an observer of every
		// publish (time and counts) over the following minutes sees exactly the same thing.
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: PUBLISH_EVERY_MS }),
				fc.integer({ min: 1, max: PUBLISH_EVERY_MS }),
				fc.constantFrom(...SIGNALS),
				(offsetA, offsetB, signal) => {
					const slotEnd = T0 - (T0 % PUBLISH_EVERY_MS) + 10 * PUBLISH_EVERY_MS;
					const run = (offset: number) => {
						const log = send(
							createSignalLog(),
							createSenderMemory(),
							signal,
							slotEnd - offset + 1
						).state;
						const out: [number, SignalCounts][] = [];
						let state: PublishState = { last: null };
						for (
							let t = slotEnd - PUBLISH_EVERY_MS;
							t <= slotEnd + SIGNAL_WINDOW_MS * 2;
							t += 1000
						) {
							const r = publishAtTick(state, log, t);
							state = r.state;
							if (r.publish) out.push([t, r.publish]);
						}
						return out;
					};
					expect(run(offsetB)).toEqual(run(offsetA));
				}
			),
			{ numRuns: 50 }
		);
	});
});

describe('schemas', () => {
	it('accept the four signals', () => {
		for (const signal of SIGNALS) {
			expect(v.safeParse(SignalSend, { signal }).success).toBe(true);
			expect(v.safeParse(SignalTakeBack, { signal }).success).toBe(true);
		}
		expect(v.safeParse(SignalsShowOnRoomScreen, { show: true }).success).toBe(true);
		expect(v.safeParse(SignalsNone, {}).success).toBe(true);
	});

	it('refuse unknown signals, extra fields, arrays, null and wrong types', () => {
		const bad: [v.GenericSchema, unknown][] = [
			[SignalSend, { signal: 'shout' }],
			[SignalSend, { signal: 'slow-down', who: 'me' }],
			[SignalSend, []],
			[SignalSend, null],
			[SignalSend, 'slow-down'],
			[SignalTakeBack, {}],
			[SignalsShowOnRoomScreen, { show: 'yes' }],
			[SignalsNone, []],
			[SignalsNone, { a: 1 }],
			[SignalsNone, null]
		];
		for (const [schema, input] of bad) expect(v.safeParse(schema, input).success).toBe(false);
	});
});
