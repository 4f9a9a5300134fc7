/**
 * Live at a glance (issue 14): a scripted workshop in real Chromium.
 * - The facilitator console at 1280×800 shows the current item and its time, the current speaker,
 *   the next three, "Next speaker" and "End turn" in the first viewport in every phase, and
 *   "Next speaker" is at most 5 Tab presses from the top of the page.
 * - A participant at 360×740 with ten agenda items sees "Raise hand" and their place without
 *   scrolling; at their turn "Your turn" is at the top of the page and in the tab title.
 * - The room screen fits 1280×720 and 1920×1080 with ten items, eight waiting and twenty ideas.
 * - Regression tests for the numbered defects fixed here.
 * - Zero axe violations in each new state at 320, 768 and 1280 px in light, dark and high contrast.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	announcements,
	errorsOf,
	expectAccessibleEverywhere,
	expectFocusVisible,
	expectNoHorizontalScroll,
	focusedName,
	launchBrowser,
	openPage,
	type PageOptions,
	settledAnnouncements,
	THEMES,
	whenHydrated
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

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

const SHOTS = process.env.SCREENSHOTS_DIR;

async function openFacilitator(key: string, opts: PageOptions = {}) {
	const page = await openPage(browser, server.url, { width: 1280, height: 800, ...opts });
	await page.goto(`${server.url}/facilitate#${key}`);
	await whenHydrated(page);
	await page.getByTestId('console').waitFor();
	return page;
}

async function openParticipant(
	code: string,
	who: { participantId: string; participantKey: string },
	opts: PageOptions = {}
) {
	const page = await openPage(browser, server.url, { width: 360, height: 740, ...opts });
	await page.addInitScript(
		([k, value]) => localStorage.setItem(k, value),
		[`roundtable.identity.${code}`, JSON.stringify(who)]
	);
	await page.goto(`${server.url}/j/${code}`);
	await whenHydrated(page);
	await page.getByTestId('speaking-queue').waitFor();
	return page;
}

/** Fully inside the first viewport, with the page not scrolled. */
async function inFirstViewport(page: Page, selector: string) {
	return page.evaluate((sel) => {
		const el = document.querySelector(sel);
		if (!el) return `${sel}: missing`;
		const r = el.getBoundingClientRect();
		const ok =
			window.scrollY === 0 &&
			r.width > 0 &&
			r.height > 0 &&
			r.top >= 0 &&
			r.bottom <= window.innerHeight &&
			r.right <= window.innerWidth;
		return ok ? 'ok' : `${sel}: top ${r.top}, bottom ${r.bottom}, viewport ${window.innerHeight}`;
	}, selector);
}

/** Not cut off by its section (the room screen's sections hide what overflows). */
function insideItsCard(page: Page, selector: string) {
	return page.evaluate((sel) => {
		const el = document.querySelector(sel)!;
		const card = el.closest('.card')!;
		const r = el.getBoundingClientRect();
		const c = card.getBoundingClientRect();
		return r.top >= c.top && r.bottom <= c.bottom && r.right <= c.right + 0.5;
	}, selector);
}

/** Every figure a facilitator needs every minute is on the first screen. */
async function expectGlance(page: Page, phase: string) {
	await page.evaluate(() => window.scrollTo(0, 0));
	for (const sel of [
		'[data-testid="agenda-now"]',
		'[data-testid="glance-speaker"] > p',
		'[data-testid="glance-next"]',
		'#queue-next',
		'#queue-end',
		'[data-testid="glance-not-heard"]'
	]) {
		expect(await inFirstViewport(page, sel), `${sel} in ${phase}`).toBe('ok');
	}
}

