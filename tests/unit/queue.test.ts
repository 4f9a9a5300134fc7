import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	POINT_KINDS,
	QUEUE_POLICIES,
	DEFAULT_TURN_LENGTH_MS,
	applyTurnToStats,
	changeKind,
	createQueueState,
	endCurrentTurn,
	extendTurn,
	goRoundPass,
	goRoundSpeak,
	goRoundUp,
	lowerHand,
	moveDown,
	moveUp,
	nextSpeaker,
	orderedQueue,
	placeOf,
	raiseHand,
	remove,
	setPaused,
	setPolicy,
	setTurnLength,
	skip,
	speakingNow,
	startGoRound,
	statsOf,
	turnTimeLeft
} from '../../src/lib/features/queue/model.ts';
import type {
	Hand,
	PointKind,
	QueueErrorCode,
	QueuePolicy,
	QueueResult,
	QueueState,
	SpeakingStats,
	TurnChange,
	TurnRecord
} from '../../src/lib/features/queue/model.ts';

// ---- helpers ----

const T0 = 1_000_000;

type Result = { ok: true; state: QueueState } | { ok: false; code: QueueErrorCode };

function must<R extends Result>(r: R): Extract<R, { ok: true }> {
	if (!r.ok) throw new Error(`expected ok, got ${r.code}`);
	return r as Extract<R, { ok: true }>;
}

function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

/** Runs `op` on a frozen copy, so a mutation throws, and checks it is refused with `code`. */
function expectRefused(state: QueueState, op: (s: QueueState) => Result, code: QueueErrorCode) {
	const frozen = deepFreeze(structuredClone(state));
	const before = structuredClone(frozen);
	expect(op(frozen)).toEqual({ ok: false, code });
	expect(frozen).toEqual(before);
}

/** Raises hands one second apart, in the order given. */
function withHands(entries: [string, PointKind][], state = createQueueState()): QueueState {
	return entries.reduce(
		(s, [id, kind], i) => must(raiseHand(s, id, kind, T0 + i * 1000)).state,
		state
	);
}

function ids(items: { personId: string }[]): string[] {
	return items.map((x) => x.personId);
}

function statsFrom(entries: [string, number, number][]): SpeakingStats {
	return Object.fromEntries(entries.map(([id, turns, speakingMs]) => [id, { turns, speakingMs }]));
}

function kindIndex(kind: PointKind): number {
	return POINT_KINDS.indexOf(kind);
}

// ---- arbitraries ----

// '__proto__' and 'constructor' check that stats lookups cannot reach Object.prototype.
const PEOPLE = ['ana', 'bo', 'cy', 'dee', 'eli', 'fox', '__proto__', 'constructor'];
const personArb = fc.constantFrom(...PEOPLE);
const kindArb = fc.constantFrom(...POINT_KINDS);
const policyArb = fc.constantFrom(...QUEUE_POLICIES);

// Small numbers so that equal turns and equal time (the tie-breaks) come up often.
const statsArb: fc.Arbitrary<SpeakingStats> = fc
	.array(
		fc.tuple(
			personArb,
			fc.nat(3),
			fc.nat(4).map((m) => m * 30_000)
		)
	)
	.map(statsFrom);

const handArb = (pinned: boolean): fc.Arbitrary<Hand> =>
	fc.record({
		personId: personArb,
		kind: kindArb,
		raisedAt: fc.nat(1_000_000),
		seq: fc.nat(40),
		manualRank: pinned ? fc.option(fc.nat(6), { nil: null }) : fc.constant(null)
	});

const handsArb = (pinned: boolean) =>
	fc.uniqueArray(handArb(pinned), { selector: (h) => h.personId, maxLength: PEOPLE.length });

function stateWith(hands: Hand[], policy: QueuePolicy): QueueState {
	const nextSeq = hands.reduce((m, h) => Math.max(m, h.seq + 1), 0);
	return { ...createQueueState(), policy, hands, nextSeq };
}

// ---- ordering properties ----

