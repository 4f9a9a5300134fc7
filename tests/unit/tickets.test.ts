import { describe, it, expect } from 'vitest';
import { TICKET_TTL_MS, TicketBook } from '../../server/tickets.ts';

const W1 = 'AbCdEfGhIjKlMnOpQrStUv';
const W2 = 'ZyXwVuTsRqPoNmLkJiHgFe';

function clock(start = 1_700_000_000_000) {
	let t = start;
	return {
		now: () => t,
		set: (ms: number) => {
			t = ms;
		},
		advance: (ms: number) => {
			t += ms;
		}
	};
}

describe('TicketBook', () => {
	it('lasts 12 hours', () => {
		expect(TICKET_TTL_MS).toBe(12 * 60 * 60 * 1000);
	});

	it('issues a ticket that checks out with its workshop and writable kinds', () => {
		const c = clock();
		const book = new TicketBook(c.now);
		const id = book.issue(W1, ['meta']);
		expect(book.check(id)).toEqual({
			workshopId: W1,
			writable: ['meta'],
			expiresAt: c.now() + TICKET_TTL_MS,
			holder: 'participant'
		});
	});

	it('records who holds a ticket, so a guard can tell facilitators, participants and room screens apart', () => {
		const book = new TicketBook(clock().now);
		expect(book.check(book.issue(W1, ['agenda'], 'facilitator'))?.holder).toBe('facilitator');
		expect(book.check(book.issue(W1, [], 'room'))?.holder).toBe('room');
	});

	it('keeps a read-only ticket read-only', () => {
		const book = new TicketBook(clock().now);
		const id = book.issue(W1, []);
		expect(book.check(id)?.writable).toEqual([]);
	});

	it('issues unguessable ids: 22 base64url characters, all different', () => {
		const book = new TicketBook(clock().now);
		const ids = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const id = book.issue(W1, []);
			expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
			ids.add(id);
		}
		expect(ids.size).toBe(200);
	});

	it('keeps tickets of different workshops apart', () => {
		const book = new TicketBook(clock().now);
		const a = book.issue(W1, ['meta']);
		const b = book.issue(W2, []);
		expect(book.check(a)?.workshopId).toBe(W1);
		expect(book.check(b)?.workshopId).toBe(W2);
		expect(book.check(b)?.writable).toEqual([]);
	});

	it.each([
		['null', null],
		['empty', ''],
		['unknown', 'AAAAAAAAAAAAAAAAAAAAAA'],
		['prototype name', '__proto__'],
		['constructor', 'constructor']
	])('refuses a %s ticket', (_label, id) => {
		const book = new TicketBook(clock().now);
		book.issue(W1, ['meta']);
		expect(book.check(id)).toBeNull();
	});

	it('is valid until just before TICKET_TTL_MS, and not at it', () => {
		const c = clock();
		const book = new TicketBook(c.now);
		const id = book.issue(W1, ['meta']);
		c.advance(TICKET_TTL_MS - 1);
		expect(book.check(id)).not.toBeNull();
		c.advance(1);
		expect(book.check(id)).toBeNull();
		c.advance(1000);
		expect(book.check(id)).toBeNull();
	});

	it('can be checked many times while valid', () => {
		const c = clock();
		const book = new TicketBook(c.now);
		const id = book.issue(W1, []);
		for (let i = 0; i < 5; i++) {
			c.advance(60_000);
			expect(book.check(id)?.workshopId).toBe(W1);
		}
	});

	it('sweeps expired tickets when it issues a new one', () => {
		const c = clock();
		const start = c.now();
		const book = new TicketBook(c.now);
		const old = book.issue(W1, ['meta']);
		c.advance(TICKET_TTL_MS);
		book.issue(W2, []);
		// Turn the clock back: a ticket still in the map would check out again; a swept one cannot.
		c.set(start);
		expect(book.check(old)).toBeNull();
	});

	it('does not sweep tickets that are still valid', () => {
		const c = clock();
		const start = c.now();
		const book = new TicketBook(c.now);
		const keep = book.issue(W1, ['meta']);
		c.advance(TICKET_TTL_MS - 1);
		book.issue(W2, []);
		c.set(start);
		expect(book.check(keep)?.workshopId).toBe(W1);
	});
});
