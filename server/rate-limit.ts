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

/**
 * Token buckets by key (a person, an address), for limits that must hold across connections. A
 * bucket that has filled up again says nothing a new one would not, so it can be forgotten: each
 * use moves its key to the back, and the front (the least recently used) is dropped once full
 * again. So memory follows the keys in use lately, with no timer and no scan of every key.
 */
export class KeyedBuckets {
	readonly capacity: number;
	readonly perSecond: number;
	#buckets = new Map<string, { tokens: number; last: number }>();
	#now: () => number;
	#maxKeys: number;

	constructor(
		capacity: number,
		perSecond: number,
		now: () => number = Date.now,
		maxKeys = 100_000
	) {
		this.capacity = capacity;
		this.perSecond = perSecond;
		this.#now = now;
		this.#maxKeys = maxKeys;
	}

	/** Takes one token from the key's bucket; false when there is none left. */
	take(key: string): boolean {
		const now = this.#now();
		const bucket = this.#buckets.get(key) ?? { tokens: this.capacity, last: now };
		this.#buckets.delete(key);
		this.#refill(bucket, now);
		const allowed = bucket.tokens >= 1;
		if (allowed) bucket.tokens -= 1;
		this.#buckets.set(key, bucket);
		this.#forgetFull(now);
		return allowed;
	}

	/** Seconds until the key's bucket has a token again (0 when it has one now). */
	wait(key: string): number {
		const bucket = this.#buckets.get(key);
		if (!bucket) return 0;
		this.#refill(bucket, this.#now());
		return bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / this.perSecond;
	}

	/** How many keys are held now (tests check memory stays bounded). */
	get size(): number {
		return this.#buckets.size;
	}

	#refill(bucket: { tokens: number; last: number }, now: number) {
		const elapsed = Math.max(0, now - bucket.last);
		bucket.tokens = Math.min(this.capacity, bucket.tokens + (elapsed / 1000) * this.perSecond);
		bucket.last = now;
	}

	#forgetFull(now: number) {
		for (let i = 0; i < 2; i++) {
			const first = this.#buckets.entries().next();
			if (first.done) return;
			const [key, bucket] = first.value;
			this.#refill(bucket, now);
			// Past the cap the oldest goes even if not full: memory stays bounded whatever arrives.
			if (bucket.tokens < this.capacity && this.#buckets.size <= this.#maxKeys) return;
			this.#buckets.delete(key);
		}
	}
}
