/**
 * Balance view commands: all of them are a facilitator's. A participant asking for figures, or
 * turning the self-view on, is refused with 'not-allowed' before anything is read or changed.
 */
import * as schemas from '../../src/lib/shared/balance-events.ts';
import * as q from '../../src/lib/shared/queue.ts';
import { fail, ok, type Result } from '../../src/lib/shared/result.ts';
import { BalanceBoard } from '../balance.ts';
import type { Services } from '../services.ts';
import { command, sessionFor, type RoundtableSocket } from './command.ts';
import type { ConnectionDeps } from './rooms.ts';
import { queuesFor } from './queue.ts';

const boardsByServices = new WeakMap<Services, BalanceBoard>();

export function balanceFor(deps: ConnectionDeps): BalanceBoard {
	let board = boardsByServices.get(deps.services);
	if (!board) {
		board = new BalanceBoard(deps.services, queuesFor(deps.services), deps.io);
		boardsByServices.set(deps.services, board);
	}
	return board;
}

export function registerBalance(socket: RoundtableSocket, deps: ConnectionDeps) {
	const { log } = deps.services;
	const board = balanceFor(deps);
	const queues = queuesFor(deps.services);

	command(socket, log, 'balance:get', schemas.Empty, async () => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session as Result<never>;
		return ok((await board.view(session.data.workshopId)).view);
	});

	command(socket, log, 'balance:summary', schemas.Empty, async () => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session as Result<never>;
		return ok(await board.summary(session.data.workshopId));
	});

	command(socket, log, 'balance:selfView', schemas.SelfView, async ({ on }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session as Result<null>;
		const { workshopId } = session.data;
		if (board.isSelfViewOn(workshopId) === on) return fail('unchanged', 'That is already so.');
		await board.setSelfView(workshopId, on);
		log.info('balance.self-view', { workshop: workshopId, on });
		return ok(null);
	});

	// "Invite": a quiet person's raised hand goes to the front (of their kind of point).
	command(socket, log, 'balance:invite', schemas.Invite, ({ personId }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return Promise.resolve(session as Result<null>);
		return queues.apply(
			session.data.workshopId,
			(state, stats) => {
				if (!state.hands.some((h) => h.personId === personId)) {
					return { ok: false, code: 'not-in-queue' };
				}
				let current = state;
				for (;;) {
					const moved = q.moveUp(current, stats, personId);
					if (!moved.ok) break;
					current = moved.state;
				}
				return current === state ? { ok: false, code: 'unchanged' } : { ok: true, state: current };
			},
			[personId]
		);
	});
}
