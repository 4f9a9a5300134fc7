import type { Handle } from '@sveltejs/kit';
import { wordsFor } from '$lib/i18n';
import { directoryOf } from '$lib/server/directory';
import { parsePreferences, PREFERENCES_COOKIE } from '$lib/shared/preferences';
import { WORDS_ELEMENT_ID, wordsForHtml } from '$lib/words';
import { SECURITY_HEADERS, withOwnSockets } from '../server/security-headers.ts';

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.preferences = parsePreferences(event.cookies.get(PREFERENCES_COOKIE));
	event.locals.pageLanguage = null;
	event.locals.directory = directoryOf(event.platform);
	const response = await resolve(event, {
		// Runs after load functions, so a workshop's language can set <html lang> on its pages.
		// The page's catalogue goes with it, in its language only (the browser bundle holds none).
		transformPageChunk: ({ html }) => {
			const p = event.locals.preferences;
			const language = p.language ?? event.locals.pageLanguage ?? 'en';
			// Data, never run; it still carries Kit's nonce, as every inline script of ours does.
			const nonce = /<script[^>]*\snonce="([^"]+)"/.exec(html)?.[1];
			const words = `<script type="application/json" id="${WORDS_ELEMENT_ID}"${nonce ? ` nonce="${nonce}"` : ''}>${wordsForHtml(wordsFor(language))}</script>`;
			return html
				.replace('%rt.lang%', language)
				.replace('%rt.words%', () => words)
				.replace('%rt.theme%', p.theme)
				.replace('%rt.text%', p.textSize)
				.replace('%rt.easy%', p.easyRead ? 'on' : 'off');
		}
	});
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	const csp = response.headers.get('content-security-policy');
	if (csp) {
		response.headers.set(
			'content-security-policy',
			withOwnSockets(csp, event.request.headers.get('host'))
		);
	}
	return response;
};