describe('orderedQueue properties', () => {
	it('orders kinds by priority, whatever the policy and manual places', () => {
		fc.assert(
			fc.property(handsArb(true), policyArb, statsArb, (hands, policy, stats) => {
				const kinds = orderedQueue(stateWith(hands, policy), stats).map((h) => kindIndex(h.kind));
				for (let i = 1; i < kinds.length; i++) expect(kinds[i - 1]).toBeLessThanOrEqual(kinds[i]);
			})
		);
	});

	it('returns every waiting hand exactly once', () => {
		fc.assert(
			fc.property(handsArb(true), policyArb, statsArb, (hands, policy, stats) => {
				const out = orderedQueue(stateWith(hands, policy), stats);
				expect([...out].sort((a, b) => (a.personId < b.personId ? -1 : 1))).toEqual(
					[...hands].sort((a, b) => (a.personId < b.personId ? -1 : 1))
				);
			})
		);
	});

	it('round-robin never puts more turns (then more time, then a later raise) ahead within a kind', () => {
		fc.assert(
			fc.property(
				handsArb(false),
				fc.constantFrom<QueuePolicy>('round-robin', 'go-round'),
				statsArb,
				(hands, policy, stats) => {
					const out = orderedQueue(stateWith(hands, policy), stats);
					for (let i = 0; i < out.length; i++) {
						for (let j = i + 1; j < out.length; j++) {
							const [a, b] = [out[i], out[j]];
							if (a.kind !== b.kind) continue;
							const [sa, sb] = [statsOf(stats, a.personId), statsOf(stats, b.personId)];
							expect(sa.turns).toBeLessThanOrEqual(sb.turns);
							if (sa.turns !== sb.turns) continue;
							expect(sa.speakingMs).toBeLessThanOrEqual(sb.speakingMs);
							if (sa.speakingMs !== sb.speakingMs) continue;
							expect(a.seq).toBeLessThanOrEqual(b.seq);
							if (a.seq === b.seq) expect(a.personId < b.personId).toBe(true);
						}
					}
				}
			)
		);
	});

	it('first-come orders by raise within a kind and ignores stats', () => {
		fc.assert(
			fc.property(handsArb(false), statsArb, (hands, stats) => {
				const state = stateWith(hands, 'first-come');
				const out = orderedQueue(state, stats);
				for (let i = 1; i < out.length; i++) {
					if (out[i - 1].kind === out[i].kind) {
						expect(out[i - 1].seq).toBeLessThanOrEqual(out[i].seq);
					}
				}
				expect(out).toEqual(orderedQueue(state, {}));
			})
		);
	});

	it('is deterministic and independent of the order of the hands array', () => {
		const arb = handsArb(true).chain((hands) =>
			fc.tuple(
				fc.constant(hands),
				fc.shuffledSubarray(hands, { minLength: hands.length, maxLength: hands.length })
			)
		);
		fc.assert(
			fc.property(arb, policyArb, statsArb, ([hands, shuffled], policy, stats) => {
				const first = orderedQueue(stateWith(hands, policy), stats);
				expect(orderedQueue(stateWith(hands, policy), stats)).toEqual(first);
				expect(orderedQueue(stateWith(shuffled, policy), stats)).toEqual(first);
			})
		);
	});

	it('keeps the facilitator order among pinned hands and merges later hands by policy', () => {
		const arb = fc.record({
			initial: fc.uniqueArray(fc.tuple(personArb, kindArb), { selector: ([id]) => id }),
			moves: fc.array(fc.tuple(personArb, fc.boolean()), { minLength: 1, maxLength: 6 }),
			later: fc.array(fc.tuple(personArb, kindArb)),
			policy: fc.constantFrom<QueuePolicy>('round-robin', 'first-come'),
			stats: statsArb
		});
		fc.assert(
			fc.property(arb, ({ initial, moves, later, policy, stats }) => {
				let s: QueueState = { ...withHands(initial), policy };
				const pinnedKinds = new Set<PointKind>();
				for (const [id, up] of moves) {
					const r = up ? moveUp(s, stats, id) : moveDown(s, stats, id);
					if (r.ok) {
						pinnedKinds.add(s.hands.find((h) => h.personId === id)!.kind);
						s = r.state;
					}
				}
				const arranged = orderedQueue(s, stats);
				for (const [id, kind] of later) {
					const r = raiseHand(s, id, kind, T0 + 60_000);
					if (r.ok) s = r.state;
				}
				const after = orderedQueue(s, stats);
				const pinnedIds = new Set(
					s.hands.filter((h) => h.manualRank !== null).map((h) => h.personId)
				);
				for (const kind of pinnedKinds) {
					const inKind = (hs: Hand[]) => ids(hs.filter((h) => h.kind === kind));
					// Pinned hands: exactly the arrangement the facilitator left.
					expect(inKind(after).filter((id) => pinnedIds.has(id))).toEqual(inKind(arranged));
					// Later hands: among themselves, exactly the policy order.
					const free = { ...s, hands: s.hands.filter((h) => !pinnedIds.has(h.personId)) };
					expect(inKind(after).filter((id) => !pinnedIds.has(id))).toEqual(
						inKind(orderedQueue(free, stats))
					);
				}
			})
		);
	});
});

// ---- a random walk through every command ----

