/**
 * Signals in real Chromium, by keyboard alone: a participant sends "Slow down", hears and sees
 * "Sent", takes it back (focus returns to the button), and is told clearly when they try again
 * within a minute. The facilitator's console shows the counts after a publishing tick, with words
 * and a marked row, and says so politely; shared on the room screen, the counts show there too.
 * Zero axe violations in each state at 320, 768 and 1280 px in light, dark and high contrast, and
 * in Welsh and easy read.
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
	announcements,
	expectAccessibleEverywhere,
	expectFocusVisible,
	focusedName,
	launchBrowser,
	openFacilitatorPage,
	openPage,
	openParticipantPage,
	type PageOptions,
	preferencesCookie,
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
let ben: TestSocket;

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
	ben = (await joinAs(server.url, code, 'Ben', 'professional')).socket;
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

/** Axe at 320, 768 and 1280 px in each theme, back to the width and theme the page had. */

async function participantPage(opts: PageOptions = {}) {
	const page = await openParticipantPage(browser, server.url, code, ada, { width: 320, ...opts });
	await page.getByTestId('signals').waitFor();
	return page;
}

const said = async (page: Page, text: string) =>
	(await announcements(page)).filter((a) => a.text === text);

describe('signals by keyboard', { timeout: 240_000 }, () => {
	let page: Page;

	it('shows the four signals to a participant, named as DESIGN.md says', async () => {
		page = await participantPage();
		const section = page.getByTestId('signals');
		expect(await section.getByRole('heading', { name: 'Signals' }).count()).toBe(1);
		for (const name of ['Slow down', 'Plain words please', 'Need a break', "Can't hear"]) {
			expect(await section.getByRole('button', { name, exact: true }).count()).toBe(1);
		}
		await expectAccessibleEverywhere(page, 'participant, signals', { themes: THEMES });
	});

	it('sends "Slow down": Sent is shown and said politely, and it can be taken back', async () => {
		await tabTo(page, /Slow down$/);
		await page.keyboard.press('Enter');
		const row = page.locator('[data-signal="slow-down"]');
		await expect.poll(() => row.textContent()).toContain('Sent');
		expect(await row.getByRole('button', { name: 'Take back: Slow down' }).count()).toBe(1);
		// Focus stays on the button that was pressed.
		expect(await focusedName(page)).toMatch(/Slow down$/);
		await expectFocusVisible(page);
		const sent = (await settledAnnouncements(page)).filter((a) => a.text === 'Slow down: Sent');
		expect(sent).toHaveLength(1);
		expect(sent[0].politeness).toBe('polite');
		await expectAccessibleEverywhere(page, 'participant, signal sent', { themes: THEMES });

		await tabTo(page, 'Take back: Slow down');
		await page.keyboard.press('Enter');
		await expect.poll(() => row.textContent()).toContain('Taken back');
		expect(await row.getByRole('button', { name: 'Take back: Slow down' }).count()).toBe(0);
		// The take-back button went; focus moved to the signal's own button, not to the page.
		await expect.poll(() => focusedName(page)).toMatch(/Slow down$/);
		await expectFocusVisible(page);
		await settledAnnouncements(page);
		expect(await said(page, 'Slow down: Taken back')).toHaveLength(1);
	});

	it('offers the glossary to someone who asks for plain words', async () => {
		await tabTo(page, /Plain words please$/);
		await page.keyboard.press('Enter');
		const row = page.locator('[data-signal="plain-words"]');
		await expect.poll(() => row.textContent()).toContain('The glossary explains');
		await tabTo(page, 'Open the glossary');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.evaluate(() => location.hash)).toBe('#glossary');
		await expectAccessibleEverywhere(page, 'participant, glossary offered');
		await tabTo(page, /Slow down$/);
	});

	it('says clearly, and assertively, that the same signal cannot be sent again within a minute', async () => {
		await page.keyboard.press('Enter');
		const row = page.locator('[data-signal="slow-down"]');
		const message = 'You sent this less than a minute ago. You can send it again soon.';
		await expect.poll(() => row.textContent()).toContain(message);
		const told = (await settledAnnouncements(page)).filter((a) => a.text === message);
		expect(told).toHaveLength(1);
		expect(told[0].politeness).toBe('assertive');
		await expectAccessibleEverywhere(page, 'participant, signal refused', { themes: THEMES });
	});

	it('is in Welsh, and in easy read, without axe violations', async () => {
		const welsh = await participantPage({ language: 'cy' });
		expect(
			await welsh
				.getByTestId('signals')
				.getByRole('button', { name: 'Arafwch', exact: true })
				.count()
		).toBe(1);
		await expectAccessibleEverywhere(welsh, 'participant, signals, Welsh', { themes: THEMES });
		await welsh.context().close();

		const easy = await participantPage({ easyRead: true });
		expect(await easy.evaluate(() => document.documentElement.dataset.easy)).toBe('on');
		expect(await easy.getByTestId('signals').textContent()).toContain(
			'Tap a button to tell the facilitator. Nobody sees who tapped it.'
		);
		// DESIGN.md names stay the same in easy read.
		expect(
			await easy
				.getByTestId('signals')
				.getByRole('button', { name: 'Need a break', exact: true })
				.count()
		).toBe(1);
		await expectAccessibleEverywhere(easy, 'participant, signals, easy read', { themes: THEMES });
		await easy.context().close();
		expect(preferencesCookie({ easyRead: true })).toContain('easy=1');
	});
});

