import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from '../../server/client-address.ts';
import { CodeGuesses } from '../../server/code-guesses.ts';
import { DEFAULT_LIMITS } from '../../server/config.ts';
import { KeyedBuckets } from '../../server/rate-limit.ts';
import { TICKET_TTL_MS, TicketBook } from '../../server/tickets.ts';

const W = 'AbCdEfGhIjKlMnOpQrStUv';

function clock(start = 1_700_000_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('clientAddress', () => {
	it('ignores X-Forwarded-For unless told how many proxies there are', () => {
		expect(clientAddress('10.0.0.9', '203.0.113.7', 0)).toBe('10.0.0.9');
		expect(clientAddress('10.0.0.9', '198.51.100.1, 203.0.113.7', 1)).toBe('203.0.113.7');
		expect(clientAddress('10.0.0.9', '198.51.100.1, 203.0.113.7', 2)).toBe('198.51.100.1');
		// A client cannot choose its address by adding entries on the left.
		expect(clientAddress('10.0.0.9', 'forged, 1.1.1.1, 203.0.113.7', 1)).toBe('203.0.113.7');
		// Nonsense in the header falls back to the connection's own address.
		expect(clientAddress('10.0.0.9', 'not-an-address', 1)).toBe('10.0.0.9');
		expect(clientAddress('10.0.0.9', '203.0.113.7:5123', 1)).toBe('203.0.113.7');
	});

	it('counts an IPv6 address by its /64 and a mapped IPv4 address as IPv4', () => {
		expect(addressKey('::ffff:192.0.2.4')).toBe('192.0.2.4');
		expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
		expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
		expect(addressKey('')).toBe('unknown');
	});
});

describe('KeyedBuckets', () => {
	it('holds each key to its own burst and rate', () => {
		const c = clock();
		const b = new KeyedBuckets(3, 1, c.now);
		expect([b.take('a'), b.take('a'), b.take('a'), b.take('a')]).toEqual([true, true, true, false]);
		expect(b.take('b')).toBe(true);
		c.advance(1000);
		expect(b.take('a')).toBe(true);
		expect(b.take('a')).toBe(false);
	});

	it('forgets keys that have filled up again, and never holds more than its cap', () => {
		const c = clock();
		const b = new KeyedBuckets(2, 1, c.now, 100);
		for (let i = 0; i < 50; i++) b.take(`k${i}`);
		c.advance(10_000);
		for (let i = 0; i < 50; i++) b.take(`n${i}`);
		expect(b.size).toBeLessThanOrEqual(52);
		for (let i = 0; i < 1000; i++) b.take(`flood${i}`);
		expect(b.size).toBeLessThanOrEqual(101);
	});
});

describe('CodeGuesses', () => {
	const limits = {
		...DEFAULT_LIMITS,
		codeMissesFree: 3,
		codeMissDelayMs: 5,
		codeMissMaxDelayMs: 40,
		codeMissesRefused: 8
	};

	it('does not slow an address with no misses, then doubles the wait per miss up to a cap', () => {
		const g = new CodeGuesses(limits);
		expect([0, 1, 2].map((m) => g.delayFor(m))).toEqual([0, 0, 0]);
		expect([3, 4, 5, 6, 7].map((m) => g.delayFor(m))).toEqual([5, 10, 20, 40, 40]);
	});

	it('refuses an address after too many misses, for a while; another address is unaffected', async () => {
		const c = clock();
		const g = new CodeGuesses(limits, c.now);
		const miss = () => g.lookup('1.2.3.4', async () => null);
		const outcomes = [];
		for (let i = 0; i < 12; i++) outcomes.push(await miss());
		expect(outcomes.slice(0, 8).every((o) => !o.refused)).toBe(true);
		expect(outcomes.slice(8).every((o) => o.refused)).toBe(true);
		expect(await g.lookup('5.6.7.8', async () => 'found')).toEqual({
			refused: false,
			found: 'found'
		});
		// Misses age out: an hour later the address may try again.
		c.advance(3_600_000);
		expect((await miss()).refused).toBe(false);
	});

	it('gains nothing by firing many lookups at once once it has missed', async () => {
		const g = new CodeGuesses(limits);
		await g.lookup('9.9.9.9', async () => null);
		const burst = await Promise.all(
			Array.from({ length: 30 }, () => g.lookup('9.9.9.9', async () => null))
		);
		expect(burst.filter((o) => !o.refused).length).toBeLessThanOrEqual(limits.codeMissesRefused);
	});
});

describe('TicketBook sweep', () => {
	it('drops expired tickets as new ones are issued, without touching live ones', () => {
		const c = clock();
		const book = new TicketBook(c.now);
		for (let i = 0; i < 100; i++) book.issue(W, [], 'room');
		c.advance(TICKET_TTL_MS / 2);
		const live = book.issue(W, [], 'room');
		c.advance(TICKET_TTL_MS / 2);
		book.issue(W, [], 'room');
		expect(book.size).toBe(2);
		expect(book.check(live)).not.toBeNull();
	});

	it('revokes one person’s tickets and nobody else’s', () => {
		const book = new TicketBook(clock().now);
		const mine = [book.issue(W, [], 'participant', 'ada'), book.issue(W, [], 'participant', 'ada')];
		const theirs = book.issue(W, [], 'participant', 'bo');
		expect(book.revokePerson(W, 'ada').sort()).toEqual(mine.sort());
		expect(mine.map((t) => book.check(t))).toEqual([null, null]);
		expect(book.check(theirs)).not.toBeNull();
	});
});
