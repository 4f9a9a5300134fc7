/** Builds the long-lived parts of a server from its configuration, in one place for prod, dev and tests. */
import { DIRECTORY_KEY } from '../src/lib/shared/workshop.ts';
import type { Config } from './config.ts';
import { agendaGuard } from './features/agenda/guard.ts';
import type { Logger } from './log.ts';
import { Presence } from './presence.ts';
import { SqliteStorage } from './storage/sqlite.ts';
import type { Storage } from './storage/types.ts';
import { TicketBook } from './tickets.ts';
import { Workshops } from './workshops.ts';
import { DocRooms } from './yjs/rooms.ts';

export interface Services {
	config: Config;
	log: Logger;
	storage: Storage;
	rooms: DocRooms;
	tickets: TicketBook;
	presence: Presence;
	workshops: Workshops;
	/** The clock for turn times and balance figures; tests pass their own to avoid sleeping. */
	now: () => number;
}

export function createServices(
	config: Config,
	log: Logger,
	now: () => number = Date.now
): Services {
	const storage = new SqliteStorage(config.dataDir);
	const rooms = new DocRooms(
		storage,
		log,
		(kind) => (kind === 'agenda' ? agendaGuard : null),
		config.yjs
	);
	const presence = new Presence();
	const workshops = new Workshops(storage, rooms, presence, config.publicOrigin);
	// Server-rendered pages run in another module instance (Kit's bundle or Vite's SSR runner), so
	// they reach the live directory through globalThis rather than through an import.
	(globalThis as Record<symbol, unknown>)[DIRECTORY_KEY] = workshops;
	return { config, log, storage, rooms, tickets: new TicketBook(), presence, workshops, now };
}
