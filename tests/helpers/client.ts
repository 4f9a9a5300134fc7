/** Stock socket.io and y-websocket clients, pointed at a test server. */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type {
	ClientToServerEvents,
	CommandInput,
	CommandName,
	CommandOutput,
	ServerToClientEvents
} from '../../src/lib/features/index.ts';
import type { Result } from '../../src/lib/shared/result.ts';
import { applyPeopleChange, type ParticipantView } from '../../src/lib/shared/workshop.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const sockets = new Set<TestSocket>();
const providers = new Set<WebsocketProvider>();
const rawSockets = new Set<WebSocket>();
/**
 * Each socket's list of people as a facilitator's console would hold it: the list from
 * `facilitator:open`, then every `people` change folded in.
 */
const peopleLists = new WeakMap<TestSocket, { list: ParticipantView[] }>();

/** The list of people a facilitator socket holds now. */
export function peopleOf(socket: TestSocket): ParticipantView[] {
	return peopleLists.get(socket)?.list ?? [];
}

/** A stock socket.io client; `from` sends it as X-Forwarded-For (for a server that trusts a proxy). */
export async function connect(url: string, from?: string): Promise<TestSocket> {
	const socket: TestSocket = io(url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		...(from ? { extraHeaders: { 'x-forwarded-for': from } } : {})
	});
	sockets.add(socket);
	const people = { list: [] as ParticipantView[] };
	peopleLists.set(socket, people);
	socket.on('people', (change) => (people.list = applyPeopleChange(people.list, change)));
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

export function request<K extends CommandName>(
	socket: TestSocket,
	name: K,
	payload: CommandInput<K>
): Promise<Result<CommandOutput<K>>> {
	const emit = socket.timeout(5000).emitWithAck.bind(socket.timeout(5000)) as unknown as (
		n: K,
		p: CommandInput<K>
	) => Promise<Result<CommandOutput<K>>>;
	return emit(name, payload).then((result) => {
		// A facilitator's list starts from the one their welcome carries.
		if (name === 'facilitator:open' && result.ok) {
			const people = peopleLists.get(socket);
			const welcome = result.data as CommandOutput<'facilitator:open'>;
			if (people) people.list = welcome.participants;
		}
		return result;
	});
}

/** Sends anything at all, as a hostile client would, and returns the raw reply. */
export function rawRequest(socket: TestSocket, name: string, ...args: unknown[]): Promise<unknown> {
	const timed = socket.timeout(5000) as unknown as {
		emitWithAck: (n: string, ...a: unknown[]) => Promise<unknown>;
	};
	return timed.emitWithAck(name, ...args);
}

export function unwrap<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
	return result.data;
}

/** Destroys one y-websocket client early (each holds a process 'exit' listener while it lives). */
export function closeYjs(client: { provider: WebsocketProvider }) {
	client.provider.destroy();
	providers.delete(client.provider);
}

/** A stock y-websocket provider on one of a workshop's documents. */
export function yjsClient(url: string, docName: string, ticket: string, doc = new Y.Doc()) {
	const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/yjs', docName, doc, {
		params: { t: ticket },
		disableBc: true
	});
	provider.awareness.setLocalState(null);
	providers.add(provider);
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		provider.once('sync', () => resolve());
	});
	return { provider, doc, synced };
}

/** The error of a refused command, or null when it succeeded (so a wrong success fails the test). */
export function failure<T>(result: Result<T>) {
	return result.ok ? null : result.error;
}

export function waitFor<T>(
	check: () => T | undefined | null | false,
	timeoutMs = 5000
): Promise<T> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const tick = () => {
			const value = check();
			if (value) return resolve(value);
			if (Date.now() - started > timeoutMs) return reject(new Error('timed out waiting'));
			setTimeout(tick, 20);
		};
		tick();
	});
}

export function nextEvent<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E,
	timeoutMs = 5000
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} event`)), timeoutMs);
		socket.once(
			event as 'presence',
			((payload: unknown) => {
				clearTimeout(timer);
				resolve(payload as Parameters<ServerToClientEvents[E]>[0]);
			}) as never
		);
	});
}

/** Closes every client this file opened. */
export function closeClients() {
	for (const s of sockets) s.close();
	sockets.clear();
	for (const p of providers) p.destroy();
	providers.clear();
	for (const ws of rawSockets) ws.terminate();
	rawSockets.clear();
}

/** Creates a workshop and opens it as its facilitator on a fresh socket. */
export async function openWorkshop(url: string, title = 'Test workshop') {
	const facilitator = await connect(url);
	const created = unwrap(await request(facilitator, 'workshop:create', { title, language: 'en' }));
	const opened = unwrap(
		await request(facilitator, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
	);
	return { facilitator, created, opened };
}

/** Joins a workshop as a participant on a fresh socket. */
export async function joinAs(url: string, code: string, name: string, role = 'carer') {
	const socket = await connect(url);
	const welcome = unwrap(await request(socket, 'participant:join', { code, name, role }));
	return { socket, welcome };
}

/** Every payload of one event a socket receives from now on. */
export function record<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E
): Parameters<ServerToClientEvents[E]>[0][] {
	const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
	socket.on(event as 'presence', ((payload: never) => seen.push(payload)) as never);
	return seen;
}

/**
 * The facilitator socket's list of people, once it satisfies `check` (checked after each `people`
 * change, and at once).
 */
export function participantsWhere(
	socket: TestSocket,
	check: (list: ParticipantView[]) => boolean,
	timeoutMs = 5000
): Promise<ParticipantView[]> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off('people', listener);
			reject(new Error('no matching list of people'));
		}, timeoutMs);
		const listener = () => {
			// Runs after the fold above (listeners run in the order they were added).
			const list = peopleOf(socket);
			if (!check(list)) return;
			clearTimeout(timer);
			socket.off('people', listener);
			resolve(list);
		};
		socket.on('people', listener);
	});
}

export type RawYjsOutcome =
	| { opened: true; ws: WebSocket; received: Uint8Array[] }
	| { opened: false; status: number | null; message: string };

/**
 * A raw `ws` WebSocket on the Yjs endpoint (no y-websocket client), for refused upgrades and hostile
 * frames. `path` is everything after `/yjs/`, so tests can send malformed paths too.
 */
export function rawYjs(url: string, path: string): Promise<RawYjsOutcome> {
	const ws = new WebSocket(url.replace(/^http/, 'ws') + '/yjs/' + path);
	rawSockets.add(ws);
	// Collected from the start: the server's first message can arrive in the same tick as 'open'.
	const received: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	return new Promise((resolve) => {
		ws.once('open', () => resolve({ opened: true, ws, received }));
		ws.once('error', (e) => {
			const status = /Unexpected server response: (\d+)/.exec(e.message);
			resolve({ opened: false, status: status ? Number(status[1]) : null, message: e.message });
		});
	});
}

/** Resolves with the close code and reason of a raw WebSocket. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => {
		if (ws.readyState === ws.CLOSED) return resolve({ code: -1, reason: 'already closed' });
		ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
	});
}
