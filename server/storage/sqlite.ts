/** The embedded default: one SQLite file, WAL with full sync so an accepted write survives a crash. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Language } from '../../src/lib/shared/workshop.ts';
import {
	CodeTakenError,
	type ParticipantRecord,
	type Storage,
	type StoredTurn,
	type WorkshopRecord
} from './types.ts';

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
`;

/** Speaking queue: the server's state per workshop, and every turn for the balance view. */
const QUEUE_SCHEMA = `
create table if not exists queue_state (
	workshop_id text primary key references workshops(id) on delete cascade,
	state text not null
);
create table if not exists queue_turns (
	id integer primary key autoincrement,
	workshop_id text not null references workshops(id) on delete cascade,
	person_id text not null,
	kind text,
	source text not null,
	started_at integer not null,
	ended_at integer
);
create index if not exists queue_turns_by_workshop on queue_turns(workshop_id, id);
`;

interface TurnRow {
	id: number;
	workshop_id: string;
	person_id: string;
	kind: string | null;
	source: string;
	started_at: number;
	ended_at: number | null;
}

// Idea board: ideas not yet on the board, with no author column and no time column.
const IDEAS_SCHEMA = `
create table if not exists server_secrets (
	name text primary key,
	value text not null
);
create table if not exists held_ideas (
	workshop_id text not null references workshops(id) on delete cascade,
	id text not null,
	text text not null,
	primary key (workshop_id, id)
) without rowid;
`;

interface WorkshopRow {
	id: string;
	code: string;
	title: string;
	language: string;
	roles: string;
	facilitator_key_hash: string;
	created_at: number;
}

interface ParticipantRow {
	id: string;
	workshop_id: string;
	name: string;
	role: string;
	key_hash: string;
	joined_at: number;
}

function toWorkshop(row: WorkshopRow | undefined): WorkshopRecord | null {
	if (!row) return null;
	return {
		id: row.id,
		code: row.code,
		title: row.title,
		language: row.language as Language,
		roles: JSON.parse(row.roles) as string[],
		facilitatorKeyHash: row.facilitator_key_hash,
		createdAt: row.created_at
	};
}

function toParticipant(row: ParticipantRow): ParticipantRecord {
	return {
		id: row.id,
		workshopId: row.workshop_id,
		name: row.name,
		role: row.role,
		keyHash: row.key_hash,
		joinedAt: row.joined_at
	};
}

export class SqliteStorage implements Storage {
	readonly file: string;
	#db: DatabaseSync;
	#q: Record<string, StatementSync>;

