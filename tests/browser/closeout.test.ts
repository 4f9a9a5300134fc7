/**
 * Close-out in real Chromium, by keyboard alone: a facilitator asks for feedback; a participant
 * answers "Did you feel heard?" and the ladder and chooses how the record names them. Zero axe
 * violations in each new state at 320, 768 and 1280 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, joinAs, openWorkshop } from '../helpers/client.ts';
import {
	expectAccessible,
	expectAccessibleEverywhere,
	focusedName,
	launchBrowser,
	openFacilitatorPage,
	openParticipantPage,
	settledAnnouncements,
	tabTo
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
	const joined = await joinAs(server.url, code, 'Ada Lovelace', 'lived-experience');
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

describe('close-out by keyboard', () => {
	let page: Page;
	let fac: Page;

	it('lets a facilitator ask for feedback', async () => {
		page = await openParticipantPage(browser, server.url, code, ada, { width: 320 });
		await page.getByRole('group', { name: 'How I am named in the record' }).waitFor();
		fac = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		await fac.getByRole('button', { name: 'Ask for feedback' }).waitFor();
		await expectAccessibleEverywhere(fac, 'facilitator, before feedback');
		await tabTo(fac, 'Ask for feedback');
		await fac.keyboard.press('Enter');
		await fac.getByRole('button', { name: 'Close feedback' }).waitFor();
		await expectAccessibleEverywhere(fac, 'facilitator, feedback open');
	}, 120_000);

	it('lets a participant answer the close-out and choose how they are named', async () => {
		await page.getByTestId('feedback-form').waitFor();
		expect((await settledAnnouncements(page)).map((a) => a.text)).toContain(
			'Feedback is open. Your answers are anonymous.'
		);
		await expectAccessibleEverywhere(page, 'participant, feedback open');
		await tabTo(page, 'Yes');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('Partly');
		await tabTo(page, 'Informed');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('Engaged');
		await tabTo(page, 'Anything you want to add');
		await page.keyboard.type('More time for questions, please.');
		await tabTo(page, 'Send feedback');
		await page.keyboard.press('Enter');
		await page.getByTestId('feedback-sent').waitFor();
		await expectAccessibleEverywhere(page, 'participant, feedback sent');

		await tabTo(page, 'My name: Ada Lovelace');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('My initials: AL');
		await tabTo(page, 'Save how I am named');
		await page.keyboard.press('Enter');
		await expect
			.poll(async () => (await settledAnnouncements(page)).map((a) => a.text))
			.toContain('Saved. The record will name you this way.');
		await expectAccessibleEverywhere(page, 'participant, naming saved');
	}, 120_000);

	// Light and English are checked above at every width; the other themes and Welsh at a phone's.
	for (const [theme, language] of COMBOS) {
		it(`has no axe violations with feedback open: ${theme}, ${language}`, async () => {
			const p = await openParticipantPage(browser, server.url, code, ada, {
				width: 320,
				theme,
				language
			});
			await p.getByTestId('feedback-form').waitFor();
			await expectAccessible(p, `participant, feedback open, ${theme}, ${language}`);
			await p.context().close();
		}, 60_000);
	}
});

const COMBOS = [
	['light', 'cy'],
	['dark', 'en'],
	['dark', 'cy'],
	['contrast', 'en'],
	['contrast', 'cy']
] as const;
