/**
 * The socket.io server's type, its rooms, and the publisher features send events through.
 * Facilitator-only data goes to the facilitators' room and nowhere else.
 */
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/features/index.ts';
import type { EventArgs, EventName, Publisher } from '../core.ts';
import type { SocketData } from './session.ts';

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
/** One participant's own connections (they may have several tabs or devices). */
export const personRoom = (workshopId: string, personId: string) => `p:${workshopId}:${personId}`;

/**
 * A publisher that sends nothing until a socket.io server is attached: services are built before
 * the HTTP server exists, and nobody can be connected before then anyway.
 */
export function createPublisher(): Publisher & { attach(io: RoundtableServer): void } {
	let io: RoundtableServer | null = null;
	const emit = <E extends EventName>(room: string, event: E, args: EventArgs<E>) => {
		if (!io) return;
		// The typed emit cannot follow a generic event name; the Publisher type checks the arguments.
		const target = io.to(room) as unknown as { emit(event: string, ...args: unknown[]): boolean };
		target.emit(event, ...args);
	};
	return {
		attach(server) {
			io = server;
		},
		everyone: (workshopId, event, ...args) => emit(everyoneRoom(workshopId), event, args),
		facilitators: (workshopId, event, ...args) => emit(facilitatorsRoom(workshopId), event, args),
		person: (workshopId, personId, event, ...args) =>
			emit(personRoom(workshopId, personId), event, args),
		endPerson(workshopId, personId, event, ...args) {
			const room = personRoom(workshopId, personId);
			emit(room, event, args);
			// The event goes out first on each connection; a server-side disconnect is final for a
			// socket.io client, which does not reconnect by itself after it.
			io?.in(room).disconnectSockets(true);
		}
	};
}
