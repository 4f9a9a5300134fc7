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
/** How long a command pressed while offline waits for the session to come back before it is refused. */
export const SESSION_WAIT_MS = 30_000;

/** The commands that open a session; they go out at once, everything else waits for the session. */
const OPENING = new Set<string>(['participant:join', 'participant:resume', 'facilitator:open']);

export class Connection {
	status = $state<ConnectionStatus>('connecting');
	readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	// Plain Set: listeners are not state anything renders.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#onReconnect = new Set<() => void>();
	#everConnected = false;
	/**
	 * Set by a session owner (`holdForSession`): commands wait until the session is open again after
	 * a drop. socket.io would otherwise replay a command pressed offline before the session resumed,
	 * and the server, not yet knowing who sent it, would refuse it.
	 */
	#gated = false;
	#sessionOpen = false;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- waiters are bookkeeping
	#waiting = new Set<() => void>();

	constructor() {
		this.socket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
		this.socket.on('connect', () => {
			this.status = 'online';
			// socket.io gives a new connection after a drop; sessions are re-established by their owners.
			if (this.#everConnected) for (const fn of this.#onReconnect) fn();
			this.#everConnected = true;
		});
		this.socket.on('disconnect', () => {
			this.status = 'offline';
			this.#sessionOpen = false;
		});
		this.socket.io.on('reconnect_attempt', () => {
			if (this.status !== 'online') this.status = 'offline';
		});
	}

	onReconnect(fn: () => void): () => void {
		this.#onReconnect.add(fn);
		return () => this.#onReconnect.delete(fn);
	}

	/** From now on, commands other than the opening ones wait for `sessionOpened()`. */
	holdForSession() {
		this.#gated = true;
	}

	/** The session is open (joined, resumed or opened): commands that waited go out in order. */
	sessionOpened() {
		if (!this.socket.connected) return;
		this.#sessionOpen = true;
		for (const go of [...this.#waiting]) go();
	}

	/** Resolves true once the session is open, or false when it stayed closed for `SESSION_WAIT_MS`. */
	#untilOpen(): Promise<boolean> {
		if (!this.#gated || this.#sessionOpen) return Promise.resolve(true);
		return new Promise((resolve) => {
			const go = () => {
				clearTimeout(timer);
				this.#waiting.delete(go);
				resolve(true);
			};
			const timer = setTimeout(() => {
				this.#waiting.delete(go);
				resolve(false);
			}, SESSION_WAIT_MS);
			this.#waiting.add(go);
		});
	}

	async request<K extends CommandName>(
		name: K,
		payload: CommandInput<K>
	): Promise<Result<CommandOutput<K>>> {
		if (!OPENING.has(name) && !(await this.#untilOpen())) {
			return fail('offline', 'You are offline. Please try again when you are connected.');
		}
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
