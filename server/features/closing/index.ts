/**
 * Closing and deleting, on the server. Whether a workshop is closed is one stored record; this
 * service answers `refuses` for it, which the command table consults before every handler not
 * marked `whileClosed`, so "read-only after closing" holds for every feature without each one
 * checking. Deleting tells everyone, drops the workshop from every feature's memory and its
 * documents (closing their connections), revokes its tickets, then removes every row and
 * document in one transaction with a secure delete and a checkpoint.
 */
import { closing, type ClosingView } from '../../../src/lib/features/closing/feature.ts';
import type { ErrorCode } from '../../../src/lib/features/index.ts';
import { fail, ok, type Failure } from '../../../src/lib/shared/result.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { PerWorkshop } from '../../serial.ts';
import { defineServerFeature, type FeatureService } from '../types.ts';

const FEATURE = 'closing';
const CLOSED_KEY = 'closed';

const GONE = fail('not-found', 'This workshop has been deleted.');
const CLOSED = fail('workshop-closed', 'This workshop has closed, so nothing can be changed.');

export class Closings implements FeatureService {
	#core: CoreServices;
	/** closedAt, or null while open; absent when not yet read. */
	#closed = new Map<string, number | null>();
	#lanes = new PerWorkshop();
	/** Deleted while this server ran: its connections may still send commands, to be refused. */
	#deleted = new Set<string>();

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async closedAt(workshopId: string): Promise<number | null> {
		const known = this.#closed.get(workshopId);
		if (known !== undefined) return known;
		const [row] = await this.#core.storage.records(workshopId, FEATURE, CLOSED_KEY);
		const at = row ? (JSON.parse(row.value) as { closedAt: number }).closedAt : null;
		this.#closed.set(workshopId, at);
		return at;
	}

	async refuses(workshopId: string): Promise<Failure<ErrorCode> | null> {
		if (this.#deleted.has(workshopId)) return GONE;
		return (await this.closedAt(workshopId)) === null ? null : CLOSED;
	}

	closeWorkshop(workshopId: string) {
		return this.#lanes.run(workshopId, async () => {
			if ((await this.closedAt(workshopId)) !== null) return CLOSED;
			const closedAt = this.#core.now();
			await this.#core.storage.write([
				{
					kind: 'put',
					workshopId,
					feature: FEATURE,
					key: CLOSED_KEY,
					value: JSON.stringify({ closedAt })
				}
			]);
			this.#closed.set(workshopId, closedAt);
			const view: ClosingView = { closedAt };
			await this.#core.rooms.change(docName(workshopId, 'closing'), (doc) =>
				doc.getMap('closing').set('view', view)
			);
			this.#core.log.info('workshop.closed', { workshop: workshopId });
			return ok(null);
		});
	}

	deleteWorkshop(workshopId: string) {
		return this.#lanes.run(workshopId, async () => {
			// Said first, while everyone is still connected to hear it.
			this.#core.publish.everyone(workshopId, 'closing:deleted');
			this.#core.tickets.revokeWorkshop(workshopId);
			await this.#core.forget(workshopId);
			await this.#core.storage.deleteWorkshop(workshopId);
			this.#closed.delete(workshopId);
			this.#deleted.add(workshopId);
			this.#core.log.info('workshop.deleted', { workshop: workshopId });
			return ok(null);
		});
	}

	/** Not in the lane: deleting runs in it and evicts every feature, this one included. */
	async evict(workshopId: string): Promise<void> {
		this.#closed.delete(workshopId);
	}

	holds(workshopId: string): boolean {
		return this.#closed.has(workshopId);
	}
}

export const closingServer = defineServerFeature({
	feature: closing,
	create: (core) => new Closings(core),
	handlers(closings) {
		return {
			'closing:close': {
				who: 'facilitator',
				run: (_input, { session }) => closings.closeWorkshop(session.workshopId)
			},
			'closing:delete': {
				who: 'facilitator',
				whileClosed: true,
				run: (_input, { session }) => closings.deleteWorkshop(session.workshopId)
			}
		};
	}
});
