/**
 * The multiplexed Yjs endpoint (`/yjs/all`), through real sockets: the page's own client
 * (`YjsLink`) carrying several documents on one websocket, and raw `ws` sockets for what a stock
 * client would never send. Every rule of the per-document endpoint holds per document here.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { YjsLink } from '../../src/lib/client/yjs-link.ts';
import { addItem, itemsOf, readAgenda } from '../../src/lib/features/agenda/model.ts';
import { MAX_ITEM_TITLE } from '../../src/lib/shared/limits.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	muxCloseMessage,
	muxFrame,
	muxParse,
	muxPrefix,
	muxReadClose
} from '../../src/lib/shared/yjs-mux.ts';
import { CLOSE_NOT_ALLOWED } from '../../server/yjs/protocol.ts';
import {
	closeClients,
	joinAs,
	openWorkshop,
	rawYjs,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let facilitator: TestSocket;
let workshopId: string;
let facTicket: string;
let participantTicket: string;
let otherWorkshopId: string;
const links: YjsLink[] = [];

beforeAll(async () => {
	server = await startTestServer();
	const w = await openWorkshop(server.url, 'Multiplexed');
	facilitator = w.facilitator;
	workshopId = w.opened.workshopId;
	facTicket = w.opened.yjsTicket;
	participantTicket = (await joinAs(server.url, w.created.code, 'Reader')).welcome.yjsTicket;
	otherWorkshopId = (await openWorkshop(server.url, 'Another')).opened.workshopId;
});
afterAll(async () => {
	for (const l of links) l.close();
	closeClients();
	await server.stop();
});

const origin = () => server.url.replace(/^http/, 'ws');
function link(ticket: string) {
	const l = new YjsLink(origin(), ticket);
	links.push(l);
	return l;
}
const name = (kind: string, id = workshopId) => docName(id, kind);
const titleOf = (doc: Y.Doc) => doc.getMap('meta').get('title');
async function room(n: string) {
	const r = await server.server.services.rooms.loaded(n);
	if (!r) throw new Error(`room ${n} is not loaded`);
	return r;
}
const synced = (d: { synced: boolean }) => waitFor(() => d.synced);

/** A raw socket on /yjs/all, collecting what the server sends, decoded by document. */
async function raw(ticket: string) {
	const opened = await rawYjs(server.url, `all?t=${encodeURIComponent(ticket)}`);
	if (!opened.opened) throw new Error(opened.message);
	const frames = () =>
		opened.received.map((f) => muxParse(f)!).filter((f): f is NonNullable<typeof f> => !!f);
	return { ws: opened.ws, frames };
}
function step1(doc: Y.Doc): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, 0);
	encoding.writeVarUint(enc, 0);
	encoding.writeVarUint8Array(enc, Y.encodeStateVector(doc));
	return encoding.toUint8Array(enc);
}
/** The update in a sync step 2 message, or null when the message is not one. */
function step2Update(message: Uint8Array): Uint8Array | null {
	const dec = decoding.createDecoder(message);
	if (decoding.readVarUint(dec) !== 0 || decoding.readVarUint(dec) !== 1) return null;
	return decoding.readVarUint8Array(dec);
}

