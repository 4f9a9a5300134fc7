/**
 * Easy-read versions of a feature's words (R24). Many words are already easy read: a button name,
 * a short plain sentence. Those keep their ordinary words; the rest are rewritten by hand. The
 * easy-read lint (src/lib/features/easy-read.test.ts) holds every result to its rules, so a long
 * sentence added later fails there until someone writes its easy-read version.
 */

/** Words only facilitators see (or exports) need no easy-read version. */
export function isFacilitatorOnly(key: string): boolean {
	return key.split('.').some((part) => part === 'facilitator' || part === 'export');
}

/**
 * The easy-read words for every participant-facing key: the rewritten version where there is one,
 * otherwise the ordinary words, which are then plain enough as they are.
 */
export function easyReadOf<K extends string>(
	words: Record<K, string>,
	rewritten: Partial<Record<K, string>>
): Partial<Record<K, string>> {
	const out: Partial<Record<K, string>> = {};
	for (const key of Object.keys(words) as K[]) {
		if (isFacilitatorOnly(key)) continue;
		out[key] = rewritten[key] ?? words[key];
	}
	return out;
}
