/** `npm run dev` and `vite preview`: the same sockets on Vite's own HTTP server. */
import type { Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { DEV_DIRECTORY } from '../src/lib/shared/workshop.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { attachRealtime } from './realtime.ts';
import { createServices } from './services.ts';

export async function attachDevRealtime(server: HttpServer | Http2SecureServer) {
	const config = loadConfig();
	const services = await createServices(config, createLogger(config.logLevel));
	const realtime = attachRealtime(server as HttpServer, services, { prod: false });
	// Vite's dev server hands Kit no Node request, so pages cannot find the directory on it as they
	// do in production (server/http.ts). A dev process runs exactly one Vite server, so this one
	// well-known slot cannot mix up two servers; it is cleared when the server closes.
	const slot = globalThis as Record<symbol, unknown>;
	// Vite hands over no request, so every page counts as one address for guessing join codes.
	const directory = services.workshops.directoryFor(services.limits.codes, 'dev');
	slot[DEV_DIRECTORY] = directory;
	server.once('close', () => {
		if (slot[DEV_DIRECTORY] === directory) delete slot[DEV_DIRECTORY];
		realtime.close().catch(() => {});
	});
}
