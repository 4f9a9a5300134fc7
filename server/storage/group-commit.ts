/**
 * Group commit: every write for one workshop that arrives within one tick (commands, turn records,
 * document updates) goes to storage as one transaction, and every caller's promise settles when
 * that transaction has committed, or rejects together when it failed. Callers change memory, reply
 * and publish only after their promise resolves, so "acknowledged" always means "durable".
 *
 * While one workshop's transaction is in flight (PostgreSQL answers asynchronously), its next
 * writes gather into the following one instead of waiting one by one; other workshops never wait
 * for it. With SQLite each transaction is short: WAL with synchronous=NORMAL by default (no fsync
 * on the path of every command), or FULL when the operator asks for power-loss safety (see
 * DURABILITY in the README for what each costs and protects).
 */
import { FencedError, type Fence, type Storage, type StorageChange } from './types.ts';

/**
 * With several nodes: the lease each workshop's writes must carry (server/cluster/lease.ts), or
 * null when this node does not hold it, and then nothing of that workshop is written at all.
 * Every durable write of a workshop passes here, so no feature has to think about leases.
 */
export interface Fencing {
	/** The lease a workshop's writes carry, or null when this node does not hold it. */
	fence(workshopId: string): Fence | null;
	/**
	 * Before a workshop's state is read into memory (its documents and records): makes sure this
	 * node holds its lease, throwing `FencedError` when another node does, so no node ever loads a
	 * copy it may not write.
	 */
	own(workshopId: string): Promise<void>;
}

interface Batch {
	changes: StorageChange[];
	settle: { resolve: () => void; reject: (e: unknown) => void }[];
}

/** The workshop a change belongs to: documents are named `<workshop>.<kind>`. */
export function workshopOf(change: StorageChange): string {
	if (change.kind !== 'append') return change.workshopId;
	const dot = change.doc.lastIndexOf('.');
	return dot > 0 ? change.doc.slice(0, dot) : change.doc;
}

export class GroupCommit implements Storage {
	#inner: Storage;
	/** The storage underneath (tests use it to make a commit fail). */
	get inner(): Storage {
		return this.#inner;
	}
	/** Writes gathering for the next transaction, per workshop. */
	#open = new Map<string, Batch>();
	/** The transaction in flight per workshop (resolves whatever its outcome). */
	#flight = new Map<string, Promise<void>>();
	/** Commits so far and the changes they carried (tests and the operator read it). */
	readonly stats = { commits: 0, changes: 0 };

	#fencing: Fencing | null;

	constructor(inner: Storage, fencing: Fencing | null = null) {
		this.#inner = inner;
		this.#fencing = fencing;
	}

	/** The fence for a workshop's write; throws when this node may not write it now. */
	#fence(workshopId: string): Fence | undefined {
		if (!this.#fencing) return undefined;
		const fence = this.#fencing.fence(workshopId);
		if (!fence) throw new FencedError();
		return fence;
	}

	write(changes: readonly StorageChange[]): Promise<void> {
		if (changes.length === 0) return Promise.resolve();
		const key = workshopOf(changes[0]);
		// A change list for several workshops (none is made today) still commits as one.
		let batch = this.#open.get(key);
		if (!batch) {
			batch = { changes: [], settle: [] };
			this.#open.set(key, batch);
			this.#schedule(key, batch);
		}
		batch.changes.push(...changes);
		return new Promise<void>((resolve, reject) => batch.settle.push({ resolve, reject }));
	}

	#schedule(key: string, batch: Batch) {
		const before = this.#flight.get(key) ?? Promise.resolve();
		// After this tick (so everything arriving in it joins) and after the transaction in flight.
		const flight = before
			.then(() => new Promise<void>((resolve) => setImmediate(resolve)))
			.then(async () => {
				if (this.#open.get(key) === batch) this.#open.delete(key);
				try {
					// Asked at commit time: a lease lost while the batch gathered stops it here, and one
					// lost while it is in flight is caught by the check inside the transaction.
					await this.#inner.write(batch.changes, this.#fence(key));
					this.stats.commits++;
					this.stats.changes += batch.changes.length;
					for (const s of batch.settle) s.resolve();
				} catch (e) {
					for (const s of batch.settle) s.reject(e);
				}
			});
		this.#flight.set(key, flight);
		void flight.then(() => {
			if (this.#flight.get(key) === flight) this.#flight.delete(key);
		});
	}

	/** Waits until everything written for the workshop so far has settled. */
	async settled(workshopId: string): Promise<void> {
		while (this.#flight.has(workshopId)) await this.#flight.get(workshopId);
	}

	appendUpdate(doc: string, update: Uint8Array): Promise<void> {
		return this.write([{ kind: 'append', doc, update }]);
	}

	async compact(doc: string, merged: Uint8Array): Promise<void> {
		// Appends still on their way must land before the log they belong to is replaced.
		const workshopId = workshopOf({ kind: 'append', doc, update: merged });
		await this.settled(workshopId);
		await this.#inner.compact(doc, merged, this.#fence(workshopId));
	}

	async deleteWorkshop(id: string): Promise<void> {
		await this.settled(id);
		await this.#inner.deleteWorkshop(id, this.#fence(id));
	}

	async close(): Promise<void> {
		await Promise.allSettled([...this.#flight.values()]);
		await this.#inner.close();
	}

	// Reads and the rare writes outside a workshop's flow go straight through.
	createWorkshop: Storage['createWorkshop'] = (w) => this.#inner.createWorkshop(w);
	workshopById: Storage['workshopById'] = (id) => this.#inner.workshopById(id);
	workshopByCode: Storage['workshopByCode'] = (code) => this.#inner.workshopByCode(code);
	workshopByFacilitatorKeyHash: Storage['workshopByFacilitatorKeyHash'] = (hash) =>
		this.#inner.workshopByFacilitatorKeyHash(hash);
	updateWorkshopTitle: Storage['updateWorkshopTitle'] = (id, title) =>
		this.#inner.updateWorkshopTitle(id, title);
	addParticipant: Storage['addParticipant'] = (p) => this.#inner.addParticipant(p);
	participant: Storage['participant'] = (w, id) => this.#inner.participant(w, id);
	participants: Storage['participants'] = (w) => this.#inner.participants(w);
	updateCount: Storage['updateCount'] = (doc) => this.#inner.updateCount(doc);

	// A workshop's state is read only by the node that may write it (with several nodes).
	loadDocument(doc: string): Promise<Uint8Array[]> {
		if (!this.#fencing) return this.#inner.loadDocument(doc);
		const workshopId = workshopOf({ kind: 'append', doc, update: new Uint8Array() });
		return this.#fencing.own(workshopId).then(() => this.#inner.loadDocument(doc));
	}
	records(workshopId: string, feature: string, prefix?: string) {
		if (!this.#fencing) return this.#inner.records(workshopId, feature, prefix);
		return this.#fencing
			.own(workshopId)
			.then(() => this.#inner.records(workshopId, feature, prefix));
	}
	serverSecret: Storage['serverSecret'] = (name, make) => this.#inner.serverSecret(name, make);
	workshopIds: Storage['workshopIds'] = () => this.#inner.workshopIds();
}
