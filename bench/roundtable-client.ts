/**
 * Everything the benchmark knows about Roundtable's wire protocol, in one place so that a change to
 * the server's commands or documents means a change here only: the socket.io commands it sends,
 * the shape of their answers, which Yjs documents a participant page opens and how (all of them
 * on one websocket, `/yjs/all?t=<ticket>`, through the page's own client `YjsLink`), and how to
 * read the agenda and the queue out of them. The facilitator's writer is a stock y-websocket
 * provider on `/yjs/<workshop>.agenda`, the same writer the stock server's peer uses. Mirrors
 * src/lib/client/ (connection, participant-session, shared-doc, yjs-link) and src/routes/j/[code]/.
 */
import { io, type Socket } from 'socket.io-client';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YjsLink, type LinkedDoc } from '../src/lib/client/yjs-link.ts';
import { addItem, itemsOf } from '../src/lib/features/agenda/model.ts';
import { readQueueView } from '../src/lib/features/queue/view-doc.ts';
import type { Result } from '../src/lib/shared/result.ts';
import type { DocKind } from '../src/lib/features/index.ts';
import { docName } from '../src/lib/shared/workshop.ts';

const ANSWER_TIMEOUT_MS = 30_000;

/**
 * The documents a joined participant page opens (seen in Chromium on /j/<code> once joined): the
 * title (meta, ParticipantSession) and the sections of ParticipantView. Ideas' `ideas:my-votes` is
 * asked only in the vote phase, which the bench never enters.
 */
export const PARTICIPANT_DOCS: readonly DocKind[] = [
	'meta',
	'queue',
	'agenda',
	'closing',
	'scope',
	'board',
	'actions',
	'decisions',
	'closeout',
	'inclusion'
];

/** A document on a participant's link: `provider` has a stock provider's `synced` and 'sync'. */
export interface OpenDoc {
	kind: DocKind;
	doc: Y.Doc;
	provider: LinkedDoc;
}

/** The facilitator's writable agenda, on a stock provider. */
export interface StockDoc {
	kind: DocKind;
	doc: Y.Doc;
	provider: WebsocketProvider;
}

export interface Participant {
	socket: Socket;
	participantId: string;
	/** The page's one Yjs websocket, carrying `docs`. */
	link: YjsLink | null;
	docs: OpenDoc[];
	/** Documents the page opens that this bench connects as sinks (bench/yjs-sink.ts). */
	unreadUrls: string[];
}

/** A socket.io connection as Connection opens it (websocket first); no reconnects in a bench. */
export async function connectSocket(url: string): Promise<Socket> {
	const socket = io(url, {
		path: '/socket.io',
		transports: ['websocket', 'polling'],
		forceNew: true,
		reconnection: false
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

async function ask<T>(socket: Socket, name: string, payload: unknown): Promise<T> {
	const result = (await socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck(name, payload)) as Result<T>;
	if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
	return result.data;
}

function docUrl(url: string, workshopId: string, kind: DocKind, ticket: string): string {
	return `${url.replace(/^http/, 'ws')}/yjs/${docName(workshopId, kind)}?t=${encodeURIComponent(ticket)}`;
}

/** One stock provider on one of a workshop's documents. */
export function openDoc(url: string, workshopId: string, kind: DocKind, ticket: string): StockDoc {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		url.replace(/^http/, 'ws') + '/yjs',
		docName(workshopId, kind),
		doc,
		{ params: { t: ticket }, disableBc: true }
	);
	provider.awareness.setLocalState(null);
	return { kind, doc, provider };
}

export interface Facilitator {
	socket: Socket;
	code: string;
	workshopId: string;
	/** The facilitator's own agenda copy, on a ticket that may write it (direct edits). */
	agenda: StockDoc;
}

/** Creates a workshop and opens it as its facilitator, with a writable agenda document. */
export async function startWorkshop(url: string, title: string): Promise<Facilitator> {
	const socket = await connectSocket(url);
	const created = await ask<{ code: string; facilitatorKey: string }>(socket, 'workshop:create', {
		title,
		language: 'en'
	});
	const opened = await ask<{ workshopId: string; yjsTicket: string }>(socket, 'facilitator:open', {
		facilitatorKey: created.facilitatorKey
	});
	const agenda = openDoc(url, opened.workshopId, 'agenda', opened.yjsTicket);
	return { socket, code: created.code, workshopId: opened.workshopId, agenda };
}

/**
 * A person joining on the participant page: socket.io, `participant:join`, then every document on
 * one websocket, as SharedDoc does. Documents listed in `unread` are not opened here; their
 * per-document URLs are returned, to be opened as sinks (bench/yjs-sink.ts).
 */
export async function joinAsParticipant(
	url: string,
	code: string,
	name: string,
	unread: readonly DocKind[] = []
): Promise<Participant> {
	const socket = await connectSocket(url);
	const welcome = await ask<{ workshopId: string; yjsTicket: string; participantId: string }>(
		socket,
		'participant:join',
		{ code, name, role: 'other' }
	);
	const read = PARTICIPANT_DOCS.filter((kind) => !unread.includes(kind));
	const link = read.length > 0 ? new YjsLink(url.replace(/^http/, 'ws'), welcome.yjsTicket) : null;
	const docs = read.map((kind) => {
		const doc = new Y.Doc();
		return { kind, doc, provider: link!.add(docName(welcome.workshopId, kind), doc) };
	});
	const unreadUrls = PARTICIPANT_DOCS.filter((kind) => unread.includes(kind)).map((kind) =>
		docUrl(url, welcome.workshopId, kind, welcome.yjsTicket)
	);
	return { socket, participantId: welcome.participantId, link, docs, unreadUrls };
}

/** The facilitator adds an agenda item through the `agenda:add` command. */
export async function addItemByCommand(facilitator: Facilitator, title: string): Promise<void> {
	await ask(facilitator.socket, 'agenda:add', { title, timeboxMinutes: 5 });
}

/**
 * The facilitator adds an agenda item straight into its document (as AgendaState.add does); the
 * provider sends the update inside this call. Also what the stock-server peer's writer does.
 */
export function addItemDirectly(agenda: Y.Doc, title: string): void {
	const id = crypto.randomUUID().replace(/-/g, '');
	agenda.transact(() => {
		if (!addItem(agenda, { id, title, notes: '', timeboxMinutes: 5 })) {
			throw new Error('The agenda refused the item (full?)');
		}
	});
}

export function agendaItemCount(agenda: Y.Doc): number {
	return itemsOf(agenda).size;
}

export async function raiseHand(socket: Socket): Promise<void> {
	await ask(socket, 'queue:raise', { kind: 'new' });
}

/** The waiting hands in a participant's copy of the queue document, in speaking order. */
export function waitingHands(queue: Y.Doc): string[] {
	const view = readQueueView(queue);
	return view?.waiting.map((h) => `${h.personId}:${h.seq}`) ?? [];
}
