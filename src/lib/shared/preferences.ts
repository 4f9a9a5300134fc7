/**
 * A person's display preferences, kept in a cookie on their device so server-rendered pages come out
 * in the right language, theme and text size from the first paint. Never stored on the server.
 */
import { VERBOSITIES, type Verbosity } from './announce.ts';
import { LANGUAGES, type Language } from './workshop.ts';

export const THEMES = ['system', 'light', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];
export const TEXT_SIZES = ['100', '125', '150', '200'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export interface Preferences {
	/** null: the person has not chosen, so the workshop's language (or English) applies. */
	language: Language | null;
	theme: Theme;
	textSize: TextSize;
	verbosity: Verbosity;
	/** Easy read (R24): short sentences, icons, larger text and more space. */
	easyRead: boolean;
	/** Pause live updates (R6): moving parts wait behind a "Show N new" button. */
	pauseUpdates: boolean;
}

export const PREFERENCES_COOKIE = 'rt_prefs';

export const DEFAULT_PREFERENCES: Preferences = {
	language: null,
	theme: 'system',
	textSize: '100',
	verbosity: 'all',
	easyRead: false,
	pauseUpdates: false
};

function pick<T extends string>(options: readonly T[], value: string | null): T | undefined {
	return options.find((o) => o === value);
}

/** Reads the cookie value; anything unknown falls back to the default, so a bad cookie is harmless. */
export function parsePreferences(raw: string | undefined | null): Preferences {
	const params = new URLSearchParams(raw ?? '');
	return {
		language: pick(LANGUAGES, params.get('lang')) ?? null,
		theme: pick(THEMES, params.get('theme')) ?? DEFAULT_PREFERENCES.theme,
		textSize: pick(TEXT_SIZES, params.get('text')) ?? DEFAULT_PREFERENCES.textSize,
		verbosity: pick(VERBOSITIES, params.get('say')) ?? DEFAULT_PREFERENCES.verbosity,
		easyRead: params.get('easy') === '1',
		pauseUpdates: params.get('pause') === '1'
	};
}

export function serialisePreferences(p: Preferences): string {
	const params = new URLSearchParams({ theme: p.theme, text: p.textSize, say: p.verbosity });
	if (p.language) params.set('lang', p.language);
	if (p.easyRead) params.set('easy', '1');
	if (p.pauseUpdates) params.set('pause', '1');
	return params.toString();
}
