/**
 * The idea board's commands. Handlers never log idea text, ids or who sent them, and every reply
 * goes only to the connection that asked.
 */
import * as s from '../../src/lib/shared/ideas-schemas.ts';
import { fail } from '../../src/lib/shared/result.ts';
import { ideaBoards } from '../ideas.ts';
import { TokenBucket } from '../rate-limit.ts';
import { command, sessionFor, type RoundtableSocket } from './command.ts';
import type { ConnectionDeps } from './rooms.ts';

/** Ideas come in bursts of 10, then one every 3 seconds per connection: enough for anyone typing. */
const IDEA_BURST = 10;
const IDEAS_PER_SECOND = 1 / 3;

export function registerIdeas(socket: RoundtableSocket, deps: ConnectionDeps) {
	const { services } = deps;
	const { log } = services;
	const boards = ideaBoards(services);
	const ideaBucket = new TokenBucket(IDEA_BURST, IDEAS_PER_SECOND);

	command(socket, log, 'ideas:setup', s.IdeasSetup, async (input) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		return boards.setup(session.data.workshopId, input);
	});

	command(socket, log, 'ideas:add', s.IdeasAdd, async ({ text }) => {
		// Facilitators add ideas for people without a device: the same command, the same anonymous idea.
		const session = sessionFor(socket, 'any');
		if (!session.ok) return session;
		if (!ideaBucket.take()) {
			return fail('too-fast', 'That was too fast. Please wait a moment and try again.');
		}
		return boards.add(session.data.workshopId, text);
	});

	command(socket, log, 'ideas:edit', s.IdeasEdit, async ({ id, proof, text }) => {
		const session = sessionFor(socket, 'any');
		if (!session.ok) return session;
		return boards.edit(session.data.workshopId, id, proof, text);
	});

	command(socket, log, 'ideas:withdraw', s.IdeasWithdraw, async ({ id, proof }) => {
		const session = sessionFor(socket, 'any');
		if (!session.ok) return session;
		return boards.withdraw(session.data.workshopId, id, proof);
	});

	command(socket, log, 'ideas:advance', s.IdeasAdvance, async ({ to }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		return boards.advance(session.data.workshopId, to);
	});

	command(socket, log, 'ideas:theme-create', s.IdeasThemeCreate, async ({ name }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		return boards.createTheme(session.data.workshopId, name);
	});

	command(socket, log, 'ideas:theme-rename', s.IdeasThemeRename, async ({ id, name }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		return boards.renameTheme(session.data.workshopId, id, name);
	});

	command(socket, log, 'ideas:theme-delete', s.IdeasById, async ({ id }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		return boards.deleteTheme(session.data.workshopId, id);
	});

	command(socket, log, 'ideas:move', s.IdeasMove, async ({ id, theme }) => {
		const session = sessionFor(socket, 'any');
		if (!session.ok) return session;
		const byParticipant = session.data.kind === 'participant';
		return boards.move(session.data.workshopId, id, theme, byParticipant);
	});

	command(socket, log, 'ideas:merge', s.IdeasMerge, async ({ from, into }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		return boards.merge(session.data.workshopId, from, into);
	});

	command(socket, log, 'ideas:hide', s.IdeasById, async ({ id }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		return boards.hide(session.data.workshopId, id);
	});

	command(socket, log, 'ideas:vote', s.IdeasById, async ({ id }) => {
		const session = sessionFor(socket, 'participant');
		if (!session.ok) return session;
		return boards.vote(session.data.workshopId, session.data.participantId, id, 'add');
	});

	command(socket, log, 'ideas:unvote', s.IdeasById, async ({ id }) => {
		const session = sessionFor(socket, 'participant');
		if (!session.ok) return session;
		return boards.vote(session.data.workshopId, session.data.participantId, id, 'remove');
	});

	command(socket, log, 'ideas:my-votes', s.IdeasNone, async () => {
		const session = sessionFor(socket, 'participant');
		if (!session.ok) return session;
		return boards.myVotes(session.data.workshopId, session.data.participantId);
	});
}
