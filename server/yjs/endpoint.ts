/** Routes `/yjs/<doc>?t=<ticket>` upgrades to the document rooms, read-only unless the ticket says so. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { docName, parseDocName } from '../../src/lib/shared/workshop.ts';
import type { Logger } from '../log.ts';
import type { TicketBook } from '../tickets.ts';
import type { DocRooms } from './rooms.ts';

export const YJS_PATH = '/yjs/';
/** Largest frame accepted from a client; bigger ones close the connection with 1009. */
export const MAX_YJS_MESSAGE = 1 << 20;

export class YjsEndpoint {
	readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_YJS_MESSAGE });
	#rooms: DocRooms;
	#tickets: TicketBook;
	#log: Logger;
	#kinds: readonly string[];

	/** `kinds`: the kinds of document that exist (the registry's); any other name is refused. */
	constructor(rooms: DocRooms, tickets: TicketBook, log: Logger, kinds: readonly string[]) {
		this.#rooms = rooms;
		this.#kinds = kinds;
		this.#tickets = tickets;
		this.#log = log;
	}

	/** Returns false when the request is not for this endpoint. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		let url: URL;
		try {
			url = new URL(req.url ?? '/', 'http://localhost');
		} catch {
			return false; // not a URL we serve; the caller drops the connection
		}
		if (!url.pathname.startsWith(YJS_PATH)) return false;
		// A malformed escape (`%E0%A4%A`) makes decodeURIComponent throw; inside an upgrade listener
		// that would be an uncaught exception and stop the whole server.
		let path: string | null;
		try {
			path = decodeURIComponent(url.pathname.slice(YJS_PATH.length));
		} catch {
			path = null;
		}
		const target = path === null ? null : parseDocName(path, this.#kinds);
		const ticket = this.#tickets.check(url.searchParams.get('t'));
		if (!target || !ticket || ticket.workshopId !== target.workshopId) {
			// The reason is logged without the ticket or the path, which carry ids.
			this.#log.info('yjs.upgrade-refused', {
				reason: !target ? 'unknown document' : 'no valid ticket'
			});
			socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return true;
		}
		const name = docName(target.workshopId, target.kind);
		const readOnly = !ticket.writable.includes(target.kind);
		this.wss.handleUpgrade(req, socket, head, (ws) =>
			this.#rooms.connect(ws, name, readOnly, ticket.holder)
		);
		return true;
	}

	close() {
		for (const ws of this.wss.clients) ws.terminate();
		this.wss.close();
	}
}
