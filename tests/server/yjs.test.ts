/**
 * The Yjs endpoint, driven by the stock y-websocket client and by raw `ws` sockets: tickets,
 * read-only connections, and hostile frames.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	closed,
	closeYjs,
	joinAs,
	openWorkshop,
	rawYjs,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import {
	removeDir,
	spawnServer,
	startTestServer,
	tempDataDir,
	type TestServer
} from '../helpers/server.ts';

let server: TestServer;
interface Fixture {
	facilitator: TestSocket;
	workshopId: string;
	meta: string;
	facTicket: string;
	participantTicket: string;
}
let a: Fixture;
let b: Fixture;

async function fixture(title: string): Promise<Fixture> {
	const { facilitator, created, opened } = await openWorkshop(server.url, title);
	const p = await joinAs(server.url, created.code, 'Reader');
	return {
		facilitator,
		workshopId: opened.workshopId,
		meta: docName(opened.workshopId, 'meta'),
		facTicket: opened.yjsTicket,
		participantTicket: p.welcome.yjsTicket
	};
}

beforeAll(async () => {
	server = await startTestServer();
	a = await fixture('Workshop A');
	b = await fixture('Workshop B');
});
afterAll(async () => {
	closeClients();
	await server.stop();
});

async function room(name: string) {
	const r = await server.server.services.rooms.loaded(name);
	if (!r) throw new Error(`room ${name} is not loaded`);
	return r;
}

const titleOf = (doc: Y.Doc) => doc.getMap('meta').get('title');

/** Renames a workshop and waits until the given clients all show the new title. */
async function renameAndSee(f: Fixture, title: string, docs: Y.Doc[]) {
	unwrap(await request(f.facilitator, 'workshop:rename', { title }));
	await waitFor(() => docs.every((d) => titleOf(d) === title));
}

describe('read-only connections', () => {
	it("drops a participant's local edit: it reaches neither the server's document, nor storage, nor another client", async () => {
		const r = await room(a.meta);
		const base = r.droppedFromReadOnly;

		const other = yjsClient(server.url, a.meta, a.facTicket);
		await other.synced;
		// Every y-websocket client answers the server's sync step 1 with a step 2; read-only drops it.
		await waitFor(() => r.droppedFromReadOnly >= base + 1);
		const otherSaw: unknown[] = [];
		other.doc.getMap('meta').observe((e) => {
			for (const key of e.keysChanged) otherSaw.push([key, other.doc.getMap('meta').get(key)]);
		});

		const reader = yjsClient(server.url, a.meta, a.participantTicket);
		await reader.synced;
		await waitFor(() => r.droppedFromReadOnly >= base + 2);
		expect(titleOf(reader.doc)).toBe('Workshop A');

		reader.doc.transact(() => {
			reader.doc.getMap('meta').set('title', 'Hacked by a participant');
			reader.doc.getMap('meta').set('planted', 'xyzzy-planted');
		});
		await waitFor(() => r.droppedFromReadOnly >= base + 3);

		expect(titleOf(r.doc)).toBe('Workshop A');
		expect(r.doc.getMap('meta').has('planted')).toBe(false);

		await r.flushed();
		const stored = await server.server.services.storage.loadDocument(a.meta);
		const fromStorage = new Y.Doc();
		for (const u of stored) Y.applyUpdate(fromStorage, u);
		expect(titleOf(fromStorage)).toBe('Workshop A');
		expect(fromStorage.getMap('meta').has('planted')).toBe(false);
		const raw = Buffer.concat(stored.map((u) => Buffer.from(u))).toString('latin1');
		expect(raw).not.toContain('xyzzy-planted');
		expect(raw).not.toContain('Hacked');

		// A server write after the edit reaches the other client; the edit never did.
		await renameAndSee(a, 'Workshop A (after the edit)', [other.doc]);
		expect(otherSaw).toEqual([['title', 'Workshop A (after the edit)']]);
		expect(other.doc.getMap('meta').has('planted')).toBe(false);

		const late = yjsClient(server.url, a.meta, a.facTicket);
		await late.synced;
		expect(titleOf(late.doc)).toBe('Workshop A (after the edit)');
		expect(late.doc.getMap('meta').has('planted')).toBe(false);
	});
});

describe('upgrades', () => {
	it('refuses an upgrade without a ticket, with a wrong ticket, or with another workshop’s ticket (403)', async () => {
		const cases = [
			a.meta,
			`${a.meta}?t=`,
			`${a.meta}?t=AAAAAAAAAAAAAAAAAAAAAA`,
			`${a.meta}?t=${a.participantTicket.slice(0, -1)}x`,
			`${a.meta}?t=${b.participantTicket}`,
			`${a.meta}?t=${b.facTicket}`,
			`${b.meta}?t=${a.facTicket}`,
			// Valid ticket, but no such document kind or a document name that is not one.
			`${a.workshopId}.balance?t=${a.facTicket}`,
			`${a.workshopId}?t=${a.facTicket}`,
			`..%2F${a.meta}?t=${a.facTicket}`,
			// A malformed escape must be refused, not thrown (it once stopped the server).
			`%E0%A4%A?t=${a.facTicket}`,
			`${a.meta}%?t=${a.facTicket}`
		];
		for (const path of cases) {
			const outcome = await rawYjs(server.url, path);
			expect(outcome, path).toMatchObject({ opened: false, status: 403 });
		}
		expect(server.logs.filter((l) => l.includes('"yjs.upgrade-refused"')).length).toBe(
			cases.length
		);
		// The right ticket still opens the door.
		expect(await rawYjs(server.url, `${a.meta}?t=${a.participantTicket}`)).toMatchObject({
			opened: true
		});
	});

	it('a malformed /yjs/ URL does not stop a production server process', async () => {
		const dir = tempDataDir();
		const child = await spawnServer(dir);
		try {
			const outcome = await rawYjs(child.url, '%E0%A4%A');
			expect(outcome).toMatchObject({ opened: false, status: 403 });
			const health = await fetch(`${child.url}/healthz`);
			expect(health.status).toBe(200);
			expect(child.child.exitCode).toBeNull();
		} finally {
			await child.stop('SIGKILL');
			removeDir(dir);
		}
	});
});

