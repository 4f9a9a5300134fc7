/**
 * The balance view through real sockets. Turns are scripted with the queue's own commands while
 * the test moves the server's injected clock, so every figure and flag is exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BalanceSelf, BalanceView } from '../../src/lib/features/balance/feature.ts';
import { DOC_KINDS } from '../../src/lib/features/index.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	closeYjs,
	failure,
	joinAs,
	openWorkshop,
	record,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const MIN = 60_000;
const T0 = 1_800_000_000_000;
let t = T0;
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer({ now: () => t });
});
afterAll(async () => {
	closeClients();
	await server.stop();
});

/** Ann, Bob, Cai and Dee join; the facilitator records every balance push. */
async function scriptedWorkshop() {
	const w = await openWorkshop(server.url);
	const pushes = record(w.facilitator, 'balance');
	const roles = {
		Ann: 'lived-experience',
		Bob: 'professional',
		Cai: 'carer',
		Dee: 'lived-experience'
	};
	const people: Record<string, { socket: TestSocket; id: string; ticket: string }> = {};
	for (const [name, role] of Object.entries(roles)) {
		const joined = await joinAs(server.url, w.created.code, name, role);
		people[name] = {
			socket: joined.socket,
			id: joined.welcome.participantId,
			ticket: joined.welcome.yjsTicket
		};
	}
	/** Runs a command, then waits for the balance push it causes, computed at the current time. */
	const act = async (socket: TestSocket, name: string, payload: object = {}) => {
		const before = pushes.length;
		unwrap(await request(socket, name as 'queue:next', payload as Record<string, never>));
		await waitFor(() => pushes.length > before && pushes.at(-1)!.at === t);
	};
	/** One queued turn from `from` minutes to `to` minutes after T0. */
	const turn = async (name: string, from: number, to: number) => {
		t = T0 + from * MIN;
		await act(people[name].socket, 'queue:raise', { kind: 'new' });
		await act(w.facilitator, 'queue:next');
		t = T0 + to * MIN;
		await act(w.facilitator, 'queue:end');
	};
	const get = async (minutes: number) => {
		t = T0 + minutes * MIN;
		return unwrap(await request(w.facilitator, 'balance:get', {}));
	};
	return { ...w, pushes, people, act, turn, get };
}

const row = (view: BalanceView, name: string) => view.people.find((p) => p.name === name)!;
const names = (view: BalanceView) => view.people.map((p) => p.name);

