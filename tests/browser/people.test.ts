/**
 * The People section in real Chromium, by keyboard alone: "Lock joining" (new people are refused,
 * the facilitator sees it is locked) and "Remove person" (with a confirmation; focus goes to the
 * section's heading, the removal is said, and the person's own page says plainly what happened).
 * Zero axe violations in each new state at 320, 768 and 1280 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	closeClients,
	connect,
	failure,
	joinAs,
	openWorkshop,
	request
} from '../helpers/client.ts';
import {
	expectAccessible,
	focusedName,
	launchBrowser,
	openFacilitatorPage,
	openPage,
	settledAnnouncements,
	tabTo,
	whenHydrated
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let facilitatorKey: string;

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'People section');
	code = w.created.code;
	facilitatorKey = w.created.facilitatorKey;
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function everyWidth(page: Page, label: string) {
	for (const width of [320, 768, 1280]) {
		await page.setViewportSize({ width, height: 800 });
		await expectAccessible(page, `${label}, ${width} px`);
	}
	await page.setViewportSize({ width: 1280, height: 800 });
}

describe('the People section by keyboard', { timeout: 120_000 }, () => {
	let participant: Page;
	let facilitator: Page;

	it('locks joining: new people are refused, and the console says it is locked', async () => {
		participant = await openPage(browser, server.url, { width: 320 });
		await participant.goto(`${server.url}/j/${code}`);
		await whenHydrated(participant);
		await tabTo(participant, 'Your name');
		await participant.keyboard.type('Ada');
		await participant.keyboard.press('Tab');
		await participant.keyboard.press('Space');
		await tabTo(participant, 'Join');
		await participant.keyboard.press('Enter');
		await participant.getByTestId('here-count').waitFor();
		await joinAs(server.url, code, 'Bo');

		facilitator = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		const people = facilitator.getByTestId('people');
		await expect.poll(() => people.getByRole('listitem').count()).toBe(2);
		await tabTo(facilitator, 'Lock joining', 400);
		await facilitator.keyboard.press('Enter');
		const lock = facilitator.getByRole('button', { name: 'Lock joining' });
		await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('true');
		expect(await facilitator.locator('#people-lock-state').textContent()).toContain(
			'Joining is locked.'
		);
		expect(await settledAnnouncements(facilitator)).toContainEqual(
			expect.objectContaining({ text: 'Joining is locked' })
		);
		await everyWidth(facilitator, 'people, joining locked');

		const late = await connect(server.url);
		const refused = await request(late, 'participant:join', { code, name: 'Late', role: 'carer' });
		expect(failure(refused)?.code).toBe('joining-locked');
	});

	it('removes a person after asking, and their own page says so', async () => {
		await tabTo(facilitator, 'Remove person');
		await facilitator.keyboard.press('Enter');
		// The question is asked, and focus is on the safe answer.
		await expect.poll(() => focusedName(facilitator)).toBe('Cancel');
		expect(await facilitator.textContent('body')).toContain(
			'Remove Ada from this workshop? They cannot come back.'
		);
		await everyWidth(facilitator, 'people, confirming a removal');
		await facilitator.keyboard.press('Shift+Tab');
		expect(await focusedName(facilitator)).toBe('Yes, remove');
		await facilitator.keyboard.press('Enter');

		const people = facilitator.getByTestId('people');
		await expect.poll(() => people.getByRole('listitem').count()).toBe(1);
		expect(await people.textContent()).not.toContain('Ada');
		await expect
			.poll(() => facilitator.evaluate(() => document.activeElement?.id))
			.toBe('people-heading');
		expect(await settledAnnouncements(facilitator)).toContainEqual(
			expect.objectContaining({ text: 'Ada was removed' })
		);

		await participant.getByRole('heading', { name: 'You were removed' }).waitFor();
		expect(await participant.textContent('main')).toContain(
			'A facilitator removed you from this workshop.'
		);
		await everyWidth(participant, 'participant removed');
		// A reload brings the same message back, not a way in.
		await participant.reload();
		await whenHydrated(participant);
		await participant.getByRole('heading', { name: 'You were removed' }).waitFor();
	});
});
