import type { Preferences } from '$lib/shared/preferences';
import type { Language } from '$lib/shared/workshop';

declare global {
	namespace App {
		interface Locals {
			preferences: Preferences;
			/** The language a page falls back to when the person has not chosen one (a workshop's). */
			pageLanguage: Language | null;
		}
		interface PageData {
			preferences: Preferences;
		}
		interface Error {
			message: string;
			kind?: 'not-found-code';
		}
	}
}

export {};
