/**
 * The shared agenda through real sockets: stock y-websocket clients editing offline and converging,
 * read-only and guarded connections, protected commands, suggestions, room screens and restarts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
	addItem,
	itemsOf,
	MAX_ITEM_TITLE,
	moveItem,
	readAgenda,
	settingsOf
} from '../../src/lib/features/agenda/model.ts';
import type { Result } from '../../src/lib/shared/result.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	closed,
	closeYjs,
	connect,
	failure,
	joinAs,
	nextEvent,
	openWorkshop,
	rawRequest,
	rawYjs,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import {
	removeDir,
	spawnServer,
	startTestServer,
	tempDataDir,
	type TestServer
} from '../helpers/server.ts';

let server: TestServer;

interface Fixture {
	facilitator: TestSocket;
	participant: TestSocket;
	code: string;
	workshopId: string;
	agenda: string;
	facTicket: string;
	participantTicket: string;
}

async function fixture(title: string): Promise<Fixture> {
	const { facilitator, created, opened } = await openWorkshop(server.url, title);
	const p = await joinAs(server.url, created.code, 'Pat');
	return {
		facilitator,
		participant: p.socket,
		code: created.code,
		workshopId: opened.workshopId,
		agenda: docName(opened.workshopId, 'agenda'),
		facTicket: opened.yjsTicket,
		participantTicket: p.welcome.yjsTicket
	};
}

beforeAll(async () => {
	// Suggestions reach facilitators on the cadence; a short one keeps these tests quick.
	server = await startTestServer({ cadenceMs: 50 });
});
afterAll(async () => {
	closeClients();
	await server.stop();
});

async function room(name: string) {
	const r = await server.server.services.rooms.loaded(name);
	if (!r) throw new Error(`room ${name} is not loaded`);
	return r;
}

const snapshot = (doc: Y.Doc) => JSON.stringify(readAgenda(doc));

async function storedSnapshot(name: string) {
	const r = await room(name);
	await r.flushed();
	const doc = new Y.Doc();
	for (const u of await server.server.services.storage.loadDocument(name)) Y.applyUpdate(doc, u);
	return snapshot(doc);
}

async function addByCommand(f: Fixture, title: string, timeboxMinutes = 10) {
	return unwrap(await request(f.facilitator, 'agenda:add', { title, timeboxMinutes })).itemId;
}

const logsWith = (text: string) => server.logs.filter((l) => l.includes(text));

describe('co-editing with stock y-websocket clients', () => {
	it('two clients edit while disconnected, reconnect, and converge with the server', async () => {
		const f = await fixture('Converge');
		await addByCommand(f, 'Welcome');
		const one = yjsClient(server.url, f.agenda, f.facTicket);
		const two = yjsClient(server.url, f.agenda, f.facTicket);
		await Promise.all([one.synced, two.synced]);
		await waitFor(
			() => readAgenda(one.doc).items.length === 1 && readAgenda(two.doc).items.length === 1
		);

		one.provider.disconnect();
		two.provider.disconnect();
		one.doc.transact(() => {
			addItem(one.doc, { id: 'item-from-one', title: 'From one', notes: '', timeboxMinutes: 5 });
		});
		two.doc.transact(() => {
			addItem(two.doc, { id: 'item-from-two', title: 'From two', notes: 'n', timeboxMinutes: 7 });
		});
		two.doc.transact(() => moveItem(two.doc, 'item-from-two', 'up'));
		// Nothing reached the server while they were away.
		expect(readAgenda((await room(f.agenda)).doc).items.map((i) => i.title)).toEqual(['Welcome']);

		one.provider.connect();
		two.provider.connect();
		const r = await room(f.agenda);
		await waitFor(
			() =>
				readAgenda(r.doc).items.length === 3 &&
				snapshot(one.doc) === snapshot(r.doc) &&
				snapshot(two.doc) === snapshot(r.doc)
		);
		expect(
			readAgenda(r.doc)
				.items.map((i) => i.title)
				.sort()
		).toEqual(['From one', 'From two', 'Welcome']);
		expect(await storedSnapshot(f.agenda)).toBe(snapshot(r.doc));
		closeYjs(one);
		closeYjs(two);
	});
});

describe('read-only and guarded connections', () => {
	it("a participant's update never reaches the server's document, its storage or other clients", async () => {
		const f = await fixture('Read only');
		await addByCommand(f, 'First');
		const r = await room(f.agenda);
		const watcher = yjsClient(server.url, f.agenda, f.facTicket);
		await watcher.synced;
		const before = snapshot(r.doc);
		const storedBefore = await storedSnapshot(f.agenda);
		const dropped = r.droppedFromReadOnly;

		const reader = yjsClient(server.url, f.agenda, f.participantTicket);
		await reader.synced;
		await waitFor(() => readAgenda(reader.doc).items.length === 1);
		const id = readAgenda(reader.doc).items[0].id;
		reader.doc.transact(() => {
			addItem(reader.doc, {
				id: 'planted-item',
				title: 'xyzzy planted',
				notes: '',
				timeboxMinutes: 5
			});
			itemsOf(reader.doc).get(id)!.set('status', 'current');
		});
		await waitFor(() => r.droppedFromReadOnly > dropped);
		// A server write after the attempt reaches everyone; the attempt never did.
		await addByCommand(f, 'Second');
		await waitFor(() => readAgenda(watcher.doc).items.length === 2);

		expect(readAgenda(r.doc).items.map((i) => [i.title, i.status])).toEqual([
			['First', 'upcoming'],
			['Second', 'upcoming']
		]);
		expect(snapshot(watcher.doc)).toBe(snapshot(r.doc));
		expect(snapshot(r.doc)).not.toBe(before);
		expect(storedBefore).toBe(before);
		const stored = await server.server.services.storage.loadDocument(f.agenda);
		expect(Buffer.concat(stored.map((u) => Buffer.from(u))).toString('latin1')).not.toContain(
			'xyzzy'
		);
		closeYjs(reader);
		closeYjs(watcher);
	});

	it('a facilitator update that breaks the schema is refused, the connection closed with a logged reason', async () => {
		const f = await fixture('Schema');
		const id = await addByCommand(f, 'Fine');
		const r = await room(f.agenda);
		const before = snapshot(r.doc);
		const storedBefore = await storedSnapshot(f.agenda);
		const cases: [string, (doc: Y.Doc) => void][] = [
			[
				'a title over 200 characters',
				(d) =>
					itemsOf(d)
						.get(id)!
						.set('title', 'x'.repeat(MAX_ITEM_TITLE + 1))
			],
			['notes over 2,000 characters', (d) => itemsOf(d).get(id)!.set('notes', 'n'.repeat(2001))],
			['an unknown status', (d) => itemsOf(d).get(id)!.set('status', 'cancelled')],
			['a timebox of 0', (d) => itemsOf(d).get(id)!.set('timeboxMinutes', 0)],
			['an unknown field', (d) => itemsOf(d).get(id)!.set('author', 'someone')],
			['a Y.Text title', (d) => itemsOf(d).get(id)!.set('title', new Y.Text('sneaky'))],
			['an unknown root type', (d) => d.getMap('other').set('x', 1)],
			['a bad setting', (d) => settingsOf(d).set('openEditing', 'yes')]
		];
		for (const [label, edit] of cases) {
			const logged = logsWith('update refused').length;
			const client = yjsClient(server.url, f.agenda, f.facTicket);
			await client.synced;
			await waitFor(() => readAgenda(client.doc).items.length === 1);
			client.doc.transact(() => edit(client.doc));
			await waitFor(() => logsWith('update refused').length > logged);
			closeYjs(client);
			expect(snapshot(r.doc), label).toBe(before);
			expect(r.doc.share.has('other'), label).toBe(false);
		}
		expect(await storedSnapshot(f.agenda)).toBe(storedBefore);
		expect(JSON.parse(logsWith('update refused').at(-1)!).event).toBe('yjs.connection-closed');
	});

	it('notes and outcomes with a right-to-left override or invisible characters are refused, by command and by raw update', async () => {
		const f = await fixture('Deceptive text');
		const id = await addByCommand(f, 'Fine');
		const r = await room(f.agenda);
		const deceptive = [
			'Pay \u202Egnp.exe\u202C now',
			'Looks empty\u200B',
			'Isolate \u2066this\u2069',
			'Soft\u00ADhyphen'
		];
		// Through the commands: a clear error naming the field, and nothing changes.
		const before = snapshot(r.doc);
		for (const text of deceptive) {
			expect(
				failure(
					await request(f.facilitator, 'agenda:add', {
						title: 'Another',
						notes: text,
						timeboxMinutes: 5
					})
				),
				text
			).toMatchObject({ code: 'control-characters', field: 'notes' });
			expect(
				failure(await request(f.facilitator, 'agenda:finish', { itemId: id, outcome: text })),
				text
			).toMatchObject({ code: 'control-characters', field: 'outcome' });
			expect(
				failure(await request(f.participant, 'agenda:suggest', { title: 'Mine', notes: text })),
				text
			).toMatchObject({ code: 'control-characters', field: 'notes' });
		}
		expect(snapshot(r.doc)).toBe(before);
		expect(unwrap(await request(f.facilitator, 'agenda:suggestions', {}))).toEqual([]);

		// Through raw Yjs updates, from the facilitator and from a participant under open editing.
		unwrap(await request(f.facilitator, 'agenda:open-editing', { open: true }));
		const allowed = snapshot(r.doc);
		for (const [who, ticket] of [
			['facilitator', f.facTicket],
			['participant', f.participantTicket]
		] as const) {
			for (const text of deceptive) {
				const logged = logsWith('update refused').length;
				const client = yjsClient(server.url, f.agenda, ticket);
				await client.synced;
				await waitFor(() => readAgenda(client.doc).items.length === 1);
				client.doc.transact(() => itemsOf(client.doc).get(id)!.set('notes', text));
				await waitFor(() => logsWith('update refused').length > logged);
				closeYjs(client);
				expect(snapshot(r.doc), `${who}: ${text}`).toBe(allowed);
			}
		}
		expect(JSON.stringify(readAgenda(r.doc))).not.toMatch(/[\u202e\u200b\u2066\u00ad]/);
	});

	it('open editing: participants may add and edit titles, never start, reorder or delete; turning it off ends their writes at once', async () => {
		const f = await fixture('Open editing');
		const first = await addByCommand(f, 'One');
		await addByCommand(f, 'Two');
		const r = await room(f.agenda);
		const writer = yjsClient(server.url, f.agenda, f.participantTicket);
		await writer.synced;
		await waitFor(() => readAgenda(writer.doc).items.length === 2);

		unwrap(await request(f.facilitator, 'agenda:open-editing', { open: true }));
		await waitFor(() => readAgenda(writer.doc).openEditing);
		writer.doc.transact(() =>
			addItem(writer.doc, {
				id: 'participant-item',
				title: 'From Pat',
				notes: '',
				timeboxMinutes: 5
			})
		);
		await waitFor(() => readAgenda(r.doc).items.some((i) => i.title === 'From Pat'));
		writer.doc.transact(() => itemsOf(writer.doc).get(first)!.set('title', 'One, retitled'));
		await waitFor(() => readAgenda(r.doc).items[0].title === 'One, retitled');
		closeYjs(writer);

		const allowed = snapshot(r.doc);
		const hostile: [string, (doc: Y.Doc) => void][] = [
			['start an item', (d) => itemsOf(d).get(first)!.set('status', 'current')],
			['reorder', (d) => moveItem(d, first, 'down')],
			['delete', (d) => itemsOf(d).delete(first)],
			['record an outcome', (d) => itemsOf(d).get(first)!.set('outcome', 'decided')],
			['turn off open editing', (d) => settingsOf(d).set('openEditing', false)]
		];
		for (const [label, edit] of hostile) {
			const logged = logsWith('update refused').length;
			const client = yjsClient(server.url, f.agenda, f.participantTicket);
			await client.synced;
			await waitFor(() => readAgenda(client.doc).items.length === 3);
			client.doc.transact(() => edit(client.doc));
			await waitFor(() => logsWith('update refused').length > logged);
			closeYjs(client);
			expect(snapshot(r.doc), label).toBe(allowed);
		}

		// Turned off: the same open connection is read-only from now on, without reconnecting.
		const late = yjsClient(server.url, f.agenda, f.participantTicket);
		await late.synced;
		await waitFor(() => readAgenda(late.doc).items.length === 3);
		unwrap(await request(f.facilitator, 'agenda:open-editing', { open: false }));
		await waitFor(() => !readAgenda(late.doc).openEditing);
		const dropped = r.droppedFromReadOnly;
		late.doc.transact(() =>
			addItem(late.doc, { id: 'too-late-item', title: 'Too late', notes: '', timeboxMinutes: 5 })
		);
		await waitFor(() => r.droppedFromReadOnly > dropped);
		expect(readAgenda(r.doc).items.map((i) => i.title)).toEqual([
			'One, retitled',
			'Two',
			'From Pat'
		]);
		closeYjs(late);
	});

	it('an update over 1 MB or a malformed message on the agenda closes that connection; other workshops carry on', async () => {
		const f = await fixture('Hostile A');
		const g = await fixture('Hostile B');
		await addByCommand(f, 'Keep');
		const other = yjsClient(server.url, g.agenda, g.facTicket);
		await other.synced;

		const big = await rawYjs(server.url, `${f.agenda}?t=${f.facTicket}`);
		if (!big.opened) throw new Error('could not open');
		const bigClosed = closed(big.ws);
		big.ws.send(new Uint8Array((1 << 20) + 1));
		expect((await bigClosed).code).toBe(1009);

		for (const frame of [
			new Uint8Array([0, 2, 5, 1, 2]),
			new Uint8Array([0, 1, 200, 1]),
			(() => {
				const enc = encoding.createEncoder();
				encoding.writeVarUint(enc, 0);
				encoding.writeVarUint(enc, 2);
				encoding.writeVarUint8Array(enc, new Uint8Array([1, 1, 1, 1, 1, 1, 1, 1, 1]));
				return encoding.toUint8Array(enc);
			})()
		]) {
			const logged = logsWith('"yjs.connection-closed"').length;
			const raw = await rawYjs(server.url, `${f.agenda}?t=${f.facTicket}`);
			if (!raw.opened) throw new Error('could not open');
			const done = closed(raw.ws);
			raw.ws.send(frame);
			expect((await done).code).toBe(1007);
			await waitFor(() => logsWith('"yjs.connection-closed"').length > logged);
		}
		expect(readAgenda((await room(f.agenda)).doc).items.map((i) => i.title)).toEqual(['Keep']);
		await addByCommand(g, 'Still working');
		await waitFor(() => readAgenda(other.doc).items.length === 1);
		await addByCommand(f, 'Also still working');
		closeYjs(other);
	});
});

describe('commands', () => {
	let f: Fixture;
	let ids: string[];
	beforeAll(async () => {
		f = await fixture('Commands');
		ids = [await addByCommand(f, 'A'), await addByCommand(f, 'B', 1), await addByCommand(f, 'C')];
	});
	const agendaNow = async () => readAgenda((await room(f.agenda)).doc);

	it('a facilitator starts, extends, reorders and finishes items; starting another finishes the current one', async () => {
		unwrap(await request(f.facilitator, 'agenda:move', { itemId: ids[2], direction: 'up' }));
		expect((await agendaNow()).items.map((i) => i.title)).toEqual(['A', 'C', 'B']);
		unwrap(await request(f.facilitator, 'agenda:start', { itemId: ids[0] }));
		let view = await agendaNow();
		expect(view.items[0].status).toBe('current');
		expect(view.items[0].startedAt).toBeTypeOf('number');
		unwrap(await request(f.facilitator, 'agenda:extend', { itemId: ids[0] }));
		expect((await agendaNow()).items[0].extendedMinutes).toBe(5);
		unwrap(await request(f.facilitator, 'agenda:start', { itemId: ids[2] }));
		view = await agendaNow();
		expect(view.items.map((i) => i.status)).toEqual(['done', 'current', 'upcoming']);
		unwrap(
			await request(f.facilitator, 'agenda:finish', { itemId: ids[2], outcome: 'Agreed: yes' })
		);
		view = await agendaNow();
		expect(view.items[1]).toMatchObject({ status: 'done', outcome: 'Agreed: yes' });
	});

	it('a participant trying each facilitator action is refused with not-allowed and nothing changes', async () => {
		const before = snapshot((await room(f.agenda)).doc);
		const storedBefore = await storedSnapshot(f.agenda);
		const attempts: Promise<Result<unknown>>[] = [
			request(f.participant, 'agenda:start', { itemId: ids[1] }),
			request(f.participant, 'agenda:move', { itemId: ids[1], direction: 'up' }),
			request(f.participant, 'agenda:finish', { itemId: ids[1], outcome: 'x' }),
			request(f.participant, 'agenda:finish', { itemId: ids[1], outcome: 'x'.repeat(3000) }),
			request(f.participant, 'agenda:extend', { itemId: ids[1] }),
			request(f.participant, 'agenda:add', { title: 'Mine', timeboxMinutes: 5 }),
			request(f.participant, 'agenda:open-editing', { open: true }),
			request(f.participant, 'agenda:suggestions', {}),
			request(f.participant, 'agenda:decide', { suggestionId: ids[1], accept: true })
		];
		for (const result of await Promise.all(attempts)) {
			expect(failure(result)?.code).toBe('not-allowed');
		}
		expect(snapshot((await room(f.agenda)).doc)).toBe(before);
		expect(await storedSnapshot(f.agenda)).toBe(storedBefore);
	});

	it('bad input gets a clear error and changes nothing', async () => {
		const before = snapshot((await room(f.agenda)).doc);
		const cases: [unknown, string, string | undefined][] = [
			[{ title: 'x'.repeat(201), timeboxMinutes: 5 }, 'too-long', 'title'],
			[{ title: '   ', timeboxMinutes: 5 }, 'empty', 'title'],
			[{ title: 'a\u202eb', timeboxMinutes: 5 }, 'control-characters', 'title'],
			[{ title: 'ok', notes: 'n'.repeat(2001), timeboxMinutes: 5 }, 'too-long', 'notes'],
			[{ title: 'ok', timeboxMinutes: 0 }, 'bad-input', 'timeboxMinutes'],
			[{ title: 'ok', timeboxMinutes: 2.5 }, 'bad-input', 'timeboxMinutes'],
			[{ title: 'ok', timeboxMinutes: '5' }, 'bad-input', 'timeboxMinutes'],
			[{ title: 'ok', timeboxMinutes: 5, extra: 1 }, 'bad-input', 'extra'],
			[{ title: 'x'.repeat(20_000), timeboxMinutes: 5 }, 'too-long', 'title']
		];
		for (const [payload, code, field] of cases) {
			const reply = (await rawRequest(f.facilitator, 'agenda:add', payload)) as {
				ok: boolean;
				error: { code: string; field?: string };
			};
			expect(reply.ok, JSON.stringify(payload).slice(0, 60)).toBe(false);
			expect(reply.error.code).toBe(code);
			expect(reply.error.field).toBe(field);
		}
		const finish = await request(f.facilitator, 'agenda:finish', {
			itemId: ids[1],
			outcome: 'o'.repeat(2001)
		});
		expect(failure(finish)).toMatchObject({ code: 'too-long', field: 'outcome' });
		for (const bad of [
			['agenda:start', { itemId: 'no-such-item-here' }, 'not-found'],
			['agenda:start', { itemId: '<script>' }, 'bad-input'],
			['agenda:move', { itemId: ids[0], direction: 'sideways' }, 'bad-input'],
			['agenda:extend', { itemId: ids[1] }, 'not-found'],
			['agenda:open-editing', { open: 'yes' }, 'bad-input']
		] as const) {
			const reply = (await rawRequest(f.facilitator, bad[0], bad[1])) as {
				error: { code: string };
			};
			expect(reply.error.code, bad[0]).toBe(bad[2]);
		}
		expect(snapshot((await room(f.agenda)).doc)).toBe(before);
	});

	it('participants suggest items; facilitators see them (without names) and accept or decline', async () => {
		const seen = nextEvent(f.facilitator, 'agenda:suggestions');
		unwrap(
			await request(f.participant, 'agenda:suggest', { title: 'Parking', notes: 'Near the door' })
		);
		const list = await seen;
		expect(list).toHaveLength(1);
		expect(JSON.stringify(list)).not.toContain('Pat');
		// Delivered with a later batch, after the first one.
		const again = nextEvent(f.facilitator, 'agenda:suggestions');
		unwrap(await request(f.participant, 'agenda:suggest', { title: 'Lunch' }));
		expect((await again).map((s) => s.title)).toEqual(['Parking', 'Lunch']);
		const waiting = unwrap(await request(f.facilitator, 'agenda:suggestions', {}));
		expect(waiting.map((s) => s.title)).toEqual(['Parking', 'Lunch']);
		expect(failure(await request(f.participant, 'agenda:suggest', { title: '' }))?.code).toBe(
			'empty'
		);

		unwrap(
			await request(f.facilitator, 'agenda:decide', { suggestionId: waiting[0].id, accept: true })
		);
		unwrap(
			await request(f.facilitator, 'agenda:decide', { suggestionId: waiting[1].id, accept: false })
		);
		const titles = (await agendaNow()).items.map((i) => i.title);
		expect(titles).toContain('Parking');
		expect(titles).not.toContain('Lunch');
		expect(unwrap(await request(f.facilitator, 'agenda:suggestions', {}))).toEqual([]);
		expect(
			failure(
				await request(f.facilitator, 'agenda:decide', { suggestionId: waiting[1].id, accept: true })
			)?.code
		).toBe('not-found');
	});
});

describe('room screen', () => {
	it('opens by join code with a read-only ticket that open editing never widens', async () => {
		const f = await fixture('Room');
		await addByCommand(f, 'On screen');
		const screen = await connect(server.url);
		expect(failure(await request(screen, 'room:open', { code: 'ZZZZZZ' }))?.code).toBe('not-found');
		const opened = unwrap(await request(screen, 'room:open', { code: f.code.toLowerCase() }));
		expect(opened.workshopId).toBe(f.workshopId);
		unwrap(await request(f.facilitator, 'agenda:open-editing', { open: true }));
		const r = await room(f.agenda);
		const viewer = yjsClient(server.url, f.agenda, opened.yjsTicket);
		await viewer.synced;
		await waitFor(() => readAgenda(viewer.doc).openEditing);
		const dropped = r.droppedFromReadOnly;
		viewer.doc.transact(() =>
			addItem(viewer.doc, { id: 'from-the-room', title: 'Room', notes: '', timeboxMinutes: 5 })
		);
		await waitFor(() => r.droppedFromReadOnly > dropped);
		expect(readAgenda(r.doc).items.map((i) => i.title)).toEqual(['On screen']);
		// A room screen is not a participant: it may not suggest or act.
		expect(failure(await request(screen, 'agenda:suggest', { title: 'x' }))?.code).toBe(
			'not-joined'
		);
		closeYjs(viewer);
	});
});

describe('restart', () => {
	it('the agenda is exactly as it was after a clean stop and after a crash', async () => {
		const dir = tempDataDir();
		let child = await spawnServer(dir);
		try {
			const { facilitator, opened, created } = await openWorkshop(child.url, 'Restart');
			const name = docName(opened.workshopId, 'agenda');
			const ids: string[] = [];
			for (const title of ['One', 'Two', 'Three'])
				ids.push(
					unwrap(await request(facilitator, 'agenda:add', { title, timeboxMinutes: 5 })).itemId
				);
			unwrap(await request(facilitator, 'agenda:move', { itemId: ids[2], direction: 'up' }));
			unwrap(await request(facilitator, 'agenda:start', { itemId: ids[0] }));
			unwrap(await request(facilitator, 'agenda:finish', { itemId: ids[0], outcome: 'Done well' }));
			const editor = yjsClient(child.url, name, opened.yjsTicket);
			await editor.synced;
			editor.doc.transact(() =>
				addItem(editor.doc, {
					id: 'direct-edit-item',
					title: 'Direct',
					notes: 'typed',
					timeboxMinutes: 3
				})
			);
			// A second client sees it: the server has accepted (and so stored) it.
			const check = yjsClient(child.url, name, opened.yjsTicket);
			await check.synced;
			await waitFor(() => readAgenda(check.doc).items.length === 4);
			const before = snapshot(check.doc);
			closeYjs(editor);
			closeYjs(check);
			facilitator.close();

			for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
				await child.stop(signal);
				child = await spawnServer(dir);
				const { welcome } = await joinAs(child.url, created.code, 'Reader');
				const reader = yjsClient(child.url, name, welcome.yjsTicket);
				await reader.synced;
				await waitFor(() => readAgenda(reader.doc).items.length === 4);
				expect(snapshot(reader.doc), signal).toBe(before);
				closeYjs(reader);
			}
		} finally {
			await child.stop('SIGKILL');
			removeDir(dir);
		}
	});
});
