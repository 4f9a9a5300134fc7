/**
 * Anonymity in time, through real sockets (issue 15, items 6, 7 and 11): every frame that reaches
 * every other connection is captured with its time, and nothing about a new idea, an edit or a
 * suggestion arrives within one cadence of the moment it was sent. Also: a full batch goes out
 * together, what waits survives SIGKILL and goes out after the restart, the database keeps no
 * arrival order of held ideas, and the caps count people, not connections.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard, type BoardView } from '../../src/lib/features/ideas/model.ts';
import { MIN_BATCH } from '../../src/lib/shared/cadence.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	connect,
	failure,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import {
	removeDir,
	spawnServer,
	startTestServer,
	tempDataDir,
	useTestServer,
	type ChildServer
} from '../helpers/server.ts';
import { NOT_SIGNIFICANT_30, spearman } from '../helpers/rank.ts';

/** Short, so the file stays quick; long enough that "within one cadence" is a real window. */
const CADENCE = 400;
const CAPS = { ideasPerPerson: 5, ideasPerBoard: 14, suggestionsPerPerson: 2 };
const server = useTestServer({ cadenceMs: CADENCE, caps: CAPS });

const live = { prompt: '', mode: 'live' as const, budget: 3, cap: 3, participantsGroup: false };

interface Frame {
	at: number;
	who: string;
	via: 'socket' | 'yjs';
	data: string;
}

/** Every socket.io frame a connection receives (pings aside), with its time. */
function tapSocket(socket: TestSocket, who: string, frames: Frame[]) {
	socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
		if (packet.type !== 'message') return;
		frames.push({ at: performance.now(), who, via: 'socket', data: String(packet.data) });
	});
}

/** A board watcher whose every received Yjs frame is captured with its time. */
async function watchBoard(workshopId: string, ticket: string, who: string, frames: Frame[]) {
	const client = yjsClient(server.url, docName(workshopId, 'board'), ticket);
	await client.synced;
	client.provider.ws!.addEventListener('message', (e: MessageEvent) => {
		const bytes = Buffer.from(e.data as ArrayBuffer);
		frames.push({ at: performance.now(), who, via: 'yjs', data: bytes.toString('utf8') });
	});
	return { ...client, view: (): BoardView => readBoard(client.doc) };
}

/** A live board with an author, and two others whose every frame is captured. */
async function liveBoard() {
	const { facilitator, created, opened } = await openWorkshop(server.url);
	unwrap(await request(facilitator, 'ideas:setup', live));
	const author = await joinAs(server.url, created.code, 'Author');
	const other = await joinAs(server.url, created.code, 'Other');
	const frames: Frame[] = [];
	const facilitatorBoard = await watchBoard(opened.workshopId, opened.yjsTicket, 'f', frames);
	const otherBoard = await watchBoard(opened.workshopId, other.welcome.yjsTicket, 'o', frames);
	tapSocket(facilitator, 'f', frames);
	tapSocket(other.socket, 'o', frames);
	// Whatever the joins sent is over once a round trip on each connection is.
	unwrap(await request(facilitator, 'agenda:suggestions', {}));
	unwrap(await request(other.socket, 'ideas:my-votes', {}));
	frames.length = 0;
	return { facilitator, created, opened, author, other, frames, facilitatorBoard, otherBoard };
}

/** Frames that reached others about `marker` (its text or id), or any frame of a board. */
const about = (frames: Frame[], marker: string) =>
	frames.filter((f) => f.via === 'yjs' || f.data.includes(marker));

