/**
 * Actions in real Chromium, by keyboard alone: a participant takes an action, finds it under "Your
 * actions" and marks it done; a facilitator adds one for someone without a device. Zero axe
 * violations in each new state at 320, 768 and 1280 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, joinAs, openWorkshop, request, unwrap } from '../helpers/client.ts';
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
	const joined = await joinAs(server.url, code, 'Ada', 'lived-experience');
	ada = {
		participantId: joined.welcome.participantId,
		participantKey: joined.welcome.participantKey
	};
	joined.socket.close();
	unwrap(await request(w.facilitator, 'queue:addProxy', { name: 'Iolo', role: 'carer' }));
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

describe('actions by keyboard', () => {
	let page: Page;

	it('lets a participant take an action and mark it done', async () => {
		page = await openParticipantPage(browser, server.url, code, ada, { width: 320 });
		const yours = page.getByTestId('your-actions');
		await yours.waitFor();
		expect(await yours.textContent()).toContain('You have no actions.');
		await expectAccessibleEverywhere(page, 'participant, no actions');
		await tabTo(page, 'What will be done');
		await page.keyboard.type('Ask the café about Saturdays');
		await tabTo(page, 'Add action');
		await page.keyboard.press('Enter');
		await expect.poll(() => yours.textContent()).toContain('Ask the café about Saturdays');
		expect(await focusedName(page)).toBe('What will be done');
		expect((await settledAnnouncements(page)).map((a) => a.text)).toContain('Action added.');
		await expectAccessibleEverywhere(page, 'participant, one action');
		await tabTo(page, 'Mark as done: Ask the café about Saturdays');
		await page.keyboard.press('Enter');
		await expect.poll(() => yours.textContent()).toContain('Done');
		await expectAccessibleEverywhere(page, 'participant, action done');
	}, 120_000);

	it('lets a facilitator add an action for someone without a device', async () => {
		const fac = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		await fac.getByRole('heading', { name: 'Actions' }).waitFor();
		await tabTo(fac, 'What will be done');
		await fac.keyboard.type('Print the easy read notes');
		await tabTo(fac, 'Iolo');
		await fac.keyboard.press('Space');
		await tabTo(fac, 'Add action');
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => page.getByTestId('all-actions').textContent())
			.toContain('Print the easy read notes');
		expect(await page.getByTestId('all-actions').textContent()).toContain('Who: Iolo');
		await expectAccessibleEverywhere(fac, 'facilitator, actions');
	}, 120_000);

	// Light and English are checked above at every width; the other themes and Welsh at a phone's.
	for (const [theme, language] of COMBOS) {
		it(`has no axe violations with actions taken: ${theme}, ${language}`, async () => {
			const p = await openParticipantPage(browser, server.url, code, ada, {
				width: 320,
				theme,
				language
			});
			await expect
				.poll(() => p.getByTestId('all-actions').textContent())
				.toContain('Print the easy read notes');
			await expectAccessible(p, `participant, actions, ${theme}, ${language}`);
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
