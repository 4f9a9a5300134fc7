/**
 * The embedded default: one SQLite file in WAL mode. Every `write` is one `begin immediate …
 * commit`, so a resolved promise means all of its changes are on disk (with `synchronous = full`,
 * the default, even across power loss; with `normal`, across a process crash only).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
	CodeTakenError,
	type ParticipantRecord,
	type Storage,
	type StorageChange,
	type StoredRecord,
	type WorkshopRecord
} from './types.ts';
import { toParticipant, toWorkshop, type ParticipantRow, type WorkshopRow } from './rows.ts';
import { checkChanges } from './changes.ts';

// records is clustered by its key (without rowid), so a scan returns rows in key order; the bytes
// of each row still go into its page in the order rows were inserted, which is why features that
// hide arrival order rewrite their rows together in a random order (see types.ts StoredRecord).
const SCHEMA = `
create table if not exists workshops (
	id text primary key,
	code text not null unique,
	title text not null,
	language text not null,
	roles text not null,
	facilitator_key_hash text not null unique,
	created_at integer not null
);
create table if not exists participants (
	id text primary key,
	workshop_id text not null references workshops(id) on delete cascade,
	name text not null,
	role text not null,
	key_hash text not null,
	joined_at integer not null
);
create index if not exists participants_by_workshop on participants(workshop_id);
create table if not exists doc_updates (
	seq integer primary key autoincrement,
	doc text not null,
	data blob not null
);
create index if not exists doc_updates_by_doc on doc_updates(doc, seq);
create table if not exists server_secrets (
	name text primary key,
	value text not null
);
create table if not exists records (
	workshop_id text not null references workshops(id) on delete cascade,
	feature text not null,
	key text not null,
	value text not null,
	primary key (workshop_id, feature, key)
) without rowid;
`;

/**
 * Rows whose text starts with `?1`, exactly and case-sensitively. The range lets the index do the
 * work: text compares as UTF-8 bytes, and 0xFF never occurs in UTF-8, so every string that starts
 * with the prefix sorts before prefix || 0xFF. The substr test makes the match exact on its own.
 */
const startsWith = (column: string) =>
	`${column} >= ?1 and ${column} < ?1 || cast(x'ff' as text) and substr(${column}, 1, length(?1)) = ?1`;

export type Synchronous = 'full' | 'normal';

export interface SqliteOptions {
	/**
	 * `full` (default) syncs every commit: nothing acknowledged is lost even on power loss.
	 * `normal` syncs at checkpoints only: safe against a process crash, and the last commits may
	 * be lost if the machine itself stops.
	 */
	synchronous?: Synchronous;
}

/** Turns were numbered by the old table; padding keeps key order equal to that order. */
function turnKey(id: number): string {
	return `turn:${String(id).padStart(12, '0')}`;
}

/**
 * Databases written before the records table kept the queue and held ideas in tables of their
 * own. Their rows move into `records` once, in one transaction with the drops, so a failure
 * leaves the old tables exactly as they were and the server refuses to start rather than lose them.
 */
function migrateOldTables(db: DatabaseSync): void {
	const has = (name: string) =>
		db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !==
		undefined;
	const old = ['queue_state', 'queue_turns', 'held_ideas'].filter(has);
	if (old.length === 0) return;
	const put = db.prepare(
		'insert into records (workshop_id, feature, key, value) values (?, ?, ?, ?)'
	);
	db.exec('begin immediate');
	try {
		if (old.includes('queue_state')) {
			const rows = db.prepare('select workshop_id, state from queue_state').all() as {
				workshop_id: string;
				state: string;
			}[];
			for (const r of rows) put.run(r.workshop_id, 'queue', 'state', r.state);
		}
		if (old.includes('queue_turns')) {
			const rows = db
				.prepare(
					'select id, workshop_id, person_id, kind, source, started_at, ended_at from queue_turns'
				)
				.all() as {
				id: number;
				workshop_id: string;
				person_id: string;
				kind: string | null;
				source: string;
				started_at: number;
				ended_at: number | null;
			}[];
			for (const r of rows) {
				const value = JSON.stringify({
					personId: r.person_id,
					kind: r.kind,
					source: r.source,
					startedAt: r.started_at,
					endedAt: r.ended_at
				});
				put.run(r.workshop_id, 'queue', turnKey(r.id), value);
			}
		}
		if (old.includes('held_ideas')) {
			const rows = db.prepare('select workshop_id, id, text from held_ideas').all() as {
				workshop_id: string;
				id: string;
				text: string;
			}[];
			for (const r of rows) put.run(r.workshop_id, 'ideas', `held:${r.id}`, r.text);
		}
		for (const name of old) db.exec(`drop table ${name}`);
		db.exec('commit');
	} catch (e) {
		db.exec('rollback');
		throw new Error(
			`Could not move the old ${old.join(', ')} tables into records; they are unchanged: ${(e as Error).message}`,
			{ cause: e }
		);
	}
}

