/** Puts socket.io and the Yjs endpoint on an existing HTTP server, beside whatever serves pages. */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { DOC_KINDS } from '../src/lib/features/index.ts';
import { handleConnection } from './socket/connection.ts';
import type { RoundtableServer } from './socket/rooms.ts';
import type { Services } from './services.ts';
import { YjsEndpoint } from './yjs/endpoint.ts';

export interface Realtime {
	io: RoundtableServer;
	yjs: YjsEndpoint;
	close(): Promise<void>;
}

export function attachRealtime(
	http: HttpServer,
	services: Services,
	opts: { prod: boolean }
): Realtime {
	const io: RoundtableServer = new Server(http, {
		path: '/socket.io',
		serveClient: false,
		// Our own upgrade listener handles /yjs/; engine.io must not cut those off while they authenticate.
		destroyUpgrade: false,
		// Big enough that an oversized field gets a clear "too long" reply rather than a dropped line.
		maxHttpBufferSize: 1_000_000,
		connectionStateRecovery: undefined
	});
	services.attach(io);
	const yjs = new YjsEndpoint(services.rooms, services.tickets, services.log, DOC_KINDS);
	http.on('upgrade', (req, socket, head) => {
		if (req.url?.startsWith('/socket.io/')) return; // engine.io's own listener
		if (yjs.handleUpgrade(req, socket, head)) return;
		// In dev, Vite's HMR socket shares this server, so leave other upgrades alone there.
		if (opts.prod) socket.destroy();
	});
	io.on('connection', (socket) =>
		handleConnection(socket, {
			commands: services.commands,
			presence: services.presence,
			activity: services.activity,
			log: services.log
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
