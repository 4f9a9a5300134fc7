/**
 * Settings for taking part, in real Chromium, by keyboard alone: "Easy read" switches the words to
 * their easy-read versions with larger text and more space, at once and remembered on the device;
 * "Pause live updates" holds the speaking queue still and offers "Show 1 new", which catches up
 * and moves focus to the list's heading rather than losing it (R6). Zero axe violations in each
 * state at 320, 768 and 1280 px in light, dark and high contrast, in English and Welsh.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	closeClients,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	type TestSocket
} from '../helpers/client.ts';
import {
	expectAccessibleEverywhere,
	expectFocusVisible,
	focusedName,
	launchBrowser,
	openParticipantPage,
	type PageOptions,
	tabTo,
	THEMES
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let ada: { participantId: string; participantKey: string };
let ben: TestSocket;

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	code = w.created.code;
	const joined = await joinAs(server.url, code, 'Ada', 'lived-experience');
	ada = {
		participantId: joined.welcome.participantId,
		participantKey: joined.welcome.participantKey
	};
	joined.socket.close();
	ben = (await joinAs(server.url, code, 'Ben', 'professional')).socket;
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function participantPage(opts: PageOptions = {}) {
	const page = await openParticipantPage(browser, server.url, code, ada, { width: 320, ...opts });
	await page.getByTestId('speaking-queue').waitFor();
	return page;
}

async function openSettings(page: Page) {
	await tabTo(page, 'Settings');
	await page.keyboard.press('Enter');
	await page.locator('#settings-panel-heading').waitFor();
}

describe('easy read and pausing live updates, by keyboard', { timeout: 240_000 }, () => {
	let page: Page;

	it('switches to easy read at once, and remembers it on the device', async () => {
		page = await participantPage();
		await openSettings(page);
		await tabTo(page, 'Easy read');
		await page.keyboard.press('Space');
		await expect.poll(() => page.evaluate(() => document.documentElement.dataset.easy)).toBe('on');
		expect(await page.getByTestId('signals').textContent()).toContain('Nobody sees who tapped it.');
		await expectFocusVisible(page);
		await expectAccessibleEverywhere(page, 'participant, easy read on', { themes: THEMES });
		const cookies = await page.context().cookies();
		expect(cookies.find((c) => c.name === 'rt_prefs')?.value).toContain('easy=1');
		await page.keyboard.press('Space');
		await expect.poll(() => page.evaluate(() => document.documentElement.dataset.easy)).toBe('off');
	});

	it('pauses the queue and catches up with "Show 1 new", keeping focus', async () => {
		await tabTo(page, 'Pause live updates');
		await page.keyboard.press('Space');
		await page.keyboard.press('Escape');
		unwrap(await request(ben, 'queue:raise', { kind: 'new' }));
		const queue = page.getByTestId('speaking-queue');
		const showNew = queue.getByRole('button', { name: 'Show 1 new' });
		await showNew.waitFor();
		expect(await queue.locator('ol').count()).toBe(0);
		expect(await queue.textContent()).toContain('Nobody is waiting to speak.');
		await expectAccessibleEverywhere(page, 'participant, updates paused with 1 new', {
			themes: THEMES
		});

		await tabTo(page, 'Show 1 new');
		await page.keyboard.press('Enter');
		await expect.poll(() => queue.locator('ol').textContent()).toContain('Ben');
		await expect.poll(() => focusedName(page)).toBe('Waiting to speak');
		await expectFocusVisible(page);
		expect(await showNew.count()).toBe(0);
	});

	it('is accessible paused in Welsh, with easy read', async () => {
		unwrap(await request(ben, 'queue:lower', {}));
		const welsh = await participantPage({ language: 'cy', pauseUpdates: true, easyRead: true });
		unwrap(await request(ben, 'queue:raise', { kind: 'reply' }));
		await welsh.getByTestId('show-new').waitFor();
		expect(await welsh.getByTestId('show-new').textContent()).toBe('Dangos 1 newydd');
		await expectAccessibleEverywhere(welsh, 'participant, paused, Welsh easy read', {
			themes: THEMES
		});
		await welsh.context().close();
	});
});
