/**
 * The person's display settings. Changes apply at once to <html> and are remembered in a cookie on
 * this device (never on the server), so the next page renders right from the first paint.
 */
import {
	PREFERENCES_COOKIE,
	serialisePreferences,
	type Preferences,
	type TextSize,
	type Theme
} from '$lib/shared/preferences';
import type { Verbosity } from '$lib/shared/announce';
import type { ErrorCode } from '$lib/features/index';
import type { MessageKey } from '$lib/i18n';
import type { Language } from '$lib/shared/workshop';
import { countedOf, countOf, hasWord, roleOf, wordOf, type Params, type Words } from '$lib/words';
import type { Catalogues } from './catalogues.svelte';

const ONE_YEAR = 60 * 60 * 24 * 365;

export class Settings {
	chosenLanguage = $state<Language | null>(null);
	/** The language of the workshop on screen, used until the person picks their own. */
	pageLanguage = $state<Language | null>(null);
	theme = $state<Theme>('system');
	textSize = $state<TextSize>('100');
	verbosity = $state<Verbosity>('all');
	easyRead = $state(false);
	pauseUpdates = $state(false);

	language: Language = $derived(this.chosenLanguage ?? this.pageLanguage ?? 'en');

	#catalogues: Catalogues;

	constructor(initial: Preferences, catalogues: Catalogues) {
		this.#catalogues = catalogues;
		this.chosenLanguage = initial.language;
		this.theme = initial.theme;
		this.textSize = initial.textSize;
		this.verbosity = initial.verbosity;
		this.easyRead = initial.easyRead;
		this.pauseUpdates = initial.pauseUpdates;
	}

	/** The words of the language shown (the page's own until a switched-to one has arrived). */
	get words(): Words {
		return this.#catalogues.get(this.language);
	}

	t = (key: MessageKey, params?: Params): string => wordOf(this.words, key, params, this.easyRead);
	/** A counted message in the language's own plural forms (see `src/lib/shared/plural.ts`). */
	counted = (key: string, n: number, params?: Params): string =>
		countedOf(this.words, key, n, params, this.easyRead);
	count = (base: string, n: number): string => countOf(this.words, base, n);
	role = (role: string): string => roleOf(this.words, role);
	/** The person's words for an error code (every code has them: the registry checks). */
	error = (code: ErrorCode): string =>
		wordOf(this.words, `error.${code}`, undefined, this.easyRead);
	/** A message whose key is made at run time, or null when there is none. */
	maybe = (key: string, params?: Params): string | null =>
		hasWord(this.words, key) ? wordOf(this.words, key, params, this.easyRead) : null;

	get preferences(): Preferences {
		return {
			language: this.chosenLanguage,
			theme: this.theme,
			textSize: this.textSize,
			verbosity: this.verbosity,
			easyRead: this.easyRead,
			pauseUpdates: this.pauseUpdates
		};
	}

	/** Mirrors the settings onto <html> and the cookie; call from an effect in the browser. */
	apply() {
		const root = document.documentElement;
		// Another language's words are fetched when the person switches to it.
		void this.#catalogues.ensure(this.language);
		root.lang = this.words.language;
		root.dataset.theme = this.theme;
		root.dataset.text = this.textSize;
		root.dataset.easy = this.easyRead ? 'on' : 'off';
		document.cookie = `${PREFERENCES_COOKIE}=${serialisePreferences(this.preferences)}; path=/; max-age=${ONE_YEAR}; samesite=lax`;
	}
}
