/**
 * Join codes are read aloud and typed on phones, so they avoid look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B)
 * and are case-insensitive.
 */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

const VALID = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** Upper-cases and strips spaces and dashes, which people add when copying a code. */
export function normaliseJoinCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCode(code: string): boolean {
	return VALID.test(code);
}

/** Builds a code from random bytes; rejection sampling keeps every letter equally likely. */
export function joinCodeFromRandom(nextByte: () => number): string {
	const n = JOIN_CODE_ALPHABET.length;
	const limit = 256 - (256 % n);
	let code = '';
	while (code.length < JOIN_CODE_LENGTH) {
		const b = nextByte();
		if (b < limit) code += JOIN_CODE_ALPHABET[b % n];
	}
	return code;
}
