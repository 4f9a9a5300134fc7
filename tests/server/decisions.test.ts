/**
 * Deciding together through real sockets: "What this workshop can change", a full consent decision
 * (go-rounds through the queue, an objection, an amendment, a second round) recorded exactly,
 * named and anonymous answers, authority and bad input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DecisionsView, WorkshopScope } from '../../src/lib/features/decisions/feature.ts';
import type { Result } from '../../src/lib/shared/result.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import { readQueueView } from '../../src/lib/features/queue/view-doc.ts';
import {
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
import { checkRecord, parseCsv } from '../helpers/record-check.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

function watch(workshopId: string, kind: 'decisions' | 'scope', ticket: string) {
	const w = yjsClient(server.url, docName(workshopId, kind), ticket);
	const updates: Uint8Array[] = [];
	w.doc.on('update', (u: Uint8Array) => updates.push(u));
	return { ...w, updates, view: () => w.doc.getMap(kind).get('view') as unknown };
}

function decisionsOf(w: ReturnType<typeof watch>) {
	return ((w.view() as DecisionsView | undefined)?.decisions ?? []).slice();
}

/** Every table of the SQLite file, every row as text. */
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

/** Every byte of the data directory's files (database, WAL), after a truncating checkpoint. */
function rawFilesAfterCheckpoint(): string {
	const db = new DatabaseSync(path.join(server.dataDir, 'roundtable.db'));
	try {
		db.exec('pragma wal_checkpoint(TRUNCATE)');
	} finally {
		db.close();
	}
	return readdirSync(server.dataDir)
		.map((f) => readFileSync(path.join(server.dataDir, f)).toString('latin1'))
		.join('\n');
}

/** Every frame the socket's transport receives from now on: events and command replies alike. */
function capture(socket: TestSocket, into: string[]) {
	socket.io.engine.on('packet', (packet: { data?: unknown }) =>
		into.push(JSON.stringify(packet.data ?? null))
	);
}

async function group(names: string[]) {
	const { facilitator, created, opened } = await openWorkshop(server.url);
	const people = [];
	for (const name of names)
		people.push({ name, ...(await joinAs(server.url, created.code, name)) });
	return { facilitator, created, opened, people, wid: opened.workshopId };
}

describe('what this workshop can change', () => {
	it('is set by a facilitator and read live by everyone; participants cannot set it', async () => {
		const { facilitator, people, wid } = await group(['Ana']);
		const w = watch(wid, 'scope', people[0].welcome.yjsTicket);
		await w.synced;
		unwrap(
			await request(facilitator, 'decisions:scope', {
				fixed: 'The budget for next year.',
				open: 'How the drop-in sessions run.'
			})
		);
		await waitFor(() => (w.view() as WorkshopScope | undefined)?.open);
		expect(w.view()).toEqual({
			fixed: 'The budget for next year.',
			open: 'How the drop-in sessions run.'
		});
		expect(
			failure(await request(people[0].socket, 'decisions:scope', { fixed: 'x', open: 'y' }))?.code
		).toBe('not-allowed');
		const tooLong = await request(facilitator, 'decisions:scope', {
			fixed: 'a'.repeat(1001),
			open: ''
		});
		expect(failure(tooLong)).toMatchObject({ code: 'too-long', field: 'fixed' });
		expect(w.view()).toEqual({
			fixed: 'The budget for next year.',
			open: 'How the drop-in sessions run.'
		});
	});
});

