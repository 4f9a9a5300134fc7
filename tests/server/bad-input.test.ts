/**
 * Invariant 4 (bad input): oversized, malformed or hostile input gets a clear error, changes
 * nothing else, and never stops the server or another workshop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName } from '../../src/lib/shared/workshop.ts';
import {
	closeClients,
	connect,
	failure,
	joinAs,
	openWorkshop,
	rawRequest,
	record,
	request,
	unwrap,
	waitFor,
	yjsClient,
	type TestSocket
} from '../helpers/client.ts';
import { countRows, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
/** Two bystander workshops, each with a facilitator and a participant, that must not notice anything. */
let bystanders: {
	code: string;
	facilitator: TestSocket;
	participant: TestSocket;
	meta: string;
	ticket: string;
	disconnects: string[];
}[];

beforeAll(async () => {
	server = await startTestServer();
	bystanders = [];
	for (const title of ['Bystander A', 'Bystander B']) {
		const { facilitator, created, opened } = await openWorkshop(server.url, title);
		const p = await joinAs(server.url, created.code, 'Calm person');
		const disconnects: string[] = [];
		for (const s of [facilitator, p.socket])
			s.on('disconnect', (reason) => disconnects.push(reason));
		bystanders.push({
			code: created.code,
			facilitator,
			participant: p.socket,
			meta: docName(opened.workshopId, 'meta'),
			ticket: p.welcome.yjsTicket,
			disconnects
		});
	}
});
afterAll(async () => {
	closeClients();
	await server.stop();
});

const BAD_LINES: { label: string; text: string; code: string }[] = [
	{ label: 'empty', text: '', code: 'empty' },
	{ label: 'whitespace only', text: ' \u00a0  ', code: 'empty' },
	{ label: '121 characters', text: 'x'.repeat(121), code: 'too-long' },
	{ label: '121 emoji (code points, not UTF-16 units)', text: '🙂'.repeat(121), code: 'too-long' },
	{ label: 'a tab', text: 'Tab\there', code: 'control-characters' },
	{ label: 'a newline', text: 'Two\nlines', code: 'control-characters' },
	{ label: 'a carriage return', text: 'Two\rlines', code: 'control-characters' },
	{ label: 'a bell (C0 control)', text: 'Ding\u0007', code: 'control-characters' },
	{ label: 'a C1 control', text: 'Odd\u0085one', code: 'control-characters' },
	{ label: 'a NUL', text: 'Nul\u0000l', code: 'control-characters' },
	{ label: 'a right-to-left override', text: 'Sam\u202eevil', code: 'control-characters' },
	{ label: 'a bidi isolate', text: 'Sam\u2066x\u2069', code: 'control-characters' },
	{ label: 'a zero-width space', text: 'Sa\u200bm', code: 'control-characters' }
];

