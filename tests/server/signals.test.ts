/**
 * Signals through real sockets, with the server's clock in the test's hand: counts reach
 * facilitators only on publishing ticks, never at the moment of a tap; the minute rule, taking
 * back, the room screen's copy only when shared; and nothing any other connection receives, no
 * document, stored row or log line links a signal to the person who sent it.
 */
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ROOM_SIGNALS_KEY,
	ROOM_SIGNALS_MAP,
	type SignalsView
} from '../../src/lib/features/signals/feature.ts';
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

/** Starts just after a tick, so the next one is almost a whole cadence away. */
const clock = { now: 1_800_000_000_000 + 1 };
const server = useTestServer({ now: () => clock.now });
const board = () => server.server.services.features.signals;

/** Moves the server's clock to the next publishing tick and lets that tick publish. */
async function nextTick(workshopId: string) {
	clock.now = (Math.floor(clock.now / PUBLISH_EVERY_MS) + 1) * PUBLISH_EVERY_MS;
	await board().publishNow(workshopId);
	clock.now += 1;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function workshopWith(names: string[]) {
	const w = await openWorkshop(server.url);
	const people = [];
	const latest: number[] = [];
	for (const name of names) {
		const p = await joinAs(server.url, w.created.code, name);
		const i = people.push(p) - 1;
		latest[i] = p.welcome.here;
		p.socket.on('presence', ({ count }) => (latest[i] = count));
	}
	// The head count of arrivals in a burst is sent once, a moment later: let it arrive first.
	await waitFor(() => latest.every((n) => n === names.length));
	return { ...w, people };
}

/** Records every event and every command reply a socket receives, with when it arrived. */
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

describe('counts', () => {
	it('reach facilitators on the next tick, not at the tap, and fall when a signal is taken back', async () => {
		const w = await workshopWith(['Ann', 'Bob']);
		const counts = record(w.facilitator, 'signals:counts');
		const mine = unwrap(await request(w.people[0].socket, 'signals:send', { signal: 'slow-down' }));
		expect(mine['slow-down']).toEqual({ sent: true, retryAfterMs: 60_000 });
		unwrap(await request(w.people[1].socket, 'signals:send', { signal: 'slow-down' }));
		unwrap(await request(w.people[1].socket, 'signals:send', { signal: 'cant-hear' }));
		// Almost a whole cadence to the tick: nothing may go out meanwhile.
		await sleep(400);
		expect(counts).toEqual([]);
		// Asking does not reveal a fresh tap either: it answers with the last published counts.
		const asked = unwrap(await request(w.facilitator, 'signals:get', {}));
		expect(asked.counts['slow-down']).toBe(0);

		await nextTick(w.opened.workshopId);
		await waitFor(() => counts.length === 1);
		expect(counts[0].at % PUBLISH_EVERY_MS).toBe(0);
		expect(counts[0].counts).toEqual({
			'slow-down': 2,
			'plain-words': 0,
			'need-break': 0,
			'cant-hear': 1
		});

		const back = unwrap(
			await request(w.people[1].socket, 'signals:take-back', { signal: 'slow-down' })
		);
		expect(back['slow-down'].sent).toBe(false);
		expect(
			failure(await request(w.people[1].socket, 'signals:take-back', { signal: 'slow-down' }))?.code
		).toBe('not-sent');
		await sleep(200);
		expect(counts).toHaveLength(1);
		await nextTick(w.opened.workshopId);
		await waitFor(() => counts.length === 2);
		expect(counts[1].counts['slow-down']).toBe(1);

		// An unchanged count is not sent again; two minutes on, every tap has left the window.
		await nextTick(w.opened.workshopId);
		await sleep(100);
		expect(counts).toHaveLength(2);
		clock.now += 120_000;
		await nextTick(w.opened.workshopId);
		await waitFor(() => counts.length === 3);
		expect(Object.values(counts[2].counts)).toEqual([0, 0, 0, 0]);
	});

	it('refuses the same signal again within a minute with a clear message, and allows it after', async () => {
		const w = await workshopWith(['Cai']);
		const p = w.people[0].socket;
		unwrap(await request(p, 'signals:send', { signal: 'plain-words' }));
		clock.now += 30_000;
		const again = failure(await request(p, 'signals:send', { signal: 'plain-words' }));
		expect(again?.code).toBe('too-soon');
		expect(again?.message).toMatch(/less than a minute ago/);
		// Taking back does not reset the minute: otherwise send, take back, send would pulse a count.
		unwrap(await request(p, 'signals:take-back', { signal: 'plain-words' }));
		expect(failure(await request(p, 'signals:send', { signal: 'plain-words' }))?.code).toBe(
			'too-soon'
		);
		// Another signal is not held up by it.
		unwrap(await request(p, 'signals:send', { signal: 'need-break' }));
		const mine = unwrap(await request(p, 'signals:mine', {}));
		expect(mine['need-break'].sent).toBe(true);
		expect(mine['plain-words'].sent).toBe(false);
		clock.now += 30_001;
		unwrap(await request(p, 'signals:send', { signal: 'plain-words' }));
	});

	it('prompts facilitators once when enough people need a break', async () => {
		const w = await workshopWith(['Dee', 'Eli', 'Fay']);
		const counts = record(w.facilitator, 'signals:counts');
		unwrap(await request(w.people[0].socket, 'signals:send', { signal: 'need-break' }));
		await nextTick(w.opened.workshopId);
		await waitFor(() => counts.length === 1);
		expect(counts[0]).toMatchObject({ breakWanted: false, breakPrompt: false });
		unwrap(await request(w.people[1].socket, 'signals:send', { signal: 'need-break' }));
		await nextTick(w.opened.workshopId);
		await waitFor(() => counts.length === 2);
		expect(counts[1]).toMatchObject({ breakWanted: true, breakPrompt: true });
		unwrap(await request(w.people[2].socket, 'signals:send', { signal: 'need-break' }));
		await nextTick(w.opened.workshopId);
		await waitFor(() => counts.length === 3);
		expect(counts[2]).toMatchObject({ breakWanted: true, breakPrompt: false });
	});
});

describe('authority and bad input', () => {
	it('a participant cannot read counts or share them, and receives none', async () => {
		const w = await workshopWith(['Gus', 'Hal']);
		const seen = record(w.people[1].socket, 'signals:counts');
		for (const [name, payload] of [
			['signals:get', {}],
			['signals:show-on-room', { show: true }]
		] as const) {
			const r = (await rawRequest(w.people[0].socket, name, payload)) as {
				ok: boolean;
				error: { code: string };
			};
			expect(r.ok).toBe(false);
			expect(r.error.code).toBe('not-allowed');
		}
		expect(unwrap(await request(w.facilitator, 'signals:get', {})).showOnRoomScreen).toBe(false);
		unwrap(await request(w.people[0].socket, 'signals:send', { signal: 'slow-down' }));
		await nextTick(w.opened.workshopId);
		await sleep(200);
		expect(seen).toEqual([]);
		// The document participants can sync holds nothing until the facilitator shares.
		const doc = yjsClient(
			server.url,
			docName(w.opened.workshopId, 'signals'),
			w.people[1].welcome.yjsTicket
		);
		await doc.synced;
		expect(doc.doc.getMap(ROOM_SIGNALS_MAP).has(ROOM_SIGNALS_KEY)).toBe(false);
	});

	it('a facilitator cannot send a signal; unknown signals and bad payloads change nothing', async () => {
		const w = await workshopWith(['Ivy']);
		const f = (await rawRequest(w.facilitator, 'signals:send', { signal: 'slow-down' })) as {
			ok: boolean;
			error: { code: string };
		};
		expect(f.error.code).toBe('not-allowed');
		for (const payload of [
			{ signal: 'shout' },
			{ signal: 'slow-down', extra: 1 },
			[],
			'slow-down',
			null
		]) {
			const r = (await rawRequest(w.people[0].socket, 'signals:send', payload)) as {
				ok: boolean;
				error: { code: string };
			};
			expect(r.ok).toBe(false);
			expect(r.error.code).toBe('bad-input');
		}
		const mine = unwrap(await request(w.people[0].socket, 'signals:mine', {}));
		expect(Object.values(mine).every((s) => !s.sent)).toBe(true);
		const counts = record(w.facilitator, 'signals:counts');
		await nextTick(w.opened.workshopId);
		await sleep(150);
		expect(counts).toEqual([]);
	});
});

describe('the room screen', () => {
	it('shows counts only while the facilitator shares them, as of a tick', async () => {
		const w = await workshopWith(['Jon']);
		const room = unwrap(await request(w.facilitator, 'room:open', { code: w.created.code }));
		const doc = yjsClient(server.url, docName(w.opened.workshopId, 'signals'), room.yjsTicket);
		await doc.synced;
		const map = doc.doc.getMap(ROOM_SIGNALS_MAP);
		unwrap(await request(w.people[0].socket, 'signals:send', { signal: 'cant-hear' }));
		unwrap(await request(w.facilitator, 'signals:show-on-room', { show: true }));
		expect(
			failure(await request(w.facilitator, 'signals:show-on-room', { show: true }))?.code
		).toBe('unchanged');
		// Sharing shows what was last published (nothing yet), not the tap that has not ticked.
		await waitFor(() => map.has(ROOM_SIGNALS_KEY));
		expect(
			(map.get(ROOM_SIGNALS_KEY) as { counts: Record<string, number> }).counts['cant-hear']
		).toBe(0);
		await nextTick(w.opened.workshopId);
		await waitFor(
			() =>
				(map.get(ROOM_SIGNALS_KEY) as { counts: Record<string, number> }).counts['cant-hear'] === 1
		);
		expect((map.get(ROOM_SIGNALS_KEY) as { at: number }).at % PUBLISH_EVERY_MS).toBe(0);
		unwrap(await request(w.facilitator, 'signals:show-on-room', { show: false }));
		await waitFor(() => !map.has(ROOM_SIGNALS_KEY));
	});
});

describe('anonymity', () => {
	it('nothing sent to any other connection, no document, stored row or log line links a signal to its sender', async () => {
		const w = await workshopWith(['Quentin Marrow', 'Rhiannon Vale', 'Sorcha Penn']);
		const wid = w.opened.workshopId;
		const facilitatorSaw: { at: number; text: string }[] = [];
		capture(w.facilitator, facilitatorSaw);
		const seen = w.people.map(() => [] as { at: number; text: string }[]);
		w.people.forEach((p, i) => capture(p.socket, seen[i]));
		const room = unwrap(await request(w.facilitator, 'room:open', { code: w.created.code }));
		const docUpdates: { at: number; update: Uint8Array }[] = [];
		const doc = yjsClient(server.url, docName(wid, 'signals'), room.yjsTicket);
		await doc.synced;
		doc.doc.on('update', (u: Uint8Array) => docUpdates.push({ at: Date.now(), update: u }));
		unwrap(await request(w.facilitator, 'signals:show-on-room', { show: true }));
		await waitFor(() => doc.doc.getMap(ROOM_SIGNALS_MAP).has(ROOM_SIGNALS_KEY));

		const taps: { at: number; person: number }[] = [];
		const plan = [
			[0, 'slow-down'],
			[1, 'slow-down'],
			[2, 'need-break'],
			[1, 'cant-hear']
		] as const;
		for (const [person, signal] of plan) {
			unwrap(await request(w.people[person].socket, 'signals:send', { signal }));
			taps.push({ at: Date.now(), person });
		}
		unwrap(await request(w.people[2].socket, 'signals:take-back', { signal: 'need-break' }));
		taps.push({ at: Date.now(), person: 2 });
		const lastTap = Date.now();
		await sleep(400);
		// Timing: in the 400 ms after the taps, no count went anywhere: not to facilitators, not to
		// any participant, not into the room screen's document.
		const afterTaps = (list: { at: number; text: string }[]) =>
			list.filter((m) => m.at >= taps[0].at && !m.text.startsWith('["reply:'));
		expect(afterTaps(facilitatorSaw).filter((m) => m.text.includes('signals:counts'))).toEqual([]);
		for (const list of seen) expect(afterTaps(list)).toEqual([]);
		expect(docUpdates.filter((u) => u.at >= taps[0].at)).toEqual([]);

		await nextTick(wid);
		await waitFor(() =>
			facilitatorSaw.some((m) => m.at > lastTap && m.text.includes('signals:counts'))
		);
		await waitFor(() => docUpdates.some((u) => u.at > lastTap));
		const published = facilitatorSaw
			.filter((m) => m.text.startsWith('["signals:counts"'))
			.map((m) => (JSON.parse(m.text) as [string, [SignalsView]])[1][0]);
		expect(published.at(-1)?.counts).toEqual({
			'slow-down': 2,
			'plain-words': 0,
			'need-break': 0,
			'cant-hear': 1
		});
		for (const view of published) expect(view.at % PUBLISH_EVERY_MS).toBe(0);

		const personal = w.people.flatMap((p, i) => [
			['Quentin Marrow', 'Rhiannon Vale', 'Sorcha Penn'][i],
			p.welcome.participantId,
			p.welcome.participantKey
		]);
		const signalWords = ['slow-down', 'plain-words', 'need-break', 'cant-hear', 'signals'];
		const linked = (text: string) =>
			personal.some((x) => text.includes(x)) && signalWords.some((x) => text.includes(x));

		// What the facilitator received: counts, with nobody's name or id beside them.
		for (const m of facilitatorSaw) expect(linked(m.text), m.text.slice(0, 200)).toBe(false);
		// Each participant received only replies to their own taps; nothing of anyone else's.
		for (const [i, list] of seen.entries()) {
			for (const m of list) {
				if (m.text.startsWith('["reply:signals:')) continue;
				expect(
					signalWords.some((x) => m.text.includes(x)),
					m.text.slice(0, 200)
				).toBe(false);
			}
			const others = w.people.filter((_, j) => j !== i).flatMap((p) => [p.welcome.participantId]);
			for (const m of list) for (const x of others) expect(m.text).not.toContain(x);
		}
		// The room screen's document: counts and a tick, nothing else.
		const texts = docUpdates.map(({ update }) => {
			const d = new Y.Doc();
			Y.applyUpdate(d, update);
			return JSON.stringify(d.toJSON()) + Buffer.from(update).toString('latin1');
		});
		texts.push(JSON.stringify(doc.doc.toJSON()));
		for (const text of texts) for (const x of personal) expect(text).not.toContain(x);
		expect(
			Object.keys(doc.doc.getMap(ROOM_SIGNALS_MAP).get(ROOM_SIGNALS_KEY) as object).sort()
		).toEqual(['at', 'counts']);
		// Storage: only the facilitator's sharing choice; no tap, no time, no person.
		for (const row of dumpStorage()) expect(linked(row), row.slice(0, 200)).toBe(false);
		const signalRows = dumpStorage().filter((row) => row.includes('"signals"'));
		for (const row of signalRows) {
			for (const s of signalWords.slice(0, 4)) expect(row).not.toContain(s);
		}
		// Logs: no tap is logged at all (a line's time would be the tap's time).
		expect(server.logs.length).toBeGreaterThan(0);
		for (const line of server.logs) {
			expect(linked(line), line.slice(0, 200)).toBe(false);
			for (const s of signalWords.slice(0, 4)) expect(line).not.toContain(s);
		}
	});
});
