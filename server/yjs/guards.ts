/**
 * What a document kind's rules look like to the Yjs core. The core knows no feature: whoever builds
 * the rooms hands in a `guardFor(kind)` lookup, and a guard decides who may write at all (beyond
 * what the ticket says) and whether each change is acceptable.
 */
import * as Y from 'yjs';
import type { TicketHolder } from '../tickets.ts';

export interface RoomConnection {
	readOnly: boolean;
	/** What the ticket allowed; a guard may narrow or widen `readOnly` from this. */
	ticketWritable?: boolean;
	holder?: TicketHolder;
}

export interface DocGuard {
	/** Whether this connection may write to the document now. */
	mayWrite(doc: Y.Doc, conn: RoomConnection): boolean;
	/**
	 * Why the change from `before` (the real document) to `after` (a scratch copy with the update
	 * applied and nothing left pending) must be refused, or null to accept it.
	 */
	check(before: Y.Doc, after: Y.Doc, conn: RoomConnection): string | null;
	/**
	 * Awaited before each connection is attached, so that what `mayWrite` and `check` need to know
	 * (read from storage, say) is in memory by the time they are asked, without waiting.
	 */
	prepare?(): Promise<void>;
}

/** The rules for one document: its kind, and its full name (`<workshop>.<kind>`). */
export type GuardLookup = (kind: string, name: string) => DocGuard | null;

export type Scratch =
	| { ok: true; doc: Y.Doc }
	/** `incomplete`: the update builds on changes the server does not have (Yjs would keep it pending). */
	| { ok: false; problem: 'malformed' | 'incomplete' };

/** True when Yjs holds structs or deletions it could not apply yet. */
export function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * Drops whatever Yjs holds pending. Pending data has no visible effect until the clocks it waits for
 * arrive, so a guard sees nothing on the scratch copy; later it would land unchecked (a deletion
 * planted for the facilitator's next items), and it is stored with the document.
 */
export function dropPending(doc: Y.Doc) {
	doc.store.pendingStructs = null;
	doc.store.pendingDs = null;
}

/**
 * Applies an update to a scratch copy of a document (`state`, the whole document encoded as one
 * update), so a bad one never touches the real document. An update from
 * a connection must apply completely: anything left pending is refused, not kept for later.
 */
export function scratchWith(state: Uint8Array, update: Uint8Array): Scratch {
	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, state);
		Y.applyUpdate(scratch, update);
	} catch {
		scratch.destroy();
		return { ok: false, problem: 'malformed' };
	}
	if (hasPending(scratch)) {
		scratch.destroy();
		return { ok: false, problem: 'incomplete' };
	}
	return { ok: true, doc: scratch };
}
