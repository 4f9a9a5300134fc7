/**
 * One storage suite, run against both backends: SQLite in a temporary folder and PostgreSQL in a
 * throwaway cluster. Then what only SQLite has: its files, the move of old tables into records,
 * and a process killed mid-write.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { createStorage } from '../../server/storage/index.ts';
import { PostgresStorage } from '../../server/storage/postgres.ts';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import {
	CodeTakenError,
	type ParticipantRecord,
	type Storage,
	type StorageChange,
	type WorkshopRecord
} from '../../server/storage/types.ts';
import { startPostgres, type RunningService } from '../helpers/services.ts';

const SQLITE_MODULE = path.resolve(import.meta.dirname, '../../server/storage/sqlite.ts');

const W1 = 'AbCdEfGhIjKlMnOpQrStUv';
const W2 = 'ZyXwVuTsRqPoNmLkJiHgFe';
const MISSING = 'NoSuchWorkshop00000000';

function workshop(over: Partial<WorkshopRecord> = {}): WorkshopRecord {
	return {
		id: W1,
		code: 'ACDEFG',
		title: 'Planning day',
		language: 'en',
		roles: ['lived-experience', 'carer', 'professional', 'other', 'prefer-not-to-say'],
		facilitatorKeyHash: 'hash-' + (over.id ?? W1),
		createdAt: 1_700_000_000_000,
		...over
	};
}

const SECOND = { id: W2, code: 'HJKMNP', facilitatorKeyHash: 'hash-w2' };

function participant(over: Partial<ParticipantRecord> = {}): ParticipantRecord {
	return {
		id: 'P000000000000000000001',
		workshopId: W1,
		name: 'Sam',
		role: 'carer',
		keyHash: 'key-hash',
		joinedAt: 1_700_000_000_100,
		...over
	};
}

const bytes = (...b: number[]) => new Uint8Array(b);
const put = (workshopId: string, feature: string, key: string, value: string): StorageChange => ({
	kind: 'put',
	workshopId,
	feature,
	key,
	value
});
const del = (workshopId: string, feature: string, key: string): StorageChange => ({
	kind: 'delete',
	workshopId,
	feature,
	key
});
const append = (doc: string, update: Uint8Array): StorageChange => ({
	kind: 'append',
	doc,
	update
});

/** UTF-8 byte order, which both backends promise for keys. */
const byteOrder = (keys: string[]) =>
	[...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

function cellText(value: unknown): string {
	if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
	return String(value);
}

/** Every row of every table, one string per row, for scans that must not miss a table. */
type Dump = Record<string, string[]>;

interface Backend {
	name: string;
	start(): Promise<void>;
	stop(): Promise<void>;
	/** An empty store: no tables at all, as on a first start. */
	reset(): Promise<void>;
	/** Another storage (another connection, or another node) on the current store. */
	open(): Promise<Storage>;
	dump(): Promise<Dump>;
}

function sqliteBackend(): Backend {
	const dirs: string[] = [];
	let dir = '';
	return {
		name: 'SQLite',
		async start() {},
		async stop() {
			for (const d of dirs) rmSync(d, { recursive: true, force: true });
		},
		async reset() {
			dir = mkdtempSync(path.join(tmpdir(), 'rt-storage-'));
			dirs.push(dir);
		},
		async open() {
			return createStorage({ dataDir: dir, databaseUrl: null });
		},
		async dump() {
			const db = new DatabaseSync(path.join(dir, 'roundtable.db'), { readOnly: true });
			try {
				const tables = db
					.prepare("select name from sqlite_master where type = 'table' order by name")
					.all() as { name: string }[];
				const dump: Dump = {};
				for (const { name } of tables) {
					const rows = db.prepare(`select * from "${name}"`).all();
					dump[name] = rows.map((r) => Object.values(r).map(cellText).join('|'));
				}
				return dump;
			} finally {
				db.close();
			}
		}
	};
}

function postgresBackend(): Backend {
	let server: RunningService | null = null;
	const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
		const client = new pg.Client({ connectionString: server!.url });
		await client.connect();
		try {
			return await fn(client);
		} finally {
			await client.end();
		}
	};
	return {
		name: 'PostgreSQL',
		async start() {
			server = await startPostgres();
		},
		async stop() {
			await server?.stop();
		},
		async reset() {
			await admin((c) => c.query('drop schema public cascade; create schema public'));
		},
		async open() {
			return createStorage({ dataDir: '/nonexistent', databaseUrl: server!.url });
		},
		async dump() {
			return admin(async (c) => {
				const tables = await c.query<{ tablename: string }>(
					"select tablename from pg_tables where schemaname = 'public' order by tablename"
				);
				const dump: Dump = {};
				for (const { tablename } of tables.rows) {
					const rows = await c.query(`select * from "${tablename}"`);
					dump[tablename] = rows.rows.map((r) => Object.values(r).map(cellText).join('|'));
				}
				return dump;
			});
		}
	};
}

