/**
 * The room screen (a projector view, read-only): the current agenda item, the speaking queue's
 * current speaker with the next three, and the idea board in its phase, all updating live.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	openPage
} from '../helpers/browser.ts';
import {
	closeClients,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	type TestSocket
} from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let facilitator: TestSocket;
let code: string;
const people: TestSocket[] = [];

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const opened = await openWorkshop(server.url, 'Room screen check');
	facilitator = opened.facilitator;
	code = opened.created.code;
	for (const name of ['Ada', 'Bryn', 'Cai', 'Dilys', 'Efa']) {
		people.push((await joinAs(server.url, code, name, 'carer')).socket);
	}
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function openRoom(width: number): Promise<Page> {
	const page = await openPage(browser, server.url, { width });
	await page.goto(`${server.url}/room/${code}`);
	await page.getByTestId('room-code').waitFor();
	return page;
}

describe('room screen', () => {
	it('shows an empty queue and board clearly, with no violations', async () => {
		for (const width of [320, 1280]) {
			const page = await openRoom(width);
			await expect.poll(() => page.locator('main').textContent()).toContain('Nobody is speaking.');
			expect(await page.locator('main').textContent()).toContain('Nobody is waiting to speak.');
			expect(await page.locator('main').textContent()).toContain('No ideas on the board yet.');
			await expectAccessible(page, `room screen, empty, ${width}px`, { controls: false });
			await expectNoHorizontalScroll(page, `room screen, empty, ${width}px`);
			await page.context().close();
		}
	});

	it('follows the queue live: the current speaker and the next three, no more', async () => {
		const page = await openRoom(1280);
		for (const socket of people) unwrap(await request(socket, 'queue:raise', { kind: 'new' }));
		unwrap(await request(facilitator, 'queue:next', {}));
		await expect
			.poll(() => page.getByTestId('current-speaker').textContent())
			.toBe('Speaking: Ada');
		await expect.poll(() => page.getByTestId('room-next-speakers').locator('li').count()).toBe(3);
		expect(await page.getByTestId('room-next-speakers').textContent()).toBe(
			'Bryn: New pointCai: New pointDilys: New point'
		);
		expect(await page.getByTestId('turn-timer').count()).toBe(1);
		await expectAccessible(page, 'room screen, someone speaking', { controls: false });
		unwrap(await request(facilitator, 'queue:next', {}));
		await expect
			.poll(() => page.getByTestId('current-speaker').textContent())
			.toBe('Speaking: Bryn');
		await page.context().close();
	});

	it('follows the idea board: a count while ideas are silent, then the ideas, then totals', async () => {
		const page = await openRoom(320);
		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: 'What would make the hub welcoming?',
				mode: 'silent',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		unwrap(await request(people[0], 'ideas:add', { text: 'A quiet room' }));
		unwrap(await request(people[1], 'ideas:add', { text: 'Free parking' }));
		await expect.poll(() => page.locator('main').textContent()).toContain('2 ideas so far');
		// Silent ideas stay off the room screen until they are revealed.
		expect(await page.locator('main').textContent()).not.toContain('A quiet room');
		await expectAccessible(page, 'room screen, silent collect', { controls: false });

		unwrap(await request(facilitator, 'ideas:advance', { to: 'group' }));
		await expect.poll(() => page.getByTestId('room-ideas').locator('li').count()).toBe(2);
		expect(await page.locator('main').textContent()).toContain(
			'What would make the hub welcoming?'
		);

		unwrap(await request(facilitator, 'ideas:advance', { to: 'vote' }));
		await expect.poll(() => page.locator('main').textContent()).toContain('Voting');
		expect(await page.getByTestId('room-ideas').textContent()).toContain('Free parking');
		unwrap(await request(facilitator, 'ideas:advance', { to: 'results' }));
		await expect.poll(() => page.getByTestId('room-ideas').textContent()).toContain('0 votes');
		await expectAccessible(page, 'room screen, results', { controls: false });
		await expectNoHorizontalScroll(page, 'room screen, results');
		await page.context().close();
	});

	it('shows no site header on the projector: nothing there for anyone to press', async () => {
		const page = await openRoom(1280);
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		expect(await page.locator('.site-header').count()).toBe(0);
		expect(await page.getByRole('link', { name: 'Help and ground rules' }).count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Settings' }).count()).toBe(0);
		await page.context().close();
	});
});
