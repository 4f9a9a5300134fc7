import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkLine, MAX_NAME, MAX_TITLE } from '../../src/lib/shared/text.ts';

describe('checkLine', () => {
	it('uses 120 as the limit for titles and names', () => {
		expect(MAX_TITLE).toBe(120);
		expect(MAX_NAME).toBe(120);
	});

	it('accepts plain text unchanged', () => {
		expect(checkLine('Planning the new day centre', 120)).toEqual({
			ok: true,
			value: 'Planning the new day centre'
		});
	});

	it('trims leading and trailing spaces', () => {
		expect(checkLine('   Sam  ', 120)).toEqual({ ok: true, value: 'Sam' });
	});

	it('collapses runs of inner spaces to one space', () => {
		expect(checkLine('Sam    and     Alex', 120)).toEqual({ ok: true, value: 'Sam and Alex' });
	});

	it('collapses a no-break space and other Unicode spaces to an ordinary space', () => {
		expect(checkLine('Sam\u00a0\u00a0Jones', 120)).toEqual({ ok: true, value: 'Sam Jones' });
		expect(checkLine('Sam\u3000Jones', 120)).toEqual({ ok: true, value: 'Sam Jones' });
		expect(checkLine('Sam\u2028Jones', 120)).toEqual({ ok: true, value: 'Sam Jones' });
	});

	it('normalises to NFC', () => {
		const decomposed = 'Sio\u0302n'; // o + combining circumflex
		const result = checkLine(decomposed, 120);
		expect(result).toEqual({ ok: true, value: 'Si\u00f4n' });
		if (result.ok) expect(result.value.length).toBe(4);
	});

	it('counts the limit after NFC, so decomposed accents do not count twice', () => {
		const decomposed = 'e\u0301'.repeat(120); // 240 UTF-16 units, 120 characters after NFC
		const result = checkLine(decomposed, 120);
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.value).toBe('\u00e9'.repeat(120));
	});

	describe('empty', () => {
		it.each([[''], [' '], ['     '], ['\u00a0'], ['\u3000 \u00a0']])(
			'refuses %j as empty',
			(input) => {
				expect(checkLine(input, 120)).toEqual({ ok: false, code: 'empty' });
			}
		);
	});

	describe('length', () => {
		it('accepts exactly 120 characters', () => {
			expect(checkLine('a'.repeat(120), 120)).toEqual({ ok: true, value: 'a'.repeat(120) });
		});

		it('refuses 121 characters', () => {
			expect(checkLine('a'.repeat(121), 120)).toEqual({ ok: false, code: 'too-long' });
		});

		it('counts the length after trimming', () => {
			const padded = '  ' + 'a'.repeat(120) + '  ';
			expect(checkLine(padded, 120)).toEqual({ ok: true, value: 'a'.repeat(120) });
		});

		it('counts an emoji (one code point, two UTF-16 units) as one character', () => {
			const smile = '\u{1F600}';
			expect(smile.length).toBe(2);
			expect(checkLine(smile.repeat(120), 120)).toEqual({ ok: true, value: smile.repeat(120) });
			expect(checkLine(smile.repeat(121), 120)).toEqual({ ok: false, code: 'too-long' });
		});

		it('counts astral letters (e.g. mathematical letters) by code point', () => {
			const letter = '\u{1D400}';
			expect(checkLine(letter.repeat(60) + 'a'.repeat(60), 120).ok).toBe(true);
			expect(checkLine(letter.repeat(61) + 'a'.repeat(60), 120)).toEqual({
				ok: false,
				code: 'too-long'
			});
		});

		it('respects a smaller limit', () => {
			expect(checkLine('abcde', 5)).toEqual({ ok: true, value: 'abcde' });
			expect(checkLine('abcdef', 5)).toEqual({ ok: false, code: 'too-long' });
		});

		it('refuses a huge string quickly, without normalising it', () => {
			const huge = 'x'.repeat(10_000_000);
			const start = performance.now();
			const result = checkLine(huge, 120);
			const took = performance.now() - start;
			expect(result).toEqual({ ok: false, code: 'too-long' });
			expect(took).toBeLessThan(50);
		});

		it('refuses a huge string of combining marks as too long, not by hanging in normalize', () => {
			const huge = 'a' + '\u0301'.repeat(2_000_000);
			const start = performance.now();
			expect(checkLine(huge, 120)).toEqual({ ok: false, code: 'too-long' });
			expect(performance.now() - start).toBeLessThan(50);
		});

		it('property: any accepted value has at most max code points and no outer spaces', () => {
			fc.assert(
				fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (s) => {
					const r = checkLine(s, 120);
					if (r.ok) {
						expect([...r.value].length).toBeLessThanOrEqual(120);
						expect(r.value).toBe(r.value.trim());
						expect(r.value).not.toMatch(/\s{2}/);
						expect(r.value).toBe(r.value.normalize('NFC'));
					}
				})
			);
		});

		it('property: short printable ASCII strings with a letter are accepted, collapsed', () => {
			fc.assert(
				fc.property(
					fc.string({
						minLength: 1,
						maxLength: 120,
						unit: fc.constantFrom('a', 'B', ' ', '7', '.')
					}),
					(s) => {
						fc.pre(/[^ ]/.test(s));
						const r = checkLine(s, 120);
						expect(r).toEqual({ ok: true, value: s.trim().replace(/ +/g, ' ') });
					}
				)
			);
		});
	});

	describe('control characters', () => {
		it.each([
			['tab', 'Sam\tJones'],
			['newline', 'Sam\nJones'],
			['carriage return', 'Sam\rJones'],
			['NUL', 'Sam\u0000'],
			['bell', '\u0007Sam'],
			['escape', 'Sam\u001b[31m'],
			['unit separator', 'Sam\u001f'],
			['DEL', 'Sam\u007f'],
			['C1 start (PAD)', 'Sam\u0080'],
			['C1 next line', 'Sam\u0085Jones'],
			['C1 end (APC)', 'Sam\u009f'],
			['trailing newline', 'Sam\n'],
			['leading tab', '\tSam']
		])('refuses %s', (_label, input) => {
			expect(checkLine(input, 120)).toEqual({ ok: false, code: 'control-characters' });
		});

		it.each([
			['left-to-right embedding', 'a\u202ab'],
			['right-to-left embedding', 'a\u202bb'],
			['pop directional formatting', 'a\u202cb'],
			['left-to-right override', 'a\u202db'],
			['right-to-left override', 'admin\u202egnp.exe'],
			['left-to-right isolate', 'a\u2066b'],
			['right-to-left isolate', 'a\u2067b'],
			['first strong isolate', 'a\u2068b'],
			['pop directional isolate', 'a\u2069b'],
			['left-to-right mark', 'a\u200eb'],
			['right-to-left mark', 'a\u200fb'],
			['zero-width space', 'Sam\u200b'],
			['byte order mark / zero-width no-break space', '\ufeffSam'],
			['word joiner', 'a\u2060b'],
			['Arabic letter mark', 'a\u061cb'],
			['soft hyphen', 'a\u00adb'],
			['Mongolian vowel separator', 'a\u180eb'],
			['Hangul filler', 'a\u3164b'],
			['tag character', 'a\udb40\udc41b']
		])('refuses %s', (_label, input) => {
			expect(checkLine(input, 120)).toEqual({ ok: false, code: 'control-characters' });
		});

		it('keeps zero-width joiners, which emoji sequences and Persian names need', () => {
			expect(checkLine('👩\u200d💻', 120)).toEqual({ ok: true, value: '👩\u200d💻' });
			expect(checkLine('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645', 120).ok).toBe(true);
		});

		it('counts an emoji with a skin tone as one character', () => {
			expect(checkLine('👍🏽'.repeat(120), 120).ok).toBe(true);
			expect(checkLine('👍🏽'.repeat(121), 120)).toEqual({ ok: false, code: 'too-long' });
		});

		it('refuses a name that is only a zero-width space (it would look empty)', () => {
			expect(checkLine('\u200b', 120)).toEqual({ ok: false, code: 'control-characters' });
		});

		it('keeps letters just outside the refused ranges', () => {
			expect(checkLine('\u00a1Hola!', 120)).toEqual({ ok: true, value: '\u00a1Hola!' });
			expect(checkLine('~', 120)).toEqual({ ok: true, value: '~' });
			expect(checkLine('a\u2010b', 120)).toEqual({ ok: true, value: 'a\u2010b' });
			expect(checkLine('x\u2070', 120)).toEqual({ ok: true, value: 'x\u2070' });
		});

		it('accepts Welsh, accented and non-Latin names', () => {
			for (const name of ['Siân Llŷr', 'Ŵyn', 'José Núñez', 'Zoë', 'محمد', 'שלום', '李小龙']) {
				expect(checkLine(name, 120)).toEqual({ ok: true, value: name });
			}
		});
	});

	describe('bad input', () => {
		it.each([
			['undefined', undefined],
			['null', null],
			['number', 42],
			['boolean', true],
			['array', ['Sam']],
			['object', { toString: () => 'Sam' }],
			['String object', new String('Sam')]
		])('refuses %s', (_label, input) => {
			expect(checkLine(input, 120)).toEqual({ ok: false, code: 'bad-input' });
		});
	});

	it('does not change HTML text (escaping is the view’s job) but keeps it one line', () => {
		expect(checkLine('<script>alert(1)</script>', 120)).toEqual({
			ok: true,
			value: '<script>alert(1)</script>'
		});
	});
});
