/**
 * The foundation's core flows in real Chromium, by keyboard alone: start a workshop, join it from a
 * second browser, see each other live, come back after a reload, and meet clear errors.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	announcements,
	expectAccessible,
	expectFocusVisible,
	focusedName,
	launchBrowser,
	openPage,
	tabTo,
	whenHydrated
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Waits until the page has hydrated and its socket is connected, as a person would wait for it. */

async function createByKeyboard(page: Page, title: string): Promise<{ code: string; url: string }> {
	await page.goto(server.url + '/');
	await whenHydrated(page);
	await tabTo(page, 'Workshop title');
	await page.keyboard.type(title);
	await tabTo(page, 'Start a workshop');
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/facilitate#/);
	const code = (await page.getByTestId('join-code').textContent({ timeout: 10_000 }))!.trim();
	return { code, url: page.url() };
}

async function joinByKeyboard(page: Page, code: string, name: string, role: string) {
	await page.goto(server.url + '/');
	await whenHydrated(page);
	await tabTo(page, 'Join code');
	await page.keyboard.type(code.toLowerCase());
	await page.keyboard.press('Enter');
	await page.waitForURL(new RegExp(`/j/${code}$`));
	await whenHydrated(page);
	await tabTo(page, 'Your name');
	await page.keyboard.type(name);
	// Radio groups: Tab enters the group, arrows choose within it.
	await page.keyboard.press('Tab');
	for (let i = 0; i < 6 && (await focusedName(page)) !== role; i++)
		await page.keyboard.press('ArrowDown');
	expect(await focusedName(page)).toBe(role);
	await page.keyboard.press('Space');
	await tabTo(page, 'Join');
	await page.keyboard.press('Enter');
	await page.getByTestId('here-count').waitFor();
}

describe('start, join and see each other, by keyboard only', () => {
	let facilitator: Page;
	let participant: Page;
	let code: string;

	it('a facilitator starts a workshop and sees its join code, link and QR code', async () => {
		facilitator = await openPage(browser, server.url);
		const created = await createByKeyboard(facilitator, 'Planning the carers hub');
		code = created.code;
		expect(code).toMatch(/^[A-Z0-9]{6}$/);
		await expect
			.poll(() => facilitator.getByRole('heading', { level: 1 }).textContent())
			.toBe('Planning the carers hub');
		expect(await facilitator.getByTestId('join-link').textContent()).toBe(
			`${server.url}/j/${code}`
		);
		expect(await facilitator.getByRole('img', { name: 'QR code to join' }).count()).toBe(1);
		expect(await facilitator.getByRole('button', { name: 'Copy join link' }).count()).toBe(1);
		await expectAccessible(facilitator, 'facilitator view, nobody joined');
	});

	it('a participant joins from another browser and the facilitator sees them arrive live', async () => {
		participant = await openPage(browser, server.url, { width: 360 });
		await joinByKeyboard(participant, code, 'Sam', 'Carer');
		await expect
			.poll(() => participant.getByTestId('here-count').textContent())
			.toBe('1 person is here');
		await expectAccessible(participant, 'participant view');
		const people = facilitator.getByTestId('people');
		await expect.poll(() => people.textContent()).toContain('Sam');
		expect(await people.textContent()).toContain('Carer');
		expect(await people.textContent()).toContain('here');
		// The arrival is said politely, once.
		await expect
			.poll(async () => (await announcements(facilitator)).filter((a) => a.text === 'Sam joined'))
			.toEqual([expect.objectContaining({ politeness: 'polite' })]);
		await expectAccessible(facilitator, 'facilitator view, one person here');
	});

	it('a reload brings the participant back as the same person', async () => {
		await participant.reload();
		await participant.getByTestId('here-count').waitFor();
		expect(await participant.getByText('You joined as Sam.').count()).toBe(1);
		await expect.poll(() => facilitator.getByTestId('people').locator('li').count()).toBe(1);
		await expect.poll(() => facilitator.getByTestId('people').textContent()).toContain('here');
	});

	it('the facilitator sees the participant go away when their page closes', async () => {
		await participant.close();
		await expect.poll(() => facilitator.getByTestId('people').textContent()).toContain('away');
	});
});

describe('clear errors', () => {
	it('a wrong join code gets an error next to the field, announced assertively', async () => {
		const page = await openPage(browser, server.url);
		await page.goto(server.url + '/');
		await whenHydrated(page);
		await tabTo(page, 'Join code');
		await page.keyboard.type('WXWXWX');
		await page.keyboard.press('Enter');
		const field = page.getByLabel('Join code');
		await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#error-code').textContent()).toBe('No workshop has this join code.');
		expect(await focusedName(page)).toBe('Join code');
		await expect
			.poll(async () => (await announcements(page)).filter((a) => a.politeness === 'assertive'))
			.toEqual([expect.objectContaining({ text: 'Join code: No workshop has this join code.' })]);
		expect(page.url()).toBe(server.url + '/');
		await expectAccessible(page, 'start page with join error');
	});

	it('an empty title is refused before anything is created', async () => {
		const page = await openPage(browser, server.url);
		await page.goto(server.url + '/');
		await whenHydrated(page);
		await tabTo(page, 'Start a workshop');
		await page.keyboard.press('Enter');
		await expect
			.poll(() => page.locator('#error-title').textContent())
			.toBe('Please fill this in.');
		expect(await focusedName(page)).toBe('Workshop title');
		expect(page.url()).toBe(server.url + '/');
		await expectAccessible(page, 'start page with title error');
	});

	it('a wrong facilitator link says it is not valid and reveals nothing', async () => {
		const page = await openPage(browser, server.url);
		await page.goto(server.url + '/facilitate#' + 'x'.repeat(43));
		await expect
			.poll(() => page.getByRole('heading', { level: 1 }).textContent())
			.toBe('This link is not valid');
		expect(await page.getByTestId('join-code').count()).toBe(0);
		expect(await page.locator('main').textContent()).not.toContain('carers hub');
		await expectAccessible(page, 'invalid facilitator link');
	});

	it('a join link with an unknown code shows a clear page', async () => {
		const page = await openPage(browser, server.url);
		const response = await page.goto(server.url + '/j/WXWXWX');
		expect(response?.status()).toBe(404);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
			'No workshop has this join code'
		);
		await expectAccessible(page, 'unknown join code page');
	});

	it('the skip link is the first stop and moves focus to the main content', async () => {
		const page = await openPage(browser, server.url);
		await page.goto(server.url + '/');
		await whenHydrated(page);
		await page.keyboard.press('Tab');
		expect(await focusedName(page)).toBe('Skip to main content');
		await expectFocusVisible(page);
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
	});
});
