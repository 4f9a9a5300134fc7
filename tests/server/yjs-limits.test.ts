/**
 * Limits on Yjs connections, with small settings so they are quick to reach: connections per
 * ticket, new connections per minute per ticket, and the backlog of a client that stops reading.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, itemsOf, readAgenda } from '../../src/lib/features/agenda/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closed,
	closeYjs,
	joinAs,
	openWorkshop,
	rawYjs,
	waitFor,
	yjsClient
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer({
	yjs: {
		connectionsPerTicket: 3,
		upgradesPerTicketPerMinute: 6,
		maxBufferedBytes: 256 * 1024,
		// The writer below sends many large updates; only the reader's backlog is under test.
		messageBurst: 100_000,
		messagesPerSecond: 100_000
	}
});

/** Sends a WebSocket upgrade request and returns the HTTP answer when it is not a 101. */
function upgradeRefusal(
	path: string
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request({
			host: '127.0.0.1',
			port: server.port,
			path,
			headers: {
				connection: 'Upgrade',
				upgrade: 'websocket',
				'sec-websocket-version': '13',
				'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ=='
			}
		});
		req.on('upgrade', (_res, socket) => {
			socket.destroy();
			reject(new Error('the upgrade was accepted'));
		});
		req.on('response', (res) => {
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

async function workshop() {
	const { created, opened } = await openWorkshop(server.url, 'Limits');
	const p = await joinAs(server.url, created.code, 'Pat');
	return {
		agenda: docName(opened.workshopId, 'agenda'),
		facTicket: opened.yjsTicket,
		participantTicket: p.welcome.yjsTicket
	};
}

describe('per ticket', () => {
	it('allows a few connections at once; one more is refused with 429 until one closes', async () => {
		const w = await workshop();
		const open = [];
		for (let i = 0; i < 3; i++) {
			const outcome = await rawYjs(server.url, `${w.agenda}?t=${w.participantTicket}`);
			expect(outcome.opened).toBe(true);
			open.push(outcome);
		}
		expect(await rawYjs(server.url, `${w.agenda}?t=${w.participantTicket}`)).toMatchObject({
			opened: false,
			status: 429
		});
		// Another person's ticket is not affected.
		expect(await rawYjs(server.url, `${w.agenda}?t=${w.facTicket}`)).toMatchObject({
			opened: true
		});
		const first = open[0];
		if (!first.opened) throw new Error('unreachable');
		const done = closed(first.ws);
		first.ws.close();
		await done;
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await rawYjs(server.url, `${w.agenda}?t=${w.participantTicket}`)).toMatchObject({
			opened: true
		});
		expect(server.logs.some((l) => l.includes('"reason":"too many open connections"'))).toBe(true);
	});

	it('allows only so many new connections a minute, then answers 429 with Retry-After', async () => {
		const w = await workshop();
		for (let i = 0; i < 6; i++) {
			const outcome = await rawYjs(server.url, `${w.agenda}?t=${w.participantTicket}`);
			if (!outcome.opened) throw new Error(`refused early: ${outcome.message}`);
			const done = closed(outcome.ws);
			outcome.ws.close();
			await done;
		}
		const refused = await upgradeRefusal(`/yjs/${w.agenda}?t=${w.participantTicket}`);
		expect(refused.status).toBe(429);
		expect(refused.headers['retry-after']).toBe('60');
		expect(refused.body).toMatch(/Too many connections/);
		expect(server.logs.some((l) => l.includes('"reason":"too many new connections"'))).toBe(true);
	});
});

describe('a client that stops reading', () => {
	it('is closed once its backlog passes the limit; the writer and the document are unaffected', async () => {
		const w = await workshop();
		const writer = yjsClient(server.url, w.agenda, w.facTicket);
		await writer.synced;
		writer.doc.transact(() => {
			for (let i = 0; i < 200; i++)
				addItem(writer.doc, {
					id: `backlog-item-${i}`,
					title: `Big ${i}`,
					notes: '',
					timeboxMinutes: 5
				});
		});
		const room = await server.server.services.rooms.room(w.agenda);
		await waitFor(() => readAgenda(room.doc).items.length === 200);

		const reader = await rawYjs(server.url, `${w.agenda}?t=${w.participantTicket}`);
		if (!reader.opened) throw new Error(reader.message);
		await waitFor(() => reader.received.length > 0);
		reader.ws.pause();
		const peersBefore = room.conns.size;
		const memoryBefore = process.memoryUsage().external;

		// About 450 kB per round, each broadcast to the reader that no longer reads.
		let rounds = 0;
		const notReading = () => server.logs.some((l) => l.includes('not reading what it is sent'));
		while (!notReading() && rounds < 100) {
			rounds++;
			writer.doc.transact(() => {
				for (const item of itemsOf(writer.doc).values())
					item.set('notes', `${rounds} `.padEnd(2000, 'x'));
			});
			await waitFor(() => readAgenda(room.doc).items[0].notes.startsWith(`${rounds} `));
		}
		expect(notReading()).toBe(true);
		await waitFor(() => room.conns.size === peersBefore - 1);
		// Its backlog went with it; the writer carried on and is in step with the server.
		expect(process.memoryUsage().external - memoryBefore).toBeLessThan(64 * 2 ** 20);
		expect(writer.provider.wsconnected).toBe(true);
		await waitFor(
			() => Y.encodeStateVector(writer.doc).toString() === Y.encodeStateVector(room.doc).toString()
		);
		closeYjs(writer);
	});
});