describe.each([
	{ name: 'SQLite', make: sqliteBackend },
	{ name: 'PostgreSQL', make: postgresBackend }
])('$name storage', ({ name, make }) => {
	const backend = make();
	let storage: Storage;
	const opened: Storage[] = [];

	async function open(): Promise<Storage> {
		const s = await backend.open();
		opened.push(s);
		return s;
	}

	beforeAll(() => backend.start());
	afterAll(() => backend.stop());

	beforeEach(async () => {
		await backend.reset();
		storage = await open();
	});

	afterEach(async () => {
		for (const s of opened.splice(0)) await s.close();
	});

	it('is the backend it says', () => {
		expect(storage).toBeInstanceOf(name === 'SQLite' ? SqliteStorage : PostgresStorage);
	});

	it('several storages opened at once on a new store all work', async () => {
		await backend.reset();
		const all = await Promise.all([open(), open(), open()]);
		await all[0].createWorkshop(workshop());
		for (const s of all) expect((await s.workshopById(W1))?.code).toBe('ACDEFG');
	});

	describe('workshops', () => {
		it('finds a created workshop by id, code and facilitator key hash', async () => {
			const w = workshop();
			await storage.createWorkshop(w);
			expect(await storage.workshopById(W1)).toEqual(w);
			expect(await storage.workshopByCode('ACDEFG')).toEqual(w);
			expect(await storage.workshopByFacilitatorKeyHash(w.facilitatorKeyHash)).toEqual(w);
		});

		it('returns null for unknown id, code and key hash', async () => {
			await storage.createWorkshop(workshop());
			expect(await storage.workshopById(W2)).toBeNull();
			expect(await storage.workshopByCode('XXXXXX')).toBeNull();
			expect(await storage.workshopByFacilitatorKeyHash('nope')).toBeNull();
		});

		it('looks codes up exactly (no case folding, no patterns)', async () => {
			await storage.createWorkshop(workshop());
			expect(await storage.workshopByCode('acdefg')).toBeNull();
			expect(await storage.workshopByCode('ACDEF%')).toBeNull();
			expect(await storage.workshopByCode('ACDEF_')).toBeNull();
			expect(await storage.workshopByCode("ACDEFG' or '1'='1")).toBeNull();
		});

		it('keeps roles, language, odd titles and the creation time exactly', async () => {
			const w = workshop({
				title: 'Siân’s "day" <b>\u{1F600}</b> \\ \' ;--',
				language: 'cy',
				roles: ['Youth worker', 'Rôl', ''],
				createdAt: 4_102_444_800_000
			});
			await storage.createWorkshop(w);
			expect(await storage.workshopById(W1)).toEqual(w);
		});

		it('refuses a duplicate join code with CodeTakenError and keeps the first', async () => {
			await storage.createWorkshop(workshop());
			const second = workshop({ id: W2, title: 'Other', facilitatorKeyHash: 'other' });
			await expect(storage.createWorkshop(second)).rejects.toBeInstanceOf(CodeTakenError);
			expect(await storage.workshopById(W2)).toBeNull();
			expect((await storage.workshopByCode('ACDEFG'))?.id).toBe(W1);
		});

		it('refuses a duplicate id with an error that is not CodeTakenError', async () => {
			await storage.createWorkshop(workshop());
			const err = await storage
				.createWorkshop(workshop({ code: 'HJKMNP', facilitatorKeyHash: 'other' }))
				.then(
					() => null,
					(e: unknown) => e
				);
			expect(err).toBeInstanceOf(Error);
			expect(err).not.toBeInstanceOf(CodeTakenError);
			expect(await storage.workshopByCode('HJKMNP')).toBeNull();
		});

		it('refuses a duplicate facilitator key hash, not as CodeTakenError', async () => {
			await storage.createWorkshop(workshop());
			const err = await storage
				.createWorkshop(workshop({ id: W2, code: 'HJKMNP', facilitatorKeyHash: 'hash-' + W1 }))
				.then(
					() => null,
					(e: unknown) => e
				);
			expect(err).toBeInstanceOf(Error);
			expect(err).not.toBeInstanceOf(CodeTakenError);
			expect(await storage.workshopById(W2)).toBeNull();
		});

		it('CodeTakenError names itself', () => {
			const e = new CodeTakenError();
			expect(e.name).toBe('CodeTakenError');
			expect(e).toBeInstanceOf(Error);
		});

		it('updates a title and only that title', async () => {
			await storage.createWorkshop(workshop());
			await storage.createWorkshop(workshop({ ...SECOND, title: 'Untouched' }));
			await storage.updateWorkshopTitle(W1, 'New title');
			expect(await storage.workshopById(W1)).toEqual(workshop({ title: 'New title' }));
			expect((await storage.workshopById(W2))?.title).toBe('Untouched');
		});
	});

	describe('participants', () => {
		beforeEach(async () => {
			await storage.createWorkshop(workshop());
			await storage.createWorkshop(workshop(SECOND));
		});

		it('adds and gets a participant', async () => {
			const p = participant();
			await storage.addParticipant(p);
			expect(await storage.participant(W1, p.id)).toEqual(p);
		});

		it('returns null for an unknown participant, or one of another workshop', async () => {
			const p = participant();
			await storage.addParticipant(p);
			expect(await storage.participant(W1, 'P000000000000000000999')).toBeNull();
			expect(await storage.participant(W2, p.id)).toBeNull();
		});

		it('lists a workshop’s participants in the order they joined', async () => {
			await storage.addParticipant(
				participant({ id: 'P1aaaaaaaaaaaaaaaaaaaa', name: 'C', joinedAt: 300 })
			);
			await storage.addParticipant(
				participant({ id: 'P3aaaaaaaaaaaaaaaaaaaa', name: 'A', joinedAt: 100 })
			);
			await storage.addParticipant(
				participant({ id: 'P2aaaaaaaaaaaaaaaaaaaa', name: 'B', joinedAt: 200 })
			);
			await storage.addParticipant(
				participant({ id: 'P4aaaaaaaaaaaaaaaaaaaa', workshopId: W2, name: 'Other', joinedAt: 50 })
			);
			expect((await storage.participants(W1)).map((p) => p.name)).toEqual(['A', 'B', 'C']);
			expect((await storage.participants(W2)).map((p) => p.name)).toEqual(['Other']);
		});

		// A go-round follows the order people joined; ties of the clock keep the order of joining.
		it('orders people who joined at the same moment in the order they joined', async () => {
			await storage.addParticipant(
				participant({ id: 'Pbbbbbbbbbbbbbbbbbbbbb', name: 'b', joinedAt: 5 })
			);
			await storage.addParticipant(
				participant({ id: 'Paaaaaaaaaaaaaaaaaaaaa', name: 'a', joinedAt: 5 })
			);
			await storage.addParticipant(
				participant({ id: 'PBBBBBBBBBBBBBBBBBBBBB', name: 'B', joinedAt: 5 })
			);
			expect((await storage.participants(W1)).map((p) => p.name)).toEqual(['b', 'a', 'B']);
		});

		it('lists nobody for a workshop with no participants or an unknown workshop', async () => {
			expect(await storage.participants(W1)).toEqual([]);
			expect(await storage.participants('unknown-workshop-id')).toEqual([]);
		});

		it('refuses a participant of a workshop that does not exist', async () => {
			await expect(storage.addParticipant(participant({ workshopId: MISSING }))).rejects.toThrow();
			expect(await storage.participants(MISSING)).toEqual([]);
		});

		it('refuses a duplicate participant id', async () => {
			await storage.addParticipant(participant());
			await expect(storage.addParticipant(participant({ name: 'Imposter' }))).rejects.toThrow();
			expect((await storage.participant(W1, participant().id))?.name).toBe('Sam');
		});
	});

	describe('documents', () => {
		const doc = `${W1}.meta`;

		it('loads nothing for a new document', async () => {
			expect(await storage.loadDocument(doc)).toEqual([]);
			expect(await storage.updateCount(doc)).toBe(0);
		});

		it('loads appended updates in order, byte for byte, as Uint8Arrays', async () => {
			await storage.appendUpdate(doc, bytes(1, 2, 3));
			await storage.appendUpdate(doc, bytes(4));
			await storage.appendUpdate(doc, bytes(0, 255, 0));
			const loaded = await storage.loadDocument(doc);
			expect(loaded).toEqual([bytes(1, 2, 3), bytes(4), bytes(0, 255, 0)]);
			for (const u of loaded) expect(Object.getPrototypeOf(u)).toBe(Uint8Array.prototype);
			expect(await storage.updateCount(doc)).toBe(3);
		});

		it('appends through write too, in the order of the change list', async () => {
			await storage.write([append(doc, bytes(1)), append(doc, bytes(2)), append(doc, bytes(3))]);
			await storage.appendUpdate(doc, bytes(4));
			expect(await storage.loadDocument(doc)).toEqual([bytes(1), bytes(2), bytes(3), bytes(4)]);
		});

		it('stores a slice of a larger buffer, not the whole buffer', async () => {
			const whole = bytes(9, 1, 2, 3, 9);
			await storage.appendUpdate(doc, whole.subarray(1, 4));
			expect(await storage.loadDocument(doc)).toEqual([bytes(1, 2, 3)]);
		});

		it('keeps documents apart, even when appends interleave', async () => {
			const other = `${W2}.meta`;
			for (let i = 0; i < 10; i++) {
				await storage.appendUpdate(doc, bytes(i));
				await storage.appendUpdate(other, bytes(100 + i));
			}
			expect(await storage.loadDocument(doc)).toEqual(
				Array.from({ length: 10 }, (_, i) => bytes(i))
			);
			expect(await storage.loadDocument(other)).toEqual(
				Array.from({ length: 10 }, (_, i) => bytes(100 + i))
			);
		});

		it('stores an empty update and a large one', async () => {
			const large = new Uint8Array(1_000_000).map((_, i) => i % 251);
			await storage.appendUpdate(doc, bytes());
			await storage.appendUpdate(doc, large);
			const [first, second] = await storage.loadDocument(doc);
			expect(first).toEqual(bytes());
			expect(second).toEqual(large);
		});

		it('compact replaces the log with the one merged update', async () => {
			for (let i = 0; i < 5; i++) await storage.appendUpdate(doc, bytes(i));
			await storage.compact(doc, bytes(9, 9, 9));
			expect(await storage.loadDocument(doc)).toEqual([bytes(9, 9, 9)]);
			expect(await storage.updateCount(doc)).toBe(1);
		});

		it('appends after a compaction come after the merged update', async () => {
			await storage.appendUpdate(doc, bytes(1));
			await storage.compact(doc, bytes(7));
			await storage.appendUpdate(doc, bytes(2));
			expect(await storage.loadDocument(doc)).toEqual([bytes(7), bytes(2)]);
			expect(await storage.updateCount(doc)).toBe(2);
			await storage.compact(doc, bytes(8));
			expect(await storage.loadDocument(doc)).toEqual([bytes(8)]);
		});

		it('compact of an empty document stores the merged update', async () => {
			await storage.compact(doc, bytes(5));
			expect(await storage.loadDocument(doc)).toEqual([bytes(5)]);
			expect(await storage.updateCount(doc)).toBe(1);
		});

		it('compact leaves other documents alone', async () => {
			const other = `${W2}.meta`;
			await storage.appendUpdate(doc, bytes(1));
			await storage.appendUpdate(other, bytes(2));
			await storage.appendUpdate(other, bytes(3));
			await storage.compact(doc, bytes(9));
			expect(await storage.loadDocument(other)).toEqual([bytes(2), bytes(3)]);
			expect(await storage.updateCount(other)).toBe(2);
		});
	});

	describe('records', () => {
		beforeEach(async () => {
			await storage.createWorkshop(workshop());
			await storage.createWorkshop(workshop(SECOND));
		});

		it('keeps nothing for a feature that wrote nothing', async () => {
			expect(await storage.records(W1, 'queue')).toEqual([]);
			expect(await storage.records(MISSING, 'queue')).toEqual([]);
		});

		it('puts, overwrites and deletes one record', async () => {
			await storage.write([put(W1, 'queue', 'state', '{"v":1}')]);
			expect(await storage.records(W1, 'queue')).toEqual([{ key: 'state', value: '{"v":1}' }]);
			await storage.write([put(W1, 'queue', 'state', '{"v":2}')]);
			expect(await storage.records(W1, 'queue')).toEqual([{ key: 'state', value: '{"v":2}' }]);
			await storage.write([del(W1, 'queue', 'state')]);
			expect(await storage.records(W1, 'queue')).toEqual([]);
		});

		it('deleting a record that is not there changes nothing', async () => {
			await storage.write([put(W1, 'queue', 'state', 'x')]);
			await storage.write([del(W1, 'queue', 'nothing'), del(MISSING, 'queue', 'state')]);
			expect(await storage.records(W1, 'queue')).toEqual([{ key: 'state', value: 'x' }]);
		});

		it('keeps workshops and features apart', async () => {
			await storage.write([
				put(W1, 'queue', 'state', 'w1 queue'),
				put(W1, 'ideas', 'state', 'w1 ideas'),
				put(W2, 'queue', 'state', 'w2 queue')
			]);
			expect(await storage.records(W1, 'queue')).toEqual([{ key: 'state', value: 'w1 queue' }]);
			expect(await storage.records(W1, 'ideas')).toEqual([{ key: 'state', value: 'w1 ideas' }]);
			expect(await storage.records(W2, 'queue')).toEqual([{ key: 'state', value: 'w2 queue' }]);
			expect(await storage.records(W2, 'ideas')).toEqual([]);
			expect(await storage.records(W1, 'Queue')).toEqual([]);
		});

		it('keeps values exactly: empty, long, JSON, quotes and any Unicode', async () => {
			const values = ['', 'x'.repeat(200_000), '{"a":[1,"b"]}', `'"\\;--`, 'Siân \u{1F600} ﬀ'];
			await storage.write(values.map((v, i) => put(W1, 'f', `k${i}`, v)));
			expect((await storage.records(W1, 'f')).map((r) => r.value)).toEqual(values);
		});

		it('returns records in key byte order, never in the order written', async () => {
			const keys = ['b', 'B', 'a', '~', 'é', 'ﬀ', '\u{1F600}', 'aa', 'a ', '0', 'A'];
			for (const key of keys) await storage.write([put(W1, 'f', key, `value of ${key}`)]);
			const got = await storage.records(W1, 'f');
			expect(got.map((r) => r.key)).toEqual(byteOrder(keys));
			for (const r of got) expect(r.value).toBe(`value of ${r.key}`);
		});

		it('orders zero-padded turn keys by number', async () => {
			const ids = [10, 2, 100, 1, 99];
			const key = (id: number) => `turn:${String(id).padStart(12, '0')}`;
			await storage.write(ids.map((id) => put(W1, 'queue', key(id), String(id))));
			expect((await storage.records(W1, 'queue', 'turn:')).map((r) => r.value)).toEqual([
				'1',
				'2',
				'10',
				'99',
				'100'
			]);
		});

		it('matches a prefix exactly: case, wildcards and longer keys', async () => {
			const keys = [
				'held',
				'held:a',
				'held:B',
				'held:b',
				'held:%',
				'held:_x',
				'helD:x',
				'heldx',
				'hel',
				'turn:000000000001',
				'é1',
				'e1',
				'\u{10FFFF}z',
				'\u{10FFFF}\u{10FFFF}',
				'\u{FFFF}'
			];
			await storage.write(keys.map((k) => put(W1, 'f', k, k)));
			const prefixed = async (prefix?: string) =>
				(await storage.records(W1, 'f', prefix)).map((r) => r.key);
			expect(await prefixed('held:')).toEqual(
				byteOrder(['held:a', 'held:B', 'held:b', 'held:%', 'held:_x'])
			);
			expect(await prefixed('held')).toEqual(
				byteOrder(['held', 'held:a', 'held:B', 'held:b', 'held:%', 'held:_x', 'heldx'])
			);
			expect(await prefixed('held:_')).toEqual(['held:_x']);
			expect(await prefixed('held:%')).toEqual(['held:%']);
			expect(await prefixed('%')).toEqual([]);
			expect(await prefixed('_')).toEqual([]);
			expect(await prefixed('HELD')).toEqual([]);
			expect(await prefixed('held:ab')).toEqual([]);
			expect(await prefixed('é')).toEqual(['é1']);
			expect(await prefixed('\u{10FFFF}')).toEqual(
				byteOrder(['\u{10FFFF}\u{10FFFF}', '\u{10FFFF}z'])
			);
			expect(await prefixed('')).toEqual(byteOrder(keys));
			expect(await prefixed()).toEqual(byteOrder(keys));
		});

		it('keeps turns and held ideas as features do: turn rows updated in place, ideas edited and dropped', async () => {
			const turn = (endedAt: number | null) =>
				JSON.stringify({ personId: 'P1', kind: null, source: 'hand', startedAt: 10, endedAt });
			await storage.write([
				put(W1, 'queue', 'state', '{"hands":[]}'),
				put(W1, 'queue', 'turn:000000000001', turn(null))
			]);
			await storage.write([put(W1, 'queue', 'turn:000000000001', turn(20))]);
			await storage.write([
				put(W1, 'ideas', 'held:zz', 'second arrival'),
				put(W1, 'ideas', 'held:aa', 'first arrival')
			]);
			await storage.write([put(W1, 'ideas', 'held:aa', 'edited')]);
			await storage.write([del(W1, 'ideas', 'held:zz')]);
			expect(await storage.records(W1, 'queue', 'turn:')).toEqual([
				{ key: 'turn:000000000001', value: turn(20) }
			]);
			expect(await storage.records(W1, 'ideas', 'held:')).toEqual([
				{ key: 'held:aa', value: 'edited' }
			]);
		});

		it('refuses a record of a workshop that does not exist', async () => {
			await expect(storage.write([put(MISSING, 'queue', 'state', 'x')])).rejects.toThrow();
			expect(await storage.records(MISSING, 'queue')).toEqual([]);
		});
	});

	describe('write', () => {
		beforeEach(async () => {
			await storage.createWorkshop(workshop());
		});

		it('an empty change list is fine and changes nothing', async () => {
			const before = await backend.dump();
			await expect(storage.write([])).resolves.toBeUndefined();
			expect(await backend.dump()).toEqual(before);
		});

		it('applies appends, puts and deletes of one list together', async () => {
			await storage.write([put(W1, 'ideas', 'held:old', 'old')]);
			await storage.write([
				append(`${W1}.meta`, bytes(1)),
				put(W1, 'queue', 'state', 's'),
				del(W1, 'ideas', 'held:old'),
				put(W1, 'ideas', 'held:new', 'new'),
				append(`${W1}.board`, bytes(2))
			]);
			expect(await storage.loadDocument(`${W1}.meta`)).toEqual([bytes(1)]);
			expect(await storage.loadDocument(`${W1}.board`)).toEqual([bytes(2)]);
			expect(await storage.records(W1, 'queue')).toEqual([{ key: 'state', value: 's' }]);
			expect(await storage.records(W1, 'ideas')).toEqual([{ key: 'held:new', value: 'new' }]);
		});

		it('later changes of one list win over earlier ones on the same key', async () => {
			await storage.write([
				put(W1, 'f', 'k', 'first'),
				put(W1, 'f', 'k', 'second'),
				put(W1, 'f', 'gone', 'x'),
				del(W1, 'f', 'gone')
			]);
			expect(await storage.records(W1, 'f')).toEqual([{ key: 'k', value: 'second' }]);
		});

		it('a list whose last change fails leaves nothing of the earlier changes', async () => {
			await storage.write([put(W1, 'ideas', 'held:keep', 'kept'), append(`${W1}.meta`, bytes(1))]);
			const other = await open();
			const before = await backend.dump();
			const err = await storage
				.write([
					append(`${W1}.meta`, bytes(2)),
					put(W1, 'queue', 'state', '{"v":1}'),
					put(W1, 'ideas', 'held:keep', 'overwritten'),
					del(W1, 'ideas', 'held:keep'),
					// The foreign key refuses this one: there is no such workshop.
					put(MISSING, 'queue', 'state', 'x')
				])
				.then(
					() => null,
					(e: unknown) => e
				);
			expect(err).toBeInstanceOf(Error);
			expect(await backend.dump()).toEqual(before);
			for (const s of [storage, other]) {
				expect(await s.loadDocument(`${W1}.meta`)).toEqual([bytes(1)]);
				expect(await s.records(W1, 'queue')).toEqual([]);
				expect(await s.records(W1, 'ideas')).toEqual([{ key: 'held:keep', value: 'kept' }]);
			}
			// The storage is still usable after a failed write.
			await storage.write([put(W1, 'queue', 'state', 'after')]);
			expect(await other.records(W1, 'queue')).toEqual([{ key: 'state', value: 'after' }]);
		});

		it('refuses a NUL character or an unknown change before writing anything', async () => {
			const before = await backend.dump();
			await expect(
				storage.write([append(`${W1}.meta`, bytes(1)), put(W1, 'f', 'k', 'a\u0000b')])
			).rejects.toThrow(/NUL/);
			await expect(storage.write([put(W1, 'f', 'k\u0000', 'v')])).rejects.toThrow(/NUL/);
			await expect(
				storage.write([put(W1, 'f', 'k', 'v'), { kind: 'drop' } as unknown as StorageChange])
			).rejects.toThrow(/unknown storage change/);
			await expect(
				storage.write([{ kind: 'append', doc: `${W1}.meta`, update: [1, 2] } as never])
			).rejects.toThrow(/Uint8Array/);
			expect(await backend.dump()).toEqual(before);
		});

		it('many writes at once all land, each whole', async () => {
			const n = 40;
			await Promise.all(
				Array.from({ length: n }, (_, i) =>
					storage.write([
						put(W1, 'burst', `k${String(i).padStart(3, '0')}`, String(i)),
						append(`${W1}.meta`, bytes(i))
					])
				)
			);
			const records = await storage.records(W1, 'burst');
			expect(records.map((r) => r.value)).toEqual(Array.from({ length: n }, (_, i) => String(i)));
			const updates = await storage.loadDocument(`${W1}.meta`);
			expect(updates.map((u) => u[0]).sort((a, b) => a - b)).toEqual(
				Array.from({ length: n }, (_, i) => i)
			);
		});
	});

	describe('server secrets', () => {
		it('makes a secret once and returns the same one after', async () => {
			let made = 0;
			const make = () => `secret-${++made}`;
			expect(await storage.serverSecret('ballot', make)).toBe('secret-1');
			expect(await storage.serverSecret('ballot', make)).toBe('secret-1');
			expect(made).toBe(1);
		});

		it('keeps secrets of different names apart', async () => {
			expect(await storage.serverSecret('a', () => 'one')).toBe('one');
			expect(await storage.serverSecret('b', () => 'two')).toBe('two');
			expect(await storage.serverSecret('a', () => 'three')).toBe('one');
		});

		it('storages asking for a new secret at once all get the same one', async () => {
			const all = [storage, await open(), await open()];
			const got = await Promise.all(all.map((s, i) => s.serverSecret('shared', () => `from-${i}`)));
			expect(new Set(got).size).toBe(1);
			expect(await storage.serverSecret('shared', () => 'later')).toBe(got[0]);
		});
	});

	describe('reopening', () => {
		it('a reopened storage sees workshops, people, updates, compactions, records and secrets', async () => {
			const w = workshop();
			const p = participant();
			await storage.createWorkshop(w);
			await storage.addParticipant(p);
			await storage.updateWorkshopTitle(W1, 'Renamed');
			await storage.appendUpdate(`${W1}.meta`, bytes(1));
			await storage.appendUpdate(`${W1}.meta`, bytes(2));
			await storage.appendUpdate(`${W2}.meta`, bytes(3));
			await storage.compact(`${W2}.meta`, bytes(4));
			await storage.write([put(W1, 'queue', 'state', 'kept'), put(W1, 'ideas', 'held:x', 'idea')]);
			const secret = await storage.serverSecret('ballot', () => 'the secret');
			await storage.close();

			const again = await open();
			expect(await again.workshopByCode('ACDEFG')).toEqual({ ...w, title: 'Renamed' });
			expect(await again.participants(W1)).toEqual([p]);
			expect(await again.loadDocument(`${W1}.meta`)).toEqual([bytes(1), bytes(2)]);
			expect(await again.loadDocument(`${W2}.meta`)).toEqual([bytes(4)]);
			expect(await again.records(W1, 'queue')).toEqual([{ key: 'state', value: 'kept' }]);
			expect(await again.records(W1, 'ideas')).toEqual([{ key: 'held:x', value: 'idea' }]);
			expect(await again.serverSecret('ballot', () => 'new')).toBe(secret);
			// The duplicate rule survives too.
			await expect(
				again.createWorkshop(workshop({ id: W2, facilitatorKeyHash: 'x' }))
			).rejects.toBeInstanceOf(CodeTakenError);
		});

		it('a second storage open on the same store sees writes of the first', async () => {
			const second = await open();
			await storage.createWorkshop(workshop());
			await storage.appendUpdate(`${W1}.meta`, bytes(1));
			await storage.write([put(W1, 'f', 'k', 'v')]);
			expect((await second.workshopById(W1))?.code).toBe('ACDEFG');
			expect(await second.loadDocument(`${W1}.meta`)).toEqual([bytes(1)]);
			expect(await second.records(W1, 'f')).toEqual([{ key: 'k', value: 'v' }]);
		});

		it('close is safe to call twice', async () => {
			await storage.close();
			await expect(storage.close()).resolves.toBeUndefined();
		});
	});

	describe('deleteWorkshop', () => {
		async function fill() {
			await storage.createWorkshop(workshop({ title: 'W1-TITLE-MARKER' }));
			await storage.createWorkshop(workshop({ ...SECOND, title: 'W2-TITLE-MARKER' }));
			await storage.addParticipant(participant({ name: 'W1-NAME-MARKER' }));
			await storage.addParticipant(
				participant({ id: 'P000000000000000000002', workshopId: W2, name: 'W2-NAME-MARKER' })
			);
			await storage.write([
				append(`${W1}.meta`, Buffer.from('W1-DOC-MARKER')),
				append(`${W1}.board`, bytes(2)),
				append(`${W2}.meta`, Buffer.from('W2-DOC-MARKER')),
				put(W1, 'queue', 'state', 'W1-RECORD-MARKER'),
				put(W1, 'ideas', 'held:a', 'W1-IDEA-MARKER'),
				put(W2, 'queue', 'state', 'W2-RECORD-MARKER')
			]);
			await storage.serverSecret('ballot', () => 'SECRET-MARKER');
		}

		const rowsWith = (dump: Dump, text: string) =>
			Object.entries(dump).flatMap(([table, rows]) =>
				rows.filter((r) => r.includes(text)).map(() => table)
			);

		it('removes the workshop, its people, records and documents from every table, and nothing else', async () => {
			await fill();
			const before = await backend.dump();
			for (const [text, table] of [
				['W1-TITLE-MARKER', 'workshops'],
				['W1-NAME-MARKER', 'participants'],
				['W1-DOC-MARKER', 'doc_updates'],
				['W1-RECORD-MARKER', 'records'],
				['W1-IDEA-MARKER', 'records']
			]) {
				expect(rowsWith(before, text)).toEqual([table]);
			}
			expect(rowsWith(before, W1).length).toBeGreaterThanOrEqual(6);

			await storage.deleteWorkshop(W1);

			const after = await backend.dump();
			expect(Object.keys(after)).toEqual(Object.keys(before));
			expect(rowsWith(after, W1)).toEqual([]);
			expect(rowsWith(after, 'W1-')).toEqual([]);
			for (const text of [
				'W2-TITLE-MARKER',
				'W2-NAME-MARKER',
				'W2-DOC-MARKER',
				'W2-RECORD-MARKER'
			]) {
				expect(rowsWith(after, text)).toHaveLength(1);
			}
			expect(rowsWith(after, 'SECRET-MARKER')).toEqual(['server_secrets']);

			expect(await storage.workshopById(W1)).toBeNull();
			expect(await storage.workshopByCode('ACDEFG')).toBeNull();
			expect(await storage.workshopByFacilitatorKeyHash('hash-' + W1)).toBeNull();
			expect(await storage.participants(W1)).toEqual([]);
			expect(await storage.participant(W1, participant().id)).toBeNull();
			expect(await storage.loadDocument(`${W1}.meta`)).toEqual([]);
			expect(await storage.loadDocument(`${W1}.board`)).toEqual([]);
			expect(await storage.updateCount(`${W1}.meta`)).toBe(0);
			expect(await storage.records(W1, 'queue')).toEqual([]);
			expect(await storage.records(W1, 'ideas')).toEqual([]);

			expect((await storage.workshopById(W2))?.code).toBe('HJKMNP');
			expect(await storage.participants(W2)).toHaveLength(1);
			expect(await storage.loadDocument(`${W2}.meta`)).toEqual([
				new TextEncoder().encode('W2-DOC-MARKER')
			]);
			expect(await storage.records(W2, 'queue')).toEqual([
				{ key: 'state', value: 'W2-RECORD-MARKER' }
			]);
		});

		it('frees the join code, and refuses records for the deleted workshop', async () => {
			await storage.createWorkshop(workshop());
			await storage.deleteWorkshop(W1);
			await expect(storage.write([put(W1, 'queue', 'state', 'late')])).rejects.toThrow();
			await storage.createWorkshop(workshop({ id: W2, facilitatorKeyHash: 'h2' }));
			expect((await storage.workshopByCode('ACDEFG'))?.id).toBe(W2);
		});

		it('treats _ and % in an id literally, not as LIKE wildcards', async () => {
			const underscore = 'abc_defghijklmnopqrstu';
			const lookalike = 'abcXdefghijklmnopqrstu';
			const longer = 'abc_defghijklmnopqrstu-more';
			await storage.appendUpdate(`${underscore}.meta`, bytes(1));
			await storage.appendUpdate(`${lookalike}.meta`, bytes(2));
			await storage.appendUpdate(`${longer}.meta`, bytes(3));
			await storage.deleteWorkshop(underscore);
			expect(await storage.loadDocument(`${underscore}.meta`)).toEqual([]);
			expect(await storage.loadDocument(`${lookalike}.meta`)).toEqual([bytes(2)]);
			expect(await storage.loadDocument(`${longer}.meta`)).toEqual([bytes(3)]);

			await storage.appendUpdate('ab%.meta', bytes(4));
			await storage.appendUpdate('abXYZ.meta', bytes(5));
			await storage.deleteWorkshop('ab%');
			expect(await storage.loadDocument('ab%.meta')).toEqual([]);
			expect(await storage.loadDocument('abXYZ.meta')).toEqual([bytes(5)]);
		});

		it('does not remove documents of a workshop whose id starts with the deleted id', async () => {
			await storage.appendUpdate(`${W1}.meta`, bytes(1));
			await storage.appendUpdate(`${W1}x.meta`, bytes(2));
			await storage.appendUpdate(`${W1}-2.meta`, bytes(3));
			await storage.appendUpdate(`${W1}`, bytes(4));
			await storage.deleteWorkshop(W1);
			expect(await storage.loadDocument(`${W1}.meta`)).toEqual([]);
			expect(await storage.loadDocument(`${W1}x.meta`)).toEqual([bytes(2)]);
			expect(await storage.loadDocument(`${W1}-2.meta`)).toEqual([bytes(3)]);
			expect(await storage.loadDocument(`${W1}`)).toEqual([bytes(4)]);
		});

		it('leaves a workshop whose id differs only in letter case', async () => {
			const lower = 'abcdefghijklmnopqrstuv';
			const upper = 'ABCDEFGHIJKLMNOPQRSTUV';
			await storage.createWorkshop(
				workshop({ id: lower, code: 'AAAAAA', facilitatorKeyHash: 'l' })
			);
			await storage.createWorkshop(
				workshop({ id: upper, code: 'BBBBBB', facilitatorKeyHash: 'u' })
			);
			await storage.write([
				append(`${lower}.meta`, bytes(1)),
				append(`${upper}.meta`, bytes(2)),
				put(lower, 'f', 'k', 'lower'),
				put(upper, 'f', 'k', 'upper')
			]);
			await storage.deleteWorkshop(upper);
			expect(await storage.loadDocument(`${lower}.meta`)).toEqual([bytes(1)]);
			expect(await storage.loadDocument(`${upper}.meta`)).toEqual([]);
			expect(await storage.records(lower, 'f')).toEqual([{ key: 'k', value: 'lower' }]);
			expect(await storage.workshopById(lower)).not.toBeNull();
			expect(await storage.workshopById(upper)).toBeNull();
		});

		it('deleting an unknown workshop changes nothing', async () => {
			await fill();
			const before = await backend.dump();
			await storage.deleteWorkshop(MISSING);
			expect(await backend.dump()).toEqual(before);
		});

		it('the deletion survives reopening', async () => {
			await fill();
			await storage.deleteWorkshop(W1);
			await storage.close();
			const again = await open();
			expect(await again.workshopById(W1)).toBeNull();
			expect(await again.participants(W1)).toEqual([]);
			expect(await again.loadDocument(`${W1}.meta`)).toEqual([]);
			expect(await again.records(W1, 'queue')).toEqual([]);
			expect((await again.workshopById(W2))?.title).toBe('W2-TITLE-MARKER');
		});
	});
});

