/**
 * What the room screen shows of the queue and the idea board: read-only copies of their documents.
 * A projector needs no announcements; people in the room hear the facilitator, and people on their
 * own devices hear their own announcer.
 */
import { byVotes, DEFAULT_SETTINGS, readBoard, type BoardView } from '$lib/features/ideas/model';
import { EMPTY_QUEUE_VIEW, type QueueView } from '$lib/features/queue/feature';
import { observeQueueView, readQueueView } from '$lib/features/queue/view-doc';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';

/** How many people waiting the room screen lists after the current speaker. */
export const ROOM_NEXT_SPEAKERS = 3;

export class RoomFeed {
	queue = $state<QueueView>(EMPTY_QUEUE_VIEW);
	board = $state<BoardView>({ settings: DEFAULT_SETTINGS, ideas: [], themes: [], totals: null });
	now = $state(Date.now());
	#docs: SharedDoc[];
	#timer: ReturnType<typeof setInterval>;

	constructor(workshopId: string, ticket: string) {
		const queueDoc = new SharedDoc(workshopId, 'queue', ticket);
		const boardDoc = new SharedDoc(workshopId, 'board', ticket);
		this.#docs = [queueDoc, boardDoc];
		observeQueueView(queueDoc.doc, () => {
			const view = readQueueView(queueDoc.doc);
			if (view) this.queue = view;
		});
		boardDoc.doc.on('update', () => (this.board = readBoard(boardDoc.doc)));
		// The turn timer is drawn against this clock; it only changes the visible text.
		this.#timer = setInterval(() => {
			if (this.queue.current) this.now = Date.now();
		}, 1000);
	}

	get nextSpeakers() {
		return this.queue.waiting.slice(0, ROOM_NEXT_SPEAKERS);
	}

	/** Ideas in board order, or by votes once results are shown (totals only, never who voted). */
	get ideas() {
		const { ideas, totals } = this.board;
		return totals ? byVotes(ideas, totals) : ideas;
	}

	setTicket(ticket: string) {
		for (const d of this.#docs) d.setTicket(ticket);
	}

	destroy() {
		clearInterval(this.#timer);
		for (const d of this.#docs) d.destroy();
	}
}
