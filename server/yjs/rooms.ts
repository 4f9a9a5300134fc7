/**
 * All shared documents in memory, loaded on first use and dropped a while after the last
 * connection leaves. The server writes to documents only through `change`.
 */
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { DEFAULT_YJS_LIMITS, type YjsLimits } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import type { TicketHolder } from '../tickets.ts';
import type { GuardLookup } from './guards.ts';
import { Peer } from './peer.ts';
import {
	CLOSE_GOING_AWAY,
	CLOSE_INTERNAL,
	CLOSE_NOT_ALLOWED,
	CLOSE_SLOW_DOWN,
	CLOSE_UNSUPPORTED,
	KEEPALIVE_MESSAGE
} from './protocol.ts';
import { DocRoom, ProtocolError } from './room.ts';

export const IDLE_UNLOAD_MS = 30_000;
export const KEEPALIVE_MS = 15_000;

/** Who is connecting, as the endpoint established it from the ticket. */
export interface PeerAccess {
	readOnly: boolean;
	holder: TicketHolder;
	/** The ticket itself: repeated refusals on one ticket are treated differently. Never logged. */
	ticket: string;
}

export class DocRooms {
	#rooms = new Map<string, Promise<DocRoom>>();
	/** Rooms being written out as they unload; a new load of the same name waits for it. */
	#unloading = new Map<string, Promise<void>>();
	#idleTimers = new Map<string, NodeJS.Timeout>();
	#storage: Storage;
	#log: Logger;
	#guardFor: GuardLookup;
	#limits: YjsLimits;
	#keepalive: NodeJS.Timeout;

	/**
	 * `guardFor(kind)` gives the rules for a document kind that clients may edit directly; the core
	 * itself knows no document kind.
	 */
	constructor(
		storage: Storage,
		log: Logger,
		guardFor: GuardLookup,
		limits: YjsLimits = DEFAULT_YJS_LIMITS
	) {
		this.#storage = storage;
		this.#log = log;
		this.#guardFor = guardFor;
		this.#limits = limits;
		this.#keepalive = setInterval(() => this.#sendKeepalive(), KEEPALIVE_MS);
		this.#keepalive.unref();
	}

