/**
 * The one storage seam. It knows workshops, their people, documents and opaque records that
 * features own; it knows no feature. Every write that must be all-or-nothing goes through
 * `write`, one transaction, so a resolved promise means every change in it is durable.
 */
import type { Language } from '../../src/lib/shared/workshop.ts';

export interface WorkshopRecord {
	id: string;
	code: string;
	title: string;
	language: Language;
	roles: string[];
	facilitatorKeyHash: string;
	createdAt: number;
}

export interface ParticipantRecord {
	id: string;
	workshopId: string;
	name: string;
	role: string;
	keyHash: string;
	joinedAt: number;
}

/**
 * One record a feature keeps for a workshop, under a key the feature chooses (for example
 * `state`, `turn:000000012` or `pending:<random id>`). Records come back in key order, never in
 * the order they were written. Random keys alone do not hide arrival order, though: SQLite puts
 * each new row's bytes next to the last one's in its page, and PostgreSQL appends each new row to
 * the table's heap, so where the rows sit follows the order they came. A feature that must hide
 * it rewrites all such rows together, in a random order under fresh keys, in one `write` (see
 * the idea board's `#rewrite`). Neither database's own history is covered by that: SQLite's
 * write-ahead log keeps copies of pages until a checkpoint reuses it, PostgreSQL keeps dead rows
 * until vacuum.
 */
export interface StoredRecord {
	key: string;
	value: string;
}

/** One change inside a `write`; all changes of one `write` commit together or not at all. */
export type StorageChange =
	| { kind: 'append'; doc: string; update: Uint8Array }
	| { kind: 'put'; workshopId: string; feature: string; key: string; value: string }
	| { kind: 'delete'; workshopId: string; feature: string; key: string };

/**
 * Proof that a node holds a workshop's lease (see server/cluster/lease.ts). A write carrying it
 * commits only while the workshop's lease row still names this owner and epoch, checked inside the
 * same transaction; a node that lost the lease (it paused, or its clock ran slow) has every such
 * write refused with `FencedError`, even one that started before the takeover.
 */
export interface Fence {
	workshopId: string;
	owner: string;
	epoch: number;
}

/** A workshop's lease as PostgreSQL holds it. */
export interface Lease {
	owner: string;
	epoch: number;
}

/**
 * Per-workshop leases, held in the database every node shares (PostgreSQL). The database's clock
 * decides expiry, so nodes whose clocks disagree still agree on who holds a lease.
 */
export interface LeaseStore {
	/**
	 * Takes or renews the lease for `ttlMs`: granted when nobody holds it, it has expired, or `owner`
	 * already holds it. A change of owner raises the epoch. Returns the lease as it now stands
	 * (someone else's when not granted).
	 */
	claimLease(workshopId: string, owner: string, ttlMs: number): Promise<Lease>;
	/** Lets go at once (a clean stop), so another node need not wait for the expiry. */
	releaseLease(workshopId: string, owner: string, epoch: number): Promise<void>;
}

export interface Storage {
	/** Fails with `CodeTakenError` when the join code is already in use. */
	createWorkshop(workshop: WorkshopRecord): Promise<void>;
	workshopById(id: string): Promise<WorkshopRecord | null>;
	/** Every workshop's id (for retention: finding closed and idle workshops). */
	workshopIds(): Promise<string[]>;
	workshopByCode(code: string): Promise<WorkshopRecord | null>;
	workshopByFacilitatorKeyHash(hash: string): Promise<WorkshopRecord | null>;
	updateWorkshopTitle(id: string, title: string): Promise<void>;
	addParticipant(participant: ParticipantRecord): Promise<void>;
	participant(workshopId: string, id: string): Promise<ParticipantRecord | null>;
	participants(workshopId: string): Promise<ParticipantRecord[]>;

	/** Every stored update of a document, oldest first (after compaction: one). */
	loadDocument(docName: string): Promise<Uint8Array[]>;
	/** Appends one Yjs update to a document's log (a `write` of one `append`). */
	appendUpdate(docName: string, update: Uint8Array): Promise<void>;
	/** Replaces a document's log with one merged update, atomically (fenced like `write`). */
	compact(docName: string, merged: Uint8Array, fence?: Fence): Promise<void>;
	/** How many updates a document's log holds (to decide when to compact). */
	updateCount(docName: string): Promise<number>;

	/** A feature's records in a workshop whose key starts with `prefix` (all when omitted), in key order. */
	records(workshopId: string, feature: string, prefix?: string): Promise<StoredRecord[]>;
	/**
	 * Applies every change in one transaction: all of them are durable, or none is. With a fence
	 * (several nodes, PostgreSQL only) it commits only while that lease still holds.
	 */
	write(changes: readonly StorageChange[], fence?: Fence): Promise<void>;

	/** A named server secret, created with `make` the first time it is asked for. */
	serverSecret(name: string, make: () => string): Promise<string>;
	/** Removes the workshop, its people, its records and its documents, in one transaction. */
	deleteWorkshop(id: string, fence?: Fence): Promise<void>;
	close(): Promise<void>;
}

export class CodeTakenError extends Error {
	constructor() {
		super('join code already in use');
		this.name = 'CodeTakenError';
	}
}

/** A fenced write was refused: the lease it carried is no longer this node's. Nothing was written. */
export class FencedError extends Error {
	constructor() {
		super("the workshop's lease is held by another node");
		this.name = 'FencedError';
	}
}