describe('live ideas and edits go out on the cadence', () => {
	it('does not publish a lone idea within the cadence, then publishes it', async () => {
		const b = await liveBoard();
		const sent = performance.now();
		const { id } = unwrap(await request(b.author.socket, 'ideas:add', { text: 'Lone idea' }));
		await expect
			.poll(() => b.otherBoard.view().ideas.map((i) => i.text), { timeout: 10 * CADENCE })
			.toEqual(['Lone idea']);
		const seen = about(b.frames, id).concat(about(b.frames, 'Lone idea'));
		expect(seen.length).toBeGreaterThan(0);
		const first = Math.min(...seen.map((f) => f.at));
		// Not within one cadence of posting, on either other connection.
		expect(first - sent).toBeGreaterThanOrEqual(CADENCE);
		expect(b.facilitatorBoard.view().ideas.map((i) => i.text)).toEqual(['Lone idea']);
	});

	it('in silent collect, does not change the count of ideas so far within the cadence', async () => {
		const b = await liveBoard();
		unwrap(await request(b.facilitator, 'ideas:setup', { ...live, mode: 'silent' }));
		await expect.poll(() => b.otherBoard.view().settings.mode).toBe('silent');
		b.frames.length = 0;
		const sent = performance.now();
		unwrap(await request(b.author.socket, 'ideas:add', { text: 'Quiet idea' }));
		await expect
			.poll(() => b.otherBoard.view().settings.heldCount, { timeout: 10 * CADENCE })
			.toBe(1);
		const boardFrames = b.frames.filter((f) => f.via === 'yjs');
		expect(Math.min(...boardFrames.map((f) => f.at)) - sent).toBeGreaterThanOrEqual(CADENCE);
		expect(b.frames.some((f) => f.data.includes('Quiet idea'))).toBe(false);
	});

	it(`publishes ${MIN_BATCH} ideas sent within one cadence together, in one change`, async () => {
		const b = await liveBoard();
		const more = await Promise.all(
			[1, 2].map((n) => joinAs(server.url, b.created.code, `Person ${n}`))
		);
		const sizes: number[] = [];
		const ideas = b.otherBoard.doc.getMap('ideas');
		ideas.observe(() => sizes.push(ideas.size));
		await Promise.all(
			[b.author, ...more].map(async (p, i) =>
				unwrap(await request(p.socket, 'ideas:add', { text: `Together ${i}` }))
			)
		);
		await expect.poll(() => ideas.size, { timeout: 10 * CADENCE }).toBe(MIN_BATCH);
		expect(sizes).toEqual([MIN_BATCH]);
	});

	it('does not deliver an edit at the moment it was made', async () => {
		const b = await liveBoard();
		const mine = unwrap(await request(b.author.socket, 'ideas:add', { text: 'First words' }));
		await server.server.services.features.ideas.publishNow(b.opened.workshopId);
		await expect.poll(() => b.otherBoard.view().ideas.length).toBe(1);
		b.frames.length = 0;

		const sent = performance.now();
		unwrap(await request(b.author.socket, 'ideas:edit', { ...mine, text: 'Better words' }));
		// Acknowledged (stored), and still the old words for everyone else.
		expect(b.otherBoard.view().ideas[0].text).toBe('First words');
		await expect
			.poll(() => b.otherBoard.view().ideas[0].text, { timeout: 10 * CADENCE })
			.toBe('Better words');
		const seen = about(b.frames, 'Better words');
		expect(Math.min(...seen.map((f) => f.at)) - sent).toBeGreaterThanOrEqual(CADENCE);
		expect(b.facilitatorBoard.view().ideas[0].text).toBe('Better words');
	});
});

describe('suggestions reach the facilitators on the cadence', () => {
	it('does not deliver a suggestion at once, not even to a facilitator who asks', async () => {
		const b = await liveBoard();
		const sent = performance.now();
		unwrap(await request(b.author.socket, 'agenda:suggest', { title: 'Quiet room' }));
		// Asking straight away shows nothing yet: the list is what has been delivered.
		expect(unwrap(await request(b.facilitator, 'agenda:suggestions', {}))).toEqual([]);
		await expect
			.poll(() => b.frames.filter((f) => f.who === 'f' && f.data.includes('Quiet room')).length, {
				timeout: 10 * CADENCE
			})
			.toBeGreaterThan(0);
		const seen = b.frames.filter((f) => f.data.includes('Quiet room'));
		expect(seen.every((f) => f.who === 'f')).toBe(true);
		expect(Math.min(...seen.map((f) => f.at)) - sent).toBeGreaterThanOrEqual(CADENCE);
		expect(
			unwrap(await request(b.facilitator, 'agenda:suggestions', {})).map((s) => s.title)
		).toEqual(['Quiet room']);
	});
});