export class SqliteStorage implements Storage {
	readonly file: string;
	#db: DatabaseSync;
	#q: Record<string, StatementSync>;

	constructor(dataDir: string, options: SqliteOptions = {}) {
		const synchronous = options.synchronous ?? 'full';
		if (synchronous !== 'full' && synchronous !== 'normal') {
			throw new Error(`synchronous must be "full" or "normal" (got "${String(synchronous)}")`);
		}
		mkdirSync(dataDir, { recursive: true });
		this.file = path.join(dataDir, 'roundtable.db');
		this.#db = new DatabaseSync(this.file);
		try {
			// secure_delete: deleted rows are overwritten with zeros, so a deleted workshop's text
			// does not linger in free pages. busy_timeout: a checkpoint waits for another reader.
			this.#db.exec(
				`pragma journal_mode = wal; pragma synchronous = ${synchronous}; pragma foreign_keys = on;
				 pragma secure_delete = on; pragma busy_timeout = 5000;`
			);
			this.#db.exec(SCHEMA);
			migrateOldTables(this.#db);
		} catch (e) {
			this.#db.close();
			throw e;
		}
		const prepare = (sql: string) => this.#db.prepare(sql);
		this.#q = {
			insertWorkshop: prepare(
				'insert into workshops (id, code, title, language, roles, facilitator_key_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)'
			),
			workshopById: prepare('select * from workshops where id = ?'),
			workshopIds: prepare('select id from workshops order by id'),
			workshopByCode: prepare('select * from workshops where code = ?'),
			workshopByKey: prepare('select * from workshops where facilitator_key_hash = ?'),
			updateTitle: prepare('update workshops set title = ? where id = ?'),
			insertParticipant: prepare(
				'insert into participants (id, workshop_id, name, role, key_hash, joined_at) values (?, ?, ?, ?, ?, ?)'
			),
			participant: prepare('select * from participants where workshop_id = ? and id = ?'),
			participants: prepare(
				// Ties (people who joined in the same millisecond) keep the order they joined in.
				'select * from participants where workshop_id = ? order by joined_at, rowid'
			),
			append: prepare('insert into doc_updates (doc, data) values (?, ?)'),
			load: prepare('select data from doc_updates where doc = ? order by seq'),
			count: prepare('select count(*) as n from doc_updates where doc = ?'),
			maxSeq: prepare('select max(seq) as s from doc_updates where doc = ?'),
			deleteUpTo: prepare('delete from doc_updates where doc = ? and seq <= ?'),
			records: prepare(
				`select key, value from records where workshop_id = ?2 and feature = ?3 and ${startsWith('key')} order by key`
			),
			put: prepare(
				'insert into records (workshop_id, feature, key, value) values (?, ?, ?, ?) on conflict (workshop_id, feature, key) do update set value = excluded.value'
			),
			delete: prepare('delete from records where workshop_id = ? and feature = ? and key = ?'),
			secret: prepare('select value from server_secrets where name = ?'),
			insertSecret: prepare('insert or ignore into server_secrets (name, value) values (?, ?)'),
			deleteDocs: prepare(`delete from doc_updates where ${startsWith('doc')}`),
			deleteRecords: prepare('delete from records where workshop_id = ?'),
			deleteParticipants: prepare('delete from participants where workshop_id = ?'),
			deleteWorkshop: prepare('delete from workshops where id = ?'),
			checkpoint: prepare('pragma wal_checkpoint(TRUNCATE)')
		};
	}

	/** Runs `fn` inside `begin immediate … commit`; any error rolls all of it back. */
	#transaction(fn: () => void): void {
		this.#db.exec('begin immediate');
		try {
			fn();
			this.#db.exec('commit');
		} catch (e) {
			this.#db.exec('rollback');
			throw e;
		}
	}

	async createWorkshop(w: WorkshopRecord) {
		try {
			this.#q.insertWorkshop.run(
				w.id,
				w.code,
				w.title,
				w.language,
				JSON.stringify(w.roles),
				w.facilitatorKeyHash,
				w.createdAt
			);
		} catch (e) {
			if (String((e as Error).message).includes('workshops.code')) throw new CodeTakenError();
			throw e;
		}
	}

	async workshopById(id: string) {
		return toWorkshop(this.#q.workshopById.get(id) as WorkshopRow | undefined);
	}

	async workshopIds() {
		return (this.#q.workshopIds.all() as { id: string }[]).map((r) => r.id);
	}

	async workshopByCode(code: string) {
		return toWorkshop(this.#q.workshopByCode.get(code) as WorkshopRow | undefined);
	}

	async workshopByFacilitatorKeyHash(hash: string) {
		return toWorkshop(this.#q.workshopByKey.get(hash) as WorkshopRow | undefined);
	}

	async updateWorkshopTitle(id: string, title: string) {
		this.#q.updateTitle.run(title, id);
	}

	async addParticipant(p: ParticipantRecord) {
		this.#q.insertParticipant.run(p.id, p.workshopId, p.name, p.role, p.keyHash, p.joinedAt);
	}

	async participant(workshopId: string, id: string) {
		const row = this.#q.participant.get(workshopId, id) as ParticipantRow | undefined;
		return row ? toParticipant(row) : null;
	}

	async participants(workshopId: string) {
		return (this.#q.participants.all(workshopId) as unknown as ParticipantRow[]).map(toParticipant);
	}

	async loadDocument(docName: string) {
		return (this.#q.load.all(docName) as { data: Uint8Array }[]).map((r) => new Uint8Array(r.data));
	}

	async appendUpdate(docName: string, update: Uint8Array) {
		await this.write([{ kind: 'append', doc: docName, update }]);
	}

	async compact(docName: string, merged: Uint8Array) {
		// One transaction: a crash leaves either the old log or the merged update, never neither.
		this.#transaction(() => {
			const { s } = this.#q.maxSeq.get(docName) as { s: number | null };
			if (s !== null) this.#q.deleteUpTo.run(docName, s);
			this.#q.append.run(docName, merged);
		});
	}

	async updateCount(docName: string) {
		return Number((this.#q.count.get(docName) as { n: number }).n);
	}

	async records(workshopId: string, feature: string, prefix = ''): Promise<StoredRecord[]> {
		return this.#q.records.all(prefix, workshopId, feature) as unknown as StoredRecord[];
	}

	async write(changes: readonly StorageChange[]) {
		checkChanges(changes);
		if (changes.length === 0) return;
		this.#transaction(() => {
			for (const c of changes) {
				if (c.kind === 'append') this.#q.append.run(c.doc, c.update);
				else if (c.kind === 'put') this.#q.put.run(c.workshopId, c.feature, c.key, c.value);
				else this.#q.delete.run(c.workshopId, c.feature, c.key);
			}
		});
	}

	async serverSecret(name: string, make: () => string) {
		const existing = this.#q.secret.get(name) as { value: string } | undefined;
		if (existing) return existing.value;
		this.#q.insertSecret.run(name, make());
		return (this.#q.secret.get(name) as { value: string }).value;
	}

	async deleteWorkshop(id: string) {
		this.#transaction(() => {
			this.#q.deleteDocs.run(`${id}.`);
			this.#q.deleteRecords.run(id);
			this.#q.deleteParticipants.run(id);
			this.#q.deleteWorkshop.run(id);
		});
		// secure_delete zeroed the rows in the pages just written, but older copies of those pages
		// still sit in the WAL. A truncating checkpoint copies the zeroed pages into the database
		// file and empties the WAL, so neither file keeps the workshop's text.
		const result = this.#q.checkpoint.get() as { busy: number };
		if (result.busy !== 0) {
			throw new Error(
				'The workshop was deleted, but another connection kept the log busy, so its text may stay in the write-ahead log until the next checkpoint.'
			);
		}
	}

	async close() {
		if (this.#db.isOpen) this.#db.close();
	}
}
