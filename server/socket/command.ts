/**
 * The edge of every command: check the acknowledgement, the rate, the payload's schema, then run
 * the handler and always answer with a Result. A bad payload never reaches a handler.
 */
import type { Socket } from 'socket.io';
import * as v from 'valibot';
import type {
	ClientToServerEvents,
	CommandName,
	CommandOutput,
	ServerToClientEvents
} from '../../src/lib/shared/events.ts';
import { fail, ok, type Result } from '../../src/lib/shared/result.ts';
import type { Logger } from '../log.ts';
import type { TokenBucket } from '../rate-limit.ts';

export type ParticipantSession = { kind: 'participant'; workshopId: string; participantId: string };
export type FacilitatorSession = { kind: 'facilitator'; workshopId: string };
export type Session = ParticipantSession | FacilitatorSession;

export interface SocketData {
	session: Session | null;
	bucket: TokenBucket;
}

export type RoundtableSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

type AnySchema = v.GenericSchema<unknown, unknown>;

/**
 * The connection's session if it may act as `need`: a facilitator action from anyone else, or any
 * action before joining, is refused here with a clear error, before it can change anything.
 */
export function sessionFor(
	socket: RoundtableSocket,
	need: 'facilitator'
): Result<FacilitatorSession>;
export function sessionFor(
	socket: RoundtableSocket,
	need: 'participant'
): Result<ParticipantSession>;
export function sessionFor(socket: RoundtableSocket, need: 'any'): Result<Session>;
export function sessionFor(
	socket: RoundtableSocket,
	need: 'facilitator' | 'participant' | 'any'
): Result<Session> {
	const session = socket.data.session;
	if (!session) return fail('not-joined', 'You need to join the workshop first.');
	if (need === 'facilitator' && session.kind !== 'facilitator') {
		return fail('not-allowed', 'Only a facilitator can do that.');
	}
	if (need === 'participant' && session.kind !== 'participant') {
		return fail('not-allowed', 'Only a participant can do that.');
	}
	return ok(session);
}

export function command<K extends CommandName, S extends AnySchema>(
	socket: RoundtableSocket,
	log: Logger,
	name: K,
	schema: S,
	handler: (input: v.InferOutput<S>) => Promise<Result<CommandOutput<K>>>
) {
	socket.on(name, (async (payload: unknown, ack: unknown) => {
		// Without an acknowledgement there is nobody to answer; ignore rather than throw.
		if (typeof ack !== 'function') return;
		const reply = ack as (r: Result<CommandOutput<K>>) => void;
		if (!socket.data.bucket.take()) {
			return reply(fail('too-fast', 'That was too fast. Please wait a moment and try again.'));
		}
		const parsed = v.safeParse(schema, payload);
		if (!parsed.success) {
			const issue = parsed.issues[0];
			const key = issue?.path?.[0]?.key;
			const field = typeof key === 'string' ? key : undefined;
			if (issue?.type === 'max_length') {
				return reply(fail('too-long', 'That is too long.', field));
			}
			return reply(fail('bad-input', 'Something in that request was not right.', field));
		}
		try {
			reply(await handler(parsed.output));
		} catch (e) {
			log.error('command.failed', { command: name, reason: (e as Error).message });
			reply(fail('server-error', 'Something went wrong on our side. Please try again.'));
		}
	}) as never);
}
