/**
 * Updates that Yjs would keep pending (a delete set for clocks not used yet, structs that build on
 * changes the server does not have) have no visible effect when they arrive, so a guard that only
 * compares before and after sees nothing; later they would land unchecked. Under open editing a
 * participant sends both through a stock y-websocket client: each is refused, nothing is lost, the
 * facilitator's later additions stay, and so it remains after a restart. Refused stock clients do
 * not reconnect and resend in a loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addItem, itemsOf, readAgenda } from '../../src/lib/features/agenda/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import { CLOSE_NOT_ALLOWED, CLOSE_RESYNC, encodeUpdateMessage } from '../../server/yjs/protocol.ts';
import {
	closeClients,
	closeYjs,
	connect,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts';

const dataDir = tempDataDir();
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer({ dataDir });
});
afterAll(async () => {
	closeClients();
	await server.stop();
	removeDir(dataDir);
});

async function room(name: string) {
	const r = await server.server.services.rooms.loaded(name);
	if (!r) throw new Error(`room ${name} is not loaded`);
	return r;
}

const titles = (doc: Y.Doc) => readAgenda(doc).items.map((i) => i.title);
const snapshot = (doc: Y.Doc) => JSON.stringify(readAgenda(doc));
const logsWith = (text: string) => server.logs.filter((l) => l.includes(text));

/** An update that is nothing but a delete set: `[client, clock, length]` ranges. */
function deleteSetUpdate(ranges: [number, number, number][]): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, 0); // no structs
	encoding.writeVarUint(enc, ranges.length);
	for (const [client, clock, length] of ranges) {
		encoding.writeVarUint(enc, client);
		encoding.writeVarUint(enc, 1);
		encoding.writeVarUint(enc, clock);
		encoding.writeVarUint(enc, length);
	}
	return encoding.toUint8Array(enc);
}

/** Sends an update on a stock provider's own socket, as a tampered page would. */
function sendThrough(provider: WebsocketProvider, update: Uint8Array) {
	provider.ws!.send(new Uint8Array(encodeUpdateMessage(update)));
}

/** The next close the server gives this provider. */
function nextClose(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => {
		const listener = (event: CloseEvent | null) => {
			if (!event) return;
			provider.off('connection-close', listener);
			resolve({ code: event.code, reason: event.reason });
		};
		provider.on('connection-close', listener);
	});
}

/** Counts the provider's attempts to connect from now on. */
function connectAttempts(provider: WebsocketProvider) {
	const seen = { count: 0 };
	provider.on('status', ({ status }: { status: string }) => {
		if (status === 'connecting') seen.count++;
	});
	return seen;
}

interface Fixture {
	facilitator: TestSocket;
	facilitatorKey: string;
	code: string;
	agenda: string;
	facTicket: string;
	participantTicket: string;
}

async function openEditingWorkshop(title: string): Promise<Fixture> {
	const { facilitator, created, opened } = await openWorkshop(server.url, title);
	const p = await joinAs(server.url, created.code, 'Pat');
	unwrap(await request(facilitator, 'agenda:open-editing', { open: true }));
	return {
		facilitator,
		facilitatorKey: created.facilitatorKey,
		code: created.code,
		agenda: docName(opened.workshopId, 'agenda'),
		facTicket: opened.yjsTicket,
		participantTicket: p.welcome.yjsTicket
	};
}