type Cmd =
	| { t: 'raise'; id: string; kind: PointKind }
	| { t: 'lower' | 'remove' | 'up' | 'down' | 'speakingNow' | 'speak' | 'pass'; id: string }
	| { t: 'change'; id: string; kind: PointKind }
	| { t: 'skip' | 'next' | 'end' | 'speakUp' | 'passUp' }
	| { t: 'pause'; paused: boolean }
	| { t: 'policy'; policy: QueuePolicy }
	| { t: 'extend' | 'length'; ms: number }
	| { t: 'round'; ids: string[] };

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
	{
		arbitrary: fc.record({ t: fc.constant('raise' as const), id: personArb, kind: kindArb }),
		weight: 6
	},
	{
		arbitrary: fc.record({ t: fc.constant('change' as const), id: personArb, kind: kindArb }),
		weight: 1
	},
	{
		arbitrary: fc.record({
			t: fc.constantFrom(
				'lower' as const,
				'remove' as const,
				'up' as const,
				'down' as const,
				'speakingNow' as const,
				'speak' as const,
				'pass' as const
			),
			id: personArb
		}),
		weight: 5
	},
	{
		arbitrary: fc.record({
			t: fc.constantFrom(
				'skip' as const,
				'next' as const,
				'end' as const,
				'speakUp' as const,
				'passUp' as const
			)
		}),
		weight: 5
	},
	{ arbitrary: fc.record({ t: fc.constant('pause' as const), paused: fc.boolean() }), weight: 1 },
	{ arbitrary: fc.record({ t: fc.constant('policy' as const), policy: policyArb }), weight: 1 },
	{
		arbitrary: fc.record({
			t: fc.constantFrom('extend' as const, 'length' as const),
			ms: fc.oneof(
				fc.constantFrom(-1, 0, Number.NaN, 1e12),
				fc.integer({ min: 1_000, max: 300_000 })
			)
		}),
		weight: 1
	},
	{
		arbitrary: fc.record({
			t: fc.constant('round' as const),
			ids: fc.array(personArb, { maxLength: 6 })
		}),
		weight: 1
	}
);

function run(
	s: QueueState,
	stats: SpeakingStats,
	c: Cmd,
	now: number
): QueueResult<Partial<TurnChange>> {
	switch (c.t) {
		case 'raise':
			return raiseHand(s, c.id, c.kind, now);
		case 'lower':
			return lowerHand(s, c.id);
		case 'change':
			return changeKind(s, c.id, c.kind);
		case 'remove':
			return remove(s, c.id);
		case 'up':
			return moveUp(s, stats, c.id);
		case 'down':
			return moveDown(s, stats, c.id);
		case 'skip':
			return skip(s, stats);
		case 'next':
			return nextSpeaker(s, stats, now);
		case 'end':
			return endCurrentTurn(s, now);
		case 'speakingNow':
			return speakingNow(s, c.id, now);
		case 'pause':
			return setPaused(s, c.paused);
		case 'policy':
			return setPolicy(s, c.policy);
		case 'extend':
			return extendTurn(s, c.ms);
		case 'length':
			return setTurnLength(s, c.ms);
		case 'round':
			return startGoRound(s, c.ids);
		case 'speak':
			return goRoundSpeak(s, c.id, now);
		case 'pass':
			return goRoundPass(s, c.id);
		case 'speakUp':
			return goRoundSpeak(s, goRoundUp(s) ?? 'ana', now);
		case 'passUp':
			return goRoundPass(s, goRoundUp(s) ?? 'ana');
	}
}

function checkInvariants(s: QueueState, stats: SpeakingStats) {
	const handIds = ids(s.hands);
	expect(new Set(handIds).size).toBe(handIds.length);
	const seqs = s.hands.map((h) => h.seq);
	expect(new Set(seqs).size).toBe(seqs.length);
	for (const q of seqs) expect(q).toBeLessThan(s.nextSeq);
	const kinds = orderedQueue(s, stats).map((h) => kindIndex(h.kind));
	expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
	if (s.goRound) {
		const gr = s.goRound;
		expect(s.policy).toBe('go-round');
		expect(gr.position).toBeLessThanOrEqual(gr.order.length);
		expect(ids(gr.done)).toEqual(gr.order.slice(0, gr.position));
		expect(new Set(gr.order).size).toBe(gr.order.length);
	}
	// Plain data: survives the trip into a Y.Doc as JSON.
	expect(JSON.parse(JSON.stringify(s))).toEqual(s);
}

