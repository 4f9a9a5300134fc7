/**
 * One socket.io connection: who it is (a session), which rooms it is in, and the one edge every
 * command passes. The edge knows no feature: it finds the command in the table built from the
 * registry and checks, in this order, the acknowledgement, the rate, the sender's authority and
 * the payload's schema; only then does the handler run. It always answers with a Result.
 *
 * Rates hold per connection and, for a participant, per person across all their connections, so
 * opening more connections buys nothing: a command's own lane (`Rate`) is shared by the person.
 */
import type { Socket } from 'socket.io';
import * as v from 'valibot';
import type {
	ClientToServerEvents,
	ErrorCode,
	ServerToClientEvents
} from '../../src/lib/features/index.ts';
import type { AnySchema } from '../../src/lib/shared/command.ts';
import { fail, type Result } from '../../src/lib/shared/result.ts';
import type { CommandConnection, Rate, Who } from '../features/types.ts';
import type { WorkshopActivity } from '../activity.ts';
import type { Logger } from '../log.ts';
import type { ServerLimits } from '../limits.ts';
import type { Presence } from '../presence.ts';
import { TokenBucket } from '../rate-limit.ts';
import { everyoneRoom, facilitatorsRoom, personRoom } from './rooms.ts';
import type { Session, SocketData } from './session.ts';

export type RoundtableSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

/** One command as the edge sees it: its schema and its handler, without their precise types. */
export interface CommandEntry {
	name: string;
	schema: AnySchema;
	who: Who;
	rate?: Rate;
	run(input: unknown, ctx: { session: Session | null; connection: CommandConnection }): unknown;
}

export type CommandTable = ReadonlyMap<string, CommandEntry>;

type Reply = (result: Result<unknown, ErrorCode>) => void;

const TOO_FAST = fail('too-fast', 'That was too fast. Please wait a moment and try again.');

/** A refusal for a sender who may not send this command, or null when they may. */
export function refusal(who: Who, session: Session | null) {
	if (who === 'anyone') return null;
	if (!session) return fail('not-joined', 'You need to join the workshop first.');
	if (who === 'facilitator' && session.kind !== 'facilitator') {
		return fail('not-allowed', 'Only a facilitator can do that.');
	}
	if (who === 'participant' && session.kind !== 'participant') {
		return fail('not-allowed', 'Only a participant can do that.');
	}
	return null;
}

/** The clear reply to a payload its schema refused. */
export function schemaRefusal(issues: readonly v.BaseIssue<unknown>[]) {
	const issue = issues[0];
	const key = issue?.path?.[0]?.key;
	const field = typeof key === 'string' ? key : undefined;
	if (issue?.type === 'max_length') return fail('too-long', 'That is too long.', field);
	return fail('bad-input', 'Something in that request was not right.', field);
}

export function handleConnection(
	socket: RoundtableSocket,
	deps: {
		commands: CommandTable;
		presence: Presence;
		activity: WorkshopActivity;
		log: Logger;
		limits: ServerLimits;
		/** The client's address, as far as it can be trusted (see server/client-address.ts). */
		address: string;
	}
) {
	const { commands, presence, activity, log, limits } = deps;
	socket.data.session = null;
	socket.data.bucket = new TokenBucket(
		limits.config.connectionCommandBurst,
		limits.config.connectionCommandsPerSecond
	);
	socket.data.lanes = null;

	const rooms = (session: Session) => {
		const names = [everyoneRoom(session.workshopId)];
		if (session.kind === 'facilitator') names.push(facilitatorsRoom(session.workshopId));
		else names.push(personRoom(session.workshopId, session.participantId));
		return names;
	};

	const leave = async () => {
		const session = socket.data.session;
		if (!session) return;
		socket.data.session = null;
		for (const room of rooms(session)) await socket.leave(room);
		if (session.kind === 'participant') presence.leave(session.workshopId, session.participantId);
		activity.closed(session.workshopId);
	};

	const connection: CommandConnection = {
		origin: socket.handshake.headers.origin ?? null,
		address: deps.address,
		async enter(session) {
			await leave();
			// A connection that dropped while we awaited must not be marked present: its disconnect
			// handler has already run. From here on everything is synchronous.
			if (socket.disconnected) return false;
			socket.data.session = session;
			activity.opened(session.workshopId);
			for (const room of rooms(session)) void socket.join(room);
			if (session.kind === 'participant')
				presence.arrive(session.workshopId, session.participantId);
			return true;
		}
	};

	socket.on('disconnect', () => void leave().catch(() => {}));

	/** The person a participant's connection speaks for, across all their connections. */
	const personKey = (session: Session | null) =>
		session?.kind === 'participant' ? `${session.workshopId}:${session.participantId}` : null;

	const laneAllows = (rate: Rate) => {
		const person = personKey(socket.data.session);
		if (person) return limits.lane(rate.lane, rate.burst, rate.perSecond).take(person);
		socket.data.lanes ??= new Map();
		let bucket = socket.data.lanes.get(rate.lane);
		if (!bucket)
			socket.data.lanes.set(rate.lane, (bucket = new TokenBucket(rate.burst, rate.perSecond)));
		return bucket.take();
	};

	socket.onAny(async (name: string, payload: unknown, ack: unknown) => {
		// Without an acknowledgement there is nobody to answer; ignore rather than throw.
		if (typeof ack !== 'function') return;
		const reply = ack as Reply;
		const entry = commands.get(name);
		if (!entry) return reply(fail('unknown-command', 'There is no such command.'));
		if (!socket.data.bucket.take()) return reply(TOO_FAST);
		const person = personKey(socket.data.session);
		if (person && !limits.personCommands.take(person)) return reply(TOO_FAST);
		// Authority before the payload: a participant learns nothing about facilitator commands' rules.
		const refused = refusal(entry.who, socket.data.session);
		if (refused) return reply(refused);
		if (entry.rate && !laneAllows(entry.rate)) return reply(TOO_FAST);
		const parsed = v.safeParse(entry.schema, payload);
		if (!parsed.success) return reply(schemaRefusal(parsed.issues));
		try {
			reply(
				(await entry.run(parsed.output, {
					session: socket.data.session,
					connection
				})) as Result<unknown, ErrorCode>
			);
		} catch (e) {
			log.error('command.failed', { command: name, reason: (e as Error).message });
			reply(fail('server-error', 'Something went wrong on our side. Please try again.'));
		}
	});
}
