/**
 * The catalogues a page holds: the one the server handed over with the page (inline JSON), and any
 * other language fetched when the person switches to it. Until a fetched one arrives, the words
 * stay in the language already held.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Language } from '$lib/shared/workshop';
import { WORDS_ELEMENT_ID, wordsPath, type Words } from '$lib/words';

export class Catalogues {
	#held = new SvelteMap<Language, Words>();
	// Plain Set: which languages are on their way is not state anything renders.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#asked = new Set<Language>();
	#first: Words;

	constructor(words: readonly Words[]) {
		if (words.length === 0) throw new Error('A page needs the catalogue of its language.');
		this.#first = words[0];
		for (const w of words) this.#held.set(w.language, w);
	}

	/** The words for a language, or the page's own until that language has arrived. */
	get(language: Language): Words {
		return this.#held.get(language) ?? this.#first;
	}

	/** Fetches a language's catalogue once, if it is not held yet. */
	async ensure(language: Language): Promise<void> {
		if (this.#held.has(language) || this.#asked.has(language)) return;
		this.#asked.add(language);
		try {
			const response = await fetch(wordsPath(language));
			if (!response.ok) throw new Error(String(response.status));
			this.#held.set(language, (await response.json()) as Words);
		} catch {
			// Offline: keep the words held; the next switch asks again.
			this.#asked.delete(language);
		}
	}
}

/** The catalogue the server put into the page, in the browser. */
export function wordsInPage(): Words[] {
	const text = document.getElementById(WORDS_ELEMENT_ID)?.textContent;
	return text ? [JSON.parse(text) as Words] : [];
}
