/**
 * The generic walk: every command in the registry, tried by every kind of connection that may not
 * send it, and with malformed payloads by one that may. Each refusal must carry a stable code and
 * plain words, and afterwards no stored row and no document has changed. The list comes from the
 * server's own command table, so a command added anywhere is walked without anyone touching this.
 */
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { COMMANDS, ERROR_CODES } from '../../src/lib/features/index.ts';
import type { AnySchema } from '../../src/lib/shared/command.ts';
import { MAX_RAW_TEXT } from '../../src/lib/shared/limits.ts';
import type { CommandEntry } from '../../server/socket/connection.ts';
import {
	connect,
	joinAs,
	openWorkshop,
	rawRequest,
	request,
	unwrap,
	type TestSocket
} from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

/** Every row of every table, in a stable order: what "nothing changed" is checked against. */
function dumpStorage(): string {
	const db = new DatabaseSync(path.join(server.dataDir, 'roundtable.db'), { readOnly: true });
	try {
		const tables = db
			.prepare("select name from sqlite_master where type = 'table' order by name")
			.all() as { name: string }[];
		return JSON.stringify(
			tables.map(({ name }) => [
				name,
				db
					.prepare(`select * from "${name}"`)
					.all()
					.map((row) =>
						JSON.stringify(row, (_k, value) => (value instanceof Uint8Array ? [...value] : value))
					)
					.sort()
			])
		);
	} finally {
		db.close();
	}
}

/** The object schema inside a command's schema (some are wrapped in a pipe that refuses arrays). */
function entriesOf(schema: AnySchema): Record<string, AnySchema> | null {
	const s = schema as unknown as { entries?: Record<string, AnySchema>; pipe?: AnySchema[] };
	if (s.entries) return s.entries;
	for (const part of s.pipe ?? []) {
		const inner = entriesOf(part);
		if (inner) return inner;
	}
	return null;
}

const isOptional = (schema: AnySchema) =>
	(schema as unknown as { type: string }).type === 'optional' ||
	v.safeParse(schema, undefined).success;

/** Payloads the command's schema must refuse: wrong shapes, wrong types, huge text, hostile keys. */
function malformedPayloads(schema: AnySchema): { label: string; payload: unknown }[] {
	const out: { label: string; payload: unknown }[] = [
		{ label: 'no payload', payload: undefined },
		{ label: 'a number', payload: 42 },
		{ label: 'a string', payload: '{}' },
		{ label: 'null', payload: null },
		{ label: 'an array', payload: [] },
		{ label: 'an extra key', payload: { surprise: true } },
		{ label: 'a __proto__ key', payload: JSON.parse('{"__proto__":{"admin":true}}') }
	];
	const entries = entriesOf(schema) ?? {};
	const keys = Object.keys(entries);
	if (keys.some((k) => !isOptional(entries[k]))) out.push({ label: 'missing fields', payload: {} });
	for (const key of keys) {
		// A value of a type no field of ours takes, and, for text, one far over any limit.
		out.push({ label: `${key} of the wrong type`, payload: { [key]: { nested: [key] } } });
		if (v.safeParse(entries[key], 'text').success || v.safeParse(entries[key], '').success) {
			out.push({ label: `${key} too long`, payload: { [key]: 'x'.repeat(MAX_RAW_TEXT + 1) } });
		}
	}
	// None of these may be a payload the schema accepts; if one were, the walk would prove nothing.
	for (const { label, payload } of out) {
		expect(v.safeParse(schema, payload).success, label).toBe(false);
	}
	return out;
}

interface Senders {
	anyone(): Promise<TestSocket>;
	participant(): Promise<TestSocket>;
	facilitator(): Promise<TestSocket>;
}

/**
 * Fresh connections as needed, so the per-connection rate limit never answers instead; and, as
 * limits hold per person across connections too, a fresh person for each participant connection
 * (all joined before the walk, so the walk itself changes nothing).
 */
