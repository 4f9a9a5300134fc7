/** App-wide state classes, created once per page load by the root layout and passed by context. */
import { getContext, setContext } from 'svelte';
import type { Announcer } from './announcer.svelte';
import type { Settings } from './settings.svelte';

export interface AppContext {
	settings: Settings;
	announcer: Announcer;
}

const KEY = Symbol('roundtable.app');

export function setApp(app: AppContext): AppContext {
	return setContext(KEY, app);
}

export function getApp(): AppContext {
	return getContext<AppContext>(KEY);
}
