import type { Handle } from '@sveltejs/kit';
import { directoryOf } from '$lib/server/directory';
import { parsePreferences, PREFERENCES_COOKIE } from '$lib/shared/preferences';

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.preferences = parsePreferences(event.cookies.get(PREFERENCES_COOKIE));
	event.locals.pageLanguage = null;
	event.locals.directory = directoryOf(event.platform);
	const response = await resolve(event, {
		// Runs after load functions, so a workshop's language can set <html lang> on its pages.
		transformPageChunk: ({ html }) => {
			const p = event.locals.preferences;
			return html
				.replace('%rt.lang%', p.language ?? event.locals.pageLanguage ?? 'en')
				.replace('%rt.theme%', p.theme)
				.replace('%rt.text%', p.textSize)
				.replace('%rt.easy%', p.easyRead ? 'on' : 'off');
		}
	});
	response.headers.set('referrer-policy', 'no-referrer');
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};
