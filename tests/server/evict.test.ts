/**
 * A workshop nobody is connected to is dropped from server memory after the idle time, and comes
 * back intact from storage when someone joins again: agenda, suggestions, queue, turns, ideas and
 * votes alike. Without this a long-running server keeps every workshop it ever served.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readQueueView } from '../../src/lib/features/queue/view-doc.ts';
import { readAgenda } from '../../src/lib/features/agenda/model.ts';
import { readBoard } from '../../src/lib/features/ideas/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	connect,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	waitFor,
	yjsClient
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const IDLE_MS = 400;
// A short cadence: suggestions and live ideas go out soon after they are made.
const server = useTestServer({ workshopIdleMs: IDLE_MS, cadenceMs: 50 });

/** What a reader of the workshop's documents sees: the agenda, the queue view and the board. */
async function documents(url: string, workshopId: string, ticket: string) {
	const read = async <T>(kind: string, fn: (doc: Y.Doc) => T): Promise<T> => {
		const client = yjsClient(url, docName(workshopId, kind), ticket, new Y.Doc());
		await client.synced;
		const value = fn(client.doc);
		client.provider.destroy();
		return value;
	};
	return {
		agenda: await read('agenda', readAgenda),
		queue: await read('queue', readQueueView),
		board: await read('board', readBoard)
	};
}

describe('idle workshops', () => {
	it('are dropped from memory and come back intact when someone joins again', async () => {
		const services = server.server.services;
		const { facilitator, created, opened } = await openWorkshop(server.url, 'Evicted workshop');
		const wid = opened.workshopId;
		const ann = await joinAs(server.url, created.code, 'Ann');
		const bob = await joinAs(server.url, created.code, 'Bob');

		// Agenda: an item, started; a suggestion waiting.
		const { itemId } = unwrap(
			await request(facilitator, 'agenda:add', { title: 'Welcome', timeboxMinutes: 10 })
		);
		unwrap(await request(facilitator, 'agenda:start', { itemId }));
		unwrap(await request(ann.socket, 'agenda:suggest', { title: 'Transport costs' }));
		// Queue: Ann spoke, Bob is speaking now and his turn is still open.
		unwrap(await request(ann.socket, 'queue:raise', { kind: 'new' }));
		unwrap(await request(facilitator, 'queue:next', {}));
		unwrap(await request(bob.socket, 'queue:raise', { kind: 'reply' }));
		unwrap(await request(facilitator, 'queue:next', {}));
		// Ideas: two ideas, then voting, with Ann's dots cast.
		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: 'What would help?',
				mode: 'silent',
				budget: 3,
				cap: 2,
				participantsGroup: false
			})
		);
		const ramps = unwrap(await request(ann.socket, 'ideas:add', { text: 'Ramps' }));
		unwrap(await request(bob.socket, 'ideas:add', { text: 'Quiet room' }));
		unwrap(await request(facilitator, 'ideas:advance', { to: 'group' }));
		unwrap(await request(facilitator, 'ideas:advance', { to: 'vote' }));
		const ballot = unwrap(await request(ann.socket, 'ideas:my-votes', {})).ballot;
		unwrap(await request(ann.socket, 'ideas:vote', { id: ramps.id, ballot }));
		unwrap(await request(ann.socket, 'ideas:vote', { id: ramps.id, ballot }));

		const docs = await documents(server.url, wid, opened.yjsTicket);
		// The documents really hold what was done (so comparing them later proves something).
		expect(docs.agenda.items.map((i) => [i.title, i.status])).toEqual([['Welcome', 'current']]);
		expect(docs.queue?.current?.personId).toBe(bob.welcome.participantId);
		expect(docs.board.ideas.map((i) => i.text).sort()).toEqual(['Quiet room', 'Ramps']);
		// The suggestion reaches the facilitators with the next delivery.
		await expect
			.poll(async () => unwrap(await request(facilitator, 'agenda:suggestions', {})).length, {
				interval: 200
			})
			.toBe(1);
		const before = {
			...docs,
			suggestions: unwrap(await request(facilitator, 'agenda:suggestions', {})),
			stats: await services.features.queue.statsOf(wid),
			turns: await services.features.queue.turns(wid)
		};
		expect(services.holds(wid)).toBe(true);

		closeClients();
		// Everyone has gone: after the idle time, nothing of the workshop is held in memory.
		await waitFor(() => !services.holds(wid), 10_000);
		expect(services.activity.idle()).not.toContain(wid);

		// Someone comes back: everything is as it was.
		const f2 = await connect(server.url);
		const reopened = unwrap(
			await request(f2, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
		);
		const after = await documents(server.url, wid, reopened.yjsTicket);
		expect(after.agenda).toEqual(before.agenda);
		expect(after.queue).toEqual(before.queue);
		expect(after.board).toEqual(before.board);
		expect(before.suggestions.map((s) => s.title)).toEqual(['Transport costs']);
		expect(unwrap(await request(f2, 'agenda:suggestions', {}))).toEqual(before.suggestions);
		expect(await services.features.queue.statsOf(wid)).toEqual(before.stats);
		expect(await services.features.queue.turns(wid)).toEqual(before.turns);
		// Bob's open turn is still open, and ends cleanly.
		expect(before.turns.at(-1)?.endedAt).toBeNull();
		unwrap(await request(f2, 'queue:end', {}));
		expect((await services.features.queue.turns(wid)).at(-1)?.endedAt).not.toBeNull();

		// Ann's dots survived on her ballot: the budget holds, and the totals count them.
		const annAgain = await connect(server.url);
		unwrap(
			await request(annAgain, 'participant:resume', {
				code: created.code,
				participantId: ann.welcome.participantId,
				participantKey: ann.welcome.participantKey
			})
		);
		expect(unwrap(await request(annAgain, 'ideas:my-votes', { ballot }))).toEqual({
			left: 1,
			mine: { [ramps.id]: 2 },
			ballot
		});
		// Joining again gives no second ballot.
		expect(await request(annAgain, 'ideas:my-votes', {})).toMatchObject({
			ok: false,
			error: { code: 'ballot-elsewhere' }
		});
		unwrap(await request(f2, 'ideas:advance', { to: 'results' }));
		const { board } = await documents(server.url, wid, reopened.yjsTicket);
		expect(board.totals).toMatchObject({ [ramps.id]: 2 });
	});
});
