/**
 * PostgreSQL storage, for running beside other nodes: one pool per process, every `write` one
 * transaction (a resolved promise means PostgreSQL committed all of it). Keys and document names
 * use the "C" collation so their order is byte order, the same as SQLite's.
 */
import pg from 'pg';
import { checkChanges } from './changes.ts';
import {
	CodeTakenError,
	FencedError,
	type Fence,
	type Lease,
	type LeaseStore,
	type ParticipantRecord,
	type Storage,
	type StorageChange,
	type StoredRecord,
	type WorkshopRecord
} from './types.ts';
import { toParticipant, toWorkshop, type ParticipantRow, type WorkshopRow } from './rows.ts';

const SCHEMA = `
create table if not exists workshops (
	id text primary key,
	code text not null unique,
	title text not null,
	language text not null,
	roles text not null,
	facilitator_key_hash text not null unique,
	created_at bigint not null
);
create table if not exists participants (
	id text primary key,
	workshop_id text not null references workshops(id) on delete cascade,
	name text not null,
	role text not null,
	key_hash text not null,
	joined_at bigint not null,
	-- Order of joining among people who joined in the same millisecond (go-rounds follow it).
	seq bigint generated always as identity
);
create index if not exists participants_by_workshop on participants(workshop_id);
create table if not exists doc_updates (
	seq bigint generated always as identity primary key,
	doc text collate "C" not null,
	data bytea not null
);
create index if not exists doc_updates_by_doc on doc_updates(doc, seq);
create table if not exists server_secrets (
	name text primary key,
	value text not null
);
create table if not exists records (
	workshop_id text not null references workshops(id) on delete cascade,
	feature text collate "C" not null,
	key text collate "C" not null,
	value text not null,
	primary key (workshop_id, feature, key)
);
-- One writer per workshop when several nodes share this database (server/cluster/lease.ts).
create table if not exists workshop_leases (
	workshop_id text primary key,
	owner text not null,
	epoch bigint not null,
	expires_at timestamptz not null
);
`;

// Nodes starting together would race on `create table if not exists`; this lock makes them queue.
const SCHEMA_LOCK = 0x726f756e64;

export interface PostgresOptions {
	/** Most connections the pool opens (default 10). */
	max?: number;
	/**
	 * Called when an idle pooled connection fails (for example PostgreSQL restarted). The pool
	 * drops that connection and the next query opens a new one; without a listener the error
	 * would stop the process.
	 */
	onIdleError?: (error: Error) => void;
}

/**
 * Inside a write's transaction: the lease must still be this owner's at this epoch. `for share`
 * makes a takeover (which updates the row) wait until this transaction has committed, so a write
 * either lands before the epoch rises or is refused after it; never both nodes at once.
 */
async function checkFence(c: pg.PoolClient, fence: Fence) {
	const { rows } = await c.query<{ owner: string; epoch: string }>(
		'select owner, epoch from workshop_leases where workshop_id = $1 for share',
		[fence.workshopId]
	);
	const row = rows[0];
	if (!row || row.owner !== fence.owner || Number(row.epoch) !== fence.epoch) {
		throw new FencedError();
	}
}

export class PostgresStorage implements Storage, LeaseStore {
	#pool: pg.Pool;
	#closed = false;

	private constructor(pool: pg.Pool) {
		this.#pool = pool;
	}

