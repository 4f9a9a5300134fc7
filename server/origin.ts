/**
 * Which web pages may open our sockets. Browsers always send `Origin` on WebSocket upgrades and on
 * cross-site requests, so checking it stops any other site from driving the API from its visitors'
 * browsers. Clients that are not browsers (the stock Node clients) send none and are let through:
 * they hold no visitor's cookies or network position to abuse.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';

/** `PUBLIC_ORIGIN` when it is set, or else the origin the request itself was made to. */
export function expectedOrigin(req: IncomingMessage, publicOrigin: string | null): string | null {
	if (publicOrigin) return publicOrigin;
	const host = req.headers.host;
	if (!host) return null;
	const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
	return `${scheme}://${host.toLowerCase()}`;
}

export function originAllowed(req: IncomingMessage, publicOrigin: string | null): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) return true;
	return origin.toLowerCase() === expectedOrigin(req, publicOrigin);
}

/** Said to a refused browser page's developer; it never reaches the people using Roundtable. */
export const ORIGIN_REFUSED =
	'This page may not connect here: its Origin is not this server. If you run the server, set PUBLIC_ORIGIN to the address people use.';

const STATUS_TEXT: Record<number, string> = { 403: 'Forbidden', 429: 'Too Many Requests' };

/** Answers an upgrade request with a plain HTTP error and ends the connection. */
export function refuseUpgrade(
	socket: Duplex,
	status: 403 | 429,
	message: string,
	headers: Record<string, string> = {}
) {
	const extra = Object.entries(headers)
		.map(([k, v]) => `${k}: ${v}\r\n`)
		.join('');
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\n` +
			`Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n` +
			`${extra}\r\n${message}`
	);
	// A client that never closes its side would otherwise hold the socket open.
	setTimeout(() => socket.destroy(), 1000).unref();
}