describe('facilitator console', () => {
	let facilitator: TestSocket;
	let key: string;
	let code: string;
	let page: Page;
	const people: TestSocket[] = [];
	const items: string[] = [];

	beforeAll(async () => {
		const w = await openWorkshop(server.url, 'Carers hub planning');
		facilitator = w.facilitator;
		key = w.created.facilitatorKey;
		code = w.created.code;
	});

	it('before anyone joins: the invite is open, and the figures still come first', async () => {
		page = await openFacilitator(key);
		await expect.poll(() => page.getByTestId('join-code').count()).toBe(1);
		await expectGlance(page, 'nobody joined');
		expect(
			await page.getByRole('button', { name: 'Show join code' }).getAttribute('aria-expanded')
		).toBe('true');
		await expectAccessibleEverywhere(page, 'console, nobody joined', { themes: THEMES });
	});

	it('"Next speaker" is at most 5 Tab presses from the top of the page', async () => {
		await page.reload();
		await whenHydrated(page);
		await page.getByTestId('console').waitFor();
		let presses = 0;
		while (presses < 5 && (await focusedName(page)) !== 'Next speaker') {
			await page.keyboard.press('Tab');
			presses++;
		}
		expect(await focusedName(page)).toBe('Next speaker');
		await expectFocusVisible(page);
	});

	it('once people join the invite folds away; "Show join code" brings it back in one step', async () => {
		for (const name of ['Ada', 'Bryn', 'Cai', 'Dilys', 'Efa', 'Ffion']) {
			people.push((await joinAs(server.url, code, name, 'carer')).socket);
		}
		await expect.poll(() => page.getByTestId('join-code').count()).toBe(0);
		const show = page.getByRole('button', { name: 'Show join code' });
		expect(await show.getAttribute('aria-expanded')).toBe('false');
		await show.focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('join-code').waitFor();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('invite-heading');
		await show.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('join-code').count()).toBe(0);
		// The room screen is one step away too, in a new tab.
		const room = page.getByRole('link', { name: /Open room screen/ });
		expect(await room.getAttribute('href')).toBe(`/room/${code}`);
		expect(await room.getAttribute('target')).toBe('_blank');
	});

	it('with ten agenda items, an item running and a queue, everything is on the first screen', async () => {
		for (let i = 1; i <= 10; i++) {
			const added = unwrap(
				await request(facilitator, 'agenda:add', {
					title: `Item ${i}: a realistic title about the carers hub`,
					timeboxMinutes: 10
				})
			);
			items.push(added.itemId);
		}
		unwrap(await request(facilitator, 'agenda:start', { itemId: items[0] }));
		for (const p of people) unwrap(await request(p, 'queue:raise', { kind: 'new' }));
		unwrap(await request(facilitator, 'queue:next', {}));
		await expect
			.poll(() => page.getByTestId('glance-speaker').textContent())
			.toContain('Speaking: Ada');
		await expect.poll(() => page.getByTestId('glance-next').locator('li').count()).toBe(3);
		expect(await page.getByTestId('glance-next').textContent()).toContain('Bryn');
		await expect.poll(() => page.getByTestId('agenda-now').textContent()).toContain('Item 1');
		await expectGlance(page, 'item running, someone speaking');
		expect(await page.locator('#queue-end').isEnabled()).toBe(true);
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-1280x800.png` });
		await expectAccessibleEverywhere(page, 'console, someone speaking', { themes: THEMES });
	});

	it('keeps the queue and the balance figures side by side on a wide screen', async () => {
		await page.setViewportSize({ width: 1440, height: 900 });
		const [queue, balance] = await Promise.all([
			page.locator('#section-queue').boundingBox(),
			page.locator('#section-balance').boundingBox()
		]);
		expect(queue && balance && Math.abs(queue.y - balance.y)).toBe(0);
		expect(queue!.x + queue!.width).toBeLessThanOrEqual(balance!.x);
		await page.setViewportSize({ width: 1280, height: 800 });
	});

	it('the navigation reaches each section in one step and stays put while the page scrolls', async () => {
		const nav = page.getByRole('navigation', { name: 'Sections' });
		await nav.getByRole('button', { name: 'Ideas' }).click();
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ideas');
		await expectFocusVisible(page);
		expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
		const box = await nav.boundingBox();
		expect(box!.y).toBeGreaterThanOrEqual(0);
		expect(box!.y).toBeLessThan(800);
		// The facilitator link's key is in the fragment: moving around never changes it.
		expect(new URL(page.url()).hash).toBe(`#${key}`);
		await nav.getByRole('button', { name: 'Agenda' }).click();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('agenda-heading');
	});

	it('keeps the figures on the first screen through the rest of the workshop', async () => {
		unwrap(await request(facilitator, 'queue:end', {}));
		await expect
			.poll(() => page.getByTestId('glance-speaker').textContent())
			.toContain('Nobody is speaking');
		expect(await page.locator('#queue-end').isDisabled()).toBe(true);
		await expectGlance(page, 'between turns');

		unwrap(await request(facilitator, 'queue:goRound', {}));
		await expect.poll(() => page.getByTestId('glance-next').locator('li').count()).toBe(3);
		await expectGlance(page, 'go-round');

		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: 'What would make the hub welcoming?',
				mode: 'live',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		for (let i = 0; i < 6; i++)
			unwrap(await request(people[i], 'ideas:add', { text: `Idea number ${i + 1}` }));
		await expectGlance(page, 'collecting ideas');
		for (const phase of ['group', 'vote', 'results'] as const) {
			unwrap(await request(facilitator, 'ideas:advance', { to: phase }));
			await page.waitForTimeout(200);
			await expectGlance(page, `ideas: ${phase}`);
		}
		unwrap(await request(facilitator, 'agenda:start', { itemId: items[1] }));
		await expect.poll(() => page.getByTestId('agenda-now').textContent()).toContain('Item 2');
		await expectGlance(page, 'second item');
		expect(errorsOf(page)).toEqual([]);
	});

	it('reflows to one column at 320 px with nothing sideways', async () => {
		await page.setViewportSize({ width: 320, height: 800 });
		await expectNoHorizontalScroll(page, 'console at 320 px');
		const [glance, nav] = await Promise.all([
			page.locator('.console-glance').boundingBox(),
			page.locator('.console-nav').boundingBox()
		]);
		expect(nav!.y).toBeGreaterThan(glance!.y);
		expect(Math.round(nav!.x)).toBe(Math.round(glance!.x));
		await page.context().close();
	});
});

