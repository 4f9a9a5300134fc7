import { error, json } from '@sveltejs/kit';
import { wordsFor } from '$lib/i18n';
import { LANGUAGES, type Language } from '$lib/shared/workshop';
import type { RequestHandler } from './$types';

/** One language's catalogue, for a page whose person switches to a language it does not hold. */
export const GET: RequestHandler = ({ params }) => {
	const language = LANGUAGES.find((l: Language) => l === params.lang);
	if (!language) error(404, { message: 'No such language.' });
	return json(wordsFor(language), { headers: { 'cache-control': 'no-cache' } });
};