describe('caps count people, not connections', () => {
	it('gives one participant on 50 connections no more ideas than on one', async () => {
		const { facilitator, created } = await openWorkshop(server.url);
		unwrap(await request(facilitator, 'ideas:setup', live));
		const first = await joinAs(server.url, created.code, 'Many devices');
		const sockets = [first.socket];
		for (let i = 1; i < 50; i++) {
			const s = await connect(server.url);
			unwrap(
				await request(s, 'participant:resume', {
					code: created.code,
					participantId: first.welcome.participantId,
					participantKey: first.welcome.participantKey
				})
			);
			sockets.push(s);
		}
		const replies = await Promise.all(
			sockets.map((s, i) => request(s, 'ideas:add', { text: `Idea from connection ${i}` }))
		);
		expect(replies.filter((r) => r.ok)).toHaveLength(CAPS.ideasPerPerson);
		const refused = replies.filter((r) => !r.ok).map((r) => failure(r));
		expect(refused).toHaveLength(50 - CAPS.ideasPerPerson);
		// Past the cap, or past the person's own rate (shared by all their connections): never more.
		for (const e of refused) expect(['too-many-ideas', 'too-fast']).toContain(e?.code);
		const capped = refused.filter((e) => (e?.code as string) === 'too-many-ideas');
		expect(capped.length).toBeGreaterThan(0);
		for (const e of capped) expect(e?.message).toMatch(/most one person can add/);

		// Others still can, up to the board's own cap, then everyone is told the board is full.
		const others = await Promise.all(
			[1, 2].map((n) => joinAs(server.url, created.code, `Other ${n}`))
		);
		const more: Awaited<ReturnType<typeof request<'ideas:add'>>>[] = [];
		for (const o of others) {
			for (let i = 0; i < CAPS.ideasPerPerson; i++) {
				more.push(await request(o.socket, 'ideas:add', { text: `Other idea ${i}` }));
			}
		}
		const accepted = CAPS.ideasPerPerson + more.filter((r) => r.ok).length;
		expect(accepted).toBe(CAPS.ideasPerBoard);
		expect(failure(more.at(-1)!)?.code).toBe('board-full');
		expect(failure(await request(facilitator, 'ideas:add', { text: 'One more' }))?.code).toBe(
			'board-full'
		);
	});

	it('keeps one person from filling the suggestion box, with a message about them only', async () => {
		const { facilitator, created } = await openWorkshop(server.url);
		const keen = await joinAs(server.url, created.code, 'Keen');
		const second = await connect(server.url);
		unwrap(
			await request(second, 'participant:resume', {
				code: created.code,
				participantId: keen.welcome.participantId,
				participantKey: keen.welcome.participantKey
			})
		);
		const tries = await Promise.all(
			[keen.socket, second, keen.socket, second].map((s, i) =>
				request(s, 'agenda:suggest', { title: `Item ${i}` })
			)
		);
		expect(tries.filter((r) => r.ok)).toHaveLength(CAPS.suggestionsPerPerson);
		for (const r of tries.filter((r) => !r.ok)) {
			expect(failure(r)?.code).toBe('too-many-suggestions');
		}
		// Someone else is not told the box is full.
		const other = await joinAs(server.url, created.code, 'Other');
		unwrap(await request(other.socket, 'agenda:suggest', { title: 'Mine too' }));
		await expect
			.poll(async () => unwrap(await request(facilitator, 'agenda:suggestions', {})).length, {
				timeout: 10 * CADENCE,
				interval: 200
			})
			.toBe(CAPS.suggestionsPerPerson + 1);
		// Once the facilitator decides on one of theirs, that person may suggest again.
		const list = unwrap(await request(facilitator, 'agenda:suggestions', {}));
		const theirs = list.find((x) => x.title.startsWith('Item'))!;
		unwrap(await request(facilitator, 'agenda:decide', { suggestionId: theirs.id, accept: false }));
		unwrap(await request(keen.socket, 'agenda:suggest', { title: 'Again' }));
		expect(failure(await request(second, 'agenda:suggest', { title: 'Once more' }))?.code).toBe(
			'too-many-suggestions'
		);
	});
});