	room(name: string): Promise<DocRoom> {
		let room = this.#rooms.get(name);
		if (!room) {
			const created = new DocRoom(
				name,
				this.#storage,
				this.#log,
				this.#guardFor,
				Date.now,
				(broken) => this.#giveUp(name, broken)
			);
			// Loading while the last copy is still being compacted would read a log that compaction is
			// about to replace, and lose what the new copy writes in between.
			const unloading = this.#unloading.get(name) ?? Promise.resolve();
			room = unloading.then(() => created.load()).then(() => created);
			// A failed load must not poison the name for ever.
			room.catch(() => this.#rooms.delete(name));
			this.#rooms.set(name, room);
			this.#scheduleUnload(name);
		}
		return room;
	}

	/** Applies a server-made change in one transaction; it is stored and broadcast like any update. */
	async change(name: string, fn: (doc: Y.Doc) => void) {
		const room = await this.room(name);
		this.#scheduleUnload(name);
		// Resolves once the change is stored and applied: callers reply only after that.
		await room.change(fn);
	}

	/** Attaches a websocket to a document; messages that arrive while it loads are kept in order. */
	connect(ws: WebSocket, name: string, access: PeerAccess) {
		const peer = new Peer(ws, { doc: name, ...access, limits: this.#limits, log: this.#log });
		const early: Uint8Array[] = [];
		let earlyBytes = 0;
		let room: DocRoom | null = null;
		const handle = (data: Uint8Array) => {
			try {
				room!.receive(ws, data);
			} catch (e) {
				if (e instanceof ProtocolError) return peer.close(e.code, e.message);
				this.#log.error('yjs.internal-error', { doc: name, reason: (e as Error).message });
				peer.close(CLOSE_INTERNAL, 'internal error');
			}
		};
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			if (!peer.admit()) return;
			if (!isBinary)
				return peer.close(CLOSE_UNSUPPORTED, 'text frames are not part of the protocol');
			const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			if (room) return handle(bytes);
			earlyBytes += bytes.length;
			// A document loads in milliseconds; a client that fills this much before is flooding.
			if (earlyBytes > this.#limits.maxBufferedBytes)
				return peer.close(CLOSE_SLOW_DOWN, 'slow down: too much sent before the document opened');
			early.push(bytes);
		});
		ws.on('error', (e: Error) => {
			// ws reports over-size frames here (maxPayload) and closes with 1009 itself.
			this.#log.warn('yjs.connection-error', { doc: name, reason: e.message });
		});
		ws.on('close', () => {
			room?.disconnect(ws);
			this.#scheduleUnload(name);
		});
		this.room(name)
			.then(async (loaded) => {
				await loaded.prepare();
				return loaded;
			})
			.then(
				(loaded) => {
					if (peer.closing) return;
					room = loaded;
					const timer = this.#idleTimers.get(name);
					if (timer) clearTimeout(timer);
					loaded.connect(peer);
					for (const data of early.splice(0)) {
						if (peer.closing) break;
						handle(data);
					}
				},
				(e: Error) => {
					this.#log.error('yjs.load-failed', { doc: name, reason: e.message });
					ws.close(CLOSE_INTERNAL, 'could not load document');
				}
			);
	}

	#scheduleUnload(name: string) {
		const old = this.#idleTimers.get(name);
		if (old) clearTimeout(old);
		const timer = setTimeout(() => void this.#unloadIfIdle(name), IDLE_UNLOAD_MS);
		timer.unref();
		this.#idleTimers.set(name, timer);
	}

	async #unloadIfIdle(name: string) {
		const pending = this.#rooms.get(name);
		if (!pending) return;
		const room = await pending;
		// Someone connected meanwhile, or another unload already took it.
		if (room.conns.size > 0 || this.#rooms.get(name) !== pending) return;
		this.#rooms.delete(name);
		clearTimeout(this.#idleTimers.get(name));
		this.#idleTimers.delete(name);
		const done: Promise<void> = room
			.compact()
			.finally(() => room.doc.destroy())
			.finally(() => {
				if (this.#unloading.get(name) === done) this.#unloading.delete(name);
			});
		this.#unloading.set(name, done);
		await done;
	}

	/**
	 * Storage refused a change of this room: its copy may hold what storage does not. Forget it (the
	 * next use loads what storage holds) and close its connections with a code that says "retry";
	 * the stock client reconnects, syncs, and sends its own edits again.
	 */
	#giveUp(name: string, broken: DocRoom) {
		void this.#rooms.get(name)?.then((current) => {
			if (current !== broken) return;
			this.#rooms.delete(name);
			clearTimeout(this.#idleTimers.get(name));
			this.#idleTimers.delete(name);
			for (const peer of broken.conns.values()) {
				peer.close(CLOSE_SLOW_DOWN, 'could not store a change; please reconnect');
			}
			broken.doc.destroy();
		});
	}

	/** Unloads every idle document of a workshop now (the workshop is being evicted from memory). */
	async unloadWorkshop(workshopId: string) {
		const prefix = `${workshopId}.`;
		await Promise.all(
			[...this.#rooms.keys()].filter((n) => n.startsWith(prefix)).map((n) => this.#unloadIfIdle(n))
		);
	}

	/**
	 * For a workshop being deleted: closes every connection to its documents and drops them from
	 * memory without writing anything back (what they hold is about to be deleted from storage).
	 * Also for a workshop another node took over: then the close says "going away", and clients
	 * reconnect and sync by state vector with whichever node serves it now.
	 */
	async dropWorkshop(workshopId: string, close = { code: 4410, reason: 'workshop deleted' }) {
		const prefix = `${workshopId}.`;
		const names = [...this.#rooms.keys()].filter((n) => n.startsWith(prefix));
		await Promise.all([...names.map((n) => this.#unloading.get(n)).filter((p) => p !== undefined)]);
		for (const name of names) {
			const pending = this.#rooms.get(name);
			this.#rooms.delete(name);
			clearTimeout(this.#idleTimers.get(name));
			this.#idleTimers.delete(name);
			const room = await pending?.catch(() => null);
			if (!room) continue;
			await room.flushed().catch(() => undefined);
			for (const ws of room.conns.keys()) ws.close(close.code, close.reason);
			room.doc.destroy();
		}
	}

	/**
	 * Closes, for good, every connection to a workshop's documents that came with one of `tickets`
	 * (a person removed by a facilitator loses what they were reading).
	 */
	async closeTickets(workshopId: string, tickets: readonly string[], reason: string) {
		if (tickets.length === 0) return;
		const wanted = new Set(tickets);
		const prefix = `${workshopId}.`;
		for (const [name, pending] of this.#rooms) {
			if (!name.startsWith(prefix)) continue;
			const room = await pending.catch(() => null);
			for (const peer of room?.conns.values() ?? []) {
				if (wanted.has(peer.ticket)) peer.close(CLOSE_NOT_ALLOWED, reason);
			}
		}
	}

	/** Names of the documents held in memory (tests and shutdown read it). */
	loadedNames(): string[] {
		return [...this.#rooms.keys()];
	}

	#sendKeepalive() {
		for (const pending of this.#rooms.values()) {
			void pending.then((room) => {
				for (const peer of room.conns.values()) peer.send(KEEPALIVE_MESSAGE);
			});
		}
	}

	/** Re-decides who may write to a loaded document (after open editing is turned on or off). */
	async refreshAccess(name: string) {
		(await this.loaded(name))?.refreshAccess();
	}

	/** Loaded room by name, if any (tests and shutdown use it). */
	async loaded(name: string): Promise<DocRoom | null> {
		return (await this.#rooms.get(name)) ?? null;
	}

	/** Stores everything, closes every connection and forgets all rooms. */
	async close() {
		clearInterval(this.#keepalive);
		for (const t of this.#idleTimers.values()) clearTimeout(t);
		this.#idleTimers.clear();
		const rooms = await Promise.allSettled(this.#rooms.values());
		this.#rooms.clear();
		await Promise.allSettled(this.#unloading.values());
		for (const r of rooms) {
			if (r.status !== 'fulfilled') continue;
			for (const ws of r.value.conns.keys()) ws.close(CLOSE_GOING_AWAY, 'server shutting down');
			await r.value.compact();
			r.value.doc.destroy();
		}
	}
}
