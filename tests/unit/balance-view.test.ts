import { describe, it, expect } from 'vitest';
import { catalogue, translate } from '../../src/lib/i18n.ts';
import { en, summarySentence } from '../../src/lib/features/balance/messages.ts';

const say =
	(language: 'en' | 'cy') =>
	(notYetHeard: number, overTwice: number, flagging = true) =>
		summarySentence(
			(key, params) => translate(language, key, params),
			notYetHeard,
			overTwice,
			flagging
		);

describe('the one-sentence balance summary', () => {
	it('counts people in English, one and many', () => {
		const s = say('en');
		expect(s(2, 1)).toBe(
			'2 people have not spoken yet; 1 person is speaking twice an equal share or more.'
		);
		expect(s(1, 2)).toBe(
			'1 person has not spoken yet; 2 people are speaking twice an equal share or more.'
		);
		expect(s(0, 0)).toBe(
			'Everyone here has spoken; nobody is speaking twice an equal share or more.'
		);
	});

	it('has Welsh of its own', () => {
		const s = say('cy');
		expect(s(2, 1)).toBe(
			'Mae 2 o bobl heb siarad eto; mae 1 person yn siarad dwywaith cyfran gyfartal neu fwy.'
		);
		expect(s(0, 0)).toBe(
			'Mae pawb sydd yma wedi siarad; does neb yn siarad dwywaith cyfran gyfartal neu fwy.'
		);
	});

	// Issue 14, defect 6: before the 5-minute gate the sentence said "nobody is speaking more than
	// twice an equal share" beside a share of 2.2; and one threshold had two wordings.
	it('claims nothing about shares before flags can start', () => {
		expect(say('en')(1, 0, false)).toBe('1 person has not spoken yet; shares are not flagged yet.');
		expect(say('cy')(0, 0, false)).toBe(
			'Mae pawb sydd yma wedi siarad; does dim cyfran yn cael baner eto.'
		);
	});

	it('uses one wording for each threshold, and says plainly what the gate is', () => {
		const twice = 'twice an equal share';
		for (const key of [
			'balance.status.amber',
			'balance.reason.share-amber',
			'balance.summary.overTwice.one',
			'balance.summary.noneOver'
		] as const) {
			expect(en[key].toLowerCase(), key).toContain(twice);
			expect(en[key], key).toMatch(/or more/);
			expect(en[key], key).not.toMatch(/more than/);
		}
		for (const key of [
			'balance.status.red',
			'balance.reason.share-red',
			'balance.prompt.go-round'
		] as const) {
			expect(en[key].toLowerCase(), key).toContain('three times an equal share');
			expect(en[key], key).not.toMatch(/more than/);
		}
		expect(en['balance.gate.too-little-talk']).toBe(
			'Nobody is flagged until there have been 5 minutes of talk in the last 15 minutes.'
		);
		// No "r" beside whole-session time: each column says what period it covers.
		expect(en['balance.col.ratio']).not.toMatch(/\br\b/);
		expect(en['balance.col.time']).toMatch(/whole workshop/);
		expect(en['balance.col.ratio']).toMatch(/last 15 minutes/);
	});

	it('uses neutral words: never "dominating" or blame, in either language', () => {
		for (const language of ['en', 'cy'] as const) {
			for (const key of Object.keys(en) as (keyof typeof en)[]) {
				expect(catalogue[language][key]).not.toMatch(/domina|too much|hog|tra-arglwydd/i);
			}
		}
	});
});