describe('one websocket for all of a workshop’s documents', () => {
	it('syncs several documents both ways, and stock clients on /yjs/<doc> see the same', async () => {
		const l = link(facTicket);
		const meta = new Y.Doc();
		const agenda = new Y.Doc();
		const linkedMeta = l.add(name('meta'), meta);
		const linkedAgenda = l.add(name('agenda'), agenda);
		await Promise.all([synced(linkedMeta), synced(linkedAgenda)]);
		const stock = yjsClient(server.url, name('agenda'), facTicket);
		await stock.synced;

		unwrap(await request(facilitator, 'workshop:rename', { title: 'Renamed live' }));
		await waitFor(() => titleOf(meta) === 'Renamed live');
		addItem(agenda, {
			id: 'from-link',
			title: 'Written on the link',
			notes: '',
			timeboxMinutes: 5
		});
		await waitFor(() => readAgenda(stock.doc).items.some((i) => i.id === 'from-link'));
		expect(readAgenda((await room(name('agenda'))).doc).items.map((i) => i.title)).toContain(
			'Written on the link'
		);
		linkedMeta.disconnect();
		linkedAgenda.disconnect();
	});

	it("drops a read-only document's edits while its other documents keep syncing", async () => {
		const l = link(participantTicket);
		const meta = new Y.Doc();
		const agenda = new Y.Doc();
		const linkedMeta = l.add(name('meta'), meta);
		const linkedAgenda = l.add(name('agenda'), agenda);
		await Promise.all([synced(linkedMeta), synced(linkedAgenda)]);
		const r = await room(name('agenda'));
		const dropped = r.droppedFromReadOnly;
		addItem(agenda, { id: 'planted', title: 'xyzzy planted', notes: '', timeboxMinutes: 5 });
		await waitFor(() => r.droppedFromReadOnly > dropped);
		expect(readAgenda(r.doc).items.some((i) => i.id === 'planted')).toBe(false);
		unwrap(await request(facilitator, 'workshop:rename', { title: 'Still live' }));
		await waitFor(() => titleOf(meta) === 'Still live');
		expect(linkedAgenda.closeCode).toBeNull();
		linkedMeta.disconnect();
		linkedAgenda.disconnect();
	});

	it("a guard's refusal closes only that document, with 4403, and nothing of it is kept", async () => {
		const l = link(facTicket);
		const meta = new Y.Doc();
		const agenda = new Y.Doc();
		const linkedMeta = l.add(name('meta'), meta);
		const linkedAgenda = l.add(name('agenda'), agenda);
		await Promise.all([synced(linkedMeta), synced(linkedAgenda)]);
		const r = await room(name('agenda'));
		const refused = r.refusedByGuard;
		const before = Y.encodeStateVector(r.doc).toString();
		addItem(agenda, {
			id: 'too-long',
			title: 'x'.repeat(MAX_ITEM_TITLE + 1),
			notes: '',
			timeboxMinutes: 5
		});
		await waitFor(() => linkedAgenda.closeCode !== null);
		expect(linkedAgenda.closeCode).toBe(CLOSE_NOT_ALLOWED);
		expect(linkedAgenda.stopped).toBe(true);
		expect(r.refusedByGuard).toBe(refused + 1);
		expect(Y.encodeStateVector(r.doc).toString()).toBe(before);
		expect(itemsOf(r.doc).has('too-long')).toBe(false);
		// The socket and the page's other documents carry on.
		unwrap(await request(facilitator, 'workshop:rename', { title: 'After the refusal' }));
		await waitFor(() => titleOf(meta) === 'After the refusal');
		linkedMeta.disconnect();
	});

	it('a document of another workshop, or of no kind, is refused on the socket and never loaded', async () => {
		const { ws, frames } = await raw(participantTicket);
		const foreign = name('meta', otherWorkshopId);
		const loadedBefore = server.server.services.rooms.loadedNames().sort();
		ws.send(muxFrame(muxPrefix(foreign), step1(new Y.Doc())));
		ws.send(muxFrame(muxPrefix(`${workshopId}.nosuchkind`), step1(new Y.Doc())));
		await waitFor(() => frames().length >= 2);
		for (const f of frames()) expect(muxReadClose(f.message)?.code).toBe(CLOSE_NOT_ALLOWED);
		expect(frames().some((f) => step2Update(f.message))).toBe(false);
		expect(server.server.services.rooms.loadedNames().sort()).toEqual(loadedBefore);
		ws.close();
	});

	it('refuses the upgrade without a valid ticket (403)', async () => {
		const outcome = await rawYjs(server.url, 'all?t=not-a-ticket');
		expect(outcome.opened).toBe(false);
		if (!outcome.opened) expect(outcome.status).toBe(403);
	});

	it('a reconnecting copy is sent only what it lacks, by its state vector', async () => {
		const metaName = name('meta');
		const first = await raw(participantTicket);
		const copy = new Y.Doc();
		first.ws.send(muxFrame(muxPrefix(metaName), step1(copy)));
		await waitFor(() => first.frames().some((f) => step2Update(f.message)));
		const full = step2Update(first.frames().find((f) => step2Update(f.message))!.message)!;
		Y.applyUpdate(copy, full);
		first.ws.close();

		// While it is away, the title changes; coming back, it asks from where it was.
		unwrap(await request(facilitator, 'workshop:rename', { title: 'Changed while away' }));
		const second = await raw(participantTicket);
		second.ws.send(muxFrame(muxPrefix(metaName), step1(copy)));
		await waitFor(() => second.frames().some((f) => step2Update(f.message)));
		const missed = step2Update(second.frames().find((f) => step2Update(f.message))!.message)!;
		Y.applyUpdate(copy, missed);
		expect(titleOf(copy)).toBe('Changed while away');
		expect(missed.length).toBeLessThan(full.length + 'Changed while away'.length);
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate((await room(metaName)).doc));
		expect(missed.length).toBeLessThan(Y.encodeStateAsUpdate(fresh).length);
		// Leaving a document is quiet: the room forgets the channel, the socket stays.
		const r = await room(metaName);
		const conns = r.conns.size;
		second.ws.send(muxFrame(muxPrefix(metaName), muxCloseMessage(0, '')));
		await waitFor(() => r.conns.size === conns - 1);
		expect(second.ws.readyState).toBe(WebSocket.OPEN);
		second.ws.close();
	});
});
