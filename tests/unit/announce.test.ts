import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	ANNOUNCE_GAP_MS,
	AnnouncePolicy,
	DUPLICATE_WINDOW_MS,
	TYPING_IDLE_MS,
	VERBOSITIES,
	politenessOf,
	type AnnouncementKind,
	type Spoken,
	type Verbosity
} from '../../src/lib/shared/announce.ts';

const KINDS: AnnouncementKind[] = ['update', 'summary', 'turn', 'error'];

const newIdeas = (count: number) => `${count} new ideas`;

/** Takes everything the policy will say by following `nextCheckAt`, from `now` on. */
function drain(policy: AnnouncePolicy, now: number, limit = 50): { at: number; spoken: Spoken }[] {
	const out: { at: number; spoken: Spoken }[] = [];
	let t: number | null = now;
	for (let i = 0; i < limit && t !== null; i++) {
		const spoken = policy.take(t);
		if (spoken) out.push({ at: t, spoken });
		const next = policy.nextCheckAt(t);
		if (next === null) break;
		t = Math.max(next, t + 1);
	}
	return out;
}

describe('timing constants', () => {
	it('match ACCESSIBILITY.md R2 and R3', () => {
		expect(ANNOUNCE_GAP_MS).toBe(1000);
		expect(TYPING_IDLE_MS).toBe(1000);
		expect(DUPLICATE_WINDOW_MS).toBeGreaterThanOrEqual(2000);
		expect(DUPLICATE_WINDOW_MS).toBeLessThanOrEqual(10_000);
	});

	it('offers exactly the four verbosity settings of R5', () => {
		expect([...VERBOSITIES]).toEqual(['all', 'summary', 'turn', 'off']);
	});
});

describe('politenessOf (R4)', () => {
	it.each([
		['turn', 'assertive'],
		['error', 'assertive'],
		['update', 'polite'],
		['summary', 'polite']
	] as const)('%s is %s', (kind, politeness) => {
		expect(politenessOf(kind)).toBe(politeness);
	});

	it('uses the assertive region for turn and error only', () => {
		expect(KINDS.filter((k) => politenessOf(k) === 'assertive').sort()).toEqual(['error', 'turn']);
	});
});

describe('AnnouncePolicy basics', () => {
	it('starts empty', () => {
		const p = new AnnouncePolicy();
		expect(p.verbosity).toBe('all');
		expect(p.pending).toBe(0);
		expect(p.take(0)).toBeNull();
		expect(p.nextCheckAt(0)).toBeNull();
	});

	it('says a queued update politely', () => {
		const p = new AnnouncePolicy();
		expect(p.submit({ text: 'Sam joined', kind: 'update' }, 0)).toBe(true);
		expect(p.pending).toBe(1);
		expect(p.take(0)).toEqual({ text: 'Sam joined', politeness: 'polite' });
		expect(p.pending).toBe(0);
		expect(p.take(5000)).toBeNull();
	});

	it('says "Your turn" assertively', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'Your turn', kind: 'turn' }, 0);
		expect(p.take(0)).toEqual({ text: 'Your turn', politeness: 'assertive' });
	});

	it('says errors assertively', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'That is too long.', kind: 'error' }, 0);
		expect(p.take(0)).toEqual({ text: 'That is too long.', politeness: 'assertive' });
	});

	it('says polite announcements in the order they came', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'one', kind: 'update' }, 0);
		p.submit({ text: 'two', kind: 'summary' }, 0);
		p.submit({ text: 'three', kind: 'update' }, 0);
		expect(drain(p, 0).map((x) => x.spoken.text)).toEqual(['one', 'two', 'three']);
	});

	it('clear() drops everything waiting', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'one', kind: 'update' }, 0);
		p.submit({ text: 'Your turn', kind: 'turn' }, 0);
		p.clear();
		expect(p.pending).toBe(0);
		expect(p.take(0)).toBeNull();
		expect(p.nextCheckAt(0)).toBeNull();
	});
});

