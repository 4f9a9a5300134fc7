import { describe, it, expect } from 'vitest';
import { catalogue, translate } from '../../src/lib/i18n.ts';
import { en, summarySentence } from '../../src/lib/features/balance/messages.ts';

const say = (language: 'en' | 'cy') => (notYetHeard: number, overTwice: number) =>
	summarySentence((key, params) => translate(language, key, params), notYetHeard, overTwice);

describe('the one-sentence balance summary', () => {
	it('counts people in English, one and many', () => {
		const s = say('en');
		expect(s(2, 1)).toBe(
			'2 people have not spoken yet; 1 person is speaking more than twice an equal share.'
		);
		expect(s(1, 2)).toBe(
			'1 person has not spoken yet; 2 people are speaking more than twice an equal share.'
		);
		expect(s(0, 0)).toBe(
			'Everyone here has spoken; nobody is speaking more than twice an equal share.'
		);
	});

	it('has Welsh of its own', () => {
		const s = say('cy');
		expect(s(2, 1)).toBe(
			'Mae 2 o bobl heb siarad eto; mae 1 person yn siarad mwy na dwywaith cyfran gyfartal.'
		);
		expect(s(0, 0)).toBe(
			'Mae pawb sydd yma wedi siarad; does neb yn siarad mwy na dwywaith cyfran gyfartal.'
		);
	});

	it('uses neutral words: never "dominating" or blame, in either language', () => {
		for (const language of ['en', 'cy'] as const) {
			for (const key of Object.keys(en) as (keyof typeof en)[]) {
				expect(catalogue[language][key]).not.toMatch(/domina|too much|hog|tra-arglwydd/i);
			}
		}
	});
});
