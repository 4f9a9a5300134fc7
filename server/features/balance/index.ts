/**
 * Balance view commands: all of them are a facilitator's. A participant asking for figures, or
 * turning the self-view on, is refused with 'not-allowed' before anything is read or changed.
 */
import { balance } from '../../../src/lib/features/balance/feature.ts';
import { moveToFront } from '../../../src/lib/features/queue/model.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { queueServer } from '../queue/index.ts';
import { defineServerFeature } from '../types.ts';
import { BalanceBoard } from './service.ts';

export const balanceServer = defineServerFeature({
	feature: balance,
	create: (core, use) => new BalanceBoard(core, use(queueServer)),
	handlers(board, { log }, use) {
		const queues = use(queueServer);
		return {
			'balance:get': {
				who: 'facilitator',
				run: async (_input, { session }) => ok((await board.view(session.workshopId)).view)
			},
			'balance:summary': {
				who: 'facilitator',
				run: async (_input, { session }) => ok(await board.summary(session.workshopId))
			},
			'balance:selfView': {
				who: 'facilitator',
				async run({ on }, { session }) {
					const { workshopId } = session;
					if ((await board.isSelfViewOn(workshopId)) === on) {
						return fail('unchanged', 'Nothing changed: it was already like that.');
					}
					await board.setSelfView(workshopId, on);
					log.info('balance.self-view', { workshop: workshopId, on });
					return ok(null);
				}
			},
			// "Invite": a quiet person's raised hand goes to the front (of their kind of point).
			'balance:invite': {
				who: 'facilitator',
				run: ({ personId }, { session }) =>
					queues.apply(session.workshopId, (state, stats) => moveToFront(state, stats, personId), [
						personId
					])
			}
		};
	}
});
