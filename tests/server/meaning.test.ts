/**
 * "What does … mean?" through real sockets, with the server's clock in the test's hand: a question
 * reaches facilitators only on a publishing tick, merged and sorted with the others, never at the
 * moment it was asked; nothing any connection receives, no document, stored row or log line links
 * it to who asked; each person's limit; bad input through the one text rule; participants can
 * neither read nor dismiss questions; adding the word to the glossary answers it.
 */
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MeaningQuestion } from '../../src/lib/features/inclusion/model.ts';
import { ASK_WINDOW_MS, MAX_ASKS_PER_PERSON } from '../../src/lib/features/inclusion/model.ts';
import { PUBLISH_EVERY_MS } from '../../src/lib/features/signals/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	failure,
	joinAs,
	openWorkshop,
	rawRequest,
	record,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const clock = { now: 1_800_000_000_000 + 1 };
const server = useTestServer({ now: () => clock.now });
const questions = () => server.server.services.features.inclusion.questions;

/** Moves the server's clock to the next publishing tick and lets that tick release questions. */
async function nextTick(workshopId: string) {
	clock.now = (Math.floor(clock.now / PUBLISH_EVERY_MS) + 1) * PUBLISH_EVERY_MS;
	await questions().publishNow(workshopId);
	clock.now += 1;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function workshopWith(names: string[]) {
	const w = await openWorkshop(server.url);
	const people = [];
	for (const name of names) people.push(await joinAs(server.url, w.created.code, name));
	return { ...w, people };
}

/** Every event and every command reply a socket receives, with when it arrived. */
function capture(socket: TestSocket, into: { at: number; text: string }[]) {
	socket.onAny((event, ...args) =>
		into.push({ at: Date.now(), text: JSON.stringify([event, args]) })
	);
	const original = socket.emit.bind(socket) as unknown as (
		e: string,
		...a: unknown[]
	) => TestSocket;
	socket.emit = ((event: string, ...args: unknown[]) => {
		const ack = args.at(-1);
		if (typeof ack === 'function') {
			args[args.length - 1] = (...reply: unknown[]) => {
				into.push({ at: Date.now(), text: JSON.stringify([`reply:${event}`, reply]) });
				(ack as (...r: unknown[]) => void)(...reply);
			};
		}
		return original(event, ...args);
	}) as unknown as typeof socket.emit;
}

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

const terms = (list: MeaningQuestion[]) => list.map((q) => [q.term, q.count]);

describe('anonymity, including timing', () => {
	it('questions reach facilitators only on a tick, merged and sorted, and nothing links one to who asked', async () => {
		const names = ['Quentin Marrow', 'Rhiannon Vale', 'Sorcha Penn'];
		const w = await workshopWith(names);
		const wid = w.opened.workshopId;
		const facilitatorSaw: { at: number; text: string }[] = [];
		capture(w.facilitator, facilitatorSaw);
		const seen = w.people.map(() => [] as { at: number; text: string }[]);
		w.people.forEach((p, i) => capture(p.socket, seen[i]));
		// The document everyone syncs (glossary, rules) must not carry a question either.
		const doc = yjsClient(server.url, docName(wid, 'inclusion'), w.people[0].welcome.yjsTicket);
		await doc.synced;
		const docUpdates: Uint8Array[] = [];
		doc.doc.on('update', (u: Uint8Array) => docUpdates.push(u));

		const asked = Date.now();
		const plan = [
			[0, 'Tariff'],
			[1, 'advocacy'],
			[2, 'tariff'],
			[1, 'Outcome framework']
		] as const;
		for (const [person, term] of plan) {
			expect(unwrap(await request(w.people[person].socket, 'meaning:ask', { term }))).toBeNull();
		}
		await sleep(400);
		// Timing: nothing went to anyone in the time after the asks, and asking for the list does
		// not reveal a question that has not ticked.
		// Head counts from the joins above are gathered for up to a second and carry only a number.
		const afterAsks = (list: { at: number; text: string }[]) =>
			list.filter(
				(m) => m.at >= asked && !m.text.startsWith('["reply:') && !m.text.startsWith('["presence"')
			);
		expect(afterAsks(facilitatorSaw)).toEqual([]);
		for (const list of seen) expect(afterAsks(list)).toEqual([]);
		expect(unwrap(await request(w.facilitator, 'meaning:list', {}))).toEqual([]);

		await nextTick(wid);
		await waitFor(() => facilitatorSaw.some((m) => m.text.startsWith('["meaning:questions"')));
		const published = facilitatorSaw
			.filter((m) => m.text.startsWith('["meaning:questions"'))
			.map((m) => (JSON.parse(m.text) as [string, [MeaningQuestion[]]])[1][0]);
		// One delivery, all together, in term order (not the order asked), each a term and a count.
		expect(published).toHaveLength(1);
		expect(terms(published[0])).toEqual([
			['advocacy', 1],
			['Outcome framework', 1],
			['Tariff', 2]
		]);
		for (const q of published[0]) expect(Object.keys(q).sort()).toEqual(['count', 'id', 'term']);
		expect(terms(unwrap(await request(w.facilitator, 'meaning:list', {})))).toEqual(
			terms(published[0])
		);

		const personal = w.people.flatMap((p, i) => [
			names[i],
			p.welcome.participantId,
			p.welcome.participantKey
		]);
		const askWords = ['Tariff', 'tariff', 'advocacy', 'Outcome framework', 'meaning'];
		const linked = (text: string) =>
			personal.some((x) => text.includes(x)) && askWords.some((x) => text.includes(x));
		// The facilitator: terms and counts, with nobody's name or id beside them.
		for (const m of facilitatorSaw) expect(linked(m.text), m.text.slice(0, 200)).toBe(false);
		// Each participant: only the replies to their own asks, and nothing of anyone's question.
		for (const list of seen) {
			for (const m of list) {
				if (m.text.startsWith('["reply:meaning:ask"')) {
					expect(JSON.parse(m.text)[1].at(-1)).toEqual({ ok: true, data: null });
					continue;
				}
				expect(
					askWords.some((x) => m.text.includes(x)),
					m.text.slice(0, 200)
				).toBe(false);
			}
		}
		// The shared document never held a question.
		const docTexts = [
			JSON.stringify(doc.doc.toJSON()),
			...docUpdates.map((u) => Buffer.from(u).toString('latin1'))
		];
		for (const text of docTexts)
			for (const x of askWords.slice(0, 4)) expect(text).not.toContain(x);
		// Storage: the questions are kept (an acknowledgement means durable), without anyone.
		const rows = dumpStorage();
		expect(rows.some((row) => row.includes('Outcome framework'))).toBe(true);
		for (const row of rows) expect(linked(row), row.slice(0, 200)).toBe(false);
		const questionRows = rows.filter((row) => row.includes('meaning-questions'));
		expect(questionRows).toHaveLength(1);
		for (const key of ['personId', 'participant', 'at', 'time', 'asked']) {
			expect(Object.keys(JSON.parse(JSON.parse(questionRows[0]).value).shown[0])).not.toContain(
				key
			);
		}
		// Logs: no ask is logged at all (a line's time would be the ask's time).
		expect(server.logs.length).toBeGreaterThan(0);
		for (const line of server.logs) {
			expect(linked(line), line.slice(0, 200)).toBe(false);
			for (const x of askWords.slice(0, 4)) expect(line).not.toContain(x);
		}
	});
});

describe('answering', () => {
	it('adding the word to the glossary answers its questions; "Mark as answered" dismisses one', async () => {
		const w = await workshopWith(['Ann', 'Bob']);
		const wid = w.opened.workshopId;
		const lists = record(w.facilitator, 'meaning:questions');
		unwrap(await request(w.people[0].socket, 'meaning:ask', { term: 'Co-production' }));
		unwrap(await request(w.people[1].socket, 'meaning:ask', { term: 'Commissioning' }));
		await nextTick(wid);
		await waitFor(() => lists.length === 1);
		unwrap(
			await request(w.facilitator, 'glossary:add', {
				term: 'co-production',
				meaning: 'Working together as equals, from the start.'
			})
		);
		await waitFor(() => lists.length === 2);
		expect(terms(lists[1])).toEqual([['Commissioning', 1]]);
		const id = lists[1][0].id;
		unwrap(await request(w.facilitator, 'meaning:dismiss', { id }));
		await waitFor(() => lists.length === 3);
		expect(lists[2]).toEqual([]);
		expect(failure(await request(w.facilitator, 'meaning:dismiss', { id }))?.code).toBe(
			'no-such-item'
		);
		// Stored state follows: nothing is left once every question is answered.
		expect(
			dumpStorage().filter((row) => row.includes('meaning-questions') && row.includes(wid))
		).toEqual([]);
	});
});

describe('no loss', () => {
	it('an acknowledged question survives the workshop leaving memory, and goes out on the next tick', async () => {
		const w = await workshopWith(['Hal']);
		const wid = w.opened.workshopId;
		const lists = record(w.facilitator, 'meaning:questions');
		unwrap(await request(w.people[0].socket, 'meaning:ask', { term: 'Personal budget' }));
		await server.server.services.features.inclusion.evict(wid);
		expect(questions().holds(wid)).toBe(false);
		await questions().resume(wid);
		await nextTick(wid);
		await waitFor(() => lists.length === 1);
		expect(terms(lists[0])).toEqual([['Personal budget', 1]]);
	});
});

describe('limits, bad input and authority', () => {
	it('each person may ask a few questions in ten minutes, with a clear message after', async () => {
		const w = await workshopWith(['Cai', 'Dee']);
		const [cai, dee] = w.people.map((p) => p.socket);
		for (let i = 0; i < MAX_ASKS_PER_PERSON; i++) {
			unwrap(await request(cai, 'meaning:ask', { term: `word ${i}` }));
			clock.now += 1000;
		}
		const refused = failure(await request(cai, 'meaning:ask', { term: 'one more' }));
		expect(refused?.code).toBe('ask-limit');
		expect(refused?.message).toMatch(/5 questions in the last 10 minutes/);
		// Someone else is not held up by it.
		unwrap(await request(dee, 'meaning:ask', { term: 'one more' }));
		clock.now += ASK_WINDOW_MS;
		unwrap(await request(cai, 'meaning:ask', { term: 'later' }));
	});

	it('refuses empty, too long, deceptive and malformed questions, and none is queued', async () => {
		const w = await workshopWith(['Eli']);
		const p = w.people[0].socket;
		const cases: [unknown, string][] = [
			[{ term: '' }, 'empty'],
			[{ term: '   ' }, 'empty'],
			[{ term: 'x'.repeat(61) }, 'too-long'],
			[{ term: 'gnp\u202Eexe' }, 'control-characters'],
			[{ term: 'zero\u200Bwidth' }, 'control-characters'],
			[{ term: 'line\nbreak' }, 'control-characters'],
			[{ term: 42 }, 'bad-input'],
			[{ term: 'ok', extra: 1 }, 'bad-input'],
			[['ok'], 'bad-input'],
			[null, 'bad-input']
		];
		for (const [payload, code] of cases) {
			const r = (await rawRequest(p, 'meaning:ask', payload)) as {
				ok: boolean;
				error: { code: string; message: string };
			};
			expect([payload, r.ok, r.error.code]).toEqual([payload, false, code]);
			expect(r.error.message.length).toBeGreaterThan(0);
		}
		const lists = record(w.facilitator, 'meaning:questions');
		await nextTick(w.opened.workshopId);
		await sleep(100);
		expect(lists).toEqual([]);
		expect(unwrap(await request(w.facilitator, 'meaning:list', {}))).toEqual([]);
	});

	it('a participant cannot read or dismiss questions and receives none; a facilitator cannot ask', async () => {
		const w = await workshopWith(['Fay', 'Gus']);
		const wid = w.opened.workshopId;
		const otherSaw = record(w.people[1].socket, 'meaning:questions');
		unwrap(await request(w.people[0].socket, 'meaning:ask', { term: 'Tariff' }));
		await nextTick(wid);
		const [q] = unwrap(await request(w.facilitator, 'meaning:list', {}));
		for (const [name, payload] of [
			['meaning:list', {}],
			['meaning:dismiss', { id: q.id }]
		] as const) {
			const r = (await rawRequest(w.people[0].socket, name, payload)) as {
				ok: boolean;
				error: { code: string };
			};
			expect([name, r.ok, r.error.code]).toEqual([name, false, 'not-allowed']);
		}
		const f = (await rawRequest(w.facilitator, 'meaning:ask', { term: 'x' })) as {
			ok: boolean;
			error: { code: string };
		};
		expect(f.error.code).toBe('not-allowed');
		// Nothing changed: the question is still there, and no participant was sent it.
		expect(terms(unwrap(await request(w.facilitator, 'meaning:list', {})))).toEqual([
			['Tariff', 1]
		]);
		await sleep(100);
		expect(otherSaw).toEqual([]);
	});
});
