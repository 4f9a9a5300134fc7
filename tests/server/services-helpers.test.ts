import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import {
	startPostgres,
	startRedis,
	type RunningRedis,
	type RunningService
} from '../helpers/services.ts';

/** Sends one RESP command over a raw TCP socket and resolves with the first reply line. */
function redisCommand(port: number, ...args: string[]): Promise<string> {
	const request =
		`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		let reply = '';
		socket.setTimeout(5_000, () => socket.destroy(new Error('no reply within 5 s')));
		socket.on('connect', () => socket.write(request));
		socket.on('data', (d) => {
			reply += d.toString();
			// A bulk string reply ($n) is followed by its data line; everything else is one line.
			const lines = reply.split('\r\n');
			const complete =
				reply.startsWith('$') && !reply.startsWith('$-1') ? lines.length > 2 : lines.length > 1;
			if (complete) {
				socket.end();
				resolve(reply);
			}
		});
		socket.on('error', reject);
	});
}

async function sql(url: string, text: string): Promise<Record<string, unknown>[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query(text)).rows;
	} finally {
		await client.end();
	}
}

describe('startRedis', () => {
	let a: RunningRedis;
	let b: RunningRedis;

	beforeAll(async () => {
		// Two at once, as parallel test files would.
		[a, b] = await Promise.all([startRedis(), startRedis()]);
	});

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
	});

	it('answers PING over RESP on its own port, one server each', async () => {
		expect(a.port).not.toBe(b.port);
		expect(a.dir).not.toBe(b.dir);
		expect(a.url).toBe(`redis://127.0.0.1:${a.port}`);
		expect(await redisCommand(a.port, 'PING')).toBe('+PONG\r\n');
		expect(await redisCommand(b.port, 'PING')).toBe('+PONG\r\n');
	});

	it('keeps the servers apart', async () => {
		expect(await redisCommand(a.port, 'SET', 'who', 'a')).toBe('+OK\r\n');
		expect(await redisCommand(a.port, 'GET', 'who')).toBe('$1\r\na\r\n');
		expect(await redisCommand(b.port, 'GET', 'who')).toBe('$-1\r\n');
	});

	it('restarts on the same port, empty', async () => {
		await redisCommand(b.port, 'SET', 'before', 'restart');
		await b.restart();
		expect(await redisCommand(b.port, 'PING')).toBe('+PONG\r\n');
		expect(await redisCommand(b.port, 'GET', 'before')).toBe('$-1\r\n');
	});

	it('stops: the port refuses connections and the folder is gone', async () => {
		const c = await startRedis();
		expect(existsSync(c.dir)).toBe(true);
		await c.stop();
		await expect(redisCommand(c.port, 'PING')).rejects.toThrow(/ECONNREFUSED/);
		expect(existsSync(c.dir)).toBe(false);
		await expect(c.stop()).resolves.toBeUndefined();
	});

	it('names the apt package when redis-server is missing', async () => {
		await expect(startRedis({ command: 'redis-server-not-installed' })).rejects.toThrow(
			/apt package "redis-server"/
		);
	});
});

describe('startPostgres', () => {
	let a: RunningService;
	let b: RunningService;

	beforeAll(async () => {
		[a, b] = await Promise.all([startPostgres(), startPostgres({ database: 'other' })]);
	});

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
	});

	it('serves PostgreSQL 15 with the named database, on 127.0.0.1, one cluster each', async () => {
		expect(a.port).not.toBe(b.port);
		expect(a.url).toBe(`postgresql://postgres@127.0.0.1:${a.port}/roundtable`);
		const [row] = await sql(
			a.url,
			"select current_database() as db, current_setting('server_version_num') as v, inet_server_addr()::text as addr"
		);
		expect(row.db).toBe('roundtable');
		expect(Number(row.v)).toBeGreaterThanOrEqual(150000);
		expect(Number(row.v)).toBeLessThan(160000);
		expect(row.addr).toBe('127.0.0.1/32');
		const [other] = await sql(b.url, 'select current_database() as db');
		expect(other.db).toBe('other');
	});

	it('keeps the clusters apart', async () => {
		await sql(a.url, 'create table only_in_a (x int)');
		const tables = (u: string) =>
			sql(u, "select count(*)::int as n from pg_tables where tablename = 'only_in_a'");
		expect((await tables(a.url))[0].n).toBe(1);
		expect((await tables(b.url))[0].n).toBe(0);
	});

	it('stops: connections fail and the folder is gone', async () => {
		const c = await startPostgres();
		expect(existsSync(c.dir)).toBe(true);
		await c.stop();
		await expect(sql(c.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);
		expect(existsSync(c.dir)).toBe(false);
		await expect(c.stop()).resolves.toBeUndefined();
	});

	it('names the apt package when PostgreSQL is missing', async () => {
		await expect(startPostgres({ binDir: '/nonexistent/postgresql/bin' })).rejects.toThrow(
			/apt package "postgresql"/
		);
	});
});
