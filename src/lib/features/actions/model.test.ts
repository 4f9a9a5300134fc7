import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	MAX_ACTION,
	MAX_ACTIONS,
	MAX_OWNERS,
	addAction,
	checkAction,
	editAction,
	isOverdue,
	removeAction,
	setActionDone,
	yourActions,
	type Action,
	type ActionsResult
} from './model.ts';
import { en } from './messages.ts';
import * as s from './schemas.ts';

const T0 = 1_700_000_000_000;
const TODAY = '2026-06-01';
const ann = 'person_ann_000000001';
const bob = 'person_bob_000000002';
/** Someone added by the facilitator without a device: just another id among those present. */
const proxy = 'person_prx_000000003';
const present = [ann, bob, proxy];
let n = 0;
const newId = () => `action_${String(++n).padStart(12, '0')}`;

function ok(r: ActionsResult): Action[] {
	if (!r.ok) throw new Error(`refused: ${r.code} ${r.field ?? ''}`);
	return r.state;
}

describe('checkAction', () => {
	it('accepts what, owners from the people present (proxies included) and a date', () => {
		expect(
			checkAction(
				{ what: ' Book the room ', owners: [proxy, ann, proxy], due: '2026-07-01' },
				present,
				TODAY
			)
		).toEqual({
			ok: true,
			value: { what: 'Book the room', owners: [proxy, ann], due: '2026-07-01' }
		});
	});

	it('a missing or empty date is "no date yet"', () => {
		for (const due of [null, undefined, '']) {
			const r = checkAction({ what: 'x', owners: [ann], due }, present, TODAY);
			expect(r.ok && r.value.due).toBeNull();
		}
	});

	it('refuses owners who are not here, no owner, too many, or not a list', () => {
		expect(
			checkAction({ what: 'x', owners: ['stranger_0000000000'], due: null }, present, TODAY)
		).toEqual({
			ok: false,
			code: 'unknown-person',
			field: 'owners'
		});
		expect(checkAction({ what: 'x', owners: [], due: null }, present, TODAY)).toMatchObject({
			code: 'no-owner'
		});
		const many = Array.from(
			{ length: MAX_OWNERS + 1 },
			(_, i) => `p_${String(i).padStart(16, '0')}`
		);
		expect(checkAction({ what: 'x', owners: many, due: null }, many, TODAY)).toMatchObject({
			code: 'too-many-owners'
		});
		expect(
			checkAction({ what: 'x', owners: Array(1000).fill(ann), due: null }, present, TODAY)
		).toMatchObject({
			code: 'too-many-owners'
		});
		expect(checkAction({ what: 'x', owners: ann, due: null }, present, TODAY)).toMatchObject({
			code: 'bad-input'
		});
		expect(checkAction({ what: 'x', owners: [1], due: null }, present, TODAY)).toMatchObject({
			code: 'bad-input'
		});
	});

	it('refuses bad text and bad dates, naming the field', () => {
		expect(checkAction({ what: '', owners: [ann], due: null }, present, TODAY)).toEqual({
			ok: false,
			code: 'empty',
			field: 'what'
		});
		expect(
			checkAction({ what: 'x'.repeat(MAX_ACTION + 1), owners: [ann], due: null }, present, TODAY)
		).toMatchObject({
			code: 'too-long'
		});
		expect(
			checkAction({ what: 'a\u0000', owners: [ann], due: null }, present, TODAY)
		).toMatchObject({
			code: 'control-characters'
		});
		expect(checkAction({ what: 'x', owners: [ann], due: 'next week' }, present, TODAY)).toEqual({
			ok: false,
			code: 'invalid-date',
			field: 'due'
		});
		expect(
			checkAction({ what: 'x', owners: [ann], due: '2026-05-31' }, present, TODAY)
		).toMatchObject({
			code: 'date-in-past'
		});
		expect(checkAction({ what: 'x', owners: [ann], due: '2026-06-01' }, present, TODAY).ok).toBe(
			true
		);
	});
});

