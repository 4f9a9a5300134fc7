/**
 * Two real server processes on one PostgreSQL (both started here), with per-workshop leases:
 * only the node holding a workshop's lease writes it; a node paused (SIGSTOP) past its lease is
 * taken over and, resumed, has its writes refused by the fence; a node killed with -9 in the middle
 * of a burst of acknowledged commands is taken over with nothing acknowledged lost. Clients are sent
 * to the node serving the workshop by the test, as a load balancer routing by workshop would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda } from '../../src/lib/features/agenda/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import { PostgresStorage } from '../../server/storage/postgres.ts';
import {
	closeClients,
	closeYjs,
	connect,
	openWorkshop,
	request,
	unwrap,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers/server.ts';
import { startPostgres, type RunningService } from '../helpers/services.ts';

const TTL_MS = 1500;
const ENTRY = 'tests/helpers/cluster-node.ts';

let pg: RunningService;
const dirs = [tempDataDir(), tempDataDir(), tempDataDir()];
let a: ChildServer;
let b: ChildServer;
const started: ChildServer[] = [];

const env = () => ({
	DATABASE_URL: pg.url,
	TEST_LEASE_TTL_MS: String(TTL_MS),
	TEST_LEASE_RENEW_MS: '250'
});

beforeAll(async () => {
	pg = await startPostgres();
	[a, b] = await Promise.all([
		spawnServer(dirs[0], env(), ENTRY),
		spawnServer(dirs[1], env(), ENTRY)
	]);
	started.push(a, b);
});
afterAll(async () => {
	closeClients();
	for (const s of started) {
		s.child.kill('SIGCONT');
		await s.stop('SIGKILL');
	}
	await pg?.stop();
	for (const d of dirs) removeDir(d);
});

/** A facilitator connection to `node` for the workshop with this key. */
async function facilitatorOn(node: ChildServer, facilitatorKey: string) {
	const socket = await connect(node.url);
	const opened = unwrap(await request(socket, 'facilitator:open', { facilitatorKey }));
	return { socket, opened };
}

/** Opens the workshop on `node` once it serves it (after the old owner's lease has expired). */
async function facilitatorOnceServed(node: ChildServer, facilitatorKey: string) {
	const socket = await connect(node.url);
	const deadline = Date.now() + TTL_MS * 4;
	let result = await request(socket, 'facilitator:open', { facilitatorKey });
	while (!result.ok && Date.now() < deadline) {
		expect(result.error.code).toBe('server-error');
		await new Promise((r) => setTimeout(r, 100));
		result = await request(socket, 'facilitator:open', { facilitatorKey });
	}
	return { socket, opened: unwrap(result) };
}

const add = (socket: TestSocket, title: string) =>
	request(socket, 'agenda:add', { title, timeboxMinutes: 5 });

/** The agenda's titles as `node` serves them to a stock y-websocket client. */
async function titlesVia(node: ChildServer, workshopId: string, ticket: string) {
	const reader = yjsClient(node.url, docName(workshopId, 'agenda'), ticket, new Y.Doc());
	await reader.synced;
	const titles = readAgenda(reader.doc).items.map((i) => i.title);
	closeYjs(reader);
	return titles;
}

/** The agenda's titles as PostgreSQL holds them, read by a connection of the test's own. */
async function storedTitles(workshopId: string) {
	const storage = await PostgresStorage.connect(pg.url, { max: 1 });
	try {
		const doc = new Y.Doc();
		for (const u of await storage.loadDocument(docName(workshopId, 'agenda')))
			Y.applyUpdate(doc, u);
		return readAgenda(doc).items.map((i) => i.title);
	} finally {
		await storage.close();
	}
}

/** Retries a command on the taking-over node until the old lease has expired and it is served. */
async function untilServed(socket: TestSocket, title: string) {
	let result = await add(socket, title);
	const deadline = Date.now() + TTL_MS * 4;
	while (!result.ok && Date.now() < deadline) {
		expect(result.error.code).toBe('server-error');
		await new Promise((r) => setTimeout(r, 100));
		result = await add(socket, title);
	}
	return unwrap(result);
}