describe('every command, in any sequence', () => {
	it('keeps the invariants, never mutates, is deterministic, and refusals change nothing', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(cmdArb, fc.nat(90_000)), { maxLength: 40 }), (cmds) => {
				let s = createQueueState();
				let stats: SpeakingStats = {};
				let now = T0;
				for (const [cmd, dt] of cmds) {
					now += dt;
					deepFreeze(s);
					deepFreeze(stats);
					const before = structuredClone(s);
					const r = run(s, stats, cmd, now);
					expect(run(s, stats, cmd, now)).toEqual(r);
					expect(s).toEqual(before);
					if (!r.ok) {
						expect(Object.keys(r).sort()).toEqual(['code', 'ok']);
						continue;
					}
					if (r.ended) {
						expect(r.ended.endedAt).toBeGreaterThanOrEqual(r.ended.startedAt);
						expect(r.ended.personId).toBe(s.current?.personId);
						stats = applyTurnToStats(stats, r.ended);
					}
					if (r.started?.source === 'queue') {
						// The next speaker is the head of the queue, counting the turn just ended.
						expect(r.started.personId).toBe(orderedQueue(s, stats)[0].personId);
						expect(r.state.hands.some((h) => h.personId === r.started!.personId)).toBe(false);
					}
					s = r.state;
					checkInvariants(s, stats);
				}
			})
		);
	});
});

// ---- go-round property ----

describe('go-round properties', () => {
	it('gives everyone present exactly one turn or pass per round, in order', () => {
		const arb = fc.record({
			present: fc.uniqueArray(personArb, { minLength: 1 }),
			// For each step: how the person who is up acts, and who else tries to act out of turn.
			steps: fc.array(
				fc.record({
					how: fc.constantFrom('speak', 'pass', 'next'),
					intruder: personArb
				}),
				{ minLength: PEOPLE.length, maxLength: PEOPLE.length }
			)
		});
		fc.assert(
			fc.property(arb, ({ present, steps }) => {
				let s = must(startGoRound(createQueueState(), present)).state;
				let now = T0;
				const spokeTurns: string[] = [];
				const expected: { personId: string; outcome: string }[] = [];
				for (const { how, intruder } of steps) {
					const up = goRoundUp(s);
					if (up === null) break;
					if (intruder !== up) {
						expectRefused(s, (x) => goRoundSpeak(x, intruder, now), 'not-your-turn');
						expectRefused(s, (x) => goRoundPass(x, intruder), 'not-your-turn');
					}
					now += 10_000;
					if (how === 'pass') {
						const r = must(goRoundPass(s, up));
						expect(r.state.current).toEqual(s.current);
						s = r.state;
					} else {
						const r =
							how === 'speak' ? must(goRoundSpeak(s, up, now)) : must(nextSpeaker(s, {}, now));
						expect(r.started).toMatchObject({ personId: up, source: 'go-round' });
						spokeTurns.push(r.started!.personId);
						s = r.state;
					}
					expected.push({ personId: up, outcome: how === 'pass' ? 'passed' : 'spoke' });
				}
				expect(goRoundUp(s)).toBe(null);
				expect(ids(expected)).toEqual(present);
				expect(spokeTurns).toEqual(
					expected.filter((e) => e.outcome === 'spoke').map((e) => e.personId)
				);
				// The round stays while its last speaker has the floor; otherwise it is over and the
				// queue has its own order back.
				if (s.goRound) {
					expect(s.current?.source).toBe('go-round');
					expect(s.goRound.done).toEqual(expected);
				} else expect(s.policy).toBe(createQueueState().policy);
				const refusal = s.goRound ? 'round-complete' : 'no-go-round';
				expectRefused(s, (x) => goRoundPass(x, present[0]), refusal);
				expectRefused(s, (x) => goRoundSpeak(x, present[0], now), refusal);
			})
		);
	});

	it('still reaches each person who stays exactly once when people leave mid-round', () => {
		const arb = fc.record({
			present: fc.uniqueArray(personArb, { minLength: 1 }),
			leavers: fc.array(fc.tuple(fc.nat(PEOPLE.length), personArb), { maxLength: 4 })
		});
		fc.assert(
			fc.property(arb, ({ present, leavers }) => {
				let s = must(startGoRound(createQueueState(), present)).state;
				const gone = new Set<string>();
				const reached: string[] = [];
				for (let step = 0; goRoundUp(s) !== null; step++) {
					for (const [at, who] of leavers) {
						if (at !== step) continue;
						const r = remove(s, who);
						const pending = s.goRound!.order.indexOf(who, s.goRound!.position) >= 0;
						expect(r.ok).toBe(pending);
						if (r.ok) {
							gone.add(who);
							s = r.state;
						}
					}
					const up = goRoundUp(s);
					if (up !== null) {
						reached.push(up);
						s = must(goRoundPass(s, up)).state;
					}
				}
				expect(reached).toEqual(present.filter((id) => !gone.has(id)));
			})
		);
	});
});

