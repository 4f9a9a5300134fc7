/**
 * Security headers on every page: a Content-Security-Policy without 'unsafe-inline' scripts (Kit's
 * nonce on its own inline script), frame-ancestors 'none', a Permissions-Policy with powerful
 * features off, and the older headers beside them.
 */
import { describe, expect, it } from 'vitest';
import { openWorkshop } from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';
import { withOwnSockets } from '../../server/security-headers.ts';

const server = useTestServer();

/** The directives of a CSP header, by name. */
function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...values]) => [name, values])
	);
}

function expectCommonHeaders(res: Response, label: string) {
	const policy = res.headers.get('permissions-policy') ?? '';
	for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
		expect(policy, label).toContain(`${feature}=()`);
	expect(res.headers.get('referrer-policy'), label).toBe('no-referrer');
	expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
	expect(res.headers.get('x-frame-options'), label).toBe('DENY');
}

describe('pages', () => {
	it.each([
		['the start page', () => '/', 200],
		['a join page', (code: string) => `/j/${code}`, 200],
		['the facilitator page', () => '/facilitate', 200],
		['a room screen', (code: string) => `/room/${code}`, 200],
		['the help page', () => '/help', 200],
		['a join page for an unknown code', () => '/j/ACDEFG', 404],
		['the 404 page', () => '/no/such/page', 404]
	])('%s carries a strict CSP and the other headers', async (label, path, status) => {
		const { created } = await openWorkshop(server.url, 'Headers');
		const res = await fetch(server.url + path(created.code));
		expect(res.status, label).toBe(status);
		const body = await res.text();
		const csp = res.headers.get('content-security-policy');
		expect(csp, label).toBeTruthy();
		const d = directives(csp!);
		const scripts = d.get('script-src') ?? [];
		expect(scripts, label).not.toContain("'unsafe-inline'");
		expect(scripts, label).not.toContain("'unsafe-eval'");
		expect(d.get('frame-ancestors'), label).toEqual(["'none'"]);
		expect(d.get('object-src'), label).toEqual(["'none'"]);
		expect(d.get('base-uri'), label).toEqual(["'self'"]);
		const host = new URL(server.url).host;
		expect(d.get('connect-src'), label).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
		// Every inline script carries this response's nonce, and the nonce is fresh per response.
		const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
		expect(nonce, label).toBeTruthy();
		const inline = [...body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
		expect(inline.length, label).toBeGreaterThan(0);
		for (const attrs of inline) expect(attrs, label).toContain(`nonce="${nonce}"`);
		const again = await fetch(server.url + path(created.code));
		await again.arrayBuffer();
		expect(again.headers.get('content-security-policy')).not.toContain(nonce);
		expectCommonHeaders(res, label);
	});
});

describe('other responses', () => {
	it('the health check and static files carry the headers too', async () => {
		const health = await fetch(`${server.url}/healthz`);
		await health.arrayBuffer();
		expect(health.headers.get('content-security-policy')).toBe(
			"default-src 'none'; frame-ancestors 'none'"
		);
		expectCommonHeaders(health, '/healthz');
		const icon = await fetch(`${server.url}/favicon.svg`);
		expect(icon.status).toBe(200);
		await icon.arrayBuffer();
		expectCommonHeaders(icon, '/favicon.svg');
	});
});

describe('connect-src', () => {
	it('adds the page’s own ws: and wss: origin, and nothing from a Host header that is not a host', () => {
		const csp = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'";
		expect(withOwnSockets(csp, 'rt.example.org')).toBe(
			"default-src 'self'; connect-src 'self' ws://rt.example.org wss://rt.example.org; frame-ancestors 'none'"
		);
		expect(withOwnSockets(csp, '[::1]:3000')).toContain('ws://[::1]:3000 wss://[::1]:3000');
		for (const host of [null, '', 'a b', "x; script-src 'unsafe-inline'", 'x,y', 'x/y', "x'"])
			expect(withOwnSockets(csp, host)).toBe(csp);
	});
});
