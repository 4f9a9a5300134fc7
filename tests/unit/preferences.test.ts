import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	DEFAULT_PREFERENCES,
	PREFERENCES_COOKIE,
	TEXT_SIZES,
	THEMES,
	parsePreferences,
	serialisePreferences,
	type Preferences
} from '../../src/lib/shared/preferences.ts';
import { VERBOSITIES } from '../../src/lib/shared/announce.ts';
import { LANGUAGES } from '../../src/lib/shared/workshop.ts';

const prefsArb: fc.Arbitrary<Preferences> = fc.record({
	language: fc.constantFrom(null, ...LANGUAGES),
	theme: fc.constantFrom(...THEMES),
	textSize: fc.constantFrom(...TEXT_SIZES),
	verbosity: fc.constantFrom(...VERBOSITIES),
	easyRead: fc.boolean(),
	pauseUpdates: fc.boolean()
});

describe('preferences', () => {
	it('defaults: no language chosen, system theme, normal text, all updates', () => {
		expect(DEFAULT_PREFERENCES).toEqual({
			language: null,
			theme: 'system',
			textSize: '100',
			verbosity: 'all',
			easyRead: false,
			pauseUpdates: false
		});
	});

	it('has a cookie name that is a valid cookie token', () => {
		expect(PREFERENCES_COOKIE).toMatch(/^[A-Za-z0-9_-]+$/);
	});

	it('offers the four themes and four text sizes the settings panel shows', () => {
		expect([...THEMES]).toEqual(['system', 'light', 'dark', 'contrast']);
		expect([...TEXT_SIZES]).toEqual(['100', '125', '150', '200']);
	});

	it.each([[undefined], [null], ['']])('parses %j to the defaults', (raw) => {
		expect(parsePreferences(raw)).toEqual(DEFAULT_PREFERENCES);
	});

	it('round-trips every combination', () => {
		let runs = 0;
		for (const language of [null, ...LANGUAGES]) {
			for (const theme of THEMES) {
				for (const textSize of TEXT_SIZES) {
					for (const verbosity of VERBOSITIES) {
						for (const easyRead of [false, true]) {
							const p: Preferences = {
								language,
								theme,
								textSize,
								verbosity,
								easyRead,
								pauseUpdates: !easyRead
							};
							expect(parsePreferences(serialisePreferences(p))).toEqual(p);
							runs++;
						}
					}
				}
			}
		}
		expect(runs).toBe(3 * 4 * 4 * 4 * 2);
	});

	it('property: round-trips, and the serialised form is cookie-safe', () => {
		fc.assert(
			fc.property(prefsArb, (p) => {
				const raw = serialisePreferences(p);
				expect(raw).toMatch(/^[A-Za-z0-9=&]+$/);
				expect(parsePreferences(raw)).toEqual(p);
				expect(serialisePreferences(parsePreferences(raw))).toBe(raw);
			})
		);
	});

	it('leaves the language out when none was chosen', () => {
		const raw = serialisePreferences(DEFAULT_PREFERENCES);
		expect(raw).not.toContain('lang');
		expect(parsePreferences(raw).language).toBeNull();
	});

	it('reads a hand-written cookie', () => {
		expect(parsePreferences('lang=cy&theme=contrast&text=200&say=turn&easy=1')).toEqual({
			language: 'cy',
			theme: 'contrast',
			textSize: '200',
			verbosity: 'turn',
			easyRead: true,
			pauseUpdates: false
		});
	});

	it('keeps known values and defaults the unknown ones', () => {
		expect(parsePreferences('lang=fr&theme=dark&text=300&say=loud')).toEqual({
			...DEFAULT_PREFERENCES,
			theme: 'dark'
		});
	});

	it.each([
		['script in a value', 'theme=<script>alert(1)</script>&lang="><img src=x>'],
		['wrong case', 'lang=CY&theme=Dark&text=125%&say=ALL'],
		['prototype names', 'theme=constructor&lang=__proto__&say=toString&text=valueOf'],
		['garbage', '%%%&&&===;;;'],
		['unrelated cookie', 'session=abc'],
		['very long', 'theme=' + 'a'.repeat(100_000)],
		['numbers not strings', 'text=100.0&say=1'],
		['padded values', 'theme= dark&lang=cy ']
	])('falls back to defaults for %s', (_label, raw) => {
		expect(parsePreferences(raw)).toEqual(DEFAULT_PREFERENCES);
	});

	it('property: any cookie value parses to a valid Preferences object', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (raw) => {
				const p = parsePreferences(raw);
				expect(Object.keys(p).sort()).toEqual([
					'easyRead',
					'language',
					'pauseUpdates',
					'textSize',
					'theme',
					'verbosity'
				]);
				expect([null, ...LANGUAGES]).toContain(p.language);
				expect(THEMES).toContain(p.theme);
				expect(TEXT_SIZES).toContain(p.textSize);
				expect(VERBOSITIES).toContain(p.verbosity);
			})
		);
	});

	it('property: random key=value pairs never escape the allowed values', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.constantFrom('lang', 'theme', 'text', 'say', 'x'),
						fc.string({ maxLength: 12 })
					),
					{ maxLength: 6 }
				),
				(pairs) => {
					const raw = new URLSearchParams(pairs).toString();
					const p = parsePreferences(raw);
					expect([null, ...LANGUAGES]).toContain(p.language);
					expect(THEMES).toContain(p.theme);
					expect(TEXT_SIZES).toContain(p.textSize);
					expect(VERBOSITIES).toContain(p.verbosity);
				}
			)
		);
	});
});
