/**
 * The addresses to tell the person who started the server: phones in the room cannot open
 * "localhost", so list the machine's own network addresses too (or the public origin, if set).
 */
import type { NetworkInterfaceInfo } from 'node:os';

export function phoneAddresses(
	host: string,
	port: number,
	interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
	publicOrigin: string | null
): { local: string; network: string[] } {
	const local = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : bracket(host)}:${port}`;
	if (publicOrigin) return { local, network: [publicOrigin] };
	const everywhere = host === '0.0.0.0' || host === '::';
	if (!everywhere) return { local, network: isLoopback(host) ? [] : [local] };
	const network = Object.values(interfaces)
		.flat()
		.filter((i): i is NetworkInterfaceInfo => !!i && !i.internal)
		// IPv4 first: it is what people type; link-local IPv6 addresses need a zone and rarely work.
		.filter((i) => i.family === 'IPv4' || (host === '::' && !i.address.startsWith('fe80')))
		.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1))
		.map((i) => `http://${bracket(i.address)}:${port}`);
	return { local, network: [...new Set(network)] };
}

export function startLine(addresses: { local: string; network: string[] }): string {
	const lines = [`Roundtable is running at ${addresses.local}`];
	if (addresses.network.length > 0)
		lines.push(`Phones on the same network can open: ${addresses.network.join(', ')}`);
	else
		lines.push(
			'Phones cannot reach this address. Set HOST=0.0.0.0, or PUBLIC_ORIGIN behind a proxy.'
		);
	return lines.join('\n');
}

const isLoopback = (host: string) =>
	host === 'localhost' || host === '::1' || host.startsWith('127.');
const bracket = (address: string) => (address.includes(':') ? `[${address}]` : address);
