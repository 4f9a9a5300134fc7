import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import {
	CreateWorkshop,
	JoinWorkshop,
	LookupWorkshop,
	OpenFacilitator,
	RenameWorkshop,
	ResumeParticipant
} from '../../src/lib/features/workshop/feature.ts';
import { JOIN_CODE_ALPHABET } from '../../src/lib/shared/join-code.ts';

const ID = 'AbCdEfGhIjKlMnOpQrStUv'; // 22 characters, like randomId()
const KEY = 'a'.repeat(21) + '-_' + 'Z9'.repeat(10); // 43 characters, like randomKey()

function parses<S extends v.GenericSchema>(schema: S, input: unknown) {
	return v.safeParse(schema, input);
}

describe('CreateWorkshop', () => {
	it('accepts a title and a language', () => {
		const r = parses(CreateWorkshop, { title: 'Planning day', language: 'en' });
		expect(r.success).toBe(true);
		expect(r.output).toEqual({ title: 'Planning day', language: 'en' });
	});

	it('accepts Welsh', () => {
		expect(parses(CreateWorkshop, { title: 'Diwrnod cynllunio', language: 'cy' }).success).toBe(
			true
		);
	});

	it('leaves the title text for checkLine (even empty or padded)', () => {
		expect(parses(CreateWorkshop, { title: '', language: 'en' }).output).toEqual({
			title: '',
			language: 'en'
		});
		expect(parses(CreateWorkshop, { title: '  x  ', language: 'en' }).output).toEqual({
			title: '  x  ',
			language: 'en'
		});
	});

	it.each([
		['unknown language', { title: 'x', language: 'fr' }],
		['upper-case language', { title: 'x', language: 'EN' }],
		['missing language', { title: 'x' }],
		['missing title', { language: 'en' }],
		['number title', { title: 42, language: 'en' }],
		['null title', { title: null, language: 'en' }],
		['array title', { title: ['x'], language: 'en' }],
		['object title', { title: { toString: 'x' }, language: 'en' }],
		['huge title', { title: 'x'.repeat(10_001), language: 'en' }],
		['extra field', { title: 'x', language: 'en', facilitatorKey: KEY }],
		['prototype pollution field', JSON.parse('{"title":"x","language":"en","__proto__":{"a":1}}')],
		['null', null],
		['undefined', undefined],
		['string', 'x'],
		['array', ['x', 'en']]
	])('refuses %s', (_label, input) => {
		expect(parses(CreateWorkshop, input).success).toBe(false);
	});

	it('accepts a title of 10 000 characters (checkLine refuses it later with a precise reason)', () => {
		expect(parses(CreateWorkshop, { title: 'x'.repeat(10_000), language: 'en' }).success).toBe(
			true
		);
	});
});

