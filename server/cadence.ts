/**
 * The one scheduler of anonymity in time (the rule is `src/lib/shared/cadence.ts`). A feature
 * makes one `Cadence` in its service, says `waiting(workshop)` after it has stored something
 * that must not be published at once, and gives two callbacks: how many items wait, and how to
 * publish them all. The scheduler ticks on a fixed grid per workshop (a random phase chosen once
 * per workshop, so workshops do not all tick together) while something waits, and at each tick
 * asks the rule whether everything goes out now.
 *
 * Lifecycle: `stop` (the feature's evict) and `close` (shutdown) clear timers only; what waits is
 * in storage already, so a feature's `resume` calls `waiting` again and the wait starts afresh.
 * Nothing here is durable and nothing here knows what the items are, or who sent them.
 */
import { randomInt as cryptoRandomInt } from 'node:crypto';
import {
	MIN_BATCH,
	newWait,
	PATIENCE_TICKS,
	tick,
	untilNextTick,
	type CadenceWait
} from '../src/lib/shared/cadence.ts';
import type { Logger } from './log.ts';

export interface CadenceOptions {
	/** What the log calls this cadence (no workshop content is ever logged). */
	name: string;
	everyMs: number;
	log: Logger;
	/** How many items wait for the workshop now (0 stops the ticking). */
	count(workshopId: string): Promise<number>;
	/** Publishes everything waiting for the workshop, together. */
	release(workshopId: string): Promise<void>;
	/**
	 * Runs a tick in the feature's own lane for the workshop, so a tick never races a command
	 * (default: as it is).
	 */
	serial?<T>(workshopId: string, fn: () => Promise<T>): Promise<T>;
	minBatch?: number;
	patience?: { min: number; max: number };
	/** Random source, `n` gives 0..n-1 (default crypto). */
	randomInt?: (n: number) => number;
	/** Wall clock for the grid (default Date.now); timers are real ones. */
	now?: () => number;
}

interface Slot {
	phase: number;
	wait: CadenceWait;
	timer: NodeJS.Timeout | null;
}

export class Cadence {
	/** Tests shorten it; a change applies from the next tick scheduled. */
	everyMs: number;
	#o: CadenceOptions;
	#slots = new Map<string, Slot>();
	/** Each workshop's place on the grid, kept while it is in memory (so its ticks stay fixed). */
	#phases = new Map<string, number>();
	#closed = false;

	constructor(options: CadenceOptions) {
		this.#o = options;
		this.everyMs = options.everyMs;
	}

	#random(n: number): number {
		return (this.#o.randomInt ?? cryptoRandomInt)(n);
	}

	#newWait(): CadenceWait {
		return newWait((n) => this.#random(n), this.#o.patience ?? PATIENCE_TICKS);
	}

	/** Something was stored for the workshop and waits: tick until it is out. */
	waiting(workshopId: string): void {
		if (this.#closed) return;
		let slot = this.#slots.get(workshopId);
		if (!slot) {
			let phase = this.#phases.get(workshopId);
			if (phase === undefined) {
				phase = this.#random(Math.max(1, this.everyMs));
				this.#phases.set(workshopId, phase);
			}
			slot = { phase, wait: this.#newWait(), timer: null };
			this.#slots.set(workshopId, slot);
		}
		if (!slot.timer) this.#arm(workshopId, slot);
	}

	#arm(workshopId: string, slot: Slot) {
		const now = (this.#o.now ?? Date.now)();
		const delay = untilNextTick(now, this.everyMs, slot.phase % this.everyMs);
		slot.timer = setTimeout(() => void this.#tick(workshopId, slot), delay);
		slot.timer.unref();
	}

	async #tick(workshopId: string, slot: Slot) {
		slot.timer = null;
		if (this.#slots.get(workshopId) !== slot) return;
		const serial = this.#o.serial ?? ((_w: string, fn: () => Promise<unknown>) => fn());
		try {
			await serial(workshopId, async () => {
				if (this.#slots.get(workshopId) !== slot) return;
				const waiting = await this.#o.count(workshopId);
				if (waiting === 0) {
					this.#slots.delete(workshopId);
					return;
				}
				const step = tick(slot.wait, waiting, this.#o.minBatch ?? MIN_BATCH);
				slot.wait = step.wait;
				if (!step.release) return;
				await this.#o.release(workshopId);
				slot.wait = this.#newWait();
			});
		} catch (e) {
			// Stays waiting: the next tick tries again.
			this.#o.log.error(`${this.#o.name}.release-failed`, { reason: (e as Error).message });
		}
		if (this.#slots.get(workshopId) === slot && !slot.timer && !this.#closed) {
			// Ticks go on while anything may still wait; the next one with nothing waiting stops.
			this.#arm(workshopId, slot);
		}
	}

	/** Forgets the wait for a workshop (what waits stays stored; `waiting` starts a new wait). */
	stop(workshopId: string): void {
		const slot = this.#slots.get(workshopId);
		if (slot?.timer) clearTimeout(slot.timer);
		this.#slots.delete(workshopId);
		this.#phases.delete(workshopId);
	}

	/** A wait was settled some other way (for example everything went out with "Reveal ideas"). */
	reset(workshopId: string): void {
		const slot = this.#slots.get(workshopId);
		if (slot) slot.wait = this.#newWait();
	}

	/** Whether the workshop has a wait (or its place on the grid) in memory. */
	holds(workshopId: string): boolean {
		return this.#slots.has(workshopId) || this.#phases.has(workshopId);
	}

	close(): void {
		this.#closed = true;
		for (const slot of this.#slots.values()) if (slot.timer) clearTimeout(slot.timer);
		this.#slots.clear();
		this.#phases.clear();
	}
}
