/**
 * "Raise hand in writing" through real sockets: the point joins the speaking queue, its text
 * reaches facilitators only (never the queue document everyone syncs) until a facilitator shows
 * it on the room screen, with or without the name as the person chose; the turn counts in the
 * balance figures; participants cannot show or read written points; bad text changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { readQueueView } from '../../src/lib/features/queue/view-doc.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	failure,
	joinAs,
	openWorkshop,
	rawRequest,
	record,
	request,
	unwrap,
	waitFor,
	yjsClient
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

async function setup() {
	const w = await openWorkshop(server.url);
	const writer = await joinAs(server.url, w.created.code, 'Wynn Writer');
	const other = await joinAs(server.url, w.created.code, 'Olwen Other');
	const reader = yjsClient(
		server.url,
		docName(w.opened.workshopId, 'queue'),
		other.welcome.yjsTicket
	);
	await reader.synced;
	const view = () => readQueueView(reader.doc);
	return { ...w, writer, other, reader, view };
}

describe('written turns', () => {
	it('join the queue, reach facilitators only, show as chosen, and count as a turn', async () => {
		const w = await setup();
		const pushed = record(w.facilitator, 'queue:written');
		const otherSaw: string[] = [];
		w.other.socket.onAny((e, ...args) => otherSaw.push(JSON.stringify([e, args])));
		const text = 'Could the minutes be sent out in large print?';
		unwrap(
			await request(w.writer.socket, 'queue:raiseWritten', {
				kind: 'new',
				text,
				display: 'without-name'
			})
		);
		await waitFor(() => w.view()?.waiting.length === 1);
		expect(w.view()!.waiting[0]).toMatchObject({ name: 'Wynn Writer', written: true });
		// The text is not in the document participants sync.
		expect(JSON.stringify(w.reader.doc.toJSON())).not.toContain('large print');
		await waitFor(() => pushed.length > 0 && pushed.at(-1)!.length === 1);
		expect(pushed.at(-1)).toEqual([
			{ name: null, text, display: 'without-name', current: false, shown: false }
		]);

		unwrap(await request(w.facilitator, 'queue:next', {}));
		await waitFor(() => w.view()?.current?.written === true);
		expect(w.view()!.current!.shownPoint).toBeUndefined();
		const points = unwrap(await request(w.facilitator, 'queue:written', {}));
		expect(points).toEqual([
			{ name: null, text, display: 'without-name', current: true, shown: false }
		]);
		unwrap(await request(w.facilitator, 'queue:showWritten', { show: true }));
		await waitFor(() => w.view()?.current?.shownPoint !== undefined);
		expect(w.view()!.current!.shownPoint).toEqual({ text, name: null });
		expect(failure(await request(w.facilitator, 'queue:showWritten', { show: true }))?.code).toBe(
			'unchanged'
		);
		unwrap(await request(w.facilitator, 'queue:end', {}));
		await waitFor(() => w.view()?.current === null);
		// Before it was shown, nothing the other participant received held the text.
		for (const frame of otherSaw) expect(frame).not.toContain('large print');

		const balance = unwrap(await request(w.facilitator, 'balance:get', {}));
		const row = balance.people.find((p) => p.personId === w.writer.welcome.participantId);
		expect(row?.turns).toBe(1);
	});

	it('show the name when the person chose it', async () => {
		const w = await setup();
		unwrap(
			await request(w.writer.socket, 'queue:raiseWritten', {
				kind: 'new',
				text: 'I agree with the plan.',
				display: 'with-name'
			})
		);
		expect(unwrap(await request(w.facilitator, 'queue:written', {}))[0].name).toBe('Wynn Writer');
		unwrap(await request(w.facilitator, 'queue:next', {}));
		unwrap(await request(w.facilitator, 'queue:showWritten', { show: true }));
		await waitFor(() => w.view()?.current?.shownPoint !== undefined);
		expect(w.view()!.current!.shownPoint).toEqual({
			text: 'I agree with the plan.',
			name: 'Wynn Writer'
		});
	});

	it('a participant cannot show or read written points; bad text is refused and changes nothing', async () => {
		const w = await setup();
		for (const [name, payload] of [
			['queue:showWritten', { show: true }],
			['queue:written', {}]
		] as const) {
			const r = (await rawRequest(w.other.socket, name, payload)) as { error: { code: string } };
			expect(r.error.code).toBe('not-allowed');
		}
		const cases: [unknown, string][] = [
			[{ kind: 'new', text: '   ', display: 'with-name' }, 'empty'],
			[{ kind: 'new', text: 'x'.repeat(501), display: 'with-name' }, 'too-long'],
			[{ kind: 'new', text: 'Hi\u202e', display: 'with-name' }, 'control-characters'],
			[{ kind: 'new', text: 'Hi', display: 'shout-it' }, 'bad-input'],
			[{ kind: 'loud', text: 'Hi', display: 'with-name' }, 'bad-input']
		];
		for (const [payload, code] of cases) {
			const r = (await rawRequest(w.writer.socket, 'queue:raiseWritten', payload)) as {
				ok: boolean;
				error: { code: string };
			};
			expect([JSON.stringify(payload).slice(0, 40), r.error?.code]).toEqual([
				JSON.stringify(payload).slice(0, 40),
				code
			]);
		}
		expect(unwrap(await request(w.facilitator, 'queue:written', {}))).toEqual([]);
		expect(w.view()?.waiting ?? []).toEqual([]);
	});
});