// ---- What only SQLite has ----

const tempDirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'rt-sqlite-'));
	tempDirs.push(dir);
	return dir;
}
afterAll(() => {
	for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite files', () => {
	it('creates its data directory and database file', async () => {
		const nested = path.join(tempDir(), 'a', 'b');
		const s = new SqliteStorage(nested);
		try {
			expect(s.file).toBe(path.join(nested, 'roundtable.db'));
			expect(existsSync(s.file)).toBe(true);
		} finally {
			await s.close();
		}
	});

	it('uses WAL, opens with full or normal sync, and refuses any other setting', async () => {
		const dir = tempDir();
		await new SqliteStorage(dir).close();
		await new SqliteStorage(dir, { synchronous: 'normal' }).close();
		await new SqliteStorage(dir, { synchronous: 'full' }).close();
		const db = new DatabaseSync(path.join(dir, 'roundtable.db'));
		try {
			expect(db.prepare('pragma journal_mode').get()).toEqual({ journal_mode: 'wal' });
		} finally {
			db.close();
		}
		expect(() => new SqliteStorage(dir, { synchronous: 'off' as 'full' })).toThrow(
			/synchronous must be "full" or "normal"/
		);
	});

	it('after deleteWorkshop, neither the database file nor its log holds the workshop’s text', async () => {
		const dir = tempDir();
		const storage = new SqliteStorage(dir);
		const markers = [
			'OLD-TITLE-7f3a91',
			'NEW-TITLE-7f3a92',
			'PERSON-NAME-7f3a93',
			'RECORD-VALUE-7f3a94',
			'HELD-IDEA-7f3a95',
			'DOC-TEXT-7f3a96',
			'BIG-DOC-7f3a97',
			W1
		];
		const files = () =>
			readdirSync(dir)
				.filter((f) => f.startsWith('roundtable.db'))
				.map((f) => ({ name: f, bytes: readFileSync(path.join(dir, f)) }));
		const found = () =>
			markers.filter((m) => files().some((f) => f.bytes.includes(Buffer.from(m))));
		try {
			await storage.createWorkshop(workshop({ title: 'OLD-TITLE-7f3a91' }));
			await storage.createWorkshop(workshop({ ...SECOND, title: 'Other workshop' }));
			await storage.updateWorkshopTitle(W1, 'NEW-TITLE-7f3a92');
			await storage.addParticipant(participant({ name: 'PERSON-NAME-7f3a93' }));
			await storage.addParticipant(
				participant({ id: 'P000000000000000000002', workshopId: W2, name: 'Kept person' })
			);
			await storage.write([
				put(W1, 'queue', 'state', 'RECORD-VALUE-7f3a94'),
				put(W1, 'ideas', 'held:x', 'HELD-IDEA-7f3a95'),
				append(`${W1}.meta`, Buffer.from('DOC-TEXT-7f3a96')),
				// Large enough to spill into overflow pages, which are freed separately.
				append(`${W1}.board`, Buffer.from('BIG-DOC-7f3a97 '.repeat(2000))),
				put(W2, 'queue', 'state', 'Kept record'),
				append(`${W2}.meta`, Buffer.from('Kept document'))
			]);
			// Some of it checkpointed into the database file, some only in the log.
			const other = new DatabaseSync(storage.file);
			other.exec('pragma wal_checkpoint(PASSIVE)');
			other.close();
			await storage.write([put(W1, 'queue', 'after-checkpoint', 'RECORD-VALUE-7f3a94 again')]);
			// The scan can see them all before (the overwritten old title may be gone already).
			expect(found()).toEqual(expect.arrayContaining(markers.slice(1)));

			await storage.deleteWorkshop(W1);

			expect(found()).toEqual([]);
			const all = Buffer.concat(files().map((f) => f.bytes));
			for (const kept of ['Other workshop', 'Kept person', 'Kept record', 'Kept document']) {
				expect(all.includes(Buffer.from(kept))).toBe(true);
			}
			// And the storage carries on as usual.
			await storage.write([put(W2, 'queue', 'state', 'still writing')]);
			expect(await storage.records(W2, 'queue')).toEqual([
				{ key: 'state', value: 'still writing' }
			]);
		} finally {
			await storage.close();
		}
	});
});

