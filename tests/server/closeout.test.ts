/**
 * Close-out through real sockets: anonymous "Did you feel heard?" and the ladder, results only
 * once closed and never for a group under three, shared with everyone only when chosen, how a
 * person is named, authority and bad input, and no link from an answer to its author anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CloseoutView } from '../../src/lib/features/closeout/feature.ts';
import type { FeedbackSummary } from '../../src/lib/features/closeout/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	failure,
	joinAs,
	nextEvent,
	openWorkshop,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

function dumpStorage(): string[] {
	const db = new DatabaseSync(path.join(server.dataDir, 'roundtable.db'), { readOnly: true });
	try {
		const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
			name: string;
		}[];
		return tables.flatMap(({ name }) =>
			db
				.prepare(`select * from "${name}"`)
				.all()
				.map((row) =>
					JSON.stringify(row, (_k, v) =>
						v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v
					)
				)
		);
	} finally {
		db.close();
	}
}

/** Every byte of the data directory's files; `checkpoint` first moves the WAL into the database. */
function rawFiles(checkpoint: boolean): string {
	if (checkpoint) {
		const db = new DatabaseSync(path.join(server.dataDir, 'roundtable.db'));
		try {
			db.exec('pragma wal_checkpoint(TRUNCATE)');
		} finally {
			db.close();
		}
	}
	return readdirSync(server.dataDir)
		.map((f) => readFileSync(path.join(server.dataDir, f)).toString('latin1'))
		.join('\n');
}

function capture(socket: TestSocket, into: string[]) {
	socket.io.engine.on('packet', (packet: { data?: unknown }) =>
		into.push(JSON.stringify(packet.data ?? null))
	);
}

