/**
 * Real Chromium (Debian's) through playwright-core, with axe-core for WCAG checks and a recorder for
 * the two live regions.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Language } from '../../src/lib/shared/workshop.ts';
import type { Theme } from '../../src/lib/shared/preferences.ts';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export interface PageOptions {
	width?: number;
	height?: number;
	theme?: Theme;
	language?: Language;
	reducedMotion?: 'reduce' | 'no-preference';
	forcedColors?: 'active' | 'none';
	easyRead?: boolean;
	pauseUpdates?: boolean;
}

/** A page in its own context (axe needs a context page), with preferences set by cookie. */
export async function openPage(
	browser: Browser,
	baseUrl: string,
	opts: PageOptions = {}
): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
		reducedMotion: opts.reducedMotion ?? 'no-preference',
		forcedColors: opts.forcedColors ?? 'none'
	});
	await context.addCookies([{ name: 'rt_prefs', value: preferencesCookie(opts), url: baseUrl }]);
	const page = await context.newPage();
	const errors: string[] = [];
	pageErrors.set(page, errors);
	page.on('pageerror', (e) => errors.push(e.message));
	await page.addInitScript(recordLiveRegions);
	return page;
}

export function preferencesCookie(opts: PageOptions): string {
	const params = new URLSearchParams({ theme: opts.theme ?? 'light', text: '100', say: 'all' });
	if (opts.language) params.set('lang', opts.language);
	if (opts.easyRead) params.set('easy', '1');
	if (opts.pauseUpdates) params.set('pause', '1');
	return params.toString();
}

/** Uncaught script errors per page; every accessibility check also asserts there were none. */
const pageErrors = new WeakMap<Page, string[]>();

export function errorsOf(page: Page): string[] {
	return pageErrors.get(page) ?? [];
}

/**
 * Zero axe violations for WCAG 2.2 A/AA, and proof that the target-size rule really ran. A page
 * with nothing to press (the room screen) says so with `controls: false`, and that is checked too.
 */
export async function expectAccessible(
	page: Page,
	label: string,
	opts: { controls?: boolean; within?: readonly string[]; rules?: readonly string[] } = {}
) {
	const { controls = true, within = [], rules } = opts;
	expect(errorsOf(page), `script errors on ${label}`).toEqual([]);
	// `within` narrows the check to the parts of the page that changed (CSS selectors); `rules` to
	// those rules alone (the caller has run the whole set on the same state already).
	let axe = new AxeBuilder({ page });
	axe = rules ? axe.withRules([...rules]) : axe.withTags(WCAG_TAGS);
	for (const region of within) axe = axe.include(region);
	const results = await axe.analyze();
	const violations = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(violations, `axe violations on ${label}`).toEqual([]);
	if (rules) return;
	if (!controls) {
		const pressable = 'button, a[href], input, select, textarea, [tabindex="0"]';
		expect(await page.locator(pressable).count(), `nothing to press on ${label}`).toBe(0);
		return;
	}
	const ran = [...results.passes, ...results.incomplete].some((r) => r.id === 'target-size');
	expect(ran, `target-size rule ran on ${label}`).toBe(true);
}

/** No horizontal scrolling: the page fits its viewport (WCAG 1.4.10). */
export async function expectNoHorizontalScroll(page: Page, label: string) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `horizontal overflow on ${label}`).toBeLessThanOrEqual(0);
}

declare global {
	interface Window {
		__announcements: { politeness: string; text: string; at: number }[];
	}
}

/** Runs in the page before any script: records every text the live regions are given. */
function recordLiveRegions() {
	window.__announcements = [];
	const watch = () => {
		for (const region of document.querySelectorAll<HTMLElement>('[data-live]')) {
			new MutationObserver(() => {
				const text = region.textContent?.trim() ?? '';
				if (text) {
					window.__announcements.push({
						politeness: region.getAttribute('aria-live') ?? '',
						text,
						at: performance.now()
					});
				}
			}).observe(region, { childList: true, subtree: true, characterData: true });
		}
	};
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
	else watch();
}

export function announcements(page: Page) {
	return page.evaluate(() => window.__announcements);
}

/**
 * Everything said so far, once the announcer has nothing left waiting: instead of sleeping for
 * "long enough", wait until the one announcer says it is idle.
 */
export async function settledAnnouncements(page: Page) {
	await page.locator('[data-live="polite"][data-idle="true"]').waitFor({ state: 'attached' });
	return announcements(page);
}

/**
 * Presses Tab until the focused element has the given accessible name (or label text), so a test
 * reaches controls the way a keyboard user does. Fails if it is not reached within `max` presses.
 */
