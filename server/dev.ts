/** `npm run dev` and `vite preview`: the same sockets on Vite's own HTTP server. */
import type { Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { attachRealtime } from './realtime.ts';
import { createServices } from './services.ts';

export async function attachDevRealtime(server: HttpServer | Http2SecureServer) {
	const config = loadConfig();
	const services = createServices(config, createLogger(config.logLevel));
	attachRealtime(server as HttpServer, services, { prod: false });
}
