/**
 * The shared agenda: its shape inside a Y.Doc, the checks the server runs on every edit, and the
 * edits themselves, used by the server (commands) and by browsers (direct edits that work offline).
 *
 * Shape: root map `items` (item id → Y.Map of plain fields) and root map `settings`
 * (`openEditing`). Order is a number per item, not a Y.Array position: concurrent moves then resolve
 * last-writer-wins instead of duplicating an item, and every field is a plain value so concurrent
 * edits can never merge into something longer than the limits.
 */
import * as Y from 'yjs';
import {
	EXTEND_MINUTES,
	MAX_ITEM_NOTES,
	MAX_ITEM_TITLE,
	MAX_ITEMS,
	MAX_OUTCOME,
	MAX_TIMEBOX_MINUTES,
	MIN_TIMEBOX_MINUTES
} from '../../shared/limits.ts';
import { ITEM_ID_PATTERN } from '../../shared/atoms.ts';
import { checkLine, checkLines, type TextCheck } from '../../shared/text.ts';

export {
	EXTEND_MINUTES,
	MAX_ITEM_NOTES,
	MAX_ITEM_TITLE,
	MAX_ITEMS,
	MAX_OUTCOME,
	MAX_TIMEBOX_MINUTES
};

/** The polite "2 minutes left" warning. */
export const WARN_BEFORE_MS = 2 * 60 * 1000;

