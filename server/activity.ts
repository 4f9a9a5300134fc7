/**
 * Which workshops have someone connected, so that the memory a workshop holds is dropped once
 * nobody has been connected to it for the idle time. Storage keeps everything; a later join loads
 * it again. Without this, a long-running server would hold every workshop it ever served.
 */
export class WorkshopActivity {
	#open = new Map<string, number>();
	#idleSince = new Map<string, number>();
	#idleMs: number;
	#now: () => number;
	#evict: (workshopId: string) => Promise<void>;
	#resume: (workshopId: string) => void;
	#timer: ReturnType<typeof setInterval>;
	#sweeping: Promise<void> = Promise.resolve();

	constructor(opts: {
		idleMs: number;
		now: () => number;
		evict: (workshopId: string) => Promise<void>;
		/** Called when the first connection enters a workshop nobody was connected to. */
		resume: (workshopId: string) => void;
	}) {
		this.#idleMs = opts.idleMs;
		this.#now = opts.now;
		this.#evict = opts.evict;
		this.#resume = opts.resume;
		// Checking a few times per idle period is enough: eviction only saves memory.
		this.#timer = setInterval(
			() => void this.sweep(),
			Math.max(250, Math.min(60_000, opts.idleMs / 4))
		);
		this.#timer.unref();
	}

	/** A connection entered the workshop. */
	opened(workshopId: string) {
		const n = this.#open.get(workshopId) ?? 0;
		this.#open.set(workshopId, n + 1);
		const wasHeld = this.#idleSince.delete(workshopId);
		// A workshop still held in memory has nothing to pick up; one back from storage may have.
		if (n === 0 && !wasHeld) this.#resume(workshopId);
	}

	/** A connection left the workshop. */
	closed(workshopId: string) {
		const n = (this.#open.get(workshopId) ?? 0) - 1;
		if (n > 0) return void this.#open.set(workshopId, n);
		this.#open.delete(workshopId);
		this.#idleSince.set(workshopId, this.#now());
	}

	/** Workshops held in memory with nobody connected (tests read it). */
	idle(): string[] {
		return [...this.#idleSince.keys()];
	}

	/** Evicts every workshop idle for at least the idle time; one sweep at a time. */
	sweep(): Promise<void> {
		this.#sweeping = this.#sweeping.then(async () => {
			const now = this.#now();
			for (const [workshopId, since] of [...this.#idleSince]) {
				if (now - since < this.#idleMs) continue;
				this.#idleSince.delete(workshopId);
				await this.#evict(workshopId);
			}
		});
		return this.#sweeping;
	}

	async close() {
		clearInterval(this.#timer);
		await this.#sweeping;
	}
}
