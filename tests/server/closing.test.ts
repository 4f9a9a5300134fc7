/**
 * Closing and deleting through real sockets: after "Close workshop" every command is refused with
 * `workshop-closed` and changes nothing (the record can still be downloaded); "Delete workshop
 * now" tells everyone connected, closes their document connections, and leaves no row, document
 * or text of the workshop in storage or in the raw database files. Participants can do neither.
 * A closed workshop takes no new joins and no direct document edits, on any kind of document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, itemsOf } from '../../src/lib/features/agenda/model.ts';
import { COMMANDS, DOC_KINDS } from '../../src/lib/features/index.ts';
import type { AnySchema } from '../../src/lib/shared/command.ts';
import type { Result } from '../../src/lib/shared/result.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import type { CommandEntry } from '../../server/socket/connection.ts';
import {
	closeYjs,
	connect,
	failure,
	joinAs,
	nextEvent,
	openWorkshop,
	rawRequest,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { startTestServer, useTestServer } from '../helpers/server.ts';

const server = useTestServer();

function dumpStorage(): string[] {
	const db = new DatabaseSync(path.join(server.dataDir, 'roundtable.db'), { readOnly: true });
	try {
		const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
			name: string;
		}[];
		return tables.flatMap(({ name }) =>
			db
				.prepare(`select * from "${name}"`)
				.all()
				.map((row) =>
					JSON.stringify(row, (_k, v) =>
						v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v
					)
				)
		);
	} finally {
		db.close();
	}
}

/** Every byte of every file in the data directory (database, WAL, shared memory). */
function rawFiles(): string {
	return readdirSync(server.dataDir)
		.map((f) => readFileSync(path.join(server.dataDir, f)).toString('latin1'))
		.join('\n');
}

describe('closing a workshop', () => {
	it('makes it read-only for everyone; participants cannot close or delete it', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url);
		const p = await joinAs(server.url, created.code, 'Rhys');
		for (const name of ['closing:close', 'closing:delete'] as const) {
			expect(failure(await request(p.socket, name, {}))?.code).toBe('not-allowed');
		}
		unwrap(await request(facilitator, 'decisions:new', { proposal: 'Before closing' }));
		const watch = yjsClient(server.url, docName(opened.workshopId, 'closing'), p.welcome.yjsTicket);
		await watch.synced;
		unwrap(await request(facilitator, 'closing:close', {}));
		await waitFor(() => watch.doc.getMap('closing').get('view'));
		expect(watch.doc.getMap('closing').get('view')).toEqual({ closedAt: expect.any(Number) });

		const attempts: Promise<Result<unknown>>[] = [
			request(facilitator, 'decisions:new', { proposal: 'After closing' }),
			request(facilitator, 'decisions:scope', { fixed: 'x', open: 'y' }),
			request(facilitator, 'agenda:add', { title: 'Late item', timeboxMinutes: 5 }),
			request(facilitator, 'closing:close', {}),
			request(p.socket, 'queue:raise', { kind: 'new' }),
			request(p.socket, 'actions:take', { what: 'Late action', due: null }),
			request(p.socket, 'closeout:naming', { naming: 'initials' })
		];
		for (const reply of await Promise.all(attempts)) {
			expect(failure(reply)?.code).toBe('workshop-closed');
		}
		const files = unwrap(await request(facilitator, 'record:download', {}));
		expect(files.json).toContain('Before closing');
		expect(files.json).not.toContain('After closing');
		expect(files.json).not.toContain('Late item');
	});
});

