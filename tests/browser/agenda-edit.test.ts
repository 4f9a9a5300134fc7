/**
 * A facilitator changes and removes agenda items by keyboard alone; a participant's page follows
 * live. An empty title is refused with a clear error and changes nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	expectAccessible,
	expectNoHorizontalScroll,
	focusedName,
	launchBrowser,
	openPage,
	tabTo
} from '../helpers/browser.ts';
import { closeClients, joinAs, openWorkshop } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let fac: Page;
let par: Page;

const titles = (page: Page) => page.getByTestId('agenda-list').locator('h3').allTextContents();

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const { created } = await openWorkshop(server.url, 'Editing the agenda');
	const me = await joinAs(server.url, created.code, 'Ada');
	fac = await openPage(browser, server.url, { width: 1280 });
	par = await openPage(browser, server.url, { width: 320 });
	await par.addInitScript(([c, id]) => localStorage.setItem(`roundtable.identity.${c}`, id), [
		created.code,
		JSON.stringify({
			participantId: me.welcome.participantId,
			participantKey: me.welcome.participantKey
		})
	] as const);
	await Promise.all([
		fac.goto(`${server.url}/facilitate#${created.facilitatorKey}`),
		par.goto(`${server.url}/j/${created.code}`)
	]);
	await fac.getByRole('heading', { name: 'Agenda', exact: true }).waitFor();
	await par.getByRole('heading', { name: 'Agenda', exact: true }).waitFor();
	await fac.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	// On a phone the whole agenda is one tap away, behind what is on now.
	await par.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	await par.getByRole('button', { name: 'Whole agenda' }).click();
}, 60_000);

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function addByKeyboard(title: string) {
	await fac.getByRole('heading', { name: 'Agenda', exact: true }).focus();
	await tabTo(fac, 'Item title');
	await fac.keyboard.type(title);
	await fac.keyboard.press('Enter');
	await expect.poll(() => titles(fac)).toContain(title);
}

describe('changing and removing agenda items', () => {
	it('edits an item by keyboard; the participant sees the new title; an empty title is refused', async () => {
		await addByKeyboard('Welcome');
		await addByKeyboard('Tea break');
		await expect.poll(() => titles(par)).toEqual(['Welcome', 'Tea break']);

		await fac.getByRole('heading', { name: 'Agenda', exact: true }).focus();
		await tabTo(fac, 'Edit item: Welcome');
		await fac.keyboard.press('Enter');
		await expect.poll(() => focusedName(fac)).toBe('Item title');
		await expectAccessible(fac, 'editing an agenda item, 1280px');

		await fac.keyboard.press('Control+A');
		await fac.keyboard.press('Delete');
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => fac.locator('#error-edit-title').textContent())
			.toBe('Please fill this in.');
		expect(await titles(par)).toEqual(['Welcome', 'Tea break']);

		await fac.keyboard.type('Welcome and introductions');
		await tabTo(fac, 'Save item');
		await fac.keyboard.press('Enter');
		await expect.poll(() => titles(par)).toEqual(['Welcome and introductions', 'Tea break']);
		expect(await fac.evaluate(() => document.activeElement?.id)).toMatch(/^agenda-edit-/);
	});

	it('Escape leaves an edit unchanged', async () => {
		await fac.setViewportSize({ width: 320, height: 800 });
		await fac.getByRole('heading', { name: 'Agenda', exact: true }).focus();
		await tabTo(fac, 'Edit item: Welcome and introductions');
		await fac.keyboard.press('Enter');
		await fac.keyboard.type(' (long)');
		await expectAccessible(fac, 'editing an agenda item, 320px');
		await expectNoHorizontalScroll(fac, 'editing an agenda item, 320px');
		await fac.keyboard.press('Escape');
		await expect
			.poll(() => fac.evaluate(() => document.activeElement?.id))
			.toMatch(/^agenda-edit-/);
		expect(await titles(fac)).toEqual(['Welcome and introductions', 'Tea break']);
		await fac.setViewportSize({ width: 1280, height: 800 });
	});

	it('removes an item after a confirmation, and "Keep it" keeps it', async () => {
		await fac.getByRole('heading', { name: 'Agenda', exact: true }).focus();
		await tabTo(fac, 'Remove item: Welcome and introductions');
		await fac.keyboard.press('Enter');
		// Focus lands on the safe choice first.
		await expect.poll(() => focusedName(fac)).toBe('Keep it: Welcome and introductions');
		await expectAccessible(fac, 'confirming a removal');
		await fac.keyboard.press('Enter');
		expect(await titles(fac)).toEqual(['Welcome and introductions', 'Tea break']);

		await expect.poll(() => focusedName(fac)).toBe('Remove item: Welcome and introductions');
		await fac.keyboard.press('Enter');
		await expect.poll(() => focusedName(fac)).toBe('Keep it: Welcome and introductions');
		await fac.keyboard.press('Shift+Tab');
		expect(await focusedName(fac)).toBe('Yes, remove it: Welcome and introductions');
		await fac.keyboard.press('Enter');
		await expect.poll(() => titles(par)).toEqual(['Tea break']);
		expect(await titles(fac)).toEqual(['Tea break']);
		expect(await fac.evaluate(() => document.activeElement?.id)).toBe('agenda-heading');
	});
});
