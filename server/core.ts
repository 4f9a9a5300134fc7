/**
 * The parts of a server that know no feature, handed to every feature's service and handlers.
 * Built once per server (server/services.ts); nothing here lives at module level.
 */
import type { ServerToClientEvents } from '../src/lib/features/index.ts';
import type { Config } from './config.ts';
import type { ServerLimits } from './limits.ts';
import type { Logger } from './log.ts';
import type { Presence } from './presence.ts';
import type { Storage } from './storage/types.ts';
import type { TicketBook } from './tickets.ts';
import type { Workshops } from './workshops.ts';
import type { DocRooms } from './yjs/rooms.ts';

export type EventName = keyof ServerToClientEvents & string;
export type EventArgs<E extends EventName> = Parameters<ServerToClientEvents[E]>;

/**
 * Sends events to the people of a workshop. Facilitator-only data goes through `facilitators`
 * and nowhere else; `person` reaches one participant's own connections only.
 */
export interface Publisher {
	everyone<E extends EventName>(workshopId: string, event: E, ...args: EventArgs<E>): void;
	facilitators<E extends EventName>(workshopId: string, event: E, ...args: EventArgs<E>): void;
	person<E extends EventName>(
		workshopId: string,
		personId: string,
		event: E,
		...args: EventArgs<E>
	): void;
	/**
	 * Tells one participant's connections `event`, then closes them: they lose the workshop and
	 * must join again (used when a facilitator removes someone).
	 */
	endPerson<E extends EventName>(
		workshopId: string,
		personId: string,
		event: E,
		...args: EventArgs<E>
	): void;
}

export interface CoreServices {
	config: Config;
	log: Logger;
	storage: Storage;
	rooms: DocRooms;
	tickets: TicketBook;
	presence: Presence;
	workshops: Workshops;
	publish: Publisher;
	/** Limits across connections: per person and per address (see server/limits.ts). */
	limits: ServerLimits;
	/**
	 * Drops everything every feature holds in memory for a workshop, without writing documents back
	 * (for deleting a workshop; idle eviction is the server's own, and writes out).
	 */
	forget(workshopId: string): Promise<void>;
	/** The clock for every feature (turns, timers, balance); tests pass their own to avoid sleeping. */
	now: () => number;
}
