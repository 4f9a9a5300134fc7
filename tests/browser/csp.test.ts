/**
 * The Content-Security-Policy and Permissions-Policy in real Chromium: every page hydrates, its
 * socket.io and Yjs connections work live, and the browser reports no violation and no complaint
 * about either header.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { closeClients, openWorkshop, request, unwrap, type TestSocket } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: TestSocket;
let code: string;
let facilitatorKey: string;

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const opened = await openWorkshop(server.url, 'Policy check');
	facilitator = opened.facilitator;
	code = opened.created.code;
	facilitatorKey = opened.created.facilitatorKey;
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

declare global {
	interface Window {
		__violations: string[];
	}
}

/** Runs in the page before any script: records every CSP violation the browser reports. */
function recordViolations() {
	window.__violations = [];
	document.addEventListener('securitypolicyviolation', (e) =>
		window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI}`)
	);
}

interface Watched {
	page: Page;
	/** Console messages that mention either policy, or a refusal to load or run something. */
	complaints: string[];
	errors: string[];
}

async function watched(): Promise<Watched> {
	const page = await openPage(browser, server.url);
	await page.addInitScript(recordViolations);
	const complaints: string[] = [];
	const errors: string[] = [];
	page.on('console', (m) => {
		const text = m.text();
		if (/content.security.policy|permissions.policy|feature policy|refused to/i.test(text))
			complaints.push(`${m.type()}: ${text}`);
		else if (m.type() === 'error') errors.push(text);
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return { page, complaints, errors };
}

async function expectNoViolations(w: Watched, label: string) {
	expect(await w.page.evaluate(() => window.__violations), label).toEqual([]);
	expect(w.complaints, label).toEqual([]);
}

const hydrated = (page: Page) =>
	page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');

describe('pages under the CSP in Chromium', () => {
	it('the start, join, help and 404 pages hydrate with no violation', async () => {
		for (const [path, label] of [
			['/', 'start page'],
			[`/j/${code}`, 'join page'],
			['/help', 'help page'],
			['/no/such/page', '404 page']
		]) {
			const w = await watched();
			await w.page.goto(server.url + path);
			await hydrated(w.page);
			await expectNoViolations(w, label);
			// The only console errors allowed are the 404 page's own status.
			expect(
				w.errors.filter((e) => !/404/.test(e)),
				label
			).toEqual([]);
			await w.page.context().close();
		}
	});

	it('the facilitator page works live over socket.io and Yjs with no violation', async () => {
		const w = await watched();
		await w.page.goto(`${server.url}/facilitate#${facilitatorKey}`);
		await w.page.getByTestId('join-code').waitFor({ timeout: 10_000 });
		// A rename reaches the page through the workshop's Yjs document.
		unwrap(await request(facilitator, 'workshop:rename', { title: 'Policy check, renamed' }));
		await expect
			.poll(() => w.page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Policy check, renamed');
		// The QR code is a data: image, which img-src allows.
		await expect
			.poll(() =>
				w.page.evaluate(() =>
					[...document.images].some((i) => i.src.startsWith('data:') && i.naturalWidth > 0)
				)
			)
			.toBe(true);
		await expectNoViolations(w, 'facilitator page');
		expect(w.errors).toEqual([]);
		await w.page.context().close();
	});

	it('the room screen works live with no violation', async () => {
		const w = await watched();
		await w.page.goto(`${server.url}/room/${code}`);
		await w.page.getByTestId('room-code').waitFor({ timeout: 10_000 });
		unwrap(
			await request(facilitator, 'agenda:add', { title: 'On the big screen', timeboxMinutes: 5 })
		);
		const items = unwrap(
			await request(facilitator, 'agenda:add', { title: 'Next', timeboxMinutes: 5 })
		);
		unwrap(await request(facilitator, 'agenda:start', { itemId: items.itemId }));
		await expect.poll(() => w.page.locator('main').textContent()).toContain('Next');
		await expectNoViolations(w, 'room screen');
		expect(w.errors).toEqual([]);
		await w.page.context().close();
	});
});
