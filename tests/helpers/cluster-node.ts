/**
 * One node of several for tests: the real server (server/index.ts's startServer) on PostgreSQL
 * with per-workshop leases, their timing from TEST_LEASE_TTL_MS and TEST_LEASE_RENEW_MS so tests
 * need not wait the production expiry. Stopped by a signal (tests kill it with -9 on purpose).
 */
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/index.ts';

const ttlMs = Number(process.env.TEST_LEASE_TTL_MS);
const renewMs = Number(process.env.TEST_LEASE_RENEW_MS);
if (!(ttlMs > 0 && renewMs > 0)) throw new Error('TEST_LEASE_TTL_MS and TEST_LEASE_RENEW_MS');
const server = await startServer({ ...loadConfig(), cluster: { ttlMs, renewMs } });
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
