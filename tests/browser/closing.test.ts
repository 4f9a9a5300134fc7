/**
 * Closing and deleting in real Chromium, by keyboard: the facilitator closes the workshop after a
 * confirmation and the participant's page says it is read-only; then "Delete workshop now" after
 * a confirmation, and the participant's page says clearly that it has been deleted. Zero axe
 * violations in each new state at 320, 768 and 1280 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, joinAs, openWorkshop } from '../helpers/client.ts';
import {
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
	const joined = await joinAs(server.url, code, 'Ada', 'carer');
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

describe('closing and deleting by keyboard', () => {
	let page: Page;
	let fac: Page;

	it('closes the workshop after a confirmation; everyone is told it is read-only', async () => {
		page = await openParticipantPage(browser, server.url, code, ada, { width: 320 });
		await page.getByRole('heading', { name: 'Decisions' }).waitFor();
		fac = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		await fac.getByRole('button', { name: 'Close workshop' }).waitFor();
		await tabTo(fac, 'Close workshop');
		await fac.keyboard.press('Enter');
		await expect.poll(() => focusedName(fac)).toBe('Yes, close it');
		await expectAccessibleEverywhere(fac, 'facilitator, confirming close');
		await fac.keyboard.press('Enter');
		const notice = page.getByTestId('workshop-ended');
		await expect
			.poll(() => notice.textContent())
			.toContain('This workshop has closed. You can still read it, but nothing can be changed.');
		expect((await settledAnnouncements(page)).map((a) => a.text)).toContain(
			'This workshop has closed. You can still read it, but nothing can be changed.'
		);
		await expectAccessibleEverywhere(page, 'participant, workshop closed');
	}, 120_000);

	it('deletes it now after a confirmation; connected pages say so clearly', async () => {
		await tabTo(fac, 'Delete workshop now');
		await fac.keyboard.press('Enter');
		await expect.poll(() => focusedName(fac)).toBe('Yes, delete everything');
		await expectAccessibleEverywhere(fac, 'facilitator, confirming delete');
		await fac.keyboard.press('Enter');
		const notice = page.getByTestId('workshop-ended');
		await expect
			.poll(() => notice.textContent())
			.toContain('This workshop has been deleted. Nothing of it is kept.');
		await expect
			.poll(() => fac.getByTestId('workshop-ended').textContent())
			.toContain('This workshop has been deleted.');
		await expectAccessibleEverywhere(page, 'participant, workshop deleted');
	}, 120_000);
});
