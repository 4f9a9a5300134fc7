import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import {
	ACCESS_NEEDS,
	MAX_ACCESS_NOTE,
	checkAccessNeeds,
	hasAnyNeed,
	noAccessNeeds,
	summariseAccessNeeds,
	type AccessNeed,
	type AccessNeeds,
	type PersonAccess
} from './model.ts';
import {
	accessNeedLabel,
	accessSummaryText,
	accessTipText,
	accessTodoText,
	cy,
	cyCounted,
	en,
	enCounted
} from './messages.ts';
import { AccessNone, AccessSet } from './schemas.ts';

function needs(
	list: AccessNeed[],
	visibility: 'named' | 'count',
	note: string | null = null
): AccessNeeds {
	return { needs: list, note, visibility };
}

/** Fisher–Yates with a small LCG, so a failing case can be replayed from its seed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let x = seed >>> 0;
	for (let i = out.length - 1; i > 0; i--) {
		x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
		const j = x % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

function person(id: string, name: string, access: AccessNeeds): PersonAccess {
	return { personId: id, name, access };
}

describe('checkAccessNeeds', () => {
	it('accepts known choices, a note and a visibility', () => {
		expect(
			checkAccessNeeds({
				needs: ['write', 'breaks'],
				note: '  Near the door  please ',
				visibility: 'named'
			})
		).toEqual({
			ok: true,
			value: { needs: ['breaks', 'write'], note: 'Near the door please', visibility: 'named' }
		});
	});

	it('collapses repeated choices and keeps the order people see them in', () => {
		const r = checkAccessNeeds({
			needs: ['hearing', 'screen-reader', 'hearing', 'breaks'],
			visibility: 'count'
		});
		expect(r).toEqual({
			ok: true,
			value: { needs: ['screen-reader', 'breaks', 'hearing'], note: null, visibility: 'count' }
		});
	});

	it('choosing nothing is allowed: it clears what the person said', () => {
		const r = checkAccessNeeds({ needs: [], note: '   ', visibility: 'count' });
		expect(r).toEqual({ ok: true, value: noAccessNeeds() });
		if (r.ok) expect(hasAnyNeed(r.value)).toBe(false);
	});

	it('refuses unknown choices, with the field', () => {
		expect(checkAccessNeeds({ needs: ['diagnosis'], visibility: 'count' })).toEqual({
			ok: false,
			code: 'invalid-need',
			field: 'needs'
		});
		expect(checkAccessNeeds({ needs: ['__proto__'], visibility: 'count' })).toMatchObject({
			code: 'invalid-need'
		});
	});

	it('refuses a needs value that is not a short list', () => {
		for (const bad of [null, 'breaks', { 0: 'breaks' }, Array(100).fill('breaks')]) {
			expect(checkAccessNeeds({ needs: bad, visibility: 'count' })).toEqual({
				ok: false,
				code: 'bad-input',
				field: 'needs'
			});
		}
	});

	it('refuses an unknown visibility', () => {
		for (const bad of ['everyone', undefined, null, true]) {
			expect(checkAccessNeeds({ needs: ['breaks'], visibility: bad })).toEqual({
				ok: false,
				code: 'invalid-visibility',
				field: 'visibility'
			});
		}
	});

	it('checks the note with the shared text rules', () => {
		expect(
			checkAccessNeeds({ needs: [], note: 'x'.repeat(MAX_ACCESS_NOTE + 1), visibility: 'count' })
		).toEqual({ ok: false, code: 'too-long', field: 'note' });
		expect(checkAccessNeeds({ needs: [], note: 'a\u0000b', visibility: 'count' })).toEqual({
			ok: false,
			code: 'control-characters',
			field: 'note'
		});
		expect(checkAccessNeeds({ needs: [], note: 'a\u202eb', visibility: 'count' })).toMatchObject({
			code: 'control-characters'
		});
		expect(checkAccessNeeds({ needs: [], note: 42, visibility: 'count' })).toEqual({
			ok: false,
			code: 'bad-input',
			field: 'note'
		});
		const ok = checkAccessNeeds({
			needs: [],
			note: 'x'.repeat(MAX_ACCESS_NOTE),
			visibility: 'count'
		});
		expect(ok.ok).toBe(true);
	});

	it('a note alone counts as saying something', () => {
		const r = checkAccessNeeds({ needs: [], note: 'A chair with arms', visibility: 'count' });
		expect(r.ok && hasAnyNeed(r.value)).toBe(true);
	});
});

describe('summariseAccessNeeds', () => {
	const people = [
		person('p1', 'Ann', needs(['breaks', 'write'], 'named')),
		person('p2', 'Bryn', needs(['breaks'], 'count', 'I may step out')),
		person('p3', 'Cerys', needs([], 'named', 'Large print please')),
		person('p4', 'Dai', noAccessNeeds())
	];

	it('counts each need and lists only the names people allowed', () => {
		const s = summariseAccessNeeds(people);
		expect(s.todos).toEqual([
			{ need: 'breaks', count: 2, names: ['Ann'] },
			{ need: 'write', count: 1, names: ['Ann'] }
		]);
		expect(s.people).toBe(3);
		expect(s.notes).toEqual([
			{ text: 'Large print please', name: 'Cerys' },
			{ text: 'I may step out', name: null }
		]);
	});

	it('says it in a sentence: what to do, with plurals', () => {
		const s = summariseAccessNeeds(people);
		expect(accessSummaryText('en', s)).toBe('2 people need breaks; 1 person prefers to write');
		expect(accessSummaryText('cy', s)).toBe(
			'Mae angen seibiannau ar 2 berson; Mae’n well gan 1 person ysgrifennu na siarad'
		);
		expect(accessSummaryText('en', summariseAccessNeeds([]))).toBe(en['access.facilitator.none']);
	});

	it('a person who chose "only as a count" appears nowhere by name or id', () => {
		const out = JSON.stringify(summariseAccessNeeds(people));
		expect(out).not.toContain('Bryn');
		expect(out).not.toMatch(/"p\d"/);
	});

	it('never names a count-only person, whatever the mix (property)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						needs: fc.subarray([...ACCESS_NEEDS]),
						named: fc.boolean(),
						note: fc.option(fc.constantFrom('a note', 'another note'), { nil: null })
					}),
					{ maxLength: 20 }
				),
				(rows) => {
					const list = rows.map((r, i) =>
						person(`id-${i}-zz`, `Person${i}Q`, needs(r.needs, r.named ? 'named' : 'count', r.note))
					);
					const out = JSON.stringify(summariseAccessNeeds(list));
					rows.forEach((r, i) => {
						expect(out).not.toContain(`id-${i}-zz`);
						if (!r.named) expect(out).not.toContain(`"Person${i}Q"`);
					});
				}
			)
		);
	});

	it('does not depend on the order people joined in (property)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						needs: fc.subarray([...ACCESS_NEEDS]),
						named: fc.boolean(),
						note: fc.option(fc.string({ minLength: 1, maxLength: 5 }), { nil: null })
					}),
					{ maxLength: 12 }
				),
				fc.integer(),
				(rows, seed) => {
					const list = rows.map((r, i) =>
						person(`p${i}`, `N${i}`, needs(r.needs, r.named ? 'named' : 'count', r.note))
					);
					const shuffled = shuffle(list, seed);
					expect(summariseAccessNeeds(shuffled)).toEqual(summariseAccessNeeds(list));
				}
			)
		);
	});

	it('counts a person passed twice once', () => {
		const p = person('p1', 'Ann', needs(['breaks'], 'named'));
		expect(summariseAccessNeeds([p, p]).todos).toEqual([
			{ need: 'breaks', count: 1, names: ['Ann'] }
		]);
	});

	it('ignores needs that are not known (state from an older version)', () => {
		const odd = person('p1', 'Ann', needs(['breaks', 'gone' as AccessNeed], 'named'));
		expect(summariseAccessNeeds([odd]).todos.map((t) => t.need)).toEqual(['breaks']);
	});
});

describe('access messages', () => {
	it('has a label, a tip and a counted line for every need, in both languages', () => {
		for (const need of ACCESS_NEEDS) {
			for (const language of ['en', 'cy'] as const) {
				expect(accessNeedLabel(language, need)).toMatch(/\S/);
				expect(accessTipText(language, need)).toMatch(/\S/);
				expect(accessTodoText(language, { need, count: 2, names: [] })).toMatch(/2/);
			}
		}
	});

	it('keeps the question and the choices exactly as in issue 12', () => {
		expect(en['access.question']).toBe('What would help you take part?');
		expect(ACCESS_NEEDS.map((n) => en[`access.need.${n}`])).toEqual([
			'I use a screen reader',
			'I need breaks',
			'Plain words or easy read',
			'More time to answer',
			"I'd rather write than speak",
			'Someone may speak for me',
			'I need to hear clearly (loop or captions)'
		]);
		expect(en['access.visibility.named']).toBe('With my name');
		expect(en['access.visibility.count']).toBe('Only as a count');
	});

	it('Welsh counted lines use the right form for 0, 1, 2, 3, 6 and 11', () => {
		const got = [0, 1, 2, 3, 6, 11].map((count) =>
			accessTodoText('cy', { need: 'write', count, names: [] })
		);
		expect(got).toEqual([
			'Mae’n well gan 0 o bobl ysgrifennu na siarad',
			'Mae’n well gan 1 person ysgrifennu na siarad',
			'Mae’n well gan 2 berson ysgrifennu na siarad',
			'Mae’n well gan 3 pherson ysgrifennu na siarad',
			'Mae’n well gan 6 pherson ysgrifennu na siarad',
			'Mae’n well gan 11 o bobl ysgrifennu na siarad'
		]);
		expect(accessTodoText('en', { need: 'breaks', count: 1, names: [] })).toBe(
			'1 person needs breaks'
		);
	});

	it('every Welsh counted form has no doubled or stray spaces', () => {
		for (const forms of Object.values(cyCounted)) {
			for (const s of Object.values(forms)) expect(s).toBe(s.trim().replace(/\s{2,}/g, ' '));
		}
		expect(Object.keys(cyCounted).sort()).toEqual(Object.keys(enCounted).sort());
		expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
	});

	it('words a facilitator reads never ask for or name a condition', () => {
		const facilitatorText = Object.entries(en)
			.filter(([k]) => k.includes('.facilitator.'))
			.map(([, s]) => s)
			.join(' ');
		expect(facilitatorText).not.toMatch(/diagnos|disab|condition|impair|blind|deaf/i);
	});
});

describe('schemas', () => {
	it('accept a full answer and an empty one', () => {
		expect(
			v.safeParse(AccessSet, { needs: ['breaks'], note: null, visibility: 'count' }).success
		).toBe(true);
		expect(v.safeParse(AccessSet, { needs: [], note: 'x', visibility: 'named' }).success).toBe(
			true
		);
		expect(v.safeParse(AccessNone, {}).success).toBe(true);
	});

	it('refuse unknown needs, extra fields, arrays and oversized notes', () => {
		const bad: [v.GenericSchema, unknown][] = [
			[AccessSet, { needs: ['x'], note: null, visibility: 'count' }],
			[AccessSet, { needs: [], note: null, visibility: 'public' }],
			[AccessSet, { needs: [], note: null, visibility: 'count', name: 'Ann' }],
			[AccessSet, { needs: [], visibility: 'count' }],
			[AccessSet, { needs: Array(8).fill('breaks'), note: null, visibility: 'count' }],
			[AccessSet, { needs: [], note: 'x'.repeat(MAX_ACCESS_NOTE * 4 + 1), visibility: 'count' }],
			[AccessSet, []],
			[AccessNone, []],
			[AccessNone, { a: 1 }]
		];
		for (const [schema, input] of bad) expect(v.safeParse(schema, input).success).toBe(false);
	});
});
