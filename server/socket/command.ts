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
import { fail, type Result } from '../../src/lib/shared/result.ts';
import type { Logger } from '../log.ts';
import type { TokenBucket } from '../rate-limit.ts';

export type Session =
	| { kind: 'participant'; workshopId: string; participantId: string }
	| { kind: 'facilitator'; workshopId: string };

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
