/**
 * Lint for every feature's words (R24): each easy-read string, in English and Welsh, has sentences
 * of at most 15 words; every participant-facing string has an easy-read version; the languages
 * and versions agree on keys and placeholders; DESIGN.md "Words" stay the same in easy read; and
 * no two features give the same key different words. Feature catalogues are found by glob, so a
 * new feature is linted without being listed here. Keys with a `facilitator` or `export` part are
 * for facilitators only and need no easy-read version.
 */
import { describe, expect, it } from 'vitest';
import { catalogue as shared } from '../i18n.ts';
import { PLURAL_CATEGORIES } from '../shared/plural.ts';

type Strings = Record<string, string>;
type Counted = Record<string, Partial<Record<string, string>>>;
interface Catalogue {
	en: Strings;
	cy: Strings;
	easyEn?: Strings;
	easyCy?: Strings;
	enCounted?: Counted;
	cyCounted?: Counted;
	easyEnCounted?: Counted;
	easyCyCounted?: Counted;
	/** Keys a feature names as facilitators' only, where the key itself does not say so. */
	facilitatorOnly?: readonly string[];
}

const modules = import.meta.glob<Catalogue>('./*/messages.ts', { eager: true });
const features = Object.entries(modules).map(([path, m]) => [path.split('/')[1], m] as const);

const MAX_WORDS = 15;

/** Sentences end at . ! ? or … followed by a space or the end; a line break also ends one. */
function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?…])\s+|\n+/u)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

/** Words are runs without spaces that hold a letter or digit; a {placeholder} is one word. */
function words(sentence: string): string[] {
	return sentence.split(/\s+/u).filter((w) => /[\p{L}\p{N}]|\{\w+\}/u.test(w));
}

function longSentences(text: string): string[] {
	return sentences(text).filter((s) => words(s).length > MAX_WORDS);
}

function isFacilitatorOnly(key: string, m?: Catalogue): boolean {
	return (
		key.split('.').some((part) => part === 'facilitator' || part === 'export') ||
		(m?.facilitatorOnly?.includes(key) ?? false)
	);
}

function placeholders(s: string): string {
	return [...s.matchAll(/\{(\w+)\}/g)]
		.map((m) => m[1])
		.sort()
		.join(',');
}

function flatForms(counted: Counted | undefined): [string, string][] {
	return Object.entries(counted ?? {}).flatMap(([key, forms]) =>
		Object.entries(forms).map(
			([category, text]) => [`${key}#${category}`, text ?? ''] as [string, string]
		)
	);
}

/** The names DESIGN.md "Words" fixes: people, screen readers and tests find controls by them. */
const DESIGN_WORDS = [
	'Roundtable',
	'Start a workshop',
	'Workshop title',
	'Join code',
	'Join',
	'Your name',
	'Your role',
	'Copy join link',
	'QR code to join',
	'Balance',
	'Agenda',
	'Ideas',
	'Your idea',
	'Add idea',
	'Speaking queue',
	'Raise hand',
	'Lower hand',
	'Kind of point',
	'Your turn',
	'Next speaker',
	'Skip',
	'Add someone without a device',
	'Slow down',
	'Plain words please',
	'Need a break',
	"Can't hear",
	'What would help you take part?',
	'Raise hand in writing',
	'Easy read',
	'Glossary',
	'Ground rules',
	'Start a break',
	'Open room screen',
	'Show join code',
	'End turn',
	'Decisions',
	'Proposal',
	'New proposal',
	'Start consent round',
	'Consent',
	'Concern',
	'Object',
	'Reason',
	'Actions',
	'Add action',
	'Did you feel heard?',
	'Yes',
	'Partly',
	'No',
	'How much did we decide together?',
	'Ask for feedback',
	'Close workshop',
	'Download record',
	'Delete workshop now',
	'What we decided'
];

describe('the lint itself', () => {
	it('finds every feature catalogue', () => {
		const names = features.map(([name]) => name).sort();
		for (const expected of [
			'access',
			'actions',
			'balance',
			'closeout',
			'decisions',
			'inclusion',
			'record',
			'signals'
		]) {
			expect(names).toContain(expected);
		}
	});

	it('counts words and splits sentences as a reader would', () => {
		expect(sentences('One. Two words! Three? Four… Five')).toEqual([
			'One.',
			'Two words!',
			'Three?',
			'Four…',
			'Five'
		]);
		expect(sentences('Line one\nLine two')).toEqual(['Line one', 'Line two']);
		expect(words('You can tap "Slow down" at any time.')).toHaveLength(8);
		expect(words('Time left: {time} – 5 min')).toEqual(['Time', 'left:', '{time}', '5', 'min']);
		const sixteen = Array.from({ length: 16 }, (_, i) => `w${i}`).join(' ') + '.';
		expect(longSentences(sixteen)).toHaveLength(1);
		expect(longSentences(`${sixteen.replace(' w15', '')} Next one.`)).toEqual([]);
	});
});

