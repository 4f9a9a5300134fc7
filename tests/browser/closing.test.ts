/**
 * Closing and deleting in real Chromium, by keyboard: the facilitator closes the workshop after a
 * confirmation and the participant's page says it is read-only; then "Delete workshop now" after
 * a confirmation, and the participant's page says clearly that it has been deleted. A new join
 * after closing is refused and the join page says so, offering "What we decided". Zero axe
 * violations in each new state at 320, 768 and 1280 px; the closed states also in the dark and
 * high-contrast themes, in English and Welsh (light is covered at every width).
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
	openPage,
	openParticipantPage,
	settledAnnouncements,
	tabTo,
	whenHydrated
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let facilitatorKey: string;
let workshopId: string;
let ada: { participantId: string; participantKey: string };

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	code = w.created.code;
	facilitatorKey = w.created.facilitatorKey;
	workshopId = w.opened.workshopId;
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

	it('refuses a new join clearly: the join page says it has closed and offers "What we decided"', async () => {
		const late = await openPage(browser, server.url, { width: 320 });
		await late.goto(`${server.url}/j/${code}`);
		await whenHydrated(late);
		await tabTo(late, 'Your name');
		await late.keyboard.type('Late Comer');
		// One tab stop for the role group; arrows choose within it.
		await tabTo(late, 'Lived experience');
		await late.keyboard.press('ArrowDown');
		expect(await focusedName(late)).toBe('Carer');
		await tabTo(late, 'Join');
		await late.keyboard.press('Enter');
		const notice = late.getByTestId('join-closed');
		await notice.waitFor();
		// The form under focus is gone; focus is on the notice's heading, which says why.
		await expect.poll(() => focusedName(late)).toBe('This workshop has closed');
		expect(await late.getByRole('textbox', { name: 'Your name' }).count()).toBe(0);
		await tabTo(late, 'What we decided');
		expect(await late.evaluate(() => (document.activeElement as HTMLAnchorElement).href)).toBe(
			`${server.url}/j/${code}/decided`
		);
		expect(await server.server.services.storage.participants(workshopId)).toHaveLength(1);
		await expectAccessibleEverywhere(late, 'join page, workshop closed');
		await late.context().close();
	}, 120_000);

	for (const theme of ['dark', 'contrast'] as const) {
		for (const language of ['en', 'cy'] as const) {
			it(`has no axe violations on the closed join page and the closed workshop: ${theme}, ${language}`, async () => {
				const p = await openPage(browser, server.url, { width: 320, theme, language });
				await p.goto(`${server.url}/j/${code}`);
				await whenHydrated(p);
				await p.locator('#field-name').fill('Someone');
				await p.locator('input[name="role"]').first().check();
				await p.getByRole('button', { name: language === 'cy' ? 'Ymuno' : 'Join' }).click();
				await p.getByTestId('join-closed').waitFor();
				await expectAccessible(p, `join page closed, ${theme}, ${language}`);
				await p.evaluate(([key, value]) => localStorage.setItem(key, value), [
					`roundtable.identity.${code}`,
					JSON.stringify(ada)
				] as const);
				await p.reload();
				await p.getByTestId('workshop-ended').waitFor();
				await expectAccessible(p, `participant, workshop closed, ${theme}, ${language}`);
				await p.context().close();
			}, 60_000);
		}
	}

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