describe('figures and flags from scripted turns', () => {
	it('shows exact turns, times, ratios and flags; the flag holds, steps down and clears with hysteresis', async () => {
		const w = await scriptedWorkshop();
		await w.turn('Ann', 0, 1);
		await w.turn('Cai', 1, 2);
		await w.turn('Bob', 2, 8);

		// 8:00: 480 s of talk among N = 4. Bob: 360 s, r = 360 / 480 × 4 = 3.0 (red).
		let v = await w.get(8);
		expect(names(v)).toEqual(['Dee', 'Bob', 'Ann', 'Cai']);
		expect(row(v, 'Dee')).toMatchObject({ status: 'not-yet-heard', turns: 0, timeMs: 0, ratio: 0 });
		expect(row(v, 'Bob')).toMatchObject({
			status: 'red',
			share: 'red',
			turns: 1,
			timeMs: 6 * MIN,
			ratio: 3,
			reasons: ['share-red', 'long-turn']
		});
		expect(row(v, 'Ann')).toMatchObject({ status: 'ok', turns: 1, timeMs: MIN, ratio: 0.5 });
		expect(row(v, 'Cai')).toMatchObject({ status: 'ok', turns: 1, timeMs: MIN, ratio: 0.5 });
		expect(v.summary).toMatchObject({
			participants: 4,
			notYetHeard: 1,
			overTwiceShare: 1,
			overThreeTimesShare: 1
		});
		expect(v.shareGate).toBe('active');
		expect(v.sessionTimeMs).toBe(8 * MIN);
		expect(v.sessionTurns).toBe(3);
		expect(v.roles).toEqual([
			{ role: 'lived-experience', people: 2, peopleShare: 0.5, timeShare: 0.125, turnShare: 1 / 3 },
			{ role: 'professional', people: 1, peopleShare: 0.25, timeShare: 0.75, turnShare: 1 / 3 },
			{ role: 'carer', people: 1, peopleShare: 0.25, timeShare: 0.125, turnShare: 1 / 3 }
		]);
		expect(v.prompt).toBe('invite');

		// Dee starts speaking; her ongoing turn counts up to now.
		t = T0 + 8 * MIN;
		await w.act(w.people.Dee.socket, 'queue:raise', { kind: 'new' });
		await w.act(w.facilitator, 'queue:next');

		// 8:30: Bob r = 360 / 510 × 4 ≈ 2.82, below red, but red was entered 30 s ago: it holds.
		v = await w.get(8.5);
		expect(row(v, 'Bob').ratio).toBeCloseTo(2.8235, 4);
		expect(row(v, 'Bob').share).toBe('red');
		expect(row(v, 'Dee')).toMatchObject({ status: 'ok', speakingNow: true, turns: 1 });

		// 9:00: held 60 s, r ≈ 2.67 is still ≥ 1.5, so red steps down to amber.
		v = await w.get(9);
		expect(row(v, 'Bob')).toMatchObject({ status: 'amber', share: 'amber' });
		expect(v.summary.overThreeTimesShare).toBe(0);

		// 16:30: the window starts at 1:30. Bob 360 s of 900 s: r = 1.6, not below 1.5: it holds.
		v = await w.get(16.5);
		expect(row(v, 'Bob').ratio).toBeCloseTo(1.6, 10);
		expect(row(v, 'Bob').share).toBe('amber');
		expect(row(v, 'Dee').ratio).toBeCloseTo((510 * 4) / 900, 10);
		expect(row(v, 'Dee').share).toBe('amber');

		// 17:30: the window starts at 2:30. Bob 330 s of 900 s: r ≈ 1.47 < 1.5: the flag clears.
		v = await w.get(17.5);
		expect(row(v, 'Bob').ratio).toBeCloseTo((330 * 4) / 900, 10);
		expect(row(v, 'Bob')).toMatchObject({ share: 'ok' });
		expect(row(v, 'Bob').reasons).toEqual(['long-turn']);
		expect(v.summary).toMatchObject({ notYetHeard: 0, overThreeTimesShare: 0 });
		expect(names(v)[0]).toBe('Dee');
		await w.act(w.facilitator, 'queue:end');

		// The pushes to the facilitators carry the same figures as a request would.
		const last = w.pushes.at(-1)!;
		expect(last.at).toBe(t);
		expect(row(last, 'Dee').timeMs).toBe(9.5 * MIN);

		// The post-session summary: per role and Gini, and not one person id.
		const summary = unwrap(await request(w.facilitator, 'balance:summary', {}));
		expect(summary).toMatchObject({ participants: 4, heard: 4, turns: 4, timeMs: 17.5 * MIN });
		expect(summary.giniTime).toBeGreaterThan(0);
		expect(summary.giniTurns).toBe(0);
		const json = JSON.stringify(summary);
		for (const p of Object.values(w.people)) expect(json).not.toContain(p.id);
		for (const name of ['Ann', 'Bob', 'Cai', 'Dee']) expect(json).not.toContain(name);
	});

	it('suggests a go-round once a red flag has held for 2 minutes, and not while one runs', async () => {
		const w = await scriptedWorkshop();
		await w.turn('Bob', 0, 6);
		// 6:00: Bob has all 360 s of talk: r = 4, red from now.
		let v = await w.get(6);
		expect(row(v, 'Bob').share).toBe('red');
		expect(v.prompt).toBe('invite');
		await w.turn('Bob', 6, 7.5);
		v = await w.get(7.5);
		expect(v.prompt).toBe('invite');
		await w.turn('Bob', 7.5, 8);
		v = await w.get(8);
		expect(row(v, 'Bob')).toMatchObject({ status: 'red', ratio: 4, turns: 3 });
		expect(v.prompt).toBe('go-round');
		await w.act(w.facilitator, 'queue:goRound');
		v = await w.get(8);
		expect(v.goRoundRunning).toBe(true);
		expect(v.prompt).toBe('invite');
	});

	it('Invite moves a quiet person’s raised hand to the front', async () => {
		const w = await scriptedWorkshop();
		t = T0;
		await w.act(w.people.Ann.socket, 'queue:raise', { kind: 'new' });
		await w.act(w.people.Bob.socket, 'queue:raise', { kind: 'new' });
		await w.act(w.people.Dee.socket, 'queue:raise', { kind: 'new' });
		const v = unwrap(await request(w.facilitator, 'balance:get', {}));
		expect(row(v, 'Dee').handUp).toBe(true);
		expect(row(v, 'Cai').handUp).toBe(false);
		await w.act(w.facilitator, 'balance:invite', { personId: w.people.Dee.id });
		await w.act(w.facilitator, 'queue:next');
		const after = unwrap(await request(w.facilitator, 'balance:get', {}));
		expect(row(after, 'Dee').speakingNow).toBe(true);
		expect(
			failure(await request(w.facilitator, 'balance:invite', { personId: w.people.Cai.id }))?.code
		).toBe('not-in-queue');
		await w.act(w.facilitator, 'queue:end');
	});
});

