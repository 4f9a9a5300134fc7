/**
 * The speaking queue in real Chromium, by keyboard alone: a participant raises a hand, chooses a
 * kind, lowers it, raises it again, and is given the floor by a facilitator using the keyboard.
 * "You are next" and "Your turn" reach the assertive region exactly once each; queue moves are
 * polite and merged. Zero axe violations in each state at 320 and 1280 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	closeClients,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	type TestSocket
} from '../helpers/client.ts';
import {
	announcements,
	expectAccessibleEverywhere,
	expectFocusVisible,
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
let ben: TestSocket;

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	code = w.created.code;
	facilitatorKey = w.created.facilitatorKey;
	// Joining is not what is tested here: Ada joins over a socket and her browser resumes as her.
	const joined = await joinAs(server.url, code, 'Ada', 'lived-experience');
	ada = {
		participantId: joined.welcome.participantId,
		participantKey: joined.welcome.participantKey
	};
	joined.socket.close();
	ben = (await joinAs(server.url, code, 'Ben', 'professional')).socket;
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

const said = async (page: Page, text: string) =>
	(await announcements(page)).filter((a) => a.text === text);

describe('speaking queue by keyboard', () => {
	let page: Page;
	let facilitator: Page;

	it('shows an empty queue to a participant', async () => {
		page = await openParticipantPage(browser, server.url, code, ada, { width: 320 });
		const queue = page.getByTestId('speaking-queue');
		await queue.waitFor();
		expect(await queue.getByRole('heading', { name: 'Speaking queue' }).count()).toBe(1);
		expect(await queue.textContent()).toContain('Nobody is waiting to speak.');
		expect(await page.getByTestId('my-place').textContent()).toContain('Your hand is down.');
		await expectAccessibleEverywhere(page, 'participant, empty queue');
	});

	it('raises a hand, chooses a kind, lowers it and raises it again, told politely', async () => {
		unwrap(await request(ben, 'queue:raise', { kind: 'process' }));
		await expect.poll(() => page.getByTestId('speaking-queue').textContent()).toContain('Ben');

		await tabTo(page, 'Raise hand');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('my-place').textContent()).toContain('You are 2nd');
		// The same button now lowers the hand, and keeps the focus.
		await expect.poll(() => focusedName(page)).toBe('Lower hand');
		await expectFocusVisible(page);
		await expectAccessibleEverywhere(page, 'participant, hand raised');

		// The kind of point follows the hand button; arrows choose within the group.
		for (let i = 0; i < 10 && !['New point', 'Reply'].includes(await focusedName(page)); i++) {
			await page.keyboard.press('Tab');
		}
		expect(await focusedName(page)).toBe('New point');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('Reply');
		await expect
			.poll(() => page.getByTestId('speaking-queue').locator('ol').textContent())
			.toContain('Ada: Reply');

		for (let i = 0; i < 10 && (await focusedName(page)) !== 'Lower hand'; i++) {
			await page.keyboard.press('Shift+Tab');
		}
		await page.keyboard.press('Enter');
		await expect
			.poll(() => page.getByTestId('my-place').textContent())
			.toContain('Your hand is down.');
		expect(await focusedName(page)).toBe('Raise hand');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('my-place').textContent()).toContain('You are 2nd');
		await expect
			.poll(() => page.getByTestId('speaking-queue').locator('ol').textContent())
			.toContain('Ada: Reply');

		// Polite, and merged: news that is still waiting is replaced by the latest, not queued behind it.
		const told = await announcements(page);
		expect(told.map((a) => a.text)).toContain('Your hand is up. You are 2nd.');
		expect(told.filter((a) => a.politeness !== 'polite')).toEqual([]);
	});

	it('a burst of hands is told politely in at most two messages', async () => {
		const start = (await announcements(page)).length;
		const others = await Promise.all(
			['Cai', 'Dee', 'Eli', 'Fay'].map((n) => joinAs(server.url, code, n))
		);
		await Promise.all(others.map((o) => request(o.socket, 'queue:raise', { kind: 'new' })));
		await expect.poll(() => page.getByTestId('speaking-queue').locator('ol li').count()).toBe(6);
		const burst = (await settledAnnouncements(page)).slice(start);
		expect(burst.length).toBeLessThanOrEqual(2);
		expect(burst.every((a) => a.politeness === 'polite')).toBe(true);
	});

	it('the facilitator gives the floor by keyboard: "You are next", then "Your turn", once each', async () => {
		facilitator = await openFacilitatorPage(browser, server.url, facilitatorKey);
		const fq = facilitator.getByTestId('facilitator-queue');
		// Who is speaking is shown at the top of the console, beside "Next speaker".
		const speaker = facilitator.getByTestId('glance-speaker');
		await expect.poll(() => fq.locator('ol li').count()).toBe(6);
		await expectAccessibleEverywhere(facilitator, 'facilitator, people queued');

		await tabTo(facilitator, 'Next speaker');
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => speaker.textContent()).toContain('Speaking: Ben');
		await expect.poll(() => said(page, 'You are next')).toHaveLength(1);
		expect(await page.getByTestId('my-place').textContent()).toContain('You are next');
		// Another change while Ada waits first in line is not a second "You are next".
		unwrap(await request(ben, 'queue:raise', { kind: 'new' }));
		await expect.poll(() => fq.locator('ol li').count()).toBe(6);

		await facilitator.keyboard.press('Enter');
		await expect.poll(() => speaker.textContent()).toContain('Speaking: Ada');
		await page.locator('[data-testid="turn-banner"].turn-banner-turn').waitFor();
		await expect.poll(() => said(page, 'Your turn')).toHaveLength(1);
		expect(await page.getByTestId('turn-timer').textContent()).toMatch(/Time: \d+:\d\d of 2:00/);
		// The timer is visible text, never inside a live region.
		expect(await page.locator('[aria-live] [data-testid="turn-timer"]').count()).toBe(0);
		// Extending the turn shows on everyone's timer and is not a second "Your turn".
		await tabTo(facilitator, 'Add 1 minute');
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('turn-timer').textContent()).toMatch(/of 3:00/);
		await expectAccessibleEverywhere(page, 'participant, your turn');
		await expectAccessibleEverywhere(facilitator, 'facilitator, someone speaking');

		// Later moves of the queue do not repeat either message.
		for (let i = 0; i < 30 && (await focusedName(facilitator)) !== 'Next speaker'; i++) {
			await facilitator.keyboard.press('Shift+Tab');
		}
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => speaker.textContent()).not.toContain('Speaking: Ada');
		// Ada's own page has the change too before anything it said is counted.
		await page
			.locator('[data-testid="turn-banner"].turn-banner-turn')
			.waitFor({ state: 'detached' });
		const all = await settledAnnouncements(page);
		const urgent = all.filter((a) => a.politeness === 'assertive');
		expect(urgent.map((a) => a.text)).toEqual(['You are next', 'Your turn']);
		// Everything else was polite, and no message came twice in a row.
		const rest = all.filter((a) => a.politeness === 'polite');
		expect(rest.length).toBeGreaterThan(0);
		for (let i = 1; i < rest.length; i++) expect(rest[i].text).not.toBe(rest[i - 1].text);
	});

	it('in a go-round, the person who is up can pass with one key press, no reason asked', async () => {
		await tabTo(facilitator, 'Start go-round');
		await facilitator.keyboard.press('Enter');
		// Ada joined first, so she is up first.
		await page.getByRole('button', { name: 'Pass' }).waitFor();
		await expect.poll(() => said(page, 'Your turn')).toHaveLength(2);
		await expectAccessibleEverywhere(page, 'participant, go-round, your turn');
		await tabTo(page, 'Pass');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByRole('button', { name: 'Pass' }).count()).toBe(0);
		// The buttons went away with the turn; focus moved to the hand button, not lost.
		expect(await focusedName(page)).toBe('Raise hand');
		await expect
			.poll(() => facilitator.getByTestId('facilitator-queue').textContent())
			.toContain('Up now: Ben');
		await expectAccessibleEverywhere(facilitator, 'facilitator, go-round running');
	});
});
