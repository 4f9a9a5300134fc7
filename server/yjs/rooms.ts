/**
 * All shared documents in memory, loaded on first use and dropped a while after the last
 * connection leaves. The server writes to documents only through `change`.
 */
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/types.ts';
import type { TicketHolder } from '../tickets.ts';
import type { DocGuard } from './guards.ts';
import { KEEPALIVE_MESSAGE } from './protocol.ts';
import { DocRoom, ProtocolError, send, SERVER_ORIGIN } from './room.ts';

export const IDLE_UNLOAD_MS = 30_000;
export const KEEPALIVE_MS = 15_000;

export class DocRooms {
	#rooms = new Map<string, Promise<DocRoom>>();
	/** Rooms being written out as they unload; a new load of the same name waits for it. */
	#unloading = new Map<string, Promise<void>>();
	#idleTimers = new Map<string, NodeJS.Timeout>();
	#storage: Storage;
	#log: Logger;
	#keepalive: NodeJS.Timeout;
	#guardFor: (kind: string) => DocGuard | null;

	constructor(storage: Storage, log: Logger, guardFor: (kind: string) => DocGuard | null) {
		this.#storage = storage;
		this.#log = log;
		this.#guardFor = guardFor;
		this.#keepalive = setInterval(() => this.#sendKeepalive(), KEEPALIVE_MS);
		this.#keepalive.unref();
	}

	room(name: string): Promise<DocRoom> {
		let room = this.#rooms.get(name);
		if (!room) {
			const kind = name.slice(name.lastIndexOf('.') + 1);
			const created = new DocRoom(name, this.#storage, this.#log, this.#guardFor(kind));
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
		room.doc.transact(() => fn(room.doc), SERVER_ORIGIN);
		this.#scheduleUnload(name);
		// Callers reply only once the change is durable.
		await room.flushed();
	}

	/** Attaches a websocket to a document; messages that arrive while it loads are kept in order. */
	connect(ws: WebSocket, name: string, readOnly: boolean, holder: TicketHolder = 'participant') {
		const early: Uint8Array[] = [];
		let room: DocRoom | null = null;
		const closeFor = (reason: string, code: number) => {
			this.#log.warn('yjs.connection-closed', { doc: name, reason });
			ws.close(code, reason.slice(0, 100));
		};
		const handle = (data: Uint8Array) => {
			try {
				room!.receive(ws, data);
			} catch (e) {
				if (e instanceof ProtocolError) closeFor(e.message, 1007);
				else closeFor('internal error', 1011);
			}
		};
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			if (!isBinary) return closeFor('text frames are not part of the protocol', 1003);
			const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			if (room) handle(bytes);
			else early.push(bytes);
		});
		ws.on('error', (e: Error) => {
			// ws reports over-size frames here (maxPayload) and closes with 1009 itself.
			this.#log.warn('yjs.connection-error', { doc: name, reason: e.message });
		});
		ws.on('close', () => {
			room?.disconnect(ws);
			this.#scheduleUnload(name);
		});
		this.room(name).then(
			(loaded) => {
				if (ws.readyState !== ws.OPEN) return;
				room = loaded;
				const timer = this.#idleTimers.get(name);
				if (timer) clearTimeout(timer);
				loaded.connect(ws, { readOnly, ticketWritable: !readOnly, holder });
				for (const data of early.splice(0)) handle(data);
			},
			(e: Error) => {
				this.#log.error('yjs.load-failed', { doc: name, reason: e.message });
				ws.close(1011, 'could not load document');
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
	 */
	async dropWorkshop(workshopId: string) {
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
			for (const ws of room.conns.keys()) ws.close(4410, 'workshop deleted');
			room.doc.destroy();
		}
	}

	/** Names of the documents held in memory (tests and shutdown read it). */
	loadedNames(): string[] {
		return [...this.#rooms.keys()];
	}

	#sendKeepalive() {
		for (const pending of this.#rooms.values()) {
			void pending.then((room) => {
				for (const ws of room.conns.keys()) send(ws, KEEPALIVE_MESSAGE);
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
			for (const ws of r.value.conns.keys()) ws.close(1001, 'server shutting down');
			await r.value.compact();
			r.value.doc.destroy();
		}
	}
}
