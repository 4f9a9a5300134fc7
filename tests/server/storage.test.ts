import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import {
	CodeTakenError,
	type ParticipantRecord,
	type WorkshopRecord
} from '../../server/storage/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SQLITE_MODULE = path.join(ROOT, 'server/storage/sqlite.ts');
const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node'))
	? path.join(ROOT, 'node_modules/.bin/node')
	: process.execPath;

const W1 = 'AbCdEfGhIjKlMnOpQrStUv';
const W2 = 'ZyXwVuTsRqPoNmLkJiHgFe';

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

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'rt-'));
	dirs.push(dir);
	return dir;
}

afterAll(() => {
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStorage', () => {
	let dir: string;
	let storage: SqliteStorage;
	const open: SqliteStorage[] = [];

	function reopen(): SqliteStorage {
		const s = new SqliteStorage(dir);
		open.push(s);
		return s;
	}

	beforeEach(() => {
		dir = tempDir();
		storage = reopen();
	});

	afterEach(async () => {
		for (const s of open.splice(0)) await s.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('creates its data directory and database file', () => {
		const nested = path.join(tempDir(), 'a', 'b');
		const s = new SqliteStorage(nested);
		open.push(s);
		expect(s.file).toBe(path.join(nested, 'roundtable.db'));
		expect(existsSync(s.file)).toBe(true);
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
			expect(await storage.workshopByCode("ACDEFG' or '1'='1")).toBeNull();
		});

		it('keeps roles, language and odd titles exactly', async () => {
			const w = workshop({
				title: 'Siân’s "day" <b>\u{1F600}</b>',
				language: 'cy',
				roles: ['Youth worker', 'Rôl', '']
			});
			await storage.createWorkshop(w);
			expect(await storage.workshopById(W1)).toEqual(w);
		});

		it('refuses a duplicate join code with CodeTakenError and keeps the first', async () => {
			await storage.createWorkshop(workshop());
			const second = workshop({ id: W2, title: 'Other' });
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
		});

		it('CodeTakenError names itself', () => {
			const e = new CodeTakenError();
			expect(e.name).toBe('CodeTakenError');
			expect(e).toBeInstanceOf(Error);
		});

		it('updates a title', async () => {
			await storage.createWorkshop(workshop());
			await storage.createWorkshop(
				workshop({ id: W2, code: 'HJKMNP', title: 'Untouched', facilitatorKeyHash: 'h2' })
			);
			await storage.updateWorkshopTitle(W1, 'New title');
			expect((await storage.workshopById(W1))?.title).toBe('New title');
			expect((await storage.workshopById(W2))?.title).toBe('Untouched');
		});
	});

	describe('participants', () => {
		beforeEach(async () => {
			await storage.createWorkshop(workshop());
			await storage.createWorkshop(
				workshop({ id: W2, code: 'HJKMNP', facilitatorKeyHash: 'hash-w2' })
			);
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

		it('orders people who joined at the same moment by id, consistently', async () => {
			await storage.addParticipant(
				participant({ id: 'Pbbbbbbbbbbbbbbbbbbbbb', name: 'B', joinedAt: 5 })
			);
			await storage.addParticipant(
				participant({ id: 'Paaaaaaaaaaaaaaaaaaaaa', name: 'A', joinedAt: 5 })
			);
			expect((await storage.participants(W1)).map((p) => p.name)).toEqual(['A', 'B']);
		});

		it('lists nobody for a workshop with no participants or an unknown workshop', async () => {
			expect(await storage.participants(W1)).toEqual([]);
			expect(await storage.participants('unknown-workshop-id')).toEqual([]);
		});

		it('refuses a participant of a workshop that does not exist', async () => {
			await expect(
				storage.addParticipant(participant({ workshopId: 'NoSuchWorkshop00000000' }))
			).rejects.toThrow();
			expect(await storage.participants('NoSuchWorkshop00000000')).toEqual([]);
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

		it('loads appended updates in order, byte for byte', async () => {
			await storage.appendUpdate(doc, bytes(1, 2, 3));
			await storage.appendUpdate(doc, bytes(4));
			await storage.appendUpdate(doc, bytes(0, 255, 0));
			const loaded = await storage.loadDocument(doc);
			expect(loaded).toEqual([bytes(1, 2, 3), bytes(4), bytes(0, 255, 0)]);
			for (const u of loaded) expect(u).toBeInstanceOf(Uint8Array);
			expect(await storage.updateCount(doc)).toBe(3);
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

	describe('reopening', () => {
		it('a reopened storage sees workshops, participants, updates and compactions', async () => {
			const w = workshop();
			const p = participant();
			await storage.createWorkshop(w);
			await storage.addParticipant(p);
			await storage.updateWorkshopTitle(W1, 'Renamed');
			await storage.appendUpdate(`${W1}.meta`, bytes(1));
			await storage.appendUpdate(`${W1}.meta`, bytes(2));
			await storage.appendUpdate(`${W2}.meta`, bytes(3));
			await storage.compact(`${W2}.meta`, bytes(4));
			await storage.close();

			const again = reopen();
			expect(await again.workshopByCode('ACDEFG')).toEqual({ ...w, title: 'Renamed' });
			expect(await again.participants(W1)).toEqual([p]);
			expect(await again.loadDocument(`${W1}.meta`)).toEqual([bytes(1), bytes(2)]);
			expect(await again.loadDocument(`${W2}.meta`)).toEqual([bytes(4)]);
			// The duplicate rule survives too.
			await expect(
				again.createWorkshop(workshop({ id: W2, facilitatorKeyHash: 'x' }))
			).rejects.toBeInstanceOf(CodeTakenError);
		});

		it('a second storage open on the same directory sees writes of the first', async () => {
			const second = reopen();
			await storage.createWorkshop(workshop());
			await storage.appendUpdate(`${W1}.meta`, bytes(1));
			expect((await second.workshopById(W1))?.code).toBe('ACDEFG');
			expect(await second.loadDocument(`${W1}.meta`)).toEqual([bytes(1)]);
		});

		it('close is safe to call twice', async () => {
			await storage.close();
			await expect(storage.close()).resolves.toBeUndefined();
		});
	});

	describe('deleteWorkshop', () => {
		it('removes the workshop, its participants and its documents, and nothing else', async () => {
			await storage.createWorkshop(workshop());
			await storage.createWorkshop(workshop({ id: W2, code: 'HJKMNP', facilitatorKeyHash: 'h2' }));
			await storage.addParticipant(participant());
			await storage.addParticipant(participant({ id: 'P000000000000000000002', workshopId: W2 }));
			await storage.appendUpdate(`${W1}.meta`, bytes(1));
			await storage.appendUpdate(`${W1}.board`, bytes(2));
			await storage.appendUpdate(`${W2}.meta`, bytes(3));

			await storage.deleteWorkshop(W1);

			expect(await storage.workshopById(W1)).toBeNull();
			expect(await storage.workshopByCode('ACDEFG')).toBeNull();
			expect(await storage.workshopByFacilitatorKeyHash('hash-' + W1)).toBeNull();
			expect(await storage.participants(W1)).toEqual([]);
			expect(await storage.participant(W1, participant().id)).toBeNull();
			expect(await storage.loadDocument(`${W1}.meta`)).toEqual([]);
			expect(await storage.loadDocument(`${W1}.board`)).toEqual([]);
			expect(await storage.updateCount(`${W1}.meta`)).toBe(0);

			expect((await storage.workshopById(W2))?.code).toBe('HJKMNP');
			expect(await storage.participants(W2)).toHaveLength(1);
			expect(await storage.loadDocument(`${W2}.meta`)).toEqual([bytes(3)]);
		});

		it('frees the join code for a new workshop', async () => {
			await storage.createWorkshop(workshop());
			await storage.deleteWorkshop(W1);
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
			await storage.deleteWorkshop(W1);
			expect(await storage.loadDocument(`${W1}x.meta`)).toEqual([bytes(2)]);
			expect(await storage.loadDocument(`${W1}-2.meta`)).toEqual([bytes(3)]);
		});

		it('deleting an unknown workshop changes nothing', async () => {
			await storage.createWorkshop(workshop());
			await storage.appendUpdate(`${W1}.meta`, bytes(1));
			await storage.deleteWorkshop(W2);
			expect((await storage.workshopById(W1))?.id).toBe(W1);
			expect(await storage.loadDocument(`${W1}.meta`)).toEqual([bytes(1)]);
		});

		it('the deletion survives reopening', async () => {
			await storage.createWorkshop(workshop());
			await storage.addParticipant(participant());
			await storage.appendUpdate(`${W1}.meta`, bytes(1));
			await storage.deleteWorkshop(W1);
			await storage.close();
			const again = reopen();
			expect(await again.workshopById(W1)).toBeNull();
			expect(await again.participants(W1)).toEqual([]);
			expect(await again.loadDocument(`${W1}.meta`)).toEqual([]);
		});
	});
});

describe('SqliteStorage after a crash', () => {
	it('keeps every update a killed process had appended', async () => {
		const dataDir = tempDir();
		const scriptDir = tempDir();
		const script = path.join(scriptDir, 'append.mjs');
		writeFileSync(
			script,
			[
				`import { SqliteStorage } from ${JSON.stringify(SQLITE_MODULE)};`,
				`const storage = new SqliteStorage(process.argv[2]);`,
				`for (let i = 0; i < 50; i++) {`,
				`	await storage.appendUpdate(${JSON.stringify(`${W1}.meta`)}, new Uint8Array([i, 255 - i, i]));`,
				`}`,
				`process.stdout.write('done\\n');`,
				`setInterval(() => {}, 1 << 30);`
			].join('\n')
		);

		const child = spawn(NODE, ['--no-warnings', script, dataDir], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
			child.on('exit', (code, signal) => resolve(signal ?? code))
		);
		try {
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`child timed out: ${stderr}`)), 20_000);
				child.stdout.on('data', (d) => {
					stdout += d;
					if (stdout.includes('done')) {
						clearTimeout(timer);
						resolve();
					}
				});
				child.on('exit', (code) => {
					clearTimeout(timer);
					reject(new Error(`child exited early with ${code}: ${stderr}`));
				});
			});
		} finally {
			child.kill('SIGKILL');
		}
		expect(await exited).toBe('SIGKILL');

		// The WAL was never checkpointed by a clean close.
		expect(readdirSync(dataDir)).toContain('roundtable.db-wal');

		const storage = new SqliteStorage(dataDir);
		try {
			const loaded = await storage.loadDocument(`${W1}.meta`);
			expect(loaded).toHaveLength(50);
			expect(loaded).toEqual(Array.from({ length: 50 }, (_, i) => bytes(i, 255 - i, i)));
			expect(await storage.updateCount(`${W1}.meta`)).toBe(50);
		} finally {
			await storage.close();
		}
	});
});

describe('deleteWorkshop is exact about ids', () => {
	it('leaves a workshop whose id differs only in letter case', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'rt-case-'));
		const storage = new SqliteStorage(dir);
		try {
			await storage.appendUpdate('abcdefghijklmnopqrstuv.meta', new Uint8Array([1]));
			await storage.appendUpdate('ABCDEFGHIJKLMNOPQRSTUV.meta', new Uint8Array([2]));
			await storage.deleteWorkshop('ABCDEFGHIJKLMNOPQRSTUV');
			expect(await storage.loadDocument('abcdefghijklmnopqrstuv.meta')).toEqual([
				new Uint8Array([1])
			]);
			expect(await storage.loadDocument('ABCDEFGHIJKLMNOPQRSTUV.meta')).toEqual([]);
		} finally {
			await storage.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