describe('deleting a workshop now', () => {
	it('tells everyone, and leaves no row, document or text of it anywhere', async () => {
		const marker = 'Zanzibar-marker-quoll';
		const { facilitator, created, opened } = await openWorkshop(server.url, `${marker} title`);
		const wid = opened.workshopId;
		const p = await joinAs(server.url, created.code, `${marker} person`);
		unwrap(await request(facilitator, 'decisions:new', { proposal: `${marker} proposal` }));
		unwrap(await request(facilitator, 'decisions:scope', { fixed: `${marker} fixed`, open: '' }));
		unwrap(await request(p.socket, 'actions:take', { what: `${marker} action`, due: null }));
		unwrap(
			await request(facilitator, 'agenda:add', { title: `${marker} item`, timeboxMinutes: 5 })
		);
		// A second workshop that must survive.
		const other = await openWorkshop(server.url, 'Other workshop stays');
		unwrap(await request(other.facilitator, 'decisions:new', { proposal: 'Other proposal stays' }));

		const doc = yjsClient(server.url, docName(wid, 'decisions'), p.welcome.yjsTicket);
		await doc.synced;
		const closedYjs = new Promise<number>((resolve) =>
			doc.provider.ws?.addEventListener('close', (e) => resolve(e.code))
		);
		expect(rawFiles()).toContain(marker);

		const told = nextEvent(p.socket, 'closing:deleted');
		unwrap(await request(facilitator, 'closing:delete', {}));
		await told;
		expect(await closedYjs).toBe(4410);

		const storage = server.server.services.storage;
		expect(await storage.workshopById(wid)).toBeNull();
		expect(await storage.participants(wid)).toEqual([]);
		for (const feature of ['decisions', 'actions', 'closing', 'record', 'queue']) {
			expect(await storage.records(wid, feature)).toEqual([]);
		}
		expect(await storage.loadDocument(docName(wid, 'decisions'))).toEqual([]);
		for (const row of dumpStorage()) {
			expect(row).not.toContain(wid);
			expect(row).not.toContain(marker);
		}
		expect(rawFiles()).not.toContain(marker);
		expect(rawFiles()).toContain('Other proposal stays');
		expect(server.server.services.holds(wid)).toBe(false);
		// The deleted workshop's ticket no longer opens anything.
		const again = yjsClient(server.url, docName(wid, 'agenda'), opened.yjsTicket);
		const refused = await new Promise<boolean>((resolve) => {
			again.provider.on('connection-close', () => resolve(true));
			again.provider.on('sync', () => resolve(false));
		});
		expect(refused).toBe(true);
		for (const line of server.logs) expect(line).not.toContain(marker);
	});
});

describe('retention', () => {
	it('closes idle workshops and deletes closed ones after RETENTION_DAYS (default 30), by an injected clock', async () => {
		const DAY = 24 * 60 * 60 * 1000;
		let now = Date.UTC(2030, 0, 1);
		const timed = await startTestServer({ now: () => now });
		try {
			const a = await openWorkshop(timed.url, 'Closed early');
			const b = await openWorkshop(timed.url, 'Left open');
			const p = await joinAs(timed.url, b.created.code, 'Sian');
			unwrap(await request(a.facilitator, 'closing:close', {}));
			const closings = timed.server.services.features.closing;
			const storage = timed.server.services.storage;

			now += 6 * DAY;
			expect(await closings.sweep()).toEqual({ closed: [], deleted: [] });
			// Someone is still here after a week: not idle, not closed.
			now += 2 * DAY;
			expect(await closings.sweep()).toEqual({ closed: [], deleted: [] });
			p.socket.close();
			await waitFor(() => timed.server.services.presence.count(b.opened.workshopId) === 0);
			now += 7 * DAY;
			expect(await closings.sweep()).toEqual({ closed: [b.opened.workshopId], deleted: [] });
			expect(
				failure(await request(b.facilitator, 'decisions:new', { proposal: 'Too late' }))?.code
			).toBe('workshop-closed');

			now = Date.UTC(2030, 0, 1) + 30 * DAY - 1;
			expect((await closings.sweep()).deleted).toEqual([]);
			now += 1;
			expect(await closings.sweep()).toEqual({ closed: [], deleted: [a.opened.workshopId] });
			expect(await storage.workshopById(a.opened.workshopId)).toBeNull();
			expect(await storage.workshopById(b.opened.workshopId)).not.toBeNull();
		} finally {
			await timed.stop();
		}
	});
});

type SchemaNode = {
	type: string;
	kind?: string;
	entries?: Record<string, SchemaNode>;
	pipe?: SchemaNode[];
	wrapped?: SchemaNode;
	options?: unknown[];
	item?: SchemaNode;
	literal?: unknown;
};

/**
 * A payload the command's schema accepts, built from the schema itself (first candidate that
 * parses), so every command, including ones added later, reaches the closed-workshop check.
 */