describe('hostile frames', () => {
	async function openRaw(f: Fixture) {
		const outcome = await rawYjs(server.url, `${f.meta}?t=${f.participantTicket}`);
		if (!outcome.opened) throw new Error(`could not open: ${outcome.message}`);
		return outcome;
	}

	it('closes a connection that sends more than 1 MB (1009), logs why, and others keep syncing', async () => {
		const sameDoc = yjsClient(server.url, a.meta, a.participantTicket);
		const otherWorkshop = yjsClient(server.url, b.meta, b.participantTicket);
		await Promise.all([sameDoc.synced, otherWorkshop.synced]);

		// Exactly 1 MiB is allowed: a sync step 1 whose state vector is padded out, answered by step 2.
		const edge = await openRaw(a);
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, 0); // sync
		encoding.writeVarUint(enc, 0); // step 1
		encoding.writeVarUint8Array(enc, new Uint8Array((1 << 20) - 5)); // an empty state vector, padded
		const oneMiB = encoding.toUint8Array(enc);
		expect(oneMiB.length).toBe(1 << 20);
		edge.ws.send(oneMiB);
		await waitFor(() => edge.received.some((m) => m[0] === 0 && m[1] === 1));
		expect(edge.ws.readyState).toBe(edge.ws.OPEN);

		const errorsBefore = server.logs.filter((l) => l.includes('"yjs.connection-error"')).length;
		const big = await openRaw(a);
		const bigClosed = closed(big.ws);
		big.ws.send(new Uint8Array((1 << 20) + 1));
		expect((await bigClosed).code).toBe(1009);
		await waitFor(
			() => server.logs.filter((l) => l.includes('"yjs.connection-error"')).length > errorsBefore
		);
		const line = JSON.parse(
			server.logs.filter((l) => l.includes('"yjs.connection-error"')).at(-1)!
		);
		expect(line.reason).toMatch(/max payload|too big|payload/i);
		expect(edge.ws.readyState).toBe(edge.ws.OPEN);

		await renameAndSee(a, 'A after a big frame', [sameDoc.doc]);
		await renameAndSee(b, 'B after a big frame', [otherWorkshop.doc]);
		closeYjs(sameDoc);
		closeYjs(otherWorkshop);
	});

	const MALFORMED: { label: string; frame: Uint8Array | string; code: number }[] = [
		{
			label: 'an unknown sync sub-type [0, 9, 9, 9]',
			frame: new Uint8Array([0, 9, 9, 9]),
			code: 1007
		},
		{ label: 'an unknown message type [7]', frame: new Uint8Array([7]), code: 1007 },
		{ label: 'an empty frame', frame: new Uint8Array([]), code: 1007 },
		{ label: 'a truncated sync message [0]', frame: new Uint8Array([0]), code: 1007 },
		{
			label: 'a sync step 1 with a broken state vector',
			frame: new Uint8Array([0, 0, 5, 1]),
			code: 1007
		},
		{
			label: 'an endless varint',
			frame: new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255]),
			code: 1007
		},
		{ label: 'a text frame', frame: 'hello', code: 1003 }
	];

	it.each(MALFORMED)('closes a connection that sends $label, with a logged reason', async (bad) => {
		const sameDoc = yjsClient(server.url, a.meta, a.facTicket);
		const otherWorkshop = yjsClient(server.url, b.meta, b.facTicket);
		await Promise.all([sameDoc.synced, otherWorkshop.synced]);
		const logged = server.logs.filter((l) => l.includes('"yjs.connection-closed"')).length;

		const { ws } = await openRaw(a);
		const done = closed(ws);
		ws.send(bad.frame);
		const { code, reason } = await done;
		expect(code).toBe(bad.code);
		expect(reason.length).toBeGreaterThan(0);
		await waitFor(
			() => server.logs.filter((l) => l.includes('"yjs.connection-closed"')).length > logged
		);
		const line = JSON.parse(
			server.logs.filter((l) => l.includes('"yjs.connection-closed"')).at(-1)!
		);
		expect(line.reason).toBe(reason);

		const suffix = bad.label.slice(0, 20);
		await renameAndSee(a, `A after ${suffix}`, [sameDoc.doc]);
		await renameAndSee(b, `B after ${suffix}`, [otherWorkshop.doc]);
		closeYjs(sameDoc);
		closeYjs(otherWorkshop);
	});
});