describe('one announcement a second (R2)', () => {
	it('waits ANNOUNCE_GAP_MS between polite announcements', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'A', kind: 'update' }, 0);
		p.submit({ text: 'B', kind: 'update' }, 0);
		expect(p.take(0)?.text).toBe('A');
		expect(p.take(1)).toBeNull();
		expect(p.take(999)).toBeNull();
		expect(p.pending).toBe(1);
		expect(p.take(1000)?.text).toBe('B');
	});

	it('holds an assertive announcement for the gap too', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'A', kind: 'update' }, 0);
		expect(p.take(0)?.text).toBe('A');
		p.submit({ text: 'Your turn', kind: 'turn' }, 10);
		expect(p.take(500)).toBeNull();
		expect(p.take(1000)).toEqual({ text: 'Your turn', politeness: 'assertive' });
	});

	it('puts assertive announcements ahead of waiting polite ones', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'A', kind: 'update' }, 0);
		p.submit({ text: 'B', kind: 'update' }, 0);
		p.submit({ text: 'Your turn', kind: 'turn' }, 0);
		p.submit({ text: 'Oops', kind: 'error' }, 0);
		expect(drain(p, 0).map((x) => x.spoken.text)).toEqual(['Your turn', 'Oops', 'A', 'B']);
	});

	it('a take that says nothing does not restart the gap', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'A', kind: 'update' }, 0);
		expect(p.take(0)?.text).toBe('A');
		expect(p.take(600)).toBeNull();
		p.submit({ text: 'B', kind: 'update' }, 700);
		expect(p.take(1000)?.text).toBe('B');
	});
});

describe('duplicates (R2)', () => {
	it('drops identical polite text said within the window', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'Sam joined', kind: 'update' }, 0);
		expect(p.take(0)?.text).toBe('Sam joined');
		p.submit({ text: 'Sam joined', kind: 'update' }, 1500);
		expect(p.take(1500)).toBeNull();
		expect(p.pending).toBe(0);
	});

	it('drops a duplicate waiting in the queue and says the next one instead', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'X', kind: 'update' }, 0);
		p.submit({ text: 'X', kind: 'update' }, 0);
		p.submit({ text: 'Y', kind: 'update' }, 0);
		expect(p.take(0)?.text).toBe('X');
		expect(p.take(1000)?.text).toBe('Y');
		expect(p.pending).toBe(0);
	});

	it('says the same text again once the window has passed', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'X', kind: 'update' }, 0);
		expect(p.take(0)?.text).toBe('X');
		p.submit({ text: 'X', kind: 'update' }, DUPLICATE_WINDOW_MS - 1);
		expect(p.take(DUPLICATE_WINDOW_MS - 1)).toBeNull();
		p.submit({ text: 'X', kind: 'update' }, DUPLICATE_WINDOW_MS);
		expect(p.take(DUPLICATE_WINDOW_MS)?.text).toBe('X');
	});

	it('measures the window from when the text was said, not when it was queued', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'X', kind: 'update' }, 0);
		expect(p.take(0)?.text).toBe('X');
		// Dropped at 1000, so the window still runs from 0.
		p.submit({ text: 'X', kind: 'update' }, 1000);
		expect(p.take(1000)).toBeNull();
		p.submit({ text: 'X', kind: 'update' }, DUPLICATE_WINDOW_MS);
		expect(p.take(DUPLICATE_WINDOW_MS)?.text).toBe('X');
	});

	it('does not drop different text', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'Sam joined', kind: 'update' }, 0);
		p.submit({ text: 'Alex joined', kind: 'update' }, 0);
		expect(drain(p, 0).map((x) => x.spoken.text)).toEqual(['Sam joined', 'Alex joined']);
	});

	it('repeats an assertive message (an error answers what the person just did)', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'That is too long.', kind: 'error' }, 0);
		expect(p.take(0)?.text).toBe('That is too long.');
		p.submit({ text: 'That is too long.', kind: 'error' }, 1000);
		expect(p.take(1000)).toEqual({ text: 'That is too long.', politeness: 'assertive' });
	});
});

