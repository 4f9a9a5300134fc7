/**
 * What the server writes to its logs: events and ids, never keys, tickets or what people typed.
 * (Invariant 1 covers anonymity; names and secrets in logs are the first place that leaks.)
 */
import { describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	connect,
	joinAs,
	openWorkshop,
	rawRequest,
	rawYjs,
	request,
	unwrap,
	waitFor,
	yjsClient
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

describe('logs', () => {
	it('hold no facilitator key, participant key, name, title or yjs ticket after a whole session', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url, 'Quillfeather review');
		const p = await joinAs(server.url, created.code, 'Zebedee Quill', 'lived-experience');
		const back = await connect(server.url);
		const resumed = unwrap(
			await request(back, 'participant:resume', {
				code: created.code,
				participantId: p.welcome.participantId,
				participantKey: p.welcome.participantKey
			})
		);
		unwrap(await request(facilitator, 'workshop:rename', { title: 'Quillfeather review, day 2' }));
		const meta = docName(opened.workshopId, 'meta');
		const y = yjsClient(server.url, meta, p.welcome.yjsTicket);
		await y.synced;
		await waitFor(() => y.doc.getMap('meta').get('title') === 'Quillfeather review, day 2');

		// Failures are logged too; they must not carry what was sent either.
		await rawRequest(back, 'participant:join', {
			code: created.code,
			name: 'Zebedee Quill\u202e',
			role: 'carer'
		});
		await rawRequest(back, 'facilitator:open', { facilitatorKey: p.welcome.participantKey });
		await rawYjs(server.url, `${meta}?t=${p.welcome.yjsTicket}x`);
		const bad = await rawYjs(server.url, `${meta}?t=${resumed.yjsTicket}`);
		if (bad.opened) bad.ws.send('Zebedee Quill as text');
		p.socket.disconnect();
		await waitFor(() => server.logs.some((l) => l.includes('"yjs.connection-closed"')));
		await waitFor(() => server.logs.some((l) => l.includes('"yjs.upgrade-refused"')));

		const all = server.logs.join('\n');
		expect(all).toContain('"workshop.created"');
		expect(all).toContain('"participant.joined"');
		for (const secret of [
			created.facilitatorKey,
			p.welcome.participantKey,
			p.welcome.yjsTicket,
			resumed.yjsTicket,
			opened.yjsTicket,
			'Zebedee',
			'Quill'
		]) {
			expect(all).not.toContain(secret);
		}
		// Every line is one JSON object.
		for (const line of server.logs) expect(() => JSON.parse(line)).not.toThrow();
	});
});
