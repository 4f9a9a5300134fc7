/**
 * How the queue view lives in its Yjs document. The waiting list is a Y.Array of hands and the rest
 * of the view one value beside it, and a write changes only what differs: a raised hand sends one
 * entry to every page, not the whole list again. Written as one value, a burst of 500 hands sent
 * each page about 430 kB of queue updates (every batch rewrote up to 500 hands); a cheap phone
 * decodes all of it while its person waits to see their place.
 *
 * Documents written before this layout hold the whole view, waiting list included, under the same
 * key; they are read as they are, and the server's next write moves them to this layout.
 */
import type * as Y from 'yjs';
import { QUEUE_VIEW_KEY, type QueueView, type QueueViewHand } from './feature.ts';

const MAP = 'queue';
const WAITING = 'waiting';

type Head = Omit<QueueView, 'waiting'> & { waiting?: QueueViewHand[] };

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** Changes the document to hold `view`, touching only the hands and fields that differ. */
export function writeQueueView(doc: Y.Doc, view: QueueView): void {
	const map = doc.getMap<Head>(MAP);
	const list = doc.getArray<QueueViewHand>(WAITING);
	const { waiting, ...head } = view;
	doc.transact(() => {
		if (!same(map.get(QUEUE_VIEW_KEY), head)) map.set(QUEUE_VIEW_KEY, head);
		const before = list.toArray();
		// Keep the longest unchanged run at each end; replace only what lies between.
		let start = 0;
		while (start < before.length && start < waiting.length && same(before[start], waiting[start]))
			start++;
		let end = 0;
		while (
			end < before.length - start &&
			end < waiting.length - start &&
			same(before[before.length - 1 - end], waiting[waiting.length - 1 - end])
		)
			end++;
		const removed = before.length - start - end;
		if (removed > 0) list.delete(start, removed);
		const added = waiting.slice(start, waiting.length - end);
		if (added.length > 0) list.insert(start, added);
	});
}

/** The view the document holds, or undefined before the server first writes it. */
export function readQueueView(doc: Y.Doc): QueueView | undefined {
	const head = doc.getMap<Head>(MAP).get(QUEUE_VIEW_KEY);
	if (!head) return undefined;
	// An older document carries its waiting list inside the one value.
	const waiting = head.waiting ?? doc.getArray<QueueViewHand>(WAITING).toArray();
	return { ...head, waiting };
}

/** Calls `read` after every change of the view (one call per transaction); returns the stop. */
export function observeQueueView(doc: Y.Doc, read: () => void): () => void {
	const map = doc.getMap(MAP);
	const list = doc.getArray(WAITING);
	let pending = false;
	// Head and list change in one transaction; say so once, after both.
	const onChange = () => {
		pending = true;
	};
	const afterTransaction = () => {
		if (!pending) return;
		pending = false;
		read();
	};
	map.observe(onChange);
	list.observe(onChange);
	doc.on('afterTransaction', afterTransaction);
	return () => {
		map.unobserve(onChange);
		list.unobserve(onChange);
		doc.off('afterTransaction', afterTransaction);
	};
}
