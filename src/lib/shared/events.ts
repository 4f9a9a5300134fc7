/**
 * The one map of socket.io events, shared by the server and the browser. Commands (client to
 * server) always carry an acknowledgement that receives a Result.
 */
import type { AgendaCommands, AgendaEvents } from './agenda-events.ts';
import type { BalanceCommands, BalanceEvents } from './balance-events.ts';
import type { QueueCommands } from './queue-events.ts';
import type { IdeasCommands } from './ideas-events.ts';
import type { Result } from './result.ts';
import type {
	CreateWorkshopInput,
	JoinWorkshopInput,
	LookupWorkshopInput,
	OpenFacilitatorInput,
	RenameWorkshopInput,
	ResumeParticipantInput
} from './schemas.ts';
import type {
	FacilitatorWelcome,
	ParticipantView,
	ParticipantWelcome,
	WorkshopPublic
} from './workshop.ts';

type Command<In, Out> = (payload: In, ack: (result: Result<Out>) => void) => void;

export interface ClientToServerEvents
	extends AgendaCommands, QueueCommands, IdeasCommands, BalanceCommands {
	'workshop:create': Command<
		CreateWorkshopInput,
		{ facilitatorKey: string; code: string; workshopId: string }
	>;
	'workshop:lookup': Command<LookupWorkshopInput, WorkshopPublic>;
	'participant:join': Command<JoinWorkshopInput, ParticipantWelcome>;
	'participant:resume': Command<ResumeParticipantInput, ParticipantWelcome>;
	'facilitator:open': Command<OpenFacilitatorInput, FacilitatorWelcome>;
	'workshop:rename': Command<RenameWorkshopInput, WorkshopPublic>;
}

export interface ServerToClientEvents extends AgendaEvents, BalanceEvents {
	/** Everyone in a workshop: how many people are here. */
	presence: (here: { count: number }) => void;
	/** Facilitators only: the full list of people, with here/away. */
	participants: (list: ParticipantView[]) => void;
}

export type CommandName = keyof ClientToServerEvents;
export type CommandInput<K extends CommandName> = Parameters<ClientToServerEvents[K]>[0];
export type CommandOutput<K extends CommandName> =
	Parameters<Parameters<ClientToServerEvents[K]>[1]>[0] extends Result<infer T> ? T : never;