describe('traffic capture', () => {
	it('no participant receives any balance figure; with the self-view on, only their own', async () => {
		t = T0;
		const w = await scriptedWorkshop();
		const events = new Map<string, [string, unknown][]>();
		const updates: Uint8Array[] = [];
		const docs: Y.Doc[] = [];
		const readers: ReturnType<typeof yjsClient>[] = [];
		for (const [name, p] of Object.entries(w.people)) {
			const seen: [string, unknown][] = [];
			p.socket.onAny((event: string, payload: unknown) => seen.push([event, payload]));
			events.set(name, seen);
			for (const kind of DOC_KINDS) {
				const client = yjsClient(server.url, docName(w.opened.workshopId, kind), p.ticket);
				client.doc.on('update', (u: Uint8Array) => updates.push(u));
				docs.push(client.doc);
				readers.push(client);
				await client.synced;
			}
		}

		await w.turn('Bob', 0, 6);
		await w.turn('Ann', 6, 7);
		t = T0 + 7 * MIN;
		await w.act(w.facilitator, 'queue:goRound');
		await w.act(w.people.Ann.socket, 'queue:speak');
		t = T0 + 8 * MIN;
		await w.act(w.people.Bob.socket, 'queue:speak');
		await w.act(w.people.Cai.socket, 'queue:pass');
		t = T0 + 8.5 * MIN;
		await w.act(w.people.Dee.socket, 'queue:speak');
		t = T0 + 9 * MIN;
		await w.act(w.facilitator, 'queue:end');
		unwrap(await request(w.facilitator, 'balance:get', {}));
		unwrap(await request(w.facilitator, 'balance:summary', {}));
		expect(w.pushes.length).toBeGreaterThan(5);

		const figureWords = /ratio|timeMs|timeShare|turnShare|status|gini|notYetHeard|share/i;
		for (const [, seen] of events) {
			expect(seen.map(([e]) => e).filter((e) => e !== 'presence')).toEqual([]);
		}
		for (const doc of docs) expect(JSON.stringify(doc.toJSON())).not.toMatch(figureWords);
		expect(updates.length).toBeGreaterThan(0);
		for (const u of updates) {
			expect(new TextDecoder().decode(u)).not.toMatch(/ratio|timeMs|timeShare|status/);
		}

		// The facilitator turns the private self-view on: each person gets their own figures only.
		unwrap(await request(w.facilitator, 'balance:selfView', { on: true }));
		const expected: Record<string, number> = {
			Ann: 2 * MIN,
			Bob: 6.5 * MIN,
			Cai: 0,
			Dee: 0.5 * MIN
		};
		for (const [name, seen] of events) {
			const own = await waitFor(
				() => seen.find(([e]) => e === 'balance:self')?.[1] as BalanceSelf | undefined
			);
			expect(Object.keys(own).sort()).toEqual(['equalShare', 'timeMs', 'timeShare', 'turns']);
			expect(own.timeMs).toBe(expected[name]);
			expect(own.timeShare).toBeCloseTo(expected[name] / (9 * MIN), 10);
			expect(own.equalShare).toBe(0.25);
			const others = Object.entries(w.people).filter(([n]) => n !== name);
			const text = JSON.stringify(seen);
			for (const [otherName, other] of others) {
				expect(text).not.toContain(other.id);
				expect(text).not.toContain(`"${otherName}"`);
			}
			expect(seen.map(([e]) => e).filter((e) => e !== 'presence' && e !== 'balance:self')).toEqual(
				[]
			);
		}

		// Off again: each person is told to clear it.
		unwrap(await request(w.facilitator, 'balance:selfView', { on: false }));
		for (const [, seen] of events) {
			await waitFor(() => seen.at(-1)?.[0] === 'balance:self' && seen.at(-1)?.[1] === null);
		}
		for (const reader of readers) closeYjs(reader);
	});
});

describe('authority', () => {
	it('refuses every balance command from a participant with not-allowed, and nothing changes', async () => {
		t = T0;
		const w = await scriptedWorkshop();
		const ann = w.people.Ann;
		const seen: string[] = [];
		ann.socket.onAny((e: string) => seen.push(e));
		const attempts: [string, object][] = [
			['balance:get', {}],
			['balance:summary', {}],
			['balance:selfView', { on: true }],
			['balance:invite', { personId: ann.id }]
		];
		await w.act(ann.socket, 'queue:raise', { kind: 'new' });
		for (const [name, payload] of attempts) {
			const reply = await request(ann.socket, name as 'balance:get', payload as never);
			expect(failure(reply)?.code, name).toBe('not-allowed');
		}
		// Nothing changed: the self-view is still off and Ann's hand is where it was.
		const v = unwrap(await request(w.facilitator, 'balance:get', {}));
		expect(v.selfView).toBe(false);
		expect(row(v, 'Ann').handUp).toBe(true);
		expect(seen.filter((e) => e !== 'presence')).toEqual([]);
	});

	it('refuses a malformed payload with bad-input', async () => {
		const w = await scriptedWorkshop();
		const bad = await request(w.facilitator, 'balance:selfView', { on: 'yes' } as never);
		expect(failure(bad)?.code).toBe('bad-input');
		const bad2 = await request(w.facilitator, 'balance:invite', { personId: 'x' });
		expect(failure(bad2)?.code).toBe('bad-input');
		expect(unwrap(await request(w.facilitator, 'balance:get', {})).selfView).toBe(false);
	});
});