describe('the facilitator console and the room screen', { timeout: 240_000 }, () => {
	let facilitator: Page;

	it('shows counts after a tick, in words with a marked row, and says so politely', async () => {
		facilitator = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		const console_ = facilitator.getByTestId('signals-console');
		await console_.waitFor();
		// Ada's "Plain words please" above still counts; what was there on opening is not said.
		await expect
			.poll(() => console_.textContent(), { timeout: 8000 })
			.toContain('1 person asked for plain words');
		await expectAccessibleEverywhere(facilitator, 'facilitator, signals on opening', {
			themes: THEMES
		});

		unwrap(await request(ben, 'signals:send', { signal: 'need-break' }));
		// Counts go out on the next publishing tick (at most 5 s away), never at the tap.
		await expect
			.poll(() => console_.textContent(), { timeout: 8000 })
			.toContain('1 person needs a break');
		const row = console_.locator('[data-signal="need-break"]');
		expect(await row.locator('.icon').count()).toBe(1);
		await settledAnnouncements(facilitator);
		const told = await said(facilitator, '1 person needs a break');
		expect(told).toHaveLength(1);
		expect(told[0].politeness).toBe('polite');
		await expectAccessibleEverywhere(facilitator, 'facilitator, signals counted', {
			themes: THEMES
		});
	});

	it('shares the counts on the room screen by keyboard', async () => {
		await tabTo(facilitator, 'Show signal counts on the room screen');
		await facilitator.keyboard.press('Space');
		await expect
			.poll(() =>
				facilitator
					.getByRole('checkbox', { name: 'Show signal counts on the room screen' })
					.isChecked()
			)
			.toBe(true);
		const room = await openPage(browser, server.url, { width: 1280 });
		await room.goto(`${server.url}/room/${code}`);
		await whenHydrated(room);
		const shown = room.getByTestId('room-signals');
		await shown.waitFor();
		await expect.poll(() => shown.textContent()).toContain('1 person needs a break');
		await expectAccessibleEverywhere(room, 'room screen, signals shared', {
			themes: THEMES,
			controls: false
		});

		await tabTo(facilitator, 'Show signal counts on the room screen');
		await facilitator.keyboard.press('Space');
		await shown.waitFor({ state: 'detached' });
		await room.context().close();
	});
});