function validPayload(schema: AnySchema, strings: string[]): unknown {
	const numbers = [1, 5, 20, 1000, 60_000];
	const first = (s: SchemaNode): unknown =>
		candidates(s).find((c) => v.safeParse(s as unknown as AnySchema, c).success);
	const candidates = (s: SchemaNode): unknown[] => {
		if (s.pipe) {
			const inner = s.pipe.filter((p) => p.kind === 'schema' && p !== s.pipe![0]);
			const base = { ...s.pipe[0], pipe: undefined };
			return [...inner.flatMap(candidates), ...candidates(base)];
		}
		switch (s.type) {
			case 'string':
				return strings;
			case 'number':
				return numbers;
			case 'boolean':
				return [true, false];
			case 'picklist':
				return s.options ?? [];
			case 'literal':
				return [s.literal];
			case 'null':
				return [null];
			case 'optional':
				return [...candidates(s.wrapped!), undefined];
			case 'nullable':
			case 'nullish':
				return [...candidates(s.wrapped!), null];
			case 'array':
				return [[], [first(s.item!)]];
			case 'union':
			case 'variant':
				return (s.options as SchemaNode[]).flatMap(candidates);
			case 'object':
			case 'strict_object':
			case 'loose_object':
				return [
					Object.fromEntries(
						Object.entries(s.entries ?? {})
							.map(([k, e]) => [k, first(e)])
							.filter(([, value]) => value !== undefined)
					)
				];
			case 'custom':
				return [{}];
			default:
				return [];
		}
	};
	return first(schema as unknown as SchemaNode);
}

/**
 * What a closed workshop still answers: reading the record and the results, one's own naming,
 * opening it again (to read it), looking it up, and deleting it; and starting another workshop.
 * Every other command is refused with `workshop-closed`.
 */
const STILL_ANSWERED = new Set([
	'workshop:create',
	'workshop:lookup',
	'participant:resume',
	'facilitator:open',
	'room:open',
	'closeout:results',
	'closeout:myNaming',
	'record:download',
	'closing:delete'
]);

