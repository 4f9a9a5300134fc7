/**
 * The multiplexed Yjs endpoint: one websocket carrying every document of one workshop (see
 * src/lib/shared/yjs-mux.ts for the frames). Each document opened on it is a `MuxChannel`, which
 * looks to the rooms exactly like a per-document socket, so every rule of the core applies per
 * document unchanged: the guard and read-only rights, message and reply budgets, backpressure,
 * resync allowances and close codes. Opening a document is checked like an upgrade: the ticket
 * must still be valid and name the document's workshop, and each open is charged to the ticket's
 * connection count and its budget of new connections.
 */
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import {
	muxCloseMessage,
	muxFrame,
	muxParse,
	muxPrefix,
	muxReadClose
} from '../../src/lib/shared/yjs-mux.ts';
import { parseDocName, docName } from '../../src/lib/shared/workshop.ts';
import type { Logger } from '../log.ts';
import type { TicketBook } from '../tickets.ts';
import type { Budget } from './budget.ts';
import {
	CLOSE_INVALID,
	CLOSE_NOT_ALLOWED,
	CLOSE_SLOW_DOWN,
	CLOSE_UNSUPPORTED
} from './protocol.ts';
import { CLOSE_GRACE_MS } from './peer.ts';
import type { DocRooms } from './rooms.ts';

const OPEN = 1;
const CLOSED = 3;

/** What the endpoint keeps per ticket: connections open now, and new ones allowed per minute. */
export interface TicketUse {
	open: number;
	upgrades: Budget;
}

/**
 * One document on a multiplexed socket, standing in for that document's own websocket. Sends are
 * framed with the document's name; the socket's backlog is the backlog (a page that does not read
 * does not read any document). Closing for "slow down" closes the whole socket, as it would have
 * closed every per-document one; any other close ends only this document, with its code.
 */
export class MuxChannel extends EventEmitter {
	readonly OPEN = OPEN;
	readyState = OPEN;
	readonly name: string;
	#socket: WebSocket;
	#prefix: Uint8Array;
	#onEnd: () => void;

	constructor(socket: WebSocket, name: string, onEnd: () => void) {
		super();
		this.#socket = socket;
		this.name = name;
		this.#prefix = muxPrefix(name);
		this.#onEnd = onEnd;
	}

	get bufferedAmount(): number {
		return this.#socket.bufferedAmount;
	}

	send(message: Uint8Array, cb?: (err?: Error) => void) {
		if (this.readyState !== OPEN) return;
		this.#socket.send(muxFrame(this.#prefix, message), cb);
	}

	close(code: number, reason: string) {
		if (this.readyState !== OPEN) return;
		if (code === CLOSE_SLOW_DOWN) {
			const socket = this.#socket;
			socket.close(code, reason);
			// As for a socket of its own: a client that does not read is cut, not waited for.
			const cut = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
			cut.unref();
			socket.once('close', () => clearTimeout(cut));
			return this.end();
		}
		this.#socket.send(muxFrame(this.#prefix, muxCloseMessage(code, reason)));
		this.end();
	}

	/** Only for a socket that cannot be reached any more (a failed send, a client gone silent). */
	terminate() {
		if (this.readyState !== OPEN) return;
		this.#socket.terminate();
		this.end();
	}

	pause() {
		this.#socket.pause();
	}

	/** The channel is over: the room forgets it (it listens for 'close', as on a socket). */
	end() {
		if (this.readyState === CLOSED) return;
		this.readyState = CLOSED;
		this.#onEnd();
		this.emit('close');
	}

	/** One message for this document from the client. */
	deliver(message: Uint8Array) {
		if (this.readyState !== OPEN) return;
		this.emit('message', Buffer.from(message.buffer, message.byteOffset, message.byteLength), true);
	}
}

export interface MuxOptions {
	rooms: DocRooms;
	tickets: TicketBook;
	log: Logger;
	kinds: readonly string[];
	ticketId: string;
	workshopId: string;
	use: TicketUse;
	connectionsPerTicket: number;
}

/** Serves one multiplexed socket until it closes. */
export function serveMux(ws: WebSocket, opts: MuxOptions) {
	const channels = new Map<string, MuxChannel>();
	const { use, log } = opts;

	const refuse = (name: string, code: number, reason: string) => {
		log.info('yjs.open-refused', { reason });
		ws.send(muxFrame(muxPrefix(name), muxCloseMessage(code, reason)));
	};

	const open = (name: string): MuxChannel | null => {
		// Every open costs what an upgrade costs, so opening and leaving cannot fetch full syncs
		// faster than reconnecting could; a client that keeps trying is closed like a flooder.
		if (!use.upgrades.take()) {
			ws.close(CLOSE_SLOW_DOWN, 'slow down: too many documents opened');
			return null;
		}
		const target = parseDocName(name, opts.kinds);
		const ticket = opts.tickets.check(opts.ticketId);
		if (
			!target ||
			!ticket ||
			ticket.workshopId !== opts.workshopId ||
			target.workshopId !== opts.workshopId
		) {
			refuse(name, CLOSE_NOT_ALLOWED, 'This document needs a valid ticket.');
			return null;
		}
		if (use.open >= opts.connectionsPerTicket) {
			refuse(name, CLOSE_SLOW_DOWN, 'Too many connections on this ticket. Try again in a minute.');
			return null;
		}
		use.open++;
		const channel = new MuxChannel(ws, name, () => {
			use.open--;
			channels.delete(name);
		});
		channels.set(name, channel);
		opts.rooms.connect(channel as unknown as WebSocket, docName(target.workshopId, target.kind), {
			readOnly: !ticket.writable.includes(target.kind),
			holder: ticket.holder,
			ticket: opts.ticketId
		});
		return channel;
	};

	ws.on('message', (data: Buffer, isBinary: boolean) => {
		if (!isBinary) return ws.close(CLOSE_UNSUPPORTED, 'text frames are not part of the protocol');
		const frame = muxParse(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
		if (!frame) return ws.close(CLOSE_INVALID, 'a frame must start with a document name');
		const existing = channels.get(frame.name);
		if (muxReadClose(frame.message)) {
			// The page left this document: the room forgets the channel, nothing is sent back.
			if (existing) existing.end();
			else if (!use.upgrades.take()) ws.close(CLOSE_SLOW_DOWN, 'slow down: too many messages');
			return;
		}
		const channel = existing ?? open(frame.name);
		channel?.deliver(frame.message);
	});
	ws.on('error', (e: Error) => log.warn('yjs.connection-error', { doc: 'all', reason: e.message }));
	ws.on('close', () => {
		for (const channel of [...channels.values()]) channel.end();
	});
}
