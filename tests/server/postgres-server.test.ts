/**
 * The real server on PostgreSQL (DATABASE_URL), as an operator runs it: a workshop's agenda,
 * queue, turns and votes survive a SIGKILL and a restart, and /readyz reports the database.
 * PostgreSQL is started by the test itself, on a free port in a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda } from '../../src/lib/features/agenda/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	connect,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	yjsClient
} from '../helpers/client.ts';
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers/server.ts';
import { startPostgres, type RunningService } from '../helpers/services.ts';
import { NOT_SIGNIFICANT_30, spearman } from '../helpers/rank.ts';
import pgClient from 'pg';

let pg: RunningService;
let child: ChildServer | null = null;
const dir = tempDataDir();

beforeAll(async () => {
	pg = await startPostgres();
});
afterAll(async () => {
	closeClients();
	await child?.stop('SIGKILL');
	await pg?.stop();
	removeDir(dir);
});

describe('Roundtable on PostgreSQL', () => {
	it('keeps a workshop through a SIGKILL and a restart, and says it is ready', async () => {
		const env = { DATABASE_URL: pg.url };
		child = await spawnServer(dir, env);
		expect(await (await fetch(`${child.url}/readyz`)).json()).toEqual({ ok: true, storage: true });

		const { facilitator, created } = await openWorkshop(child.url, 'On PostgreSQL');
		const ann = await joinAs(child.url, created.code, 'Ann');
		const { itemId } = unwrap(
			await request(facilitator, 'agenda:add', { title: 'Welcome', timeboxMinutes: 10 })
		);
		unwrap(await request(facilitator, 'agenda:start', { itemId }));
		unwrap(await request(ann.socket, 'queue:raise', { kind: 'new' }));
		unwrap(await request(facilitator, 'queue:next', {}));
		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: 'What would help?',
				mode: 'silent',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		const idea = unwrap(await request(facilitator, 'ideas:add', { text: 'Ramps' }));
		unwrap(await request(facilitator, 'ideas:advance', { to: 'group' }));
		unwrap(await request(facilitator, 'ideas:advance', { to: 'vote' }));
		const { ballot } = unwrap(await request(ann.socket, 'ideas:my-votes', {}));
		unwrap(await request(ann.socket, 'ideas:vote', { id: idea.id, ballot }));

		expect(await child.stop('SIGKILL')).toBe(null);
		closeClients();
		child = await spawnServer(dir, env);

		const f = await connect(child.url);
		const opened = unwrap(
			await request(f, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
		);
		const reader = yjsClient(
			child.url,
			docName(opened.workshopId, 'agenda'),
			opened.yjsTicket,
			new Y.Doc()
		);
		await reader.synced;
		expect(readAgenda(reader.doc).items.map((i) => [i.title, i.status])).toEqual([
			['Welcome', 'current']
		]);
		const a = await connect(child.url);
		unwrap(
			await request(a, 'participant:resume', {
				code: created.code,
				participantId: ann.welcome.participantId,
				participantKey: ann.welcome.participantKey
			})
		);
		expect(unwrap(await request(a, 'ideas:my-votes', { ballot })).mine).toEqual({ [idea.id]: 1 });
		// Ann is speaking: her turn was stored and is still open, as the queue says.
		const ended = unwrap(await request(f, 'queue:end', {}));
		expect(ended).toBeNull();
		expect(await (await fetch(`${child.url}/readyz`)).json()).toEqual({ ok: true, storage: true });
	});

	it('stores held ideas so the order of their rows (ctid) does not follow arrival', async () => {
		// The server the test above left running on PostgreSQL.
		child ??= await spawnServer(dir, { DATABASE_URL: pg.url });
		const { facilitator, created, opened } = await openWorkshop(child.url, 'Arrival order');
		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: '',
				mode: 'silent',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		const people = await Promise.all(
			Array.from({ length: 8 }, (_, i) => joinAs(child!.url, created.code, `P${i}`))
		);
		const markers = Array.from({ length: 30 }, (_, i) => `arrival-${String(i).padStart(3, '0')}`);
		// One at a time, each in a transaction of its own: PostgreSQL appends each new row to the heap.
		for (const [i, m] of markers.entries()) {
			const { socket } = people[i % people.length];
			unwrap(await request(socket, 'ideas:add', { text: `Idea ${m}` }));
		}
		const db = new pgClient.Client({ connectionString: pg.url });
		await db.connect();
		try {
			const { rows } = await db.query<{ value: string }>(
				"select value from records where workshop_id = $1 and feature = 'ideas' order by ctid",
				[opened.workshopId]
			);
			const at = markers.map((m) => rows.findIndex((r) => r.value.includes(m)));
			expect(at.every((i) => i >= 0)).toBe(true);
			expect(
				Math.abs(
					spearman(
						markers.map((_, i) => i),
						at
					)
				)
			).toBeLessThan(NOT_SIGNIFICANT_30);
		} finally {
			await db.end();
		}
	});
});
