import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addVote,
	byVotes,
	canChangeIdeas,
	nextPhase,
	readBoard,
	removeVote,
	shuffled,
	votesUsed
} from '../../src/lib/features/ideas/model.ts';
import { checkLines } from '../../src/lib/shared/text.ts';

describe('phases', () => {
	it('move forward one step at a time and end at results', () => {
		expect(nextPhase('collect')).toBe('group');
		expect(nextPhase('group')).toBe('vote');
		expect(nextPhase('vote')).toBe('results');
		expect(nextPhase('results')).toBeNull();
		expect([canChangeIdeas('collect'), canChangeIdeas('group')]).toEqual([true, true]);
		expect([canChangeIdeas('vote'), canChangeIdeas('results')]).toEqual([false, false]);
	});
});

describe('shuffled', () => {
	it('is a permutation of its input, whatever the random source', () => {
		fc.assert(
			fc.property(fc.array(fc.integer()), fc.array(fc.nat()), (items, draws) => {
				let i = 0;
				const out = shuffled(items, (n) => (draws[i++ % Math.max(1, draws.length)] ?? 0) % n);
				expect([...out].sort()).toEqual([...items].sort());
			})
		);
	});

	it('with crypto randomness puts each item first about equally often', () => {
		const firsts = [0, 0, 0, 0];
		for (let i = 0; i < 4000; i++) firsts[shuffled([0, 1, 2, 3], randomInt)[0]]++;
		// Expected 1000 each; 700 is more than 10 standard deviations away.
		for (const n of firsts) expect(n).toBeGreaterThan(700);
	});
});

describe('dot votes', () => {
	it('stay within the budget and the per-idea cap, and can be taken back', () => {
		let mine: Record<string, number> = {};
		const give = (id: string) => {
			const r = addVote(mine, id, 3, 2);
			if (r.ok) mine = r.mine;
			return r.ok ? 'ok' : r.code;
		};
		expect(give('a')).toBe('ok');
		expect(give('a')).toBe('ok');
		expect(give('a')).toBe('idea-vote-limit');
		expect(give('b')).toBe('ok');
		expect(give('c')).toBe('no-votes-left');
		expect(votesUsed(mine)).toBe(3);
		const back = removeVote(mine, 'b');
		expect(back).toEqual({ ok: true, mine: { a: 2 } });
		expect(removeVote({ a: 2 }, 'b')).toEqual({ ok: false, code: 'idea-gone' });
	});

	it('never exceed the budget or the cap, whatever is tried', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 6 }),
				fc.integer({ min: 1, max: 6 }),
				fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c'))),
				(budget, cap, moves) => {
					let mine: Record<string, number> = {};
					for (const [add, id] of moves) {
						const r = add ? addVote(mine, id, budget, cap) : removeVote(mine, id);
						if (r.ok) mine = r.mine;
						expect(votesUsed(mine)).toBeLessThanOrEqual(budget);
						for (const n of Object.values(mine)) expect(n).toBeLessThanOrEqual(cap);
					}
				}
			)
		);
	});

	it('rank results by votes, then by board order', () => {
		const ideas = [
			{ id: 'a', text: 'A', theme: null, position: 1 },
			{ id: 'b', text: 'B', theme: null, position: 2 },
			{ id: 'c', text: 'C', theme: null, position: 3 }
		];
		expect(byVotes(ideas, { a: 1, b: 3, c: 1 }).map((i) => i.id)).toEqual(['b', 'a', 'c']);
	});
});

describe('readBoard', () => {
	it('reads ideas in order and shows totals only in the results phase', () => {
		const doc = new Y.Doc();
		doc.getMap('ideas').set('x', { text: 'Second', theme: null, position: 2 });
		doc.getMap('ideas').set('y', { text: 'First', theme: 't', position: 1 });
		doc.getMap('ideas').set('bad', 42);
		doc.getMap('totals').set('x', 2);
		expect(readBoard(doc).ideas.map((i) => i.text)).toEqual(['First', 'Second']);
		expect(readBoard(doc).totals).toBeNull();
		doc.getMap('settings').set('phase', 'results');
		expect(readBoard(doc).totals).toEqual({ x: 2 });
		expect(readBoard(doc).settings.budget).toBe(3);
	});
});

describe('checkLines (ideas may have line breaks)', () => {
	it('keeps line breaks, trims, and refuses other control characters', () => {
		expect(checkLines('  one\r\ntwo  ', 500)).toEqual({ ok: true, value: 'one\ntwo' });
		expect(checkLines('a\n\n\n\nb', 500)).toEqual({ ok: true, value: 'a\n\nb' });
		expect(checkLines('tab\there', 500)).toEqual({ ok: false, code: 'control-characters' });
		expect(checkLines('\u202eevil', 500)).toEqual({ ok: false, code: 'control-characters' });
		expect(checkLines(' \n ', 500)).toEqual({ ok: false, code: 'empty' });
		expect(checkLines('x'.repeat(501), 500)).toEqual({ ok: false, code: 'too-long' });
		expect(checkLines('👍🏽'.repeat(500), 500).ok).toBe(true);
		expect(checkLines(7, 500)).toEqual({ ok: false, code: 'bad-input' });
	});
});
