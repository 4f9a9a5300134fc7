/**
 * Deciding together in real Chromium, by keyboard alone: everyone sees "What this workshop can
 * change" above the agenda; a facilitator writes a proposal and starts a consent round; a
 * participant objects (refused without a reason, focus on the field), gives a reason and sends it.
 * Zero axe violations in each new state at 320, 768 and 1280 px, and in every theme and language.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	type TestSocket
} from '../helpers/client.ts';
import {
	expectAccessibleEverywhere,
	expectFocusVisible,
	focusedName,
	launchBrowser,
	openFacilitatorPage,
	openPage,
	openParticipantPage,
	settledAnnouncements,
	tabTo
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let facilitatorKey: string;
let facilitator: TestSocket;
let ada: { participantId: string; participantKey: string };

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	code = w.created.code;
	facilitatorKey = w.created.facilitatorKey;
	facilitator = w.facilitator;
	const joined = await joinAs(server.url, code, 'Ada', 'lived-experience');
	ada = {
		participantId: joined.welcome.participantId,
		participantKey: joined.welcome.participantKey
	};
	joined.socket.close();
	unwrap(
		await request(facilitator, 'decisions:scope', {
			fixed: 'The building and its opening hours.',
			open: 'What happens in the Tuesday sessions.'
		})
	);
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function asAda(opts: Parameters<typeof openPage>[2] = {}) {
	const page = await openParticipantPage(browser, server.url, code, ada, { width: 320, ...opts });
	return page;
}

describe('deciding together by keyboard', () => {
	let page: Page;
	let fac: Page;

	it('shows what this workshop can change above the agenda', async () => {
		page = await asAda();
		const scope = page.getByRole('region', { name: 'What this workshop can change' });
		await expect.poll(() => scope.textContent()).toContain('What happens in the Tuesday sessions.');
		expect(await scope.textContent()).toContain('The building and its opening hours.');
		// Above the agenda: it comes first in reading order.
		const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
		expect(headings.indexOf('What this workshop can change')).toBeLessThan(
			headings.indexOf('Agenda')
		);
		await expectAccessibleEverywhere(page, 'participant, scope shown');
	}, 90_000);

	it('lets a facilitator write a proposal and start a consent round by keyboard', async () => {
		fac = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		await fac.getByRole('heading', { name: 'Decisions' }).waitFor();
		await tabTo(fac, 'Proposal');
		await fac.keyboard.type('Open the hub on Saturday mornings.');
		await tabTo(fac, 'New proposal');
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => fac.getByTestId('proposal-text').first().textContent())
			.toBe('Open the hub on Saturday mornings.');
		await expectAccessibleEverywhere(fac, 'facilitator, proposal written');
		// Anonymous is chosen unless the facilitator changes it; arrows choose within the group.
		await tabTo(fac, 'Anonymous');
		await fac.keyboard.press('ArrowUp');
		expect(await focusedName(fac)).toBe('Named');
		await tabTo(fac, 'Offer "Concern" as an answer');
		await fac.keyboard.press('Space');
		await tabTo(fac, 'Save answer options');
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => fac.getByTestId('decision').first().textContent())
			.toContain('Answers are named.');
		await tabTo(fac, 'Start consent round');
		await fac.keyboard.press('Enter');
		await fac.getByRole('button', { name: 'Close consent round' }).waitFor();
		await expectAccessibleEverywhere(fac, 'facilitator, consent round open');
	}, 90_000);

	it('lets a participant answer: an objection needs a reason', async () => {
		const form = page.getByTestId('consent-form');
		await form.waitFor();
		expect(await page.getByTestId('decision').textContent()).toContain(
			'Answers are named. Everyone will see who answered what.'
		);
		await expectAccessibleEverywhere(page, 'participant, consent round open');
		await tabTo(page, 'Consent');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('Concern');
		await page.keyboard.press('ArrowDown');
		expect(await focusedName(page)).toBe('Object');
		await tabTo(page, 'Send answer');
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedName(page)).toBe('Reason');
		await expectFocusVisible(page);
		expect(await page.getByRole('textbox', { name: 'Reason' }).getAttribute('aria-invalid')).toBe(
			'true'
		);
		await expectAccessibleEverywhere(page, 'participant, objection without a reason');
		await page.keyboard.type('Saturday is when I care for my dad.');
		await tabTo(page, 'Send answer');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('own-answer').textContent()).toContain('Object');
		const said = (await settledAnnouncements(page)).map((a) => a.text);
		expect(said).toContain('Your answer was sent: Object.');
		await expectAccessibleEverywhere(page, 'participant, answer sent');
	}, 90_000);

	it('shows the closed round to everyone, with the reason, live', async () => {
		await tabTo(fac, 'Close consent round');
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => page.getByTestId('decision').textContent())
			.toContain('Ada: Object. Saturday is when I care for my dad.');
		expect(await page.getByTestId('round-counts').textContent()).toBe(
			'Consent: 0. Concern: 0. Object: 1.'
		);
		await expectAccessibleEverywhere(page, 'participant, decision log');
	}, 90_000);

	it('lets a facilitator set, change and clear a review date by keyboard; a past date is refused', async () => {
		const isoIn = (days: number) =>
			new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		/** Types a date into the focused date field, in the order the browser shows its parts. */
		const typeDate = async (iso: string) => {
			const order = await fac.evaluate(() =>
				new Intl.DateTimeFormat(navigator.language)
					.formatToParts(new Date(Date.UTC(2030, 10, 22)))
					.map((p) => p.type)
					.filter((t) => t === 'day' || t === 'month' || t === 'year')
			);
			const [year, month, day] = iso.split('-');
			for (const part of order) {
				await fac.keyboard.type(part === 'year' ? year : part === 'month' ? month : day);
			}
		};
		const field = fac.getByLabel('Review date', { exact: true });
		await tabTo(fac, 'Review date');
		await typeDate(isoIn(-3));
		expect(await field.inputValue()).toBe(isoIn(-3));
		await tabTo(fac, 'Save review date');
		await fac.keyboard.press('Enter');
		await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
		expect(await focusedName(fac)).toBe('Review date');
		expect(await fac.locator('[id^="error-review-"]').textContent()).toContain(
			'That date has already passed.'
		);
		await expectAccessibleEverywhere(fac, 'facilitator, review date refused');

		const later = isoIn(400);
		await typeDate(later);
		await tabTo(fac, 'Save review date');
		await fac.keyboard.press('Enter');
		const words = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
			new Date(`${later}T00:00:00Z`)
		);
		// In the log, for everyone, live.
		await expect
			.poll(() => page.getByTestId('review-date').textContent())
			.toContain(`To be looked at again on ${words}.`);
		await expect
			.poll(() => fac.getByTestId('review-date').textContent())
			.toContain(`To be looked at again on ${words}.`);
		expect(await field.getAttribute('aria-invalid')).toBeNull();
		await expectAccessibleEverywhere(page, 'participant, decision with a review date');

		await tabTo(fac, 'Clear review date');
		await fac.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('review-date').count()).toBe(0);
		expect(await field.inputValue()).toBe('');
	}, 60_000);

	it('opens a second round for the theme and language checks', async () => {
		const { id } = unwrap(
			await request(facilitator, 'decisions:new', { proposal: 'A second idea.' })
		);
		unwrap(await request(facilitator, 'decisions:startConsent', { id }));
		await expect.poll(() => page.getByTestId('consent-form').count()).toBe(1);
	});

	for (const theme of ['light', 'dark', 'contrast'] as const) {
		for (const language of ['en', 'cy'] as Language[]) {
			it(`has no axe violations with a round open: ${theme}, ${language}`, async () => {
				const p = await asAda({ theme, language, width: 768 });
				await p.getByTestId('consent-form').waitFor();
				await expectAccessibleEverywhere(p, `participant, round open, ${theme}, ${language}`);
				await p.context().close();
			}, 60_000);
		}
	}
});