describe('pending updates under open editing', () => {
	let f: Fixture;
	/** The facilitator's page, open throughout: its next edits use the clocks the attacks aim at. */
	let fac: ReturnType<typeof yjsClient>;
	let facilitatorClient: number;
	let before: string;

	beforeAll(async () => {
		f = await openEditingWorkshop('Pending');
		unwrap(await request(f.facilitator, 'agenda:add', { title: 'By command', timeboxMinutes: 5 }));
		fac = yjsClient(server.url, f.agenda, f.facTicket);
		await fac.synced;
		fac.doc.transact(() =>
			addItem(fac.doc, { id: 'direct-item-0', title: 'Direct', notes: '', timeboxMinutes: 5 })
		);
		facilitatorClient = fac.doc.clientID;
		const r = await room(f.agenda);
		await waitFor(() => readAgenda(r.doc).items.length === 2);
		before = snapshot(r.doc);
	});

	it('a delete set for clocks not used yet is refused (retry once); the next additions of the facilitator and the server stay', async () => {
		const r = await room(f.agenda);
		const attacker = yjsClient(server.url, f.agenda, f.participantTicket);
		await attacker.synced;
		await waitFor(() => readAgenda(attacker.doc).openEditing);
		// Every client that ever wrote here (the server's and the facilitator's), from its next clock on.
		const clients = Y.decodeStateVector(Y.encodeStateVector(attacker.doc));
		expect(clients.has(facilitatorClient)).toBe(true);
		expect(clients.has(r.doc.clientID)).toBe(true);
		const planted = deleteSetUpdate([...clients].map(([client, clock]) => [client, clock, 10_000]));
		const refusedBefore = r.refusedIncomplete;
		const closedWith = nextClose(attacker.provider);
		sendThrough(attacker.provider, planted);
		const { code, reason } = await closedWith;
		// Retryable the first time: a stock client's resync after reconnecting carries what was missing.
		expect(code).toBe(CLOSE_RESYNC);
		expect(reason).toMatch(/does not have/);
		expect(r.refusedIncomplete).toBe(refusedBefore + 1);
		expect(r.doc.store.pendingDs).toBeNull();
		expect(snapshot(r.doc)).toBe(before);
		// It reconnects and syncs normally.
		await waitFor(() => attacker.provider.synced);

		// The facilitator's next direct additions and the server's next change all stay.
		for (let i = 1; i <= 3; i++) {
			fac.doc.transact(() =>
				addItem(fac.doc, {
					id: `direct-item-${i}`,
					title: `Direct ${i}`,
					notes: 'n'.repeat(50),
					timeboxMinutes: 5
				})
			);
		}
		await waitFor(() => readAgenda(r.doc).items.length === 5);
		const started = readAgenda(r.doc).items.find((i) => i.title === 'Direct 2')!;
		unwrap(await request(f.facilitator, 'agenda:start', { itemId: started.id }));
		await r.flushed();
		await new Promise((resolve) => setTimeout(resolve, 100));
		const view = readAgenda(r.doc);
		expect(view.items.map((i) => [i.title, i.status])).toEqual([
			['By command', 'upcoming'],
			['Direct', 'upcoming'],
			['Direct 1', 'upcoming'],
			['Direct 2', 'current'],
			['Direct 3', 'upcoming']
		]);
		await waitFor(() => snapshot(attacker.doc) === snapshot(r.doc));
		await waitFor(() => snapshot(fac.doc) === snapshot(r.doc));
		before = snapshot(r.doc);
		closeYjs(attacker);
	});

	it("structs that build on the facilitator's clocks not used yet are refused, for good on a second try; nothing is lost", async () => {
		const r = await room(f.agenda);
		const attacker = yjsClient(server.url, f.agenda, f.participantTicket);
		await attacker.synced;
		await waitFor(() => snapshot(attacker.doc) === snapshot(r.doc));
		const attempts = connectAttempts(attacker.provider);

		// A forged copy under the facilitator's client id: a filler change, then a started item.
		// Only the second goes out, so it waits for clocks the facilitator has not used yet, and
		// would land as the facilitator's own once they did.
		const forged = new Y.Doc();
		Y.applyUpdate(forged, Y.encodeStateAsUpdate(attacker.doc));
		// Set after the copy: Yjs gives a document a new id when a remote update uses its own.
		forged.clientID = facilitatorClient;
		forged.transact(() =>
			addItem(forged, { id: 'filler-item', title: 'Filler', notes: '', timeboxMinutes: 5 })
		);
		let captured: Uint8Array | null = null;
		forged.on('update', (u: Uint8Array) => (captured = u));
		forged.transact(() => {
			addItem(forged, { id: 'forged-item', title: 'Forged', notes: '', timeboxMinutes: 5 });
			itemsOf(forged).get('forged-item')!.set('status', 'current');
		});
		expect(Y.decodeUpdate(captured!).structs.map((s) => s.id.client)).toContain(facilitatorClient);

		const closedWith = nextClose(attacker.provider);
		sendThrough(attacker.provider, captured!);
		// A second incomplete update from this ticket within the allowance: final, no retry.
		expect((await closedWith).code).toBe(CLOSE_NOT_ALLOWED);
		expect(r.doc.store.pendingStructs).toBeNull();
		expect(snapshot(r.doc)).toBe(before);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(attempts.count).toBe(0);
		expect(attacker.provider.shouldConnect).toBe(false);

		// The facilitator's own next edits fill those clocks and more; every one of them stays.
		expect(fac.doc.clientID).toBe(facilitatorClient);
		for (let i = 4; i <= 6; i++) {
			fac.doc.transact(() =>
				addItem(fac.doc, {
					id: `direct-item-${i}`,
					title: `Direct ${i}`,
					notes: 'm'.repeat(80),
					timeboxMinutes: 5
				})
			);
		}
		await waitFor(() => readAgenda(r.doc).items.length === 8);
		expect(titles(r.doc)).not.toContain('Forged');
		expect(titles(r.doc)).not.toContain('Filler');
		expect(readAgenda(r.doc).items.filter((i) => i.status === 'current').length).toBe(1);
		await waitFor(() => snapshot(fac.doc) === snapshot(r.doc));
		closeYjs(fac);
		closeYjs(attacker);
		before = snapshot(r.doc);
	});

	it('all of it survives a restart: nothing pending, nothing lost', async () => {
		await server.stop();
		server = await startTestServer({ dataDir });
		const reader = yjsClient(server.url, f.agenda, await facilitatorTicket(f));
		await reader.synced;
		await waitFor(() => readAgenda(reader.doc).items.length === 8);
		expect(snapshot(reader.doc)).toBe(before);
		const r = await room(f.agenda);
		expect(r.doc.store.pendingDs).toBeNull();
		expect(r.doc.store.pendingStructs).toBeNull();
		closeYjs(reader);
	});
});