describe('close-out', () => {
	it('collects anonymous answers, shows results by role only for groups of three, and shares them when chosen', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url);
		const wid = opened.workshopId;
		const seen: string[] = [];
		capture(facilitator, seen);
		const people = [];
		for (const [i, role] of [
			'carer',
			'carer',
			'carer',
			'professional',
			'professional',
			'professional'
		].entries()) {
			const name = `Person${'ABCDEF'[i]} Surname${i}`;
			const joined = await joinAs(server.url, created.code, name, role);
			capture(joined.socket, seen);
			people.push({ name, role, ...joined });
		}
		const w = yjsClient(server.url, docName(wid, 'closeout'), people[0].welcome.yjsTicket);
		const updates: Uint8Array[] = [];
		w.doc.on('update', (u: Uint8Array) => updates.push(u));
		await w.synced;
		const view = () => w.doc.getMap('closeout').get('view') as CloseoutView | undefined;

		expect(
			failure(
				await request(people[0].socket, 'closeout:answer', {
					participantKey: people[0].welcome.participantKey,
					heard: 'yes',
					ladder: null,
					comment: null
				})
			)?.code
		).toBe('feedback-closed');
		unwrap(await request(facilitator, 'closeout:ask', {}));
		await waitFor(() => view()?.open);
		const answers = ['yes', 'yes', 'partly', 'no', 'yes', 'partly'] as const;
		const comments = people.map((_, i) => `Comment marker ${i} zq`);
		for (const [i, p] of people.entries()) {
			unwrap(
				await request(p.socket, 'closeout:answer', {
					participantKey: p.welcome.participantKey,
					heard: answers[i],
					ladder: i < 3 ? 'engaged' : 'consulted',
					comment: comments[i]
				})
			);
		}
		// A changed answer replaces the first, it does not add one.
		unwrap(
			await request(people[5].socket, 'closeout:answer', {
				participantKey: people[5].welcome.participantKey,
				heard: 'partly',
				ladder: 'consulted',
				comment: comments[5]
			})
		);
		const whileOpen = unwrap(await request(facilitator, 'closeout:results', {}));
		expect(whileOpen).toEqual({ available: false, respondents: 6 });
		const rowsDuring = dumpStorage();

		const published = nextEvent(facilitator, 'closeout:results');
		unwrap(await request(facilitator, 'closeout:stop', {}));
		const summary = (await published) as FeedbackSummary;
		expect(summary).toMatchObject({
			available: true,
			respondents: 6,
			heard: { answered: 6, counts: { yes: 3, partly: 2, no: 1 } },
			ladder: { answered: 6, counts: { engaged: 3, consulted: 3 } },
			rolesWithheld: false
		});
		if (!summary.available) throw new Error('results expected');
		expect(summary.byRole.map((r) => r.role)).toEqual(['carer', 'professional']);
		expect(summary.comments).toEqual([...comments].sort());
		expect(view()?.shared).toBeNull();

		// Participants cannot run the close-out.
		for (const name of ['closeout:ask', 'closeout:stop', 'closeout:results'] as const) {
			expect(failure(await request(people[0].socket, name, {}))?.code).toBe('not-allowed');
		}
		expect(failure(await request(people[0].socket, 'closeout:share', { share: true }))?.code).toBe(
			'not-allowed'
		);
		expect(view()?.shared).toBeNull();

		unwrap(await request(facilitator, 'closeout:share', { share: true }));
		await waitFor(() => view()?.shared);
		expect(view()?.shared).toEqual(summary);

		const personal = people.flatMap((p) => [
			p.name,
			p.welcome.participantId,
			p.welcome.participantKey
		]);
		const linked = (text: string) =>
			personal.some((x) => text.includes(x)) && comments.some((c) => text.includes(c));
		const docs = updates.map((u) => {
			const d = new Y.Doc();
			Y.applyUpdate(d, u);
			return JSON.stringify(d.toJSON());
		});
		for (const text of docs) for (const x of personal) expect(text).not.toContain(x);
		for (const text of [...rowsDuring, ...dumpStorage(), ...seen, ...server.logs]) {
			expect(linked(text), text.slice(0, 300)).toBe(false);
		}
		expect(seen.length).toBeGreaterThan(10);
	});

	it('refuses bad answers and keeps each person\u2019s naming choice', async () => {
		const { facilitator, created } = await openWorkshop(server.url);
		const p = await joinAs(server.url, created.code, 'Mari Lwyd');
		unwrap(await request(facilitator, 'closeout:ask', {}));
		expect(
			failure(
				await request(p.socket, 'closeout:answer', {
					participantKey: p.welcome.participantKey,
					heard: null,
					ladder: null,
					comment: ' '
				})
			)?.code
		).toBe('empty');
		expect(
			failure(
				await request(p.socket, 'closeout:answer', {
					participantKey: p.welcome.participantKey,
					heard: 'yes',
					ladder: null,
					comment: 'x'.repeat(501)
				})
			)
		).toMatchObject({ code: 'too-long', field: 'comment' });
		expect(unwrap(await request(facilitator, 'closeout:results', {}))).toEqual({
			available: false,
			respondents: 0
		});
		expect(unwrap(await request(p.socket, 'closeout:myNaming', {}))).toBe('name');
		unwrap(await request(p.socket, 'closeout:naming', { naming: 'participant' }));
		expect(unwrap(await request(p.socket, 'closeout:myNaming', {}))).toBe('participant');
	});

	it('stores no answer with a role fewer than three people here have, and shows no figure that would tell it', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url);
		const roles = ['carer', 'carer', 'carer', 'professional', 'lived-experience'];
		const people = [];
		for (const [i, role] of roles.entries()) {
			people.push({ role, ...(await joinAs(server.url, created.code, `Person ${i}`, role)) });
		}
		unwrap(await request(facilitator, 'closeout:ask', {}));
		const marker = (i: number) => `Unique marker ${i} qv`;
		for (const [i, p] of people.entries()) {
			unwrap(
				await request(p.socket, 'closeout:answer', {
					participantKey: p.welcome.participantKey,
					heard: i === 4 ? 'no' : 'yes',
					ladder: null,
					comment: marker(i)
				})
			);
		}
		// Another device's key is not this person's: refused, and nothing is filed.
		expect(
			failure(
				await request(people[0].socket, 'closeout:answer', {
					participantKey: people[1].welcome.participantKey,
					heard: 'no',
					ladder: null,
					comment: null
				})
			)?.code
		).toBe('link-not-valid');
		const summary = unwrap(await request(facilitator, 'closeout:stop', {}));
		expect(summary).toBeNull();
		const results = unwrap(await request(facilitator, 'closeout:results', {}));
		// The two people alone in their roles were filed with no role; the carers' figures would then
		// give theirs by subtraction, so no figure by role is shown at all.
		expect(results).toMatchObject({
			available: true,
			respondents: 5,
			heard: { answered: 5, counts: { yes: 4, no: 1 } },
			byRole: [],
			rolesWithheld: true
		});

		const small = ['professional', 'lived-experience'];
		const secrets = people.flatMap((p) => [p.welcome.participantId, p.welcome.participantKey]);
		// Table scan: the stored round has the answers, no small role and nothing of any person.
		const rows = await server.server.services.storage.records(opened.workshopId, 'closeout');
		const round = rows.find((r) => r.key === 'round')!.value;
		expect(round).toContain(marker(4));
		expect(round).toContain('carer');
		for (const x of [...small, ...secrets]) expect(round).not.toContain(x);
		expect(rows.map((r) => r.key)).toEqual(['round']);
		// Raw files, before and after a checkpoint: every copy of the round as any version of it was
		// written (WAL included) holds no small role and no id or key of anyone.
		for (const raw of [rawFiles(false), rawFiles(true)]) {
			const copies = [...raw.matchAll(/\{"round":\{"open":(?:true|false),"entries":\{.*?\}\}\}/g)]
				.map((m) => m[0])
				// This workshop's round (the file holds the other tests' workshops too).
				.filter((c) => c.includes('Unique marker'));
			expect(copies.length).toBeGreaterThan(0);
			expect(copies.some((c) => c.includes(marker(4)))).toBe(true);
			for (const copy of copies)
				for (const x of [...small, ...secrets]) expect(copy).not.toContain(x);
		}
	});
});
