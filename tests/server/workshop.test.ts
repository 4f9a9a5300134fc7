/** Creating, joining, resuming and opening workshops, over real sockets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	closeClients,
	connect,
	failure,
	joinAs,
	nextEvent,
	openWorkshop,
	participantsWhere,
	request,
	unwrap
} from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
	server = await startTestServer();
	other = await startTestServer({ publicOrigin: 'https://rt.example.org' });
});
afterAll(async () => {
	closeClients();
	await server.stop();
	await other.stop();
});

/** A well-formed id or key that no one was given. */
const STRANGER = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('joining a workshop', () => {
	it('tells the facilitator who arrives and leaves, unasked, and tells everyone how many are here', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url, 'Housing forum');
		expect(opened.workshop.title).toBe('Housing forum');
		expect(opened.participants).toEqual([]);

		const ada = await connect(server.url);
		const facPeople = nextEvent(facilitator, 'people');
		const facPresence = nextEvent(facilitator, 'presence');
		const adaPresence = nextEvent(ada, 'presence');
		const adaWelcome = unwrap(
			await request(ada, 'participant:join', {
				code: created.code,
				name: 'Ada',
				role: 'lived-experience'
			})
		);
		expect(adaWelcome.workshop.title).toBe('Housing forum');
		expect(adaWelcome.here).toBe(1);
		expect(await facPeople).toEqual({
			change: 'joined',
			person: { id: adaWelcome.participantId, name: 'Ada', role: 'lived-experience', here: true }
		});
		expect(await facPresence).toEqual({ count: 1 });
		expect(await adaPresence).toEqual({ count: 1 });

		const adaSeesTwo = nextEvent(ada, 'presence');
		const facSeesTwo = nextEvent(facilitator, 'presence');
		const bo = await joinAs(server.url, created.code, 'Bo', 'professional');
		expect(await adaSeesTwo).toEqual({ count: 2 });
		expect(await facSeesTwo).toEqual({ count: 2 });

		const boGone = participantsWhere(facilitator, (list) =>
			list.some((p) => p.id === bo.welcome.participantId && !p.here)
		);
		const adaSeesOne = nextEvent(ada, 'presence');
		bo.socket.disconnect();
		expect(await boGone).toEqual([
			{ id: adaWelcome.participantId, name: 'Ada', role: 'lived-experience', here: true },
			{ id: bo.welcome.participantId, name: 'Bo', role: 'professional', here: false }
		]);
		expect(await adaSeesOne).toEqual({ count: 1 });
	});

	it('accepts a join code typed in lower case with spaces or dashes', async () => {
		const { created } = await openWorkshop(server.url, 'Codes');
		const typed = `${created.code.slice(0, 3)}-${created.code.slice(3)}`.toLowerCase();
		const s = await connect(server.url);
		const found = unwrap(await request(s, 'workshop:lookup', { code: ` ${typed} ` }));
		expect(found.title).toBe('Codes');
		expect(found.code).toBe(created.code);
	});

	it('answers a wrong join code with not-found on the code field', async () => {
		const { created } = await openWorkshop(server.url, 'Real one');
		const s = await connect(server.url);
		const wrong = created.code === 'ACDEFG' ? 'ACDEFH' : 'ACDEFG';
		const reply = await request(s, 'workshop:lookup', { code: wrong });
		expect(reply).toEqual({
			ok: false,
			error: { code: 'not-found', message: expect.any(String), field: 'code' }
		});
		const join = await request(s, 'participant:join', { code: wrong, name: 'Kim', role: 'carer' });
		expect(failure(join)).toMatchObject({ code: 'not-found', field: 'code' });
	});
});

