/**
 * The page's one websocket for all of a workshop's shared documents (the frames are in
 * `$lib/shared/yjs-mux`), speaking the y-websocket sync protocol per document just as a stock
 * provider would: sync step 1 on (re)connecting, so the server answers with only what this copy
 * lacks by its state vector, and every local change sent as an update. A document the server
 * closes with a code 4400-4499 stays closed (the server decided); any other code opens it again
 * after a growing delay, as the stock client reconnects.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import {
	MUX_LEAVE_MESSAGE,
	muxFrame,
	muxParse,
	muxPrefix,
	muxReadClose,
	YJS_MUX_PATH
} from '../shared/yjs-mux.ts';

const MESSAGE_SYNC = 0;
const MAX_BACKOFF_MS = 2500;
/** As the stock client: a connection that hears nothing this long (not even keepalives) is dead. */
const SILENCE_MS = 30_000;

const isFinal = (code: number) => code >= 4400 && code < 4500;
const backoff = (attempt: number) => Math.min(2 ** attempt * 100, MAX_BACKOFF_MS);

/** One document on the link. `on('sync')` and `disconnect()` are those of a stock provider. */
export class LinkedDoc {
	readonly name: string;
	readonly doc: Y.Doc;
	synced = false;
	/** Closed for good by the server (a final code), or left by the page. */
	stopped = false;
	/** The code the server last closed this document with, if it did. */
	closeCode: number | null = null;
	readonly prefix: Uint8Array;
	attempts = 0;
	retry: ReturnType<typeof setTimeout> | null = null;
	// Listeners, not state anything renders.
	#onSync = new Set<(synced: boolean) => void>();
	#link: YjsLink;

	constructor(link: YjsLink, name: string, doc: Y.Doc) {
		this.#link = link;
		this.name = name;
		this.doc = doc;
		this.prefix = muxPrefix(name);
	}

	on(event: 'sync', fn: (synced: boolean) => void) {
		if (event === 'sync') this.#onSync.add(fn);
	}

	off(event: 'sync', fn: (synced: boolean) => void) {
		if (event === 'sync') this.#onSync.delete(fn);
	}

	/** Keeps the listeners of the copy this one replaces (a new ticket means a new link). */
	inheritListeners(from: LinkedDoc) {
		for (const fn of from.#onSync) this.#onSync.add(fn);
	}

	setSynced(synced: boolean) {
		if (this.synced === synced) return;
		this.synced = synced;
		for (const fn of this.#onSync) fn(synced);
	}

	/** Stops syncing this document (the page no longer shows it). */
	disconnect() {
		this.#link.remove(this);
	}
}

/** The multiplexed endpoint's URL for a ticket; `origin` is e.g. `wss://host`. */
export function linkUrl(origin: string, ticket: string): string {
	return `${origin}${YJS_MUX_PATH}?t=${encodeURIComponent(ticket)}`;
}

/** One multiplexed websocket, opened while it carries at least one document. */
export class YjsLink {
	readonly url: string;
	#docs = new Map<string, LinkedDoc>();
	#ws: WebSocket | null = null;
	#attempts = 0;
	#reconnect: ReturnType<typeof setTimeout> | null = null;
	#watch: ReturnType<typeof setInterval> | null = null;
	#heard = 0;
	#stopped = false;
	#onEmpty: () => void;
	#updates = new Map<string, (update: Uint8Array, origin: unknown) => void>();

	/** `origin`: e.g. `wss://host`; `onEmpty` runs when the last document has left. */
	constructor(origin: string, ticket: string, onEmpty: () => void = () => {}) {
		this.url = linkUrl(origin, ticket);
		this.#onEmpty = onEmpty;
	}

	get docCount(): number {
		return this.#docs.size;
	}

	add(name: string, doc: Y.Doc): LinkedDoc {
		const linked = new LinkedDoc(this, name, doc);
		this.#docs.set(name, linked);
		const onUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === this || linked.stopped) return;
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, MESSAGE_SYNC);
			syncProtocol.writeUpdate(enc, update);
			this.#send(linked, encoding.toUint8Array(enc));
		};
		this.#updates.set(name, onUpdate);
		doc.on('update', onUpdate);
		if (this.#ws?.readyState === WebSocket.OPEN) this.#sendStep1(linked);
		else this.#open();
		return linked;
	}

