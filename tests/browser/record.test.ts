/**
 * "Download record" in real Chromium, by keyboard: the facilitator gets the record's files as
 * links to save, and the printable HTML summary has zero axe violations at 320, 768 and 1280 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, joinAs, openWorkshop, request, unwrap } from '../helpers/client.ts';
import { AxeBuilder } from '@axe-core/playwright';
import {
	expectAccessibleEverywhere,
	launchBrowser,
	openPage,
	tabTo,
	WCAG_TAGS
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let facilitatorKey: string;
let facilitatorSocket: Awaited<ReturnType<typeof openWorkshop>>['facilitator'];

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	facilitatorKey = w.created.facilitatorKey;
	facilitatorSocket = w.facilitator;
	const p = await joinAs(server.url, w.created.code, 'Ada', 'carer');
	unwrap(
		await request(w.facilitator, 'decisions:scope', { fixed: 'The budget.', open: 'The rota.' })
	);
	const { id } = unwrap(await request(w.facilitator, 'decisions:new', { proposal: 'Rota A' }));
	unwrap(await request(w.facilitator, 'decisions:startConsent', { id }));
	unwrap(
		await request(p.socket, 'decisions:answer', { id, answer: 'object', reason: 'Too early.' })
	);
	unwrap(await request(w.facilitator, 'decisions:closeConsent', { id }));
	unwrap(
		await request(w.facilitator, 'actions:add', {
			what: 'Ask the council',
			owners: [p.welcome.participantId],
			due: null
		})
	);
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

describe('the record', () => {
	it('is offered as files to a facilitator using the keyboard, and its HTML is accessible', async () => {
		const fac = await openPage(browser, server.url, { width: 1280 });
		await fac.goto(`${server.url}/facilitate#${facilitatorKey}`);
		await fac.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await fac.getByRole('button', { name: 'Download record' }).waitFor();
		await tabTo(fac, 'Download record');
		await fac.keyboard.press('Enter');
		const links = fac.getByTestId('record-files').getByRole('link');
		await expect.poll(() => links.count()).toBe(6);
		expect(await links.first().getAttribute('download')).toMatch(
			/^Planning-the-carers-hub-\d{4}-\d{2}-\d{2}\.html$/
		);
		await expectAccessibleEverywhere(fac, 'facilitator, record ready');

		// The page's policy lets it fetch nothing but its own server, so the summary the link offers
		// is read the way the facilitator's page got it: from the server, over a facilitator's socket.
		const html = unwrap(await request(facilitatorSocket, 'record:download', {})).html;
		const summary = await openPage(browser, server.url, { width: 1280 });
		await summary.goto(`${server.url}/help`);
		await summary.setContent(html);
		expect(await summary.textContent('body')).toContain('Too early.');
		// The summary has no controls, so the target-size rule has nothing to run on: axe alone.
		for (const width of [320, 768, 1280]) {
			await summary.setViewportSize({ width, height: 800 });
			const results = await new AxeBuilder({ page: summary }).withTags(WCAG_TAGS).analyze();
			expect(
				results.violations.map((v) => v.id),
				`record HTML at ${width} px`
			).toEqual([]);
			expect(results.passes.length).toBeGreaterThan(5);
		}
	}, 120_000);
});
