/**
 * Access needs through real sockets: answers reach facilitators as a list of what to do; a person
 * who chose "only as a count" never appears by name in anything a facilitator receives; no
 * participant ever receives anyone's needs; a participant cannot read the list; bad input changes
 * nothing.
 */
import { describe, expect, it } from 'vitest';
import {
	failure,
	joinAs,
	openWorkshop,
	rawRequest,
	record,
	request,
	unwrap,
	waitFor,
	type TestSocket
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

function capture(socket: TestSocket, into: string[]) {
	socket.onAny((event, ...args) => into.push(JSON.stringify([event, args])));
	const original = socket.emit.bind(socket) as unknown as (
		e: string,
		...a: unknown[]
	) => TestSocket;
	socket.emit = ((event: string, ...args: unknown[]) => {
		const ack = args.at(-1);
		if (typeof ack === 'function') {
			args[args.length - 1] = (...reply: unknown[]) => {
				into.push(JSON.stringify([`reply:${event}`, reply]));
				(ack as (...r: unknown[]) => void)(...reply);
			};
		}
		return original(event, ...args);
	}) as unknown as typeof socket.emit;
}

describe('access needs', () => {
	it('reach facilitators as what to do, naming only those who allowed it', async () => {
		const { facilitator, created } = await openWorkshop(server.url);
		const facilitatorSaw: string[] = [];
		capture(facilitator, facilitatorSaw);
		const summaries = record(facilitator, 'access:summary');
		const named = await joinAs(server.url, created.code, 'Nerys Open');
		const hidden = await joinAs(server.url, created.code, 'Tamsin Quietly');
		const other = await joinAs(server.url, created.code, 'Owain Plain');
		const participantsSaw: string[][] = [[], [], []];
		[named, hidden, other].forEach((p, i) => capture(p.socket, participantsSaw[i]));

		unwrap(
			await request(named.socket, 'access:set', {
				needs: ['breaks', 'write'],
				note: 'Large print handouts',
				visibility: 'named'
			})
		);
		const mine = unwrap(
			await request(hidden.socket, 'access:set', {
				needs: ['hearing', 'breaks', 'breaks'],
				note: 'A seat near the front',
				visibility: 'count'
			})
		);
		expect(mine).toEqual({
			needs: ['breaks', 'hearing'],
			note: 'A seat near the front',
			visibility: 'count'
		});
		await waitFor(() => summaries.length === 2);
		const list = unwrap(await request(facilitator, 'access:list', {}));
		expect(list.people).toBe(2);
		expect(list.todos).toEqual([
			{ need: 'breaks', count: 2, names: ['Nerys Open'] },
			{ need: 'write', count: 1, names: ['Nerys Open'] },
			{ need: 'hearing', count: 1, names: [] }
		]);
		expect(list.notes).toEqual([
			{ text: 'Large print handouts', name: 'Nerys Open' },
			{ text: 'A seat near the front', name: null }
		]);
		// Each person reads back only their own answer.
		expect(unwrap(await request(hidden.socket, 'access:mine', {})).needs).toEqual([
			'breaks',
			'hearing'
		]);
		expect(unwrap(await request(other.socket, 'access:mine', {})).needs).toEqual([]);

		// The count-only person's id or key never comes with anything access-related to facilitators.
		const accessFrames = facilitatorSaw.filter((f) => f.includes('access'));
		expect(accessFrames.length).toBeGreaterThan(2);
		for (const frame of accessFrames) {
			expect(frame).not.toContain('Tamsin Quietly');
			expect(frame).not.toContain(hidden.welcome.participantId);
		}
		// No participant receives anyone's needs: no access event, and no other person's words.
		for (const [i, frames] of participantsSaw.entries()) {
			for (const f of frames) expect(f.startsWith('["access:summary"')).toBe(false);
			const others = ['Large print handouts', 'A seat near the front'].filter((_, j) => j !== i);
			for (const f of frames) for (const x of others) expect(f).not.toContain(x);
		}
	});

	it('a participant cannot read the list; bad input is refused and changes nothing', async () => {
		const { created } = await openWorkshop(server.url);
		const p = await joinAs(server.url, created.code, 'Idris');
		unwrap(
			await request(p.socket, 'access:set', {
				needs: ['more-time'],
				note: null,
				visibility: 'named'
			})
		);
		const refused = (await rawRequest(p.socket, 'access:list', {})) as {
			ok: boolean;
			error: { code: string };
		};
		expect(refused.error.code).toBe('not-allowed');
		for (const payload of [
			{ needs: ['telepathy'], note: null, visibility: 'named' },
			{ needs: ['breaks'], note: null, visibility: 'everyone' },
			{ needs: 'breaks', note: null, visibility: 'named' },
			{ needs: ['breaks'], note: null, visibility: 'named', name: 'x' },
			[]
		]) {
			const r = (await rawRequest(p.socket, 'access:set', payload)) as { ok: boolean };
			expect(r.ok).toBe(false);
		}
		const long = failure(
			await request(p.socket, 'access:set', {
				needs: ['breaks'],
				note: 'x'.repeat(301),
				visibility: 'named'
			})
		);
		expect(long?.code).toBe('too-long');
		expect(long?.field).toBe('note');
		const control = failure(
			await request(p.socket, 'access:set', {
				needs: ['breaks'],
				note: 'Hello\u202eevil',
				visibility: 'named'
			})
		);
		expect(control?.code).toBe('control-characters');
		expect(unwrap(await request(p.socket, 'access:mine', {}))).toEqual({
			needs: ['more-time'],
			note: null,
			visibility: 'named'
		});
	});

	it('survives a restart of memory: answers are stored', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url);
		const p = await joinAs(server.url, created.code, 'Bethan');
		unwrap(
			await request(p.socket, 'access:set', {
				needs: ['screen-reader'],
				note: null,
				visibility: 'count'
			})
		);
		await server.server.services.features.access.evict(opened.workshopId);
		expect(server.server.services.features.access.holds(opened.workshopId)).toBe(false);
		const list = unwrap(await request(facilitator, 'access:list', {}));
		expect(list.todos).toEqual([{ need: 'screen-reader', count: 1, names: [] }]);
	});
});
