/** The browser's socket.io connection, typed by the shared event map, with Result-shaped requests. */
import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	CommandInput,
	CommandName,
	CommandOutput,
	Result,
	ServerToClientEvents
} from '$lib/features/index';
import { fail } from '$lib/shared/result';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

const REQUEST_TIMEOUT_MS = 10_000;

export class Connection {
	status = $state<ConnectionStatus>('connecting');
	readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	// Plain Set: listeners are not state anything renders.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#onReconnect = new Set<() => void>();
	#everConnected = false;

	constructor() {
		this.socket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
		this.socket.on('connect', () => {
			this.status = 'online';
			// socket.io gives a new connection after a drop; sessions are re-established by their owners.
			if (this.#everConnected) for (const fn of this.#onReconnect) fn();
			this.#everConnected = true;
		});
		this.socket.on('disconnect', () => (this.status = 'offline'));
		this.socket.io.on('reconnect_attempt', () => {
			if (this.status !== 'online') this.status = 'offline';
		});
	}

	onReconnect(fn: () => void): () => void {
		this.#onReconnect.add(fn);
		return () => this.#onReconnect.delete(fn);
	}

	async request<K extends CommandName>(
		name: K,
		payload: CommandInput<K>
	): Promise<Result<CommandOutput<K>>> {
		try {
			// The event map types each command; emitWithAck cannot follow a generic name, hence the cast.
			const timed = this.socket.timeout(REQUEST_TIMEOUT_MS);
			const emit = timed.emitWithAck.bind(timed) as unknown as (
				n: K,
				p: CommandInput<K>
			) => Promise<Result<CommandOutput<K>>>;
			return await emit(name, payload);
		} catch {
			return fail('server-error', 'No answer from the server.');
		}
	}

	close() {
		this.socket.close();
	}
}
