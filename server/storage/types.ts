/**
 * The one storage seam. Async so PostgreSQL can sit behind it later; the SQLite implementation
 * commits synchronously inside each call, so a resolved promise means the data is on disk.
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

export interface Storage {
	/** Fails with `CodeTakenError` when the join code is already in use. */
	createWorkshop(workshop: WorkshopRecord): Promise<void>;
	workshopById(id: string): Promise<WorkshopRecord | null>;
	workshopByCode(code: string): Promise<WorkshopRecord | null>;
	workshopByFacilitatorKeyHash(hash: string): Promise<WorkshopRecord | null>;
	updateWorkshopTitle(id: string, title: string): Promise<void>;
	addParticipant(participant: ParticipantRecord): Promise<void>;
	participant(workshopId: string, id: string): Promise<ParticipantRecord | null>;
	participants(workshopId: string): Promise<ParticipantRecord[]>;
	/** Appends one Yjs update to a document's log. */
	appendUpdate(docName: string, update: Uint8Array): Promise<void>;
	/** Every stored update of a document, oldest first (after compaction: one). */
	loadDocument(docName: string): Promise<Uint8Array[]>;
	/** Replaces a document's log with one merged update, atomically. */
	compact(docName: string, merged: Uint8Array): Promise<void>;
	/** How many updates a document's log holds (to decide when to compact). */
	updateCount(docName: string): Promise<number>;
	deleteWorkshop(id: string): Promise<void>;
	close(): Promise<void>;

	// ---- speaking queue ----
	/** The server's queue state of a workshop as JSON, or null before its first command. */
	loadQueueState(workshopId: string): Promise<string | null>;
	saveQueueState(workshopId: string, json: string): Promise<void>;
	/** Records a turn (or a go-round pass) as it starts; returns its id for `endTurn`. */
	startTurn(turn: Omit<StoredTurn, 'id' | 'endedAt'>): Promise<number>;
	endTurn(id: number, endedAt: number): Promise<void>;
	/** Every turn of a workshop, oldest first. */
	turns(workshopId: string): Promise<StoredTurn[]>;

	// Idea board. Held ideas (silent collect, or waiting for the next live batch) have no author
	// and no time: nothing here can link an idea to the person who wrote it.
	/** A named server secret, created with `make` the first time it is asked for. */
	serverSecret(name: string, make: () => string): Promise<string>;
	holdIdea(workshopId: string, id: string, text: string): Promise<void>;
	/** True when the held idea existed and was changed. */
	editHeldIdea(workshopId: string, id: string, text: string): Promise<boolean>;
	/** True when the held idea existed and was removed. */
	dropHeldIdea(workshopId: string, id: string): Promise<boolean>;
	heldIdeas(workshopId: string): Promise<{ id: string; text: string }[]>;
}

/** One speaking turn, for the balance view. `kind` is a point kind, 'pass', or null (go-round). */
export interface StoredTurn {
	id: number;
	workshopId: string;
	personId: string;
	kind: string | null;
	source: string;
	startedAt: number;
	endedAt: number | null;
}

export class CodeTakenError extends Error {
	constructor() {
		super('join code already in use');
		this.name = 'CodeTakenError';
	}
}
