/**
 * Closing and deleting through real sockets: after "Close workshop" every command is refused with
 * `workshop-closed` and changes nothing (the record can still be downloaded); "Delete workshop
 * now" tells everyone connected, closes their document connections, and leaves no row, document
 * or text of the workshop in storage or in the raw database files. Participants can do neither.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/lib/shared/result.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	failure,
	joinAs,
	nextEvent,
	openWorkshop,
	request,
	unwrap,
	waitFor,
	yjsClient
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