describe('coming back', () => {
	it('resumes a participant with the stored id and key, as the same person', async () => {
		const { facilitator, created } = await openWorkshop(server.url, 'Resume me');
		const first = await joinAs(server.url, created.code, 'Cato', 'other');
		const away = participantsWhere(facilitator, (list) => list.length === 1 && !list[0].here);
		first.socket.disconnect();
		await away;

		const back = participantsWhere(facilitator, (list) => list.length === 1 && list[0].here);
		const again = await connect(server.url);
		const resumed = unwrap(
			await request(again, 'participant:resume', {
				code: created.code,
				participantId: first.welcome.participantId,
				participantKey: first.welcome.participantKey
			})
		);
		expect(resumed.participantId).toBe(first.welcome.participantId);
		expect(resumed.name).toBe('Cato');
		expect(resumed.role).toBe('other');
		expect(resumed.workshop.title).toBe('Resume me');
		// Resuming adds nobody: the facilitator still sees one person, here again.
		expect(await back).toEqual([
			{ id: first.welcome.participantId, name: 'Cato', role: 'other', here: true }
		]);
	});

	it('refuses a wrong key or an unknown id with link-not-valid and tells nothing about the workshop', async () => {
		const { created } = await openWorkshop(server.url, 'Secret title');
		const p = await joinAs(server.url, created.code, 'Dara');
		const s = await connect(server.url);
		const attempts = [
			{ participantId: p.welcome.participantId, participantKey: STRANGER },
			{ participantId: STRANGER, participantKey: p.welcome.participantKey },
			// The participant's own id as its key, and the facilitator key as a participant key.
			{ participantId: p.welcome.participantId, participantKey: p.welcome.participantId },
			{ participantId: p.welcome.participantId, participantKey: created.facilitatorKey }
		];
		for (const ids of attempts) {
			const reply = await request(s, 'participant:resume', { code: created.code, ...ids });
			expect(reply).toEqual({
				ok: false,
				error: { code: 'link-not-valid', message: expect.any(String) }
			});
			const text = JSON.stringify(reply);
			for (const secret of ['Secret title', 'Dara', created.workshopId, p.welcome.participantKey])
				expect(text).not.toContain(secret);
		}
		// A refused resume opens no session.
		expect(failure(await request(s, 'workshop:rename', { title: 'Taken over' }))?.code).toBe(
			'not-joined'
		);
	});

	it('refuses facilitator:open with a wrong key and reveals no workshop data', async () => {
		const { created } = await openWorkshop(server.url, 'Private planning');
		const p = await joinAs(server.url, created.code, 'Eli');
		const s = await connect(server.url);
		for (const facilitatorKey of [
			STRANGER,
			created.facilitatorKey.slice(0, -1) + (created.facilitatorKey.endsWith('A') ? 'B' : 'A'),
			p.welcome.participantKey,
			created.workshopId
		]) {
			const reply = await request(s, 'facilitator:open', { facilitatorKey });
			expect(reply).toEqual({
				ok: false,
				error: { code: 'link-not-valid', message: expect.any(String) }
			});
			const text = JSON.stringify(reply);
			for (const secret of ['Private planning', created.code, created.workshopId, 'Eli'])
				expect(text).not.toContain(secret);
		}
		expect(failure(await request(s, 'workshop:rename', { title: 'Taken over' }))?.code).toBe(
			'not-joined'
		);
	});

	it('opens the same workshop for a second facilitator holding the key', async () => {
		const { created } = await openWorkshop(server.url, 'Co-facilitated');
		const p = await joinAs(server.url, created.code, 'Fen');
		const co = await connect(server.url);
		const opened = unwrap(
			await request(co, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
		);
		expect(opened.workshop.title).toBe('Co-facilitated');
		expect(opened.participants).toEqual([
			{ id: p.welcome.participantId, name: 'Fen', role: 'carer', here: true }
		]);
		expect(opened.joinPath).toBe(`/j/${created.code}`);
		// No PUBLIC_ORIGIN and no Origin header from this client: the browser builds the link itself.
		expect(opened.joinUrl).toBeNull();
		expect(opened.qrSvg).toBeNull();
	});
});

describe('PUBLIC_ORIGIN', () => {
	it('builds the join link and its QR code from the configured origin', async () => {
		const { created, opened } = await openWorkshop(other.url, 'Public');
		expect(opened.joinUrl).toBe(`https://rt.example.org/j/${created.code}`);
		expect(opened.qrSvg).toMatch(/^<svg/);
		expect(opened.joinPath).toBe(`/j/${created.code}`);
	});
});
