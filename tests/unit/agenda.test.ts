import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addItem,
	editItem,
	removeItem,
	agendaProblem,
	checkParagraphs,
	currentItem,
	extendItem,
	finishItem,
	itemsOf,
	moveItem,
	participantChangeProblem,
	readAgenda,
	setOpenEditing,
	startItem,
	timeLeft,
	timerMoment,
	timerPhase
} from '../../src/lib/features/agenda/model.ts';
import { clock } from '../../src/lib/shared/clock.ts';

function agendaWith(...titles: string[]) {
	const doc = new Y.Doc();
	titles.forEach((title, i) =>
		addItem(doc, { id: `item-${i}-abcdef`, title, notes: '', timeboxMinutes: 10 })
	);
	return doc;
}
const titles = (doc: Y.Doc) => readAgenda(doc).items.map((i) => i.title);

describe('agenda edits', () => {
	it('adds at the end and moves up and down, doing nothing at the edges', () => {
		const doc = agendaWith('A', 'B', 'C');
		expect(titles(doc)).toEqual(['A', 'B', 'C']);
		expect(moveItem(doc, 'item-2-abcdef', 'up')).toBe(true);
		expect(titles(doc)).toEqual(['A', 'C', 'B']);
		expect(moveItem(doc, 'item-0-abcdef', 'up')).toBe(false);
		expect(moveItem(doc, 'item-1-abcdef', 'down')).toBe(false);
		expect(moveItem(doc, 'item-0-abcdef', 'down')).toBe(true);
		expect(titles(doc)).toEqual(['C', 'A', 'B']);
		expect(agendaProblem(doc)).toBeNull();
	});

	it('concurrent moves of one item never duplicate it', () => {
		const a = agendaWith('A', 'B', 'C');
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		moveItem(a, 'item-2-abcdef', 'up');
		moveItem(b, 'item-2-abcdef', 'up');
		moveItem(b, 'item-2-abcdef', 'up');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(titles(a)).toEqual(titles(b));
		expect(titles(a).sort()).toEqual(['A', 'B', 'C']);
		expect(agendaProblem(a)).toBeNull();
	});

	it('starting an item makes it current and finishes the one before; extending adds 5 minutes', () => {
		const doc = agendaWith('A', 'B');
		startItem(doc, 'item-0-abcdef', 1000);
		expect(currentItem(readAgenda(doc))?.title).toBe('A');
		expect(extendItem(doc, 'item-0-abcdef')).toBe(true);
		expect(extendItem(doc, 'item-1-abcdef')).toBe(false);
		startItem(doc, 'item-1-abcdef', 2000);
		const view = readAgenda(doc);
		expect(view.items.map((i) => i.status)).toEqual(['done', 'current']);
		expect(view.items[0].extendedMinutes).toBe(5);
		finishItem(doc, 'item-1-abcdef', 'We agreed');
		expect(readAgenda(doc).items[1]).toMatchObject({ status: 'done', outcome: 'We agreed' });
		expect(currentItem(readAgenda(doc))).toBeNull();
	});
});

describe('the advisory timer', () => {
	it('counts down from the timebox plus extensions, and goes negative without ending anything', () => {
		const doc = agendaWith('A');
		startItem(doc, 'item-0-abcdef', 0);
		extendItem(doc, 'item-0-abcdef');
		const item = readAgenda(doc).items[0];
		expect(timeLeft(item, 0)).toBe(15 * 60_000);
		expect(timerPhase(timeLeft(item, 0))).toBe('running');
		expect(timerPhase(timeLeft(item, 13 * 60_000))).toBe('warning');
		expect(timerPhase(timeLeft(item, 15 * 60_000))).toBe('over');
		expect(timerPhase(null)).toBe('none');
		expect(readAgenda(doc).items[0].status).toBe('current');
	});

	it('announces "2 minutes left" and "time is up" once each, never on the first look', () => {
		expect(timerMoment(undefined, 'warning')).toBeNull();
		expect(timerMoment(undefined, 'over')).toBeNull();
		expect(timerMoment('running', 'running')).toBeNull();
		expect(timerMoment('running', 'warning')).toBe('warning');
		expect(timerMoment('warning', 'warning')).toBeNull();
		expect(timerMoment('warning', 'over')).toBe('over');
		expect(timerMoment('running', 'over')).toBe('over');
		expect(timerMoment('over', 'over')).toBeNull();
		// Five more minutes: back to running, then the warning may come again.
		expect(timerMoment('over', 'running')).toBeNull();
		expect(timerMoment('over', 'warning')).toBeNull();
	});

	it('formats the clock', () => {
		expect(clock(125_000, 'countdown')).toBe('2:05');
		expect(clock(500, 'countdown')).toBe('0:01');
		expect(clock(0, 'countdown')).toBe('0:00');
		expect(clock(-30_000, 'countdown')).toBe('-0:30');
	});
});