describe('merging bursts (R2)', () => {
	it('merges announcements with the same key into one with the merged text', () => {
		const p = new AnnouncePolicy();
		for (let i = 0; i < 3; i++) {
			expect(
				p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, i)
			).toBe(true);
		}
		expect(p.pending).toBe(1);
		expect(p.take(10)).toEqual({ text: '3 new ideas', politeness: 'polite' });
		expect(p.pending).toBe(0);
	});

	it('says the single text when only one arrived', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, 0);
		expect(p.take(0)?.text).toBe('New idea');
	});

	it('merges only while waiting: after it is said, a new group starts', () => {
		const p = new AnnouncePolicy();
		const idea = { text: 'New idea', kind: 'update' as const, mergeKey: 'ideas', merged: newIdeas };
		p.submit(idea, 0);
		p.submit(idea, 0);
		expect(p.take(0)?.text).toBe('2 new ideas');
		p.submit(idea, 100);
		p.submit(idea, 200);
		p.submit(idea, 300);
		p.submit(idea, 400);
		expect(p.take(1000)?.text).toBe('4 new ideas');
	});

	it('keeps the latest text when no merged() is given', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: '3 people here', kind: 'update', mergeKey: 'count' }, 0);
		p.submit({ text: '4 people here', kind: 'update', mergeKey: 'count' }, 1);
		p.submit({ text: '5 people here', kind: 'update', mergeKey: 'count' }, 2);
		expect(p.pending).toBe(1);
		expect(p.take(3)?.text).toBe('5 people here');
	});

	it('does not merge different keys or announcements without a key', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, 0);
		p.submit({ text: 'Sam joined', kind: 'update', mergeKey: 'people' }, 0);
		p.submit({ text: 'Agenda changed', kind: 'update' }, 0);
		p.submit({ text: 'Agenda changed again', kind: 'update' }, 0);
		p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, 0);
		expect(p.pending).toBe(4);
		expect(drain(p, 0).map((x) => x.spoken.text)).toEqual([
			'2 new ideas',
			'Sam joined',
			'Agenda changed',
			'Agenda changed again'
		]);
	});

	it('keeps the merged group in the place of its first announcement', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, 0);
		p.submit({ text: 'Sam joined', kind: 'update' }, 0);
		p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, 0);
		expect(drain(p, 0).map((x) => x.spoken.text)).toEqual(['2 new ideas', 'Sam joined']);
	});

	it('turns a flood of 100 into one announcement', () => {
		const p = new AnnouncePolicy();
		for (let i = 0; i < 100; i++) {
			p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, i);
		}
		const said = drain(p, 100);
		expect(said.map((x) => x.spoken.text)).toEqual(['100 new ideas']);
	});
});

describe("don't talk over typing (R3)", () => {
	it('holds polite announcements while the person types', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.typed(0);
		p.submit({ text: 'Sam joined', kind: 'update' }, 0);
		expect(p.take(0)).toBeNull();
		expect(p.take(TYPING_IDLE_MS - 1)).toBeNull();
		expect(p.pending).toBe(1);
		expect(p.take(TYPING_IDLE_MS)?.text).toBe('Sam joined');
	});

	it('keeps holding while typing goes on', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.submit({ text: 'Sam joined', kind: 'update' }, 0);
		for (let t = 0; t <= 5000; t += 400) {
			p.typed(t);
			expect(p.take(t + 399)).toBeNull();
		}
		expect(p.take(4800 + TYPING_IDLE_MS)?.text).toBe('Sam joined');
	});

	it('treats entering a text field as activity', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 5000);
		p.submit({ text: 'Sam joined', kind: 'update' }, 5000);
		expect(p.take(5500)).toBeNull();
		expect(p.take(5000 + TYPING_IDLE_MS)?.text).toBe('Sam joined');
	});

	it('does not hold assertive announcements while typing', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.typed(0);
		p.submit({ text: 'Your turn', kind: 'turn' }, 0);
		expect(p.take(0)).toEqual({ text: 'Your turn', politeness: 'assertive' });
		p.typed(1000);
		p.submit({ text: 'That is too long.', kind: 'error' }, 1000);
		expect(p.take(1000)).toEqual({ text: 'That is too long.', politeness: 'assertive' });
	});

	it('lets an assertive announcement past polite ones that wait for typing', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.typed(0);
		p.submit({ text: 'Sam joined', kind: 'update' }, 0);
		p.submit({ text: 'Your turn', kind: 'turn' }, 0);
		expect(p.take(0)?.text).toBe('Your turn');
		p.typed(900);
		expect(p.take(1000)).toBeNull();
		expect(p.take(1900)?.text).toBe('Sam joined');
	});

	it('releases polite announcements when the person leaves the field', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.typed(100);
		p.submit({ text: 'Sam joined', kind: 'update' }, 100);
		expect(p.take(200)).toBeNull();
		p.setInTextField(false, 300);
		expect(p.take(300)?.text).toBe('Sam joined');
	});

	it('ignores typing outside a text field', () => {
		const p = new AnnouncePolicy();
		p.typed(0);
		p.submit({ text: 'Sam joined', kind: 'update' }, 0);
		expect(p.take(0)?.text).toBe('Sam joined');
	});
});

