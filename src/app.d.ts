import type { Preferences } from '$lib/shared/preferences';
import type { Language, RequestWithDirectory, WorkshopDirectory } from '$lib/shared/workshop';

declare global {
	namespace App {
		interface Locals {
			preferences: Preferences;
			/** The language a page falls back to when the person has not chosen one (a workshop's). */
			pageLanguage: Language | null;
			/** The running server's workshops (see $lib/server/directory). */
			directory: WorkshopDirectory | null;
		}
		interface Platform {
			/** The Node request, from adapter-node. */
			req?: RequestWithDirectory;
		}
		interface PageData {
			preferences: Preferences;
		}
		interface PageState {
			/** Set by "Start a workshop": the console takes focus on its heading when it opens. */
			created?: boolean;
		}
		interface Error {
			message: string;
			kind?: 'not-found-code' | 'too-many-guesses';
		}
	}
}

export {};
