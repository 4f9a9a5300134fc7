/**
 * The limits that hold across connections, built once per server from its configuration: per
 * person (commands, whatever connection they come on) and per address (workshops created, room
 * screens opened, join codes tried). Per-connection limits live with each connection.
 */
import { DEFAULT_LIMITS, type Limits } from './config.ts';
import { CodeGuesses } from './code-guesses.ts';
import { KeyedBuckets } from './rate-limit.ts';

const HOUR_S = 3600;

export class ServerLimits {
	readonly config: Limits;
	/** Commands per person: keyed by workshop and participant. */
	readonly personCommands: KeyedBuckets;
	/** Buckets of commands with a lane of their own, per person: keyed by lane, workshop and person. */
	readonly personLanes = new Map<string, KeyedBuckets>();
	readonly workshopsCreated: KeyedBuckets;
	readonly roomScreens: KeyedBuckets;
	readonly codes: CodeGuesses;
	#now: () => number;

	constructor(limits: Limits = DEFAULT_LIMITS, now: () => number = Date.now) {
		this.config = limits;
		this.#now = now;
		this.personCommands = new KeyedBuckets(
			limits.personCommandBurst,
			limits.personCommandsPerSecond,
			now
		);
		this.workshopsCreated = perHour(limits.workshopsPerAddressPerHour, now);
		this.roomScreens = perHour(limits.roomScreensPerAddressPerHour, now);
		this.codes = new CodeGuesses(limits, now);
	}

	/** The shared bucket of one lane (e.g. every hand toggle), made on first use. */
	lane(name: string, burst: number, perSecond: number): KeyedBuckets {
		let lane = this.personLanes.get(name);
		if (!lane) this.personLanes.set(name, (lane = new KeyedBuckets(burst, perSecond, this.#now)));
		return lane;
	}
}

const perHour = (n: number, now: () => number) => new KeyedBuckets(n, n / HOUR_S, now);

/** Words for a wait, in whole minutes (at least one), for messages that say when to try again. */
export function minutesFrom(seconds: number): number {
	return Math.max(1, Math.ceil(seconds / 60));
}
