import { describe, it, expect } from 'vitest';
import {
	catalogue,
	roleLabel,
	translate,
	translateCount,
	type MessageKey
} from '../../src/lib/i18n.ts';
import { DEFAULT_ROLES, LANGUAGES } from '../../src/lib/shared/workshop.ts';
import { ERROR_CODES } from '../../src/lib/features/index.ts';

const en: Record<string, string> = catalogue.en;
const cy: Record<string, string> = catalogue.cy;

function placeholders(s: string): string[] {
	return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe('catalogues', () => {
	it('has a catalogue for every workshop language', () => {
		expect(Object.keys(catalogue).sort()).toEqual([...LANGUAGES].sort());
	});

	it('English and Welsh have exactly the same keys', () => {
		expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
	});

	it('has a reasonable number of messages', () => {
		expect(Object.keys(en).length).toBeGreaterThan(50);
	});

	for (const language of LANGUAGES) {
		it(`${language}: no message is empty or only spaces`, () => {
			const empty = Object.entries(catalogue[language])
				.filter(([, s]) => typeof s !== 'string' || s.trim() === '')
				.map(([k]) => k);
			expect(empty).toEqual([]);
		});

		it(`${language}: no message has stray spaces at either end or doubled spaces`, () => {
			const bad = Object.entries(catalogue[language])
				.filter(([, s]) => s !== s.trim() || /\s{2}/.test(s))
				.map(([k]) => k);
			expect(bad).toEqual([]);
		});

		it(`${language}: every brace is part of a {placeholder}`, () => {
			const bad = Object.entries(catalogue[language])
				.filter(([, s]) => /[{}]/.test(s.replace(/\{\w+\}/g, '')))
				.map(([k]) => k);
			expect(bad).toEqual([]);
		});
	}

	it('each Welsh message has the same placeholders as the English one', () => {
		const mismatched = Object.keys(en).filter(
			(k) => placeholders(en[k]).join(',') !== placeholders(cy[k] ?? '').join(',')
		);
		expect(mismatched).toEqual([]);
	});

	it('Welsh is actually translated: only the product name stays the same', () => {
		// A template of placeholders and punctuation alone ("{name}: {reason}") has no words to translate.
		const hasWords = (s: string) => /\p{L}/u.test(s.replace(/\{\w+\}/g, ''));
		const same = Object.keys(en).filter(
			(k) => en[k] === cy[k] && en[k] !== 'Roundtable' && hasWords(en[k])
		);
		expect(same).toEqual([]);
		expect(cy['app.name']).toBe('Roundtable');
	});

	it('has a translated message for every error code', () => {
		for (const code of ERROR_CODES) {
			expect(en).toHaveProperty(`error.${code}`);
			expect(cy).toHaveProperty(`error.${code}`);
		}
	});

	it('has .one and .many forms together', () => {
		for (const key of Object.keys(en)) {
			if (key.endsWith('.one')) expect(en).toHaveProperty(key.replace(/\.one$/, '.many'));
			if (key.endsWith('.many')) expect(en).toHaveProperty(key.replace(/\.many$/, '.one'));
		}
	});

	it('.many forms take a {count}', () => {
		for (const key of Object.keys(en).filter((k) => k.endsWith('.many'))) {
			expect(placeholders(en[key])).toContain('count');
		}
	});
});

describe('the "Words" of DESIGN.md', () => {
	const values = new Set(Object.values(en));

	it.each([
		'Roundtable',
		'Start a workshop',
		'Workshop title',
		'Join code',
		'Join',
		'Your name',
		'Your role',
		'Lived experience',
		'Carer',
		'Professional',
		'Other',
		'Prefer not to say',
		'Copy join link',
		'QR code to join'
	])('English has %j verbatim', (word) => {
		expect(values.has(word)).toBe(true);
	});

	it.each([
		['start.heading', 'Roundtable'],
		['start.create.button', 'Start a workshop'],
		['start.create.title', 'Workshop title'],
		['start.join.code', 'Join code'],
		['start.join.button', 'Join'],
		['join.name', 'Your name'],
		['join.role', 'Your role'],
		['join.button', 'Join'],
		['facilitator.copyLink', 'Copy join link'],
		['facilitator.qr', 'QR code to join'],
		['settings.verbosity.all', 'All updates'],
		['settings.verbosity.summary', 'Summary'],
		['settings.verbosity.turn', 'Only my turn'],
		['settings.verbosity.off', 'Off']
	] as const)('%s is %j', (key, word) => {
		expect(translate('en', key as MessageKey)).toBe(word);
	});

	it('the five default roles are, in order, the DESIGN.md defaults', () => {
		expect(DEFAULT_ROLES.map((r) => roleLabel('en', r))).toEqual([
			'Lived experience',
			'Carer',
			'Professional',
			'Other',
			'Prefer not to say'
		]);
	});
});

describe('neutral wording', () => {
	it('no English message says "dominat…"', () => {
		const bad = Object.entries(en).filter(([, s]) => /dominat/i.test(s));
		expect(bad).toEqual([]);
	});

	it('no Welsh message says "dominyddu" or "dominat…"', () => {
		const bad = Object.entries(cy).filter(([, s]) => /dominyd|dominat/i.test(s));
		expect(bad).toEqual([]);
	});
});

describe('translate', () => {
	it('looks up English', () => {
		expect(translate('en', 'app.tagline')).toBe('Deciding together, as equals.');
	});

	it('looks up Welsh', () => {
		expect(translate('cy', 'join.name')).toBe('Eich enw');
		expect(translate('cy', 'start.join.button')).toBe('Ymuno');
	});

	it('fills placeholders', () => {
		expect(translate('en', 'participant.welcome', { name: 'Sam' })).toBe('You joined as Sam.');
		expect(translate('cy', 'announce.joined', { name: 'Siân' })).toBe('Mae Siân wedi ymuno');
		expect(translate('en', 'error.tooLongLimit', { max: 120 })).toBe(
			'That is too long. Use up to 120 characters.'
		);
	});

	it('fills placeholders in headings and field errors', () => {
		expect(translate('en', 'join.heading', { title: 'Hub' })).toBe('Join Hub');
		expect(translate('en', 'error.field.name', { message: 'That is too long.' })).toBe(
			'Your name: That is too long.'
		);
	});

	it('leaves a placeholder visible when its parameter is missing', () => {
		expect(translate('en', 'participant.welcome', {})).toBe('You joined as {name}.');
		expect(translate('en', 'participant.welcome', { other: 'x' })).toBe('You joined as {name}.');
	});

	it('returns the template unchanged without params', () => {
		expect(translate('en', 'participant.welcome')).toBe('You joined as {name}.');
	});

	it('does not re-expand placeholders found in the filled-in values', () => {
		expect(translate('en', 'join.heading', { title: '{title}' })).toBe('Join {title}');
		expect(translate('en', 'participant.welcome', { name: '{name} {name}' })).toBe(
			'You joined as {name} {name}.'
		);
	});

	it('inserts values literally, with no $-pattern replacement', () => {
		expect(translate('en', 'participant.welcome', { name: "$& $1 $$ $'" })).toBe(
			"You joined as $& $1 $$ $'."
		);
	});

	it('shows a missing key as itself so a test notices', () => {
		expect(translate('en', 'no.such.key' as MessageKey)).toBe('no.such.key');
		expect(translate('cy', 'no.such.key' as MessageKey)).toBe('no.such.key');
	});
});

describe('translateCount', () => {
	it('uses .one for 1', () => {
		expect(translateCount('en', 'participant.here', 1)).toBe('1 person is here');
		expect(translateCount('en', 'facilitator.people.count', 1)).toBe('1 person has joined');
		expect(translateCount('cy', 'participant.here', 1)).toBe('Mae 1 person yma');
	});

	it('uses .many for other counts and fills {count}', () => {
		expect(translateCount('en', 'participant.here', 0)).toBe('0 people are here');
		expect(translateCount('en', 'participant.here', 2)).toBe('2 people are here');
		expect(translateCount('en', 'participant.here', 500)).toBe('500 people are here');
		expect(translateCount('en', 'facilitator.people.count', 12)).toBe('12 people have joined');
		expect(translateCount('cy', 'participant.here', 3)).toBe('Mae 3 o bobl yma');
	});
});

describe('roleLabel', () => {
	it('translates built-in roles', () => {
		expect(roleLabel('en', 'lived-experience')).toBe('Lived experience');
		expect(roleLabel('en', 'prefer-not-to-say')).toBe('Prefer not to say');
		expect(roleLabel('cy', 'carer')).toBe('Gofalwr');
		expect(roleLabel('cy', 'professional')).toBe('Gweithiwr proffesiynol');
	});

	it('has a label in both languages for every default role', () => {
		for (const role of DEFAULT_ROLES) {
			for (const language of LANGUAGES) {
				const label = roleLabel(language, role);
				expect(label).not.toBe(role);
				expect(label).toBe(catalogue[language][`role.${role}` as MessageKey]);
			}
		}
	});

	it('shows a facilitator’s own role as written', () => {
		expect(roleLabel('en', 'Youth worker')).toBe('Youth worker');
		expect(roleLabel('cy', 'Gweithiwr ieuenctid')).toBe('Gweithiwr ieuenctid');
		expect(roleLabel('en', 'Carer')).toBe('Carer');
		expect(roleLabel('cy', 'Carer')).toBe('Carer');
	});

	it('does not treat other catalogue keys or object properties as roles', () => {
		expect(roleLabel('en', 'constructor')).toBe('constructor');
		expect(roleLabel('en', '__proto__')).toBe('__proto__');
		expect(roleLabel('en', 'toString')).toBe('toString');
		expect(roleLabel('en', '')).toBe('');
	});
});
