import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	JOIN_CODE_ALPHABET,
	JOIN_CODE_LENGTH,
	isJoinCode,
	joinCodeFromRandom,
	normaliseJoinCode
} from '../../src/lib/shared/join-code.ts';

/** A byte source that plays back the given bytes and fails loudly if asked for more. */
function scripted(bytes: number[]) {
	let i = 0;
	const next = () => {
		if (i >= bytes.length) throw new Error(`byte source exhausted after ${bytes.length} bytes`);
		return bytes[i++];
	};
	return { next, used: () => i };
}

const n = JOIN_CODE_ALPHABET.length;
const limit = 256 - (256 % n);

describe('join code alphabet', () => {
	it('has no look-alike characters', () => {
		for (const c of ['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B']) {
			expect(JOIN_CODE_ALPHABET).not.toContain(c);
		}
	});

	it('has only upper-case ASCII letters and digits, each once', () => {
		expect(JOIN_CODE_ALPHABET).toMatch(/^[A-Z0-9]+$/);
		expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
	});

	it('is large enough for codes that are hard to guess (at least 20 symbols)', () => {
		expect(JOIN_CODE_ALPHABET.length).toBeGreaterThanOrEqual(20);
	});

	it('codes are 6 characters long', () => {
		expect(JOIN_CODE_LENGTH).toBe(6);
	});
});

describe('normaliseJoinCode', () => {
	it('upper-cases', () => {
		expect(normaliseJoinCode('acdefg')).toBe('ACDEFG');
	});

	it('removes spaces and dashes people add when copying', () => {
		expect(normaliseJoinCode('acd-efg')).toBe('ACDEFG');
		expect(normaliseJoinCode(' ACD EFG ')).toBe('ACDEFG');
		expect(normaliseJoinCode('a-c-d e\tf\ng')).toBe('ACDEFG');
		expect(normaliseJoinCode('ACD\u00a0EFG')).toBe('ACDEFG');
	});

	it('keeps other characters so they can be refused', () => {
		expect(normaliseJoinCode('acd.efg')).toBe('ACD.EFG');
		expect(normaliseJoinCode('acd_efg')).toBe('ACD_EFG');
	});

	it('is idempotent', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (s) => {
				expect(normaliseJoinCode(normaliseJoinCode(s))).toBe(normaliseJoinCode(s));
			})
		);
	});
});

describe('isJoinCode', () => {
	it('accepts six alphabet characters', () => {
		expect(isJoinCode('ACDEFG')).toBe(true);
		expect(isJoinCode('34679X')).toBe(true);
		expect(isJoinCode(JOIN_CODE_ALPHABET.slice(0, 6))).toBe(true);
		expect(isJoinCode(JOIN_CODE_ALPHABET.slice(-6))).toBe(true);
	});

	it.each([
		['too short', 'ACDEF'],
		['too long', 'ACDEFGH'],
		['empty', ''],
		['lower case (not normalised)', 'acdefg'],
		['with a dash (not normalised)', 'ACD-EFG'],
		['look-alike O', 'ACDEFO'],
		['look-alike 0', 'ACDEF0'],
		['look-alike I', 'ACDEFI'],
		['look-alike 1', 'ACDEF1'],
		['look-alike L', 'ACDEFL'],
		['look-alike S', 'ACDEFS'],
		['look-alike B', 'ACDEFB'],
		['trailing newline', 'ACDEFG\n'],
		['leading space', ' ACDEFG'],
		['regex metacharacters', 'ACDEF.']
	])('refuses %s', (_label, code) => {
		expect(isJoinCode(code)).toBe(false);
	});

	it('accepts every normalised form of a valid code written with spaces, dashes, lower case', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...JOIN_CODE_ALPHABET), { minLength: 6, maxLength: 6 }),
				fc.array(fc.constantFrom(' ', '-', ''), { minLength: 6, maxLength: 6 }),
				fc.boolean(),
				(chars, seps, lower) => {
					const code = chars.join('');
					let written = chars.map((c, i) => seps[i] + c).join('');
					if (lower) written = written.toLowerCase();
					expect(normaliseJoinCode(written)).toBe(code);
					expect(isJoinCode(normaliseJoinCode(written))).toBe(true);
				}
			)
		);
	});
});

