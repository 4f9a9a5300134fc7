/**
 * Two servers in one process share nothing: each server-rendered page looks its join code up in
 * its own server's storage, never in whichever server started last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, openWorkshop } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let first: TestServer;
let second: TestServer;

beforeAll(async () => {
	first = await startTestServer();
	second = await startTestServer();
});
afterAll(async () => {
	closeClients();
	await first?.stop();
	await second?.stop();
});

const page = (server: TestServer, path: string) => fetch(server.url + path);

describe('two servers in one process', () => {
	it('each serve their own join codes, on the join page and on the room screen', async () => {
		const a = await openWorkshop(first.url, 'Only on the first server');
		const b = await openWorkshop(second.url, 'Only on the second server');

		for (const path of [`/j/${a.created.code}`, `/room/${a.created.code}`]) {
			const onFirst = await page(first, path);
			expect(onFirst.status, path).toBe(200);
			expect(await onFirst.text()).toContain('Only on the first server');
			expect((await page(second, path)).status, path).toBe(404);
		}
		for (const path of [`/j/${b.created.code}`, `/room/${b.created.code}`]) {
			const onSecond = await page(second, path);
			expect(onSecond.status, path).toBe(200);
			expect(await onSecond.text()).toContain('Only on the second server');
			expect((await page(first, path)).status, path).toBe(404);
		}
	});

	it('keep serving after the other one stops', async () => {
		const a = await openWorkshop(first.url, 'Still here');
		await second.stop();
		const res = await page(first, `/j/${a.created.code}`);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Still here');
	});
});
