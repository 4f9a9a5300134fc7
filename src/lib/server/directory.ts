/** The running server's workshop directory, for server-rendered pages (see server/services.ts). */
import { error } from '@sveltejs/kit';
import { isJoinCode, normaliseJoinCode } from '$lib/shared/join-code';
import { DIRECTORY_KEY, type WorkshopDirectory, type WorkshopPublic } from '$lib/shared/workshop';

export function directory(): WorkshopDirectory {
	const found = (globalThis as Record<symbol, unknown>)[DIRECTORY_KEY] as
		WorkshopDirectory | undefined;
	if (!found) throw new Error('Roundtable services are not running in this process.');
	return found;
}

/**
 * The workshop a join code names, for pages under a code (join, room screen): a clear 404 page for
 * an unknown code, and the workshop's language for the page when the person has not chosen one.
 */
export async function workshopForCode(
	rawCode: string,
	locals: App.Locals
): Promise<WorkshopPublic> {
	const code = normaliseJoinCode(rawCode);
	const workshop = isJoinCode(code) ? await directory().lookup(code) : null;
	if (!workshop) error(404, { message: 'No workshop has this join code.', kind: 'not-found-code' });
	locals.pageLanguage = workshop.language;
	return workshop;
}
