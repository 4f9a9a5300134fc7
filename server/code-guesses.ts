/**
 * Join-code guessing, per address. A join code is short so people can type it, so guessing one
 * must be slow: every wrong code an address tries counts as a miss; misses age out over an hour.
 * After a few free misses (people mistype) each lookup from that address waits, twice as long per
 * further miss, and past a limit the address is refused until its misses have aged out. An address
 * with no recent misses is never slowed, however many people behind it (a venue's wifi) join.
 * Once an address has missed, its lookups still running count as misses until they answer, so
 * firing many at once gains nothing; a fresh address may have only so many running at once.
 */
import type { Limits } from './config.ts';

const HOUR_MS = 3_600_000;
/** Lookups an address that has been missing may have waiting at once; more are refused. */
const MAX_WAITING = 8;

interface AddressState {
	/** Misses, decaying by `codeMissesRefused` an hour. */
	misses: number;
	last: number;
	running: number;
}

export type Guess<T> =
	{ refused: false; found: T | null } | { refused: true; retryAfterSeconds: number };

export class CodeGuesses {
	#limits: Limits;
	#now: () => number;
	#addresses = new Map<string, AddressState>();
	#maxAddresses: number;

	constructor(limits: Limits, now: () => number = Date.now, maxAddresses = 100_000) {
		this.#limits = limits;
		this.#now = now;
		this.#maxAddresses = maxAddresses;
	}

	/**
	 * Looks a code up for an address: straight away when the address has not been missing codes,
	 * after a delay when it has, or not at all when it has missed too many (then `refused`).
	 */
	async lookup<T>(address: string, find: () => Promise<T | null>): Promise<Guess<T>> {
		const state = this.#touch(address);
		// An address that has been missing cannot fire many lookups at once to get round the delay;
		// one that has not is slowed only by a burst far beyond what a room of people joining makes.
		const missing = state.misses >= 1;
		const tooMany = state.running >= (missing ? MAX_WAITING : MAX_WAITING * 8);
		if (this.#refused(state) || tooMany) {
			return { refused: true, retryAfterSeconds: this.#retryAfter(state) };
		}
		const delay = missing ? this.delayFor(state.misses + state.running) : 0;
		state.running++;
		try {
			if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
			this.#decay(state, this.#now());
			if (this.#refused(state)) {
				return { refused: true, retryAfterSeconds: this.#retryAfter(state) };
			}
			const found = await find();
			if (found === null) state.misses++;
			return { refused: false, found };
		} finally {
			state.running--;
			this.#forgetQuiet();
		}
	}

	/** The wait before a lookup from an address with this many misses (recent or running). */
	delayFor(misses: number): number {
		const { codeMissesFree, codeMissDelayMs, codeMissMaxDelayMs } = this.#limits;
		if (misses < codeMissesFree) return 0;
		return Math.min(codeMissMaxDelayMs, codeMissDelayMs * 2 ** (misses - codeMissesFree));
	}

	/** Addresses tracked now (tests check memory stays bounded). */
	get size() {
		return this.#addresses.size;
	}

	#touch(address: string): AddressState {
		const now = this.#now();
		const state = this.#addresses.get(address) ?? { misses: 0, last: now, running: 0 };
		this.#decay(state, now);
		// Most recently used last, so the front is what has been quiet longest.
		this.#addresses.delete(address);
		this.#addresses.set(address, state);
		return state;
	}

	/** Refused from the Nth miss on, though its first has begun to age (by a fraction of one). */
	#refused(state: AddressState): boolean {
		return state.misses > this.#limits.codeMissesRefused - 1;
	}

	#decay(state: AddressState, now: number) {
		const perMs = this.#limits.codeMissesRefused / HOUR_MS;
		state.misses = Math.max(0, state.misses - Math.max(0, now - state.last) * perMs);
		state.last = now;
	}

	#retryAfter(state: AddressState): number {
		const over = state.misses - this.#limits.codeMissesRefused + 1;
		const perSecond = this.#limits.codeMissesRefused / 3600;
		return Math.max(1, Math.ceil(over / perSecond));
	}

	/** Drops quiet addresses from the front (no misses left, nothing running); no full scan. */
	#forgetQuiet() {
		const now = this.#now();
		for (let i = 0; i < 2; i++) {
			const first = this.#addresses.entries().next();
			if (first.done) return;
			const [address, state] = first.value;
			this.#decay(state, now);
			const quiet = state.misses < 0.5 && state.running === 0;
			if (!quiet && this.#addresses.size <= this.#maxAddresses) return;
			if (state.running > 0) return;
			this.#addresses.delete(address);
		}
	}
}
