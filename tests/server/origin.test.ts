/**
 * Origin checks on both upgrades: another web site must not drive the API from its visitors'
 * browsers. Allowed: PUBLIC_ORIGIN when set, or else the request's own origin; no Origin at all
 * (clients that are not browsers, such as the stock Node clients) is allowed too.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	connect,
	joinAs,
	openWorkshop,
	yjsClient,
	closeYjs
} from '../helpers/client.ts';
import { startTestServer, useTestServer, type TestServer } from '../helpers/server.ts';

const FOREIGN = 'https://evil.example';

type Outcome = { opened: true } | { opened: false; status: number | null; body: string };

/** Opens a WebSocket with a chosen Origin header (or none) and reports what the server said. */
function upgrade(url: string, origin: string | undefined): Promise<Outcome> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, origin === undefined ? {} : { origin });
		ws.once('open', () => {
			ws.terminate();
			resolve({ opened: true });
		});
		ws.once('unexpected-response', (_req, res) => {
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ opened: false, status: res.statusCode ?? null, body }));
		});
		ws.once('error', () => resolve({ opened: false, status: null, body: '' }));
	});
}

/** A long-polling handshake with a chosen Origin header. */
function poll(
	server: TestServer,
	origin: string | undefined
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: '127.0.0.1',
				port: server.port,
				path: '/socket.io/?EIO=4&transport=polling',
				headers: origin === undefined ? {} : { origin }
			},
			(res) => {
				let body = '';
				res.on('data', (d) => (body += d));
				res.on('end', () => resolve({ status: res.statusCode!, body }));
			}
		);
		req.on('error', reject);
		req.end();
	});
}

const ws = (server: TestServer) => server.url.replace(/^http/, 'ws');
const socketIoUrl = (server: TestServer) => `${ws(server)}/socket.io/?EIO=4&transport=websocket`;

describe('with PUBLIC_ORIGIN unset', () => {
	const server = useTestServer();

	async function yjsUrl() {
		const { opened } = await openWorkshop(server.url, 'Origins');
		return `${ws(server)}/yjs/${docName(opened.workshopId, 'meta')}?t=${opened.yjsTicket}`;
	}

	it('refuses a foreign Origin on /socket.io/ and /yjs/ with a clear 403, and logs it', async () => {
		const refused = [
			await upgrade(socketIoUrl(server), FOREIGN),
			await upgrade(await yjsUrl(), FOREIGN)
		];
		for (const outcome of refused) {
			expect(outcome).toMatchObject({ opened: false, status: 403 });
			if (!outcome.opened) expect(outcome.body).toMatch(/PUBLIC_ORIGIN/);
		}
		const logged = server.logs.filter((l) => l.includes('"realtime.origin-refused"'));
		expect(logged.map((l) => JSON.parse(l).endpoint).sort()).toEqual(['socket.io', 'yjs']);
		// Long-polling is checked too.
		const polled = await poll(server, FOREIGN);
		expect(polled.status).toBe(403);
		expect(polled.body).toMatch(/PUBLIC_ORIGIN/);
	});

	it('refuses look-alikes: another port, another scheme, a longer host, "null"', async () => {
		const own = new URL(server.url);
		for (const origin of [
			`http://127.0.0.1:${Number(own.port) + 1}`,
			`https://127.0.0.1:${own.port}`,
			`http://127.0.0.1.evil.example:${own.port}`,
			'null'
		]) {
			expect(await upgrade(socketIoUrl(server), origin), origin).toMatchObject({ status: 403 });
			expect(await upgrade(await yjsUrl(), origin), origin).toMatchObject({ status: 403 });
		}
	});

	it('accepts its own origin and requests with no Origin (stock Node clients)', async () => {
		expect(await upgrade(socketIoUrl(server), server.url)).toEqual({ opened: true });
		expect(await upgrade(await yjsUrl(), server.url)).toEqual({ opened: true });
		expect(await upgrade(socketIoUrl(server), undefined)).toEqual({ opened: true });
		expect(await upgrade(await yjsUrl(), undefined)).toEqual({ opened: true });
		expect((await poll(server, server.url)).status).toBe(200);
		// The stock clients work end to end.
		const { created, opened } = await openWorkshop(server.url, 'Stock clients');
		await joinAs(server.url, created.code, 'Pat');
		const client = yjsClient(server.url, docName(opened.workshopId, 'meta'), opened.yjsTicket);
		await client.synced;
		expect(client.doc.getMap('meta').get('title')).toBe('Stock clients');
		closeYjs(client);
	});
});

describe('with PUBLIC_ORIGIN set', () => {
	it('accepts only that origin, not the address the request came to', async () => {
		const server = await startTestServer({ publicOrigin: 'https://rt.example.org' });
		try {
			const { opened } = await openWorkshop(server.url, 'Behind a proxy');
			const yjsUrl = `${ws(server)}/yjs/${docName(opened.workshopId, 'meta')}?t=${opened.yjsTicket}`;
			expect(await upgrade(socketIoUrl(server), 'https://rt.example.org')).toEqual({
				opened: true
			});
			expect(await upgrade(yjsUrl, 'https://rt.example.org')).toEqual({ opened: true });
			expect(await upgrade(socketIoUrl(server), server.url)).toMatchObject({ status: 403 });
			expect(await upgrade(yjsUrl, server.url)).toMatchObject({ status: 403 });
			expect(await upgrade(yjsUrl, FOREIGN)).toMatchObject({ status: 403 });
			// socket.io-client in Node sends no Origin and still connects.
			expect((await connect(server.url)).connected).toBe(true);
		} finally {
			closeClients();
			await server.stop();
		}
	});
});
