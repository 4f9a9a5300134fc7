/**
 * Finishing "taking part" in real Chromium, by keyboard alone: a person joins and the view opens
 * with the workshop's own ground rules (as the facilitator set them, not the defaults); they ask
 * for plain words and then, without their name, what a word means; they change their access needs
 * from Settings; the facilitator sees the question only as a word and a count, answers it by
 * adding the word to the glossary, and the person then finds the meaning there. One server, one
 * workshop, one page each: the new states are checked with axe at 320, 768 and 1280 px, in light,
 * dark and high contrast, in English, Welsh and easy read, switched on the same page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, openWorkshop, request, unwrap, type TestSocket } from '../helpers/client.ts';
import {
	COLOUR_RULES,
	expectAccessible,
	focusedName,
	launchBrowser,
	openFacilitatorPage,
	openPage,
	settledAnnouncements,
	tabTo,
	whenHydrated
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let workshopId: string;
let facilitatorKey: string;
let facilitatorSocket: TestSocket;

const OWN_RULE = 'Phones on silent, please.';

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	code = w.created.code;
	workshopId = w.opened.workshopId;
	facilitatorKey = w.created.facilitatorKey;
	facilitatorSocket = w.facilitator;
	// The facilitator's own set: one rule added, one default taken away.
	unwrap(await request(w.facilitator, 'rules:add', { text: OWN_RULE }));
	unwrap(await request(w.facilitator, 'rules:remove', { id: 'rule-default-equal' }));
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

/** Like `tabTo`, backwards. */
async function shiftTabTo(page: Page, name: string, max = 80) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Shift+Tab');
		if ((await focusedName(page)) === name) return;
	}
	throw new Error(`could not reach "${name}" with Shift+Tab`);
}

/** Language and easy read as a person sets them, in the Settings panel, on the same page. */
async function choose(page: Page, language: 'en' | 'cy', easyRead: boolean) {
	const open = (await page.locator('#settings-panel').count()) > 0;
	if (!open) await page.locator('button[aria-controls="settings"]').click();
	await page.locator('#settings-panel-language').selectOption(language);
	await page.locator('input[aria-describedby="settings-panel-easy-hint"]').setChecked(easyRead);
	if (!open) await page.locator('button[aria-controls="settings"]').click();
}

/**
 * Each variant × theme × width, on the same page in the same state. The whole page is checked
 * once per variant; the full matrix runs over the new parts (`regions`), which is what changed.
 */
async function accessibleEverywhere(page: Page, regions: string[], label: string) {
	const before = page.viewportSize()!;
	for (const [language, easyRead] of [
		['en', false],
		['cy', false],
		['en', true]
	] as const) {
		await choose(page, language, easyRead);
		expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
		const variant = `${label}, ${language}${easyRead ? ' easy read' : ''}`;
		await expectAccessible(page, `${variant}, whole page`);
		for (const theme of ['light', 'dark', 'contrast']) {
			await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
			for (const width of [320, 768, 1280]) {
				await page.setViewportSize({ width, height: 800 });
				await expectAccessible(page, `${variant}, ${theme}, ${width} px`, {
					within: regions,
					rules: theme === 'light' ? undefined : COLOUR_RULES
				});
			}
		}
	}
	await choose(page, 'en', false);
	await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
	await page.setViewportSize(before);
}

