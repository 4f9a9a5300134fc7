/**
 * Throwaway PostgreSQL and Redis servers for tests: each on a free port, in its own temporary
 * folder, started by the test that needs it and removed by `stop()`. No test depends on a service
 * that is already running, and tests running in parallel never share one.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunningService {
	/** postgresql://… or redis://… */
	url: string;
	port: number;
	/** The temporary folder holding its files; gone after `stop()`. */
	dir: string;
	/** Stops the server and removes its folder; safe to call twice. */
	stop(): Promise<void>;
}

export interface RunningRedis extends RunningService {
	/** Stops and starts the same server on the same port again, empty (it keeps nothing). */
	restart(): Promise<void>;
}

export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** A port nobody listens on right now: the kernel picks it when we bind port 0. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === 'string') throw new Error('no port was assigned');
	return address.port;
}

/**
 * Another process may take the free port between our check and the server's bind. Starting again
 * on a new port is cheap, so a few attempts make parallel test files safe.
 */
async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
	let last: unknown;
	for (let attempt = 0; attempt < 4; attempt++) {
		try {
			return await start(await freePort());
		} catch (e) {
			last = e;
		}
	}
	throw last;
}

/** Removes the folder even if the process dies without calling `stop()`. */
function cleanupOnExit(fn: () => void): () => void {
	const listener = () => {
		try {
			fn();
		} catch {
			// The process is exiting; there is nobody left to tell.
		}
	};
	process.once('exit', listener);
	return () => process.off('exit', listener);
}

function isRoot(): boolean {
	return process.getuid?.() === 0;
}

function postgresIds(): { uid: number; gid: number } {
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
	return { uid: id('-u'), gid: id('-g') };
}

export interface PostgresOptions {
	/** Where initdb, pg_ctl and createdb are (default: Debian's PostgreSQL 15). */
	binDir?: string;
	/** Name of the database to create (default `roundtable`). */
	database?: string;
	/**
	 * Sync to disk as a production server would (default off: the throwaway cluster is never
	 * crashed by a test, and fsync on two shared cores only slows every test down).
	 */
	fsync?: boolean;
}

/** Starts a fresh PostgreSQL cluster with one empty database; trust authentication, 127.0.0.1 only. */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningService> {
	const binDir = options.binDir ?? POSTGRES_BIN;
	const database = options.database ?? 'roundtable';
	const bin = (name: string) => path.join(binDir, name);
	try {
		accessSync(bin('initdb'), constants.X_OK);
		accessSync(bin('pg_ctl'), constants.X_OK);
	} catch {
		throw new Error(
			`PostgreSQL is not installed: ${bin('initdb')} is missing. Install the apt package "postgresql" (apt-get install -y postgresql).`
		);
	}

	const dir = mkdtempSync(path.join(tmpdir(), 'rt-pg-'));
	const data = path.join(dir, 'data');
	const log = path.join(dir, 'log');
	// PostgreSQL refuses to run as root, so as root it runs as the postgres user, in a folder it owns.
	const asRoot = isRoot();
	if (asRoot) {
		const { uid, gid } = postgresIds();
		chownSync(dir, uid, gid);
	}
	const asPostgres = (file: string, args: string[]) =>
		asRoot
			? run('runuser', ['-u', 'postgres', '--', file, ...args], { cwd: dir })
			: run(file, args, { cwd: dir });
	const stopSync = () => {
		if (existsSync(path.join(data, 'postmaster.pid'))) {
			const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
			if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', bin('pg_ctl'), ...args]);
			else execFileSync(bin('pg_ctl'), args);
		}
		rmSync(dir, { recursive: true, force: true });
	};
	const forget = cleanupOnExit(stopSync);

	try {
		await asPostgres(bin('initdb'), [
			'-D',
			data,
			'-A',
			'trust',
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--no-locale',
			'--no-sync'
		]);
		const fsync = options.fsync ? 'on' : 'off';
		const port = await onFreePort(async (port) => {
			const settings = [
				`-p ${port}`,
				`-k ${dir}`,
				'-c listen_addresses=127.0.0.1',
				`-c fsync=${fsync}`,
				`-c full_page_writes=${fsync}`
			];
			try {
				await asPostgres(bin('pg_ctl'), [
					'-D',
					data,
					'-l',
					log,
					'-w',
					'-t',
					'60',
					'-o',
					settings.join(' '),
					'start'
				]);
			} catch (e) {
				throw new Error(`pg_ctl start failed on port ${port}: ${(e as Error).message}`, {
					cause: e
				});
			}
			return port;
		});
		await run(bin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);

		let stopped = false;
		return {
			url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
			port,
			dir,
			async stop() {
				if (stopped) return;
				stopped = true;
				try {
					await asPostgres(bin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
				} finally {
					forget();
					rmSync(dir, { recursive: true, force: true });
				}
			}
		};
	} catch (e) {
		forget();
		stopSync();
		throw e;
	}
}

export interface RedisOptions {
	/** The redis-server program (default: `redis-server` on PATH). */
	command?: string;
}

function onPath(command: string): string | null {
	if (command.includes('/')) return existsSync(command) ? command : null;
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const file = path.join(dir, command);
		try {
			accessSync(file, constants.X_OK);
			return file;
		} catch {
			// not in this folder
		}
	}
	return null;
}

/** Runs redis-server in the foreground until it says it is ready; rejects if it exits first. */
function spawnRedis(command: string, port: number, dir: string): Promise<ChildProcess> {
	const child = spawn(
		command,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no'
		],
		{ cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`redis-server did not start on port ${port} within 20 s: ${output}`));
		}, 20_000);
		const onData = (d: Buffer) => {
			output += d.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				child.stdout?.off('data', onData);
				child.off('exit', onExit);
				// Keep reading so a full pipe never blocks the server.
				child.stdout?.resume();
				child.stderr?.resume();
				resolve(child);
			}
		};
		const onExit = (code: number | null) => {
			clearTimeout(timer);
			reject(new Error(`redis-server exited with ${code} on port ${port}: ${output}`));
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
		child.once('exit', onExit);
		child.once('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
	});
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

/** Starts an empty redis-server that keeps nothing on disk. */
export async function startRedis(options: RedisOptions = {}): Promise<RunningRedis> {
	const command = onPath(options.command ?? 'redis-server');
	if (!command) {
		throw new Error(
			`Redis is not installed: ${options.command ?? 'redis-server'} is not on PATH. Install the apt package "redis-server" (apt-get install -y redis-server).`
		);
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'rt-redis-'));
	let child: ChildProcess | null = null;
	const forget = cleanupOnExit(() => {
		child?.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	});
	let port: number;
	try {
		port = await onFreePort(async (p) => {
			child = await spawnRedis(command, p, dir);
			return p;
		});
	} catch (e) {
		forget();
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	let stopped = false;
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		dir,
		async restart() {
			if (stopped) throw new Error('this Redis was stopped');
			if (child) await stopChild(child);
			child = null;
			child = await spawnRedis(command, port, dir);
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			try {
				if (child) await stopChild(child);
			} finally {
				forget();
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
