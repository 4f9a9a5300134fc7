/**
 * "An acknowledgement means durable", tried the hard way: several clients send a burst of mixed
 * commands (hands, turns, ideas, votes, suggestions, agenda edits) to a real server process, which
 * is killed with SIGKILL in the middle of it. After a restart, every command that was acknowledged
 * is there, votes included, and the only turn without an end is the one the queue says is current.
 */
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda } from '../../src/lib/features/agenda/model.ts';
import { readBoard } from '../../src/lib/features/ideas/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	connect,
	request,
	unwrap,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers/server.ts';

const dir = tempDataDir();
let child: ChildServer | null = null;
afterAll(async () => {
	closeClients();
	await child?.stop('SIGKILL');
	removeDir(dir);
});

/** Where a workshop is, and the keys to come back to it after the restart. */
interface Opened {
	socket: TestSocket;
	code: string;
	workshopId: string;
	facilitatorKey: string;
}

async function open(url: string, title: string): Promise<Opened> {
	const socket = await connect(url);
	const created = unwrap(await request(socket, 'workshop:create', { title, language: 'en' }));
	const opened = unwrap(
		await request(socket, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
	);
	return {
		socket,
		code: created.code,
		workshopId: opened.workshopId,
		facilitatorKey: created.facilitatorKey
	};
}

async function join(url: string, code: string, name: string) {
	const socket = await connect(url);
	const welcome = unwrap(await request(socket, 'participant:join', { code, name, role: 'carer' }));
	return { socket, id: welcome.participantId, key: welcome.participantKey };
}

function storedRecords(workshopId: string, feature: string, prefix: string) {
	const db = new DatabaseSync(path.join(dir, 'roundtable.db'), { readOnly: true });
	try {
		return (
			db
				.prepare(
					'select key, value from records where workshop_id = ? and feature = ? and substr(key, 1, length(?3)) = ?3 order by key'
				)
				.all(workshopId, feature, prefix) as { key: string; value: string }[]
		).map((r) => ({ key: r.key, value: r.value }));
	} finally {
		db.close();
	}
}

async function readDoc<T>(url: string, name: string, ticket: string, read: (doc: Y.Doc) => T) {
	const client = yjsClient(url, name, ticket, new Y.Doc());
	await client.synced;
	const value = read(client.doc);
	client.provider.destroy();
	return value;
}

describe('SIGKILL during a burst of acknowledged commands', () => {
	it(
		'loses none of them after a restart, and leaves no turn open but the current one',
		{
			timeout: 120_000
		},
		async () => {
			child = await spawnServer(dir);
			const collect = await open(child.url, 'Collecting ideas');
			const voting = await open(child.url, 'Voting');
			unwrap(
				await request(collect.socket, 'ideas:setup', {
					prompt: 'What would help?',
					mode: 'live',
					budget: 3,
					cap: 3,
					participantsGroup: false
				})
			);
			unwrap(
				await request(voting.socket, 'ideas:setup', {
					prompt: 'Pick',
					mode: 'silent',
					budget: 20,
					cap: 20,
					participantsGroup: false
				})
			);
			const ideaIds: string[] = [];
			for (const text of ['Ramps', 'Quiet room', 'Captions', 'Bus fares']) {
				ideaIds.push(unwrap(await request(voting.socket, 'ideas:add', { text })).id);
			}
			unwrap(await request(voting.socket, 'ideas:advance', { to: 'group' }));
			unwrap(await request(voting.socket, 'ideas:advance', { to: 'vote' }));

			// Enough people that the per-connection rate limits are not what sets the pace.
			const talkers = await Promise.all(
				Array.from({ length: 20 }, (_, n) => join(child!.url, collect.code, `Talker ${n}`))
			);
			const voters = await Promise.all(
				Array.from({ length: 8 }, (_, n) => join(child!.url, voting.code, `Voter ${n}`))
			);
			const ballots = await Promise.all(
				voters.map(async (v) => unwrap(await request(v.socket, 'ideas:my-votes', {})).ballot)
			);

			// What the clients were told, command by command.
			const acked = {
				agenda: [] as string[],
				suggestions: [] as string[],
				ideas: [] as string[],
				turnsStarted: 0,
				hands: new Map<string, { last: boolean; inFlight: boolean | null }>(),
				votes: new Map<string, { last: Record<string, number>; inFlight: string | null }>()
			};
			let total = 0;
			let stop = false;
			const KILL_AT = 900;
			const killed = new Promise<void>((resolve) => {
				const check = setInterval(() => {
					if (total < KILL_AT) return;
					clearInterval(check);
					stop = true;
					void child!.stop('SIGKILL').then(() => resolve());
				}, 1);
			});
			/** Runs one client's commands in order, counting only what was acknowledged. */
			const lane = async (step: (i: number) => Promise<boolean>) => {
				for (let i = 0; i < 400 && !stop; i++) {
					try {
						if (await step(i)) total++;
						// Refused (too fast, or nothing to do): a pause, not a spin.
						else await new Promise((r) => setTimeout(r, 50));
					} catch {
						return; // the server is gone
					}
				}
			};
			const ok = <T>(r: { ok: boolean; data?: T }) => r.ok;

			await Promise.race([
				Promise.all([
					// The facilitator: agenda items, and turns given and ended.
					lane(async (i) => {
						if (i % 3 === 0) {
							const r = await request(collect.socket, 'agenda:add', {
								title: `Item ${i}`,
								timeboxMinutes: 5
							});
							if (r.ok) acked.agenda.push(r.data.itemId);
							return ok(r);
						}
						if (i % 3 === 1) {
							// "Speaking now" always starts a turn (ending any other): one acknowledgement, one turn.
							const personId = talkers[i % talkers.length].id;
							const r = await request(collect.socket, 'queue:speakingNow', { personId });
							if (r.ok) acked.turnsStarted++;
							return ok(r);
						}
						// Nobody speaking is a clear refusal, not a loss.
						return ok(await request(collect.socket, 'queue:end', {}));
					}),
					// Participants: hands up and down, ideas, suggestions.
					...talkers.map((t, n) =>
						lane(async (i) => {
							if (i % 4 === 3) {
								const title = `Suggestion ${n}-${i}`;
								const r = await request(t.socket, 'agenda:suggest', { title });
								if (r.ok) acked.suggestions.push(title);
								return ok(r);
							}
							if (i % 4 === 2) {
								const r = await request(t.socket, 'ideas:add', { text: `Idea ${n}-${i}` });
								if (r.ok) acked.ideas.push(r.data.id);
								return ok(r);
							}
							const raise = i % 2 === 0;
							const state = acked.hands.get(t.id) ?? { last: false, inFlight: null };
							state.inFlight = raise;
							acked.hands.set(t.id, state);
							const r = raise
								? await request(t.socket, 'queue:raise', { kind: 'new' })
								: await request(t.socket, 'queue:lower', {});
							state.inFlight = null;
							if (r.ok) state.last = raise;
							return ok(r);
						})
					),
					// Voters: dots on and off, on their own ballots.
					...voters.map((v, n) =>
						lane(async (i) => {
							const id = ideaIds[(i + n) % ideaIds.length];
							const state = acked.votes.get(v.id) ?? { last: {}, inFlight: null };
							acked.votes.set(v.id, state);
							state.inFlight = id;
							const name = i % 3 === 2 ? 'ideas:unvote' : 'ideas:vote';
							const r = await request(v.socket, name, { id, ballot: ballots[n] });
							state.inFlight = null;
							if (r.ok) state.last = r.data.mine;
							return ok(r);
						})
					)
				]),
				killed
			]);
			await killed;
			closeClients();
			expect(total).toBeGreaterThanOrEqual(KILL_AT);

			// A short cadence: suggestions not yet delivered before the kill go out soon after.
			child = await spawnServer(dir, { BATCH_SECONDS: '0.1' });
			const f = await connect(child.url);
			const reopened = unwrap(
				await request(f, 'facilitator:open', { facilitatorKey: collect.facilitatorKey })
			);

			// Agenda items and suggestions.
			const agenda = await readDoc(
				child.url,
				docName(collect.workshopId, 'agenda'),
				reopened.yjsTicket,
				readAgenda
			);
			const items = new Set(agenda.items.map((i) => i.id));
			expect(acked.agenda.length).toBeGreaterThanOrEqual(10);
			for (const id of acked.agenda) expect(items.has(id), `agenda item ${id}`).toBe(true);
			// Stored before each acknowledgement; those not delivered yet reach facilitators on the cadence.
			await expect
				.poll(
					async () => {
						const titles = new Set(
							unwrap(await request(f, 'agenda:suggestions', {})).map((s) => s.title)
						);
						return acked.suggestions.filter((t) => !titles.has(t));
					},
					{ interval: 200 }
				)
				.toEqual([]);

			// Ideas: on the board already, or still held for the next batch (never lost).
			// Rows first: a batch going out meanwhile is on the board before its rows go.
			const held = new Set(
				storedRecords(collect.workshopId, 'ideas', 'pending:').map(
					(r) => (JSON.parse(r.value) as { id: string }).id
				)
			);
			const board = await readDoc(
				child.url,
				docName(collect.workshopId, 'board'),
				reopened.yjsTicket,
				readBoard
			);
			const onBoard = new Set(board.ideas.map((i) => i.id));
			expect(acked.ideas.length).toBeGreaterThanOrEqual(10);
			for (const id of acked.ideas)
				expect(onBoard.has(id) || held.has(id), `idea ${id}`).toBe(true);

			const queueState = JSON.parse(
				storedRecords(collect.workshopId, 'queue', 'state')[0].value
			) as {
				state: { hands: { personId: string }[]; current: { personId: string } | null };
				currentTurnId: number | null;
			};
			// Turns: every turn given was recorded, and only the current one has no end.
			const turns = storedRecords(collect.workshopId, 'queue', 'turn:').map((r) => ({
				id: Number(r.key.slice(5)),
				...(JSON.parse(r.value) as { personId: string; endedAt: number | null })
			}));
			expect(turns.length).toBeGreaterThanOrEqual(acked.turnsStarted);
			const unended = turns.filter((t) => t.endedAt === null);
			expect(unended.length).toBeLessThanOrEqual(1);
			if (unended.length === 1) {
				expect(unended[0].id).toBe(queueState.currentTurnId);
				expect(unended[0].personId).toBe(queueState.state.current?.personId);
			} else {
				expect(queueState.state.current).toBeNull();
			}

			// Hands: as last acknowledged, or as the one command still on its way when the server died;
			// a hand that was up may also be down because the facilitator gave that person the floor.
			const spoke = new Set(turns.map((t) => t.personId));
			const up = new Set(queueState.state.hands.map((h) => h.personId));
			for (const [personId, { last, inFlight }] of acked.hands) {
				const possible = new Set([last, ...(inFlight === null ? [] : [inFlight])]);
				if (last && spoke.has(personId)) possible.add(false);
				expect([...possible], `hand of ${personId}`).toContain(up.has(personId));
			}

			// Votes: each voter's ballot holds what they were last told, or that plus the one in flight.
			for (const [n, v] of voters.entries()) {
				const s = await connect(child.url);
				unwrap(
					await request(s, 'participant:resume', {
						code: voting.code,
						participantId: v.id,
						participantKey: v.key
					})
				);
				const mine = unwrap(await request(s, 'ideas:my-votes', { ballot: ballots[n] })).mine;
				const { last, inFlight } = acked.votes.get(v.id)!;
				if (inFlight === null) expect(mine).toEqual(last);
				else {
					const sameElsewhere = Object.keys({ ...mine, ...last }).every(
						(id) => id === inFlight || (mine[id] ?? 0) === (last[id] ?? 0)
					);
					expect(sameElsewhere, `ballot of voter ${n}`).toBe(true);
				}
			}
		}
	);
});
