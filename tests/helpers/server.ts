/**
 * Starting real Roundtable servers for tests: in this process on port 0 (fast, and logs can be
 * captured), or as a child process (to stop, kill and restart it like an operator would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll } from 'vitest';
import {
	DEFAULT_LIMITS,
	DEFAULT_YJS_LIMITS,
	type Caps,
	type Limits,
	type YjsLimits
} from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/index.ts';
import { closeClients } from './client.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function tempDataDir(): string {
	return mkdtempSync(path.join(tmpdir(), 'roundtable-test-'));
}

const TEST_ADDRESS_LIMITS: Partial<Limits> = {
	workshopsPerAddressPerHour: 100_000,
	roomScreensPerAddressPerHour: 100_000,
	codeMissesFree: 10_000,
	codeMissesRefused: 20_000
};

export interface TestServer {
	url: string;
	port: number;
	dataDir: string;
	server: RunningServer;
	/** Every log line the server wrote. */
	logs: string[];
	stop(): Promise<void>;
}

export async function startTestServer(
	opts: {
		dataDir?: string;
		publicOrigin?: string;
		now?: () => number;
		/** How long a workshop with nobody connected stays in memory. */
		workshopIdleMs?: number;
		yjs?: Partial<YjsLimits>;
		limits?: Partial<Limits>;
		trustProxy?: number;
		/** How often anonymous items go out together (BATCH_SECONDS); tests use a short one. */
		cadenceMs?: number;
		caps?: Partial<Caps>;
	} = {}
): Promise<TestServer> {
	const dataDir = opts.dataDir ?? tempDataDir();
	const logs: string[] = [];
	const server = await startServer(
		{
			port: 0,
			host: '127.0.0.1',
			dataDir,
			publicOrigin: opts.publicOrigin ?? null,
			logLevel: 'debug',
			databaseUrl: null,
			durability: 'process',
			workshopIdleMs: opts.workshopIdleMs ?? 10 * 60_000,
			yjs: { ...DEFAULT_YJS_LIMITS, ...opts.yjs },
			// Every test client comes from 127.0.0.1, one address for a whole file of tests: limits per
			// address are raised here, and the tests of those limits set their own.
			limits: { ...DEFAULT_LIMITS, ...TEST_ADDRESS_LIMITS, ...opts.limits },
			trustProxy: opts.trustProxy ?? 0,
			// Short unless a test asks: ideas, edits and suggestions go out soon, as tests expect.
			cadenceMs: opts.cadenceMs ?? 100,
			caps: opts.caps
		},
		{ writeLog: (line) => logs.push(line), now: opts.now }
	);
	return {
		url: `http://127.0.0.1:${server.port}`,
		port: server.port,
		dataDir,
		server,
		logs,
		async stop() {
			await server.close();
			if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface ChildServer {
	url: string;
	port: number;
	child: ChildProcess;
	output: string[];
	/** Sends a signal and resolves with the exit code. */
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const NODE = path.join(ROOT, 'node_modules/.bin/node');

/**
 * Runs `node server/index.ts` as the operator would (or another entry, such as a test's node of
 * several), and waits for its "listening" line.
 */
export function spawnServer(
	dataDir: string,
	env: Record<string, string> = {},
	entry = 'server/index.ts'
): Promise<ChildServer> {
	const child = spawn(NODE, [entry], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'info',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`server did not start:\n${output.join('\n')}`)),
			20_000
		);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output.join('\n')}`));
		});
		createInterface({ input: child.stdout! }).on('line', (line) => {
			output.push(line);
			if (!line.includes('"server.listening"')) return;
			clearTimeout(timer);
			const port = JSON.parse(line).port as number;
			resolve({
				url: `http://127.0.0.1:${port}`,
				port,
				child,
				output,
				stop(signal = 'SIGTERM') {
					if (child.exitCode !== null || child.signalCode !== null) return exited;
					child.kill(signal);
					return exited;
				}
			});
		});
	});
}

/** Runs the server with a given environment and returns how it exited and what it said. */
export function runServerExpectingExit(
	env: Record<string, string>,
	timeoutMs = 15_000
): Promise<{ code: number | null; output: string }> {
	const child = spawn(NODE, ['server/index.ts'], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	// A server that starts instead of refusing its config would never exit; stop it so the test fails.
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	return new Promise((resolve) =>
		child.once('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		})
	);
}

/** Counts the rows of a table in a server's SQLite file, read-only, beside the running server. */
export function countRows(dataDir: string, table: 'workshops' | 'participants'): number {
	const db = new DatabaseSync(path.join(dataDir, 'roundtable.db'), { readOnly: true });
	try {
		return Number((db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
	} finally {
		db.close();
	}
}

export function removeDir(dir: string) {
	rmSync(dir, { recursive: true, force: true });
}

/**
 * One server for a test file: started before its tests, stopped (with every client the file
 * opened) after them. Read it only inside tests and hooks.
 */
export function useTestServer(opts: Parameters<typeof startTestServer>[0] = {}): TestServer {
	let current: TestServer | undefined;
	beforeAll(async () => {
		current = await startTestServer(opts);
	});
	afterAll(async () => {
		closeClients();
		await current?.stop();
	});
	return new Proxy({} as TestServer, {
		get(_, key) {
			if (!current) throw new Error('the test server starts in beforeAll');
			return Reflect.get(current, key);
		}
	});
}
