/** App-wide state classes, created once per page load by the root layout and passed by context. */
import { getContext, setContext } from 'svelte';
import type { Announcer } from './announcer.svelte';
import type { Settings } from './settings.svelte';
import type { SettingsSections } from './settings-sections.svelte';

export interface AppContext {
	settings: Settings;
	announcer: Announcer;
	/** The page's own parts of the Settings panel (absent where a page has none to add). */
	settingsSections?: SettingsSections;
}

const KEY = Symbol('roundtable.app');

export function setApp(app: AppContext): AppContext {
	return setContext(KEY, app);
}

export function getApp(): AppContext {
	return getContext<AppContext>(KEY);
}
