/**
 * One writer per workshop when several nodes share one PostgreSQL: a node writes a workshop only
 * while it holds that workshop's lease, a row naming the owner, an expiry (by the database's clock)
 * and a fencing epoch. Every durable write of the workshop carries the epoch (through the group
 * commit seam, storage/group-commit.ts) and PostgreSQL refuses it, in the same transaction, once
 * another node has taken over; a taking-over node raises the epoch and loads the workshop's state
 * from PostgreSQL afresh. A node that was paused past its expiry therefore cannot write anything
 * when it wakes: its loop finds the lease gone and drops what it held in memory.
 */
import { randomUUID } from 'node:crypto';
import type { Fencing } from '../storage/group-commit.ts';
import { FencedError, type Fence, type LeaseStore } from '../storage/types.ts';

export interface LeaseSettings {
	/** How long a claim or renewal holds a lease without another renewal. */
	ttlMs: number;
	/** How often held leases are renewed; well under `ttlMs`, so one slow round does not lose them. */
	renewMs: number;
}

export const DEFAULT_LEASE_SETTINGS: LeaseSettings = { ttlMs: 15_000, renewMs: 5_000 };

export interface LeaseEvents {
	/**
	 * This node took the workshop at a new epoch. Nothing of the workshop is in its memory then
	 * (state is read only under a lease, see `fencing`, and `lost` dropped the last one's), so the
	 * features load it from PostgreSQL as they are used. Called while that load waits: it must not
	 * wait for the workshop's own work.
	 */
	gained?(workshopId: string, epoch: number): void;
	/** Another node took the workshop: drop what is held for it, without writing it back. */
	lost(workshopId: string): Promise<void>;
}

export class Leases {
	/** This process's own id: a restarted node is a new owner, so its first claim raises the epoch. */
	readonly nodeId: string;
	#store: LeaseStore;
	#settings: LeaseSettings;
	#events: LeaseEvents;
	#held = new Map<string, number>();
	#claiming = new Map<string, Promise<boolean>>();
	#timer: NodeJS.Timeout | null = null;
	#round: Promise<void> = Promise.resolve();
	/** When the loop last finished a round (performance.now()); readiness reads it. */
	#lastRound = -Infinity;

	constructor(
		store: LeaseStore,
		events: LeaseEvents,
		settings: LeaseSettings = DEFAULT_LEASE_SETTINGS,
		nodeId: string = randomUUID()
	) {
		this.#store = store;
		this.#events = events;
		this.#settings = settings;
		this.nodeId = nodeId;
	}

	/** Starts renewing held leases every `renewMs`. */
	start() {
		this.#lastRound = performance.now();
		this.#timer = setInterval(() => void this.renew(), this.#settings.renewMs);
		this.#timer.unref();
	}

	/** Whether the renewal loop is running and has finished a round lately. */
	running(): boolean {
		return this.#timer !== null && performance.now() - this.#lastRound < 3 * this.#settings.renewMs;
	}

	/** The fence this node's writes of the workshop carry, or null when it does not hold the lease. */
	fence(workshopId: string): Fence | null {
		const epoch = this.#held.get(workshopId);
		return epoch === undefined ? null : { workshopId, owner: this.nodeId, epoch };
	}

	/** What the group commit asks before each read and write of a workshop's state. */
	fencing(): Fencing {
		return {
			fence: (workshopId) => this.fence(workshopId),
			own: async (workshopId) => {
				if (!(await this.ensure(workshopId))) throw new FencedError();
			}
		};
	}

	/** The workshops whose lease this node holds. */
	held(): string[] {
		return [...this.#held.keys()];
	}

	/**
	 * Makes sure this node holds the workshop's lease: true when it does (claimed now, or held
	 * already), false when another live node holds it.
	 */
	ensure(workshopId: string): Promise<boolean> {
		if (this.#held.has(workshopId)) return Promise.resolve(true);
		let claiming = this.#claiming.get(workshopId);
		if (!claiming) {
			claiming = this.#claim(workshopId).finally(() => this.#claiming.delete(workshopId));
			this.#claiming.set(workshopId, claiming);
		}
		return claiming;
	}

	async #claim(workshopId: string): Promise<boolean> {
		const lease = await this.#store.claimLease(workshopId, this.nodeId, this.#settings.ttlMs);
		if (lease.owner !== this.nodeId) return false;
		this.#held.set(workshopId, lease.epoch);
		this.#events.gained?.(workshopId, lease.epoch);
		return true;
	}

	/**
	 * One renewal round (the loop calls it; tests call it to avoid waiting). A lease found held by
	 * another node, or at another epoch, is lost: it is dropped from memory before anything else.
	 */
	renew(): Promise<void> {
		this.#round = this.#round.then(async () => {
			await Promise.all(
				[...this.#held].map(async ([workshopId, epoch]) => {
					let lease;
					try {
						lease = await this.#store.claimLease(workshopId, this.nodeId, this.#settings.ttlMs);
					} catch {
						// PostgreSQL unreachable: keep trying; the fence stops any write meanwhile.
						return;
					}
					if (lease.owner === this.nodeId && lease.epoch === epoch) return;
					if (this.#held.get(workshopId) !== epoch) return;
					this.#held.delete(workshopId);
					await this.#events.lost(workshopId);
				})
			);
			this.#lastRound = performance.now();
		});
		return this.#round;
	}

	/** Lets the workshop go (it left memory): another node may take it at once. */
	async release(workshopId: string) {
		const epoch = this.#held.get(workshopId);
		if (epoch === undefined) return;
		this.#held.delete(workshopId);
		await this.#store.releaseLease(workshopId, this.nodeId, epoch).catch(() => undefined);
	}

	/** Stops the loop and lets every lease go. */
	async close() {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		await this.#round;
		await Promise.all(this.held().map((w) => this.release(w)));
	}
}
