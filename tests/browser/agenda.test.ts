/**
 * The shared agenda in real Chromium, by keyboard alone: a facilitator builds and runs the agenda, a
 * participant sees each change live and hears it politely, a page goes offline and merges on return,
 * and the room screen shows where the group is. axe in every state at 320 and 1280 px.
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
	tabTo
} from '../helpers/browser.ts';
import { closeClients, connect, request, unwrap, type TestSocket } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let facilitatorKey: string;
let identity: { participantId: string; participantKey: string };
let fac: Page;
let par: Page;
let admin: TestSocket;

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	admin = await connect(server.url);
	const created = unwrap(
		await request(admin, 'workshop:create', { title: 'Day centre plans', language: 'en' })
	);
	code = created.code;
	facilitatorKey = created.facilitatorKey;
	const joined = unwrap(
		await request(admin, 'participant:join', { code, name: 'Ada', role: 'carer' })
	);
	identity = { participantId: joined.participantId, participantKey: joined.participantKey };
	unwrap(await request(admin, 'facilitator:open', { facilitatorKey }));

	fac = await openPage(browser, server.url, { width: 1280 });
	par = await openPage(browser, server.url, { width: 320 });
	await par.addInitScript(([c, id]) => localStorage.setItem(`roundtable.identity.${c}`, id), [
		code,
		JSON.stringify(identity)
	] as const);
	await Promise.all([
		fac.goto(`${server.url}/facilitate#${facilitatorKey}`),
		par.goto(`${server.url}/j/${code}`)
	]);
	await Promise.all([
		fac.getByRole('heading', { name: 'Agenda' }).waitFor(),
		par.getByRole('heading', { name: 'Agenda' }).waitFor()
	]);
	await waitSynced(fac);
	// On a phone the whole agenda is one tap away, behind what is on now.
	await par.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	await par.getByRole('button', { name: 'Whole agenda' }).click();
	await waitSynced(par);
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

/** The agenda's document has synced once (the empty-state line is only there after hydration). */
async function waitSynced(page: Page) {
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	await page
		.getByText(/No agenda items yet|Upcoming|Now|Done/)
		.first()
		.waitFor();
}

/** Zero axe violations for both pages at phone and desktop width. */
async function checkBoth(state: string) {
	for (const [page, name] of [
		[fac, 'facilitator'],
		[par, 'participant']
	] as const) {
		const original = page.viewportSize()!;
		for (const width of [320, 1280]) {
			await page.setViewportSize({ width, height: 800 });
			await expectAccessible(page, `${name} agenda, ${state}, ${width}px`);
		}
		await page.setViewportSize(original);
	}
}

const titlesOn = (page: Page) => page.getByTestId('agenda-item').locator('h3').allTextContents();
const statusesOn = (page: Page) => page.getByTestId('agenda-status').allTextContents();

/** Tabs (forward or back) to the button `name` that belongs to the item titled `item`. */
/** Item buttons are named after their item ("Move up: Ground rules"), so Tab finds them by name. */
async function tabToItemButton(page: Page, name: string, item: string, back = false) {
	for (let i = 0; i < 60; i++) {
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
		if ((await focusedName(page)) === `${name}: ${item}`) {
			await expectFocusVisible(page);
			return;
		}
	}
	throw new Error(`could not reach "${name}" for "${item}"`);
}

async function addByKeyboard(title: string, minutes: string) {
	await tabTo(fac, 'Item title', 200);
	await fac.keyboard.type(title);
	await tabTo(fac, 'Timebox in minutes');
	await fac.keyboard.press('Control+A');
	await fac.keyboard.type(minutes);
	await tabTo(fac, 'Add item');
	await fac.keyboard.press('Enter');
	// Focus returns to the title field, ready for the next item.
	await expect.poll(() => focusedName(fac)).toBe('Item title');
}

