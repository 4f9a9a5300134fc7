/**
 * The people of a workshop through real sockets: one device stays one person however often it
 * joins, and facilitators hear each change to the list, not the whole list again.
 */
import { describe, expect, it } from 'vitest';
import { BOARD_MAPS } from '../../src/lib/features/ideas/model.ts';
import type { Result } from '../../src/lib/shared/result.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	connect,
	openWorkshop,
	peopleOf,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer({ limits: { participantsPerWorkshop: 1000 } });

/** Sends again after a pause when the connection's rate limit answers: this test is about budgets. */
async function patient<T>(send: () => Promise<Result<T>>): Promise<Result<T>> {
	for (;;) {
		const reply = await send();
		if (reply.ok || reply.error.code !== 'too-fast') return reply;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

describe('one device, one person', () => {
	it('joining again on the same connection is the same person, so the votes stay within the budget', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url, 'One device');
		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: 'Which first?',
				mode: 'silent',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		const idea = unwrap(await request(facilitator, 'ideas:add', { text: 'Ramps' })).id;
		unwrap(await request(facilitator, 'ideas:advance', { to: 'group' }));
		unwrap(await request(facilitator, 'ideas:advance', { to: 'vote' }));

		const device = await connect(server.url);
		const people = new Set<string>();
		let dots = 0;
		for (let i = 0; i < 20; i++) {
			const welcome = unwrap(
				await patient(() =>
					request(device, 'participant:join', {
						code: created.code,
						name: `Me ${i}`,
						role: 'carer'
					})
				)
			);
			people.add(welcome.participantId);
			const mine = await patient(() => request(device, 'ideas:my-votes', {}));
			if (!mine.ok || !mine.data.ballot) continue;
			for (let k = 0; k < 3; k++) {
				const ballot = mine.data.ballot;
				if ((await patient(() => request(device, 'ideas:vote', { id: idea, ballot }))).ok) {
					dots++;
				}
			}
		}
		expect(people.size).toBe(1);
		expect(dots).toBeLessThanOrEqual(3);
		unwrap(await request(facilitator, 'ideas:advance', { to: 'results' }));
		const y = yjsClient(server.url, docName(opened.workshopId, 'board'), opened.yjsTicket);
		await y.synced;
		expect(y.doc.getMap(BOARD_MAPS.totals).get(idea)).toBe(dots);
		expect(dots).toBeGreaterThan(0);
	});
});

describe('the facilitators’ list of people', () => {
	it('costs bounded bytes per join, however big the room', async () => {
		const { facilitator, created } = await openWorkshop(server.url, 'Big room');
		const JOINS = 600;
		const sockets: TestSocket[] = [];
		for (let i = 0; i < JOINS; i += 50) {
			sockets.push(...(await Promise.all(Array.from({ length: 50 }, () => connect(server.url)))));
		}
		// Everything the facilitator's connection receives while people join.
		const received: number[] = [];
		let bytes = 0;
		let biggestChange = 0;
		facilitator.onAny((event: string, ...args: unknown[]) => {
			const size = JSON.stringify(args).length;
			bytes += size;
			if (event === 'people') biggestChange = Math.max(biggestChange, size);
		});
		for (let i = 0; i < JOINS; i++) {
			unwrap(
				await request(sockets[i], 'participant:join', {
					code: created.code,
					name: `Person ${i + 1}`,
					role: 'carer'
				})
			);
			received.push(bytes);
		}
		await waitFor(() => peopleOf(facilitator).length === JOINS, 10_000);
		expect(new Set(peopleOf(facilitator).map((p) => p.name)).size).toBe(JOINS);
		// Each change to the list is one person, however big the room (the whole list was 22.6 MB).
		expect(biggestChange).toBeLessThan(300);
		// Everything that reached the facilitator (the balance view too, sent at most once a second)
		// stays small per join, and does not grow with the room.
		const perJoin = (from: number, to: number) =>
			(received[to - 1] - received[from - 1]) / (to - from);
		expect(perJoin(1, 100)).toBeLessThan(4000);
		expect(perJoin(JOINS - 100, JOINS)).toBeLessThan(4000);
		expect(bytes).toBeLessThan(JOINS * 4000);
		// How long joins take is for the bench, not a test: a loaded machine makes any bound flaky.
	}, 60_000);
});