describe('titles and names', () => {
	it.each(BAD_LINES)('refuses a workshop title with $label and creates nothing', async (bad) => {
		const s = await connect(server.url);
		const before = countRows(server.dataDir, 'workshops');
		const reply = await request(s, 'workshop:create', { title: bad.text, language: 'en' });
		expect(failure(reply)).toEqual({ code: bad.code, message: expect.any(String), field: 'title' });
		expect(countRows(server.dataDir, 'workshops')).toBe(before);
	});

	it('accepts a title of exactly 120 characters, and tidies spaces', async () => {
		const s = await connect(server.url);
		const made = unwrap(
			await request(s, 'workshop:create', { title: 'y'.repeat(120), language: 'en' })
		);
		expect(unwrap(await request(s, 'workshop:lookup', { code: made.code })).title).toBe(
			'y'.repeat(120)
		);
		const tidy = unwrap(
			await request(s, 'workshop:create', { title: '  Spaced   out  ', language: 'cy' })
		);
		const found = unwrap(await request(s, 'workshop:lookup', { code: tidy.code }));
		expect(found).toMatchObject({ title: 'Spaced out', language: 'cy' });
	});

	it('refuses the same bad titles on rename and keeps the old title', async () => {
		const { facilitator, created } = await openWorkshop(server.url, 'Steady title');
		for (const bad of BAD_LINES) {
			const reply = await request(facilitator, 'workshop:rename', { title: bad.text });
			expect(failure(reply), bad.label).toEqual({
				code: bad.code,
				message: expect.any(String),
				field: 'title'
			});
		}
		const s = await connect(server.url);
		expect(unwrap(await request(s, 'workshop:lookup', { code: created.code })).title).toBe(
			'Steady title'
		);
	});

	it('refuses bad names and unknown roles, and the participant list stays the same', async () => {
		const { facilitator, created } = await openWorkshop(server.url, 'Names');
		const lists = record(facilitator, 'people');
		const s = await connect(server.url);
		const participantsBefore = countRows(server.dataDir, 'participants');
		for (const bad of BAD_LINES) {
			const reply = await request(s, 'participant:join', {
				code: created.code,
				name: bad.text,
				role: 'carer'
			});
			expect(failure(reply), bad.label).toEqual({
				code: bad.code,
				message: expect.any(String),
				field: 'name'
			});
		}
		for (const role of ['boss', '', 'Carer', 'carer ']) {
			const reply = await request(s, 'participant:join', { code: created.code, name: 'Ok', role });
			expect(failure(reply), role).toMatchObject({ code: 'bad-input', field: 'role' });
		}
		expect(countRows(server.dataDir, 'participants')).toBe(participantsBefore);
		const reopened = unwrap(
			await request(s, 'facilitator:open', { facilitatorKey: created.facilitatorKey })
		);
		expect(reopened.participants).toEqual([]);
		// No refused join ever added anyone.
		expect(lists).toEqual([]);
	});

	it('stores HTML and script in names and titles as plain text, unchanged', async () => {
		const hostileTitle = `<script>alert("t")</script><b onmouseover='x()'>Bold</b> &amp; {{x}} \${y}`;
		const hostileName = `<img src=x onerror="alert(1)"> </textarea><svg/onload=alert(2)> O'Brien & "co"`;
		const { facilitator, created, opened } = await openWorkshop(server.url, hostileTitle);
		expect(opened.workshop.title).toBe(hostileTitle);

		const facLists = participantsWhereNamed(facilitator, hostileName);
		const p = await joinAs(server.url, created.code, hostileName, 'professional');
		expect(p.welcome.name).toBe(hostileName);
		expect(p.welcome.workshop.title).toBe(hostileTitle);
		expect((await facLists).name).toBe(hostileName);

		const s = await connect(server.url);
		expect(unwrap(await request(s, 'workshop:lookup', { code: created.code })).title).toBe(
			hostileTitle
		);
		const resumed = unwrap(
			await request(s, 'participant:resume', {
				code: created.code,
				participantId: p.welcome.participantId,
				participantKey: p.welcome.participantKey
			})
		);
		expect(resumed.name).toBe(hostileName);

		const y = yjsClient(server.url, docName(opened.workshopId, 'meta'), p.welcome.yjsTicket);
		await y.synced;
		expect(y.doc.getMap('meta').get('title')).toBe(hostileTitle);

		// The server-rendered join page shows the title as text, never as markup.
		const page = await (await fetch(`${server.url}/j/${created.code}`)).text();
		expect(page).toContain('&lt;script>alert("t")&lt;/script>');
		expect(page).not.toContain('<script>alert("t")');
		expect(page).not.toContain(`<b onmouseover='x()'>`);
	});
});

function participantsWhereNamed(socket: TestSocket, name: string) {
	return new Promise<{ name: string }>((resolve) => {
		socket.on('people', (change) => {
			if (change.change !== 'removed' && change.person.name === name) resolve(change.person);
		});
	});
}

const LOOKUP_CODE = 'ACDEFG';
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA';

