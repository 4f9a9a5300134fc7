/**
 * The server's registry: one server side for every feature of the shared registry. Its type is
 * what makes a half-registered feature fail the type check: a feature missing here, a command
 * without a handler, or a handler whose input is not its command's schema.
 */
import type { Features } from '../../src/lib/features/index.ts';
import { actionsServer } from './actions/index.ts';
import { accessServer } from './access/index.ts';
import { agendaServer } from './agenda/index.ts';
import { balanceServer } from './balance/index.ts';
import { closeoutServer } from './closeout/index.ts';
import { closingServer } from './closing/index.ts';
import { decisionsServer } from './decisions/index.ts';
import { ideasServer } from './ideas/index.ts';
import { inclusionServer } from './inclusion/index.ts';
import { queueServer } from './queue/index.ts';
import { recordServer } from './record/index.ts';
import { roomServer } from './room/index.ts';
import { signalsServer } from './signals/index.ts';
import type { ServerFeature } from './types.ts';
import { workshopServer } from './workshop/index.ts';

export type ServerFeatures = {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each feature's own service type
	[K in keyof Features]: ServerFeature<Features[K], any>;
};

export const serverFeatures = {
	workshop: workshopServer,
	agenda: agendaServer,
	queue: queueServer,
	ideas: ideasServer,
	balance: balanceServer,
	room: roomServer,
	decisions: decisionsServer,
	actions: actionsServer,
	closeout: closeoutServer,
	record: recordServer,
	closing: closingServer,
	signals: signalsServer,
	access: accessServer,
	inclusion: inclusionServer
} satisfies ServerFeatures;
