/**
 * Changing one's own idea, by keyboard alone: only the device that wrote it holds the proof, so only
 * it is offered "Edit". Silent collect keeps the idea off the board until it is revealed, which lets
 * the test check that the board shows the changed words and never the old ones.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import {
	expectAccessible,
	expectNoHorizontalScroll,
	focusedName,
	launchBrowser,
	openPage,
	tabTo
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let facilitator: TestSocket;
let workshopId: string;
let ticket: string;

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const opened = await openWorkshop(server.url, 'Editing ideas');
	facilitator = opened.facilitator;
	workshopId = opened.opened.workshopId;
	ticket = opened.opened.yjsTicket;
	unwrap(
		await request(facilitator, 'ideas:setup', {
			prompt: 'What should change first?',
			mode: 'silent',
			budget: 3,
			cap: 3,
			participantsGroup: false
		})
	);
	const me = await joinAs(server.url, opened.created.code, 'Keyboard user');
	page = await openPage(browser, server.url, { width: 320, height: 800 });
	await page.addInitScript(
		([code, identity]) =>
			localStorage.setItem(`roundtable.identity.${code}`, JSON.stringify(identity)),
		[
			opened.created.code,
			{ participantId: me.welcome.participantId, participantKey: me.welcome.participantKey }
		] as const
	);
	await page.goto(`${server.url}/j/${opened.created.code}`);
	await page.getByRole('heading', { name: 'Ideas', exact: true }).waitFor();
}, 60_000);

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

describe('editing my own idea', () => {
	it('adds an idea, changes its words by keyboard, and the board shows only the new words', async () => {
		await tabTo(page, 'Your idea');
		await page.keyboard.type('Longer opening hours');
		await tabTo(page, 'Add idea');
		await page.keyboard.press('Enter');
		await page.getByTestId('own-ideas').waitFor();

		await tabTo(page, 'Edit your idea: Longer opening hours');
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedName(page)).toBe('Change your idea');
		await expectAccessible(page, 'editing an idea, 320px');
		await expectNoHorizontalScroll(page, 'editing an idea, 320px');

		// Empty words are refused with a clear error, and nothing changes.
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Delete');
		await tabTo(page, 'Save');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('#error-edit').textContent()).toBe('Please fill this in.');
		await expectAccessible(page, 'editing an idea with an error, 320px');

		await tabTo(page, 'Change your idea');
		await page.keyboard.type('Opening on Saturday mornings');
		await tabTo(page, 'Save');
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedName(page)).toBe('Edit your idea: Opening on Saturday mornings');
		expect(await page.getByTestId('own-ideas').textContent()).not.toContain('Longer opening hours');

		unwrap(await request(facilitator, 'ideas:advance', { to: 'group' }));
		const board = yjsClient(server.url, docName(workshopId, 'board'), ticket);
		await board.synced;
		await expect
			.poll(() => JSON.stringify(board.doc.getMap('ideas').toJSON()))
			.toContain('Opening on Saturday mornings');
		expect(JSON.stringify(board.doc.getMap('ideas').toJSON())).not.toContain(
			'Longer opening hours'
		);
	});

	it('Escape leaves the edit without changing anything and returns focus to Edit', async () => {
		// The board has moved on to grouping; ideas can still be changed until voting starts.
		await tabTo(page, 'Edit your idea: Opening on Saturday mornings');
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedName(page)).toBe('Change your idea');
		await page.keyboard.type(' and evenings');
		await page.setViewportSize({ width: 1280, height: 800 });
		await expectAccessible(page, 'editing an idea, 1280px');
		await page.keyboard.press('Escape');
		await expect.poll(() => focusedName(page)).toBe('Edit your idea: Opening on Saturday mornings');
	});
});
