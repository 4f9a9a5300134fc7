/**
 * Breaks, ground rules and the glossary in real Chromium, by keyboard alone: the facilitator adds a
 * word to the glossary and starts a break; the participant and the room screen show the break
 * timer and the participant reads the ground rules and the word; the facilitator ends the break,
 * with focus moving to the button that takes the old one's place. Zero axe violations in each
 * state at 320, 768 and 1280 px in light, dark and high contrast, and in Welsh and easy read.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, joinAs, openWorkshop } from '../helpers/client.ts';
import {
	expectAccessible,
	expectAccessibleEverywhere,
	expectFocusVisible,
	focusedName,
	launchBrowser,
	openFacilitatorPage,
	openPage,
	openParticipantPage,
	type PageOptions,
	settledAnnouncements,
	tabTo,
	THEMES,
	whenHydrated
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
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function participantPage(opts: PageOptions = {}) {
	const page = await openParticipantPage(browser, server.url, code, ada, { width: 320, ...opts });
	await page.getByTestId('ground-rules').waitFor();
	return page;
}

describe('breaks, ground rules and glossary by keyboard', { timeout: 300_000 }, () => {
	let facilitator: Page;
	let participant: Page;
	let room: Page;

	it('the participant sees the default ground rules and an empty glossary', async () => {
		participant = await participantPage();
		const rules = participant.getByTestId('ground-rules');
		expect(await rules.getByRole('heading', { name: 'Ground rules' }).count()).toBe(1);
		expect(await rules.textContent()).toContain('One person speaks at a time.');
		expect(await participant.getByTestId('glossary').textContent()).toContain(
			'No words have been added yet.'
		);
		await expectAccessibleEverywhere(participant, 'participant, rules and glossary', {
			themes: THEMES
		});
	});

	it('the facilitator adds a glossary word and starts a break', async () => {
		facilitator = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		await facilitator.getByTestId('glossary').waitFor();
		await tabTo(facilitator, 'Word or phrase');
		await facilitator.keyboard.type('Co-production');
		await tabTo(facilitator, 'Plain meaning');
		await facilitator.keyboard.type('Working together as equals.');
		await tabTo(facilitator, 'Add word');
		await facilitator.keyboard.press('Enter');
		await expect
			.poll(() => participant.getByTestId('glossary').textContent())
			.toContain('Working together as equals.');

		await tabTo(facilitator, 'Start a break');
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => focusedName(facilitator)).toBe('End break');
		await expectFocusVisible(facilitator);
		await expectAccessibleEverywhere(facilitator, 'facilitator, on a break', { themes: THEMES });
	});

	it('the participant and the room screen show the break timer', async () => {
		const shown = participant.getByTestId('break');
		await shown.waitFor();
		expect(await shown.textContent()).toContain('We are on a break.');
		await expect.poll(() => shown.textContent()).toMatch(/Time left: (9|10):\d\d/);
		const said = await settledAnnouncements(participant);
		expect(said.filter((a) => a.text === 'A break has started.')).toHaveLength(1);
		await expectAccessibleEverywhere(participant, 'participant, on a break', { themes: THEMES });

		room = await openPage(browser, server.url, { width: 1280 });
		await room.goto(`${server.url}/room/${code}`);
		await whenHydrated(room);
		await room.getByTestId('break').waitFor();
		await expectAccessibleEverywhere(room, 'room screen, on a break', {
			themes: THEMES,
			controls: false
		});

		for (const opts of [{ language: 'cy' as const }, { easyRead: true }]) {
			const other = await participantPage(opts);
			await other.getByTestId('break').waitFor();
			for (const width of [320, 768, 1280]) {
				await other.setViewportSize({ width, height: 800 });
				await expectAccessible(
					other,
					`participant on a break, ${JSON.stringify(opts)}, ${width} px`
				);
			}
			await other.context().close();
		}
	});

	it('the facilitator ends the break; focus moves to "Start a break"', async () => {
		await tabTo(facilitator, 'End break');
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => focusedName(facilitator)).toBe('Start a break');
		await expectFocusVisible(facilitator);
		await participant.getByTestId('break').waitFor({ state: 'detached' });
		await room.getByTestId('break').waitFor({ state: 'detached' });
		await room.context().close();
	});

	it('a check-in: the facilitator starts it, the participant answers in writing, by keyboard', async () => {
		await tabTo(facilitator, 'Start check-in');
		await facilitator.keyboard.press('Enter');
		const round = participant.getByTestId('check-round');
		await round.waitFor();
		expect(await round.textContent()).toContain('How are you arriving today?');
		await expectAccessibleEverywhere(participant, 'participant, check-in', { themes: THEMES });
		await tabTo(participant, 'Your answer');
		await participant.keyboard.type('Tired but glad to be here.');
		await tabTo(participant, 'Send answer');
		await participant.keyboard.press('Enter');
		await expect.poll(() => round.textContent()).toContain('Your answer was sent.');
		await expect.poll(() => focusedName(participant)).toBe('Check-in');
		await expectAccessibleEverywhere(participant, 'participant, check-in answered', {
			themes: THEMES
		});
		const answers = facilitator.getByTestId('round-answers');
		await expect.poll(() => answers.textContent()).toContain('Tired but glad to be here.');
		expect(await answers.textContent()).toContain('Written by Ada');
		await expectAccessibleEverywhere(facilitator, 'facilitator, check-in answers', {
			themes: THEMES
		});
		await tabTo(facilitator, 'End round');
		await facilitator.keyboard.press('Enter');
		await round.waitFor({ state: 'detached' });
	});
});