describe('verbosity (R5)', () => {
	const allowed: Record<Verbosity, AnnouncementKind[]> = {
		all: ['update', 'summary', 'turn', 'error'],
		summary: ['summary', 'turn', 'error'],
		turn: ['turn', 'error'],
		off: ['error']
	};

	for (const verbosity of VERBOSITIES) {
		for (const kind of KINDS) {
			const expected = allowed[verbosity].includes(kind);
			it(`${verbosity}: ${kind} is ${expected ? 'said' : 'dropped'}`, () => {
				const p = new AnnouncePolicy();
				p.verbosity = verbosity;
				expect(p.submit({ text: `a ${kind}`, kind }, 0)).toBe(expected);
				expect(p.pending).toBe(expected ? 1 : 0);
				const spoken = p.take(0);
				if (expected) expect(spoken).toEqual({ text: `a ${kind}`, politeness: politenessOf(kind) });
				else expect(spoken).toBeNull();
			});
		}
	}

	it('errors are said even when updates are off', () => {
		const p = new AnnouncePolicy();
		p.verbosity = 'off';
		p.submit({ text: 'Sam joined', kind: 'update' }, 0);
		p.submit({ text: 'Summary', kind: 'summary' }, 0);
		p.submit({ text: 'Your turn', kind: 'turn' }, 0);
		p.submit({ text: 'Could not send.', kind: 'error' }, 0);
		expect(drain(p, 0).map((x) => x.spoken.text)).toEqual(['Could not send.']);
	});

	it('a dropped announcement does not merge into a later one', () => {
		const p = new AnnouncePolicy();
		p.verbosity = 'turn';
		p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, 0);
		p.verbosity = 'all';
		p.submit({ text: 'New idea', kind: 'update', mergeKey: 'ideas', merged: newIdeas }, 1);
		expect(p.take(1)?.text).toBe('New idea');
	});
});