describe('a consent decision', () => {
	it('goes through go-rounds, an objection, an amendment and a second round, recorded exactly', async () => {
		const { facilitator, people, wid, opened } = await group(['Ana', 'Bryn', 'Cai']);
		const [ana, bryn, cai] = people;
		const w = watch(wid, 'decisions', ana.welcome.yjsTicket);
		const queue = yjsClient(server.url, docName(wid, 'queue'), opened.yjsTicket);
		await Promise.all([w.synced, queue.synced]);

		const { id } = unwrap(
			await request(facilitator, 'decisions:new', { proposal: 'Meet monthly at the library.' })
		);
		unwrap(await request(facilitator, 'decisions:goRound', { id, kind: 'clarifying' }));
		const goRound = () => readQueueView(queue.doc)?.goRound;
		await waitFor(() => goRound()?.order.length === 3);
		// Pass is one tap in the queue's go-round.
		unwrap(await request(ana.socket, 'queue:pass', {}));
		unwrap(await request(facilitator, 'decisions:goRound', { id, kind: 'reaction' }));
		unwrap(
			await request(facilitator, 'decisions:options', {
				id,
				mode: 'named',
				concernAllowed: true
			})
		);
		unwrap(await request(facilitator, 'decisions:startConsent', { id }));
		await waitFor(() => decisionsOf(w)[0]?.open);
		expect(decisionsOf(w)[0].open).toMatchObject({ number: 1, mode: 'named', answered: 0 });

		// An objection needs a reason: refused, nothing recorded.
		const bare = await request(bryn.socket, 'decisions:answer', {
			id,
			answer: 'object',
			reason: '  '
		});
		expect(failure(bare)).toMatchObject({ code: 'reason-required', field: 'reason' });
		expect(decisionsOf(w)[0].open?.answered).toBe(0);

		unwrap(await request(ana.socket, 'decisions:answer', { id, answer: 'consent', reason: null }));
		unwrap(
			await request(bryn.socket, 'decisions:answer', {
				id,
				answer: 'object',
				reason: 'The library is shut on Mondays.'
			})
		);
		unwrap(
			await request(cai.socket, 'decisions:answer', {
				id,
				answer: 'concern',
				reason: 'It is far for some.'
			})
		);
		await waitFor(() => decisionsOf(w)[0]?.open?.answered === 3);
		// Open answers never reach the document.
		expect(JSON.stringify(w.doc.toJSON())).not.toContain('shut on Mondays');
		unwrap(await request(facilitator, 'decisions:closeConsent', { id }));
		await waitFor(() => decisionsOf(w)[0]?.stage === 'amend');

		unwrap(
			await request(facilitator, 'decisions:amend', {
				id,
				proposal: 'Meet monthly at the library, on Tuesdays.'
			})
		);
		unwrap(
			await request(facilitator, 'decisions:options', {
				id,
				mode: 'anonymous',
				concernAllowed: false
			})
		);
		unwrap(await request(facilitator, 'decisions:startConsent', { id }));
		expect(
			failure(
				await request(cai.socket, 'decisions:answer', { id, answer: 'concern', reason: null })
			)?.code
		).toBe('concern-not-allowed');
		for (const p of people) {
			unwrap(
				await request(p.socket, 'decisions:answer', {
					id,
					answer: 'object',
					reason: 'first thoughts'
				})
			);
		}
		// An answer can be changed until the round closes.
		for (const p of people) {
			unwrap(
				await request(p.socket, 'decisions:answer', {
					id,
					answer: 'consent',
					reason: p === bryn ? 'Tuesdays work.' : null
				})
			);
		}
		unwrap(await request(facilitator, 'decisions:closeConsent', { id }));
		await waitFor(() => decisionsOf(w)[0]?.stage === 'decided');

		const [decision] = decisionsOf(w);
		expect(decision.proposal).toBe('Meet monthly at the library, on Tuesdays.');
		expect(decision.rounds.map((r) => r.kind)).toEqual([
			'clarifying',
			'reaction',
			'consent',
			'amended',
			'consent'
		]);
		const [first, second] = decision.rounds.filter((r) => r.kind === 'consent');
		expect(first).toMatchObject({
			number: 1,
			proposal: 'Meet monthly at the library.',
			mode: 'named',
			concernAllowed: true,
			counts: { consent: 1, concern: 1, object: 1, notAnswered: 0 },
			result: 'objections'
		});
		expect(first.answers).toEqual([
			{ name: 'Bryn', answer: 'object', reason: 'The library is shut on Mondays.' },
			{ name: 'Cai', answer: 'concern', reason: 'It is far for some.' },
			{ name: 'Ana', answer: 'consent', reason: null }
		]);
		expect(second).toMatchObject({
			number: 2,
			proposal: 'Meet monthly at the library, on Tuesdays.',
			mode: 'anonymous',
			counts: { consent: 3, concern: 0, object: 0, notAnswered: 0 },
			result: 'consented'
		});
		expect(second.answers).toEqual([{ name: null, answer: 'consent', reason: 'Tuesdays work.' }]);
		expect(decision.decidedAt).not.toBeNull();
		// Stored and read back after eviction: the same record.
		const books = server.server.services.features.decisions;
		await books.evict(wid);
		const snap = await books.snapshot(wid);
		expect(snap.decisions[0].rounds).toHaveLength(5);
		expect(snap.decisions[0].outcome).toBe('consented');
	});

	it('anonymous answers: no frame, document, row or log line links an answer to its author', async () => {
		const { facilitator, people, wid } = await group(['Dilys Quarry', 'Emrys Vantage']);
		const seen: string[] = [];
		capture(facilitator, seen);
		for (const p of people) capture(p.socket, seen);
		const w = watch(wid, 'decisions', people[0].welcome.yjsTicket);
		await w.synced;
		const { id } = unwrap(await request(facilitator, 'decisions:new', { proposal: 'Try it.' }));
		unwrap(await request(facilitator, 'decisions:startConsent', { id }));
		await waitFor(() => decisionsOf(w)[0]?.open);
		expect(decisionsOf(w)[0].open?.mode).toBe('anonymous');
		const reasons = ['Zebra reason one', 'Yak reason two'];
		unwrap(
			await request(people[0].socket, 'decisions:answer', {
				id,
				answer: 'object',
				reason: reasons[0]
			})
		);
		unwrap(
			await request(people[1].socket, 'decisions:answer', {
				id,
				answer: 'consent',
				reason: reasons[1]
			})
		);
		const rowsDuring = dumpStorage();
		unwrap(await request(facilitator, 'decisions:closeConsent', { id }));
		await waitFor(() => decisionsOf(w)[0]?.stage === 'amend');
		expect(decisionsOf(w)[0].rounds[0]).toMatchObject({
			counts: { consent: 1, object: 1 },
			answers: [
				{ name: null, answer: 'object', reason: reasons[0] },
				{ name: null, answer: 'consent', reason: reasons[1] }
			]
		});

		const personal = people.flatMap((p) => [p.name, p.welcome.participantId]);
		const docs = w.updates.map((u) => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, u);
			return JSON.stringify(doc.toJSON());
		});
		docs.push(JSON.stringify(w.doc.toJSON()));
		for (const text of docs) for (const x of personal) expect(text).not.toContain(x);
		const linked = (text: string) =>
			personal.some((x) => text.includes(x)) && reasons.some((r) => text.includes(r));
		for (const text of [...rowsDuring, ...dumpStorage(), ...seen, ...server.logs]) {
			expect(linked(text), text.slice(0, 300)).toBe(false);
		}
		expect(seen.length).toBeGreaterThan(0);
	});

	it('participants cannot start rounds, amend, close or edit the log; bad input changes nothing', async () => {
		const { facilitator, people, wid } = await group(['Ffion']);
		const w = watch(wid, 'decisions', people[0].welcome.yjsTicket);
		await w.synced;
		const { id } = unwrap(await request(facilitator, 'decisions:new', { proposal: 'Plan A' }));
		await waitFor(() => decisionsOf(w).length === 1);
		const before = JSON.stringify(w.doc.toJSON());
		const p = people[0].socket;
		const attempts: Promise<Result<unknown>>[] = [
			request(p, 'decisions:new', { proposal: 'Mine' }),
			request(p, 'decisions:amend', { id, proposal: 'Changed' }),
			request(p, 'decisions:goRound', { id, kind: 'clarifying' }),
			request(p, 'decisions:options', { id, mode: 'named', concernAllowed: true }),
			request(p, 'decisions:startConsent', { id }),
			request(p, 'decisions:closeConsent', { id }),
			request(p, 'decisions:cancelConsent', { id }),
			request(p, 'decisions:withdraw', { id }),
			request(p, 'decisions:reviewDate', { id, date: '2099-01-01' })
		];
		// Nor export the record, close or delete the workshop.
		const rowsBefore = dumpStorage().sort();
		attempts.push(
			request(p, 'record:download', {}),
			request(p, 'closing:close', {}),
			request(p, 'closing:delete', {})
		);
		for (const reply of await Promise.all(attempts)) {
			expect(failure(reply)?.code).toBe('not-allowed');
		}
		// Nor edit the log directly: their document connection is read-only, and its edit goes nowhere.
		const room = (await server.server.services.rooms.loaded(docName(wid, 'decisions')))!;
		const dropped = room.droppedFromReadOnly;
		w.doc.getMap('decisions').set('view', { decisions: [] });
		await expect.poll(() => room.droppedFromReadOnly).toBeGreaterThan(dropped);
		expect(dumpStorage().sort()).toEqual(rowsBefore);
		expect((room.doc.getMap('decisions').get('view') as DecisionsView).decisions).toHaveLength(1);
		// Bad input from a facilitator: clear errors, nothing changed.
		expect(failure(await request(facilitator, 'decisions:new', { proposal: ' ' }))?.code).toBe(
			'empty'
		);
		expect(
			failure(await request(facilitator, 'decisions:amend', { id, proposal: 'Plan A' }))?.code
		).toBe('unchanged');
		expect(failure(await request(facilitator, 'decisions:closeConsent', { id }))?.code).toBe(
			'wrong-stage'
		);
		expect(
			failure(await request(p, 'decisions:answer', { id, answer: 'consent', reason: null }))?.code
		).toBe('wrong-stage');
		expect(
			failure(await request(facilitator, 'decisions:amend', { id: 'x'.repeat(20), proposal: 'B' }))
				?.code
		).toBe('not-found');
		const odd = (await rawRequest(facilitator, 'decisions:new', { proposal: 5 })) as {
			ok: boolean;
		};
		expect(odd.ok).toBe(false);
		const fresh = watch(wid, 'decisions', people[0].welcome.yjsTicket);
		await fresh.synced;
		// A fresh reader sees the log exactly as it was (the refused edit stayed on that one client).
		expect(JSON.stringify({ decisions: { view: fresh.view() } })).toBe(before);
	});

	it('lets a participant take their name out of named rounds until the workshop closes', async () => {
		const { facilitator, people, wid } = await group(['Gwyn', 'Hywel']);
		const w = watch(wid, 'decisions', people[0].welcome.yjsTicket);
		await w.synced;
		const { id } = unwrap(await request(facilitator, 'decisions:new', { proposal: 'Named one' }));
		unwrap(
			await request(facilitator, 'decisions:options', { id, mode: 'named', concernAllowed: false })
		);
		unwrap(await request(facilitator, 'decisions:startConsent', { id }));
		for (const p of people) {
			unwrap(
				await request(p.socket, 'decisions:answer', {
					id,
					answer: 'consent',
					reason: `Because ${p.name}`
				})
			);
		}
		unwrap(await request(facilitator, 'decisions:closeConsent', { id }));
		const withdrawn = unwrap(await request(people[0].socket, 'decisions:withdrawMine', {}));
		expect(withdrawn).toEqual({ withdrawn: 1 });
		await waitFor(() => {
			const r = decisionsOf(w)[0]?.rounds[0];
			return r?.kind === 'consent' && r.answers.length === 1;
		});
		const round = decisionsOf(w)[0].rounds[0];
		expect(round).toMatchObject({
			counts: { consent: 2 },
			answers: [{ name: 'Hywel', answer: 'consent', reason: 'Because Hywel' }]
		});
		expect(JSON.stringify(w.doc.toJSON())).not.toContain('Because Gwyn');
		// Gone from storage at once, not at the next compaction: no stored document update holds the
		// name or the reason, and after a checkpoint neither do the raw database files (WAL included).
		const docRows = dumpStorage().filter((r) => r.includes('"doc":'));
		expect(docRows.some((r) => r.includes('Because Hywel'))).toBe(true);
		for (const row of docRows) expect(row).not.toContain('Gwyn');
		expect(dumpStorage().join('\n')).not.toContain('Because Gwyn');
		expect(dumpStorage().join('\n')).toContain('Because Hywel');
		expect(rawFilesAfterCheckpoint()).not.toContain('Because Gwyn');
		expect(rawFilesAfterCheckpoint()).toContain('Because Hywel');
		unwrap(await request(facilitator, 'closing:close', {}));
		expect(failure(await request(people[1].socket, 'decisions:withdrawMine', {}))?.code).toBe(
			'workshop-closed'
		);
	});

	it('takes a review date from a facilitator only: set, changed, cleared, bad dates refused; in the log and every export', async () => {
		const { facilitator, people, wid } = await group(['Iolo']);
		const w = watch(wid, 'decisions', people[0].welcome.yjsTicket);
		await w.synced;
		const { id } = unwrap(
			await request(facilitator, 'decisions:new', { proposal: 'Reviewed one' })
		);
		const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
		const shown = () => decisionsOf(w).find((x) => x.id === id)?.reviewDate;

		expect(
			failure(await request(people[0].socket, 'decisions:reviewDate', { id, date: inDays(30) }))
				?.code
		).toBe('not-allowed');
		for (const [date, code] of [
			[inDays(-2), 'date-in-past'],
			['2031-02-30', 'invalid-date'],
			['2999-01-01', 'date-too-far']
		] as const) {
			const refused = failure(await request(facilitator, 'decisions:reviewDate', { id, date }));
			expect(refused, date).toMatchObject({ code, field: 'reviewDate' });
			expect(refused?.message.length).toBeGreaterThan(0);
		}
		expect(
			(await rawRequest(facilitator, 'decisions:reviewDate', { id, date: '1 March' })) as {
				error: { code: string };
			}
		).toMatchObject({ ok: false, error: { code: 'bad-input' } });
		expect(shown()).toBeNull();

		unwrap(await request(facilitator, 'decisions:reviewDate', { id, date: inDays(30) }));
		await waitFor(() => shown() === inDays(30));
		unwrap(await request(facilitator, 'decisions:reviewDate', { id, date: inDays(60) }));
		await waitFor(() => shown() === inDays(60));

		const files = unwrap(await request(facilitator, 'record:download', {}));
		const json = JSON.parse(files.json) as {
			decisions: { proposal: string; reviewDate: unknown }[];
		};
		expect(checkRecord(json)).toEqual([]);
		expect(json.decisions.find((x) => x.proposal === 'Reviewed one')?.reviewDate).toBe(inDays(60));
		const rows = parseCsv(files.csv.decisions);
		const column = rows[0].indexOf('Review date');
		expect(column).toBeGreaterThan(0);
		expect(rows.find((r) => r.includes('Reviewed one'))?.[column]).toBe(inDays(60));
		const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
			new Date(`${inDays(60)}T00:00:00Z`)
		);
		expect(files.html).toContain(`To be reviewed on ${day}.`);

		unwrap(await request(facilitator, 'decisions:reviewDate', { id, date: null }));
		await waitFor(() => shown() === null);
		const cleared = JSON.parse(unwrap(await request(facilitator, 'record:download', {})).json) as {
			decisions: { proposal: string; reviewDate: unknown }[];
		};
		expect(cleared.decisions.find((x) => x.proposal === 'Reviewed one')?.reviewDate).toBeNull();
	});
});
