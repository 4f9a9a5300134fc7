/**
 * One Yjs connection as the server sees it: what it may do, and the budgets that keep it from
 * costing everyone else. Every message to it goes through `send`, which stops a connection that is
 * not reading before its backlog grows, and every message from it is counted by `admit`.
 */
import type { WebSocket } from 'ws';
import type { YjsLimits } from '../config.ts';
import type { Logger } from '../log.ts';
import type { TicketHolder } from '../tickets.ts';
import { Budget } from './budget.ts';
import type { RoomConnection } from './guards.ts';
import { CLOSE_SLOW_DOWN } from './protocol.ts';

/** How long a closed connection may take to say goodbye before its socket is cut. */
export const CLOSE_GRACE_MS = 1000;

export interface PeerOptions {
	doc: string;
	readOnly: boolean;
	holder: TicketHolder;
	/** The ticket it came with; kept to recognise repeats, never logged. */
	ticket: string;
	limits: YjsLimits;
	log: Logger;
	now?: () => number;
}

export class Peer implements RoomConnection {
	readonly ws: WebSocket;
	readonly doc: string;
	readOnly: boolean;
	readonly ticketWritable: boolean;
	readonly holder: TicketHolder;
	readonly ticket: string;
	/**
	 * The document's state vector when this connection's sync step 1 was last answered. Everything
	 * after it reaches the connection as broadcasts, so a repeated step 1 is answered from here on.
	 */
	answered: Map<number, number> | null = null;
	#messages: Budget;
	#replies: Budget;
	#maxBuffered: number;
	#log: Logger;
	#closing = false;

	constructor(ws: WebSocket, opts: PeerOptions) {
		this.ws = ws;
		this.doc = opts.doc;
		this.readOnly = opts.readOnly;
		this.ticketWritable = !opts.readOnly;
		this.holder = opts.holder;
		this.ticket = opts.ticket;
		const { limits } = opts;
		this.#messages = new Budget(limits.messageBurst, limits.messagesPerSecond, opts.now);
		this.#replies = new Budget(limits.sendBurstBytes, limits.sendBytesPerSecond, opts.now);
		this.#maxBuffered = limits.maxBufferedBytes;
		this.#log = opts.log;
	}

	get closing(): boolean {
		return this.#closing || this.ws.readyState !== this.ws.OPEN;
	}

	/** Counts one incoming message; false (and the connection closing) once it sends too fast. */
	admit(): boolean {
		if (this.closing) return false;
		if (this.#messages.take()) return true;
		this.close(CLOSE_SLOW_DOWN, 'slow down: too many messages');
		return false;
	}

	/**
	 * Queues one message. A `reply` (an answer to the connection's own request) is charged to its
	 * budget of bytes per second; broadcasts are not, as others cause them. Returns false when
	 * nothing was sent.
	 */
	send(message: Uint8Array, kind: 'broadcast' | 'reply' = 'broadcast'): boolean {
		if (this.closing) return false;
		// Checked before adding, so one message larger than the limit (a big first sync) still goes.
		if (this.ws.bufferedAmount > this.#maxBuffered) {
			this.close(CLOSE_SLOW_DOWN, 'slow down: this connection is not reading what it is sent');
			return false;
		}
		if (kind === 'reply' && !this.#replies.take(message.length)) {
			this.close(CLOSE_SLOW_DOWN, 'slow down: too much data asked for');
			return false;
		}
		this.ws.send(message, (err) => {
			if (err) this.ws.terminate();
		});
		return true;
	}

	/** Closes with a code and reason the client can act on, logged without ids or content. */
	close(code: number, reason: string) {
		if (this.#closing) return;
		this.#closing = true;
		// WebSocket close reasons are limited to 123 bytes.
		const sent = reason.slice(0, 100);
		this.#log.warn('yjs.connection-closed', { doc: this.doc, code, reason: sent });
		// A flooder's frames already on the wire would each be parsed, only to be ignored; stop
		// reading them. Its answer to the close frame is not needed: the cut below ends it.
		if (code === CLOSE_SLOW_DOWN) this.ws.pause();
		if (this.ws.readyState === this.ws.OPEN) this.ws.close(code, sent);
		// A client that does not read never answers the close frame queued behind its backlog; cut it
		// so the backlog is freed now rather than at ws's 30 s close timeout.
		const cut = setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS);
		cut.unref();
		this.ws.once('close', () => clearTimeout(cut));
	}
}