describe('schema and rights', () => {
	it('checks paragraphs: newlines kept, control characters and over-long text refused', () => {
		expect(checkParagraphs('a\nb', 10)).toEqual({ ok: true, value: 'a\nb' });
		expect(checkParagraphs('', 10)).toEqual({ ok: true, value: '' });
		expect(checkParagraphs('x'.repeat(11), 10)).toMatchObject({ ok: false, code: 'too-long' });
		expect(checkParagraphs('a\u0007b', 10)).toMatchObject({
			ok: false,
			code: 'control-characters'
		});
		expect(checkParagraphs(5, 10)).toMatchObject({ ok: false, code: 'bad-input' });
	});

	it('finds what breaks the schema', () => {
		const doc = agendaWith('A');
		expect(agendaProblem(doc)).toBeNull();
		itemsOf(doc).get('item-0-abcdef')!.set('title', 'x'.repeat(201));
		expect(agendaProblem(doc)).toMatch(/schema/);
		const other = agendaWith('A');
		other.getArray('rogue').push([1]);
		expect(agendaProblem(other)).toMatch(/root/);
		const bad = agendaWith('A');
		bad.getMap('settings').set('openEditing', 1);
		expect(agendaProblem(bad)).toMatch(/setting/);
	});

	it('lets participants add and retitle, but not start, reorder, delete, record outcomes or change settings', () => {
		const doc = agendaWith('A', 'B');
		setOpenEditing(doc, true);
		const before = readAgenda(doc);
		const tryChange = (edit: (d: Y.Doc) => void) => {
			const copy = new Y.Doc();
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
			edit(copy);
			return participantChangeProblem(before, readAgenda(copy));
		};
		expect(
			tryChange((d) => addItem(d, { id: 'new-item-xyz', title: 'C', notes: '', timeboxMinutes: 5 }))
		).toBeNull();
		expect(tryChange((d) => itemsOf(d).get('item-0-abcdef')!.set('title', 'A2'))).toBeNull();
		expect(tryChange((d) => startItem(d, 'item-0-abcdef', 1))).toMatch(/status/);
		expect(tryChange((d) => moveItem(d, 'item-1-abcdef', 'up'))).toMatch(/order/);
		expect(tryChange((d) => itemsOf(d).delete('item-0-abcdef'))).toMatch(/remove/);
		expect(tryChange((d) => finishItem(d, 'item-0-abcdef', 'x'))).toMatch(/status|outcome/);
		expect(tryChange((d) => setOpenEditing(d, false))).toMatch(/settings/);
		expect(
			tryChange((d) => {
				addItem(d, { id: 'new-item-xyz', title: 'C', notes: '', timeboxMinutes: 5 });
				itemsOf(d).get('new-item-xyz')!.set('status', 'current');
			})
		).toMatch(/upcoming/);
	});
});

describe('editItem and removeItem', () => {
	function withItem() {
		const doc = new Y.Doc();
		addItem(doc, { id: 'item-aaaaaaaaaaaaaaaa', title: 'Welcome', notes: '', timeboxMinutes: 10 });
		return doc;
	}

	it('changes title, notes and timebox, and the result still passes the schema', () => {
		const doc = withItem();
		expect(
			editItem(doc, 'item-aaaaaaaaaaaaaaaa', {
				title: '  Welcome and introductions ',
				notes: 'Names and roles',
				timeboxMinutes: 15
			})
		).toBe(true);
		const [item] = readAgenda(doc).items;
		expect(item).toMatchObject({
			title: 'Welcome and introductions',
			notes: 'Names and roles',
			timeboxMinutes: 15
		});
		expect(agendaProblem(doc)).toBeNull();
	});

	it.each([
		['an empty title', { title: '  ', notes: '', timeboxMinutes: 10 }],
		['a title over 200 characters', { title: 'x'.repeat(201), notes: '', timeboxMinutes: 10 }],
		['notes over 2,000 characters', { title: 'Ok', notes: 'x'.repeat(2001), timeboxMinutes: 10 }],
		['a timebox of 0', { title: 'Ok', notes: '', timeboxMinutes: 0 }],
		['a timebox of 601', { title: 'Ok', notes: '', timeboxMinutes: 601 }],
		['a fractional timebox', { title: 'Ok', notes: '', timeboxMinutes: 2.5 }]
	])('refuses %s and changes nothing', (_label, fields) => {
		const doc = withItem();
		const before = JSON.stringify(readAgenda(doc));
		expect(editItem(doc, 'item-aaaaaaaaaaaaaaaa', fields)).toBe(false);
		expect(JSON.stringify(readAgenda(doc))).toBe(before);
	});

	it('refuses an unknown item', () => {
		const doc = withItem();
		expect(
			editItem(doc, 'item-bbbbbbbbbbbbbbbb', { title: 'X', notes: '', timeboxMinutes: 5 })
		).toBe(false);
		expect(removeItem(doc, 'item-bbbbbbbbbbbbbbbb')).toBe(false);
	});

	it('removes an item', () => {
		const doc = withItem();
		expect(removeItem(doc, 'item-aaaaaaaaaaaaaaaa')).toBe(true);
		expect(readAgenda(doc).items).toEqual([]);
	});
});
