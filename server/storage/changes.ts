/**
 * Checks shared by every backend, so a change list that one backend would refuse is refused by
 * all of them alike, with a clear error and before anything is written.
 */
import type { StorageChange } from './types.ts';

// PostgreSQL text cannot hold U+0000; refusing it everywhere keeps SQLite from accepting what a
// PostgreSQL deployment would later fail on.
const hasNul = (s: string) => s.includes('\u0000');

export function checkChanges(changes: readonly StorageChange[]): void {
	for (const c of changes) {
		if (c.kind === 'append') {
			if (!(c.update instanceof Uint8Array)) throw new TypeError('an append needs a Uint8Array');
			if (typeof c.doc !== 'string' || hasNul(c.doc)) {
				throw new TypeError('a document name must be text without NUL characters');
			}
		} else if (c.kind === 'put' || c.kind === 'delete') {
			const texts = [c.workshopId, c.feature, c.key, ...(c.kind === 'put' ? [c.value] : [])];
			if (texts.some((t) => typeof t !== 'string' || hasNul(t))) {
				throw new TypeError('record ids, keys and values must be text without NUL characters');
			}
		} else {
			throw new TypeError(`unknown storage change kind "${String((c as { kind: unknown }).kind)}"`);
		}
	}
}
