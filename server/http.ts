/** The plain HTTP part: health check first, then the SvelteKit app. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_DIRECTORY, type RequestWithDirectory } from '../src/lib/shared/workshop.ts';
import { clientAddress } from './client-address.ts';
import { NON_PAGE_CSP, SECURITY_HEADERS } from './security-headers.ts';
import type { Services } from './services.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function requestListener(kitHandler: Handler, services: Services) {
	return (req: IncomingMessage, res: ServerResponse) => {
		// Set first so static files carry them too; pages set the same through the Kit hook.
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
		if (req.url === '/healthz') return void health(res, services);
		if (req.url === '/readyz') return void ready(res, services);
		// Server-rendered pages find this server's workshops on their own request (see
		// src/lib/server/directory.ts), never through a global: two servers in one process stay apart.
		// Bound to the address the request came from, so guessing join codes is slowed per address.
		(req as IncomingMessage & RequestWithDirectory)[REQUEST_DIRECTORY] =
			services.workshops.directoryFor(
				services.limits.codes,
				clientAddress(
					req.socket.remoteAddress,
					req.headers['x-forwarded-for'],
					services.config.trustProxy ?? 0
				)
			);
		kitHandler(req, res, () => {
			res.statusCode = 404;
			res.setHeader('content-type', 'text/plain; charset=utf-8');
			res.setHeader('content-security-policy', NON_PAGE_CSP);
			res.end('Not found');
		});
	};
}

function json(res: ServerResponse, status: number, body: object) {
	res.statusCode = status;
	res.setHeader('content-type', 'application/json');
	res.setHeader('cache-control', 'no-store');
	res.setHeader('content-security-policy', NON_PAGE_CSP);
	res.end(JSON.stringify(body));
}

/**
 * Ready to take traffic: storage answers (a load balancer stops sending people to a node whose
 * database has gone away, while /healthz only says the process is alive and serving).
 */
async function ready(res: ServerResponse, services: Services) {
	let storage = true;
	try {
		await services.storage.workshopByCode('------');
	} catch {
		storage = false;
	}
	// With several nodes, a node whose lease loop stopped could hold workshops it no longer renews.
	if (services.leases) {
		const leases = services.leases.running();
		return json(res, storage && leases ? 200 : 503, { ok: storage && leases, storage, leases });
	}
	json(res, storage ? 200 : 503, { ok: storage, storage });
}

async function health(res: ServerResponse, services: Services) {
	let ok = true;
	try {
		await services.storage.workshopByCode('------');
	} catch {
		ok = false;
	}
	res.statusCode = ok ? 200 : 503;
	res.setHeader('content-type', 'application/json');
	res.setHeader('cache-control', 'no-store');
	res.setHeader('content-security-policy', NON_PAGE_CSP);
	res.end(JSON.stringify({ ok }));
}
