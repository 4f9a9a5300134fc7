/**
 * The idea board in real Chromium, by keyboard alone: add and withdraw an idea, hear arrivals
 * merged, move an idea to a theme, vote, see results; zero axe violations in every phase at 320
 * and 1280 px, for a participant and a facilitator.
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
let facilitator: Page;
let participant: Page;
let others: TestSocket[];
const dialogs: string[] = [];

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	server.server.services.features.ideas.batchMs = 300;
	const { facilitator: socket, created } = await openWorkshop(server.url, 'Ideas workshop');
	unwrap(
		await request(socket, 'ideas:setup', {
			prompt: 'What would make the carers hub better?',
			mode: 'live',
			budget: 3,
			cap: 3,
			participantsGroup: false
		})
	);
	const me = await joinAs(server.url, created.code, 'Keyboard user');
	others = [];
	for (const name of ['Other one', 'Other two', 'Other three']) {
		others.push((await joinAs(server.url, created.code, name)).socket);
	}
	// The browser resumes as the participant joined above, with the key kept on its device.
	participant = await openPage(browser, server.url, { width: 320, height: 800 });
	await participant.addInitScript(
		([code, identity]) =>
			localStorage.setItem(`roundtable.identity.${code}`, JSON.stringify(identity)),
		[
			created.code,
			{ participantId: me.welcome.participantId, participantKey: me.welcome.participantKey }
		] as const
	);
	participant.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	facilitator = await openPage(browser, server.url, { width: 1280, height: 900 });
	await Promise.all([
		participant.goto(`${server.url}/j/${created.code}`),
		facilitator.goto(`${server.url}/facilitate#${created.facilitatorKey}`)
	]);
	await participant.getByRole('heading', { name: 'Ideas', exact: true }).waitFor();
	await facilitator.getByRole('heading', { name: 'Ideas', exact: true }).waitFor();
}, 60_000);

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

/** Both pages, at both widths, have zero axe violations and no sideways scrolling. */
async function checkBoth(phase: string) {
	for (const [page, who] of [
		[participant, 'participant'],
		[facilitator, 'facilitator']
	] as const) {
		for (const width of [320, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await expectAccessible(page, `${who} ${phase} at ${width}px`);
			await expectNoHorizontalScroll(page, `${who} ${phase} at ${width}px`);
		}
	}
	await participant.setViewportSize({ width: 320, height: 900 });
}

const stage = (page: Page) => page.getByTestId('ideas-stage').textContent();

describe('the idea board by keyboard only', () => {
	it('collect: add an idea, withdraw it, add another, and hear arrivals merged', async () => {
		expect(await stage(participant)).toBe('Stage: Adding ideas');
		await tabTo(participant, 'Your idea');
		await participant.keyboard.type('Evening sessions');
		await tabTo(participant, 'Add idea');
		await participant.keyboard.press('Enter');
		const own = participant.getByTestId('own-ideas');
		await expect.poll(() => own.textContent()).toContain('Evening sessions');

		await tabTo(participant, 'Withdraw your idea: Evening sessions');
		await participant.keyboard.press('Enter');
		await expect.poll(() => own.count()).toBe(0);
		// The button went away with the idea: focus goes back to the idea field.
		expect(await focusedName(participant)).toBe('Your idea');

		const html = '<script>alert("x")</script><b>Step-free access</b>';
		await participant.keyboard.type(html);
		await tabTo(participant, 'Add idea');
		await participant.keyboard.press('Enter');
		const ideas = participant.getByTestId('idea');
		await expect.poll(() => ideas.count(), { timeout: 5000 }).toBe(1);
		// Shown as text, never run.
		expect(await ideas.first().locator('.idea-text').textContent()).toBe(html);
		expect(await participant.locator('.idea-text b').count()).toBe(0);

		await Promise.all(
			others.map((s, i) => request(s, 'ideas:add', { text: `Idea from someone ${i}` }))
		);
		await expect.poll(() => ideas.count(), { timeout: 5000 }).toBe(4);
		await expect
			.poll(async () => (await announcements(participant)).map((a) => a.text), {
				timeout: 8000
			})
			.toContain('3 new ideas');
		expect(dialogs).toEqual([]);
		await checkBoth('collect');
	}, 60_000);

	it('group: the facilitator makes a theme and moves an idea into it', async () => {
		await tabTo(facilitator, 'Start grouping');
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => stage(participant)).toBe('Stage: Putting ideas into themes');
		await tabTo(facilitator, 'Theme name');
		await facilitator.keyboard.type('Access');
		await tabTo(facilitator, 'Add theme');
		await facilitator.keyboard.press('Enter');
		await facilitator.locator('.theme-list strong', { hasText: 'Access' }).waitFor();

		await tabTo(facilitator, 'Move to theme…');
		await facilitator.keyboard.press('ArrowDown');
		const moving = await facilitator.evaluate(
			() => document.activeElement?.getAttribute('aria-labelledby')?.split(' ')[1] ?? ''
		);
		const text = await facilitator.locator(`#${moving}`).textContent();
		await facilitator.keyboard.press('Tab');
		expect(await focusedName(facilitator)).toBe('Move');
		await facilitator.keyboard.press('Enter');
		// The idea now sits under "Access" for everyone, and keeps the facilitator's focus.
		const underAccess = (page: Page) =>
			page.evaluate(() => {
				const h = [...document.querySelectorAll('h3')].find((x) => x.textContent === 'Access');
				const list = h?.nextElementSibling;
				return list ? [...list.querySelectorAll('.idea-text')].map((p) => p.textContent) : [];
			});
		await expect.poll(() => underAccess(participant)).toEqual([text]);
		await expect.poll(() => underAccess(facilitator)).toEqual([text]);
		await expect.poll(() => focusedName(facilitator)).toBe(text);
		await checkBoth('group');
	}, 60_000);

	it('vote: give a vote, take it back, give it again, within "Votes left"', async () => {
		await tabTo(facilitator, 'Start voting');
		await facilitator.keyboard.press('Enter');
		const left = participant.getByTestId('votes-left');
		await expect.poll(() => left.textContent()).toBe('Votes left: 3');
		await tabTo(participant, 'Vote');
		await participant.keyboard.press('Enter');
		await expect.poll(() => left.textContent()).toBe('Votes left: 2');
		await expect
			.poll(() => participant.getByTestId('my-dots').textContent())
			.toContain('Your votes: 1');
		await tabTo(participant, 'Remove vote');
		await participant.keyboard.press('Enter');
		await expect.poll(() => left.textContent()).toBe('Votes left: 3');
		// "Remove vote" left with the last dot; focus is back on that idea's "Vote".
		expect(await focusedName(participant)).toBe('Vote');
		await participant.keyboard.press('Enter');
		await expect.poll(() => left.textContent()).toBe('Votes left: 2');
		// Each "Vote" button is named after its idea.
		const names = await participant
			.getByRole('button', { name: /^Vote / })
			.evaluateAll((els) => els.length);
		expect(names).toBe(4);
		// Totals are nowhere on the facilitator's screen yet.
		expect(await facilitator.locator('table.results').count()).toBe(0);
		await checkBoth('vote');
	}, 60_000);

	it('results: the facilitator shows results; a table and a labelled chart appear', async () => {
		await tabTo(facilitator, 'Show results');
		await facilitator.keyboard.press('Enter');
		const table = participant.getByRole('table', { name: 'Ideas by votes' });
		await table.waitFor();
		const rows = await table.locator('tbody tr').allTextContents();
		expect(rows).toHaveLength(4);
		expect(rows[0]).toMatch(/1$/);
		const chart = participant.getByRole('img');
		expect(await chart.getAttribute('aria-label')).toMatch(/: 1 vote(;|$)/);
		// One label and one count per idea, drawn in HTML so the text keeps its size (issue 14, 9).
		expect(await chart.locator('.chart-label').count()).toBe(4);
		expect(await chart.locator('.results-bar-count').count()).toBe(4);
		await checkBoth('results');
	}, 60_000);
});
