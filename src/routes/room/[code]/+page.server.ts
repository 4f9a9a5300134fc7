import { error } from '@sveltejs/kit';
import { directory } from '$lib/server/directory';
import { isJoinCode, normaliseJoinCode } from '$lib/shared/join-code';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const code = normaliseJoinCode(params.code);
	const workshop = isJoinCode(code) ? await directory().lookup(code) : null;
	if (!workshop) error(404, { message: 'No workshop has this join code.', kind: 'not-found-code' });
	locals.pageLanguage = workshop.language;
	return { workshop };
};
