/**
 * Breaks, ground rules and the glossary through real sockets: facilitators change them and
 * everyone reads them from the `inclusion` document; a participant cannot set ground rules, edit
 * the glossary or start a break (refused, nothing changed), but can suggest a rule, which reaches
 * facilitators without a name.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INCLUSION_MAP } from '../../src/lib/features/inclusion/feature.ts';
import { DEFAULT_RULE_KEYS } from '../../src/lib/features/inclusion/model.ts';
import { docName } from '../../src/lib/shared/workshop.ts';
import { readInclusion } from '../../server/features/inclusion/index.ts';
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

const clock = { now: 1_800_000_000_000 };
const server = useTestServer({ now: () => clock.now });

async function setup() {
	const w = await openWorkshop(server.url);
	const p = await joinAs(server.url, w.created.code, 'Pryderi Rules');
	const reader = yjsClient(
		server.url,
		docName(w.opened.workshopId, 'inclusion'),
		p.welcome.yjsTicket
	);
	await reader.synced;
	return { ...w, p, reader, view: () => readInclusion(reader.doc) };
}

const snapshot = (doc: Y.Doc) => JSON.stringify(doc.getMap(INCLUSION_MAP).toJSON());

describe('breaks', () => {
	it('start with the server clock, can be extended and ended, and everyone reads them', async () => {
		const w = await setup();
		expect(w.view().break).toBeNull();
		unwrap(await request(w.facilitator, 'break:start', { minutes: 10 }));
		await waitFor(() => w.view().break !== null);
		expect(w.view().break).toEqual({ startedAt: clock.now, lengthMs: 600_000 });
		expect(failure(await request(w.facilitator, 'break:start', { minutes: 10 }))?.code).toBe(
			'already-on-break'
		);
		unwrap(await request(w.facilitator, 'break:extend', { minutes: 5 }));
		await waitFor(() => w.view().break?.lengthMs === 900_000);
		unwrap(await request(w.facilitator, 'break:end', {}));
		await waitFor(() => w.view().break === null);
		expect(failure(await request(w.facilitator, 'break:end', {}))?.code).toBe('no-break');
	});
});

describe('ground rules and glossary', () => {
	it('start from the defaults; facilitators add and remove', async () => {
		const w = await setup();
		expect(w.view().rules).toBeNull();
		unwrap(await request(w.facilitator, 'rules:add', { text: 'Phones on silent, please.' }));
		await waitFor(() => w.view().rules !== null);
		const rules = w.view().rules!;
		expect(rules).toHaveLength(DEFAULT_RULE_KEYS.length + 1);
		expect(rules.at(-1)).toMatchObject({ kind: 'custom', text: 'Phones on silent, please.' });
		unwrap(await request(w.facilitator, 'rules:remove', { id: rules[0].id }));
		await waitFor(() => w.view().rules!.length === DEFAULT_RULE_KEYS.length);
		expect(
			failure(await request(w.facilitator, 'rules:add', { text: 'phones on  silent, please.' }))
				?.code
		).toBe('duplicate');

		unwrap(
			await request(w.facilitator, 'glossary:add', {
				term: 'Co-production',
				meaning: 'Working together as equals.'
			})
		);
		await waitFor(() => w.view().glossary.length === 1);
		const [entry] = w.view().glossary;
		expect(entry).toMatchObject({ term: 'Co-production', meaning: 'Working together as equals.' });
		unwrap(await request(w.facilitator, 'glossary:remove', { id: entry.id }));
		await waitFor(() => w.view().glossary.length === 0);
	});

	it('a participant suggests a rule; it reaches facilitators without a name and can be accepted', async () => {
		const w = await setup();
		const seen = record(w.facilitator, 'rules:suggestions');
		unwrap(await request(w.p.socket, 'rules:suggest', { text: 'Say your name before you speak.' }));
		await waitFor(() => seen.length === 1);
		expect(seen[0]).toHaveLength(1);
		expect(JSON.stringify(seen[0])).not.toContain(w.p.welcome.participantId);
		expect(JSON.stringify(seen[0])).not.toContain('Pryderi');
		unwrap(await request(w.facilitator, 'rules:accept', { id: seen[0][0].id }));
		await waitFor(() => w.view().rules?.some((r) => r.kind === 'custom') ?? false);
		expect(unwrap(await request(w.facilitator, 'rules:suggestions', {}))).toEqual([]);
	});
});

describe('check-in and check-out', () => {
	it('a round asks its question of everyone, starts a go-round, and answers reach facilitators only, named as chosen', async () => {
		const w = await setup();
		const second = await joinAs(server.url, w.created.code, 'Siân Quiet');
		const seen = record(w.facilitator, 'round:answers');
		const participantSaw: string[] = [];
		second.socket.onAny((e, ...a) => participantSaw.push(JSON.stringify([e, a])));
		unwrap(await request(w.facilitator, 'round:start', { kind: 'check-in', question: null }));
		await waitFor(() => w.view().round !== null);
		expect(w.view().round).toEqual({ kind: 'check-in', question: { kind: 'default' } });
		expect(unwrap(await request(w.facilitator, 'balance:get', {})).goRoundRunning).toBe(true);

		unwrap(
			await request(w.p.socket, 'round:answer', { text: 'Tired but here.', display: 'with-name' })
		);
		unwrap(
			await request(second.socket, 'round:answer', {
				text: 'A bit nervous.',
				display: 'without-name'
			})
		);
		expect(unwrap(await request(second.socket, 'round:mine', {}))).toEqual({ answered: true });
		await waitFor(() => seen.at(-1)?.length === 2);
		expect(seen.at(-1)).toEqual([
			{ text: 'Tired but here.', name: 'Pryderi Rules' },
			{ text: 'A bit nervous.', name: null }
		]);
		// Answers never enter the document everyone reads, nor reach another participant.
		expect(JSON.stringify(w.reader.doc.toJSON())).not.toContain('nervous');
		for (const f of participantSaw) expect(f).not.toContain('Tired but here.');
		unwrap(await request(second.socket, 'round:withdraw', {}));
		await waitFor(() => seen.at(-1)?.length === 1);
		unwrap(await request(w.facilitator, 'round:end', {}));
		await waitFor(() => w.view().round === null);
		expect(
			failure(await request(w.p.socket, 'round:answer', { text: 'Late', display: 'with-name' }))
				?.code
		).toBe('no-round');
	});
});

describe('authority and bad input', () => {
	it('a participant cannot set ground rules, edit the glossary or start or end a break: refused, nothing changed', async () => {
		const w = await setup();
		unwrap(await request(w.facilitator, 'glossary:add', { term: 'Agenda', meaning: 'The plan.' }));
		await waitFor(() => w.view().glossary.length === 1);
		const before = snapshot(w.reader.doc);
		const attempts: [string, unknown][] = [
			['rules:add', { text: 'No facilitators.' }],
			['rules:remove', { id: 'rule-default-equal' }],
			['rules:accept', { id: 'aaaaaaaaaaaaaaaaaaaa' }],
			['rules:decline', { id: 'aaaaaaaaaaaaaaaaaaaa' }],
			['rules:suggestions', {}],
			['glossary:add', { term: 'Hack', meaning: 'Mine now.' }],
			['glossary:remove', { id: w.view().glossary[0].id }],
			['break:start', { minutes: 10 }],
			['break:extend', { minutes: 5 }],
			['break:end', {}],
			['round:start', { kind: 'check-in', question: null }],
			['round:end', {}],
			['round:answers', {}]
		];
		for (const [name, payload] of attempts) {
			const r = (await rawRequest(w.p.socket, name, payload)) as { error: { code: string } };
			expect([name, r.error.code]).toEqual([name, 'not-allowed']);
		}
		await new Promise((r) => setTimeout(r, 100));
		expect(snapshot(w.reader.doc)).toBe(before);
	});

	it('bad input is refused clearly and changes nothing', async () => {
		const w = await setup();
		const before = snapshot(w.reader.doc);
		for (const [name, payload, code] of [
			['break:start', { minutes: 0 }, 'bad-input'],
			['break:start', { minutes: 2.5 }, 'bad-input'],
			['rules:add', { text: '' }, 'empty'],
			['rules:add', { text: 'x'.repeat(201) }, 'too-long'],
			['glossary:add', { term: 'A\u202e', meaning: 'b' }, 'control-characters'],
			['glossary:remove', { id: 'aaaaaaaaaaaaaaaaaaaa' }, 'no-such-item']
		] as const) {
			const r = (await rawRequest(w.facilitator, name, payload)) as { error: { code: string } };
			expect([name, r.error.code]).toEqual([name, code]);
		}
		await new Promise((r) => setTimeout(r, 100));
		expect(snapshot(w.reader.doc)).toBe(before);
	});
});
