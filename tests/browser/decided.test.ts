/**
 * "What we decided" in real Chromium: after the workshop closes, a participant follows the link
 * from their page by keyboard to a read-only summary of the decisions and actions, in their
 * language. Zero axe violations at 320, 768 and 1280 px, in English and Welsh.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/lib/shared/workshop.ts';
import { closeClients, joinAs, openWorkshop, request, unwrap } from '../helpers/client.ts';
import {
	expectAccessible,
	expectAccessibleEverywhere,
	launchBrowser,
	openPage,
	tabTo
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let ada: { participantId: string; participantKey: string };

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	code = w.created.code;
	const joined = await joinAs(server.url, code, 'Ada', 'carer');
	ada = {
		participantId: joined.welcome.participantId,
		participantKey: joined.welcome.participantKey
	};
	const { id } = unwrap(
		await request(w.facilitator, 'decisions:new', { proposal: 'Open on Saturdays' })
	);
	unwrap(await request(w.facilitator, 'decisions:startConsent', { id }));
	unwrap(await request(joined.socket, 'decisions:answer', { id, answer: 'consent', reason: null }));
	unwrap(await request(w.facilitator, 'decisions:closeConsent', { id }));
	unwrap(await request(joined.socket, 'actions:take', { what: 'Tell the café', due: null }));
	unwrap(await request(w.facilitator, 'closing:close', {}));
	joined.socket.close();
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function asAda(language: Language, path: string) {
	const page = await openPage(browser, server.url, { width: 320, language });
	await page.addInitScript(
		([key, value]) => localStorage.setItem(key, value),
		[`roundtable.identity.${code}`, JSON.stringify(ada)]
	);
	await page.goto(`${server.url}${path}`);
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	return page;
}

describe('what we decided', () => {
	it('is reached by keyboard from the closed workshop and shows decisions and actions', async () => {
		const page = await asAda('en', `/j/${code}`);
		await page.getByTestId('workshop-ended').waitFor();
		await tabTo(page, 'What we decided');
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { level: 1, name: 'What we decided' }).waitFor();
		await expect
			.poll(() => page.getByTestId('decided').textContent())
			.toContain('Open on Saturdays');
		expect(await page.getByTestId('decided-actions').textContent()).toContain('Tell the café');
		expect(await page.textContent('body')).toContain('This workshop has closed.');
		await expectAccessibleEverywhere(page, 'what we decided, en');
	}, 120_000);

	it('is in Welsh for a Welsh speaker', async () => {
		const page = await asAda('cy', `/j/${code}/decided`);
		await page.getByRole('heading', { level: 1, name: 'Beth wnaethon ni ei benderfynu' }).waitFor();
		await expect
			.poll(() => page.getByTestId('decided').textContent())
			.toContain('Open on Saturdays');
		await expectAccessibleEverywhere(page, 'what we decided, cy');
	}, 120_000);

	// Light is checked above at every width in both languages; the other themes at a phone's.
	for (const theme of ['dark', 'contrast'] as const) {
		for (const language of ['en', 'cy'] as const) {
			it(`has no axe violations: ${theme}, ${language}`, async () => {
				const page = await openPage(browser, server.url, { width: 320, theme, language });
				await page.addInitScript(
					([key, value]) => localStorage.setItem(key, value),
					[`roundtable.identity.${code}`, JSON.stringify(ada)]
				);
				await page.goto(`${server.url}/j/${code}/decided`);
				await expect
					.poll(() => page.getByTestId('decided').textContent())
					.toContain('Open on Saturdays');
				await expectAccessible(page, `what we decided, ${theme}, ${language}`);
				await page.context().close();
			}, 60_000);
		}
	}
});
