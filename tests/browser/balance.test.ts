/**
 * The Balance view in real Chromium, by keyboard alone. Turns are scripted over sockets against the
 * server's injected clock, so the facilitator reads exact figures: the table and the chart agree,
 * and the summary sentence is right. Zero axe violations at 320 and 1280 px in every theme.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	closeClients,
	joinAs,
	openWorkshop,
	record,
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
	openPage,
	tabTo
} from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const MIN = 60_000;
const T0 = 1_800_000_000_000;
let t = T0;
let server: TestServer;
let browser: Browser;
let facilitatorKey: string;
const people: Record<string, TestSocket> = {};
let code: string;
let bobIdentity: { participantId: string; participantKey: string };

beforeAll(async () => {
	[server, browser] = await Promise.all([startTestServer({ now: () => t }), launchBrowser()]);
	const w = await openWorkshop(server.url, 'Planning the carers hub');
	facilitatorKey = w.created.facilitatorKey;
	const roles = {
		Ann: 'lived-experience',
		Bob: 'professional',
		Cai: 'carer',
		Dee: 'lived-experience'
	};
	code = w.created.code;
	for (const [name, role] of Object.entries(roles)) {
		const joined = await joinAs(server.url, code, name, role);
		people[name] = joined.socket;
		if (name === 'Bob') {
			const { participantId, participantKey } = joined.welcome;
			bobIdentity = { participantId, participantKey };
		}
	}
	const turn = async (name: string, from: number, to: number) => {
		t = T0 + from * MIN;
		unwrap(await request(people[name], 'queue:raise', { kind: 'new' }));
		unwrap(await request(w.facilitator, 'queue:next', {}));
		t = T0 + to * MIN;
		unwrap(await request(w.facilitator, 'queue:end', {}));
	};
	await turn('Ann', 0, 1);
	await turn('Cai', 1, 2);
	await turn('Bob', 2, 8);
	// First come, first served: Ann and then Dee (not yet heard) put their hands up.
	unwrap(await request(w.facilitator, 'queue:policy', { policy: 'first-come' }));
	unwrap(await request(people.Ann, 'queue:raise', { kind: 'new' }));
	unwrap(await request(people.Dee, 'queue:raise', { kind: 'new' }));
	w.facilitator.close();
});

afterAll(async () => {
	closeClients();
	await browser?.close();
	await server?.stop();
});

async function openBalance(theme: 'light' | 'dark' | 'contrast', width = 1280): Promise<Page> {
	const page = await openPage(browser, server.url, { theme, width });
	await page.goto(`${server.url}/facilitate#${facilitatorKey}`);
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	await page.getByTestId('balance-summary').waitFor();
	return page;
}

describe('Balance view by keyboard', () => {
	let page: Page;

	it('shows the exact figures; the table and the chart agree; the summary sentence is right', async () => {
		page = await openBalance('light');
		const balance = page.getByTestId('balance');
		expect(await balance.getByRole('heading', { name: 'Balance', level: 2 }).count()).toBe(1);
		expect(await page.getByTestId('balance-summary').textContent()).toBe(
			'1 person has not spoken yet; 1 person is speaking twice an equal share or more.'
		);

		const rows = await page
			.getByTestId('balance-table')
			.locator('tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim()))
			);
		// Not yet heard first, then the red flag, then everyone else.
		expect(rows).toEqual([
			['Dee', 'Lived experience', '0', '0:00', '0.0', 'Not yet heard'],
			[
				'Bob',
				'Professional',
				'1',
				'6:00',
				'3.0',
				'Three times an equal share or morea turn more than twice the agreed length'
			],
			['Ann', 'Lived experience', '1', '1:00', '0.5', 'Fine'],
			['Cai', 'Carer', '1', '1:00', '0.5', 'Fine']
		]);

		const bars = await page
			.getByTestId('balance-chart')
			.locator('g text')
			.evaluateAll((ts) => ts.map((x) => x.textContent!.trim()));
		expect(bars).toEqual([
			'Dee: 0:00, share 0.0 (Not yet heard)',
			'Bob: 6:00, share 3.0 (Three times an equal share or more)',
			'Ann: 1:00, share 0.5',
			'Cai: 1:00, share 0.5'
		]);
		// Each bar's name, time and share are the table's, in the same order.
		for (const [i, row] of rows.entries()) {
			expect(bars[i]).toMatch(new RegExp(`^${row[0]}: ${row[3]}, share ${row[4]}`));
		}
		// Bar lengths follow the times: Bob's is the longest, Ann's and Cai's equal, Dee's empty.
		const widths = await page
			.getByTestId('balance-chart')
			.locator('g rect')
			.evaluateAll((rs) => rs.map((r) => parseFloat(r.getAttribute('width')!)));
		expect(widths[0]).toBe(0);
		expect(widths[1]).toBeCloseTo(90, 5);
		expect(widths[2]).toBeCloseTo(15, 5);
		expect(widths[3]).toBeCloseTo(15, 5);

		expect(
			await page
				.getByTestId('balance-roles')
				.locator('li')
				.evaluateAll((lis) => lis.map((li) => li.textContent!.trim()))
		).toEqual([
			'Lived experience: 50 % of people, 13 % of speaking time, 33 % of turns',
			'Professional: 25 % of people, 75 % of speaking time, 33 % of turns',
			'Carer: 25 % of people, 13 % of speaking time, 33 % of turns'
		]);
		expect(await page.getByTestId('balance-prompt').textContent()).toContain(
			'Some people have not spoken yet.'
		);
		await expectAccessibleEverywhere(page, 'balance, light');
	});

	it('invites a quiet person by keyboard: their hand moves to the front', async () => {
		await page.setViewportSize({ width: 1280, height: 800 });
		const waiting = page.getByTestId('facilitator-waiting');
		await expect
			.poll(() => waiting.locator('li').evaluateAll((lis) => lis.map((l) => l.textContent)))
			.toEqual([expect.stringContaining('Ann'), expect.stringContaining('Dee')]);
		await tabTo(page, 'Invite Dee', 150);
		await page.keyboard.press('Enter');
		await expect.poll(() => waiting.locator('li').first().textContent()).toContain('Dee');
		expect(await focusedName(page)).toBe('Invite Dee');
		await expectFocusVisible(page);
		await expect
			.poll(async () => (await announcements(page)).map((a) => a.text))
			.toContain('Dee is now first in their kind of point.');
	});

	it('turns on the private self-view by keyboard: each person gets only their own share', async () => {
		const dee = record(people.Dee, 'balance:self');
		const bob = record(people.Bob, 'balance:self');
		// Bob also has the workshop open in a browser; until the self-view is on it shows no figures.
		const bobPage = await openPage(browser, server.url, { width: 320 });
		await bobPage.addInitScript(
			([key, value]) => localStorage.setItem(key, value),
			[`roundtable.identity.${code}`, JSON.stringify(bobIdentity)]
		);
		await bobPage.goto(`${server.url}/j/${code}`);
		await bobPage.getByTestId('speaking-queue').waitFor();
		expect(await bobPage.getByTestId('self-balance').count()).toBe(0);

		await tabTo(page, 'Let each person see their own share', 20);
		await page.keyboard.press('Space');
		await expect.poll(() => dee.length).toBeGreaterThan(0);
		await expect.poll(() => bob.length).toBeGreaterThan(0);
		expect(dee.at(-1)).toEqual({ turns: 0, timeMs: 0, timeShare: 0, equalShare: 0.25 });
		expect(bob.at(-1)).toEqual({ turns: 1, timeMs: 6 * MIN, timeShare: 0.75, equalShare: 0.25 });
		await expect
			.poll(() => page.getByRole('checkbox', { name: /see their own/ }).isChecked())
			.toBe(true);
		const own = bobPage.getByTestId('self-balance');
		await own.waitFor();
		expect(await own.getByRole('heading', { name: 'Your share' }).count()).toBe(1);
		expect(await own.textContent()).toContain(
			'Turns: 1. Speaking time: 6:00, 75 % of all speaking time.'
		);
		expect(await own.textContent()).toContain('An equal share here is 25 %.');
		// Nobody else's name or figures reach Bob's page.
		for (const name of ['Ann', 'Cai', 'Dee']) expect(await own.textContent()).not.toContain(name);
		await expectAccessibleEverywhere(bobPage, 'participant, own share');
		await bobPage.context().close();
		await expectAccessibleEverywhere(page, 'balance, self-view on');
		await page.context().close();
	});

	it('has no axe violations in the dark and high-contrast themes', async () => {
		for (const theme of ['dark', 'contrast'] as const) {
			const themed = await openBalance(theme, 320);
			await expectAccessibleEverywhere(themed, `balance, ${theme}`);
			await themed.context().close();
		}
	});
});
