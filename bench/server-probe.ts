/**
 * The real Roundtable server, started by the benchmark as a child process (with --expose-gc) and
 * measured from inside over the IPC channel (bench/probe-ipc.ts): memory after a full collection,
 * CPU time, and event-loop delay.
 */
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/index.ts';
import { serveProbe } from './probe-ipc.ts';

const server = await startServer(loadConfig());
serveProbe(server.port);
// Leave at once, without a graceful close: the bench is done with it (and a profile gets written).
process.on('SIGTERM', () => process.exit(0));