describe('SQLite databases from before records', () => {
	// The tables as the server created them before features kept opaque records.
	const OLD_SCHEMA = `
		create table workshops (id text primary key, code text not null unique, title text not null,
			language text not null, roles text not null, facilitator_key_hash text not null unique,
			created_at integer not null);
		create table participants (id text primary key,
			workshop_id text not null references workshops(id) on delete cascade, name text not null,
			role text not null, key_hash text not null, joined_at integer not null);
		create index participants_by_workshop on participants(workshop_id);
		create table doc_updates (seq integer primary key autoincrement, doc text not null, data blob not null);
		create index doc_updates_by_doc on doc_updates(doc, seq);
		create table queue_state (workshop_id text primary key references workshops(id) on delete cascade,
			state text not null);
		create table queue_turns (id integer primary key autoincrement,
			workshop_id text not null references workshops(id) on delete cascade, person_id text not null,
			kind text, source text not null, started_at integer not null, ended_at integer);
		create index queue_turns_by_workshop on queue_turns(workshop_id, id);
		create table server_secrets (name text primary key, value text not null);
		create table held_ideas (workshop_id text not null references workshops(id) on delete cascade,
			id text not null, text text not null, primary key (workshop_id, id)) without rowid;
	`;

	function oldDatabase(fill: (db: DatabaseSync) => void): string {
		const dir = tempDir();
		const db = new DatabaseSync(path.join(dir, 'roundtable.db'));
		db.exec('pragma journal_mode = wal; pragma foreign_keys = on;');
		db.exec(OLD_SCHEMA);
		const w = db.prepare(
			'insert into workshops (id, code, title, language, roles, facilitator_key_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)'
		);
		w.run(W1, 'ACDEFG', 'Planning day', 'en', '["carer"]', 'hash-1', 1);
		w.run(W2, 'HJKMNP', 'Other', 'cy', '[]', 'hash-2', 2);
		db.prepare(
			'insert into participants (id, workshop_id, name, role, key_hash, joined_at) values (?, ?, ?, ?, ?, ?)'
		).run('P000000000000000000001', W1, 'Sam', 'carer', 'k', 3);
		db.prepare('insert into doc_updates (doc, data) values (?, ?)').run(`${W1}.meta`, bytes(7, 8));
		db.prepare('insert into server_secrets (name, value) values (?, ?)').run(
			'ballot',
			'old-secret'
		);
		fill(db);
		db.close();
		return dir;
	}

	const tables = (dir: string) => {
		const db = new DatabaseSync(path.join(dir, 'roundtable.db'), { readOnly: true });
		try {
			return (
				db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
					name: string;
				}[]
			).map((t) => t.name);
		} finally {
			db.close();
		}
	};

	it('moves queue state, turns and held ideas into records once, and drops the old tables', async () => {
		const dir = oldDatabase((db) => {
			const state = db.prepare('insert into queue_state (workshop_id, state) values (?, ?)');
			state.run(W1, '{"hands":["P1"]}');
			state.run(W2, '{"hands":[]}');
			const turn = db.prepare(
				'insert into queue_turns (id, workshop_id, person_id, kind, source, started_at, ended_at) values (?, ?, ?, ?, ?, ?, ?)'
			);
			turn.run(2, W1, 'P1', 'question', 'hand', 100, 200);
			turn.run(10, W1, 'P2', null, 'facilitator', 300, null);
			turn.run(11, W2, 'P9', 'reply', 'hand', 400, 500);
			const held = db.prepare('insert into held_ideas (workshop_id, id, text) values (?, ?, ?)');
			held.run(W1, 'zz9', 'Later idea');
			held.run(W1, 'Aa1', 'Siân’s idea \u{1F600}');
			held.run(W2, 'q', 'Other workshop idea');
		});

		const expected = async (s: Storage) => {
			expect(await s.records(W1, 'queue')).toEqual([
				{ key: 'state', value: '{"hands":["P1"]}' },
				{
					key: 'turn:000000000002',
					value: JSON.stringify({
						personId: 'P1',
						kind: 'question',
						source: 'hand',
						startedAt: 100,
						endedAt: 200
					})
				},
				{
					key: 'turn:000000000010',
					value: JSON.stringify({
						personId: 'P2',
						kind: null,
						source: 'facilitator',
						startedAt: 300,
						endedAt: null
					})
				}
			]);
			expect(await s.records(W2, 'queue')).toEqual([
				{ key: 'state', value: '{"hands":[]}' },
				{
					key: 'turn:000000000011',
					value: JSON.stringify({
						personId: 'P9',
						kind: 'reply',
						source: 'hand',
						startedAt: 400,
						endedAt: 500
					})
				}
			]);
			expect(await s.records(W1, 'ideas')).toEqual([
				{ key: 'held:Aa1', value: 'Siân’s idea \u{1F600}' },
				{ key: 'held:zz9', value: 'Later idea' }
			]);
			expect(await s.records(W2, 'ideas', 'held:')).toEqual([
				{ key: 'held:q', value: 'Other workshop idea' }
			]);
			// Everything else is where it was.
			expect((await s.workshopById(W1))?.roles).toEqual(['carer']);
			expect(await s.participants(W1)).toHaveLength(1);
			expect(await s.loadDocument(`${W1}.meta`)).toEqual([bytes(7, 8)]);
			expect(await s.serverSecret('ballot', () => 'new')).toBe('old-secret');
		};

		const first = new SqliteStorage(dir);
		try {
			await expected(first);
		} finally {
			await first.close();
		}
		for (const old of ['queue_state', 'queue_turns', 'held_ideas']) {
			expect(tables(dir)).not.toContain(old);
		}
		expect(tables(dir)).toContain('records');

		// Opening again moves nothing twice.
		const second = new SqliteStorage(dir);
		try {
			await expected(second);
			await second.deleteWorkshop(W1);
			expect(await second.records(W1, 'queue')).toEqual([]);
			expect(await second.records(W2, 'queue')).toHaveLength(2);
		} finally {
			await second.close();
		}
	});

	it('a failed move changes none of the old tables and refuses to open', async () => {
		const dir = oldDatabase((db) => {
			db.prepare('insert into queue_state (workshop_id, state) values (?, ?)').run(W1, '{"s":1}');
			db.prepare(
				'insert into queue_turns (workshop_id, person_id, source, started_at) values (?, ?, ?, ?)'
			).run(W1, 'P1', 'hand', 1);
			// A row whose workshop is gone: the records table's foreign key refuses it, last of all.
			db.exec('pragma foreign_keys = off');
			db.prepare('insert into held_ideas (workshop_id, id, text) values (?, ?, ?)').run(
				MISSING,
				'x',
				'orphan'
			);
		});
		expect(() => new SqliteStorage(dir)).toThrow(
			/Could not move the old queue_state, queue_turns, held_ideas tables into records/
		);
		const db = new DatabaseSync(path.join(dir, 'roundtable.db'), { readOnly: true });
		try {
			expect(db.prepare('select count(*) as n from queue_state').get()).toEqual({ n: 1 });
			expect(db.prepare('select count(*) as n from queue_turns').get()).toEqual({ n: 1 });
			expect(db.prepare('select count(*) as n from held_ideas').get()).toEqual({ n: 1 });
			expect(db.prepare('select count(*) as n from records').get()).toEqual({ n: 0 });
		} finally {
			db.close();
		}
	});
});

