import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { hashKey, randomId, randomJoinCode, randomKey, sameHash } from '../../server/secrets.ts';
import { JOIN_CODE_ALPHABET, isJoinCode } from '../../src/lib/shared/join-code.ts';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

describe('randomId', () => {
	it('is 22 base64url characters (128 bits)', () => {
		for (let i = 0; i < 50; i++) {
			const id = randomId();
			expect(id).toMatch(BASE64URL);
			expect(id).toHaveLength(22);
			expect(Buffer.from(id, 'base64url')).toHaveLength(16);
		}
	});

	it('does not repeat', () => {
		const ids = new Set(Array.from({ length: 2000 }, randomId));
		expect(ids.size).toBe(2000);
	});

	it('fits the token and document-name rules', () => {
		const id = randomId();
		expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
	});
});

describe('randomKey', () => {
	it('is 43 base64url characters (256 bits)', () => {
		for (let i = 0; i < 50; i++) {
			const key = randomKey();
			expect(key).toMatch(BASE64URL);
			expect(key).toHaveLength(43);
			expect(Buffer.from(key, 'base64url')).toHaveLength(32);
		}
	});

	it('does not repeat', () => {
		const keys = new Set(Array.from({ length: 2000 }, randomKey));
		expect(keys.size).toBe(2000);
	});

	it('uses the whole alphabet over many keys (is not biased to a few characters)', () => {
		const seen = new Set(Array.from({ length: 200 }, randomKey).join(''));
		expect(seen.size).toBeGreaterThanOrEqual(60);
	});
});

describe('hashKey', () => {
	it('is deterministic', () => {
		const key = randomKey();
		expect(hashKey(key)).toBe(hashKey(key));
	});

	it('is not the key', () => {
		const key = randomKey();
		expect(hashKey(key)).not.toBe(key);
		expect(hashKey(key)).not.toContain(key);
	});

	it('is SHA-256 in base64url (43 characters)', () => {
		expect(hashKey('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
		expect(hashKey(randomKey())).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it('property: different keys give different hashes', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				fc.pre(a !== b);
				expect(hashKey(a)).not.toBe(hashKey(b));
			})
		);
	});
});

describe('sameHash', () => {
	it('is true for equal hashes', () => {
		const h = hashKey('k');
		expect(sameHash(h, hashKey('k'))).toBe(true);
	});

	it('is false for different hashes of the same length', () => {
		expect(sameHash(hashKey('a'), hashKey('b'))).toBe(false);
	});

	it('is false for different lengths, without throwing', () => {
		const h = hashKey('a');
		expect(sameHash(h, h.slice(0, -1))).toBe(false);
		expect(sameHash(h, h + 'x')).toBe(false);
		expect(sameHash('', h)).toBe(false);
	});

	it('is true for two empty strings', () => {
		expect(sameHash('', '')).toBe(true);
	});

	it('property: agrees with ===', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), (a, b) => {
				expect(sameHash(a, b)).toBe(a === b);
				expect(sameHash(a, a)).toBe(true);
			})
		);
	});
});

describe('randomJoinCode', () => {
	it('is always a valid join code', () => {
		for (let i = 0; i < 500; i++) {
			const code = randomJoinCode();
			expect(isJoinCode(code)).toBe(true);
		}
	});

	it('uses every letter of the alphabet over many codes', () => {
		const seen = new Set(Array.from({ length: 300 }, randomJoinCode).join(''));
		expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
	});

	it('rarely repeats', () => {
		const codes = new Set(Array.from({ length: 1000 }, randomJoinCode));
		// 25^6 ≈ 244 million codes; 1000 draws collide with probability about 0.2 %.
		expect(codes.size).toBeGreaterThanOrEqual(998);
	});
});
