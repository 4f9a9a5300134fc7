/**
 * Actions through real sockets: owners chosen from the people here (including someone added
 * without a device), visible to all, "take" for a participant's own action, who may mark one done,
 * authority and bad input.
 */
import { describe, expect, it } from 'vitest';
import type { ActionsView } from '../../src/lib/features/actions/feature.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	failure,
	joinAs,
	openWorkshop,
	request,
	unwrap,
	waitFor,
	yjsClient
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();
/** A month from now: within the ten years a date may be ahead. */
const SOON = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

describe('actions', () => {
	it('are added for people here, seen by everyone, and marked done only by owners or facilitators', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url);
		const wid = opened.workshopId;
		const gwen = await joinAs(server.url, created.code, 'Gwen');
		const huw = await joinAs(server.url, created.code, 'Huw');
		const proxy = unwrap(
			await request(facilitator, 'queue:addProxy', { name: 'Iolo', role: 'carer' })
		);
		const w = yjsClient(server.url, docName(wid, 'actions'), huw.welcome.yjsTicket);
		await w.synced;
		const view = () => (w.doc.getMap('actions').get('view') as ActionsView | undefined)?.actions;

		const { id } = unwrap(
			await request(facilitator, 'actions:add', {
				what: 'Book the hall',
				owners: [gwen.welcome.participantId, proxy.personId],
				due: SOON
			})
		);
		await waitFor(() => view()?.length === 1);
		expect(view()).toEqual([
			{
				id,
				what: 'Book the hall',
				owners: [
					{ id: gwen.welcome.participantId, name: 'Gwen' },
					{ id: proxy.personId, name: 'Iolo' }
				],
				due: SOON,
				done: false
			}
		]);
		const taken = unwrap(
			await request(huw.socket, 'actions:take', { what: 'Write to the council', due: null })
		);
		await waitFor(() => view()?.length === 2);
		expect(view()?.[1]).toMatchObject({
			id: taken.id,
			owners: [{ id: huw.welcome.participantId, name: 'Huw' }],
			due: null
		});

		// Huw does not own the first action: refused, nothing changed.
		expect(failure(await request(huw.socket, 'actions:done', { id, done: true }))?.code).toBe(
			'not-allowed'
		);
		unwrap(await request(gwen.socket, 'actions:done', { id, done: true }));
		await waitFor(() => view()?.[0].done === true);
		unwrap(await request(facilitator, 'actions:done', { id: taken.id, done: true }));
		await waitFor(() => view()?.[1].done === true);
	});

	it('refuses participants the facilitator actions, and bad input, changing nothing', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url);
		const p = await joinAs(server.url, created.code, 'Jac');
		const w = yjsClient(server.url, docName(opened.workshopId, 'actions'), p.welcome.yjsTicket);
		await w.synced;
		const { id } = unwrap(
			await request(facilitator, 'actions:add', {
				what: 'Send notes',
				owners: [p.welcome.participantId],
				due: null
			})
		);
		await waitFor(() => w.doc.getMap('actions').get('view'));
		const before = JSON.stringify(w.doc.toJSON());
		const me = p.welcome.participantId;
		for (const reply of [
			await request(p.socket, 'actions:add', { what: 'x', owners: [me], due: null }),
			await request(p.socket, 'actions:edit', { id, what: 'y', owners: [me], due: null }),
			await request(p.socket, 'actions:remove', { id })
		]) {
			expect(failure(reply)?.code).toBe('not-allowed');
		}
		const stranger = 'S'.repeat(22);
		expect(
			failure(
				await request(facilitator, 'actions:add', { what: 'z', owners: [stranger], due: null })
			)
		).toMatchObject({ code: 'unknown-person', field: 'owners' });
		expect(
			failure(
				await request(facilitator, 'actions:add', { what: 'z', owners: [me], due: '2000-01-01' })
			)
		).toMatchObject({ code: 'date-in-past', field: 'due' });
		expect(
			failure(await request(p.socket, 'actions:take', { what: '   ', due: null }))
		).toMatchObject({ code: 'empty', field: 'what' });
		expect(failure(await request(facilitator, 'actions:remove', { id: stranger }))?.code).toBe(
			'not-found'
		);
		expect(JSON.stringify(w.doc.toJSON())).toBe(before);
	});
});
