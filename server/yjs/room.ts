/**
 * One shared document and the connections that sync it. Updates are stored before they are sent,
 * and sends are coalesced per tick and framed once for all receivers. Every update from a
 * connection is tried on a shadow copy first (kept in step with the document, so trying costs what
 * the update changes): it must apply completely and pass the document's guard, or it never
 * touches the real document or storage.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import { dropPending, hasPending, type DocGuard, type GuardLookup } from './guards.ts';
import type { Peer } from './peer.ts';
import {
	CLOSE_INVALID,
	CLOSE_NOT_ALLOWED,
	CLOSE_RESYNC,
	encodeUpdateMessage,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2
} from './protocol.ts';

/** Compact a document's stored log once it holds this many updates. */
export const COMPACT_AFTER = 500;

/** A ticket refused for an incomplete update again within this time is refused for good. */
export const RESYNC_ALLOWANCE_MS = 60_000;

/** Origin of updates the server itself makes (commands), as opposed to a connection's. */
export const SERVER_ORIGIN = Symbol('server');

export class ProtocolError extends Error {
	/** The close code the connection gets (see protocol.ts for which ones a client retries). */
	readonly code: number;
	constructor(message: string, code: number = CLOSE_INVALID) {
		super(message);
		this.code = code;
	}
}

export class DocRoom {
	readonly name: string;
	readonly doc = new Y.Doc({ gc: true });
	readonly conns = new Map<WebSocket, Peer>();
	/** Updates dropped because they came from read-only connections; tests and logs read it. */
	droppedFromReadOnly = 0;
	/** Updates refused by the document's guard (schema or rights); tests and logs read it. */
	refusedByGuard = 0;
	/** Updates refused because they build on changes the server does not have. */
	refusedIncomplete = 0;
	#storage: Storage;
	#log: Logger;
	#now: () => number;
	#pending: Uint8Array[] = [];
	#flushScheduled = false;
	/** The newest change's commit: resolves when it is stored, rejects if storage refused it. */
	#committed: Promise<void> = Promise.resolve();
	/** Storage refused a change: this copy may hold what storage does not, so it is given up. */
	#broken = false;
	#onBroken: (room: DocRoom) => void;
	#storedSinceCompact = 0;
	#persisting: Promise<unknown> = Promise.resolve();
	#guard: DocGuard | null;
	/** Ticket → when it was last refused for an incomplete update. */
	#resyncs = new Map<string, number>();
	/** The whole state, encoded once per change: every new connection with an empty copy needs it. */
	#encoded: Uint8Array | null = null;
	/**
	 * A second copy of the document that every accepted change also reaches: a connection's update
	 * is tried on it first, so checking costs what the update changes, not a copy of the whole
	 * document. After a refusal it may hold what was refused, so it is dropped and rebuilt.
	 */
	#shadow: Y.Doc | null = null;
	/** True while a checked update, already on the shadow, is applied to the real document. */
	#applyingChecked = false;

	constructor(
		name: string,
		storage: Storage,
		log: Logger,
		guardFor: GuardLookup,
		now: () => number = Date.now,
		onBroken: (room: DocRoom) => void = () => {}
	) {
		this.name = name;
		this.#onBroken = onBroken;
		// Names are `<workshop>.<kind>`; which kinds exist is the endpoint's business, not the room's.
		this.#guard = guardFor(name.slice(name.lastIndexOf('.') + 1), name);
		this.#storage = storage;
		this.#log = log;
		this.#now = now;
	}

	async load() {
		const updates = await this.#storage.loadDocument(this.name);
		this.#storedSinceCompact = updates.length;
		Y.transact(
			this.doc,
			() => {
				for (const u of updates) Y.applyUpdate(this.doc, u);
			},
			'storage'
		);
		// Servers before the pending check kept such data and wrote it into compacted snapshots;
		// it would still apply when its clocks arrive, so it goes, and the log is rewritten without it.
		if (hasPending(this.doc)) {
			dropPending(this.doc);
			this.#log.warn('yjs.pending-removed', { doc: this.name });
			await this.compact();
		}
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#onUpdate(update, origin));
	}

