/**
 * One shared document and the connections that sync it. Updates are stored before they are sent,
 * and sends are coalesced per tick and framed once for all receivers.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import type { DocGuard, RoomConnection } from './guards.ts';
import {
	encodeUpdateMessage,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP_1
} from './protocol.ts';

/** Compact a document's stored log once it holds this many updates. */
export const COMPACT_AFTER = 500;

/** Origin of updates the server itself makes (commands), as opposed to a connection's. */
export const SERVER_ORIGIN = Symbol('server');

export class ProtocolError extends Error {}

export class DocRoom {
	readonly name: string;
	readonly doc = new Y.Doc({ gc: true });
	readonly conns = new Map<WebSocket, RoomConnection>();
	/** Updates dropped because they came from read-only connections; tests and logs read it. */
	droppedFromReadOnly = 0;
	/** Updates refused by the document's guard (schema or rights); tests and logs read it. */
	refusedByGuard = 0;
	#storage: Storage;
	#log: Logger;
	#pending: Uint8Array[] = [];
	#flushScheduled = false;
	#storedSinceCompact = 0;
	#persisting: Promise<unknown> = Promise.resolve();
	#guard: DocGuard | null;

	constructor(name: string, storage: Storage, log: Logger, guard: DocGuard | null) {
		this.name = name;
		this.#guard = guard;
		this.#storage = storage;
		this.#log = log;
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
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#onUpdate(update, origin));
	}

	#onUpdate(update: Uint8Array, origin: unknown) {
		if (origin === 'storage') return;
		// Store first: an update is "accepted" once it is durable (SQLite commits inside the call).
		this.#storedSinceCompact++;
		this.#persisting = this.#persisting
			.then(() => this.#storage.appendUpdate(this.name, update))
			.catch((e: Error) =>
				this.#log.error('yjs.persist-failed', { doc: this.name, reason: e.message })
			);
		if (this.#storedSinceCompact >= COMPACT_AFTER) void this.compact();
		this.#pending.push(update);
		if (!this.#flushScheduled) {
			this.#flushScheduled = true;
			setImmediate(() => this.#flush());
		}
	}

	#flush() {
		this.#flushScheduled = false;
		if (this.#pending.length === 0) return;
		const update = this.#pending.length === 1 ? this.#pending[0] : Y.mergeUpdates(this.#pending);
		this.#pending = [];
		const message = encodeUpdateMessage(update);
		for (const ws of this.conns.keys()) send(ws, message);
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
		const merged = Y.encodeStateAsUpdate(this.doc);
		this.#persisting = this.#storage
			.compact(this.name, merged)
			.then(() => (this.#storedSinceCompact = 0))
			.catch((e: Error) =>
				this.#log.error('yjs.compact-failed', { doc: this.name, reason: e.message })
			);
		await this.#persisting;
	}

	connect(ws: WebSocket, conn: RoomConnection) {
		if (this.#guard) conn.readOnly = !this.#guard.mayWrite(this.doc, conn);
		this.conns.set(ws, conn);
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(enc, this.doc);
		send(ws, encoding.toUint8Array(enc));
	}

	/** Applies the guard's current answer to every connection, at once (open editing on or off). */
	refreshAccess() {
		if (!this.#guard) return;
		for (const conn of this.conns.values()) conn.readOnly = !this.#guard.mayWrite(this.doc, conn);
	}

	disconnect(ws: WebSocket) {
		this.conns.delete(ws);
	}

	/**
	 * Handles one message from a connection. Throws ProtocolError for anything malformed; the caller
	 * closes that connection and nothing else is affected.
	 */
	receive(ws: WebSocket, data: Uint8Array) {
		const conn = this.conns.get(ws);
		if (!conn) return;
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
					sub = decoding.peekVarUint(dec);
				} catch {
					throw new ProtocolError('truncated sync message');
				}
				// Malformed first, so a read-only connection cannot hide garbage as a "dropped update".
				if (sub > 2) throw new ProtocolError('unknown sync message');
				// Read-only connections may ask for the state (step 1) but never change it.
				if (conn.readOnly && sub !== SYNC_STEP_1) {
					this.droppedFromReadOnly++;
					return;
				}
				if (this.#guard && sub !== SYNC_STEP_1) return this.#guardedUpdate(ws, conn, dec);
				const reply = encoding.createEncoder();
				encoding.writeVarUint(reply, MESSAGE_SYNC);
				try {
					syncProtocol.readSyncMessage(dec, reply, this.doc, ws);
				} catch (e) {
					throw new ProtocolError(`bad sync message: ${(e as Error).message}`);
				}
				if (encoding.length(reply) > 1) send(ws, encoding.toUint8Array(reply));
				return;
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
	 * A guarded document checks each update on a scratch copy first; an update that would break its
	 * schema or its holder's rights never touches the real document or storage.
	 */
	#guardedUpdate(ws: WebSocket, conn: RoomConnection, dec: decoding.Decoder) {
		let update: Uint8Array;
		try {
			decoding.readVarUint(dec);
			update = decoding.readVarUint8Array(dec);
		} catch {
			throw new ProtocolError('truncated sync message');
		}
		const problem = this.#guard!.check(this.doc, update, conn);
		if (problem) {
			this.refusedByGuard++;
			throw new ProtocolError(`update refused: ${problem}`);
		}
		try {
			Y.applyUpdate(this.doc, update, ws);
		} catch (e) {
			throw new ProtocolError(`bad sync message: ${(e as Error).message}`);
		}
	}
}

export function send(ws: WebSocket, message: Uint8Array) {
	if (ws.readyState !== ws.OPEN) return;
	ws.send(message, (err) => {
		if (err) ws.terminate();
	});
}
