/**
 * The real server, started for the benchmark with a way to ask it for its memory after a full
 * garbage collection (run with --expose-gc; answers over the IPC channel).
 */
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/index.ts';

const server = await startServer(loadConfig());
process.send?.({ type: 'listening', port: server.port });
process.on('message', (message: { type: string }) => {
	if (message.type === 'memory') {
		const gc = (globalThis as { gc?: () => void }).gc;
		gc?.();
		gc?.();
		process.send?.({ type: 'memory', usage: process.memoryUsage() });
	}
	if (message.type === 'stop') void server.close().then(() => process.exit(0));
});
