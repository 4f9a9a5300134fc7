/**
 * Roundtable's production entry: one HTTP server for the SvelteKit app, socket.io, the Yjs
 * endpoint and /healthz. This file only wires the parts together.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { phoneAddresses, startLine } from './addresses.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { requestListener } from './http.ts';
import { createLogger } from './log.ts';
import { attachRealtime, type Realtime } from './realtime.ts';
import { createServices, type Services } from './services.ts';

export interface RunningServer {
	http: HttpServer;
	port: number;
	services: Services;
	realtime: Realtime;
	close(): Promise<void>;
}

async function loadKitHandler() {
	const url = new URL('../build/handler.js', import.meta.url).href;
	try {
		return (await import(url)).handler;
	} catch (e) {
		throw new Error(
			`Could not load the built app (${(e as Error).message}). Run "npm run build" first.`,
			{ cause: e }
		);
	}
}

/** How long a stop waits for in-flight HTTP requests before closing their connections. */
const SHUTDOWN_GRACE_MS = 2000;

export interface StartOptions {
	/** Where log lines go; tests capture them to prove what is (and is not) logged. */
	writeLog?: (line: string) => void;
	/** The clock for turns and balance; tests inject one instead of sleeping. */
	now?: () => number;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
	const log = createLogger(config.logLevel, opts.writeLog);
	const services = await createServices(config, log, opts.now);
	const handler = await loadKitHandler();
	const http = createServer(requestListener(handler, services));
	const realtime = attachRealtime(http, services, { prod: true });
	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(config.port, config.host, () => resolve());
	});
	const port = (http.address() as AddressInfo).port;
	log.info('server.listening', { host: config.host, port });
	let closing: Promise<void> | null = null;
	return {
		http,
		port,
		services,
		realtime,
		close() {
			closing ??= (async () => {
				http.closeIdleConnections();
				// realtime.close() ends with http.close(), which waits for every open HTTP connection. A
				// request still arriving (a slow phone, or headers never finished) would hold the stop open
				// until Node's 60 s headers timeout, so give in-flight requests a moment, then cut them.
				const cut = setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS);
				try {
					await realtime.close();
				} finally {
					clearTimeout(cut);
				}
				http.closeAllConnections();
				log.info('server.stopped');
			})();
			return closing;
		}
	};
}

if (import.meta.main) {
	let config: Config;
	try {
		config = loadConfig();
	} catch (e) {
		if (!(e instanceof ConfigError)) throw e;
		process.stderr.write(`Roundtable cannot start: ${e.message}\n`);
		process.exit(1);
	}
	const server = await startServer(config);
	// For the person at the terminal, not the JSON log: where phones in the room can find it.
	const addresses = phoneAddresses(
		config.host,
		server.port,
		networkInterfaces(),
		config.publicOrigin
	);
	process.stderr.write(startLine(addresses) + '\n');
	const stop = (signal: string) => {
		process.stdout.write(
			JSON.stringify({ level: 'info', event: 'server.stopping', signal }) + '\n'
		);
		server.close().then(
			() => process.exit(0),
			() => process.exit(1)
		);
	};
	process.once('SIGTERM', () => stop('SIGTERM'));
	process.once('SIGINT', () => stop('SIGINT'));
}
