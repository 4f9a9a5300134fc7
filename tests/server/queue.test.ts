/**
 * The speaking queue through real sockets: stock socket.io clients send commands, stock y-websocket
 * clients read the queue document the server alone writes.
 */
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { QueueView } from '../../src/lib/features/queue/feature.ts';
import { readQueueView } from '../../src/lib/features/queue/view-doc.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	closeYjs,
	connect,
	failure,
	joinAs,
	openWorkshop,
	rawRequest,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import {
	removeDir,
	spawnServer,
	tempDataDir,
	useTestServer,
	type ChildServer
} from '../helpers/server.ts';

const server = useTestServer();

function viewOf(doc: Y.Doc): QueueView | undefined {
	return readQueueView(doc);
}

async function queueReader(url: string, workshopId: string, ticket: string) {
	const client = yjsClient(url, docName(workshopId, 'queue'), ticket);
	await client.synced;
	return client;
}

async function workshopWith(names: string[], url = server.url) {
	const w = await openWorkshop(url);
	const people = [];
	for (const name of names) people.push(await joinAs(url, w.created.code, name));
	return { ...w, people };
}

const waitingIds = (v: QueueView | undefined) => v?.waiting.map((h) => h.personId) ?? [];

describe('ten clients raising hands at once', () => {
	it('every client ends with the same order, which matches the policy, and Next speaker moves everyone on', async () => {
		const names = ['Ann', 'Bob', 'Cai', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon'];
		const w = await workshopWith(names);
		const readers = await Promise.all(
			w.people.map((p) => queueReader(server.url, w.opened.workshopId, p.welcome.yjsTicket))
		);
		const kinds = [
			'new',
			'reply',
			'new',
			'process',
			'new',
			'clarify',
			'reply',
			'new',
			'new',
			'new'
		];
		const results = await Promise.all(
			w.people.map((p, i) => request(p.socket, 'queue:raise', { kind: kinds[i] as 'new' }))
		);
		expect(results.every((r) => r.ok)).toBe(true);
		await waitFor(() => readers.every((r) => viewOf(r.doc)?.waiting.length === 10));
		const orders = readers.map((r) => JSON.stringify(waitingIds(viewOf(r.doc))));
		expect(new Set(orders).size).toBe(1);
		const view = viewOf(readers[0].doc)!;
		// Kinds in priority order; within a kind, nobody has spoken, so earliest raise first.
		const rank = { process: 0, clarify: 1, reply: 2, new: 3 } as const;
		const ranks = view.waiting.map((h) => rank[h.kind]);
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		const seqs = (kind: string) => view.waiting.filter((h) => h.kind === kind).map((h) => h.seq);
		for (const kind of ['process', 'clarify', 'reply', 'new']) {
			expect(seqs(kind)).toEqual([...seqs(kind)].sort((a, b) => a - b));
		}
		expect(view.waiting.map((h) => h.name).sort()).toEqual([...names].sort());
		// The view has names, kinds and order, never speaking stats.
		expect(JSON.stringify(view)).not.toMatch(/speakingMs|turns/);

		unwrap(await request(w.facilitator, 'queue:next', {}));
		await waitFor(() =>
			readers.every((r) => viewOf(r.doc)?.current?.personId === view.waiting[0].personId)
		);
		for (const r of readers) {
			expect(waitingIds(viewOf(r.doc))).toEqual(waitingIds(view).slice(1));
			expect(viewOf(r.doc)!.current!.name).toBe(view.waiting[0].name);
			expect(viewOf(r.doc)!.current!.allowedMs).toBe(120_000);
		}
		unwrap(await request(w.facilitator, 'queue:next', {}));
		await waitFor(() =>
			readers.every((r) => viewOf(r.doc)?.current?.personId === view.waiting[1].personId)
		);
		expect(new Set(readers.map((r) => JSON.stringify(viewOf(r.doc)))).size).toBe(1);
		for (const r of readers) closeYjs(r);
	});

	it('round-robin puts someone who has spoken behind someone who has not, in the same kind', async () => {
		const w = await workshopWith(['Kim', 'Lee']);
		const [kim, lee] = w.people;
		const reader = await queueReader(server.url, w.opened.workshopId, kim.welcome.yjsTicket);
		unwrap(await request(kim.socket, 'queue:raise', { kind: 'new' }));
		unwrap(await request(w.facilitator, 'queue:next', {}));
		unwrap(await request(w.facilitator, 'queue:end', {}));
		unwrap(await request(kim.socket, 'queue:raise', { kind: 'new' }));
		unwrap(await request(lee.socket, 'queue:raise', { kind: 'new' }));
		await waitFor(() => viewOf(reader.doc)?.waiting.length === 2);
		expect(waitingIds(viewOf(reader.doc))).toEqual([
			lee.welcome.participantId,
			kim.welcome.participantId
		]);
		// First come ignores turns so far.
		unwrap(await request(w.facilitator, 'queue:policy', { policy: 'first-come' }));
		await waitFor(() => viewOf(reader.doc)?.policy === 'first-come');
		expect(waitingIds(viewOf(reader.doc))).toEqual([
			kim.welcome.participantId,
			lee.welcome.participantId
		]);
	});
});

describe('go-round', () => {
	it('asks everyone present, proxies included, in a fixed order; pass is one tap', async () => {
		const w = await workshopWith(['Mo', 'Ny']);
		const [mo, ny] = w.people;
		const proxy = unwrap(
			await request(w.facilitator, 'queue:addProxy', { name: 'Pat', role: 'carer' })
		);
		const reader = await queueReader(server.url, w.opened.workshopId, mo.welcome.yjsTicket);
		unwrap(await request(w.facilitator, 'queue:goRound', {}));
		await waitFor(() => viewOf(reader.doc)?.goRound);
		const round = viewOf(reader.doc)!.goRound!;
		expect(round.order.map((p) => p.name)).toEqual(['Mo', 'Ny', 'Pat']);
		expect(failure(await request(ny.socket, 'queue:pass', {}))?.code).toBe('not-your-turn');
		unwrap(await request(mo.socket, 'queue:pass', {}));
		unwrap(await request(ny.socket, 'queue:speak', {}));
		await waitFor(() => viewOf(reader.doc)?.current?.name === 'Ny');
		unwrap(await request(w.facilitator, 'queue:next', {}));
		await waitFor(() => viewOf(reader.doc)?.current?.personId === proxy.personId);
		const done = viewOf(reader.doc)!.goRound!;
		expect(done.done).toEqual([
			{ personId: mo.welcome.participantId, outcome: 'passed' },
			{ personId: ny.welcome.participantId, outcome: 'spoke' },
			{ personId: proxy.personId, outcome: 'spoke' }
		]);
		expect(done.position).toBe(3);
	});
});

describe('authority', () => {
	it('refuses every facilitator command from a participant, and nothing changes', async () => {
		const w = await workshopWith(['Quin', 'Ros']);
		const [quin, ros] = w.people;
		unwrap(await request(ros.socket, 'queue:raise', { kind: 'new' }));
		unwrap(await request(quin.socket, 'queue:raise', { kind: 'new' }));
		const reader = await queueReader(server.url, w.opened.workshopId, quin.welcome.yjsTicket);
		await waitFor(() => viewOf(reader.doc)?.waiting.length === 2);
		const before = JSON.stringify(viewOf(reader.doc));
		const updates: Uint8Array[] = [];
		reader.doc.on('update', (u: Uint8Array) => updates.push(u));
		const id = ros.welcome.participantId;
		const attempts: [string, unknown][] = [
			['queue:next', {}],
			['queue:end', {}],
			['queue:skip', {}],
			['queue:remove', { personId: id }],
			['queue:move', { personId: quin.welcome.participantId, direction: 'up' }],
			['queue:pause', { paused: true }],
			['queue:policy', { policy: 'first-come' }],
			['queue:turnLength', { ms: 60_000 }],
			['queue:extend', { ms: 60_000 }],
			['queue:raiseFor', { personId: id, kind: 'process' }],
			['queue:passFor', { personId: id }],
			['queue:speakingNow', { personId: quin.welcome.participantId }],
			['queue:goRound', {}],
			['queue:addProxy', { name: 'Sneaky', role: 'carer' }]
		];
		for (const [name, payload] of attempts) {
			const reply = (await rawRequest(quin.socket, name, payload)) as {
				ok: boolean;
				error?: { code: string };
			};
			expect(reply.ok, name).toBe(false);
			expect(reply.error?.code, name).toBe('not-allowed');
		}
		// A round trip after the attempts: anything they had changed would have arrived by now.
		unwrap(await request(w.facilitator, 'workshop:rename', { title: 'Still the same queue' }));
		expect(updates).toEqual([]);
		expect(JSON.stringify(viewOf(reader.doc))).toBe(before);
		const people = unwrap(
			await request(w.facilitator, 'facilitator:open', {
				facilitatorKey: w.created.facilitatorKey
			})
		).participants;
		expect(people.map((p) => p.name)).toEqual(['Quin', 'Ros']);
		// Storage too: no turn was recorded and no state saved beyond the two raised hands.
		const db = new DatabaseSync(path.join(server.dataDir, 'roundtable.db'), { readOnly: true });
		const turns = db
			.prepare(
				"select count(*) as n from records where workshop_id = ? and feature = 'queue' and substr(key, 1, 5) = 'turn:'"
			)
			.get(w.opened.workshopId) as { n: number };
		const stored = db
			.prepare(
				"select value as state from records where workshop_id = ? and feature = 'queue' and key = 'state'"
			)
			.get(w.opened.workshopId) as { state: string };
		db.close();
		expect(Number(turns.n)).toBe(0);
		const state = JSON.parse(stored.state).state;
		expect(state).toMatchObject({ policy: 'round-robin', paused: false, turnLengthMs: 120_000 });
		expect(state.current).toBeNull();
		expect(state.hands.map((h: { personId: string }) => h.personId)).toEqual([
			ros.welcome.participantId,
			quin.welcome.participantId
		]);
		// The facilitator's own commands still work afterwards.
		unwrap(await request(w.facilitator, 'queue:next', {}));
		await waitFor(() => viewOf(reader.doc)?.current?.personId === id);
	});

	it('refuses participant commands before joining', async () => {
		const s = await connect(server.url);
		expect(failure(await request(s, 'queue:raise', { kind: 'new' }))?.code).toBe('not-joined');
		expect(failure(await request(s, 'queue:next', {}))?.code).toBe('not-joined');
	});
});

describe('bad input', () => {
	it('refuses unknown kinds, other people’s ids and malformed payloads; the queue stays right for everyone', async () => {
		const w = await workshopWith(['Tam', 'Uma']);
		const [tam, uma] = w.people;
		const other = await workshopWith(['Val']);
		unwrap(await request(uma.socket, 'queue:raise', { kind: 'reply' }));
		const reader = await queueReader(server.url, w.opened.workshopId, tam.welcome.yjsTicket);
		await waitFor(() => viewOf(reader.doc)?.waiting.length === 1);
		const before = JSON.stringify(viewOf(reader.doc));
		const bad: [TestSocket, string, unknown, string][] = [
			[tam.socket, 'queue:raise', { kind: 'rant' }, 'bad-input'],
			[
				tam.socket,
				'queue:raise',
				{ kind: 'new', personId: uma.welcome.participantId },
				'bad-input'
			],
			[tam.socket, 'queue:raise', '<script>', 'bad-input'],
			[tam.socket, 'queue:kind', { kind: 'process' }, 'not-in-queue'],
			[tam.socket, 'queue:lower', {}, 'not-in-queue'],
			[
				w.facilitator,
				'queue:remove',
				{ personId: other.people[0].welcome.participantId },
				'unknown-person'
			],
			[
				w.facilitator,
				'queue:raiseFor',
				{ personId: 'x'.repeat(20), kind: 'new' },
				'unknown-person'
			],
			[
				w.facilitator,
				'queue:raiseFor',
				{ personId: uma.welcome.participantId, kind: 'shout' },
				'bad-input'
			],
			[
				w.facilitator,
				'queue:move',
				{ personId: uma.welcome.participantId, direction: 'sideways' },
				'bad-input'
			],
			[w.facilitator, 'queue:turnLength', { ms: -5 }, 'bad-input'],
			[w.facilitator, 'queue:extend', { ms: 1e12 }, 'bad-input'],
			[w.facilitator, 'queue:addProxy', { name: '', role: 'carer' }, 'empty'],
			[w.facilitator, 'queue:addProxy', { name: 'Wyn', role: 'king' }, 'bad-input']
		];
		for (const [socket, name, payload, code] of bad) {
			const reply = (await rawRequest(socket, name, payload)) as { error?: { code: string } };
			expect(reply.error?.code, `${name} ${JSON.stringify(payload)}`).toBe(code);
		}
		expect(JSON.stringify(viewOf(reader.doc))).toBe(before);
		// A double raise is a clear error, not a second place.
		unwrap(await request(tam.socket, 'queue:raise', { kind: 'new' }));
		expect(failure(await request(tam.socket, 'queue:raise', { kind: 'new' }))?.code).toBe(
			'already-raised'
		);
	});

	it('throttles 100 raise/lower toggles a second from one client; everyone else stays right', async () => {
		const w = await workshopWith(['Xan', 'Yas', 'Zed']);
		const [xan, yas, zed] = w.people;
		const reader = await queueReader(server.url, w.opened.workshopId, zed.welcome.yjsTicket);
		unwrap(await request(yas.socket, 'queue:raise', { kind: 'new' }));
		const flood = Array.from({ length: 100 }, (_, i) =>
			request(
				xan.socket,
				i % 2 === 0 ? 'queue:raise' : 'queue:lower',
				i % 2 === 0 ? { kind: 'new' } : {}
			)
		);
		unwrap(await request(zed.socket, 'queue:raise', { kind: 'reply' }));
		const replies = await Promise.all(flood);
		const tooFast = replies.filter((r) => failure(r)?.code === 'too-fast');
		expect(tooFast.length).toBeGreaterThan(50);
		expect(failure(tooFast[0])?.message).toMatch(/too fast/i);
		// Toggles that got through alternated, so the last accepted one says whether Xan's hand is up.
		const accepted = replies.map((r, i) => (r.ok ? i : -1)).filter((i) => i >= 0);
		const xanUp = accepted.length > 0 && accepted[accepted.length - 1] % 2 === 0;
		unwrap(await request(w.facilitator, 'workshop:rename', { title: 'After the flood' }));
		await waitFor(() => viewOf(reader.doc)?.waiting.length === (xanUp ? 3 : 2));
		const ids = waitingIds(viewOf(reader.doc));
		expect(ids.slice(0, 2)).toEqual([zed.welcome.participantId, yas.welcome.participantId]);
		// Others are not slowed by one person's flood.
		unwrap(await request(yas.socket, 'queue:kind', { kind: 'process' }));
		await waitFor(() => waitingIds(viewOf(reader.doc))[0] === yas.welcome.participantId);
	});
});

describe('turn records', () => {
	let child: ChildServer | null = null;
	const dir = tempDataDir();
	afterAll(async () => {
		await child?.stop('SIGKILL');
		removeDir(dir);
	});

	it('records start and end of queued, proxy and speaking-now turns, and they survive a restart', async () => {
		child = await spawnServer(dir);
		const w = await workshopWith(['Abi', 'Ben'], child.url);
		const [abi, ben] = w.people;
		const proxy = unwrap(
			await request(w.facilitator, 'queue:addProxy', { name: 'Cerys', role: 'lived-experience' })
		);
		unwrap(await request(abi.socket, 'queue:raise', { kind: 'clarify' }));
		unwrap(
			await request(w.facilitator, 'queue:raiseFor', { personId: proxy.personId, kind: 'new' })
		);
		unwrap(await request(w.facilitator, 'queue:next', {})); // Abi (queue)
		unwrap(await request(w.facilitator, 'queue:next', {})); // Cerys (proxy, queue)
		unwrap(
			await request(w.facilitator, 'queue:speakingNow', { personId: ben.welcome.participantId })
		);
		unwrap(await request(w.facilitator, 'queue:end', {}));
		unwrap(await request(abi.socket, 'queue:raise', { kind: 'new' }));
		unwrap(await request(w.facilitator, 'queue:next', {})); // Abi again, still speaking at the kill

		expect(await child.stop('SIGKILL')).toBe(null);
		closeClients();
		child = await spawnServer(dir);

		const db = new DatabaseSync(path.join(dir, 'roundtable.db'), { readOnly: true });
		// Turn records are the queue's, keyed in the order the turns started.
		const rows = (
			db
				.prepare(
					"select value from records where workshop_id = ? and feature = 'queue' and substr(key, 1, 5) = 'turn:' order by key"
				)
				.all(w.opened.workshopId) as { value: string }[]
		).map((r) => {
			const t = JSON.parse(r.value);
			return {
				person_id: t.personId as string,
				kind: t.kind as string | null,
				source: t.source as string,
				started_at: t.startedAt as number,
				ended_at: t.endedAt as number | null
			};
		});
		db.close();
		expect(rows.map((r) => [r.person_id, r.kind, r.source])).toEqual([
			[abi.welcome.participantId, 'clarify', 'queue'],
			[proxy.personId, 'new', 'queue'],
			[ben.welcome.participantId, null, 'speaking-now'],
			[abi.welcome.participantId, 'new', 'queue']
		]);
		for (const r of rows.slice(0, 3)) {
			expect(r.ended_at).not.toBeNull();
			expect(r.ended_at!).toBeGreaterThanOrEqual(r.started_at);
		}
		// Each turn ends where the next begins.
		expect(rows[0].ended_at).toBe(rows[1].started_at);
		expect(rows[1].ended_at).toBe(rows[2].started_at);
		expect(rows[3].ended_at).toBeNull();

		// The restarted server carries on from the stored state: the open turn ends and is recorded.
		const f = await connect(child.url);
		const opened = unwrap(
			await request(f, 'facilitator:open', { facilitatorKey: w.created.facilitatorKey })
		);
		expect(opened.participants.find((p) => p.id === proxy.personId)).toMatchObject({
			name: 'Cerys',
			here: true,
			proxy: true
		});
		const reader = await queueReader(child.url, w.opened.workshopId, opened.yjsTicket);
		await waitFor(() => viewOf(reader.doc)?.current?.personId === abi.welcome.participantId);
		unwrap(await request(f, 'queue:end', {}));
		await waitFor(() => viewOf(reader.doc) && viewOf(reader.doc)!.current === null);
		const db2 = new DatabaseSync(path.join(dir, 'roundtable.db'), { readOnly: true });
		const last = db2
			.prepare(
				"select value from records where workshop_id = ? and feature = 'queue' and substr(key, 1, 5) = 'turn:' order by key desc limit 1"
			)
			.get(w.opened.workshopId) as { value: string };
		db2.close();
		expect(JSON.parse(last.value).endedAt).not.toBeNull();
	});
});
