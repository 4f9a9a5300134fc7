/**
 * JavaScript a phone loads for the participant page, in real Chromium: every script response up
 * to network idle on /j/<code> (the join page), then every further script once the person has
 * joined through the form, each gzipped at level 9 as a server would send it, summed.
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

export interface ScriptWeight {
	files: number;
	rawBytes: number;
	gzipBytes: number;
}

const SETTLE_MS = 1000;
const JOIN_TIMEOUT_MS = 20_000;

function weigh(bodies: Buffer[]): ScriptWeight {
	return {
		files: bodies.length,
		rawBytes: bodies.reduce((n, b) => n + b.length, 0),
		gzipBytes: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0)
	};
}

/** Waits until no script has arrived for SETTLE_MS (lazy chunks load after hydration). */
async function settle(page: Page, count: () => number) {
	const until = Date.now() + JOIN_TIMEOUT_MS;
	let seen = -1;
	while (Date.now() < until && seen !== count()) {
		seen = count();
		await page.waitForTimeout(SETTLE_MS);
	}
}

export async function participantPageWeight(
	url: string,
	code: string
): Promise<{ joinPage: ScriptWeight; joined: ScriptWeight }> {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		const scripts: Promise<Buffer>[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() === 'script') scripts.push(response.body());
		});
		await page.goto(`${url}/j/${code}`, { waitUntil: 'networkidle' });
		await settle(page, () => scripts.length);
		const atLoad = scripts.length;
		await page.locator('#field-name, input[name="name"]').first().fill('Bench phone');
		await page.locator('input[name="role"]').first().check();
		await page.locator('button[type="submit"]').first().click();
		await page.getByTestId('here-count').waitFor({ timeout: JOIN_TIMEOUT_MS });
		await settle(page, () => scripts.length);
		const bodies = await Promise.all(scripts);
		return { joinPage: weigh(bodies.slice(0, atLoad)), joined: weigh(bodies) };
	} finally {
		await browser.close();
	}
}
