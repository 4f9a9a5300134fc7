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
	expectAccessibleEverywhere,
	expectFocusVisible,
	focusedName,
	launchBrowser,
	openFacilitatorPage,
	openPage,
	openParticipantPage,
	type PageOptions,
	settledAnnouncements,
	tabTo,
	THEMES,
	whenHydrated
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

async function participantPage(opts: PageOptions = {}) {
	const page = await openParticipantPage(browser, server.url, code, ada, { width: 320, ...opts });
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
		await expectAccessibleEverywhere(page, 'participant, written form open', { themes: THEMES });
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
		await expectAccessibleEverywhere(page, 'participant, written hand raised', { themes: THEMES });
	});

	it('the facilitator sees it without the name, gives the floor and shows it on the room screen', async () => {
		facilitator = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		const points = facilitator.getByTestId('written-points');
		await points.waitFor();
		expect(await points.textContent()).toContain(POINT);
		expect(await points.textContent()).toContain('Written point, name not shown');
		await expectAccessibleEverywhere(facilitator, 'facilitator, written point waiting', {
			themes: THEMES
		});

		await tabTo(facilitator, 'Next speaker');
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => points.textContent()).toContain('Now');
		await tabTo(facilitator, 'Show on room screen');
		await facilitator.keyboard.press('Enter');
		await expect
			.poll(() => points.getByRole('button', { name: 'Take off room screen' }).count())
			.toBe(1);
		await expectAccessibleEverywhere(facilitator, 'facilitator, written point shown', {
			themes: THEMES
		});

		const room = await openPage(browser, server.url, { width: 1280 });
		await room.goto(`${server.url}/room/${code}`);
		await whenHydrated(room);
		const shown = room.getByTestId('room-written');
		await shown.waitFor();
		expect(await shown.textContent()).toContain(POINT);
		expect(await shown.textContent()).toContain('Written point, name not shown');
		await expectAccessibleEverywhere(room, 'room screen, written point', {
			themes: THEMES,
			controls: false
		});
		await room.context().close();
	});
});
