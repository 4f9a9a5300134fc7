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
const DAY_MS = 24 * 60 * 60 * 1000;
/** How often retention looks for workshops to close or delete. */
export const SWEEP_EVERY_MS = 60 * 60 * 1000;
const CLOSED_KEY = 'closed';

const GONE = fail('not-found', 'This workshop has been deleted.');
const CLOSED = fail('workshop-closed', 'This workshop has closed, so nothing can be changed.');
const CLOSED_TO_JOINING = fail(
	'workshop-closed',
	'This workshop has closed, so nobody can join it now. You can still read what it decided.'
);

export class Closings implements FeatureService {
	#core: CoreServices;
	/** closedAt, or null while open; absent when not yet read. */
	#closed = new Map<string, number | null>();
	#lanes = new PerWorkshop();
	/** Deleted while this server ran: its connections may still send commands, to be refused. */
	#deleted = new Set<string>();

	/** When each workshop was last used in this process (a command or someone here). */
	#lastUsed = new Map<string, number>();
	/** Before this process saw a workshop in use, it counts as used when the process started. */
	#startedAt: number;
	#timer: ReturnType<typeof setInterval>;

	constructor(core: CoreServices) {
		this.#core = core;
		this.#startedAt = core.now();
		core.presence.onChange((workshopId) => this.#lastUsed.set(workshopId, core.now()));
		this.#timer = setInterval(() => {
			this.sweep().catch((e: Error) => core.log.error('retention.failed', { reason: e.message }));
		}, SWEEP_EVERY_MS);
		this.#timer.unref();
	}

	/**
	 * Retention: deletes each workshop closed more than RETENTION_DAYS ago, and closes each open one
	 * that nobody has used for CLOSE_IDLE_DAYS (counted from this process's start at the earliest, so
	 * a restart never makes a workshop look idle sooner). Runs hourly; tests call it with their clock.
	 */
	async sweep(): Promise<{ closed: string[]; deleted: string[] }> {
		const now = this.#core.now();
		const retention = (this.#core.config.retentionDays ?? 30) * DAY_MS;
		const idle = (this.#core.config.closeIdleDays ?? 7) * DAY_MS;
		const closed: string[] = [];
		const deleted: string[] = [];
		for (const id of await this.#core.storage.workshopIds()) {
			const closedAt = await this.closedAt(id);
			if (closedAt !== null) {
				if (now - closedAt >= retention) {
					await this.deleteWorkshop(id);
					deleted.push(id);
				}
				continue;
			}
			const w = await this.#core.storage.workshopById(id);
			if (!w) continue;
			const used = Math.max(w.createdAt, this.#startedAt, this.#lastUsed.get(id) ?? 0);
			if (this.#core.presence.count(id) === 0 && now - used >= idle) {
				const r = await this.closeWorkshop(id);
				if (r.ok) closed.push(id);
			}
		}
		if (closed.length + deleted.length > 0) {
			this.#core.log.info('retention.swept', { closed: closed.length, deleted: deleted.length });
		}
		return { closed, deleted };
	}

	async close() {
		clearInterval(this.#timer);
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
		this.#lastUsed.set(workshopId, this.#core.now());
		return (await this.closedAt(workshopId)) === null ? null : CLOSED;
	}

	/**
	 * For every document of the workshop, whatever its kind: closed (or deleted here) means no
	 * connection may change it. Known without waiting once `prepareWrites` ran, which the Yjs core
	 * awaits before it attaches each connection. If the answer was dropped since (the workshop was
	 * evicted while a connection stayed), the workshop was open when it was last known and nothing
	 * closed it since: every close goes through `closeWorkshop` here, which records it at once.
	 */
	refusesWrites(workshopId: string): boolean {
		if (this.#deleted.has(workshopId)) return true;
		const closedAt = this.#closed.get(workshopId);
		return closedAt !== undefined && closedAt !== null;
	}

	async prepareWrites(workshopId: string): Promise<void> {
		await this.closedAt(workshopId);
	}

	/** Joining a closed workshop is refused with words that say why (the page then offers the record). */
	async refusesJoin(workshopId: string): Promise<Failure<ErrorCode> | null> {
		if (this.#deleted.has(workshopId)) return GONE;
		return (await this.closedAt(workshopId)) === null ? null : CLOSED_TO_JOINING;
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
			// Open document connections become read-only now, without reconnecting.
			const prefix = `${workshopId}.`;
			for (const name of this.#core.rooms.loadedNames()) {
				if (name.startsWith(prefix)) await this.#core.rooms.refreshAccess(name);
			}
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