	remove(linked: LinkedDoc) {
		if (this.#docs.get(linked.name) !== linked) return;
		this.#docs.delete(linked.name);
		linked.stopped = true;
		if (linked.retry) clearTimeout(linked.retry);
		linked.setSynced(false);
		const onUpdate = this.#updates.get(linked.name);
		if (onUpdate) linked.doc.off('update', onUpdate);
		this.#updates.delete(linked.name);
		if (this.#ws?.readyState === WebSocket.OPEN)
			this.#ws.send(muxFrame(linked.prefix, MUX_LEAVE_MESSAGE));
		if (this.#docs.size === 0) {
			this.close();
			this.#onEmpty();
		}
	}

	close() {
		this.#stopped = true;
		if (this.#reconnect) clearTimeout(this.#reconnect);
		if (this.#watch) clearInterval(this.#watch);
		this.#ws?.close();
		this.#ws = null;
	}

	#send(linked: LinkedDoc, message: Uint8Array) {
		if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(muxFrame(linked.prefix, message));
	}

	#sendStep1(linked: LinkedDoc) {
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(enc, linked.doc);
		this.#send(linked, encoding.toUint8Array(enc));
	}

	#open() {
		if (this.#ws || this.#stopped) return;
		const ws = new WebSocket(this.url);
		ws.binaryType = 'arraybuffer';
		this.#ws = ws;
		ws.onopen = () => {
			this.#attempts = 0;
			this.#heard = Date.now();
			this.#watch = setInterval(() => {
				if (Date.now() - this.#heard > SILENCE_MS) ws.close();
			}, SILENCE_MS / 10);
			for (const linked of this.#docs.values()) if (!linked.stopped) this.#sendStep1(linked);
		};
		ws.onmessage = (event: MessageEvent) => {
			this.#heard = Date.now();
			if (!(event.data instanceof ArrayBuffer)) return;
			const frame = muxParse(new Uint8Array(event.data));
			const linked = frame && this.#docs.get(frame.name);
			if (linked && !linked.stopped) this.#receive(linked, frame.message);
		};
		ws.onclose = (event: CloseEvent) => {
			if (this.#watch) clearInterval(this.#watch);
			this.#watch = null;
			if (this.#ws === ws) this.#ws = null;
			for (const linked of this.#docs.values()) linked.setSynced(false);
			if (this.#stopped || isFinal(event.code)) return;
			this.#reconnect = setTimeout(() => this.#open(), backoff(this.#attempts++));
		};
	}

	#receive(linked: LinkedDoc, message: Uint8Array) {
		const closed = muxReadClose(message);
		if (closed) {
			linked.closeCode = closed.code;
			linked.setSynced(false);
			if (isFinal(closed.code)) {
				linked.stopped = true;
				return;
			}
			// "Try again": open this document again later with a fresh sync step 1.
			linked.retry = setTimeout(() => {
				linked.retry = null;
				if (!linked.stopped) this.#sendStep1(linked);
			}, backoff(linked.attempts++));
			return;
		}
		const dec = decoding.createDecoder(message);
		if (decoding.readVarUint(dec) !== MESSAGE_SYNC) return; // keepalives; awareness is not used
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		let kind: number;
		try {
			kind = syncProtocol.readSyncMessage(dec, enc, linked.doc, this);
		} catch {
			return; // not from our server; nothing of it applied
		}
		if (kind === syncProtocol.messageYjsSyncStep2) {
			linked.attempts = 0;
			linked.setSynced(true);
		}
		if (encoding.length(enc) > 1) this.#send(linked, encoding.toUint8Array(enc));
	}
}