describe('joinCodeFromRandom', () => {
	it('maps bytes below the limit to alphabet[byte % n]', () => {
		const src = scripted([0, 1, 2, 3, 4, 5]);
		expect(joinCodeFromRandom(src.next)).toBe(JOIN_CODE_ALPHABET.slice(0, 6));
		expect(src.used()).toBe(6);
	});

	it('wraps around the alphabet', () => {
		const src = scripted([n, n + 1, 2 * n, limit - 1, n - 1, 0]);
		expect(joinCodeFromRandom(src.next)).toBe(
			JOIN_CODE_ALPHABET[0] +
				JOIN_CODE_ALPHABET[1] +
				JOIN_CODE_ALPHABET[0] +
				JOIN_CODE_ALPHABET[(limit - 1) % n] +
				JOIN_CODE_ALPHABET[n - 1] +
				JOIN_CODE_ALPHABET[0]
		);
	});

	it('uses a limit that is a multiple of the alphabet size', () => {
		expect(limit % n).toBe(0);
		expect(limit).toBeLessThanOrEqual(256);
		expect(256 - limit).toBeLessThan(n);
	});

	it('skips bytes at or above the limit (rejection sampling)', () => {
		const rejected = Array.from({ length: 256 - limit }, (_, i) => limit + i);
		expect(rejected.length).toBeGreaterThan(0);
		const src = scripted([...rejected, 0, ...rejected, 1, 2, 255, 3, 4, 5]);
		expect(joinCodeFromRandom(src.next)).toBe(JOIN_CODE_ALPHABET.slice(0, 6));
		expect(src.used()).toBe(rejected.length * 2 + 7);
	});

	it('accepts the byte just below the limit and skips the limit itself', () => {
		const src = scripted([
			limit,
			limit - 1,
			limit,
			limit - 1,
			limit - 1,
			limit - 1,
			limit - 1,
			limit - 1
		]);
		const last = JOIN_CODE_ALPHABET[(limit - 1) % n];
		expect(joinCodeFromRandom(src.next)).toBe(last.repeat(6));
		expect(src.used()).toBe(8);
	});

	it('stops after six accepted bytes, asking for no more', () => {
		const src = scripted([7, 7, 7, 7, 7, 7]);
		expect(joinCodeFromRandom(src.next)).toHaveLength(6);
		expect(src.used()).toBe(6);
	});

	it('property: any byte stream gives a valid code made of alphabet characters', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
				(prefix) => {
					// After the random prefix, a byte that is always accepted, so the loop ends.
					let i = 0;
					const code = joinCodeFromRandom(() => (i < prefix.length ? prefix[i++] : 0));
					expect(code).toHaveLength(JOIN_CODE_LENGTH);
					for (const c of code) expect(JOIN_CODE_ALPHABET).toContain(c);
					expect(isJoinCode(code)).toBe(true);
				}
			)
		);
	});

	it('property: output equals the accepted bytes mapped through the alphabet', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }), (prefix) => {
				let i = 0;
				const stream = () => (i < prefix.length ? prefix[i++] : 0);
				const expected = [...prefix, 0, 0, 0, 0, 0, 0]
					.filter((b) => b < limit)
					.slice(0, 6)
					.map((b) => JOIN_CODE_ALPHABET[b % n])
					.join('');
				expect(joinCodeFromRandom(stream)).toBe(expected);
			})
		);
	});

	it('each letter is equally likely over full cycles of byte values', () => {
		// Three cycles of 0..255 hold 3 × limit accepted bytes, i.e. exactly 3 × limit / 6 codes.
		let b = 0;
		const cycling = () => b++ % 256;
		const tally = new Map<string, number>();
		const codes = (3 * limit) / JOIN_CODE_LENGTH;
		expect(Number.isInteger(codes)).toBe(true);
		for (let k = 0; k < codes; k++) {
			for (const c of joinCodeFromRandom(cycling)) tally.set(c, (tally.get(c) ?? 0) + 1);
		}
		expect(tally.size).toBe(n);
		for (const c of JOIN_CODE_ALPHABET) expect(tally.get(c)).toBe((3 * limit) / n);
	});
});
