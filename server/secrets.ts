/** Random ids and keys, and the hashes we store instead of keys. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { joinCodeFromRandom } from '../src/lib/shared/join-code.ts';

/** 128 bits: ids that must not be guessable (workshops, participants, tickets). */
export function randomId(): string {
	return randomBytes(16).toString('base64url');
}

/** 256 bits: keys that grant power (facilitator link, a participant's device key). */
export function randomKey(): string {
	return randomBytes(32).toString('base64url');
}

/** Keys are stored only as hashes, so a copy of the database cannot be used to take over a workshop. */
export function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('base64url');
}

export function sameHash(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export function randomJoinCode(): string {
	let pool = randomBytes(32);
	let i = 0;
	return joinCodeFromRandom(() => {
		if (i === pool.length) {
			pool = randomBytes(32);
			i = 0;
		}
		return pool[i++];
	});
}
