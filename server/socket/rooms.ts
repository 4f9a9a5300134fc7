/**
 * The socket.io server's type, its rooms and what every feature's command handlers are given.
 * Kept apart from connection.ts, which lists the features, so features never import it back.
 */
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/shared/events.ts';
import type { Services } from '../services.ts';
import type { SocketData } from './command.ts';

export type RoundtableServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

/** Everyone in a workshop. */
export const everyoneRoom = (workshopId: string) => `w:${workshopId}`;
/** Facilitators only: the one place facilitator-only data is sent. */
export const facilitatorsRoom = (workshopId: string) => `f:${workshopId}`;

export interface ConnectionDeps {
	io: RoundtableServer;
	services: Services;
}