	constructor(dataDir: string) {
		mkdirSync(dataDir, { recursive: true });
		this.file = path.join(dataDir, 'roundtable.db');
		this.#db = new DatabaseSync(this.file);
		this.#db.exec(
			'pragma journal_mode = wal; pragma synchronous = full; pragma foreign_keys = on;'
		);
		this.#db.exec(SCHEMA);
		this.#db.exec(QUEUE_SCHEMA);
		this.#db.exec(IDEAS_SCHEMA);
		const prepare = (sql: string) => this.#db.prepare(sql);
		this.#q = {
			insertWorkshop: prepare(
				'insert into workshops (id, code, title, language, roles, facilitator_key_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)'
			),
			workshopById: prepare('select * from workshops where id = ?'),
			workshopByCode: prepare('select * from workshops where code = ?'),
			workshopByKey: prepare('select * from workshops where facilitator_key_hash = ?'),
			updateTitle: prepare('update workshops set title = ? where id = ?'),
			insertParticipant: prepare(
				'insert into participants (id, workshop_id, name, role, key_hash, joined_at) values (?, ?, ?, ?, ?, ?)'
			),
			participant: prepare('select * from participants where workshop_id = ? and id = ?'),
			participants: prepare(
				'select * from participants where workshop_id = ? order by joined_at, id'
			),
			append: prepare('insert into doc_updates (doc, data) values (?, ?)'),
			load: prepare('select data from doc_updates where doc = ? order by seq'),
			count: prepare('select count(*) as n from doc_updates where doc = ?'),
			maxSeq: prepare('select max(seq) as s from doc_updates where doc = ?'),
			deleteUpTo: prepare('delete from doc_updates where doc = ? and seq <= ?'),
			// Exact, case-sensitive prefix match: LIKE ignores case, and ids are case-sensitive base64url.
			deleteDocs: prepare('delete from doc_updates where substr(doc, 1, length(?1)) = ?1'),
			deleteWorkshop: prepare('delete from workshops where id = ?'),
			loadQueueState: prepare('select state from queue_state where workshop_id = ?'),
			saveQueueState: prepare(
				'insert into queue_state (workshop_id, state) values (?, ?) on conflict (workshop_id) do update set state = excluded.state'
			),
			startTurn: prepare(
				'insert into queue_turns (workshop_id, person_id, kind, source, started_at) values (?, ?, ?, ?, ?)'
			),
			endTurn: prepare('update queue_turns set ended_at = ? where id = ?'),
			turns: prepare('select * from queue_turns where workshop_id = ? order by id'),
			secret: prepare('select value from server_secrets where name = ?'),
			insertSecret: prepare('insert or ignore into server_secrets (name, value) values (?, ?)'),
			holdIdea: prepare('insert into held_ideas (workshop_id, id, text) values (?, ?, ?)'),
			editHeld: prepare('update held_ideas set text = ? where workshop_id = ? and id = ?'),
			dropHeld: prepare('delete from held_ideas where workshop_id = ? and id = ?'),
			heldIdeas: prepare('select id, text from held_ideas where workshop_id = ?')
		};
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

	async appendUpdate(docName: string, update: Uint8Array) {
		this.#q.append.run(docName, update);
	}

	async loadDocument(docName: string) {
		return (this.#q.load.all(docName) as { data: Uint8Array }[]).map((r) => new Uint8Array(r.data));
	}

	async updateCount(docName: string) {
		return Number((this.#q.count.get(docName) as { n: number }).n);
	}

	async compact(docName: string, merged: Uint8Array) {
		// One transaction: a crash leaves either the old log or the merged update, never neither.
		this.#db.exec('begin immediate');
		try {
			const { s } = this.#q.maxSeq.get(docName) as { s: number | null };
			if (s !== null) this.#q.deleteUpTo.run(docName, s);
			this.#q.append.run(docName, merged);
			this.#db.exec('commit');
		} catch (e) {
			this.#db.exec('rollback');
			throw e;
		}
	}

	async deleteWorkshop(id: string) {
		this.#db.exec('begin immediate');
		try {
			this.#q.deleteDocs.run(`${id}.`);
			this.#q.deleteWorkshop.run(id);
			this.#db.exec('commit');
		} catch (e) {
			this.#db.exec('rollback');
			throw e;
		}
	}

	async close() {
		if (this.#db.isOpen) this.#db.close();
	}

	// ---- speaking queue ----

	async loadQueueState(workshopId: string) {
		const row = this.#q.loadQueueState.get(workshopId) as { state: string } | undefined;
		return row?.state ?? null;
	}

	async saveQueueState(workshopId: string, json: string) {
		this.#q.saveQueueState.run(workshopId, json);
	}

	async startTurn(t: Omit<StoredTurn, 'id' | 'endedAt'>) {
		const r = this.#q.startTurn.run(t.workshopId, t.personId, t.kind, t.source, t.startedAt);
		return Number(r.lastInsertRowid);
	}

	async endTurn(id: number, endedAt: number) {
		this.#q.endTurn.run(endedAt, id);
	}

	async turns(workshopId: string): Promise<StoredTurn[]> {
		return (this.#q.turns.all(workshopId) as unknown as TurnRow[]).map((r) => ({
			id: r.id,
			workshopId: r.workshop_id,
			personId: r.person_id,
			kind: r.kind,
			source: r.source,
			startedAt: r.started_at,
			endedAt: r.ended_at
		}));
	}

	// ---- idea board ----

	async serverSecret(name: string, make: () => string) {
		this.#q.insertSecret.run(name, make());
		return (this.#q.secret.get(name) as { value: string }).value;
	}

	async holdIdea(workshopId: string, id: string, text: string) {
		this.#q.holdIdea.run(workshopId, id, text);
	}

	async editHeldIdea(workshopId: string, id: string, text: string) {
		return Number(this.#q.editHeld.run(text, workshopId, id).changes) > 0;
	}

	async dropHeldIdea(workshopId: string, id: string) {
		return Number(this.#q.dropHeld.run(workshopId, id).changes) > 0;
	}

	async heldIdeas(workshopId: string) {
		// Ordered by the random id, not by arrival: `without rowid` keeps no insertion order either.
		return this.#q.heldIdeas.all(workshopId) as unknown as { id: string; text: string }[];
	}
}