describe('a closed workshop', () => {
	it('refuses every changing command in the registry, to facilitators and participants, and changes nothing', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url, 'Walked then closed');
		const person = await joinAs(server.url, created.code, 'Walker');
		unwrap(await request(facilitator, 'agenda:add', { title: 'Kept item', timeboxMinutes: 5 }));
		unwrap(await request(facilitator, 'closing:close', {}));

		// Fresh connections as needed, so the per-connection rate limit never answers instead.
		const fresh = (prepare: (s: TestSocket) => Promise<unknown>) => {
			let socket: TestSocket | null = null;
			let used = 0;
			return async () => {
				if (!socket || used >= 6) {
					socket = await connect(server.url);
					await prepare(socket);
					used = 0;
				}
				used++;
				return socket;
			};
		};
		const senders = {
			facilitator: fresh(async (s) =>
				unwrap(await request(s, 'facilitator:open', { facilitatorKey: created.facilitatorKey }))
			),
			participant: fresh(async (s) =>
				unwrap(
					await request(s, 'participant:resume', {
						code: created.code,
						participantId: person.welcome.participantId,
						participantKey: person.welcome.participantKey
					})
				)
			),
			anyone: fresh(async () => {})
		};
		await senders.facilitator();
		await senders.participant();
		await new Promise((r) => setTimeout(r, 100));
		const before = dumpStorage().sort();

		const strings = [
			created.code,
			person.welcome.participantId,
			'Abcdefghijklmnop1234',
			'Some words',
			'2030-01-01',
			'Abcdefghijklmnop1234.Abcdefghijklmnop1234'
		];
		const table: ReadonlyMap<string, CommandEntry> = server.server.services.commands;
		expect([...table.keys()].sort()).toEqual(Object.keys(COMMANDS).sort());
		let refused = 0;
		for (const [name, entry] of table) {
			const payload = validPayload(entry.schema, strings);
			expect(v.safeParse(entry.schema, payload).success, `${name}: a valid payload`).toBe(true);
			if (STILL_ANSWERED.has(name)) continue;
			const who =
				entry.who === 'member'
					? (['facilitator', 'participant'] as const)
					: entry.who === 'anyone'
						? (['anyone'] as const)
						: ([entry.who] as const);
			for (const sender of who) {
				const reply = (await rawRequest(await senders[sender](), name, payload)) as Result<unknown>;
				expect(failure(reply)?.code, `${name} from ${sender}`).toBe('workshop-closed');
				expect(failure(reply)?.message.length, name).toBeGreaterThan(0);
				refused++;
			}
		}
		// Joining is one of them: the join page says the workshop has closed.
		expect(
			failure(
				await request(await senders.anyone(), 'participant:join', {
					code: created.code,
					name: 'Late comer',
					role: 'carer'
				})
			)?.code
		).toBe('workshop-closed');
		// What still answers does so, to read.
		unwrap(await request(await senders.facilitator(), 'record:download', {}));
		unwrap(await request(await senders.facilitator(), 'closeout:results', {}));
		unwrap(await request(await senders.participant(), 'closeout:myNaming', {}));

		await request(await senders.anyone(), 'workshop:lookup', { code: created.code });
		await new Promise((r) => setTimeout(r, 100));
		expect(dumpStorage().sort()).toEqual(before);
		expect(await server.server.services.storage.participants(opened.workshopId)).toHaveLength(1);
		console.log(`closed workshop: ${refused} command sends refused with workshop-closed`);
		expect(refused).toBeGreaterThan(table.size - STILL_ANSWERED.size);
	});

	it('refuses direct document edits from stock y-websocket clients, on every kind of document', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url, 'Closed to edits');
		const wid = opened.workshopId;
		const p = await joinAs(server.url, created.code, 'Editor');
		unwrap(await request(facilitator, 'agenda:open-editing', { open: true }));
		const storage = server.server.services.storage;
		const rooms = server.server.services.rooms;
		// Connected before closing: the facilitator's agenda connection, and a participant's under
		// open editing. While open, their direct edits are taken (so the refusals below are the close's).
		const early = yjsClient(server.url, docName(wid, 'agenda'), opened.yjsTicket);
		const earlyP = yjsClient(server.url, docName(wid, 'agenda'), p.welcome.yjsTicket);
		await Promise.all([early.synced, earlyP.synced]);
		addItem(early.doc, { id: 'kept-item-1', title: 'Kept item', notes: '', timeboxMinutes: 5 });
		addItem(earlyP.doc, { id: 'kept-item-2', title: 'Kept too', notes: '', timeboxMinutes: 5 });
		await expect
			.poll(async () => {
				const items = itemsOf((await rooms.loaded(docName(wid, 'agenda')))!.doc);
				return items.has('kept-item-1') && items.has('kept-item-2');
			})
			.toBe(true);
		unwrap(await request(facilitator, 'closing:close', {}));

		const stored = async (kind: string) => {
			const doc = new Y.Doc();
			for (const u of await storage.loadDocument(docName(wid, kind))) Y.applyUpdate(doc, u);
			const state = Y.encodeStateVector(doc);
			doc.destroy();
			return Buffer.from(state).toString('hex');
		};
		let n = 0;
		// On the agenda an item as the page adds it (which its guard accepts while open); elsewhere a key.
		const edit = (doc: Y.Doc, kind: string) =>
			kind === 'agenda'
				? addItem(doc, {
						id: `late-item-${++n}`,
						title: 'Edited after closing',
						notes: '',
						timeboxMinutes: 5
					})
				: doc.getMap(kind).set('edited', 'after closing');

		const clients = [early, earlyP];
		const states = new Map<string, string>();
		for (const kind of DOC_KINDS) {
			states.set(kind, await stored(kind));
			for (const ticket of [opened.yjsTicket, p.welcome.yjsTicket]) {
				const c = yjsClient(server.url, docName(wid, kind), ticket);
				await c.synced;
				clients.push(c);
			}
		}
		/** Updates each document turned away: read-only drops and guard refusals. */
		const turnedAway = async () => {
			let n = 0;
			for (const kind of DOC_KINDS) {
				const room = await rooms.loaded(docName(wid, kind));
				n += (room?.droppedFromReadOnly ?? 0) + (room?.refusedByGuard ?? 0);
			}
			return n;
		};
		await new Promise((r) => setTimeout(r, 100));
		const baseline = await turnedAway();
		for (const [i, c] of clients.entries()) edit(c.doc, i < 2 ? 'agenda' : DOC_KINDS[(i - 2) >> 1]);
		// Every edit reached the server and was turned away (none is still on its way).
		await expect.poll(turnedAway).toBeGreaterThanOrEqual(baseline + clients.length);
		for (const kind of DOC_KINDS) {
			const room = await rooms.loaded(docName(wid, kind));
			// Neither the document in memory nor storage took anything since the close.
			expect(Buffer.from(Y.encodeStateVector(room!.doc)).toString('hex'), kind).toBe(
				states.get(kind)
			);
			expect(await stored(kind), kind).toBe(states.get(kind));
		}
		const agendaRoom = await rooms.loaded(docName(wid, 'agenda'));
		expect(agendaRoom!.droppedFromReadOnly + agendaRoom!.refusedByGuard).toBeGreaterThan(0);
		// A fresh reader sees the workshop as it was when it closed.
		const reader = yjsClient(server.url, docName(wid, 'agenda'), p.welcome.yjsTicket);
		await reader.synced;
		const shown = JSON.stringify(itemsOf(reader.doc).toJSON());
		expect(shown).toContain('Kept item');
		expect(shown).toContain('Kept too');
		expect(shown).not.toContain('after closing');
		for (const c of [...clients, reader]) closeYjs(c);
	});
});
