/**
 * The running server's workshop directory, for server-rendered pages. The Node server hands it to
 * each request (on the request Kit's adapter passes as `platform.req`), so two servers in one
 * process each answer for their own workshops. Under `vite dev` there is no such request object;
 * there, and only there, the dev server leaves its one directory under a well-known symbol.
 */
import { error } from '@sveltejs/kit';
import { isJoinCode, normaliseJoinCode } from '$lib/shared/join-code';
import {
	DEV_DIRECTORY,
	REQUEST_DIRECTORY,
	type WorkshopDirectory,
	type WorkshopPublic
} from '$lib/shared/workshop';

export function directoryOf(platform: App.Platform | undefined): WorkshopDirectory | null {
	const fromRequest = platform?.req?.[REQUEST_DIRECTORY];
	if (fromRequest) return fromRequest;
	const dev = (globalThis as Record<symbol, WorkshopDirectory | undefined>)[DEV_DIRECTORY];
	return import.meta.env.DEV && dev ? dev : null;
}

/**
 * The workshop a join code names, for pages under a code (join, room screen): a clear 404 page for
 * an unknown code, and the workshop's language for the page when the person has not chosen one.
 */
export async function workshopForCode(
	rawCode: string,
	locals: App.Locals
): Promise<WorkshopPublic> {
	if (!locals.directory) throw new Error('Roundtable services are not running in this process.');
	const code = normaliseJoinCode(rawCode);
	const found = isJoinCode(code) ? await locals.directory.lookup(code) : null;
	if (found?.refused) {
		error(429, {
			message:
				'Too many join codes were tried from here. Please wait a few minutes, then check the code and try again.',
			kind: 'too-many-guesses'
		});
	}
	const workshop = found?.workshop;
	if (!workshop) error(404, { message: 'No workshop has this join code.', kind: 'not-found-code' });
	locals.pageLanguage = workshop.language;
	return workshop;
}