describe('taking part, by keyboard', { timeout: 300_000 }, () => {
	let participant: Page;
	let facilitator: Page;

	it('a person who joins sees the workshop’s own ground rules first', async () => {
		participant = await openPage(browser, server.url, { width: 320 });
		await participant.goto(`${server.url}/j/${code}`);
		await whenHydrated(participant);
		await tabTo(participant, 'Your name');
		await participant.keyboard.type('Tamsin');
		await participant.keyboard.press('Tab');
		await participant.keyboard.press('Space');
		await tabTo(participant, 'Join');
		await participant.keyboard.press('Enter');
		const joined = participant.getByTestId('joined-rules');
		await expect.poll(() => joined.textContent()).toContain(OWN_RULE);
		const text = await joined.textContent();
		expect(text).toContain('One person speaks at a time.');
		expect(text).not.toContain('Everyone here is an equal.');
		// They come straight after the person's own status ("Raise hand"), before everything else.
		const order = await participant.evaluate(() => {
			const rules = document.querySelector('[data-testid="joined-rules"]')!;
			const after = (a: Element, b: Element) =>
				!!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
			return {
				afterHand: after(document.querySelector('#hand-button')!, rules),
				beforeSignals: after(rules, document.querySelector('[data-testid="signals"]')!)
			};
		});
		expect(order).toEqual({ afterHand: true, beforeSignals: true });
		await settledAnnouncements(participant);
	});

	it('asks for plain words, then what a word means, without their name', async () => {
		await tabTo(participant, /Plain words please$/);
		await participant.keyboard.press('Enter');
		await tabTo(participant, 'Ask what a word means');
		await participant.keyboard.press('Enter');
		expect(await focusedName(participant)).toBe('What does this mean?');
		// Bad input is refused by the one text rule, and focus stays in the field.
		await participant.keyboard.type('   ');
		await participant.keyboard.press('Enter');
		const form = participant.getByTestId('ask-meaning');
		await expect.poll(() => form.textContent()).toContain('Please fill this in.');
		expect(await focusedName(participant)).toBe('What does this mean?');
		await participant.keyboard.press('Control+A');
		await participant.keyboard.type('Tariff');
		await participant.keyboard.press('Enter');
		await expect.poll(() => form.textContent()).toContain('Sent. The facilitator will explain it.');
		expect(await form.textContent()).not.toContain('Please fill this in.');
	});

	it('changes their access needs from Settings, and the facilitator sees only a count', async () => {
		await tabTo(participant, 'Settings');
		await participant.keyboard.press('Enter');
		const section = participant.getByTestId('settings-access');
		await section.waitFor();
		await tabTo(participant, 'I need breaks');
		await participant.keyboard.press('Space');
		await tabTo(participant, 'Only as a count');
		expect(
			await participant.getByRole('radio', { name: 'Only as a count' }).first().isChecked()
		).toBe(true);
		await tabTo(participant, 'Save');
		await participant.keyboard.press('Enter');
		await expect.poll(() => section.textContent()).toContain('Saved. Thank you for telling us.');
		const summary = unwrap(await request(facilitatorSocket, 'access:list', {}));
		expect(summary.todos.map((t) => [t.need, t.count, t.names])).toEqual([['breaks', 1, []]]);
		expect(JSON.stringify(summary)).not.toContain('Tamsin');

		// Every new participant state at once: the rules at joining, the plain-words offer, the
		// question sent and Settings open with their access needs.
		await accessibleEverywhere(
			participant,
			[
				'#settings',
				'[data-testid="joined-rules"]',
				'[data-testid="signals"]',
				'[data-testid="glossary"]'
			],
			'participant, rules, question sent, settings'
		);

		// The same answer shows on their page (it reads the server's copy when opened).
		await participant.keyboard.press('Escape');
		expect(await focusedName(participant)).toBe('Settings');
		await tabTo(participant, 'What would help you take part?');
		await participant.keyboard.press('Enter');
		const mine = participant.getByTestId('my-access');
		await expect
			.poll(() => mine.getByRole('checkbox', { name: 'I need breaks' }).isChecked())
			.toBe(true);
		await participant.keyboard.press('Enter');

		// Reading the rules again, later: the link in their place takes focus to them.
		await shiftTabTo(participant, 'I have read the ground rules');
		await participant.keyboard.press('Enter');
		expect(await focusedName(participant)).toBe('Read the ground rules');
		await participant.keyboard.press('Enter');
		await expect
			.poll(() => participant.evaluate(() => document.activeElement?.id))
			.toBe('rules-heading');
	});

	it('the facilitator sees the question as a word and a count, and answers it in the glossary', async () => {
		facilitator = await openFacilitatorPage(browser, server.url, facilitatorKey, { width: 1280 });
		const glossary = facilitator.getByTestId('glossary');
		await glossary.waitFor();
		// Questions go out on the next tick, not at the moment of asking.
		await server.server.services.features.inclusion.questions.publishNow(workshopId);
		const list = facilitator.getByTestId('meaning-questions');
		await expect.poll(() => list.textContent()).toContain('Tariff – Asked by 1 person');
		expect(await glossary.textContent()).not.toContain('Tamsin');
		await accessibleEverywhere(
			facilitator,
			['[data-testid="glossary"]'],
			'facilitator, a question about a word'
		);

		await tabTo(facilitator, 'Add to glossary');
		await facilitator.keyboard.press('Enter');
		expect(await focusedName(facilitator)).toBe('Plain meaning');
		expect(await facilitator.locator('#field-term').inputValue()).toBe('Tariff');
		await facilitator.keyboard.type('The price paid for a service.');
		await tabTo(facilitator, 'Add word');
		await facilitator.keyboard.press('Enter');
		await expect.poll(() => list.count()).toBe(0);
		expect(await glossary.textContent()).toContain('No questions about words yet.');
	});

	it('the person then finds the meaning in the glossary, and is answered at once if they ask again', async () => {
		const glossary = participant.getByTestId('glossary');
		await expect.poll(() => glossary.textContent()).toContain('The price paid for a service.');
		await tabTo(participant, 'What does this mean?');
		await participant.keyboard.type('tariff');
		await participant.keyboard.press('Enter');
		await expect
			.poll(() => participant.getByTestId('ask-notice').textContent())
			.toContain('This word is in the glossary: The price paid for a service.');
	});
});