async function sendersFor(url: string, participantSends: number): Promise<Senders> {
	const { created } = await openWorkshop(url, 'Walked workshop');
	const walkers: Awaited<ReturnType<typeof joinAs>>[] = [];
	for (let i = 0; i < Math.ceil(participantSends / 6) + 2; i++) {
		walkers.push(await joinAs(url, created.code, `Walker ${i + 1}`));
	}
	const fresh = (prepare: (s: TestSocket) => Promise<unknown>) => {
		let socket: TestSocket | null = null;
		let used = 0;
		return async () => {
			if (!socket || used >= 6) {
				socket = await connect(url);
				await prepare(socket);
				used = 0;
			}
			used++;
			return socket;
		};
	};
	return {
		anyone: fresh(async () => {}),
		participant: fresh(async (s) => {
			const person = walkers.shift();
			if (!person) throw new Error('the walk needs more people than it joined');
			unwrap(
				await request(s, 'participant:resume', {
					code: created.code,
					participantId: person.welcome.participantId,
					participantKey: person.welcome.participantKey
				})
			);
		}),
		facilitator: fresh(async (s) =>
			unwrap(await request(s, 'facilitator:open', { facilitatorKey: created.facilitatorKey }))
		)
	};
}

type Refusal = { ok: false; error: { code: string; message: string } };

function expectRefused(reply: unknown, code: string | string[], label: string) {
	const codes = Array.isArray(code) ? code : [code];
	expect(reply, label).toMatchObject({ ok: false, error: { message: expect.any(String) } });
	expect(codes, label).toContain((reply as Refusal).error.code);
	expect(ERROR_CODES, label).toContain((reply as Refusal).error.code);
	expect((reply as Refusal).error.message.length, label).toBeGreaterThan(0);
}

describe('every command in the registry', () => {
	it('is refused to those who may not send it and refuses malformed payloads, changing nothing', async () => {
		const table: ReadonlyMap<string, CommandEntry> = server.server.services.commands;
		// The server's table and the shared declarations list the same commands.
		expect([...table.keys()].sort()).toEqual(Object.keys(COMMANDS).sort());

		const participantSends = [...table.values()].reduce(
			(n, e) =>
				n +
				(e.who === 'participant' || e.who === 'member'
					? malformedPayloads(e.schema).length
					: e.who === 'facilitator'
						? 1
						: 0),
			0
		);
		const senders = await sendersFor(server.url, participantSends);
		// Everything the senders needed is in place; from here on nothing may change.
		await new Promise((r) => setTimeout(r, 100));
		const before = dumpStorage();
		const walked = { authority: new Set<string>(), malformed: new Set<string>() };

		for (const [name, entry] of table) {
			if (entry.who !== 'anyone') {
				expectRefused(
					await rawRequest(await senders.anyone(), name, {}),
					'not-joined',
					`${name} before joining`
				);
				walked.authority.add(name);
			}
			if (entry.who === 'facilitator') {
				expectRefused(
					await rawRequest(await senders.participant(), name, {}),
					'not-allowed',
					`${name} from a participant`
				);
			}
			if (entry.who === 'participant') {
				expectRefused(
					await rawRequest(await senders.facilitator(), name, {}),
					'not-allowed',
					`${name} from a facilitator`
				);
			}
			const allowed =
				entry.who === 'facilitator'
					? senders.facilitator
					: entry.who === 'anyone'
						? senders.anyone
						: senders.participant;
			for (const { label, payload } of malformedPayloads(entry.schema)) {
				expectRefused(
					await rawRequest(await allowed(), name, payload),
					['bad-input', 'too-long'],
					`${name} with ${label}`
				);
			}
			walked.malformed.add(name);
		}

		// An unknown command gets a clear answer too.
		expectRefused(
			await rawRequest(await senders.anyone(), 'workshop:explode', {}),
			'unknown-command',
			'an unknown command'
		);
		// One more round trip, so anything a refused command had set going would have landed.
		await request(await senders.anyone(), 'workshop:lookup', { code: 'ABCDEF' });
		await new Promise((r) => setTimeout(r, 100));
		expect(dumpStorage()).toBe(before);

		const facilitatorOnly = [...table.values()].filter((e) => e.who === 'facilitator').length;
		console.log(
			`registry walk: ${table.size} commands walked, ${walked.authority.size} refused before joining, ` +
				`${facilitatorOnly} facilitator-only refused to a participant, ${walked.malformed.size} given malformed payloads`
		);
		expect(walked.malformed.size).toBe(table.size);
		expect(facilitatorOnly).toBeGreaterThan(20);
	});
});
