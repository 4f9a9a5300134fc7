/** A token bucket per connection: bursts are fine, floods get a clear "too fast" reply. */
export class TokenBucket {
	#tokens: number;
	#last: number;
	readonly capacity: number;
	readonly perSecond: number;
	#now: () => number;

	constructor(capacity: number, perSecond: number, now: () => number = Date.now) {
		this.capacity = capacity;
		this.perSecond = perSecond;
		this.#tokens = capacity;
		this.#now = now;
		this.#last = now();
	}

	take(): boolean {
		const now = this.#now();
		// A clock that steps backwards adds nothing rather than taking tokens away.
		const elapsed = Math.max(0, now - this.#last);
		this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed / 1000) * this.perSecond);
		this.#last = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