describe('held ideas keep no arrival order in the database', () => {
	// Few enough to fit in one page, where SQLite writes each new row's bytes below the last one's:
	// before the fix the byte positions ran exactly against arrival (rho = -1).
	const N = 30;
	const LIMIT = NOT_SIGNIFICANT_30;

	it(`stores ${N} silent ideas so neither row order nor byte position follows arrival`, async () => {
		const own = await startTestServer({ cadenceMs: CADENCE });
		try {
			const { facilitator, created, opened } = await openWorkshop(own.url);
			unwrap(await request(facilitator, 'ideas:setup', { ...live, mode: 'silent' }));
			// Several people, so no connection's own rate limit is reached.
			const people = await Promise.all(
				Array.from({ length: 8 }, (_, i) => joinAs(own.url, created.code, `P${i}`))
			);
			const markers = Array.from({ length: N }, (_, i) => `arrival-${String(i).padStart(3, '0')}`);
			// One at a time, so each has a commit of its own: the worst case for hiding order.
			for (const [i, m] of markers.entries()) {
				const { socket } = people[i % people.length];
				unwrap(await request(socket, 'ideas:add', { text: `Idea ${m} with some words` }));
			}
			closeClients();
			const file = path.join(own.dataDir, 'roundtable.db');
			// Rows as a scan finds them (no order by: the table's own order).
			const db = new DatabaseSync(file, { readOnly: true });
			const rows = (
				db
					.prepare('select value from records where workshop_id = ? and feature = ?')
					.all(opened.workshopId, 'ideas') as { value: string }[]
			).map((r) => r.value);
			db.close();
			const scanAt = markers.map((m) => rows.findIndex((v) => v.includes(m)));
			expect(scanAt.every((i) => i >= 0)).toBe(true);

			// Bytes as they sit in the file, after the server stopped (which checkpoints the log).
			await own.server.close();
			const bytes = readFileSync(file);
			const byteAt = markers.map((m) => bytes.indexOf(m));
			expect(byteAt.every((i) => i >= 0)).toBe(true);
			// Each idea is in the file once: earlier copies were overwritten when the rows were replaced.
			expect(markers.every((m, i) => bytes.indexOf(m, byteAt[i] + 1) < 0)).toBe(true);

			const arrival = markers.map((_, i) => i);
			expect(Math.abs(spearman(arrival, scanAt))).toBeLessThan(LIMIT);
			expect(Math.abs(spearman(arrival, byteAt))).toBeLessThan(LIMIT);
		} finally {
			await own.stop();
		}
	});
});

describe('after SIGKILL, what waited goes out', () => {
	const dir = tempDataDir();
	let child: ChildServer | null = null;
	afterAll(async () => {
		await child?.stop('SIGKILL');
		removeDir(dir);
	});

	it(
		'publishes pending live ideas and edits, and delivers suggestions, after a restart',
		{ timeout: 60_000 },
		async () => {
			// First run: an idea on the board to edit later.
			child = await spawnServer(dir, { BATCH_SECONDS: '0.1' });
			const { facilitator, created, opened } = await openWorkshop(child.url);
			unwrap(await request(facilitator, 'ideas:setup', live));
			const p = await joinAs(child.url, created.code, 'Poster');
			const onBoard = unwrap(await request(p.socket, 'ideas:add', { text: 'Published first' }));
			const watcher = yjsClient(child.url, docName(opened.workshopId, 'board'), opened.yjsTicket);
			await watcher.synced;
			await expect.poll(() => readBoard(watcher.doc).ideas.length, { timeout: 10_000 }).toBe(1);
			closeClients();
			await child.stop('SIGTERM');

			// Second run: a cadence so long nothing goes out; each is acknowledged, then the kill.
			child = await spawnServer(dir, { BATCH_SECONDS: '600' });
			const again = await connect(child.url);
			const ids = {
				code: created.code,
				participantId: p.welcome.participantId,
				participantKey: p.welcome.participantKey
			};
			unwrap(await request(again, 'participant:resume', ids));
			const lone = unwrap(await request(again, 'ideas:add', { text: 'Sent before the kill' }));
			unwrap(await request(again, 'ideas:edit', { ...onBoard, text: 'Edited before the kill' }));
			unwrap(await request(again, 'agenda:suggest', { title: 'Suggested before the kill' }));
			closeClients();
			await child.stop('SIGKILL');

			// Third run: everything acknowledged goes out, on the cadence.
			child = await spawnServer(dir, { BATCH_SECONDS: '0.1' });
			const f = await connect(child.url);
			const reopened = unwrap(
				await request(f, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
			);
			const doc = new Y.Doc();
			const board = yjsClient(
				child.url,
				docName(opened.workshopId, 'board'),
				reopened.yjsTicket,
				doc
			);
			await board.synced;
			await expect
				.poll(
					() =>
						readBoard(doc)
							.ideas.map((i) => `${i.id === lone.id ? 'lone' : 'first'}: ${i.text}`)
							.sort(),
					{ timeout: 10_000 }
				)
				.toEqual(['first: Edited before the kill', 'lone: Sent before the kill']);
			await expect
				.poll(async () => unwrap(await request(f, 'agenda:suggestions', {})).map((s) => s.title), {
					timeout: 10_000,
					interval: 200
				})
				.toEqual(['Suggested before the kill']);
			closeClients();
		}
	);
});