describe('nextCheckAt', () => {
	it('is null when nothing waits', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'A', kind: 'update' }, 0);
		p.take(0);
		expect(p.nextCheckAt(10)).toBeNull();
	});

	it('is now when something waits and nothing was said yet', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'A', kind: 'update' }, 50);
		expect(p.nextCheckAt(50)).toBe(50);
	});

	it('is the end of the gap after something was said', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'A', kind: 'update' }, 0);
		p.submit({ text: 'B', kind: 'update' }, 0);
		p.take(200);
		expect(p.nextCheckAt(300)).toBe(200 + ANNOUNCE_GAP_MS);
		expect(p.nextCheckAt(5000)).toBe(5000);
	});

	it('waits for typing to pause when only polite ones wait', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.submit({ text: 'A', kind: 'update' }, 0);
		p.typed(700);
		expect(p.nextCheckAt(700)).toBe(700 + TYPING_IDLE_MS);
	});

	it('takes the later of the gap and the typing pause', () => {
		const p = new AnnouncePolicy();
		p.submit({ text: 'A', kind: 'update' }, 0);
		p.submit({ text: 'B', kind: 'update' }, 0);
		p.take(0);
		p.setInTextField(true, 100);
		expect(p.nextCheckAt(100)).toBe(Math.max(ANNOUNCE_GAP_MS, 100 + TYPING_IDLE_MS));
		p.typed(2500);
		expect(p.nextCheckAt(2500)).toBe(2500 + TYPING_IDLE_MS);
	});

	it('ignores typing when an assertive announcement waits', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.typed(0);
		p.submit({ text: 'A', kind: 'update' }, 0);
		p.submit({ text: 'Your turn', kind: 'turn' }, 0);
		expect(p.nextCheckAt(0)).toBe(0);
	});

	it('ignores old typing once the person left the field', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.typed(900);
		p.setInTextField(false, 950);
		p.submit({ text: 'A', kind: 'update' }, 950);
		expect(p.nextCheckAt(950)).toBe(950);
	});

	it('take at nextCheckAt says the next waiting announcement', () => {
		const p = new AnnouncePolicy();
		p.setInTextField(true, 0);
		p.submit({ text: 'A', kind: 'update' }, 0);
		p.submit({ text: 'B', kind: 'update' }, 0);
		p.typed(400);
		const first = p.nextCheckAt(400)!;
		expect(p.take(first - 1)).toBeNull();
		expect(p.take(first)?.text).toBe('A');
		const second = p.nextCheckAt(first)!;
		expect(second).toBe(first + ANNOUNCE_GAP_MS);
		expect(p.take(second - 1)).toBeNull();
		expect(p.take(second)?.text).toBe('B');
	});
});

