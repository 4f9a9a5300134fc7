/**
 * "Raise hand in writing" in real Chromium, by keyboard alone: a participant writes a point and
 * chooses "Show without my name"; the facilitator sees it with the name withheld, gives the floor,
 * and shows it on the room screen, which shows it without the name. Zero axe violations in each
 * new state at 320, 768 and 1280 px in light, dark and high contrast, and in Welsh and easy read.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, joinAs, openWorkshop } from '../helpers/client.ts';
import {
	expectAccessible,
	expectFocusVisible,
	focusedName,
	launchBrowser,
	openPage,
	settledAnnouncements,
	tabTo,
	type PageOptions
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let facilitatorKey: string;
let ada: { participantId: string; participantKey: string };

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	code = w.created.code;
	facilitatorKey = w.created.facilitatorKey;
	const joined = await joinAs(server.url, code, 'Ada', 'lived-experience');
	ada = {
		participantId: joined.welcome.participantId,
		participantKey: joined.welcome.participantKey
	};
	joined.socket.close();
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function ready(page: Page) {
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

/** `controls: false` for the room screen, which has nothing to press (so no target sizes to check). */
async function accessibleEverywhere(page: Page, label: string, controls = true) {
	const before = page.viewportSize()!;
	for (const theme of ['light', 'dark', 'contrast']) {
		await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
		for (const width of [320, 768, 1280]) {
			await page.setViewportSize({ width, height: 800 });
			await expectAccessible(page, `${label}, ${theme}, ${width} px`, { controls });
		}
	}
	await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
	await page.setViewportSize(before);
}

async function participantPage(opts: PageOptions = {}) {
	const page = await openPage(browser, server.url, { width: 320, ...opts });
	await page.addInitScript(
		([key, value]) => localStorage.setItem(key, value),
		[`roundtable.identity.${code}`, JSON.stringify(ada)]
	);
	await page.goto(`${server.url}/j/${code}`);
	await ready(page);
	await page.getByTestId('written-hand').waitFor();
	return page;
}

const POINT = 'Could the notes come in large print?';

describe('raise hand in writing, by keyboard', { timeout: 240_000 }, () => {
	let page: Page;
	let facilitator: Page;

	it('opens the written form, in English, Welsh and easy read', async () => {
		page = await participantPage();
		await tabTo(page, 'Raise hand in writing');
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedName(page)).toBe('Your point');
		await expectFocusVisible(page);
		await accessibleEverywhere(page, 'participant, written form open');
		for (const opts of [{ language: 'cy' as const }, { easyRead: true }]) {
			const other = await participantPage(opts);
			await other.getByTestId('written-hand').getByRole('button').first().click();
			for (const width of [320, 768, 1280]) {
				await other.setViewportSize({ width, height: 800 });
				await expectAccessible(other, `written form, ${JSON.stringify(opts)}, ${width} px`);
			}
			await other.context().close();
		}
	});

	it('adds the point to the queue without the name', async () => {
		await page.keyboard.type(POINT);
		await tabTo(page, 'Show with my name');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('Show without my name');
		await tabTo(page, 'Add to queue');
		await page.keyboard.press('Enter');
		// The form closes and focus goes back to the button that opened it.
		await expect.poll(() => focusedName(page)).toBe('Raise hand in writing');
		await expect.poll(() => page.getByTestId('my-place').textContent()).toContain('You are next');
		const said = await settledAnnouncements(page);
		expect(
			said.filter((a) => a.text === 'Your written point is in the speaking queue.')
		).toHaveLength(1);
		await accessibleEverywhere(page, 'participant, written hand raised');
	});

	it('the facilitator sees it without the name, gives the floor and shows it on the room screen', async () => {
		facilitator = await openPage(browser, server.url, { width: 1280 });
		await facilitator.goto(`${server.url}/facilitate#${facilitatorKey}`);
		await ready(facilitator);
		const points = facilitator.getByTestId('written-points');
		await points.waitFor();
		expect(await points.textContent()).toContain(POINT);
		expect(await points.textContent()).toContain('Written point, name not shown');
		await accessibleEverywhere(facilitator, 'facilitator, written point waiting');

		await tabTo(facilitator, 'Next speaker');
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => points.textContent()).toContain('Now');
		await tabTo(facilitator, 'Show on room screen');
		await facilitator.keyboard.press('Enter');
		await expect
			.poll(() => points.getByRole('button', { name: 'Take off room screen' }).count())
			.toBe(1);
		await accessibleEverywhere(facilitator, 'facilitator, written point shown');

		const room = await openPage(browser, server.url, { width: 1280 });
		await room.goto(`${server.url}/room/${code}`);
		await ready(room);
		const shown = room.getByTestId('room-written');
		await shown.waitFor();
		expect(await shown.textContent()).toContain(POINT);
		expect(await shown.textContent()).toContain('Written point, name not shown');
		await accessibleEverywhere(room, 'room screen, written point', false);
		await room.context().close();
	});
});
