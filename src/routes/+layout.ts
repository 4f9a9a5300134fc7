import type { LayoutLoad } from './$types';

/**
 * The catalogue a page renders with. On the server every language is at hand (this import never
 * reaches the browser bundle); in the browser it is the one the server put into the page, so a
 * phone downloads one language's words, never all of them.
 */
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	words: import.meta.env.SSR
		? await import('$lib/i18n').then(({ wordsFor }) => [wordsFor('en'), wordsFor('cy')])
		: await import('$lib/client/catalogues.svelte').then(({ wordsInPage }) => wordsInPage())
});