export async function tabTo(page: Page, name: string | RegExp, max = 150) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const current = await focusedName(page);
		if (typeof name === 'string' ? current === name : name.test(current)) {
			await expectFocusVisible(page);
			return;
		}
	}
	throw new Error(`could not reach "${name}" with Tab`);
}

/** The focused element's accessible name, approximated from aria-label, label, legend or text. */
export function focusedName(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return '';
		const labelled = el.getAttribute('aria-label');
		if (labelled) return labelled.trim();
		if ('labels' in el && (el as HTMLInputElement).labels?.length) {
			return ((el as HTMLInputElement).labels![0].textContent ?? '').trim();
		}
		return (el.textContent ?? '').trim();
	});
}

/** The focused element is on screen and not covered by anything (WCAG 2.4.11). */
export async function expectFocusVisible(page: Page) {
	const state = await page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return 'nothing focused';
		el.scrollIntoView({ block: 'nearest' });
		const r = el.getBoundingClientRect();
		const x = r.left + r.width / 2;
		const y = r.top + r.height / 2;
		const hit = document.elementFromPoint(x, y);
		if (!hit) return 'off screen';
		return el === hit || el.contains(hit) || (el as HTMLInputElement).labels?.[0]?.contains(hit)
			? 'ok'
			: `covered by ${hit.tagName}`;
	});
	expect(state).toBe('ok');
}

export const THEMES: readonly Theme[] = ['light', 'dark', 'contrast'];
/** The widths every new state is checked at: a small phone, a tablet, a laptop. */
export const WIDTHS: readonly number[] = [320, 768, 1280];

/** Waits until Svelte has hydrated the page (the layout marks it), so keys reach their handlers. */
export async function whenHydrated(page: Page) {
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

/** What a theme changes: colours only, so only the rules that read colours can come out otherwise. */
export const COLOUR_RULES: readonly string[] = ['color-contrast', 'link-in-text-block'];

/**
 * Zero axe violations and no sideways scrolling at each width (320, 768 and 1280 px unless told),
 * in each theme asked for (light unless told). The first theme gets every WCAG 2.2 A/AA rule at
 * each width; the others change only colours (see `[data-theme]` in app.css), so they get the
 * colour rules at each width, which is most of axe's time saved and nothing it could find lost.
 * The page's own size and theme are put back after, so a test goes on where it was.
 */
export async function expectAccessibleEverywhere(
	page: Page,
	label: string,
	opts: { themes?: readonly Theme[]; widths?: readonly number[]; controls?: boolean } = {}
) {
	const { themes = ['light'], widths = WIDTHS, controls = true } = opts;
	const size = page.viewportSize()!;
	const theme = await page.evaluate(() => document.documentElement.dataset.theme);
	for (const t of themes) {
		await page.evaluate((t) => (document.documentElement.dataset.theme = t), t);
		for (const width of widths) {
			await page.setViewportSize({ width, height: size.height });
			const where = themes.length > 1 ? `${label}, ${t}, ${width} px` : `${label} at ${width} px`;
			const rules = t === themes[0] ? undefined : COLOUR_RULES;
			await expectAccessible(page, where, { controls, rules });
			await expectNoHorizontalScroll(page, where);
		}
	}
	await page.evaluate((t) => (document.documentElement.dataset.theme = t ?? 'light'), theme);
	await page.setViewportSize(size);
}

/** Who a device remembers having joined as (kept in its localStorage, as the real page does). */
export interface DeviceIdentity {
	participantId: string;
	participantKey: string;
}

/** The join link on a device that already joined: the person's own page, hydrated. */
export async function openParticipantPage(
	browser: Browser,
	baseUrl: string,
	code: string,
	identity: DeviceIdentity,
	opts: PageOptions = {}
): Promise<Page> {
	const page = await openPage(browser, baseUrl, opts);
	await page.addInitScript(
		([key, value]) => localStorage.setItem(key, value),
		[`roundtable.identity.${code}`, JSON.stringify(identity)]
	);
	await page.goto(`${baseUrl}/j/${code}`);
	await whenHydrated(page);
	return page;
}

/** The facilitator's link (the key in the fragment, as the real link carries it), hydrated. */
export async function openFacilitatorPage(
	browser: Browser,
	baseUrl: string,
	facilitatorKey: string,
	opts: PageOptions = {}
): Promise<Page> {
	const page = await openPage(browser, baseUrl, opts);
	await page.goto(`${baseUrl}/facilitate#${facilitatorKey}`);
	await whenHydrated(page);
	return page;
}
