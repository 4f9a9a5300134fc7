/**
 * Invariant 2 (authority): a facilitator action tried by a participant, or by a connection with no
 * session, is refused with a clear error and changes nothing. Facilitator-only data never reaches
 * a participant's socket.
 */
import { describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	connect,
	failure,
	joinAs,
	openWorkshop,
	participantsWhere,
	peopleOf,
	record,
	request,
	unwrap,
	waitFor,
	yjsClient
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

describe('facilitator actions from other connections', () => {
	it('refuses workshop:rename from a participant and from a socket with no session, changing nothing', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url, 'Original title');
		const meta = docName(opened.workshopId, 'meta');
		const watcher = yjsClient(server.url, meta, opened.yjsTicket);
		await watcher.synced;
		const titlesSeen: unknown[] = [];
		watcher.doc
			.getMap('meta')
			.observe(() => titlesSeen.push(watcher.doc.getMap('meta').get('title')));

		const p = await joinAs(server.url, created.code, 'Gale');
		const resumedSocket = await connect(server.url);
		unwrap(
			await request(resumedSocket, 'participant:resume', {
				code: created.code,
				participantId: p.welcome.participantId,
				participantKey: p.welcome.participantKey
			})
		);
		const stranger = await connect(server.url);

		for (const socket of [p.socket, resumedSocket]) {
			const reply = await request(socket, 'workshop:rename', { title: 'Hijacked' });
			expect(reply).toEqual({
				ok: false,
				error: { code: 'not-allowed', message: expect.any(String) }
			});
		}
		expect(failure(await request(stranger, 'workshop:rename', { title: 'Hijacked' }))).toEqual({
			code: 'not-joined',
			message: expect.any(String)
		});

		// Nothing changed: not the stored workshop, not the live document, not a fresh sync of it.
		expect(unwrap(await request(stranger, 'workshop:lookup', { code: created.code })).title).toBe(
			'Original title'
		);
		const room = await server.server.services.rooms.loaded(meta);
		expect(room?.doc.getMap('meta').get('title')).toBe('Original title');
		const late = yjsClient(server.url, meta, p.welcome.yjsTicket);
		await late.synced;
		expect(late.doc.getMap('meta').get('title')).toBe('Original title');

		// The watcher is live: a real rename reaches it, and it never saw "Hijacked" on the way.
		unwrap(await request(facilitator, 'workshop:rename', { title: 'Renamed by facilitator' }));
		await waitFor(() => watcher.doc.getMap('meta').get('title') === 'Renamed by facilitator');
		expect(titlesSeen).toEqual(['Renamed by facilitator']);
	});

	it('does not treat a participant key as a facilitator key', async () => {
		const { created } = await openWorkshop(server.url, 'Keys apart');
		const p = await joinAs(server.url, created.code, 'Hal');
		const reply = await request(p.socket, 'facilitator:open', {
			facilitatorKey: p.welcome.participantKey
		});
		expect(failure(reply)?.code).toBe('link-not-valid');
		// The participant's session is untouched and still not a facilitator's.
		expect(failure(await request(p.socket, 'workshop:rename', { title: 'Mine now' }))?.code).toBe(
			'not-allowed'
		);
	});

	it('never sends the list of people to a participant, across a whole join and leave session', async () => {
		const { facilitator, created } = await openWorkshop(server.url, 'Who is here');
		const facLists = record(facilitator, 'people');

		const ivy = await connect(server.url);
		const jo = await connect(server.url);
		const ivyLists = record(ivy, 'people');
		const joLists = record(jo, 'people');
		const ivyPresence = record(ivy, 'presence');

		const ivyWelcome = unwrap(
			await request(ivy, 'participant:join', { code: created.code, name: 'Ivy', role: 'carer' })
		);
		const joWelcome = unwrap(
			await request(jo, 'participant:join', { code: created.code, name: 'Jo', role: 'other' })
		);
		unwrap(await request(facilitator, 'workshop:rename', { title: 'Who is here now' }));
		const joAway = participantsWhere(facilitator, (l) => l.some((x) => x.name === 'Jo' && !x.here));
		jo.disconnect();
		await joAway;
		const jo2 = await connect(server.url);
		const jo2Lists = record(jo2, 'people');
		const joBack = participantsWhere(facilitator, (l) => l.some((x) => x.name === 'Jo' && x.here));
		unwrap(
			await request(jo2, 'participant:resume', {
				code: created.code,
				participantId: joWelcome.participantId,
				participantKey: joWelcome.participantKey
			})
		);
		await joBack;

		// A round trip on each participant socket: anything emitted to it earlier has arrived by now.
		for (const s of [ivy, jo2]) unwrap(await request(s, 'workshop:lookup', { code: created.code }));

		expect(facLists.length).toBeGreaterThanOrEqual(4);
		expect(
			peopleOf(facilitator)
				.map((x) => x.id)
				.sort()
		).toEqual([ivyWelcome.participantId, joWelcome.participantId].sort());
		// Head counts are gathered for a moment before they go out.
		await expect.poll(() => ivyPresence.length).toBeGreaterThan(0);
		expect(ivyLists).toEqual([]);
		expect(joLists).toEqual([]);
		expect(jo2Lists).toEqual([]);
	});
});
