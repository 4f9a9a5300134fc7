/**
 * The address a request comes from, for limits per address. X-Forwarded-For is only believed when
 * the operator says how many reverse proxies stand in front (TRUST_PROXY): anyone can send that
 * header, so trusting it by default would let a client choose a fresh address for every request.
 * An IPv6 address counts by its /64 (one household or phone usually holds a whole /64), and an
 * IPv4 address written as IPv6 (`::ffff:1.2.3.4`) as the IPv4 address it is.
 */
import { isIP } from 'node:net';

export function clientAddress(
	remote: string | undefined,
	forwardedFor: string | string[] | undefined,
	trustProxy: number
): string {
	let address = remote ?? '';
	if (trustProxy > 0 && forwardedFor !== undefined) {
		const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
			.split(',')
			.map((h) => h.trim())
			.filter((h) => h !== '');
		// The rightmost entries were added by our own proxies; the one before them is the client
		// as the outermost trusted proxy saw it. Fewer entries than proxies: take the leftmost.
		const pick = hops[Math.max(0, hops.length - trustProxy)];
		if (pick !== undefined && isIP(stripPort(pick))) address = stripPort(pick);
	}
	return addressKey(address);
}

/** The key an address is counted under. */
export function addressKey(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1];
	if (isIP(address) !== 6) return address || 'unknown';
	return expand(address).slice(0, 4).join(':') + '::/64';
}

function stripPort(hop: string): string {
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
	if (bracketed) return bracketed[1];
	const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(hop);
	return v4 ? v4[1] : hop;
}

/** The eight groups of an IPv6 address (a zone such as `%eth0` dropped). */
function expand(address: string): string[] {
	const bare = address.split('%')[0].toLowerCase();
	const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, null];
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const fill = tail === null ? [] : Array(8 - left.length - right.length).fill('0');
	return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