	/** Connects to `url` (postgres:// or postgresql://) and creates the tables if they are missing. */
	static async connect(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
		const pool = new pg.Pool({
			connectionString: url,
			max: options.max ?? 10,
			application_name: 'roundtable'
		});
		pool.on('error', (e) => options.onIdleError?.(e));
		const storage = new PostgresStorage(pool);
		try {
			await storage.#transaction(async (c) => {
				await c.query('select pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
				await c.query(SCHEMA);
			});
		} catch (e) {
			await storage.close();
			throw e;
		}
		return storage;
	}

	async #transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, fence?: Fence): Promise<T> {
		const client = await this.#pool.connect();
		let broken: Error | undefined;
		try {
			await client.query('begin');
			if (fence) await checkFence(client, fence);
			const result = await fn(client);
			await client.query('commit');
			return result;
		} catch (e) {
			try {
				await client.query('rollback');
			} catch (rollbackError) {
				// The connection itself failed: tell the pool to discard it, not reuse it.
				broken = rollbackError as Error;
			}
			throw e;
		} finally {
			client.release(broken);
		}
	}

	async #rows<R>(sql: string, params: unknown[]): Promise<R[]> {
		return (await this.#pool.query(sql, params)).rows as R[];
	}

	async createWorkshop(w: WorkshopRecord) {
		try {
			await this.#pool.query(
				'insert into workshops (id, code, title, language, roles, facilitator_key_hash, created_at) values ($1, $2, $3, $4, $5, $6, $7)',
				[
					w.id,
					w.code,
					w.title,
					w.language,
					JSON.stringify(w.roles),
					w.facilitatorKeyHash,
					w.createdAt
				]
			);
		} catch (e) {
			const err = e as { code?: string; constraint?: string };
			if (err.code === '23505' && err.constraint === 'workshops_code_key') {
				throw new CodeTakenError();
			}
			throw e;
		}
	}

	async workshopById(id: string) {
		return toWorkshop(
			(await this.#rows<WorkshopRow>('select * from workshops where id = $1', [id]))[0]
		);
	}

	async workshopIds() {
		return (await this.#rows<{ id: string }>('select id from workshops order by id', [])).map(
			(r) => r.id
		);
	}

	async workshopByCode(code: string) {
		return toWorkshop(
			(await this.#rows<WorkshopRow>('select * from workshops where code = $1', [code]))[0]
		);
	}

	async workshopByFacilitatorKeyHash(hash: string) {
		return toWorkshop(
			(
				await this.#rows<WorkshopRow>('select * from workshops where facilitator_key_hash = $1', [
					hash
				])
			)[0]
		);
	}

	async updateWorkshopTitle(id: string, title: string) {
		await this.#pool.query('update workshops set title = $1 where id = $2', [title, id]);
	}

	async addParticipant(p: ParticipantRecord) {
		await this.#pool.query(
			'insert into participants (id, workshop_id, name, role, key_hash, joined_at) values ($1, $2, $3, $4, $5, $6)',
			[p.id, p.workshopId, p.name, p.role, p.keyHash, p.joinedAt]
		);
	}

	async participant(workshopId: string, id: string) {
		const [row] = await this.#rows<ParticipantRow>(
			'select * from participants where workshop_id = $1 and id = $2',
			[workshopId, id]
		);
		return row ? toParticipant(row) : null;
	}

	async participants(workshopId: string) {
		const rows = await this.#rows<ParticipantRow>(
			'select * from participants where workshop_id = $1 order by joined_at, seq',
			[workshopId]
		);
		return rows.map(toParticipant);
	}

	async loadDocument(docName: string) {
		const rows = await this.#rows<{ data: Buffer }>(
			'select data from doc_updates where doc = $1 order by seq',
			[docName]
		);
		return rows.map((r) => new Uint8Array(r.data));
	}

	async appendUpdate(docName: string, update: Uint8Array) {
		await this.write([{ kind: 'append', doc: docName, update }]);
	}

	async compact(docName: string, merged: Uint8Array, fence?: Fence) {
		// Only rows this transaction can see are replaced; an append committed meanwhile stays.
		await this.#transaction(async (c) => {
			const { rows } = await c.query<{ s: string | null }>(
				'select max(seq) as s from doc_updates where doc = $1',
				[docName]
			);
			const s = rows[0]?.s ?? null;
			if (s !== null) {
				await c.query('delete from doc_updates where doc = $1 and seq <= $2', [docName, s]);
			}
			await c.query('insert into doc_updates (doc, data) values ($1, $2)', [docName, merged]);
		}, fence);
	}

	async updateCount(docName: string) {
		const [row] = await this.#rows<{ n: string }>(
			'select count(*) as n from doc_updates where doc = $1',
			[docName]
		);
		return Number(row.n);
	}

	async records(workshopId: string, feature: string, prefix = ''): Promise<StoredRecord[]> {
		// starts_with is exact and case-sensitive; the range lets the primary key index find it.
		return this.#rows<StoredRecord>(
			`select key, value from records
			 where workshop_id = $1 and feature = $2 and key >= $3 and starts_with(key, $3)
			 order by key collate "C"`,
			[workshopId, feature, prefix]
		);
	}

	async write(changes: readonly StorageChange[], fence?: Fence) {
		checkChanges(changes);
		if (changes.length === 0) return;
		await this.#transaction(async (c) => {
			for (const ch of changes) {
				if (ch.kind === 'append') {
					await c.query('insert into doc_updates (doc, data) values ($1, $2)', [ch.doc, ch.update]);
				} else if (ch.kind === 'put') {
					await c.query(
						`insert into records (workshop_id, feature, key, value) values ($1, $2, $3, $4)
						 on conflict (workshop_id, feature, key) do update set value = excluded.value`,
						[ch.workshopId, ch.feature, ch.key, ch.value]
					);
				} else {
					await c.query(
						'delete from records where workshop_id = $1 and feature = $2 and key = $3',
						[ch.workshopId, ch.feature, ch.key]
					);
				}
			}
		}, fence);
	}

	async claimLease(workshopId: string, owner: string, ttlMs: number): Promise<Lease> {
		// One statement, so two nodes claiming at once cannot both win: the row lock orders them.
		const { rows } = await this.#pool.query<{ owner: string; epoch: string }>(
			`insert into workshop_leases as l (workshop_id, owner, epoch, expires_at)
			 values ($1, $2, 1, now() + $3 * interval '1 millisecond')
			 on conflict (workshop_id) do update set
				owner = excluded.owner,
				epoch = case when l.owner = excluded.owner then l.epoch else l.epoch + 1 end,
				expires_at = excluded.expires_at
			 where l.owner = excluded.owner or l.expires_at <= now()
			 returning owner, epoch`,
			[workshopId, owner, ttlMs]
		);
		const row =
			rows[0] ??
			(
				await this.#pool.query<{ owner: string; epoch: string }>(
					'select owner, epoch from workshop_leases where workshop_id = $1',
					[workshopId]
				)
			).rows[0];
		// Deleted between the two statements (the workshop went): nobody holds it.
		return row ? { owner: row.owner, epoch: Number(row.epoch) } : { owner: '', epoch: 0 };
	}

	async releaseLease(workshopId: string, owner: string, epoch: number) {
		await this.#pool.query(
			'update workshop_leases set expires_at = now() where workshop_id = $1 and owner = $2 and epoch = $3',
			[workshopId, owner, epoch]
		);
	}

	async serverSecret(name: string, make: () => string) {
		const select = 'select value from server_secrets where name = $1';
		const [existing] = await this.#rows<{ value: string }>(select, [name]);
		if (existing) return existing.value;
		// Another node may insert the same name at the same moment: the first one wins for both.
		await this.#pool.query(
			'insert into server_secrets (name, value) values ($1, $2) on conflict (name) do nothing',
			[name, make()]
		);
		const [row] = await this.#rows<{ value: string }>(select, [name]);
		return row.value;
	}

	async deleteWorkshop(id: string, fence?: Fence) {
		await this.#transaction(async (c) => {
			await c.query('delete from doc_updates where doc >= $1 and starts_with(doc, $1)', [`${id}.`]);
			await c.query('delete from records where workshop_id = $1', [id]);
			await c.query('delete from participants where workshop_id = $1', [id]);
			await c.query('delete from workshops where id = $1', [id]);
			await c.query('delete from workshop_leases where workshop_id = $1', [id]);
		}, fence);
	}

	async close() {
		if (this.#closed) return;
		this.#closed = true;
		await this.#pool.end();
	}
}
