/** The running server's workshop directory, for server-rendered pages (see server/services.ts). */
import { DIRECTORY_KEY, type WorkshopDirectory } from '$lib/shared/workshop';

export function directory(): WorkshopDirectory {
	const found = (globalThis as Record<symbol, unknown>)[DIRECTORY_KEY] as
		WorkshopDirectory | undefined;
	if (!found) throw new Error('Roundtable services are not running in this process.');
	return found;
}
