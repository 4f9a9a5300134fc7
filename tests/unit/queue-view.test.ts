import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { catalogue } from '../../src/lib/i18n.ts';
import { ordinal } from '../../src/lib/features/queue/messages.ts';
import { clock } from '../../src/lib/shared/clock.ts';
import {
	createQueueState,
	nextSpeaker,
	orderedQueue,
	raiseHand,
	startGoRound,
	type QueueState,
	type SpeakingStats
} from '../../src/lib/features/queue/model.ts';
import * as schemas from '../../src/lib/features/queue/feature.ts';
import * as v from 'valibot';
import { buildQueueView } from '../../server/features/queue/service.ts';

function must(r: { ok: boolean; state?: QueueState }): QueueState {
	if (!r.ok || !r.state) throw new Error('expected ok');
	return r.state;
}

const names: Record<string, string> = { a: 'Ann', b: 'Bob', c: 'Cai' };
const nameOf = (id: string) => names[id] ?? '';

describe('buildQueueView', () => {
	it('lists waiting hands in policy order with names and kinds, and the current turn', () => {
		let s = createQueueState();
		s = must(raiseHand(s, 'a', 'new', 10));
		s = must(raiseHand(s, 'b', 'process', 20));
		s = must(raiseHand(s, 'c', 'new', 30));
		const stats: SpeakingStats = { a: { turns: 2, speakingMs: 5000 } };
		const view = buildQueueView(s, stats, nameOf, 0);
		expect(view.waiting.map((h) => [h.name, h.kind])).toEqual([
			['Bob', 'process'],
			['Cai', 'new'],
			['Ann', 'new']
		]);
		expect(view.current).toBeNull();
		const next = nextSpeaker(s, stats, 100);
		if (!next.ok) throw new Error('expected ok');
		const after = buildQueueView(next.state, stats, nameOf, 0);
		expect(after.current).toEqual({
			personId: 'b',
			name: 'Bob',
			kind: 'process',
			startedAt: 100,
			allowedMs: 120_000,
			source: 'queue'
		});
	});

	it('never carries speaking stats, whatever they are', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
				fc.nat(),
				fc.nat(),
				(ids, turns, ms) => {
					let s = createQueueState();
					for (const id of new Set(ids)) s = must(raiseHand(s, id, 'new', 1));
					const stats = { a: { turns, speakingMs: ms } };
					const text = JSON.stringify(buildQueueView(s, stats, nameOf, 0));
					return !/turns|speakingMs/.test(text);
				}
			)
		);
	});

	it('keeps the order of orderedQueue exactly', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 }),
				fc.array(fc.constantFrom('new', 'reply', 'clarify', 'process') as fc.Arbitrary<'new'>, {
					minLength: 5,
					maxLength: 5
				}),
				(ids, kinds) => {
					let s = createQueueState();
					ids.forEach((id, i) => (s = must(raiseHand(s, id, kinds[i], i))));
					const view = buildQueueView(s, {}, nameOf, 0);
					return (
						JSON.stringify(view.waiting.map((h) => h.personId)) ===
						JSON.stringify(orderedQueue(s, {}).map((h) => h.personId))
					);
				}
			)
		);
	});

	it('shows a go-round with names and its round id', () => {
		const s = must(startGoRound(createQueueState(), ['c', 'a']));
		const view = buildQueueView(s, {}, nameOf, 3);
		expect(view.goRound).toEqual({
			id: 3,
			order: [
				{ personId: 'c', name: 'Cai' },
				{ personId: 'a', name: 'Ann' }
			],
			position: 0,
			done: []
		});
		expect(view.policy).toBe('go-round');
	});
});

describe('ordinal', () => {
	it('English: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th', () => {
		expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map((n) => ordinal('en', n))).toEqual([
			'1st',
			'2nd',
			'3rd',
			'4th',
			'11th',
			'12th',
			'13th',
			'21st',
			'22nd',
			'101st',
			'111th'
		]);
	});

	it('Welsh has its own forms', () => {
		expect([1, 2, 3, 4, 5, 7, 11, 20, 21].map((n) => ordinal('cy', n))).toEqual([
			'1af',
			'2il',
			'3ydd',
			'4ydd',
			'5ed',
			'7fed',
			'11eg',
			'20fed',
			'rhif 21'
		]);
	});
});

describe('clock', () => {
	it('shows minutes and seconds, and never a negative time', () => {
		expect(clock(0)).toBe('0:00');
		expect(clock(65_000)).toBe('1:05');
		expect(clock(120_000)).toBe('2:00');
		expect(clock(-5_000)).toBe('0:00');
	});
});

describe('words', () => {
	it('keeps the DESIGN.md words exactly in English', () => {
		const en: Record<string, string> = catalogue.en;
		expect(en['queue.heading']).toBe('Speaking queue');
		expect(en['queue.raise']).toBe('Raise hand');
		expect(en['queue.lower']).toBe('Lower hand');
		expect(en['queue.kind']).toBe('Kind of point');
		expect(['new', 'reply', 'clarify', 'process'].map((k) => en[`queue.kind.${k}`])).toEqual([
			'New point',
			'Reply',
			'Clarifying question',
			'Point of process'
		]);
		expect(en['queue.yourTurn']).toBe('Your turn');
		expect(en['queue.next']).toBe('Next speaker');
		expect(en['queue.skip']).toBe('Skip');
		expect(en['queue.proxy.button']).toBe('Add someone without a device');
	});
});

describe('command schemas', () => {
	it('accept only the four kinds, ids of the right shape and bounded durations', () => {
		expect(v.safeParse(schemas.RaiseHand, { kind: 'reply' }).success).toBe(true);
		expect(v.safeParse(schemas.RaiseHand, { kind: 'rant' }).success).toBe(false);
		expect(v.safeParse(schemas.RaiseHand, { kind: 'new', extra: 1 }).success).toBe(false);
		expect(v.safeParse(schemas.PersonCommand, { personId: '../x' }).success).toBe(false);
		expect(v.safeParse(schemas.SetTurnLength, { ms: 59_999.5 }).success).toBe(false);
		expect(v.safeParse(schemas.SetTurnLength, { ms: 59_000 }).success).toBe(false);
		expect(v.safeParse(schemas.SetTurnLength, { ms: 3_600_001 }).success).toBe(false);
		expect(v.safeParse(schemas.SetTurnLength, { ms: 60_000 }).success).toBe(true);
		expect(v.safeParse(schemas.Extend, { ms: 3_600_001 }).success).toBe(false);
		expect(v.safeParse(schemas.Extend, { ms: 30_000 }).success).toBe(true);
	});
});