describe('participant on a phone', () => {
	let facilitator: TestSocket;
	let code: string;
	let page: Page;
	let ada: { participantId: string; participantKey: string };
	let ben: TestSocket;

	beforeAll(async () => {
		const w = await openWorkshop(server.url, 'Phone check');
		facilitator = w.facilitator;
		code = w.created.code;
		const first = unwrap(
			await request(facilitator, 'agenda:add', { title: 'Welcome', timeboxMinutes: 5 })
		);
		for (let i = 2; i <= 10; i++) {
			unwrap(
				await request(facilitator, 'agenda:add', {
					title: `Item ${i}: what the hub should offer on weekday evenings`,
					timeboxMinutes: 10
				})
			);
		}
		unwrap(await request(facilitator, 'agenda:start', { itemId: first.itemId }));
		const joined = await joinAs(server.url, code, 'Ada', 'lived-experience');
		ada = {
			participantId: joined.welcome.participantId,
			participantKey: joined.welcome.participantKey
		};
		joined.socket.close();
		ben = (await joinAs(server.url, code, 'Ben', 'professional')).socket;
	});

	it('with ten agenda items, "Raise hand" and the person\'s place are on the first screen', async () => {
		page = await openParticipant(code, ada);
		await expect.poll(() => page.getByTestId('agenda-now').textContent()).toContain('Welcome');
		expect(await inFirstViewport(page, '#hand-button')).toBe('ok');
		expect(await inFirstViewport(page, '[data-testid="my-place"]')).toBe('ok');
		expect(await page.locator('#hand-button').textContent()).toBe('Raise hand');
		// The rest of the agenda is one tap away, not in the way.
		expect(await page.getByTestId('agenda-list').count()).toBe(0);
		await page.getByRole('button', { name: 'Whole agenda' }).click();
		await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(10);
		await page.getByRole('button', { name: 'Whole agenda' }).click();
		await expectAccessibleEverywhere(page, 'phone, hand down', { themes: THEMES });
	});

	it('"Suggest an item" opens on demand, with focus in its first field', async () => {
		expect(await page.locator('#field-item-title').count()).toBe(0);
		await page.getByRole('button', { name: 'Suggest an item' }).click();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-item-title');
		await expectAccessibleEverywhere(page, 'phone, suggesting an item', { themes: THEMES });
		await page.getByRole('button', { name: 'Suggest an item' }).first().click();
		expect(await page.locator('#field-item-title').count()).toBe(0);
	});

	it('"You are next", then "Your turn", at the top of the page and in the tab title', async () => {
		unwrap(await request(ben, 'queue:raise', { kind: 'new' }));
		await page.locator('#hand-button').click();
		await expect.poll(() => page.locator('#hand-button').textContent()).toBe('Lower hand');
		expect(await inFirstViewport(page, '#hand-button')).toBe('ok');
		unwrap(await request(facilitator, 'queue:next', {}));
		await expect
			.poll(() => page.getByTestId('turn-banner').textContent())
			.toContain('You are next');
		expect(await page.title()).toMatch(/^You are next – Phone check/);
		await expectAccessibleEverywhere(page, 'phone, you are next', { themes: THEMES });

		unwrap(await request(facilitator, 'queue:next', {}));
		await expect.poll(() => page.getByTestId('turn-banner').textContent()).toContain('Your turn');
		expect(await page.title()).toMatch(/^Your turn – Phone check/);
		expect(await inFirstViewport(page, '[data-testid="turn-banner"]')).toBe('ok');
		const top = await page.getByTestId('turn-banner').boundingBox();
		const title = await page.locator('h1').boundingBox();
		expect(top!.y).toBeLessThan(title!.y);
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-360x740.png` });
		await expectAccessibleEverywhere(page, 'phone, your turn', { themes: THEMES });

		unwrap(await request(facilitator, 'queue:end', {}));
		await expect.poll(() => page.getByTestId('turn-banner').count()).toBe(0);
		expect(await page.title()).toMatch(/^Phone check/);
		// Said once each, assertively, by the one announcer.
		const said = (await settledAnnouncements(page)).filter((a) => a.politeness === 'assertive');
		expect(said.map((a) => a.text)).toEqual(['You are next', 'Your turn']);
	});

	it('vibrates on "Your turn" where the device can, unless the person turns it off', async () => {
		await page.evaluate(() => {
			(window as unknown as { buzzes: unknown[] }).buzzes = [];
			navigator.vibrate = ((pattern: unknown) => {
				(window as unknown as { buzzes: unknown[] }).buzzes.push(pattern);
				return true;
			}) as Navigator['vibrate'];
		});
		const buzzes = () => page.evaluate(() => (window as unknown as { buzzes: unknown[] }).buzzes);
		const box = page.getByRole('checkbox', { name: 'Vibrate on my turn' });
		expect(await box.isChecked()).toBe(true);
		unwrap(await request(facilitator, 'queue:speakingNow', { personId: ada.participantId }));
		await page.getByTestId('turn-banner').waitFor();
		expect((await buzzes()).length).toBe(1);
		unwrap(await request(facilitator, 'queue:end', {}));
		await expect.poll(() => page.getByTestId('turn-banner').count()).toBe(0);
		await box.uncheck();
		unwrap(await request(facilitator, 'queue:speakingNow', { personId: ada.participantId }));
		await page.getByTestId('turn-banner').waitFor();
		expect((await buzzes()).length).toBe(1);
		unwrap(await request(facilitator, 'queue:end', {}));
		await page.context().close();
	});
});

describe('room screen', () => {
	let code: string;

	beforeAll(async () => {
		const w = await openWorkshop(server.url, 'Room screen with a full workshop');
		const f = w.facilitator;
		code = w.created.code;
		const ids: string[] = [];
		for (let i = 1; i <= 10; i++) {
			const added = unwrap(
				await request(f, 'agenda:add', {
					title: `Item ${i}: a long agenda title about transport to the carers hub`,
					timeboxMinutes: 10
				})
			);
			ids.push(added.itemId);
		}
		unwrap(await request(f, 'agenda:start', { itemId: ids[0] }));
		unwrap(
			await request(f, 'ideas:setup', {
				prompt: 'What would make the hub welcoming to everyone who comes?',
				mode: 'live',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		const people: TestSocket[] = [];
		for (let i = 1; i <= 9; i++) {
			people.push((await joinAs(server.url, code, `Person number ${i}`, 'carer')).socket);
		}
		for (const p of people) unwrap(await request(p, 'queue:raise', { kind: 'new' }));
		unwrap(await request(f, 'queue:next', {}));
		for (let i = 0; i < 20; i++) {
			const text = `Idea ${i + 1}: somewhere quiet to sit with a cup of tea and talk to someone kind`;
			unwrap(await request(people[i % people.length], 'ideas:add', { text }));
		}
	});

	for (const [width, height] of [
		[1280, 720],
		[1920, 1080]
	]) {
		it(`fits ${width}×${height} with ten items, eight waiting and twenty ideas`, async () => {
			const page = await openPage(browser, server.url, { width, height });
			await page.goto(`${server.url}/room/${code}`);
			await whenHydrated(page);
			// Live collect publishes ideas in batches every few seconds.
			await expect
				.poll(() => page.getByTestId('room-ideas').locator('li').count(), { timeout: 15_000 })
				.toBe(8);
			await expect
				.poll(() => page.getByTestId('room-ideas-more').textContent())
				.toBe('and 12 more');
			await page.locator('.qr').waitFor();
			expect(await page.locator('.site-header').count()).toBe(0);
			const size = await page.evaluate(() => ({
				height: document.documentElement.scrollHeight,
				width: document.documentElement.scrollWidth
			}));
			expect(size.height).toBeLessThanOrEqual(height);
			expect(size.width).toBeLessThanOrEqual(width);
			// Nothing that matters is cut off: the QR code and the join code are whole on screen.
			for (const sel of [
				'.qr',
				'[data-testid="room-code"]',
				'[data-testid="current-speaker"]',
				'[data-testid="room-ideas"] li:last-child',
				'[data-testid="room-ideas-more"]'
			]) {
				expect(await inFirstViewport(page, sel), sel).toBe('ok');
				expect(await insideItsCard(page, sel), sel).toBe(true);
			}
			if (SHOTS) await page.screenshot({ path: `${SHOTS}/room-${width}x${height}.png` });
			await page.context().close();
		});
	}

	it('shows themes while grouping, and passes axe in every theme', async () => {
		const w = await openWorkshop(server.url, 'Grouping on the room screen');
		const p = (await joinAs(server.url, w.created.code, 'Ada', 'carer')).socket;
		unwrap(
			await request(w.facilitator, 'ideas:setup', {
				prompt: 'Transport',
				mode: 'live',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		const idea = unwrap(await request(p, 'ideas:add', { text: 'A minibus' }));
		unwrap(await request(w.facilitator, 'ideas:advance', { to: 'group' }));
		const theme = unwrap(
			await request(w.facilitator, 'ideas:theme-create', { name: 'Getting here' })
		);
		unwrap(await request(w.facilitator, 'ideas:move', { id: idea.id, theme: theme.id }));
		const page = await openPage(browser, server.url, { width: 1280, height: 720 });
		await page.goto(`${server.url}/room/${w.created.code}`);
		await whenHydrated(page);
		await expect
			.poll(() => page.getByTestId('room-themes').textContent())
			.toBe('Getting here (1 idea)');
		await expectAccessibleEverywhere(page, 'room screen, grouping', {
			themes: THEMES,
			controls: false
		});
		await page.context().close();
	});
});

describe('defects found on the live run', () => {
	let facilitator: TestSocket;
	let key: string;
	let code: string;
	let page: Page;
	let ada: TestSocket;
	let adaId: string;
	let adaKey: string;

	beforeAll(async () => {
		const w = await openWorkshop(server.url, 'Defects');
		facilitator = w.facilitator;
		key = w.created.facilitatorKey;
		code = w.created.code;
		const joined = await joinAs(server.url, code, 'Ada', 'carer');
		ada = joined.socket;
		adaId = joined.welcome.participantId;
		adaKey = joined.welcome.participantKey;
		page = await openFacilitator(key);
	});

	it('1: the facilitator\'s page does not throw on queue updates before any go-round, and hears "Now speaking"', async () => {
		unwrap(await request(ada, 'queue:raise', { kind: 'new' }));
		await expect.poll(() => page.getByTestId('glance-next').textContent()).toContain('Ada');
		unwrap(await request(facilitator, 'queue:next', {}));
		await expect
			.poll(async () => (await announcements(page)).map((a) => a.text))
			.toContain('Now speaking: Ada');
		expect(errorsOf(page)).toEqual([]);
		unwrap(await request(facilitator, 'queue:end', {}));
	});

	it('2: "Their role" and "Who" have no silent default: nothing is sent until chosen', async () => {
		const before = unwrap(await request(facilitator, 'facilitator:open', { facilitatorKey: key }))
			.participants.length;
		await page.locator('#proxy-name').fill('Gwen');
		await page.locator('#proxy-name').press('Enter');
		await page.getByText('Choose their role first.').waitFor();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('proxy-role');
		expect(await page.locator('#proxy-role').getAttribute('aria-invalid')).toBe('true');
		const after = unwrap(await request(facilitator, 'facilitator:open', { facilitatorKey: key }));
		expect(after.participants.length).toBe(before);

		await page.locator('#proxy-role').selectOption('lived-experience');
		await page.getByRole('button', { name: 'Add someone without a device' }).click();
		await expect
			.poll(async () =>
				unwrap(
					await request(facilitator, 'facilitator:open', { facilitatorKey: key })
				).participants.map((p) => [p.name, p.role])
			)
			.toContainEqual(['Gwen', 'lived-experience']);

		// "Who" starts blank after a reload, and "Speaking now" asks for a choice instead of guessing.
		await page.reload();
		await whenHydrated(page);
		await page.getByTestId('console').waitFor();
		expect(await page.locator('#queue-person').inputValue()).toBe('');
		await page.getByRole('button', { name: 'Speaking now' }).click();
		await page.getByText('Choose who first, in “Who”.').waitFor();
		expect(await page.getByTestId('glance-speaker').textContent()).toContain('Nobody is speaking');
		await page.locator('#queue-person').selectOption(adaId);
		await page.getByRole('button', { name: 'Speaking now' }).click();
		await expect
			.poll(() => page.getByTestId('glance-speaker').textContent())
			.toContain('Speaking: Ada');
		await expectAccessibleEverywhere(page, 'console, a choice missing', { themes: THEMES });
		await page.context().close();
	});

	it('4: "Help and ground rules" opens in a new tab, and a person who is away shows as away in the queue', async () => {
		const phone = await openParticipant(code, {
			participantId: adaId,
			participantKey: adaKey
		});
		const help = phone.getByRole('link', { name: /^Help and ground rules/ });
		expect(await help.getAttribute('target')).toBe('_blank');
		expect(await help.textContent()).toContain('(opens in a new tab)');
		ada.close();
		await request(facilitator, 'queue:end', {}); // Ada may still have the floor from test 2.
		unwrap(await request(facilitator, 'queue:raiseFor', { personId: adaId, kind: 'reply' }));
		const fac = await openFacilitator(key);
		await expect.poll(() => fac.getByTestId('glance-next').textContent()).toContain('Ada');
		expect(await fac.getByTestId('glance-next').textContent()).not.toContain('(away)');
		await phone.context().close();
		await expect
			.poll(() => fac.getByTestId('people').textContent(), { timeout: 15_000 })
			.toMatch(/Ada\s*Carer\s*away/);
		await expect.poll(() => fac.getByTestId('glance-next').textContent()).toContain('(away)');
		expect(await fac.getByTestId('facilitator-waiting').textContent()).toContain('(away)');
		await fac.context().close();
	});

	it('5 and 9: at 360 px table words stay whole, and the results chart keeps its text size', async () => {
		const p = (await joinAs(server.url, code, 'Lived experience expert', 'lived-experience'))
			.socket;
		unwrap(await request(facilitator, 'queue:speakingNow', { personId: adaId }));
		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: 'Anything',
				mode: 'live',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		unwrap(await request(p, 'ideas:add', { text: 'Somewhere quiet to sit' }));
		for (const to of ['group', 'vote', 'results'] as const)
			unwrap(await request(facilitator, 'ideas:advance', { to }));
		const fac = await openFacilitator(key, { width: 360, height: 740 });
		await fac.getByTestId('balance-table').locator('tbody tr').first().waitFor();
		await fac.getByTestId('results-chart').waitFor();
		const broken = await fac.evaluate(() => {
			const out: string[] = [];
			const cells = document.querySelectorAll(
				'[data-testid="balance-table"] th, [data-testid="balance-table"] td, table.results th'
			);
			for (const cell of cells) {
				const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
				for (let n = walker.nextNode(); n; n = walker.nextNode()) {
					const text = n.textContent ?? '';
					for (const m of text.matchAll(/\S+/g)) {
						const range = document.createRange();
						range.setStart(n, m.index!);
						range.setEnd(n, m.index! + m[0].length);
						const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
						if (tops.size > 1) out.push(m[0]);
					}
				}
			}
			return out;
		});
		expect(broken).toEqual([]);
		await expectNoHorizontalScroll(fac, 'console with tables at 360 px');
		const labelHeight = () =>
			fac.evaluate(
				() =>
					document
						.querySelector('[data-testid="results-chart"] .chart-label')!
						.getBoundingClientRect().height
			);
		const narrow = await labelHeight();
		await fac.setViewportSize({ width: 1280, height: 800 });
		const wide = await labelHeight();
		expect(Math.abs(wide - narrow)).toBeLessThanOrEqual(1);
		await expectAccessibleEverywhere(fac, 'console, balance and results', { themes: THEMES });
		await fac.context().close();
		unwrap(await request(facilitator, 'queue:end', {}));
	});

	it('7: a second press on the phase button a moment later does not skip a phase', async () => {
		const w = await openWorkshop(server.url, 'Phases');
		const p = (await joinAs(server.url, w.created.code, 'Ada', 'carer')).socket;
		unwrap(
			await request(w.facilitator, 'ideas:setup', {
				prompt: 'Anything',
				mode: 'live',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		unwrap(await request(p, 'ideas:add', { text: 'A minibus' }));
		const fac = await openFacilitator(w.created.facilitatorKey);
		const button = fac.getByRole('button', { name: 'Start grouping' });
		await button.focus();
		await fac.keyboard.press('Enter');
		await expect
			.poll(() => fac.getByTestId('ideas-stage').textContent())
			.toContain('Putting ideas into themes');
		await fac.keyboard.press('Enter');
		await fac.waitForTimeout(500);
		expect(await fac.getByTestId('ideas-stage').textContent()).toContain(
			'Putting ideas into themes'
		);
		expect(await fac.evaluate(() => document.activeElement?.id)).toBe('ideas-stage');
		const said = (await settledAnnouncements(fac)).filter((a) => a.politeness === 'assertive');
		expect(said).toEqual([]);
		await fac.context().close();
	});

	it('13: the start page puts "Join" on a phone\'s first screen, and the 404 page says what to do', async () => {
		const start = await openPage(browser, server.url, { width: 360, height: 740 });
		await start.goto(server.url);
		await whenHydrated(start);
		expect(await inFirstViewport(start, '#field-code')).toBe('ok');
		const join = await start.getByRole('button', { name: 'Join', exact: true }).boundingBox();
		const create = await start.getByRole('button', { name: 'Start a workshop' }).boundingBox();
		expect(join!.y).toBeLessThan(create!.y);
		await start.goto(`${server.url}/no/such/page`);
		await whenHydrated(start);
		expect(await start.locator('h1').textContent()).toBe('Page not found');
		expect(await start.getByRole('link', { name: 'Go to the start page' }).count()).toBe(1);
		await expectAccessibleEverywhere(start, 'page not found', { themes: THEMES });
		await start.context().close();
	});
});