describe('join codes in LookupWorkshop', () => {
	it.each([
		['upper case', 'ACDEFG', 'ACDEFG'],
		['lower case', 'acdefg', 'ACDEFG'],
		['mixed case', 'AcDeFg', 'ACDEFG'],
		['spaces', ' ACD EFG ', 'ACDEFG'],
		['dashes', 'ACD-EFG', 'ACDEFG'],
		['spaced dashes', 'acd - efg', 'ACDEFG'],
		['digits', '34679x', '34679X']
	])('normalises %s', (_label, code, expected) => {
		const r = parses(LookupWorkshop, { code });
		expect(r.success).toBe(true);
		expect(r.output).toEqual({ code: expected });
	});

	it.each([
		['too short', 'ACDEF'],
		['too long', 'ACDEFGH'],
		['look-alike letters', 'OOIILL'],
		['look-alike digits', '012585'],
		['punctuation', 'ACD.EF'],
		['empty', ''],
		['number', 123456],
		['null', null]
	])('refuses %s', (_label, code) => {
		expect(parses(LookupWorkshop, { code }).success).toBe(false);
	});

	it('refuses a code padded past 20 characters before normalising it', () => {
		const padded = 'ACDEFG' + ' '.repeat(15);
		expect(padded.length).toBe(21);
		expect(parses(LookupWorkshop, { code: padded }).success).toBe(false);
		expect(parses(LookupWorkshop, { code: 'ACDEFG' + ' '.repeat(14) }).success).toBe(true);
	});

	it('refuses extra fields and a missing code', () => {
		expect(parses(LookupWorkshop, { code: 'ACDEFG', extra: 1 }).success).toBe(false);
		expect(parses(LookupWorkshop, {}).success).toBe(false);
	});

	it('property: any valid code in lower case with dashes parses to the upper-case code', () => {
		fc.assert(
			fc.property(
				fc.string({ minLength: 6, maxLength: 6, unit: fc.constantFrom(...JOIN_CODE_ALPHABET) }),
				(code) => {
					const written = `${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase();
					expect(parses(LookupWorkshop, { code: written }).output).toEqual({ code });
				}
			)
		);
	});
});

describe('JoinWorkshop', () => {
	it('accepts code, name and role', () => {
		const r = parses(JoinWorkshop, { code: 'acd-efg', name: 'Sam', role: 'carer' });
		expect(r.success).toBe(true);
		expect(r.output).toEqual({ code: 'ACDEFG', name: 'Sam', role: 'carer' });
	});

	it.each([
		['missing name', { code: 'ACDEFG', role: 'carer' }],
		['missing role', { code: 'ACDEFG', name: 'Sam' }],
		['missing code', { name: 'Sam', role: 'carer' }],
		['number name', { code: 'ACDEFG', name: 1, role: 'carer' }],
		['object role', { code: 'ACDEFG', name: 'Sam', role: {} }],
		['bad code', { code: 'nope', name: 'Sam', role: 'carer' }],
		['huge name', { code: 'ACDEFG', name: 'x'.repeat(10_001), role: 'carer' }],
		['huge role', { code: 'ACDEFG', name: 'Sam', role: 'x'.repeat(10_001) }],
		['extra field', { code: 'ACDEFG', name: 'Sam', role: 'carer', facilitator: true }]
	])('refuses %s', (_label, input) => {
		expect(parses(JoinWorkshop, input).success).toBe(false);
	});
});

describe('ResumeParticipant', () => {
	it('accepts a code, id and key', () => {
		const r = parses(ResumeParticipant, {
			code: 'ACDEFG',
			participantId: ID,
			participantKey: KEY
		});
		expect(r.success).toBe(true);
		expect(r.output).toEqual({ code: 'ACDEFG', participantId: ID, participantKey: KEY });
	});

	it('accepts tokens of 16 and 64 characters', () => {
		for (const token of ['a'.repeat(16), 'b'.repeat(64)]) {
			expect(
				parses(ResumeParticipant, { code: 'ACDEFG', participantId: token, participantKey: token })
					.success
			).toBe(true);
		}
	});

	it.each([
		['short id (15)', { participantId: 'a'.repeat(15) }],
		['long id (65)', { participantId: 'a'.repeat(65) }],
		['long key (65)', { participantKey: 'a'.repeat(65) }],
		['huge key', { participantKey: 'a'.repeat(1_000_000) }],
		['base64 plus', { participantKey: KEY.slice(0, 30) + '+' + KEY.slice(31) }],
		['base64 slash', { participantKey: KEY.slice(0, 30) + '/' + KEY.slice(31) }],
		['base64 padding', { participantKey: KEY.slice(0, 40) + '==' }],
		['space', { participantId: ID.slice(0, 10) + ' ' + ID.slice(11) }],
		['path traversal', { participantId: '../../../etc/passwd' }],
		['trailing newline', { participantId: ID + '\n' }],
		['non-ASCII', { participantId: 'é'.repeat(22) }],
		['number id', { participantId: 1234567890123456 }],
		['null key', { participantKey: null }],
		['missing key', { participantKey: undefined }],
		['bad code', { code: 'OOOOOO' }],
		['extra field', { facilitatorKey: KEY }]
	])('refuses %s', (_label, change) => {
		const input: Record<string, unknown> = {
			code: 'ACDEFG',
			participantId: ID,
			participantKey: KEY,
			...change
		};
		for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
		expect(parses(ResumeParticipant, input).success).toBe(false);
	});
});

describe('OpenFacilitator', () => {
	it('accepts a key', () => {
		expect(parses(OpenFacilitator, { facilitatorKey: KEY }).output).toEqual({
			facilitatorKey: KEY
		});
	});

	it.each([
		['missing', {}],
		['short', { facilitatorKey: 'abc' }],
		['not base64url', { facilitatorKey: 'a'.repeat(20) + '!' }],
		['number', { facilitatorKey: 1234567890123456 }],
		['array', { facilitatorKey: [KEY] }],
		['extra', { facilitatorKey: KEY, workshopId: ID }],
		['null', null]
	])('refuses %s', (_label, input) => {
		expect(parses(OpenFacilitator, input).success).toBe(false);
	});

	it('property: accepts exactly base64url strings of 16 to 64 characters', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (s) => {
				const expected = /^[A-Za-z0-9_-]{16,64}$/.test(s);
				expect(parses(OpenFacilitator, { facilitatorKey: s }).success).toBe(expected);
			})
		);
	});
});

describe('RenameWorkshop', () => {
	it('accepts a title', () => {
		expect(parses(RenameWorkshop, { title: 'New title' }).output).toEqual({ title: 'New title' });
	});

	it.each([
		['missing', {}],
		['number', { title: 1 }],
		['huge', { title: 'x'.repeat(10_001) }],
		['extra', { title: 'x', language: 'en' }]
	])('refuses %s', (_label, input) => {
		expect(parses(RenameWorkshop, input).success).toBe(false);
	});
});