/** Payloads that no schema accepts, per command. */
const MALFORMED: [string, unknown][] = [
	['workshop:create', null],
	['workshop:create', 42],
	['workshop:create', 'Just a string'],
	['workshop:create', ['Title', 'en']],
	['workshop:create', {}],
	['workshop:create', { title: 'No language' }],
	['workshop:create', { title: 'Klingon', language: 'tlh' }],
	['workshop:create', { title: 7, language: 'en' }],
	['workshop:create', { title: ['a'], language: 'en' }],
	['workshop:create', { title: { toString: 'x' }, language: 'en' }],
	['workshop:create', { title: 'Extra', language: 'en', admin: true }],
	['workshop:create', JSON.parse('{"title":"Proto","language":"en","__proto__":{"admin":true}}')],
	['workshop:lookup', undefined],
	['workshop:lookup', { code: 123456 }],
	['workshop:lookup', { code: 'ABC' }],
	['workshop:lookup', { code: 'OOOOOO' }],
	['workshop:lookup', { code: LOOKUP_CODE, extra: 1 }],
	['participant:join', { code: LOOKUP_CODE, name: 'Sam' }],
	['participant:join', { code: LOOKUP_CODE, name: null, role: 'carer' }],
	['participant:join', { code: LOOKUP_CODE, name: 'Sam', role: 3 }],
	['participant:resume', { code: LOOKUP_CODE, participantId: 'short', participantKey: TOKEN }],
	[
		'participant:resume',
		{ code: LOOKUP_CODE, participantId: TOKEN, participantKey: 'has space x' }
	],
	['participant:resume', { code: LOOKUP_CODE, participantId: TOKEN }],
	['facilitator:open', {}],
	['facilitator:open', { facilitatorKey: 'A'.repeat(65) }],
	['facilitator:open', { facilitatorKey: '../../etc/passwd' }],
	['facilitator:open', { facilitatorKey: TOKEN, workshopId: TOKEN }],
	['facilitator:open', true],
	['workshop:rename', { title: false }],
	['workshop:rename', { name: 'Wrong field' }],
	['workshop:rename', [{ title: 'In an array' }]]
];