describe('the agenda, by keyboard only', () => {
	it('a facilitator adds three items; the participant sees each one live', async () => {
		await checkBoth('empty');
		await addByKeyboard('Welcome and check-in', '1');
		await expect.poll(() => titlesOn(par)).toEqual(['Welcome and check-in']);
		await addByKeyboard('Ground rules', '5');
		await addByKeyboard('Transport to the centre', '15');
		await expect
			.poll(() => titlesOn(par))
			.toEqual(['Welcome and check-in', 'Ground rules', 'Transport to the centre']);
		expect(await statusesOn(par)).toEqual(['○ Upcoming', '○ Upcoming', '○ Upcoming']);
		await checkBoth('three items');
	});

	it('reorders an item with "Move up", keeping focus on it', async () => {
		await tabToItemButton(fac, 'Move up', 'Transport to the centre', true);
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => titlesOn(par))
			.toEqual(['Welcome and check-in', 'Transport to the centre', 'Ground rules']);
		expect(await titlesOn(fac)).toEqual(await titlesOn(par));
		expect(await focusedName(fac)).toBe('Move up: Transport to the centre');
		await expectFocusVisible(fac);
		await expect
			.poll(async () => (await announcements(fac)).map((a) => a.text))
			.toContain('Moved Transport to the centre to position 2 of 3');
	});

	it('starts an item: everyone sees it current with an advisory timer; "Add 5 minutes" extends it', async () => {
		await tabToItemButton(fac, 'Start item', 'Welcome and check-in', true);
		await fac.keyboard.press('Enter');
		await expect.poll(() => statusesOn(par)).toEqual(['▶ Now', '○ Upcoming', '○ Upcoming']);
		const timer = par.getByTestId('agenda-timer');
		await timer.waitFor();
		expect(await timer.getAttribute('role')).toBe('timer');
		expect(await timer.getAttribute('aria-live')).toBe('off');
		expect(await par.getByTestId('agenda-now').textContent()).toContain(
			'Now: Welcome and check-in'
		);
		await checkBoth('one item current');

		await tabTo(fac, 'Add 5 minutes: Welcome and check-in');
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => par.getByTestId('agenda-item').first().textContent())
			.toContain('6 min');
	});

	it('finishes the item with an outcome; the participant sees it done', async () => {
		// From "Add 5 minutes" Tab wraps round the whole facilitator page, which now holds more panels.
		await tabTo(fac, 'Outcome for Welcome and check-in', 200);
		await fac.keyboard.type('Everyone said how they are arriving.');
		await tabTo(fac, 'Finish item: Welcome and check-in');
		await fac.keyboard.press('Enter');
		await expect.poll(() => statusesOn(par)).toEqual(['✓ Done', '○ Upcoming', '○ Upcoming']);
		expect(await par.getByTestId('agenda-item').first().textContent()).toContain(
			'Outcome: Everyone said how they are arriving.'
		);
		// Focus moved to the finished item's heading, not lost with the removed button.
		expect(await fac.evaluate(() => document.activeElement?.tagName)).toBe('H3');
		await checkBoth('one item done');
	});

	it("the participant's announcements are polite, merged and at most one a second", async () => {
		// A burst from another facilitator connection: four changes inside a second.
		for (const title of ['Lunch', 'Feedback', 'Next steps', 'Close'])
			unwrap(await request(admin, 'agenda:add', { title, timeboxMinutes: 5 }));
		await expect.poll(async () => (await titlesOn(par)).length).toBe(7);
		await expect
			.poll(async () => (await announcements(par)).map((a) => a.text).join(' | '), {
				timeout: 8000
			})
			.toMatch(/\d agenda changes/);
		const said = await announcements(par);
		const texts = said.map((a) => a.text);
		expect(texts).toContain('Now on the agenda: Welcome and check-in, 1 minutes');
		expect(texts).toContain('Finished: Welcome and check-in');
		expect(said.every((a) => a.politeness === 'polite')).toBe(true);
		// Fewer things were said than happened (7 adds, a move, a start, an extension, a finish).
		expect(said.length).toBeLessThan(11);
		for (let i = 1; i < said.length; i++)
			expect(said[i].at - said[i - 1].at).toBeGreaterThanOrEqual(950);
	});

	it('a participant suggests an item; the facilitator accepts it and everyone sees it', async () => {
		await par.setViewportSize({ width: 320, height: 800 });
		// "Suggest an item" opens the form on demand, with focus in its first field.
		await tabTo(par, 'Suggest an item', 80);
		await par.keyboard.press('Enter');
		await expect.poll(() => focusedName(par)).toBe('Item title');
		await par.keyboard.type('Parking at the centre');
		await tabTo(par, 'Suggest an item');
		await par.keyboard.press('Enter');
		await par.getByText('Thank you. The facilitator will see your suggestion.').first().waitFor();
		await fac.getByTestId('agenda-suggestions').waitFor();
		await checkBoth('a suggestion waiting');
		await tabToItemButton(fac, 'Accept', 'Parking at the centre');
		await fac.keyboard.press('Enter');
		await expect.poll(async () => (await titlesOn(par)).at(-1)).toBe('Parking at the centre');
		await expect.poll(() => fac.getByTestId('agenda-suggestions').count()).toBe(0);
	});
});

describe('offline', () => {
	// The visible line, not the live region that also says it once.
	const offlineLine = () =>
		fac.locator('.status-line', { hasText: 'You are offline. We will reconnect when we can.' });

	it('the facilitator page keeps working offline, says so, and merges its edits on return', async () => {
		await fac.context().setOffline(true);
		await offlineLine().waitFor({ timeout: 15_000 });
		await addByKeyboard('Added while offline', '5');
		expect((await titlesOn(fac)).at(-1)).toBe('Added while offline');
		await expectAccessible(fac, 'facilitator agenda, offline');
		expect(await titlesOn(par)).not.toContain('Added while offline');
		await fac.context().setOffline(false);
		await expect
			.poll(async () => (await titlesOn(par)).at(-1), { timeout: 15_000 })
			.toBe('Added while offline');
		expect(await titlesOn(fac)).toEqual(await titlesOn(par));
		// Commands need socket.io back too, which reconnects on its own schedule.
		await offlineLine().waitFor({ state: 'detached', timeout: 15_000 });
	});
});

describe('room screen', () => {
	it('shows the current item, its timer, the join code and QR code, in large type', async () => {
		const room = await openPage(browser, server.url, { width: 1280 });
		await room.goto(`${server.url}/room/${code}`);
		await room.getByTestId('agenda-now').waitFor();
		expect(await room.getByTestId('room-code').textContent()).toBe(code);
		await room.getByRole('img', { name: 'QR code to join' }).waitFor();
		await expect
			.poll(() => room.getByTestId('agenda-now').textContent())
			.toContain('No item has started yet');
		await expectAccessible(room, 'room screen, nothing current, 1280px', { controls: false });

		await tabToItemButton(fac, 'Start item', 'Transport to the centre', true).catch(async () =>
			tabToItemButton(fac, 'Start item', 'Transport to the centre')
		);
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => room.getByTestId('agenda-now').textContent())
			.toContain('Now: Transport to the centre');
		await room.getByTestId('agenda-timer').waitFor();
		expect(await room.textContent('.room-next')).toBe('Next: Ground rules');
		for (const width of [320, 1280]) {
			await room.setViewportSize({ width, height: 800 });
			await expectAccessible(room, `room screen, item current, ${width}px`, { controls: false });
		}
		await room.context().close();
	});
});