describe('adding, editing, finishing and removing', () => {
	it('adds an action, not done, stamped', () => {
		const id = newId();
		const list = ok(
			addAction([], id, { what: 'Write up notes', owners: [ann], due: null }, present, TODAY, T0)
		);
		expect(list).toEqual([
			{ id, what: 'Write up notes', owners: [ann], due: null, done: false, createdAt: T0 }
		]);
	});

	it('refuses a bad or repeated id, a bad time, and a full list', () => {
		const input = { what: 'x', owners: [ann], due: null };
		expect(addAction([], 'bad', input, present, TODAY, T0)).toMatchObject({ code: 'invalid-id' });
		expect(addAction([], newId(), input, present, TODAY, NaN)).toMatchObject({
			code: 'invalid-time'
		});
		const id = newId();
		const one = ok(addAction([], id, input, present, TODAY, T0));
		expect(addAction(one, id, input, present, TODAY, T0)).toMatchObject({ code: 'duplicate' });
		let full: Action[] = [];
		for (let i = 0; i < MAX_ACTIONS; i++)
			full = ok(addAction(full, newId(), input, present, TODAY, T0));
		expect(addAction(full, newId(), input, present, TODAY, T0)).toEqual({
			ok: false,
			code: 'too-many'
		});
	});

	it('an owner who left may stay an owner, but nobody absent may be added', () => {
		const id = newId();
		const list = ok(
			addAction(
				[],
				id,
				{ what: 'Call the council', owners: [ann, bob], due: null },
				present,
				TODAY,
				T0
			)
		);
		const nowHere = [ann, proxy];
		const edited = ok(
			editAction(
				list,
				id,
				{ what: 'Call the council', owners: [ann, bob], due: '2026-06-10' },
				nowHere,
				TODAY
			)
		);
		expect(edited[0]).toMatchObject({ owners: [ann, bob], due: '2026-06-10' });
		expect(
			editAction(list, id, { what: 'x', owners: ['gone_person_00000'], due: null }, nowHere, TODAY)
		).toMatchObject({
			code: 'unknown-person'
		});
	});

	it('a date agreed earlier may stay when it has since passed; a new past date may not', () => {
		const id = newId();
		const list = ok(
			addAction([], id, { what: 'x', owners: [ann], due: '2026-06-05' }, present, TODAY, T0)
		);
		const later = '2026-06-20';
		const r = editAction(list, id, { what: 'y', owners: [ann], due: '2026-06-05' }, present, later);
		expect(ok(r)[0]).toMatchObject({ what: 'y', due: '2026-06-05' });
		expect(
			editAction(list, id, { what: 'y', owners: [ann], due: '2026-06-06' }, present, later)
		).toMatchObject({
			code: 'date-in-past'
		});
	});

	it('an edit that changes nothing is refused; unknown ids too', () => {
		const id = newId();
		const list = ok(
			addAction([], id, { what: 'x', owners: [ann, bob], due: '2026-07-01' }, present, TODAY, T0)
		);
		expect(
			editAction(list, id, { what: 'x', owners: [ann, bob], due: '2026-07-01' }, present, TODAY)
		).toEqual({
			ok: false,
			code: 'unchanged'
		});
		expect(
			ok(
				editAction(list, id, { what: 'x', owners: [bob, ann], due: '2026-07-01' }, present, TODAY)
			)[0].owners
		).toEqual([bob, ann]);
		expect(
			editAction(list, newId(), { what: 'x', owners: [ann], due: null }, present, TODAY)
		).toMatchObject({
			code: 'no-such-item'
		});
	});

	it('marks done and not done, and removes', () => {
		const id = newId();
		let list = ok(addAction([], id, { what: 'x', owners: [ann], due: null }, present, TODAY, T0));
		list = ok(setActionDone(list, id, true));
		expect(list[0].done).toBe(true);
		expect(setActionDone(list, id, true)).toEqual({ ok: false, code: 'unchanged' });
		expect(setActionDone(list, id, 'yes' as unknown as boolean)).toMatchObject({
			code: 'bad-input'
		});
		expect(setActionDone(list, newId(), true)).toMatchObject({ code: 'no-such-item' });
		expect(ok(removeAction(list, id))).toEqual([]);
		expect(removeAction([], id)).toMatchObject({ code: 'no-such-item' });
	});
});

describe('"Your actions"', () => {
	it('shows only the person’s own actions, not done first, soonest first, undated last', () => {
		let list: Action[] = [];
		const add = (what: string, owners: string[], due: string | null) => {
			list = ok(addAction(list, newId(), { what, owners, due }, present, TODAY, T0));
			return list.at(-1)!.id;
		};
		add('B undated', [ann], null);
		const doneId = add('C done', [ann], '2026-06-02');
		add('D later', [ann, bob], '2026-08-01');
		add('E bob only', [bob], '2026-06-02');
		add('A sooner', [proxy, ann], '2026-06-03');
		list = ok(setActionDone(list, doneId, true));
		expect(yourActions(list, ann).map((a) => a.what)).toEqual([
			'A sooner',
			'D later',
			'B undated',
			'C done'
		]);
		expect(yourActions(list, bob).map((a) => a.what)).toEqual(['E bob only', 'D later']);
		expect(yourActions(list, 'nobody_00000000000')).toEqual([]);
	});

	it('overdue means past its date and not done', () => {
		const a: Action = {
			id: newId(),
			what: 'x',
			owners: [ann],
			due: '2026-06-01',
			done: false,
			createdAt: T0
		};
		expect(isOverdue(a, '2026-06-01')).toBe(false);
		expect(isOverdue(a, '2026-06-02')).toBe(true);
		expect(isOverdue({ ...a, done: true }, '2026-06-02')).toBe(false);
		expect(isOverdue({ ...a, due: null }, '2030-01-01')).toBe(false);
	});
});

describe('messages and schemas', () => {
	it('keeps the DESIGN.md words', () => {
		expect(en['actions.heading']).toBe('Actions');
		expect(en['actions.add']).toBe('Add action');
	});

	it('schemas accept good commands and refuse bad ones', () => {
		const id = 'action_000000000001';
		expect(v.safeParse(s.ActionAdd, { what: 'x', owners: [ann], due: null }).success).toBe(true);
		expect(
			v.safeParse(s.ActionEdit, { id, what: 'x', owners: [ann], due: '2026-07-01' }).success
		).toBe(true);
		expect(v.safeParse(s.ActionDone, { id, done: true }).success).toBe(true);
		expect(v.safeParse(s.ActionRemove, { id }).success).toBe(true);
		expect(v.safeParse(s.ActionsNone, {}).success).toBe(true);
		const bad: [v.GenericSchema, unknown][] = [
			[s.ActionAdd, { what: 'x', owners: [], due: null }],
			[s.ActionAdd, { what: 'x', owners: ['short'], due: null }],
			[s.ActionAdd, { what: 'x', owners: Array(MAX_OWNERS + 1).fill(ann), due: null }],
			[s.ActionAdd, { what: 'x', owners: [ann], due: 'tomorrow' }],
			[s.ActionAdd, { what: 'x', owners: [ann] }],
			[s.ActionAdd, { what: 'x', owners: [ann], due: null, done: true }],
			[s.ActionDone, { id, done: 'yes' }],
			[s.ActionsNone, []],
			[s.ActionRemove, [id]]
		];
		for (const [schema, input] of bad)
			expect([input, v.safeParse(schema, input).success]).toEqual([input, false]);
	});
});