describe.each(['full', 'normal'] as const)(
	'SQLite with synchronous = %s, killed mid-write',
	(synchronous) => {
		it('keeps every write the killed process had acknowledged, each one whole', async () => {
			const dataDir = tempDir();
			const script = path.join(tempDir(), 'writer.mjs');
			writeFileSync(
				script,
				[
					`import { SqliteStorage } from ${JSON.stringify(SQLITE_MODULE)};`,
					`const storage = new SqliteStorage(process.argv[2], { synchronous: ${JSON.stringify(synchronous)} });`,
					`await storage.createWorkshop(${JSON.stringify(workshop())});`,
					// Bounded, so a writer whose test died does not run on for ever.
					`for (let i = 0; i < 20000; i++) {`,
					`	await storage.write([`,
					`		{ kind: 'put', workshopId: ${JSON.stringify(W1)}, feature: 'crash', key: 'n:' + String(i).padStart(6, '0'), value: String(i) },`,
					`		{ kind: 'append', doc: ${JSON.stringify(`${W1}.meta`)}, update: new Uint8Array([i & 255, i >> 8]) }`,
					`	]);`,
					// Pipes are written synchronously on Linux: this line leaves before the next write starts.
					`	process.stdout.write('ack ' + i + '\\n');`,
					`}`
				].join('\n')
			);

			// process.execPath inside vitest is the project's Node 24, which has node:sqlite.
			const child = spawn(process.execPath, ['--no-warnings', script, dataDir], {
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let stdout = '';
			let stderr = '';
			child.stderr.on('data', (d) => (stderr += d));
			const closed = new Promise<NodeJS.Signals | number | null>((resolve) =>
				child.on('close', (code, signal) => resolve(signal ?? code))
			);
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => {
					child.kill('SIGKILL');
					reject(new Error(`child timed out: ${stderr}`));
				}, 30_000);
				child.stdout.on('data', (d) => {
					stdout += d;
					// Kill it mid-burst, while it is still writing.
					if (/\nack 300\n/.test(stdout)) {
						clearTimeout(timer);
						child.kill('SIGKILL');
						resolve();
					}
				});
				child.on('exit', (code, signal) => {
					clearTimeout(timer);
					if (signal !== 'SIGKILL') reject(new Error(`child exited early with ${code}: ${stderr}`));
				});
			});
			expect(await closed).toBe('SIGKILL');
			const acked = [...stdout.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
			expect(acked.length).toBeGreaterThan(300);
			expect(acked).toEqual(acked.map((_, i) => i));

			// No clean close: what is there came back from the write-ahead log.
			expect(readdirSync(dataDir)).toContain('roundtable.db-wal');

			const storage = new SqliteStorage(dataDir);
			try {
				const records = await storage.records(W1, 'crash');
				const updates = await storage.loadDocument(`${W1}.meta`);
				// Every acknowledged write, and at most the one that was committing when it died.
				expect([acked.length, acked.length + 1]).toContain(records.length);
				expect(records.map((r) => Number(r.value))).toEqual(records.map((_, i) => i));
				// Each write is whole: its record and its document update are both there.
				expect(updates).toEqual(records.map((_, i) => bytes(i & 255, i >> 8)));
			} finally {
				await storage.close();
			}
		});
	}
);