describe('several nodes, one writer per workshop', () => {
	it('fences out an owner paused past its lease; it writes nothing when resumed', async () => {
		for (const node of [a, b]) {
			expect(await (await fetch(`${node.url}/readyz`)).json()).toEqual({
				ok: true,
				storage: true,
				leases: true
			});
		}
		const { facilitator, created } = await openWorkshop(a.url, 'Paused owner');
		unwrap(await add(facilitator, 'one'));
		const dropped = new Promise<string>((resolve) => facilitator.once('disconnect', resolve));

		// The other node may not serve a workshop it does not hold: even opening it there is refused
		// (the facilitator's welcome reads the workshop's records, and only the lease holder may).
		const early = await connect(b.url);
		const refused = await request(early, 'facilitator:open', {
			facilitatorKey: created.facilitatorKey
		});
		expect(refused.ok).toBe(false);

		a.child.kill('SIGSTOP');
		const started = Date.now();
		const onB = await facilitatorOnceServed(b, created.facilitatorKey);
		await untilServed(onB.socket, 'two');
		// B could only take over once A's lease had expired.
		expect(Date.now() - started).toBeGreaterThanOrEqual(TTL_MS - 300);

		// A command reaches A while it is still paused; A wakes with the workshop in memory and an
		// overdue renewal. Whatever runs first, the write is refused by the fence (or goes unanswered
		// when A sends the connection away first): never acknowledged, never stored.
		const late = add(facilitator, 'late').catch(() => null);
		a.child.kill('SIGCONT');
		expect((await late)?.ok ?? false).toBe(false);
		// A noticed it lost the lease and sent the workshop's people away, to reconnect elsewhere.
		expect(await dropped).toBe('io server disconnect');
		expect(a.output.some((l) => l.includes('"lease.lost"'))).toBe(true);
		// Back on A (no load balancer here to send it on), it is still refused: B holds the lease.
		const again = await connect(a.url);
		const reopened = await request(again, 'facilitator:open', {
			facilitatorKey: created.facilitatorKey
		});
		expect(reopened.ok && (await add(again, 'later')).ok).toBe(false);

		expect(await titlesVia(b, onB.opened.workshopId, onB.opened.yjsTicket)).toEqual(['one', 'two']);
		// What PostgreSQL holds, read afresh: each acknowledged item once, nothing from the old owner.
		expect(await storedTitles(onB.opened.workshopId)).toEqual(['one', 'two']);
	});

	it('loses nothing acknowledged when the owner is killed with -9 mid-burst', async () => {
		const { facilitator, created } = await openWorkshop(a.url, 'Killed owner');
		unwrap(await add(facilitator, 'first'));

		// Two connections each send a command every 20 ms; the owner dies once some are
		// acknowledged, with others still to come or in flight.
		const second = await facilitatorOn(a, created.facilitatorKey);
		const acked: string[] = [];
		const burst = [facilitator, second.socket].map(async (socket, s) => {
			const sent: Promise<void>[] = [];
			for (let i = 1; i <= 20 && socket.connected; i++) {
				const title = `item ${s}-${i}`;
				sent.push(
					// Unanswered (the owner died) or refused: not acknowledged, so not promised.
					add(socket, title).then(
						(r) => void (r.ok && acked.push(title)),
						() => undefined
					)
				);
				await new Promise((r) => setTimeout(r, 20));
			}
			await Promise.all(sent);
		});
		await expect.poll(() => acked.length, { timeout: 5000, interval: 5 }).toBeGreaterThan(8);
		await a.stop('SIGKILL');
		await Promise.all(burst);
		// It really died mid-burst: some commands were acknowledged, some never were.
		expect(acked.length).toBeGreaterThan(8);
		expect(acked.length).toBeLessThan(40);

		// Its people reconnect to the other node, which takes the workshop once the lease expires.
		const onB = await facilitatorOnceServed(b, created.facilitatorKey);
		await untilServed(onB.socket, 'after the move');
		const titles = await titlesVia(b, onB.opened.workshopId, onB.opened.yjsTicket);
		expect(titles[0]).toBe('first');
		for (const title of acked) expect(titles).toContain(title);
		expect(titles.at(-1)).toBe('after the move');
		// Nothing twice, and PostgreSQL holds the same.
		expect(new Set(titles).size).toBe(titles.length);
		expect(await storedTitles(onB.opened.workshopId)).toEqual(titles);
	});
});