describe('properties', () => {
	type Op =
		| { op: 'submit'; dt: number; kind: AnnouncementKind; text: number; merge: boolean }
		| { op: 'take'; dt: number }
		| { op: 'typed'; dt: number }
		| { op: 'field'; dt: number; inField: boolean };

	const opArb: fc.Arbitrary<Op> = fc.oneof(
		fc.record({
			op: fc.constant('submit' as const),
			dt: fc.integer({ min: 0, max: 1500 }),
			kind: fc.constantFrom(...KINDS),
			text: fc.integer({ min: 0, max: 4 }),
			merge: fc.boolean()
		}),
		fc.record({ op: fc.constant('take' as const), dt: fc.integer({ min: 0, max: 1500 }) }),
		fc.record({ op: fc.constant('typed' as const), dt: fc.integer({ min: 0, max: 1500 }) }),
		fc.record({
			op: fc.constant('field' as const),
			dt: fc.integer({ min: 0, max: 1500 }),
			inField: fc.boolean()
		})
	);

	function run(ops: Op[], verbosity: Verbosity) {
		const p = new AnnouncePolicy();
		p.verbosity = verbosity;
		const said: { at: number; spoken: Spoken }[] = [];
		let now = 0;
		for (const o of ops) {
			now += o.dt;
			if (o.op === 'submit') {
				const text = `${o.kind}:${o.text}`;
				p.submit(
					o.merge
						? {
								text,
								kind: o.kind,
								mergeKey: o.kind,
								merged: (c) => `${o.kind}:merged ${c}`
							}
						: { text, kind: o.kind },
					now
				);
			} else if (o.op === 'typed') p.typed(now);
			else if (o.op === 'field') p.setInTextField(o.inField, now);
			else {
				const s = p.take(now);
				if (s) said.push({ at: now, spoken: s });
			}
		}
		return said;
	}

	it('never says two things less than ANNOUNCE_GAP_MS apart', () => {
		fc.assert(
			fc.property(
				fc.array(opArb, { maxLength: 120 }),
				fc.constantFrom(...VERBOSITIES),
				(ops, v) => {
					const said = run(ops, v);
					for (let i = 1; i < said.length; i++) {
						expect(said[i].at - said[i - 1].at).toBeGreaterThanOrEqual(ANNOUNCE_GAP_MS);
					}
				}
			),
			{ numRuns: 500 }
		);
	});

	it('uses the assertive region for turn and error only, whatever the sequence', () => {
		fc.assert(
			fc.property(
				fc.array(opArb, { maxLength: 120 }),
				fc.constantFrom(...VERBOSITIES),
				(ops, v) => {
					for (const { spoken } of run(ops, v)) {
						const kind = spoken.text.split(':')[0] as AnnouncementKind;
						expect(spoken.politeness).toBe(politenessOf(kind));
					}
				}
			),
			{ numRuns: 300 }
		);
	});

	it('never repeats the same polite text within the duplicate window', () => {
		fc.assert(
			fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
				const lastAt = new Map<string, number>();
				for (const { at, spoken } of run(ops, 'all')) {
					if (spoken.politeness !== 'polite') continue;
					const before = lastAt.get(spoken.text);
					if (before !== undefined) {
						expect(at - before).toBeGreaterThanOrEqual(DUPLICATE_WINDOW_MS);
					}
					lastAt.set(spoken.text, at);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('only says kinds the verbosity setting allows', () => {
		const allowed: Record<Verbosity, string[]> = {
			all: KINDS,
			summary: ['summary', 'turn', 'error'],
			turn: ['turn', 'error'],
			off: ['error']
		};
		fc.assert(
			fc.property(fc.array(opArb, { maxLength: 80 }), fc.constantFrom(...VERBOSITIES), (ops, v) => {
				for (const { spoken } of run(ops, v)) {
					expect(allowed[v]).toContain(spoken.text.split(':')[0]);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('says nothing polite while the person is typing in a field', () => {
		fc.assert(
			fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
				const p = new AnnouncePolicy();
				let now = 0;
				let inField = false;
				let lastActivity = -Infinity;
				for (const o of ops) {
					now += o.dt;
					if (o.op === 'submit') p.submit({ text: `${o.kind}:${o.text}`, kind: o.kind }, now);
					else if (o.op === 'typed') lastActivity = now;
					else if (o.op === 'field') {
						inField = o.inField;
						if (o.inField) lastActivity = now;
					}
					if (o.op === 'typed') p.typed(now);
					if (o.op === 'field') p.setInTextField(o.inField, now);
					if (o.op === 'take') {
						const s = p.take(now);
						if (s && s.politeness === 'polite') {
							expect(inField && now - lastActivity < TYPING_IDLE_MS).toBe(false);
						}
					}
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('drains every announcement that is not a duplicate when driven by nextCheckAt', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.constantFrom(...KINDS), fc.integer({ min: 0, max: 1_000_000 })), {
					maxLength: 20
				}),
				(items) => {
					const p = new AnnouncePolicy();
					const unique = new Map<string, AnnouncementKind>();
					for (const [kind, id] of items) {
						const text = `${kind}:${id}`;
						p.submit({ text, kind }, 0);
						unique.set(text, kind);
					}
					const said = drain(p, 0, 200);
					expect(p.pending).toBe(0);
					// Assertive repeats are kept; polite repeats within the window are dropped.
					const saidTexts = new Set(said.map((x) => x.spoken.text));
					expect(saidTexts).toEqual(new Set(unique.keys()));
				}
			)
		);
	});
});

describe('changing verbosity', () => {
	it('drops what is already waiting when the setting becomes quieter', () => {
		const policy = new AnnouncePolicy();
		policy.submit({ text: 'A', kind: 'update' }, 0);
		policy.submit({ text: 'B', kind: 'update' }, 0);
		expect(policy.take(0)?.text).toBe('A');
		policy.verbosity = 'off';
		expect(policy.take(1000)).toBeNull();
		expect(policy.pending).toBe(0);
	});

	it('keeps waiting turn announcements under "Only my turn"', () => {
		const policy = new AnnouncePolicy();
		policy.submit({ text: 'update', kind: 'update' }, 0);
		policy.submit({ text: 'Your turn', kind: 'turn' }, 0);
		policy.verbosity = 'turn';
		expect(policy.take(0)).toEqual({ text: 'Your turn', politeness: 'assertive' });
		expect(policy.take(2000)).toBeNull();
	});
});
