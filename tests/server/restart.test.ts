/**
 * Invariant 3 (no loss): what the server accepted survives a stop or a crash of the process. Runs
 * `node server/index.ts` as a child, as an operator would, on a temporary DATA_DIR.
 */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	connect,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	waitFor,
	yjsClient
} from '../helpers/client.ts';
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers/server.ts';

const dirs: string[] = [];
const children: ChildServer[] = [];

afterAll(async () => {
	closeClients();
	for (const c of children) await c.stop('SIGKILL');
	for (const d of dirs) removeDir(d);
});

async function start(dir: string) {
	const child = await spawnServer(dir);
	children.push(child);
	return child;
}

describe.each([
	{ signal: 'SIGTERM' as const, exitCode: 0 },
	{ signal: 'SIGKILL' as const, exitCode: null }
])('after $signal', ({ signal, exitCode }) => {
	it('keeps the workshop, its new title, its facilitator key and its participant', async () => {
		const dir = tempDataDir();
		dirs.push(dir);
		const first = await start(dir);
		const { facilitator, created, opened } = await openWorkshop(first.url, 'Before restart');
		const p = await joinAs(first.url, created.code, 'Nell', 'lived-experience');
		// Clients stay connected while the server goes down, as they would in real life.
		const live = yjsClient(first.url, docName(opened.workshopId, 'meta'), opened.yjsTicket);
		await live.synced;
		unwrap(await request(facilitator, 'workshop:rename', { title: 'After restart' }));

		expect(await first.stop(signal)).toBe(exitCode);
		if (signal === 'SIGTERM') {
			expect(first.output.some((l) => l.includes('"server.stopped"'))).toBe(true);
		}
		closeClients();

		const second = await start(dir);
		const s = await connect(second.url);
		const found = unwrap(await request(s, 'workshop:lookup', { code: created.code }));
		expect(found.title).toBe('After restart');

		const fac = await connect(second.url);
		const reopened = unwrap(
			await request(fac, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
		);
		expect(reopened.workshopId).toBe(opened.workshopId);
		expect(reopened.workshop.title).toBe('After restart');
		expect(reopened.participants).toEqual([
			{ id: p.welcome.participantId, name: 'Nell', role: 'lived-experience', here: false }
		]);

		const back = await connect(second.url);
		const resumed = unwrap(
			await request(back, 'participant:resume', {
				code: created.code,
				participantId: p.welcome.participantId,
				participantKey: p.welcome.participantKey
			})
		);
		expect(resumed.participantId).toBe(p.welcome.participantId);
		expect(resumed.name).toBe('Nell');

		// The shared document came back from storage too, with the rename in it.
		const y = yjsClient(second.url, docName(opened.workshopId, 'meta'), resumed.yjsTicket);
		await y.synced;
		await waitFor(() => y.doc.getMap('meta').get('title') === 'After restart');
		expect(y.doc.getMap('meta').get('language')).toBe('en');

		// Tickets are in memory: the old server's ticket is not valid on the new one.
		expect(p.welcome.yjsTicket).not.toBe(resumed.yjsTicket);

		expect(await second.stop('SIGTERM')).toBe(0);
	});
});

describe('stopping', () => {
	it('stops cleanly on SIGTERM even while a client is half-way through sending a request', async () => {
		const dir = tempDataDir();
		dirs.push(dir);
		const child = await start(dir);
		const { created } = await openWorkshop(child.url, 'Slow phone');
		const slow = net.connect(child.port, '127.0.0.1');
		slow.on('error', () => {}); // the server resets it on the way down
		await new Promise((resolve) => slow.once('connect', resolve));
		// Headers never finished: without a cut-off the stop would wait for Node's 60 s headers timeout.
		slow.write('GET / HTTP/1.1\r\nHost: example\r\n');
		const s = await connect(child.url);
		unwrap(await request(s, 'workshop:lookup', { code: created.code }));

		expect(await child.stop('SIGTERM')).toBe(0);
		expect(child.output.some((l) => l.includes('"server.stopped"'))).toBe(true);
		slow.destroy();
	});
});
