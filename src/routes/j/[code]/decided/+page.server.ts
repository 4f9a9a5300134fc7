import { workshopForCode } from '$lib/server/directory';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => ({
	workshop: await workshopForCode(params.code, locals)
});
