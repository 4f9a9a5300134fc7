/** The plain HTTP side: health check, security headers, and pages that give nothing away. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, joinAs, openWorkshop } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let code: string;
let facilitatorKey: string;
beforeAll(async () => {
	server = await startTestServer();
	const { created } = await openWorkshop(server.url, 'Carers planning day');
	await joinAs(server.url, created.code, 'Olwen Pryce');
	code = created.code;
	facilitatorKey = created.facilitatorKey;
});
afterAll(async () => {
	closeClients();
	await server.stop();
});

/** A join code in the right alphabet and length that no workshop here has. */
function unknownCode() {
	for (const candidate of ['ACDEFG', 'HJKMNP', 'QRTUVW']) if (candidate !== code) return candidate;
	throw new Error('unreachable');
}

describe('HTTP', () => {
	it('GET /healthz answers 200 {ok: true}, uncached', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.json()).toEqual({ ok: true });
	});

	it.each(['/', '/facilitate', '/help', `/j/${'ACDEFG'}`])(
		'%s carries referrer-policy: no-referrer',
		async (path) => {
			const res = await fetch(`${server.url}${path}`);
			expect(res.headers.get('referrer-policy')).toBe('no-referrer');
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			await res.arrayBuffer();
		}
	);

	it('GET /j/<known code> shows the workshop, with the referrer policy too', async () => {
		const res = await fetch(`${server.url}/j/${code}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
		const body = await res.text();
		expect(body).toContain('Carers planning day');
		// The join page shows the workshop, not who is in it.
		expect(body).not.toContain('Olwen Pryce');
	});

	it('GET /j/<code in lower case with a dash> finds the same workshop', async () => {
		const typed = `${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase();
		const res = await fetch(`${server.url}/j/${typed}`);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Carers planning day');
	});

	it('GET /j/<unknown valid-looking code> is a 404 that says so', async () => {
		const res = await fetch(`${server.url}/j/${unknownCode()}`);
		expect(res.status).toBe(404);
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
		expect(await res.text()).toContain('No workshop has this join code');
	});

	it.each([
		{ label: 'a word', path: '/j/not-a-code' },
		{ label: 'markup', path: '/j/%3Cscript%3Ealert(7)%3C%2Fscript%3E' },
		{ label: '500 letters', path: `/j/${'A'.repeat(500)}` },
		{ label: 'look-alike letters', path: '/j/OOOOOO' }
	])('GET /j/<$label> is a 404 that says so, not an error', async ({ path }) => {
		const res = await fetch(`${server.url}${path}`);
		expect(res.status).toBe(404);
		const body = await res.text();
		expect(body).toContain('No workshop has this join code');
		expect(body).not.toContain('<script>alert(7)');
	});

	it('GET /facilitate is 200 and carries no workshop data (the key stays in the fragment)', async () => {
		const res = await fetch(`${server.url}/facilitate`);
		expect(res.status).toBe(200);
		const body = await res.text();
		for (const secret of ['Carers planning day', code, facilitatorKey, 'Olwen Pryce'])
			expect(body).not.toContain(secret);
	});

	it('an unknown path is a 404 and the server goes on serving', async () => {
		const res = await fetch(`${server.url}/no/such/page`);
		expect(res.status).toBe(404);
		await res.arrayBuffer();
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});
});