	/**
	 * Store first: every change (a command's or a client's) goes to storage, joining this tick's
	 * transaction for the workshop, and is sent to anyone only once that commit succeeded. If the
	 * commit fails, nothing of it is sent, and the room is given up so the next use loads what
	 * storage really holds (its clients reconnect and send their edits again, so none is lost).
	 */
	#onUpdate(update: Uint8Array, origin: unknown) {
		this.#encoded = null;
		if (this.#shadow && !this.#applyingChecked) Y.applyUpdate(this.#shadow, update);
		if (origin === 'storage') return;
		this.#storedSinceCompact++;
		const stored = this.#storage.appendUpdate(this.name, update);
		const sent = this.#persisting.then(
			() => stored,
			() => stored
		);
		this.#committed = sent.then(
			() => this.#send(update),
			(e: Error) => {
				this.#log.error('yjs.persist-failed', { doc: this.name, reason: e.message });
				this.#broken = true;
				this.#onBroken(this);
				throw e;
			}
		);
		this.#persisting = this.#committed.catch(() => {});
		if (this.#storedSinceCompact >= COMPACT_AFTER) void this.compact();
	}

	#send(update: Uint8Array) {
		if (this.#broken) return;
		this.#pending.push(update);
		if (!this.#flushScheduled) {
			this.#flushScheduled = true;
			setImmediate(() => this.#flush());
		}
	}

	/**
	 * A change the server makes (a command's effect). Resolves once it is stored (and is then sent
	 * to everyone); rejects when storage refused it, so the command is refused too.
	 */
	change(fn: (doc: Y.Doc) => void): Promise<void> {
		if (this.#broken) return Promise.reject(new Error('the document could not be stored'));
		const before = this.#committed;
		this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
		// Unchanged by fn: nothing new to store; wait for what is already on its way.
		return this.#committed === before ? this.#persisting.then(() => {}) : this.#committed;
	}

	#flush() {
		this.#flushScheduled = false;
		if (this.#pending.length === 0) return;
		const update = this.#pending.length === 1 ? this.#pending[0] : Y.mergeUpdates(this.#pending);
		this.#pending = [];
		const message = encodeUpdateMessage(update);
		for (const peer of this.conns.values()) peer.send(message);
	}

	/** The whole document as one update. */
	encoded(): Uint8Array {
		this.#encoded ??= Y.encodeStateAsUpdate(this.doc);
		return this.#encoded;
	}

	/** Waits for every update so far to be written. */
	flushed(): Promise<unknown> {
		return this.#persisting;
	}

	async compact() {
		this.#storedSinceCompact = 0;
		// Wait for queued appends, then replace the log in the same tick we encode the state in, so no
		// update can fall between the snapshot and the delete.
		await this.#persisting;
		const merged = this.encoded();
		this.#persisting = this.#storage
			.compact(this.name, merged)
			.then(() => (this.#storedSinceCompact = 0))
			.catch((e: Error) =>
				this.#log.error('yjs.compact-failed', { doc: this.name, reason: e.message })
			);
		await this.#persisting;
	}

	/** Lets the guard read what it needs before a connection is attached (see DocGuard.prepare). */
	async prepare(): Promise<void> {
		await this.#guard?.prepare?.();
	}

	connect(peer: Peer) {
		if (this.#guard) peer.readOnly = !this.#guard.mayWrite(this.doc, peer);
		this.conns.set(peer.ws, peer);
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(enc, this.doc);
		peer.send(encoding.toUint8Array(enc));
	}

	/** Applies the guard's current answer to every connection, at once (open editing on or off). */
	refreshAccess() {
		if (!this.#guard) return;
		for (const peer of this.conns.values()) peer.readOnly = !this.#guard.mayWrite(this.doc, peer);
	}

	disconnect(ws: WebSocket) {
		this.conns.delete(ws);
	}

	/**
	 * Handles one message from a connection. Throws ProtocolError for anything malformed or refused;
	 * the caller closes that connection with its code and nothing else is affected.
	 */
	receive(ws: WebSocket, data: Uint8Array) {
		const peer = this.conns.get(ws);
		if (!peer) return;
		const dec = decoding.createDecoder(data);
		let type: number;
		try {
			type = decoding.readVarUint(dec);
		} catch {
			throw new ProtocolError('empty message');
		}
		switch (type) {
			case MESSAGE_SYNC: {
				let sub: number;
				try {
					sub = decoding.readVarUint(dec);
				} catch {
					throw new ProtocolError('truncated sync message');
				}
				// Malformed first, so a read-only connection cannot hide garbage as a "dropped update".
				if (sub > 2) throw new ProtocolError('unknown sync message');
				if (sub === SYNC_STEP_1) return this.#answerStep1(peer, dec);
				// Read-only connections may ask for the state (step 1) but never change it.
				if (peer.readOnly) {
					this.droppedFromReadOnly++;
					return;
				}
				return this.#clientUpdate(peer, dec);
			}
			case MESSAGE_AWARENESS:
			case MESSAGE_QUERY_AWARENESS:
			case MESSAGE_AUTH:
				// Presence travels over socket.io; Yjs awareness is not relayed, so it costs nothing.
				return;
			default:
				throw new ProtocolError(`unknown message type ${type}`);
		}
	}

	/**
	 * Answers a sync step 1 with what the connection lacks. The first answer is everything past the
	 * state vector it sent; after that the connection hears every change as it happens, so a repeat
	 * is answered only from the state of the last answer and cannot make the server resend it all.
	 */
	#answerStep1(peer: Peer, dec: decoding.Decoder) {
		let theirs: Map<number, number>;
		try {
			theirs = Y.decodeStateVector(decoding.readVarUint8Array(dec));
		} catch (e) {
			throw new ProtocolError(`bad sync message: ${(e as Error).message}`);
		}
		// Answered once what is on its way to storage has landed: nobody is shown a change that a
		// crash could still take back.
		void this.#persisting.then(() => {
			if (!this.#broken && this.conns.get(peer.ws) === peer) this.#sendState(peer, theirs);
		});
	}

	#sendState(peer: Peer, theirs: Map<number, number>) {
		if (peer.answered) {
			for (const [client, clock] of peer.answered) {
				if ((theirs.get(client) ?? 0) < clock) theirs.set(client, clock);
			}
		}
		const update =
			theirs.size === 0
				? this.encoded()
				: Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(theirs));
		peer.answered = Y.decodeStateVector(Y.encodeStateVector(this.doc));
		const reply = encoding.createEncoder();
		encoding.writeVarUint(reply, MESSAGE_SYNC);
		encoding.writeVarUint(reply, SYNC_STEP_2);
		encoding.writeVarUint8Array(reply, update);
		peer.send(encoding.toUint8Array(reply), 'reply');
	}

	/** A sync step 2 or update from a connection that may write. */
	#clientUpdate(peer: Peer, dec: decoding.Decoder) {
		let update: Uint8Array;
		try {
			update = decoding.readVarUint8Array(dec);
		} catch {
			throw new ProtocolError('truncated sync message');
		}
		const shadow = this.#shadowDoc();
		let problem: string | null = null;
		let code = CLOSE_NOT_ALLOWED;
		try {
			Y.applyUpdate(shadow, update);
		} catch {
			problem = 'malformed update';
			code = CLOSE_INVALID;
		}
		if (!problem && hasPending(shadow)) {
			this.refusedIncomplete++;
			problem = 'it builds on changes the server does not have';
			code = this.#resyncAllowed(peer.ticket) ? CLOSE_RESYNC : CLOSE_NOT_ALLOWED;
		}
		if (!problem) {
			try {
				problem = this.#guard?.check(this.doc, shadow, peer) ?? null;
			} catch (e) {
				this.#dropShadow();
				throw e;
			}
			if (problem) this.refusedByGuard++;
		}
		if (problem) {
			// The shadow may now hold part of what was refused: start it again from the document.
			this.#dropShadow();
			throw new ProtocolError(`update refused: ${problem}`, code);
		}
		this.#applyingChecked = true;
		try {
			Y.applyUpdate(this.doc, update, peer.ws);
		} catch (e) {
			this.#dropShadow();
			throw new ProtocolError(`bad sync message: ${(e as Error).message}`);
		} finally {
			this.#applyingChecked = false;
		}
		// The shadow copy already proved this cannot happen; checked again because pending data in
		// the real document would be stored with it and apply unchecked later.
		if (hasPending(this.doc)) {
			dropPending(this.doc);
			this.#log.error('yjs.pending-removed', { doc: this.name });
		}
	}

	#shadowDoc(): Y.Doc {
		if (!this.#shadow) {
			this.#shadow = new Y.Doc({ gc: true });
			Y.applyUpdate(this.#shadow, this.encoded());
		}
		return this.#shadow;
	}

	#dropShadow() {
		this.#shadow?.destroy();
		this.#shadow = null;
	}

	/** One retry per ticket per allowance window; a second incomplete update in it is final. */
	#resyncAllowed(ticket: string): boolean {
		const now = this.#now();
		for (const [t, at] of this.#resyncs)
			if (now - at > RESYNC_ALLOWANCE_MS) this.#resyncs.delete(t);
		const allowed = !this.#resyncs.has(ticket);
		this.#resyncs.set(ticket, now);
		return allowed;
	}
}
