import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EMPTY_QUEUE_VIEW, QUEUE_VIEW_KEY, type QueueView, type QueueViewHand } from './feature.ts';
import { observeQueueView, readQueueView, writeQueueView } from './view-doc.ts';

const hand = (n: number, seq = n): QueueViewHand => ({
	personId: `person-${String(n).padStart(4, '0')}-xxxxxxxxxxxx`,
	name: `Person number ${n}`,
	kind: 'new',
	seq
});

const withHands = (waiting: QueueViewHand[]): QueueView => ({ ...EMPTY_QUEUE_VIEW, waiting });

/** A server document and a page's copy of it, joined by the updates the server would send. */
function pair() {
	const server = new Y.Doc();
	const page = new Y.Doc();
	const sent: Uint8Array[] = [];
	server.on('update', (u: Uint8Array) => {
		sent.push(u);
		Y.applyUpdate(page, u);
	});
	return { server, page, sent };
}

describe('the queue view in its document', () => {
	it('is undefined before the server first writes it', () => {
		expect(readQueueView(new Y.Doc())).toBeUndefined();
	});

	it('reads back exactly what was written, on the server and on a page', () => {
		const { server, page } = pair();
		const view: QueueView = {
			...withHands([hand(1), hand(2)]),
			paused: true,
			current: {
				personId: 'p',
				name: 'Ana',
				kind: 'new',
				startedAt: 5,
				allowedMs: 60_000,
				source: 'queue'
			}
		};
		writeQueueView(server, view);
		expect(readQueueView(server)).toEqual(view);
		expect(readQueueView(page)).toEqual(view);
	});

	it('sends one hand, not the whole list, when a hand is raised behind 500 others', () => {
		const { server, page, sent } = pair();
		const many = Array.from({ length: 500 }, (_, i) => hand(i));
		writeQueueView(server, withHands(many));
		const whole = sent.at(-1)!.byteLength;
		writeQueueView(server, withHands([...many, hand(500)]));
		const one = sent.at(-1)!.byteLength;
		expect(whole).toBeGreaterThan(30_000);
		expect(one).toBeLessThan(200);
		expect(readQueueView(page)?.waiting).toHaveLength(501);
	});

	it('sends nothing when nothing changed', () => {
		const { server, sent } = pair();
		writeQueueView(server, withHands([hand(1)]));
		const before = sent.length;
		writeQueueView(server, withHands([hand(1)]));
		expect(sent.length).toBe(before);
	});

	it('follows any sequence of changes: raises, lowers, moves and turns', () => {
		const { server, page } = pair();
		// A fixed pseudo-random walk, so a failure can be replayed.
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		let waiting: QueueViewHand[] = [];
		let next = 0;
		for (let step = 0; step < 400; step++) {
			const r = random();
			if (r < 0.45 || waiting.length === 0) {
				const at = Math.floor(random() * (waiting.length + 1));
				waiting = [...waiting.slice(0, at), hand(next++), ...waiting.slice(at)];
			} else if (r < 0.75) {
				const at = Math.floor(random() * waiting.length);
				waiting = waiting.filter((_, i) => i !== at);
			} else if (r < 0.9) {
				const [from, to] = [random(), random()].map((x) => Math.floor(x * waiting.length));
				const moved = [...waiting];
				const [h] = moved.splice(from, 1);
				moved.splice(to, 0, h);
				waiting = moved;
			} else {
				waiting = waiting.map((h, i) => (i === 0 ? { ...h, kind: 'reply' } : h));
			}
			writeQueueView(server, withHands(waiting));
			expect(readQueueView(page)?.waiting).toEqual(waiting);
		}
	});

	it('reads a document written before the list had its own array', () => {
		const doc = new Y.Doc();
		const old = withHands([hand(1), hand(2)]);
		doc.getMap('queue').set(QUEUE_VIEW_KEY, old);
		expect(readQueueView(doc)).toEqual(old);
		// The next write moves it to the new layout and still reads the same.
		const now = withHands([hand(2)]);
		writeQueueView(doc, now);
		expect(readQueueView(doc)).toEqual(now);
	});

	it('tells a reader once per change, after the list and the rest are both in', () => {
		const { server, page } = pair();
		const seen: (QueueView | undefined)[] = [];
		const stop = observeQueueView(page, () => seen.push(readQueueView(page)));
		writeQueueView(server, { ...withHands([hand(1)]), paused: true });
		expect(seen).toEqual([{ ...withHands([hand(1)]), paused: true }]);
		stop();
		writeQueueView(server, withHands([]));
		expect(seen).toHaveLength(1);
	});
});
