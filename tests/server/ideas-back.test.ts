/**
 * Going back a phase on the idea board (issue 14, defect 7), through real sockets: a facilitator
 * goes back from voting to grouping and from grouping to collecting, with the ideas and the votes
 * already given kept; results are final; a participant may not (the registry walk also tries every
 * malformed payload); a wrong or repeated "back" is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../src/lib/features/ideas/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	failure,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	waitFor,
	yjsClient
} from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
	server.server.services.features.ideas.batchMs = 50;
});
afterAll(async () => {
	closeClients();
	await server.stop();
});

describe('ideas:back', () => {
	it('goes back one phase at a time, keeps ideas and votes, and never back from results', async () => {
		const w = await openWorkshop(server.url);
		const joined = await joinAs(server.url, w.created.code, 'Ada');
		const p = joined.socket;
		unwrap(
			await request(w.facilitator, 'ideas:setup', {
				prompt: 'Anything',
				mode: 'live',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		const idea = unwrap(await request(p, 'ideas:add', { text: 'A minibus' }));
		const watcher = yjsClient(
			server.url,
			docName(w.created.workshopId, 'board'),
			joined.welcome.yjsTicket
		);
		await watcher.synced;
		const board = () => readBoard(watcher.doc);

		// Nothing to go back to while collecting; a participant may not go back at all.
		expect(failure(await request(w.facilitator, 'ideas:back', { to: 'collect' }))?.code).toBe(
			'wrong-phase'
		);
		unwrap(await request(w.facilitator, 'ideas:advance', { to: 'group' }));
		unwrap(await request(w.facilitator, 'ideas:advance', { to: 'vote' }));
		const mine = unwrap(await request(p, 'ideas:my-votes', {}));
		unwrap(await request(p, 'ideas:vote', { id: idea.id, ballot: mine.ballot }));
		expect(failure(await request(p, 'ideas:back', { to: 'group' }))?.code).toBe('not-allowed');
		expect(board().settings.phase).toBe('vote');

		// Two phases at once, or a repeat, is refused and changes nothing.
		expect(failure(await request(w.facilitator, 'ideas:back', { to: 'collect' }))?.code).toBe(
			'wrong-phase'
		);
		unwrap(await request(w.facilitator, 'ideas:back', { to: 'group' }));
		await waitFor(() => board().settings.phase === 'group');
		expect(failure(await request(w.facilitator, 'ideas:back', { to: 'group' }))?.code).toBe(
			'wrong-phase'
		);
		unwrap(await request(w.facilitator, 'ideas:back', { to: 'collect' }));
		await waitFor(() => board().settings.phase === 'collect');
		await waitFor(() => board().ideas.length === 1);
		expect(board().ideas.map((i) => i.text)).toEqual(['A minibus']);

		// Forward again: the vote given before going back still counts, once.
		for (const to of ['group', 'vote', 'results'] as const)
			unwrap(await request(w.facilitator, 'ideas:advance', { to }));
		await waitFor(() => board().settings.phase === 'results');
		expect(board().totals?.[idea.id]).toBe(1);
		for (const to of ['collect', 'group'] as const)
			expect(failure(await request(w.facilitator, 'ideas:back', { to }))?.code).toBe('wrong-phase');
		expect(board().settings.phase).toBe('results');
		watcher.provider.destroy();
	});
});
