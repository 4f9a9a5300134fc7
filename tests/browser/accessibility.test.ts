/**
 * Every view of the foundation, in every state it can be in, at phone and desktop widths, in each
 * theme and language: zero axe violations (WCAG 2.2 A/AA) and no horizontal scrolling.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/lib/shared/workshop.ts';
import type { Theme } from '../../src/lib/shared/preferences.ts';
import {
	COLOUR_RULES,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	openPage,
	type PageOptions
} from '../helpers/browser.ts';
import { closeClients, connect, request, unwrap } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let code: string;
let facilitatorKey: string;
let identity: { participantId: string; participantKey: string };

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
	const socket = await connect(server.url);
	const created = unwrap(
		await request(socket, 'workshop:create', { title: 'Shaping the day centre', language: 'en' })
	);
	code = created.code;
	facilitatorKey = created.facilitatorKey;
	const joined = unwrap(
		await request(socket, 'participant:join', { code, name: 'Ada', role: 'lived-experience' })
	);
	identity = { participantId: joined.participantId, participantKey: joined.participantKey };
	// The agenda in all its states at once: done with an outcome, current with a timer, upcoming.
	const fac = await connect(server.url);
	unwrap(await request(fac, 'facilitator:open', { facilitatorKey }));
	const ids: string[] = [];
	for (const title of ['Welcome', 'Transport', 'Next steps'])
		ids.push(unwrap(await request(fac, 'agenda:add', { title, timeboxMinutes: 10 })).itemId);
	unwrap(await request(fac, 'agenda:start', { itemId: ids[0] }));
	unwrap(await request(fac, 'agenda:finish', { itemId: ids[0], outcome: 'Everyone arrived.' }));
	unwrap(await request(fac, 'agenda:start', { itemId: ids[1] }));
	fac.close();
	socket.close();
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function settle(page: Page) {
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

/**
 * Visits each view in turn and checks it; `label` names the combination in failures. `rules`
 * narrows axe to the colour rules for a theme other than light (themes change colours only; the
 * light runs of the same view and width have all the other rules).
 */
async function checkAllViews(page: Page, label: string, rules?: readonly string[]) {
	const check = async (view: string) => {
		await expectAccessible(page, `${view}, ${label}`, { rules });
		await expectNoHorizontalScroll(page, `${view}, ${label}`);
	};

	await page.goto(server.url + '/');
	await settle(page);
	await check('start page');

	await page.getByRole('button', { name: /^(Settings|Gosodiadau)$/ }).click();
	await page.locator('#settings-panel').waitFor();
	await check('start page with settings open');
	await page.keyboard.press('Escape');

	await page.goto(server.url + '/help');
	await check('help page');

	await page.goto(`${server.url}/j/${code}`);
	await settle(page);
	await page.getByRole('textbox').first().waitFor();
	await check('join form');
	await page.getByRole('button', { name: /^(Join|Ymuno)$/ }).click();
	await page.locator('#error-name').waitFor();
	await check('join form with errors');

	await page.evaluate(
		([c, id]) => localStorage.setItem(`roundtable.identity.${c}`, JSON.stringify(id)),
		[code, identity] as const
	);
	await page.reload();
	await page.getByTestId('here-count').waitFor();
	await page.getByTestId('agenda-timer').waitFor();
	await check('participant view');

	await page.goto(`${server.url}/facilitate#${facilitatorKey}`);
	await page.getByTestId('console').waitFor();
	await page.getByTestId('agenda-timer').waitFor();
	await check('facilitator view');

	await page.goto(`${server.url}/room/${code}`);
	await page.getByTestId('agenda-timer').waitFor();
	// A projector view: nothing to press, no site header.
	await expectAccessible(page, `room screen, ${label}`, { controls: false, rules });
	await expectNoHorizontalScroll(page, `room screen, ${label}`);

	await page.goto(`${server.url}/facilitate#${'z'.repeat(43)}`);
	await page.getByRole('heading', { name: /not valid|ddilys/ }).waitFor();
	await check('invalid facilitator link');

	await page.goto(`${server.url}/j/WXWXWX`);
	await check('unknown join code');
}

const widths = [320, 1280];
const themes: Theme[] = ['light', 'dark', 'contrast'];
const languages: Language[] = ['en', 'cy'];

describe('zero axe violations in every view', () => {
	for (const width of widths) {
		for (const theme of themes) {
			for (const language of languages) {
				const label = `${width}px, ${theme}, ${language}`;
				it(label, { timeout: 90_000 }, async () => {
					const page = await openPage(browser, server.url, { width, theme, language });
					await checkAllViews(page, label, theme === 'light' ? undefined : COLOUR_RULES);
					await page.context().close();
				});
			}
		}
	}

	const special: [string, PageOptions][] = [
		['forced colours, reduced motion', { forcedColors: 'active', reducedMotion: 'reduce' }],
		['system theme in dark mode', { theme: 'system' }]
	];
	for (const [label, opts] of special) {
		it(label, { timeout: 90_000 }, async () => {
			const page = await openPage(browser, server.url, { width: 1280, ...opts });
			if (label.startsWith('system')) await page.emulateMedia({ colorScheme: 'dark' });
			await checkAllViews(page, label);
			await page.context().close();
		});
	}
});

describe('reflow and text size', () => {
	it('fits 320 × 256 CSS px with the largest text size, with no horizontal scrolling', async () => {
		const page = await openPage(browser, server.url, { width: 320, height: 256 });
		const context: BrowserContext = page.context();
		await context.addCookies([
			{ name: 'rt_prefs', value: 'theme=light&text=200&say=all', url: server.url }
		]);
		for (const path of [
			'/',
			'/help',
			`/j/${code}`,
			`/facilitate#${facilitatorKey}`,
			`/room/${code}`
		]) {
			await page.goto(server.url + path);
			await settle(page);
			if (path.startsWith('/facilitate')) await page.getByTestId('console').waitFor();
			expect(await page.evaluate(() => document.documentElement.dataset.text)).toBe('200');
			await expectNoHorizontalScroll(page, `${path} at 200% text`);
		}
		await context.close();
	});

	it('the live regions are in the server-rendered HTML from the start', async () => {
		const html = await (await fetch(server.url + '/')).text();
		expect(html).toMatch(/aria-live="polite"/);
		expect(html).toMatch(/aria-live="assertive"/);
		expect(html.match(/aria-live=/g)).toHaveLength(2);
	});
});