for (const [name, m] of features) {
	describe(`${name} messages`, () => {
		it('English and Welsh have the same keys and placeholders, with no blank or untidy text', () => {
			expect(Object.keys(m.cy).sort()).toEqual(Object.keys(m.en).sort());
			for (const [key, text] of Object.entries(m.en)) {
				expect([key, placeholders(m.cy[key])]).toEqual([key, placeholders(text)]);
			}
			for (const [key, text] of [...Object.entries(m.en), ...Object.entries(m.cy)]) {
				expect([key, text === text.trim() && text.length > 0 && !/ {2}/.test(text)]).toEqual([
					key,
					true
				]);
			}
		});

		it('every participant-facing string has an easy-read version, in both languages', () => {
			const easyEn = m.easyEn ?? {};
			const easyCy = m.easyCy ?? {};
			// A list of facilitators' keys names only keys that exist.
			for (const k of m.facilitatorOnly ?? [])
				expect([k, Object.hasOwn(m.en, k)]).toEqual([k, true]);
			const missing = Object.keys(m.en).filter(
				(k) => !isFacilitatorOnly(k, m) && !Object.hasOwn(easyEn, k)
			);
			expect(missing).toEqual([]);
			expect(Object.keys(easyCy).sort()).toEqual(Object.keys(easyEn).sort());
			for (const k of Object.keys(easyEn)) {
				expect([k, Object.hasOwn(m.en, k)]).toEqual([k, true]);
				expect([k, placeholders(easyEn[k])]).toEqual([k, placeholders(m.en[k])]);
				expect([k, placeholders(easyCy[k])]).toEqual([k, placeholders(m.en[k])]);
			}
		});

		it('counted messages: Welsh has all six forms, and participant-facing ones have easy-read forms', () => {
			const en = m.enCounted ?? {};
			const cy = m.cyCounted ?? {};
			expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
			for (const [key, forms] of Object.entries(cy)) {
				expect([key, Object.keys(forms).sort()]).toEqual([key, [...PLURAL_CATEGORIES].sort()]);
				expect([key, Object.keys(en[key]).sort()]).toEqual([key, ['one', 'other']]);
			}
			const easyEn = m.easyEnCounted ?? {};
			const easyCy = m.easyCyCounted ?? {};
			const missing = Object.keys(en).filter(
				(k) => !isFacilitatorOnly(k, m) && !Object.hasOwn(easyEn, k)
			);
			expect(missing).toEqual([]);
			expect(Object.keys(easyCy).sort()).toEqual(Object.keys(easyEn).sort());
			for (const [key, forms] of Object.entries(easyCy)) {
				expect([key, Object.keys(forms).sort()]).toEqual([key, [...PLURAL_CATEGORIES].sort()]);
			}
		});

		for (const language of ['en', 'cy'] as const) {
			it(`${language}: every easy-read sentence has at most ${MAX_WORDS} words`, () => {
				const plain = Object.entries((language === 'en' ? m.easyEn : m.easyCy) ?? {});
				const counted = flatForms(language === 'en' ? m.easyEnCounted : m.easyCyCounted);
				const tooLong = [...plain, ...counted].flatMap(([key, text]) =>
					longSentences(text).map((s) => `${key}: ${s} (${words(s).length} words)`)
				);
				expect(tooLong).toEqual([]);
			});
		}

		it('DESIGN.md words stay exactly the same in easy read', () => {
			const easyEn = m.easyEn ?? {};
			for (const [key, text] of Object.entries(m.en)) {
				if (DESIGN_WORDS.includes(text) && Object.hasOwn(easyEn, key)) {
					expect([key, easyEn[key]]).toEqual([key, text]);
				}
			}
		});
	});
}

describe('across features', () => {
	it('no two catalogues, shared or feature, give one key different words (they will be merged)', () => {
		const seen = new Map<string, { from: string; text: string }>();
		const clashes: string[] = [];
		const sources: [string, Strings | undefined][] = [
			['shared.en', shared.en as Strings],
			['shared.cy', shared.cy as Strings]
		];
		for (const [name, m] of features) {
			sources.push(
				[`${name}.en`, m.en],
				[`${name}.cy`, m.cy],
				[`${name}.easyEn`, m.easyEn],
				[`${name}.easyCy`, m.easyCy]
			);
		}
		for (const [from, strings] of sources) {
			const variant = from.split('.')[1];
			for (const [key, text] of Object.entries(strings ?? {})) {
				const id = `${variant}:${key}`;
				const before = seen.get(id);
				if (before && before.text !== text) clashes.push(`${key} (${before.from} vs ${from})`);
				else if (!before) seen.set(id, { from, text });
			}
		}
		expect(clashes).toEqual([]);
	});
});
