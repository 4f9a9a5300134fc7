/**
 * Limits per person and per address, through real sockets. The server trusts one proxy, so each
 * test speaks from addresses of its own (X-Forwarded-For) and the tests do not share budgets.
 */
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET } from '../../src/lib/shared/join-code.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	connect,
	failure,
	nextEvent,
	request,
	unwrap,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const LIMITS = {
	personCommandBurst: 20,
	personCommandsPerSecond: 1,
	workshopsPerAddressPerHour: 3,
	participantsPerWorkshop: 4,
	roomScreensPerAddressPerHour: 2,
	codeMissesFree: 5,
	codeMissDelayMs: 20,
	codeMissMaxDelayMs: 80,
	codeMissesRefused: 30
};
const server = useTestServer({ trustProxy: 1, limits: LIMITS });

let next = 0;
/** A fresh address for each caller, so budgets per address start full. */
const address = () => `198.51.100.${++next}`;

async function openFrom(from: string, title = 'Limits') {
	const facilitator = await connect(server.url, from);
	const created = unwrap(await request(facilitator, 'workshop:create', { title, language: 'en' }));
	const opened = unwrap(
		await request(facilitator, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
	);
	return { facilitator, created, opened };
}

async function joinFrom(from: string, code: string, name: string) {
	const socket = await connect(server.url, from);
	const welcome = unwrap(await request(socket, 'participant:join', { code, name, role: 'carer' }));
	return { socket, welcome };
}

/** A well-formed code, different for each i (the chance that a test's workshop has it is 1 in millions). */
const wrongCode = (i: number) => {
	const n = JOIN_CODE_ALPHABET.length;
	return Array.from({ length: 6 }, (_, k) => JOIN_CODE_ALPHABET[Math.floor(i / n ** k) % n]).join(
		''
	);
};

describe('one participant on many connections', () => {
	it('gets no more commands through on 50 connections than on one', async () => {
		const { created } = await openFrom(address());
		const from = address();
		const first = await joinFrom(from, created.code, 'Many tabs');
		const resumeOn = async (s: TestSocket) =>
			unwrap(
				await request(s, 'participant:resume', {
					code: created.code,
					participantId: first.welcome.participantId,
					participantKey: first.welcome.participantKey
				})
			);
		const sockets = [first.socket];
		for (let i = 0; i < 49; i++) {
			const s = await connect(server.url, from);
			await resumeOn(s);
			sockets.push(s);
		}
		const started = Date.now();
		// Five commands on each connection at once: 250 in all.
		const replies = await Promise.all(
			sockets.flatMap((s) =>
				Array.from({ length: 5 }, () => request(s, 'workshop:lookup', { code: created.code }))
			)
		);
		const seconds = (Date.now() - started) / 1000;
		const through = replies.filter((r) => r.ok).length;
		// One connection alone gets the person's burst (20) and 1 a second more; so do 50.
		expect(through).toBeLessThanOrEqual(LIMITS.personCommandBurst + Math.ceil(seconds) + 50);
		expect(through).toBeLessThanOrEqual(LIMITS.personCommandBurst + Math.ceil(seconds));
		expect(replies.filter((r) => !r.ok).every((r) => failure(r)?.code === 'too-fast')).toBe(true);
		// Someone else in the same workshop is not held back by it.
		const other = await joinFrom(address(), created.code, 'Someone else');
		expect((await request(other.socket, 'workshop:lookup', { code: created.code })).ok).toBe(true);
	});
});

describe('guessing join codes', () => {
	it('slows 200 wrong codes from one address, then refuses them; another address joins normally', async () => {
		const { created } = await openFrom(address(), 'Real workshop');
		const guesser = address();
		const timings: number[] = [];
		const statuses: number[] = [];
		let refusedPage = '';
		for (let i = 0; i < 200; i++) {
			const started = performance.now();
			const res = await fetch(`${server.url}/room/${wrongCode(i)}`, {
				headers: { 'x-forwarded-for': guesser }
			});
			timings.push(performance.now() - started);
			statuses.push(res.status);
			const body = await res.text();
			if (res.status === 429) refusedPage = body;
		}
		// The first few misses are answered at once (people mistype), then each waits longer.
		expect(statuses.slice(0, LIMITS.codeMissesFree)).toEqual(
			Array(LIMITS.codeMissesFree).fill(404)
		);
		const slowed = timings.slice(LIMITS.codeMissesFree + 2, LIMITS.codeMissesRefused);
		expect(Math.min(...slowed)).toBeGreaterThanOrEqual(LIMITS.codeMissDelayMs);
		// Then refused, with plain words, for every remaining guess.
		expect(statuses.slice(LIMITS.codeMissesRefused)).toEqual(
			Array(200 - LIMITS.codeMissesRefused).fill(429)
		);
		expect(statuses.filter((s) => s === 404)).toHaveLength(LIMITS.codeMissesRefused);
		expect(refusedPage).toContain('Too many join codes were tried from here.');

		// The refused address is refused on the socket too, even for the real code.
		const s = await connect(server.url, guesser);
		const join = await request(s, 'participant:join', {
			code: created.code,
			name: 'Guesser',
			role: 'carer'
		});
		expect(failure(join)).toMatchObject({ code: 'too-many-guesses', field: 'code' });
		expect(failure(join)?.message).toMatch(/Please wait \d+ minutes?/);

		// Another address opens the join page and joins, and is not slowed.
		const other = address();
		const pageStarted = performance.now();
		const page = await fetch(`${server.url}/j/${created.code}`, {
			headers: { 'x-forwarded-for': other }
		});
		expect(page.status).toBe(200);
		expect(performance.now() - pageStarted).toBeLessThan(1000);
		await joinFrom(other, created.code, 'Someone who knows the code');
	});

	it('counts socket lookups, joins, resumes and room screens the same way', async () => {
		const guesser = address();
		const s = await connect(server.url, guesser);
		const codes: string[] = [];
		for (let i = 0; i < LIMITS.codeMissesRefused; i++) {
			const attempt = i % 4;
			const code = wrongCode(1000 + i);
			const reply: { ok: boolean; error?: { code: string } } =
				attempt === 0
					? await request(s, 'workshop:lookup', { code })
					: attempt === 1
						? await request(s, 'participant:join', { code, name: 'X', role: 'carer' })
						: attempt === 2
							? await request(s, 'room:open', { code })
							: await request(s, 'participant:resume', {
									code,
									participantId: 'AAAAAAAAAAAAAAAAAAAAAA',
									participantKey: 'AAAAAAAAAAAAAAAAAAAAAA'
								});
			codes.push(reply.ok ? 'ok' : (reply.error?.code ?? ''));
		}
		expect(new Set(codes)).toEqual(new Set(['not-found']));
		const refused = await request(s, 'workshop:lookup', { code: wrongCode(5000) });
		expect(failure(refused)?.code).toBe('too-many-guesses');
	});
});

describe('each limit answers its clear message', () => {
	it('workshops started from one address in an hour', async () => {
		const from = address();
		const s = await connect(server.url, from);
		for (let i = 0; i < LIMITS.workshopsPerAddressPerHour; i++) {
			unwrap(await request(s, 'workshop:create', { title: `W${i}`, language: 'en' }));
		}
		const refused = await request(s, 'workshop:create', { title: 'One more', language: 'en' });
		expect(failure(refused)).toEqual({
			code: 'too-many-workshops',
			message: 'Too many workshops were started from here in the last hour. Please try again later.'
		});
		// A new connection from the same address gains nothing; another address may start one.
		const again = await connect(server.url, from);
		expect(
			failure(await request(again, 'workshop:create', { title: 'Again', language: 'en' }))?.code
		).toBe('too-many-workshops');
		await openFrom(address());
	});

	it('people in one workshop, counting people added without a device', async () => {
		const { facilitator, created } = await openFrom(address());
		unwrap(await request(facilitator, 'queue:addProxy', { name: 'No phone', role: 'carer' }));
		for (let i = 1; i < LIMITS.participantsPerWorkshop; i++) {
			await joinFrom(address(), created.code, `P${i}`);
		}
		const s = await connect(server.url, address());
		const full = await request(s, 'participant:join', {
			code: created.code,
			name: 'Late',
			role: 'carer'
		});
		expect(failure(full)).toEqual({
			code: 'workshop-full',
			message: 'This workshop is full. Please ask the facilitator.'
		});
		expect(
			failure(await request(facilitator, 'queue:addProxy', { name: 'Another', role: 'carer' }))
				?.code
		).toBe('workshop-full');
	});

	it('room screens: the same connection gets its live ticket back; an address opens only so many', async () => {
		const { created } = await openFrom(address());
		const from = address();
		const screen = await connect(server.url, from);
		const first = unwrap(await request(screen, 'room:open', { code: created.code }));
		for (let i = 0; i < 5; i++) {
			const again = unwrap(await request(screen, 'room:open', { code: created.code }));
			expect(again.yjsTicket).toBe(first.yjsTicket);
		}
		const tickets = server.server.services.tickets.size;
		const second = await connect(server.url, from);
		unwrap(await request(second, 'room:open', { code: created.code }));
		const third = await connect(server.url, from);
		expect(failure(await request(third, 'room:open', { code: created.code }))).toEqual({
			code: 'too-many-room-screens',
			message:
				'Too many room screens were opened from here in the last hour. Please use one that is open, or try again later.'
		});
		expect(server.server.services.tickets.size).toBe(tickets + 1);
		// The first screen's ticket still opens its documents.
		const y = yjsClient(server.url, docName(first.workshopId, 'meta'), first.yjsTicket);
		await y.synced;
	});
});

describe('Lock joining and Remove person', () => {
	it('refuses new people while locked, and still lets people who joined come back', async () => {
		const { facilitator, created } = await openFrom(address());
		const ada = await joinFrom(address(), created.code, 'Ada');
		const told = nextEvent(facilitator, 'joining');
		expect(unwrap(await request(facilitator, 'people:lock', { locked: true }))).toEqual({
			locked: true
		});
		expect(await told).toEqual({ locked: true });
		const s = await connect(server.url, address());
		expect(
			failure(
				await request(s, 'participant:join', { code: created.code, name: 'New', role: 'carer' })
			)
		).toEqual({
			code: 'joining-locked',
			message: 'The facilitator has locked joining. Please ask them to let you in.'
		});
		const back = await connect(server.url, address());
		unwrap(
			await request(back, 'participant:resume', {
				code: created.code,
				participantId: ada.welcome.participantId,
				participantKey: ada.welcome.participantKey
			})
		);
		// A facilitator opening the workshop sees it is locked; unlocking lets people in again.
		const reopened = unwrap(
			await request(await connect(server.url, address()), 'facilitator:open', {
				facilitatorKey: created.facilitatorKey
			})
		);
		expect(reopened.joiningLocked).toBe(true);
		unwrap(await request(facilitator, 'people:lock', { locked: false }));
		unwrap(
			await request(s, 'participant:join', { code: created.code, name: 'New', role: 'carer' })
		);
	});

	it('removes a person: hand down, connections told and closed, no way back', async () => {
		const { facilitator, created, opened } = await openFrom(address());
		const bo = await joinFrom(address(), created.code, 'Bo');
		const secondTab = await connect(server.url, address());
		unwrap(
			await request(secondTab, 'participant:resume', {
				code: created.code,
				participantId: bo.welcome.participantId,
				participantKey: bo.welcome.participantKey
			})
		);
		unwrap(await request(bo.socket, 'queue:raise', { kind: 'new' }));
		const yjs = yjsClient(server.url, docName(opened.workshopId, 'queue'), bo.welcome.yjsTicket);
		await yjs.synced;
		const yjsClosed = new Promise<number>((resolve) =>
			yjs.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0))
		);

		const told = [nextEvent(bo.socket, 'removed'), nextEvent(secondTab, 'removed')];
		const gone = [bo.socket, secondTab].map(
			(s) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)))
		);
		const listChange = nextEvent(facilitator, 'people');
		expect(
			unwrap(await request(facilitator, 'people:remove', { personId: bo.welcome.participantId }))
		).toEqual({ removed: bo.welcome.participantId });

		for (const notice of await Promise.all(told)) {
			expect(notice.message).toBe('A facilitator removed you from this workshop.');
		}
		expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
		expect(await yjsClosed).toBe(4403);
		expect(await listChange).toEqual({ change: 'removed', id: bo.welcome.participantId });
		// Their hand is gone from the queue.
		const queue = yjsClient(server.url, docName(opened.workshopId, 'queue'), opened.yjsTicket);
		await queue.synced;
		expect(JSON.stringify(queue.doc.toJSON())).not.toContain(bo.welcome.participantId);
		// They cannot come back, and their old ticket opens nothing.
		const again = await connect(server.url, address());
		const resumed = await request(again, 'participant:resume', {
			code: created.code,
			participantId: bo.welcome.participantId,
			participantKey: bo.welcome.participantKey
		});
		expect(failure(resumed)).toEqual({
			code: 'removed',
			message: 'A facilitator removed you from this workshop.'
		});
		expect(server.server.services.tickets.check(bo.welcome.yjsTicket)).toBeNull();
		// They are out of the facilitators' list.
		const reopened = unwrap(
			await request(facilitator, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
		);
		expect(reopened.participants.map((p) => p.id)).not.toContain(bo.welcome.participantId);
		// Removing them again, or someone unknown, is a clear not-found.
		expect(
			failure(await request(facilitator, 'people:remove', { personId: bo.welcome.participantId }))
				?.code
		).toBe('not-found');
	});

	it('is the facilitator’s alone: a participant cannot lock joining or remove anyone', async () => {
		const { facilitator, created } = await openFrom(address());
		const cy = await joinFrom(address(), created.code, 'Cy');
		const dee = await joinFrom(address(), created.code, 'Dee');
		expect(failure(await request(cy.socket, 'people:lock', { locked: true }))?.code).toBe(
			'not-allowed'
		);
		expect(
			failure(await request(cy.socket, 'people:remove', { personId: dee.welcome.participantId }))
				?.code
		).toBe('not-allowed');
		// Nothing changed: Dee is still in, joining is open.
		const reopened = unwrap(
			await request(facilitator, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
		);
		expect(reopened.joiningLocked).toBe(false);
		expect(reopened.participants.map((p) => p.name).sort()).toEqual(['Cy', 'Dee']);
	});

	it('refuses bad input to the new commands, changing nothing', async () => {
		const { facilitator } = await openFrom(address());
		for (const bad of [{}, [], { locked: 'yes' }, { locked: true, extra: 1 }, null]) {
			expect(failure(await request(facilitator, 'people:lock', bad as never))?.code).toBe(
				'bad-input'
			);
		}
		for (const bad of [
			{},
			[],
			{ personId: 'short' },
			{ personId: 42 },
			{ personId: 'x'.repeat(100) }
		]) {
			expect(failure(await request(facilitator, 'people:remove', bad as never))?.code).toBe(
				'bad-input'
			);
		}
		expect(
			failure(await request(facilitator, 'people:remove', { personId: 'AAAAAAAAAAAAAAAAAAAAAA' }))
				?.code
		).toBe('not-found');
	});
});
