/**
 * Access needs in real Chromium, by keyboard alone: a person answers "What would help you take
 * part?" while joining, choosing "Only as a count"; the facilitator's list says what to do without
 * their name; the person changes their answer later from their own page. Zero axe violations in
 * each state at 320, 768 and 1280 px in light, dark and high contrast, and in Welsh and easy read.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, openWorkshop } from '../helpers/client.ts';
import {
	expectAccessible,
	expectAccessibleEverywhere,
	focusedName,
	launchBrowser,
	openFacilitatorPage,
	openPage,
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

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	code = w.created.code;
	facilitatorKey = w.created.facilitatorKey;
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

/** Tabs to a checkbox or radio by its label and presses Space on it. */
async function tick(page: Page, label: string) {
	await tabTo(page, label);
	await page.keyboard.press('Space');
}

describe('access needs by keyboard', { timeout: 240_000 }, () => {
	let participant: Page;
	let facilitator: Page;

	it('are asked, optionally, on the join form', async () => {
		participant = await openPage(browser, server.url, { width: 320 });
		await participant.goto(`${server.url}/j/${code}`);
		await whenHydrated(participant);
		const question = participant.getByRole('group', { name: 'What would help you take part?' });
		expect(await question.count()).toBe(1);
		await expectAccessibleEverywhere(participant, 'join form with access needs', {
			themes: THEMES
		});
		for (const [language, easyRead] of [
			['cy', false],
			['en', true]
		] as const) {
			const page = await openPage(browser, server.url, { width: 320, language, easyRead });
			await page.goto(`${server.url}/j/${code}`);
			await whenHydrated(page);
			if (language === 'cy') {
				expect(
					await page.getByRole('group', { name: 'Beth fyddai’n eich helpu i gymryd rhan?' }).count()
				).toBe(1);
			} else {
				expect(await page.textContent('body')).toContain('You do not have to answer.');
			}
			for (const width of [320, 768, 1280]) {
				await page.setViewportSize({ width, height: 800 });
				await expectAccessible(page, `join form, ${language}, easy read ${easyRead}, ${width} px`);
			}
			await page.context().close();
		}
	});

	it('a person joins saying they need breaks, only as a count', async () => {
		await tabTo(participant, 'Your name');
		await participant.keyboard.type('Tamsin');
		await participant.keyboard.press('Tab');
		await participant.keyboard.press('Space');
		await tick(participant, 'I need breaks');
		await tabTo(participant, 'Only as a count');
		expect(await participant.getByRole('radio', { name: 'Only as a count' }).isChecked()).toBe(
			true
		);
		await tabTo(participant, 'Join');
		await participant.keyboard.press('Enter');
		await participant.getByTestId('here-count').waitFor();
		await settledAnnouncements(participant);

		facilitator = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		const list = facilitator.getByTestId('access-needs');
		await expect.poll(() => list.textContent()).toContain('1 person needs breaks');
		expect(await list.textContent()).not.toContain('Tamsin');
		await expectAccessibleEverywhere(facilitator, 'facilitator, access list', { themes: THEMES });
	});

	it('the person changes it later from their own page, and it stays theirs', async () => {
		await tabTo(participant, 'What would help you take part?');
		await participant.keyboard.press('Enter');
		const mine = participant.getByTestId('my-access');
		await expect
			.poll(() => mine.getByRole('checkbox', { name: 'I need breaks' }).isChecked())
			.toBe(true);
		await tick(participant, "I'd rather write than speak");
		// A radio group is one tab stop: arrows choose within it.
		await tabTo(participant, 'Only as a count');
		await participant.keyboard.press('ArrowUp');
		expect(await focusedName(participant)).toBe('With my name');
		await tabTo(participant, 'Save');
		await participant.keyboard.press('Enter');
		await expect.poll(() => mine.textContent()).toContain('Saved. Thank you for telling us.');
		expect(await focusedName(participant)).toBe('Save');
		await expectAccessibleEverywhere(participant, 'participant, access needs saved', {
			themes: THEMES
		});

		const list = facilitator.getByTestId('access-needs');
		await expect.poll(() => list.textContent()).toContain('1 person prefers to write');
		expect(await list.textContent()).toContain('Named: Tamsin');
	});
});