describe('malformed payloads', () => {
	it('answers every malformed payload with bad-input and keeps the connection', async () => {
		let s = await connect(server.url);
		// A facilitator's command is refused before its payload is read when the sender may not send
		// it (the authority tests cover that); here the sender may, so the payload is what is wrong.
		const own = await openWorkshop(server.url, 'Own workshop');
		const before = countRows(server.dataDir, 'workshops');
		for (const [i, [name, payload]] of MALFORMED.entries()) {
			// Stay under the per-connection rate limit (bursts of 30): that is tested separately.
			if (i > 0 && i % 20 === 0) {
				expect(s.connected).toBe(true);
				s = await connect(server.url);
			}
			const sender = name === 'workshop:rename' ? own.facilitator : s;
			const reply = await rawRequest(sender, name, payload);
			expect(reply, `${name} ${JSON.stringify(payload)?.slice(0, 60)}`).toEqual({
				ok: false,
				error: expect.objectContaining({ code: 'bad-input', message: expect.any(String) })
			});
		}
		expect(countRows(server.dataDir, 'workshops')).toBe(before);
		expect(unwrap(await request(s, 'workshop:lookup', { code: own.created.code })).title).toBe(
			'Own workshop'
		);
		expect(s.connected).toBe(true);
		expect(unwrap(await request(s, 'workshop:lookup', { code: bystanders[0].code })).title).toBe(
			'Bystander A'
		);
	});

	it('names the wrong field when it can', async () => {
		const s = await connect(server.url);
		const reply = await rawRequest(s, 'workshop:create', { title: 'Fine', language: 'xx' });
		expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input', field: 'language' } });
	});

	it('ignores commands sent without an acknowledgement, and still serves that socket', async () => {
		const s = await connect(server.url);
		const before = countRows(server.dataDir, 'workshops');
		const raw = s as unknown as { emit: (...args: unknown[]) => void };
		raw.emit('workshop:create', { title: 'No ack here', language: 'en' });
		raw.emit('workshop:create');
		raw.emit('workshop:create', { title: 'Ack is not a function', language: 'en' }, 'nope');
		raw.emit('workshop:rename', null);
		raw.emit('no-such-command', { anything: 1 });
		// Commands on one socket are handled in order, so by this reply the ones above were handled.
		unwrap(await request(s, 'workshop:lookup', { code: bystanders[0].code }));
		expect(countRows(server.dataDir, 'workshops')).toBe(before);
		expect(s.connected).toBe(true);
	});

	it('refuses a 60,000-character join code with too-long', async () => {
		const s = await connect(server.url);
		const reply = await rawRequest(s, 'workshop:lookup', { code: 'A'.repeat(60_000) });
		expect(failure(reply as never)).toMatchObject({ code: 'too-long', field: 'code' });
		expect(s.connected).toBe(true);
	});

	it.each([10_000 + 1, 60_000, 100_000])(
		'refuses a %i-character title with too-long, keeping the connection',
		async (length) => {
			const s = await connect(server.url);
			const before = countRows(server.dataDir, 'workshops');
			const reply = await rawRequest(s, 'workshop:create', {
				title: 'x'.repeat(length),
				language: 'en'
			});
			expect(failure(reply as never)).toMatchObject({ code: 'too-long', field: 'title' });
			expect(s.connected).toBe(true);
			expect(countRows(server.dataDir, 'workshops')).toBe(before);
		}
	);

	it('drops only the sending connection for a message over 1 MB, and keeps serving', async () => {
		const s = await connect(server.url);
		const before = countRows(server.dataDir, 'workshops');
		const gone = new Promise<string>((resolve) => s.once('disconnect', resolve));
		const reply = rawRequest(s, 'workshop:create', {
			title: 'x'.repeat(1_100_000),
			language: 'en'
		});
		// socket.io's maxHttpBufferSize (1 MB) closes the transport before any handler runs.
		expect(await gone).toBe('transport close');
		await expect(reply).rejects.toThrow();
		expect(countRows(server.dataDir, 'workshops')).toBe(before);
		const fresh = await connect(server.url);
		expect(
			unwrap(await request(fresh, 'workshop:lookup', { code: bystanders[1].code })).title
		).toBe('Bystander B');
	});
});

describe('floods', () => {
	it('answers a flood from one socket with too-fast while another socket is unaffected', async () => {
		const flooder = await connect(server.url);
		const calm = await connect(server.url);
		const replies = (await Promise.all(
			Array.from({ length: 100 }, () =>
				rawRequest(flooder, 'workshop:lookup', { code: bystanders[0].code })
			)
		)) as { ok: boolean; error?: { code: string } }[];
		const tooFast = replies.filter((r) => !r.ok && r.error?.code === 'too-fast').length;
		const answered = replies.filter((r) => r.ok).length;
		expect(tooFast).toBeGreaterThan(0);
		expect(answered).toBeGreaterThan(0);
		expect(tooFast + answered).toBe(100);
		expect(flooder.connected).toBe(true);
		expect(unwrap(await request(calm, 'workshop:lookup', { code: bystanders[0].code })).title).toBe(
			'Bystander A'
		);
	});
});

describe('bystanders', () => {
	it('other workshops stayed connected through all of the above and still work', async () => {
		for (const b of bystanders) {
			expect(b.disconnects).toEqual([]);
			expect(b.facilitator.connected && b.participant.connected).toBe(true);
		}
		const [a] = bystanders;
		const y = yjsClient(server.url, a.meta, a.ticket);
		await y.synced;
		unwrap(await request(a.facilitator, 'workshop:rename', { title: 'Bystander A, renamed' }));
		await waitFor(() => y.doc.getMap('meta').get('title') === 'Bystander A, renamed');
		expect(
			unwrap(await request(bystanders[1].participant, 'workshop:lookup', { code: a.code })).title
		).toBe('Bystander A, renamed');
		const health = await fetch(`${server.url}/healthz`);
		expect(await health.json()).toEqual({ ok: true });
	});
});
