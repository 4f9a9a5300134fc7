import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { phoneAddresses, startLine } from '../../server/addresses.ts';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
	({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;

const interfaces = {
	lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
	wlan0: [nic('192.168.1.23', 'IPv4'), nic('fe80::1', 'IPv6')]
};

describe('addresses a phone can use', () => {
	it('lists the network addresses when listening everywhere, never the loopback', () => {
		const a = phoneAddresses('0.0.0.0', 3000, interfaces, null);
		expect(a).toEqual({ local: 'http://localhost:3000', network: ['http://192.168.1.23:3000'] });
		expect(startLine(a)).toBe(
			'Roundtable is running at http://localhost:3000\n' +
				'Phones on the same network can open: http://192.168.1.23:3000'
		);
	});

	it('uses the public origin when one is set', () => {
		const a = phoneAddresses('0.0.0.0', 3000, interfaces, 'https://rt.example.org');
		expect(a.network).toEqual(['https://rt.example.org']);
	});

	it('says plainly when phones cannot reach a loopback-only server', () => {
		const a = phoneAddresses('127.0.0.1', 4000, interfaces, null);
		expect(a).toEqual({ local: 'http://127.0.0.1:4000', network: [] });
		expect(startLine(a)).toContain('Phones cannot reach this address. Set HOST=0.0.0.0');
	});

	it('brackets IPv6 addresses', () => {
		const a = phoneAddresses('::', 3000, { eth0: [nic('2001:db8::5', 'IPv6')] }, null);
		expect(a.network).toEqual(['http://[2001:db8::5]:3000']);
	});
});