// ---- invalid operations ----

describe('invalid operations return an error and leave the state unchanged', () => {
	const base = withHands([
		['ana', 'new'],
		['bo', 'reply']
	]);
	const speaking = must(nextSpeaker(base, {}, T0 + 5_000)).state; // bo (reply) speaks

	it('raising a hand twice, for anyone already waiting', () => {
		fc.assert(
			fc.property(handsArb(true), kindArb, (hands, kind) => {
				fc.pre(hands.length > 0);
				const state = stateWith(hands, 'round-robin');
				expectRefused(state, (s) => raiseHand(s, hands[0].personId, kind, T0), 'already-raised');
			})
		);
	});

	it('acting on someone with no hand up', () => {
		fc.assert(
			fc.property(handsArb(true), personArb, kindArb, (hands, id, kind) => {
				fc.pre(!hands.some((h) => h.personId === id));
				const state = stateWith(hands, 'round-robin');
				expectRefused(state, (s) => lowerHand(s, id), 'not-in-queue');
				expectRefused(state, (s) => changeKind(s, id, kind), 'not-in-queue');
				expectRefused(state, (s) => remove(s, id), 'not-in-queue');
				expectRefused(state, (s) => moveUp(s, {}, id), 'not-in-queue');
				expectRefused(state, (s) => moveDown(s, {}, id), 'not-in-queue');
			})
		);
	});

	const cases: [string, QueueState, (s: QueueState) => Result, QueueErrorCode][] = [
		['empty person id', base, (s) => raiseHand(s, '', 'new', T0), 'invalid-person'],
		['huge person id', base, (s) => raiseHand(s, 'x'.repeat(129), 'new', T0), 'invalid-person'],
		['unknown kind', base, (s) => raiseHand(s, 'cy', 'rant' as PointKind, T0), 'invalid-kind'],
		['NaN time', base, (s) => raiseHand(s, 'cy', 'new', Number.NaN), 'invalid-time'],
		['negative time', base, (s) => nextSpeaker(s, {}, -1), 'invalid-time'],
		['same kind', base, (s) => changeKind(s, 'ana', 'new'), 'unchanged'],
		['unknown kind change', base, (s) => changeKind(s, 'ana', 'x' as PointKind), 'invalid-kind'],
		['top of its kind', base, (s) => moveUp(s, {}, 'ana'), 'cannot-move'],
		['bottom of its kind', base, (s) => moveDown(s, {}, 'bo'), 'cannot-move'],
		['skip when alone in its kind', base, (s) => skip(s, {}), 'cannot-move'],
		['skip an empty queue', createQueueState(), (s) => skip(s, {}), 'queue-empty'],
		['next on an empty queue', createQueueState(), (s) => nextSpeaker(s, {}, T0), 'queue-empty'],
		['next while paused', { ...base, paused: true }, (s) => nextSpeaker(s, {}, T0), 'paused'],
		['pause twice', { ...base, paused: true }, (s) => setPaused(s, true), 'unchanged'],
		['same policy', base, (s) => setPolicy(s, 'round-robin'), 'unchanged'],
		['unknown policy', base, (s) => setPolicy(s, 'loudest' as QueuePolicy), 'invalid-policy'],
		['turn length 0', base, (s) => setTurnLength(s, 0), 'invalid-duration'],
		['turn length Infinity', base, (s) => setTurnLength(s, Infinity), 'invalid-duration'],
		['same turn length', base, (s) => setTurnLength(s, DEFAULT_TURN_LENGTH_MS), 'unchanged'],
		['end with nobody speaking', base, (s) => endCurrentTurn(s, T0), 'no-current-turn'],
		['extend with nobody speaking', base, (s) => extendTurn(s, 60_000), 'no-current-turn'],
		['extend by a negative', speaking, (s) => extendTurn(s, -5), 'invalid-duration'],
		['extend by NaN', speaking, (s) => extendTurn(s, Number.NaN), 'invalid-duration'],
		['current speaker speaking now', speaking, (s) => speakingNow(s, 'bo', T0), 'unchanged'],
		['speak with no round', base, (s) => goRoundSpeak(s, 'ana', T0), 'no-go-round'],
		['pass with no round', base, (s) => goRoundPass(s, 'ana'), 'no-go-round'],
		['empty round', base, (s) => startGoRound(s, []), 'invalid-order'],
		['duplicate in round', base, (s) => startGoRound(s, ['ana', 'bo', 'ana']), 'invalid-order'],
		['bad id in round', base, (s) => startGoRound(s, ['ana', '']), 'invalid-person']
	];
	it.each(cases)('%s', (_name, state, op, code) => {
		expectRefused(state, op, code);
	});

	it('a go-round speak while paused', () => {
		const s = must(setPaused(must(startGoRound(base, ['ana', 'bo'])).state, true)).state;
		expectRefused(s, (x) => goRoundSpeak(x, 'ana', T0), 'paused');
		expectRefused(s, (x) => nextSpeaker(x, {}, T0), 'paused');
	});
});

