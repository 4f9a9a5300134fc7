/**
 * Routes `/yjs/<doc>?t=<ticket>` upgrades to the document rooms, read-only unless the ticket says
 * so. Each ticket may hold a few connections and open new ones at a steady pace: a client that is
 * closed for flooding cannot come straight back for another full sync again and again.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { docName, parseDocName } from '../../src/lib/shared/workshop.ts';
import { YJS_MUX_PATH } from '../../src/lib/shared/yjs-mux.ts';
import { DEFAULT_YJS_LIMITS, type YjsLimits } from '../config.ts';
import type { Logger } from '../log.ts';
import { refuseUpgrade } from '../origin.ts';
import type { TicketBook } from '../tickets.ts';
import { Budget } from './budget.ts';
import { serveMux, type TicketUse } from './mux.ts';
import type { DocRooms } from './rooms.ts';

export const YJS_PATH = '/yjs/';
/** Largest frame accepted from a client; bigger ones close the connection with 1009. */
export const MAX_YJS_MESSAGE = 1 << 20;
/** How often ticket usage that has gone quiet is forgotten. */
const SWEEP_MS = 60_000;

export class YjsEndpoint {
	readonly wss = new WebSocketServer({
		noServer: true,
		maxPayload: MAX_YJS_MESSAGE,
		// One message per turn of the event loop: a flood of tiny frames that arrived in one chunk
		// (6,500 of them in 64 kB) is parsed between everyone else's work instead of blocking it, and
		// reading from that socket slows to the pace its messages are handled.
		allowSynchronousEvents: false
	});
	#rooms: DocRooms;
	#tickets: TicketBook;
	#log: Logger;
	#limits: YjsLimits;
	#now: () => number;
	#use = new Map<string, TicketUse>();
	#sweep: NodeJS.Timeout;

	#kinds: readonly string[];

	/** `kinds`: the kinds of document that exist (the registry's); any other name is refused. */
	constructor(
		rooms: DocRooms,
		tickets: TicketBook,
		log: Logger,
		kinds: readonly string[],
		limits: YjsLimits = DEFAULT_YJS_LIMITS,
		now: () => number = Date.now
	) {
		this.#kinds = kinds;
		this.#rooms = rooms;
		this.#tickets = tickets;
		this.#log = log;
		this.#limits = limits;
		this.#now = now;
		this.#sweep = setInterval(() => this.#forgetQuiet(), SWEEP_MS);
		this.#sweep.unref();
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
		if (url.pathname === YJS_MUX_PATH) return this.#upgradeMux(req, socket, head, url);
		// A malformed escape (`%E0%A4%A`) makes decodeURIComponent throw; inside an upgrade listener
		// that would be an uncaught exception and stop the whole server.
		let path: string | null;
		try {
			path = decodeURIComponent(url.pathname.slice(YJS_PATH.length));
		} catch {
			path = null;
		}
		const target = path === null ? null : parseDocName(path, this.#kinds);
		const ticketId = url.searchParams.get('t');
		const ticket = this.#tickets.check(ticketId);
		if (!target || !ticket || !ticketId || ticket.workshopId !== target.workshopId) {
			// The reason is logged without the ticket or the path, which carry ids.
			this.#log.info('yjs.upgrade-refused', {
				reason: !target ? 'unknown document' : 'no valid ticket'
			});
			refuseUpgrade(socket, 403, 'This document needs a valid ticket.');
			return true;
		}
		const use = this.#useOf(ticketId);
		const tooMany = use.open >= this.#limits.connectionsPerTicket;
		if (tooMany || !use.upgrades.take()) {
			this.#log.info('yjs.upgrade-refused', {
				reason: tooMany ? 'too many open connections' : 'too many new connections'
			});
			refuseUpgrade(socket, 429, 'Too many connections on this ticket. Try again in a minute.', {
				'Retry-After': '60'
			});
			return true;
		}
		const name = docName(target.workshopId, target.kind);
		const readOnly = !ticket.writable.includes(target.kind);
		this.wss.handleUpgrade(req, socket, head, (ws) => {
			use.open++;
			ws.once('close', () => use.open--);
			this.#rooms.connect(ws, name, { readOnly, holder: ticket.holder, ticket: ticketId });
		});
		return true;
	}

	/**
	 * The product's own pages: one socket for all of a workshop's documents. The socket counts as
	 * one connection of its ticket, and each document opened on it as one more (see mux.ts).
	 */
	#upgradeMux(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean {
		const ticketId = url.searchParams.get('t');
		const ticket = this.#tickets.check(ticketId);
		if (!ticket || !ticketId) {
			this.#log.info('yjs.upgrade-refused', { reason: 'no valid ticket' });
			refuseUpgrade(socket, 403, 'This document needs a valid ticket.');
			return true;
		}
		const use = this.#useOf(ticketId);
		const tooMany = use.open >= this.#limits.connectionsPerTicket;
		if (tooMany || !use.upgrades.take()) {
			this.#log.info('yjs.upgrade-refused', {
				reason: tooMany ? 'too many open connections' : 'too many new connections'
			});
			refuseUpgrade(socket, 429, 'Too many connections on this ticket. Try again in a minute.', {
				'Retry-After': '60'
			});
			return true;
		}
		this.wss.handleUpgrade(req, socket, head, (ws) => {
			use.open++;
			ws.once('close', () => use.open--);
			serveMux(ws, {
				rooms: this.#rooms,
				tickets: this.#tickets,
				log: this.#log,
				kinds: this.#kinds,
				ticketId,
				workshopId: ticket.workshopId,
				use,
				connectionsPerTicket: this.#limits.connectionsPerTicket
			});
		});
		return true;
	}

	#useOf(ticketId: string): TicketUse {
		let use = this.#use.get(ticketId);
		if (!use) {
			const perMinute = this.#limits.upgradesPerTicketPerMinute;
			use = { open: 0, upgrades: new Budget(perMinute, perMinute / 60, this.#now) };
			this.#use.set(ticketId, use);
		}
		return use;
	}

	/** Entries with nothing open and a full budget again would be recreated exactly as they are. */
	#forgetQuiet() {
		for (const [id, use] of this.#use) {
			if (use.open === 0 && use.upgrades.full()) this.#use.delete(id);
		}
	}

	close() {
		clearInterval(this.#sweep);
		for (const ws of this.wss.clients) ws.terminate();
		this.wss.close();
	}
}
