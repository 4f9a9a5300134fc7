/** Puts socket.io and the Yjs endpoint on an existing HTTP server, beside whatever serves pages. */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server } from 'socket.io';
import { DOC_KINDS } from '../src/lib/features/index.ts';
import { clientAddress } from './client-address.ts';
import { ORIGIN_REFUSED, originAllowed, refuseUpgrade } from './origin.ts';
import { handleConnection } from './socket/connection.ts';
import type { RoundtableServer } from './socket/rooms.ts';
import type { Services } from './services.ts';
import { YJS_PATH, YjsEndpoint } from './yjs/endpoint.ts';

const SOCKET_IO_PATH = '/socket.io/';

export interface Realtime {
	io: RoundtableServer;
	yjs: YjsEndpoint;
	close(): Promise<void>;
}

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export function attachRealtime(
	http: HttpServer,
	services: Services,
	opts: { prod: boolean }
): Realtime {
	const { publicOrigin } = services.config;
	const before = new Set(http.listeners('upgrade'));
	const io: RoundtableServer = new Server(http, {
		path: '/socket.io',
		serveClient: false,
		// Our own upgrade listener handles /yjs/; engine.io must not cut those off while they authenticate.
		destroyUpgrade: false,
		// Big enough that an oversized field gets a clear "too long" reply rather than a dropped line.
		// A frame over this never reaches socket.io: ws refuses it from its header, before reading the
		// payload (and so before the command name or ack id in it are known), and closes at once with
		// 1009 "Message Too Big", the WebSocket protocol's own clear signal. Nothing can be sent first,
		// as ws has already begun closing when it reports the error. Clients see the 1009 in the
		// close event (socket.io-client: disconnect reason "transport close", details.context.code);
		// over HTTP long-polling engine.io answers such a request 413 instead.
		maxHttpBufferSize: 1_000_000,
		connectionStateRecovery: undefined,
		// Long-polling requests; websocket upgrades are checked below, before engine.io sees them.
		allowRequest: (req, callback) =>
			originAllowed(req, publicOrigin) ? callback(null, true) : callback(ORIGIN_REFUSED, false)
	});
	// engine.io answers every websocket upgrade it refuses with a bare 400, so take its upgrade
	// listener off and route /socket.io/ upgrades ourselves, checking Origin first for a clear 403.
	for (const listener of http.listeners('upgrade')) {
		if (!before.has(listener)) http.off('upgrade', listener as UpgradeListener);
	}
	services.attach(io);
	const yjs = new YjsEndpoint(
		services.rooms,
		services.tickets,
		services.log,
		DOC_KINDS,
		services.config.yjs
	);
	http.on('upgrade', (req, socket, head) => {
		const url = req.url ?? '';
		const forSocketIo = url.startsWith(SOCKET_IO_PATH);
		if ((forSocketIo || url.startsWith(YJS_PATH)) && !originAllowed(req, publicOrigin)) {
			services.log.warn('realtime.origin-refused', {
				endpoint: forSocketIo ? 'socket.io' : 'yjs',
				origin: String(req.headers.origin).slice(0, 100)
			});
			return refuseUpgrade(socket, 403, ORIGIN_REFUSED);
		}
		if (forSocketIo) return io.engine.handleUpgrade(req, socket, head);
		if (yjs.handleUpgrade(req, socket, head)) return;
		// In dev, Vite's HMR socket shares this server, so leave other upgrades alone there.
		if (opts.prod) socket.destroy();
	});
	io.on('connection', (socket) =>
		handleConnection(socket, {
			commands: services.commands,
			presence: services.presence,
			activity: services.activity,
			log: services.log,
			limits: services.limits,
			address: clientAddress(
				socket.request.socket.remoteAddress,
				socket.handshake.headers['x-forwarded-for'],
				services.config.trustProxy ?? 0
			)
		})
	);
	return {
		io,
		yjs,
		async close() {
			yjs.close();
			await new Promise<void>((resolve) => io.close(() => resolve()));
			await services.close();
		}
	};
}
