/**
 * A token bucket that lets a request through while a unit of credit is left and then charges its
 * full cost. A single large request (one big document's first sync) is never refused, but sustained use
 * is held to the rate, and the debt must be paid back before the next one.
 */
export class Budget {
	readonly capacity: number;
	readonly perSecond: number;
	#credit: number;
	#last: number;
	#now: () => number;

	constructor(capacity: number, perSecond: number, now: () => number = Date.now) {
		this.capacity = capacity;
		this.perSecond = perSecond;
		this.#credit = capacity;
		this.#now = now;
		this.#last = now();
	}

	take(cost = 1): boolean {
		this.#refill();
		// A whole unit must be there: a request costing one waits for a whole token.
		if (this.#credit < Math.min(cost, 1)) return false;
		this.#credit -= cost;
		return true;
	}

	/** True when the bucket is back to full, so forgetting it loses nothing. */
	full(): boolean {
		this.#refill();
		return this.#credit >= this.capacity;
	}

	#refill() {
		const now = this.#now();
		// A clock that steps backwards adds nothing rather than taking credit away.
		const elapsed = Math.max(0, now - this.#last);
		this.#credit = Math.min(this.capacity, this.#credit + (elapsed / 1000) * this.perSecond);
		this.#last = now;
	}
}
