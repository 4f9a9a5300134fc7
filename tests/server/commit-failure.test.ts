/**
 * A commit that fails refuses every command in it with a clear error, publishes nothing, and
 * changes nothing in memory: the next command finds the workshop exactly as before.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda } from '../../src/lib/features/agenda/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import type { GroupCommit } from '../../server/storage/group-commit.ts';
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

describe('a failed commit', () => {
	it('refuses the batch with a clear error, publishes nothing and changes nothing', async () => {
		const services = server.server.services;
		const inner = (services.storage as GroupCommit).inner;
		const { facilitator, created, opened } = await openWorkshop(server.url, 'Disk trouble');
		const wid = opened.workshopId;
		const ann = await joinAs(server.url, created.code, 'Ann');
		const bob = await joinAs(server.url, created.code, 'Bob');
		unwrap(await request(ann.socket, 'queue:raise', { kind: 'new' }));
		unwrap(await request(facilitator, 'agenda:add', { title: 'Kept', timeboxMinutes: 5 }));

		// Readers of both documents count every update they are sent from now on.
		const readers = await Promise.all(
			['queue', 'agenda'].map(async (kind) => {
				const client = yjsClient(server.url, docName(wid, kind), opened.yjsTicket, new Y.Doc());
				await client.synced;
				let updates = 0;
				client.doc.on('update', () => updates++);
				return { client, updates: () => updates };
			})
		);
		const before = {
			queue: JSON.stringify(await services.features.queue.stateOf(wid)),
			records: JSON.stringify(await inner.records(wid, 'queue')),
			agenda: JSON.stringify(readAgenda(readers[1].client.doc))
		};

		const realWrite = inner.write.bind(inner);
		let refused = 0;
		inner.write = async () => {
			refused++;
			throw new Error('disk full (injected)');
		};
		try {
			// Two commands that land in the same moment, and one more after them.
			const [raise, add] = await Promise.all([
				request(bob.socket, 'queue:raise', { kind: 'reply' }),
				request(facilitator, 'agenda:add', { title: 'Lost', timeboxMinutes: 5 })
			]);
			const next = await request(facilitator, 'queue:next', {});
			for (const reply of [raise, add, next]) {
				expect(failure(reply)).toMatchObject({
					code: 'server-error',
					message: expect.stringMatching(/try again/i)
				});
			}
		} finally {
			inner.write = realWrite;
		}
		expect(refused).toBeGreaterThan(0);

		// A round trip later nothing was sent, and memory and storage are as they were.
		await request(facilitator, 'agenda:suggestions', {});
		expect(readers.map((r) => r.updates())).toEqual([0, 0]);
		expect(JSON.stringify(await services.features.queue.stateOf(wid))).toBe(before.queue);
		expect(JSON.stringify(await inner.records(wid, 'queue'))).toBe(before.records);

		// And everything works again once storage does.
		unwrap(await request(bob.socket, 'queue:raise', { kind: 'reply' }));
		unwrap(await request(facilitator, 'agenda:add', { title: 'After', timeboxMinutes: 5 }));
		await waitFor(() => readAgenda(readers[1].client.doc).items.length === 2);
		const titles = readAgenda(readers[1].client.doc).items.map((i) => i.title);
		expect(titles).toEqual(['Kept', 'After']);
		expect(JSON.stringify(readAgenda(readers[1].client.doc))).not.toContain('Lost');
		expect(before.agenda).toContain('Kept');
		const hands = (await services.features.queue.stateOf(wid)).hands.map((h) => h.personId);
		expect(hands).toEqual([ann.welcome.participantId, bob.welcome.participantId]);
	});
});
