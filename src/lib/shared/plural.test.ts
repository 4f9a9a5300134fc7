import { describe, expect, it } from 'vitest';
import {
	PLURAL_CATEGORIES,
	fill,
	formatCount,
	pickPlural,
	pluralCategory,
	type EnglishForms,
	type WelshForms
} from './plural.ts';

const people: { en: EnglishForms; cy: WelshForms } = {
	en: { one: '{count} person', other: '{count} people' },
	cy: {
		zero: '{count} o bobl',
		one: '{count} person',
		two: '{count} berson',
		few: '{count} pherson',
		many: '{count} pherson',
		other: '{count} o bobl'
	}
};

describe('pluralCategory', () => {
	it('Welsh has its own categories for 0, 1, 2, 3, 6 and 11', () => {
		const got = [0, 1, 2, 3, 6, 11].map((n) => pluralCategory('cy', n));
		expect(got).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
	});

	it('English has only one and other for the same counts', () => {
		const got = [0, 1, 2, 3, 6, 11].map((n) => pluralCategory('en', n));
		expect(got).toEqual(['other', 'one', 'other', 'other', 'other', 'other']);
	});

	it('Welsh uses every one of the six categories somewhere in 0..20', () => {
		const seen = new Set(Array.from({ length: 21 }, (_, n) => pluralCategory('cy', n)));
		expect([...seen].sort()).toEqual([...PLURAL_CATEGORIES].sort());
	});

	it('Welsh numbers other than 0, 1, 2, 3 and 6 are "other" (4, 5, 7, 10, 100)', () => {
		expect([4, 5, 7, 10, 100].map((n) => pluralCategory('cy', n))).toEqual([
			'other',
			'other',
			'other',
			'other',
			'other'
		]);
	});

	it('NaN, Infinity and non-numbers fall back to other instead of throwing', () => {
		expect(pluralCategory('cy', NaN)).toBe('other');
		expect(pluralCategory('en', Infinity)).toBe('other');
		expect(pluralCategory('cy', '1' as unknown as number)).toBe('other');
	});

	it('an unknown language falls back to English rules', () => {
		expect(pluralCategory('xx' as 'en', 1)).toBe('one');
		expect(pluralCategory('__proto__' as 'en', 2)).toBe('other');
	});
});

describe('formatCount', () => {
	it('Welsh: the right noun form for 0, 1, 2, 3, 6 and 11', () => {
		expect([0, 1, 2, 3, 6, 11].map((n) => formatCount('cy', n, people.cy))).toEqual([
			'0 o bobl',
			'1 person',
			'2 berson',
			'3 pherson',
			'6 pherson',
			'11 o bobl'
		]);
	});

	it('English: person or people for 0, 1, 2, 3, 6 and 11', () => {
		expect([0, 1, 2, 3, 6, 11].map((n) => formatCount('en', n, people.en))).toEqual([
			'0 people',
			'1 person',
			'2 people',
			'3 people',
			'6 people',
			'11 people'
		]);
	});

	it('falls back to other when a set of forms lacks the category', () => {
		expect(pickPlural('cy', 2, { other: '{count} o bethau' })).toBe('{count} o bethau');
		expect(formatCount('cy', 2, { one: 'un peth', other: '{count} o bethau' })).toBe('2 o bethau');
	});

	it('fills extra placeholders and leaves unknown ones visible', () => {
		expect(
			formatCount('en', 2, { one: '{count} {what}', other: '{count} {what}s' }, { what: 'vote' })
		).toBe('2 votes');
		expect(fill('{a} and {b}', { a: 'x' })).toBe('x and {b}');
	});

	it('a placeholder called __proto__ or constructor is not read from Object.prototype', () => {
		expect(fill('{constructor} {__proto__}', {})).toBe('{constructor} {__proto__}');
	});
});