/** The facilitator's ticket on the server as it runs now (tickets do not survive a restart). */
async function facilitatorTicket(f: Fixture) {
	const facilitator = await connect(server.url);
	return unwrap(
		await request(facilitator, 'facilitator:open', { facilitatorKey: f.facilitatorKey })
	).yjsTicket;
}

describe('a stock client refused for what it wrote', () => {
	it('is closed with a final code and does not reconnect to send it again', async () => {
		const f = await openEditingWorkshop('Refused');
		unwrap(await request(f.facilitator, 'agenda:add', { title: 'Keep me', timeboxMinutes: 5 }));
		const r = await room(f.agenda);
		const writer = yjsClient(server.url, f.agenda, f.participantTicket);
		await writer.synced;
		await waitFor(() => readAgenda(writer.doc).openEditing && readAgenda(writer.doc).items.length);
		const attempts = connectAttempts(writer.provider);
		const refused = logsWith('update refused').length;
		const closedWith = nextClose(writer.provider);
		// Participants may not remove items, even under open editing.
		writer.doc.transact(() => itemsOf(writer.doc).delete(readAgenda(writer.doc).items[0].id));
		const { code, reason } = await closedWith;
		expect(code).toBe(CLOSE_NOT_ALLOWED);
		expect(reason).toMatch(/update refused/);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(attempts.count).toBe(0);
		expect(logsWith('update refused').length).toBe(refused + 1);
		expect(titles(r.doc)).toEqual(['Keep me']);
		closeYjs(writer);
	});
});

describe('stored documents with pending data', () => {
	it('are cleaned when they load: the pending part is removed, the log compacted, and later additions stay', async () => {
		const f = await openEditingWorkshop('Stored pending');
		const fac = yjsClient(server.url, f.agenda, f.facTicket);
		await fac.synced;
		fac.doc.transact(() =>
			addItem(fac.doc, { id: 'stored-item-0', title: 'Stored', notes: '', timeboxMinutes: 5 })
		);
		const r = await room(f.agenda);
		await waitFor(() => readAgenda(r.doc).items.length === 1);
		const facilitatorClient = fac.doc.clientID;
		const nextClock = Y.getState(fac.doc.store, facilitatorClient);
		const expected = snapshot(r.doc);
		await server.stop();

		// What a server before the pending check could have written: a planted delete set for the
		// facilitator's next clocks, and structs waiting for clocks that never came.
		const stale = new Y.Doc();
		stale.transact(() => stale.getMap('items').set('x', 1));
		let waiting: Uint8Array | null = null;
		stale.on('update', (u: Uint8Array) => (waiting = u));
		stale.transact(() => stale.getMap('items').set('y', 2));
		const storage = new SqliteStorage(dataDir);
		await storage.appendUpdate(f.agenda, deleteSetUpdate([[facilitatorClient, nextClock, 1000]]));
		await storage.appendUpdate(f.agenda, waiting!);
		await storage.close();

		server = await startTestServer({ dataDir });
		const loaded = await server.server.services.rooms.room(f.agenda);
		expect(logsWith('"yjs.pending-removed"').length).toBe(1);
		expect(loaded.doc.store.pendingDs).toBeNull();
		expect(loaded.doc.store.pendingStructs).toBeNull();
		expect(snapshot(loaded.doc)).toBe(expected);
		await loaded.flushed();
		const log = await server.server.services.storage.loadDocument(f.agenda);
		expect(log.length).toBe(1);
		const fromStorage = new Y.Doc();
		Y.applyUpdate(fromStorage, log[0]);
		expect(fromStorage.store.pendingDs).toBeNull();
		expect(fromStorage.store.pendingStructs).toBeNull();

		// The facilitator's page comes back to the restarted server (new address, new ticket, as
		// the app does after a restart) and adds an item on exactly the clocks that were targeted.
		fac.provider.serverUrl = server.url.replace(/^http/, 'ws') + '/yjs';
		fac.provider.params = { t: await facilitatorTicket(f) };
		fac.provider.disconnect();
		fac.provider.connect();
		await waitFor(() => fac.provider.synced);
		expect(fac.doc.clientID).toBe(facilitatorClient);
		expect(Y.getState(fac.doc.store, facilitatorClient)).toBe(nextClock);
		fac.doc.transact(() =>
			addItem(fac.doc, { id: 'stored-item-1', title: 'After', notes: '', timeboxMinutes: 5 })
		);
		await waitFor(() => readAgenda(loaded.doc).items.length === 2);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(titles(loaded.doc)).toEqual(['Stored', 'After']);
		closeYjs(fac);
	});
});