export const AGENDA_STATUSES = ['upcoming', 'current', 'done'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

export interface AgendaItem {
	id: string;
	title: string;
	notes: string;
	timeboxMinutes: number;
	status: AgendaStatus;
	outcome: string;
	order: number;
	/** Server time (ms) the item was started; null until then. */
	startedAt: number | null;
	extendedMinutes: number;
}

export interface AgendaView {
	items: AgendaItem[];
	openEditing: boolean;
}

const FIELDS = [
	'title',
	'notes',
	'timeboxMinutes',
	'status',
	'outcome',
	'order',
	'startedAt',
	'extendedMinutes'
] as const;

const ID = ITEM_ID_PATTERN;

export const itemsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('items');
export const settingsOf = (doc: Y.Doc) => doc.getMap<unknown>('settings');

/** Notes and outcomes: may be empty, may hold line breaks; the one text rule of `text.ts`. */
export function checkParagraphs(input: unknown, max: number): TextCheck {
	return checkLines(input, max, { optional: true });
}

export function checkItemTitle(input: unknown): TextCheck {
	return checkLine(input, MAX_ITEM_TITLE);
}

export function isTimebox(n: unknown): n is number {
	return (
		typeof n === 'number' &&
		Number.isInteger(n) &&
		n >= MIN_TIMEBOX_MINUTES &&
		n <= MAX_TIMEBOX_MINUTES
	);
}

/** Plain copy of one item map, or null when it breaks the schema. */
function readItem(id: string, value: unknown): AgendaItem | null {
	if (!ID.test(id) || !(value instanceof Y.Map)) return null;
	for (const key of value.keys()) if (!(FIELDS as readonly string[]).includes(key)) return null;
	const f = Object.fromEntries(FIELDS.map((k) => [k, value.get(k)])) as Record<string, unknown>;
	const title = checkItemTitle(f.title);
	if (!title.ok || title.value !== f.title) return null;
	const notes = checkParagraphs(f.notes, MAX_ITEM_NOTES);
	if (!notes.ok || notes.value !== f.notes) return null;
	const outcome = checkParagraphs(f.outcome, MAX_OUTCOME);
	if (!outcome.ok || outcome.value !== f.outcome) return null;
	if (!isTimebox(f.timeboxMinutes)) return null;
	if (!AGENDA_STATUSES.includes(f.status as AgendaStatus)) return null;
	if (typeof f.order !== 'number' || !Number.isFinite(f.order)) return null;
	if (f.startedAt !== null && (typeof f.startedAt !== 'number' || !Number.isFinite(f.startedAt)))
		return null;
	if (
		typeof f.extendedMinutes !== 'number' ||
		!Number.isInteger(f.extendedMinutes) ||
		f.extendedMinutes < 0 ||
		f.extendedMinutes > MAX_TIMEBOX_MINUTES
	)
		return null;
	return {
		id,
		title: f.title as string,
		notes: f.notes as string,
		timeboxMinutes: f.timeboxMinutes as number,
		status: f.status as AgendaStatus,
		outcome: f.outcome as string,
		order: f.order as number,
		startedAt: f.startedAt as number | null,
		extendedMinutes: f.extendedMinutes as number
	};
}

const byOrder = (a: AgendaItem, b: AgendaItem) =>
	a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The agenda as plain data, in order. Items that break the schema are left out. */
export function readAgenda(doc: Y.Doc): AgendaView {
	const items: AgendaItem[] = [];
	for (const [id, value] of itemsOf(doc).entries()) {
		const item = readItem(id, value);
		if (item) items.push(item);
	}
	items.sort(byOrder);
	return { items, openEditing: settingsOf(doc).get('openEditing') === true };
}

/** The item being worked on now: the most recently started of those marked current. */
export function currentItem(view: AgendaView): AgendaItem | null {
	let best: AgendaItem | null = null;
	for (const item of view.items)
		if (item.status === 'current' && (!best || (item.startedAt ?? 0) > (best.startedAt ?? 0)))
			best = item;
	return best;
}

/** Why this document breaks the agenda schema, or null when it is a valid agenda. */
export function agendaProblem(doc: Y.Doc): string | null {
	for (const name of doc.share.keys()) {
		if (name !== 'items' && name !== 'settings') return `unknown root type ${name.slice(0, 20)}`;
	}
	const items = itemsOf(doc);
	if (items.size > MAX_ITEMS) return 'too many agenda items';
	for (const [id, value] of items.entries()) {
		if (!readItem(id, value)) return 'agenda item breaks the schema';
	}
	const settings = settingsOf(doc);
	for (const [key, value] of settings.entries()) {
		if (key !== 'openEditing' || typeof value !== 'boolean') return 'bad agenda setting';
	}
	return null;
}

/** Fields a participant with open editing may change on an existing item. */
const PARTICIPANT_EDITABLE = new Set(['title', 'notes', 'timeboxMinutes']);

/**
 * Why a participant (with open editing on) may not make this change, or null. They may add upcoming
 * items and edit titles, notes and timeboxes; starting, finishing, reordering, deleting and the
 * settings stay with facilitators. A new item's position is not checked: an item added offline may
 * share its place with one added meanwhile, and refusing it would refuse it again on every retry.
 */
export function participantChangeProblem(before: AgendaView, after: AgendaView): string | null {
	if (before.openEditing !== after.openEditing) return 'only facilitators change settings';
	const afterById = new Map(after.items.map((i) => [i.id, i]));
	for (const old of before.items) {
		const now = afterById.get(old.id);
		if (!now) return 'only facilitators remove items';
		for (const key of FIELDS) {
			if (!PARTICIPANT_EDITABLE.has(key) && old[key] !== now[key])
				return `only facilitators change ${key}`;
		}
		afterById.delete(old.id);
	}
	for (const added of afterById.values()) {
		if (added.status !== 'upcoming' || added.startedAt !== null || added.extendedMinutes !== 0)
			return 'new items must be upcoming';
		if (added.outcome !== '') return 'only facilitators record outcomes';
	}
	return null;
}

// ---- Edits. Each runs inside the caller's transaction; each returns false when it does nothing.

export interface NewItem {
	id: string;
	title: string;
	notes: string;
	timeboxMinutes: number;
}

export function addItem(doc: Y.Doc, item: NewItem): boolean {
	const items = itemsOf(doc);
	if (items.has(item.id) || items.size >= MAX_ITEMS) return false;
	const last = readAgenda(doc).items.reduce((m, i) => Math.max(m, i.order), 0);
	const map = new Y.Map<unknown>();
	map.set('title', item.title);
	map.set('notes', item.notes);
	map.set('timeboxMinutes', item.timeboxMinutes);
	map.set('status', 'upcoming');
	map.set('outcome', '');
	// Whole numbers past the end: no float drift however many items are added.
	map.set('order', Math.floor(last) + 1);
	map.set('startedAt', null);
	map.set('extendedMinutes', 0);
	items.set(item.id, map);
	return true;
}

/** Changes an item's title, notes and timebox; refuses values the schema would refuse. */
export function editItem(
	doc: Y.Doc,
	id: string,
	fields: { title: string; notes: string; timeboxMinutes: number }
): boolean {
	const item = itemsOf(doc).get(id);
	const title = checkItemTitle(fields.title);
	const notes = checkParagraphs(fields.notes, MAX_ITEM_NOTES);
	if (!item || !title.ok || !notes.ok || !isTimebox(fields.timeboxMinutes)) return false;
	if (item.get('title') !== title.value) item.set('title', title.value);
	if (item.get('notes') !== notes.value) item.set('notes', notes.value);
	if (item.get('timeboxMinutes') !== fields.timeboxMinutes) {
		item.set('timeboxMinutes', fields.timeboxMinutes);
	}
	return true;
}

export function removeItem(doc: Y.Doc, id: string): boolean {
	const items = itemsOf(doc);
	if (!items.has(id)) return false;
	items.delete(id);
	return true;
}

/** Swaps an item with its neighbour above or below. */
export function moveItem(doc: Y.Doc, id: string, direction: 'up' | 'down'): boolean {
	const list = readAgenda(doc).items;
	const at = list.findIndex((i) => i.id === id);
	const other = direction === 'up' ? at - 1 : at + 1;
	if (at < 0 || other < 0 || other >= list.length) return false;
	const a = list[at];
	const b = list[other];
	const items = itemsOf(doc);
	// Equal orders (a concurrent add) would make a swap a no-op; nudge apart first.
	const [orderA, orderB] =
		a.order === b.order
			? [b.order + (direction === 'up' ? -0.5 : 0.5), a.order]
			: [b.order, a.order];
	items.get(a.id)!.set('order', orderA);
	items.get(b.id)!.set('order', orderB);
	return true;
}

/** Makes an item current and starts its timebox; the item that was current is done. */
export function startItem(doc: Y.Doc, id: string, now: number): boolean {
	const items = itemsOf(doc);
	const target = items.get(id);
	if (!target) return false;
	for (const item of readAgenda(doc).items) {
		if (item.status === 'current' && item.id !== id) items.get(item.id)!.set('status', 'done');
	}
	target.set('status', 'current');
	target.set('startedAt', now);
	target.set('extendedMinutes', 0);
	return true;
}

export function finishItem(doc: Y.Doc, id: string, outcome: string): boolean {
	const target = itemsOf(doc).get(id);
	if (!target) return false;
	target.set('status', 'done');
	target.set('outcome', outcome);
	return true;
}

/** Adds five minutes to a current item's timebox. Advisory: nothing ever ends by itself. */
export function extendItem(doc: Y.Doc, id: string): boolean {
	const target = itemsOf(doc).get(id);
	const item = target ? readItem(id, target) : null;
	if (!target || !item || item.status !== 'current') return false;
	if (item.extendedMinutes + EXTEND_MINUTES > MAX_TIMEBOX_MINUTES) return false;
	target.set('extendedMinutes', item.extendedMinutes + EXTEND_MINUTES);
	return true;
}

export function setOpenEditing(doc: Y.Doc, open: boolean): boolean {
	const settings = settingsOf(doc);
	if (settings.get('openEditing') === open) return false;
	settings.set('openEditing', open);
	return true;
}

/** Milliseconds left in an item's timebox (negative once over time), or null if not started. */
export function timeLeft(item: AgendaItem, now: number): number | null {
	if (item.startedAt === null) return null;
	return item.startedAt + (item.timeboxMinutes + item.extendedMinutes) * 60_000 - now;
}

/** Which advisory moment an item's timer is in, for the two polite announcements. */
export function timerPhase(ms: number | null): 'none' | 'running' | 'warning' | 'over' {
	if (ms === null) return 'none';
	if (ms <= 0) return 'over';
	if (ms <= WARN_BEFORE_MS) return 'warning';
	return 'running';
}

/**
 * Which of the two polite moments to announce when the timer moves from one phase to another, if
 * any. The first look (`was` undefined) only sets a baseline: opening the page mid-item is not news.
 */
export function timerMoment(
	was: ReturnType<typeof timerPhase> | undefined,
	now: ReturnType<typeof timerPhase>
): 'warning' | 'over' | null {
	if (was === undefined || was === now) return null;
	if (now === 'warning' && was === 'running') return 'warning';
	if (now === 'over' && (was === 'running' || was === 'warning')) return 'over';
	return null;
}
