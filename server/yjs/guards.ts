/**
 * Rules for documents that clients may edit directly. A guard decides who may write at all (beyond
 * what the ticket says) and checks each update before it reaches the document. Features own their
 * guards and hand them in; this core knows no feature.
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
	/** Why this update from this connection must be refused, or null to accept it. */
	check(doc: Y.Doc, update: Uint8Array, conn: RoomConnection): string | null;
}

/** Applies an update to a scratch copy, so a bad one never touches the real document. */
export function scratchWith(doc: Y.Doc, update: Uint8Array): Y.Doc | null {
	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
		Y.applyUpdate(scratch, update);
		return scratch;
	} catch {
		scratch.destroy();
		return null;
	}
}