// ---- examples ----

describe('speaking queue examples', () => {
	it('starts empty, round-robin, unpaused, with a two-minute turn', () => {
		expect(createQueueState()).toEqual({
			policy: 'round-robin',
			paused: false,
			turnLengthMs: 120_000,
			nextSeq: 0,
			hands: [],
			current: null,
			goRound: null
		});
	});

	it('tells each person their place ("You are 3rd")', () => {
		const s = withHands([
			['ana', 'new'],
			['bo', 'new'],
			['cy', 'new'],
			['dee', 'process']
		]);
		expect(placeOf(s, {}, 'dee')).toBe(1);
		expect(placeOf(s, {}, 'bo')).toBe(3);
		expect(placeOf(s, {}, 'eli')).toBe(null);
		expect(placeOf(must(lowerHand(s, 'dee')).state, {}, 'bo')).toBe(2);
	});

	it('round-robin puts someone who has not spoken first, then the least time', () => {
		const s = withHands([
			['ana', 'new'],
			['bo', 'new'],
			['cy', 'new'],
			['dee', 'new']
		]);
		const stats = statsFrom([
			['ana', 2, 10_000],
			['bo', 1, 90_000],
			['cy', 1, 30_000]
		]);
		expect(ids(orderedQueue(s, stats))).toEqual(['dee', 'cy', 'bo', 'ana']);
		const firstCome = must(setPolicy(s, 'first-come')).state;
		expect(ids(orderedQueue(firstCome, stats))).toEqual(['ana', 'bo', 'cy', 'dee']);
	});

	it('breaks equal raise numbers by personId, not by array position', () => {
		const h = (personId: string): Hand => ({
			personId,
			kind: 'new',
			raisedAt: T0,
			seq: 3,
			manualRank: null
		});
		expect(ids(orderedQueue(stateWith([h('cy'), h('ana')], 'first-come'), {}))).toEqual([
			'ana',
			'cy'
		]);
	});

	it('next speaker ends the turn, gives the floor to the first and lowers their hand', () => {
		let s = withHands([
			['ana', 'new'],
			['bo', 'clarify']
		]);
		const first = must(nextSpeaker(s, {}, T0 + 10_000));
		expect(first.ended).toBe(null);
		expect(first.started).toEqual({
			personId: 'bo',
			kind: 'clarify',
			startedAt: T0 + 10_000,
			allowedMs: 120_000,
			source: 'queue'
		});
		s = first.state;
		expect(ids(s.hands)).toEqual(['ana']);
		const second = must(nextSpeaker(s, {}, T0 + 70_000));
		expect(second.ended).toEqual({
			personId: 'bo',
			kind: 'clarify',
			startedAt: T0 + 10_000,
			endedAt: T0 + 70_000,
			source: 'queue'
		});
		expect(second.state.current?.personId).toBe('ana');
		const last = must(nextSpeaker(second.state, {}, T0 + 80_000));
		expect(last.started).toBe(null);
		expect(last.ended?.personId).toBe('ana');
		expect(last.state.current).toBe(null);
	});

	it('counts the turn just ended, so a speaker who raised again is not picked straight back', () => {
		let s = withHands([['ana', 'new']]);
		s = must(nextSpeaker(s, {}, T0 + 1_000)).state; // ana speaks
		s = must(raiseHand(s, 'bo', 'new', T0 + 2_000)).state;
		s = must(raiseHand(s, 'ana', 'new', T0 + 3_000)).state;
		// These stats do not include ana's turn yet, so ana looks quieter than bo. Only counting the
		// ended turn (ana: 1 turn, 99 s) puts bo (1 turn, 5 s) first.
		const stats = statsFrom([['bo', 1, 5_000]]);
		const r = must(nextSpeaker(s, stats, T0 + 100_000));
		expect(r.started?.personId).toBe('bo');
		expect(ids(r.state.hands)).toEqual(['ana']);
	});

	it('adds turns and time to stats without touching the input, even for odd ids', () => {
		const stats = deepFreeze(statsFrom([['ana', 1, 1_000]]));
		const turn: TurnRecord = {
			personId: '__proto__',
			kind: null,
			startedAt: T0,
			endedAt: T0 + 4_000,
			source: 'speaking-now'
		};
		const next = applyTurnToStats(applyTurnToStats(stats, turn), turn);
		expect(statsOf(next, '__proto__')).toEqual({ turns: 2, speakingMs: 8_000 });
		expect(statsOf(next, 'ana')).toEqual({ turns: 1, speakingMs: 1_000 });
		expect(statsOf(stats, '__proto__')).toEqual({ turns: 0, speakingMs: 0 });
		expect(JSON.parse(JSON.stringify(next))).toEqual(next);
		const back = applyTurnToStats({}, { ...turn, personId: 'bo', endedAt: T0 - 50 });
		expect(back.bo).toEqual({ turns: 1, speakingMs: 0 });
	});

	it('never records a negative turn when the clock steps back', () => {
		const s = must(nextSpeaker(withHands([['ana', 'new']]), {}, T0 + 5_000)).state;
		const r = must(endCurrentTurn(s, T0));
		expect(r.ended).toMatchObject({ startedAt: T0 + 5_000, endedAt: T0 + 5_000 });
	});

	it('shows time left, which can go negative (advisory) and can be extended', () => {
		let s = must(nextSpeaker(withHands([['ana', 'new']]), {}, T0)).state;
		expect(turnTimeLeft(s, T0 + 20_000)).toBe(100_000);
		expect(turnTimeLeft(s, T0 + 150_000)).toBe(-30_000);
		expect(s.current).not.toBe(null); // nothing cuts anyone off
		s = must(extendTurn(s, 60_000)).state;
		expect(turnTimeLeft(s, T0 + 150_000)).toBe(30_000);
		expect(turnTimeLeft(createQueueState(), T0)).toBe(null);
	});

	it('applies a new turn length to later turns only', () => {
		let s = must(
			nextSpeaker(
				withHands([
					['ana', 'new'],
					['bo', 'new']
				]),
				{},
				T0
			)
		).state;
		s = must(setTurnLength(s, 90_000)).state;
		expect(s.current?.allowedMs).toBe(120_000);
		expect(must(nextSpeaker(s, {}, T0 + 1)).started?.allowedMs).toBe(90_000);
	});

	it('speaking now ends the current turn and lowers the speaker’s own hand', () => {
		let s = withHands([
			['ana', 'new'],
			['bo', 'reply'],
			['cy', 'new']
		]);
		s = must(nextSpeaker(s, {}, T0 + 10_000)).state; // bo
		s = must(setPaused(s, true)).state;
		const r = must(speakingNow(s, 'cy', T0 + 20_000));
		expect(r.ended).toMatchObject({ personId: 'bo', endedAt: T0 + 20_000 });
		expect(r.started).toMatchObject({ personId: 'cy', kind: 'new', source: 'speaking-now' });
		expect(ids(r.state.hands)).toEqual(['ana']);
		const handless = must(speakingNow(r.state, 'eli', T0 + 30_000));
		expect(handless.started?.kind).toBe(null);
		expect(ids(handless.state.hands)).toEqual(['ana']);
	});

	it('skip sends the first to the back of their kind and keeps their hand up', () => {
		const s = withHands([
			['ana', 'new'],
			['bo', 'new'],
			['cy', 'new'],
			['dee', 'reply']
		]);
		expect(ids(orderedQueue(s, {}))).toEqual(['dee', 'ana', 'bo', 'cy']);
		const once = must(skip(must(lowerHand(s, 'dee')).state, {})).state;
		expect(ids(orderedQueue(once, {}))).toEqual(['bo', 'cy', 'ana']);
		// With a reply waiting, the reply is first, and alone in its kind.
		expectRefused(s, (x) => skip(x, {}), 'cannot-move');
	});

	it('manual moves stay within the kind and persist while stats change', () => {
		let s = withHands([
			['ana', 'new'],
			['bo', 'new'],
			['cy', 'new'],
			['dee', 'process']
		]);
		s = must(moveUp(s, {}, 'cy')).state;
		expect(ids(orderedQueue(s, {}))).toEqual(['dee', 'ana', 'cy', 'bo']);
		s = must(moveUp(s, {}, 'cy')).state;
		expect(ids(orderedQueue(s, {}))).toEqual(['dee', 'cy', 'ana', 'bo']);
		// Cannot climb above a point of process.
		expectRefused(s, (x) => moveUp(x, {}, 'cy'), 'cannot-move');
		// Stats that would reorder the policy do not undo the facilitator's order...
		const stats = statsFrom([['cy', 4, 400_000]]);
		expect(ids(orderedQueue(s, stats))).toEqual(['dee', 'cy', 'ana', 'bo']);
		// ...but a newcomer is merged in by policy: eli (no turns) goes before cy (4 turns).
		s = must(raiseHand(s, 'eli', 'new', T0 + 60_000)).state;
		expect(ids(orderedQueue(s, stats))).toEqual(['dee', 'eli', 'cy', 'ana', 'bo']);
		// Changing policy starts from the policy's own order again.
		s = must(setPolicy(s, 'first-come')).state;
		expect(ids(orderedQueue(s, stats))).toEqual(['dee', 'ana', 'bo', 'cy', 'eli']);
		expect(s.hands.every((h) => h.manualRank === null)).toBe(true);
	});

	it('changing kind keeps the raise order and drops any manual place', () => {
		let s = withHands([
			['ana', 'reply'],
			['bo', 'new'],
			['cy', 'new'],
			['dee', 'reply']
		]);
		s = must(moveDown(s, {}, 'bo')).state; // new: cy, bo
		s = must(changeKind(s, 'bo', 'reply')).state;
		expect(ids(orderedQueue(s, {}))).toEqual(['ana', 'bo', 'dee', 'cy']);
		expect(s.hands.find((h) => h.personId === 'bo')).toMatchObject({ seq: 1, manualRank: null });
	});

	it('runs a go-round where a pass never interrupts the speaker and the queue waits', () => {
		let s = withHands([['fox', 'process']]);
		s = must(startGoRound(s, ['ana', 'bo', 'cy'])).state;
		expect(s.policy).toBe('go-round');
		expect(goRoundUp(s)).toBe('ana');
		const a = must(goRoundSpeak(s, 'ana', T0 + 10_000));
		s = a.state;
		expect(a.started).toMatchObject({ personId: 'ana', kind: null, source: 'go-round' });
		s = must(goRoundPass(s, 'bo')).state;
		expect(s.current?.personId).toBe('ana');
		// The facilitator's "Next speaker" gives the floor to whoever is up.
		const c = must(nextSpeaker(s, {}, T0 + 40_000));
		expect(c.ended).toMatchObject({ personId: 'ana', source: 'go-round', endedAt: T0 + 40_000 });
		expect(c.started?.personId).toBe('cy');
		s = c.state;
		expect(goRoundUp(s)).toBe(null);
		expect(s.goRound?.done).toEqual([
			{ personId: 'ana', outcome: 'spoke' },
			{ personId: 'bo', outcome: 'passed' },
			{ personId: 'cy', outcome: 'spoke' }
		]);
		// Round complete: the raised hand is next, and the round is over (issue 14, defect 12): the
		// queue is back in the order it had before, with no round left on screen.
		const f = must(nextSpeaker(s, {}, T0 + 50_000));
		expect(f.started).toMatchObject({ personId: 'fox', source: 'queue' });
		expect(f.state.goRound).toBe(null);
		expect(f.state.policy).toBe('round-robin');
		// Leaving the policy ends an unfinished round.
		expect(must(setPolicy(a.state, 'first-come')).state.goRound).toBe(null);
	});

	it('ends a finished round at once when the last person passes, or when the last turn ends', () => {
		let s = must(setPolicy(createQueueState(), 'first-come')).state;
		s = must(startGoRound(s, ['ana', 'bo'])).state;
		expect(s.goRound?.before).toBe('first-come');
		s = must(goRoundSpeak(s, 'ana', T0)).state;
		s = must(goRoundPass(s, 'bo')).state;
		// Ana still speaks in the round: it is complete but not over.
		expect(s.goRound?.position).toBe(2);
		const ended = must(endCurrentTurn(s, T0 + 5_000));
		expect(ended.state.goRound).toBe(null);
		expect(ended.state.policy).toBe('first-come');
		// A last pass with nobody speaking ends it at once.
		let t = must(startGoRound(createQueueState(), ['ana'])).state;
		t = must(goRoundPass(t, 'ana')).state;
		expect(t.goRound).toBe(null);
		expect(t.policy).toBe(createQueueState().policy);
	});

	it('keeps a person who leaves after their go-round turn in the round history', () => {
		let s = must(startGoRound(createQueueState(), ['ana', 'bo'])).state;
		s = must(goRoundPass(s, 'ana')).state;
		expectRefused(s, (x) => remove(x, 'ana'), 'not-in-queue');
		s = must(remove(s, 'bo')).state;
		expect(s.goRound).toEqual({
			order: ['ana'],
			position: 1,
			done: [{ personId: 'ana', outcome: 'passed' }],
			before: 'round-robin'
		});
	});
});
