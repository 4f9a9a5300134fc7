/**
 * Per-kind rules for documents that clients may edit directly. A guard decides who may write at all
 * (beyond what the ticket says) and checks each update before it reaches the document.
 */
import * as Y from 'yjs';
import {
	agendaProblem,
	participantChangeProblem,
	readAgenda,
	settingsOf
} from '../../src/lib/shared/agenda.ts';
import type { DocKind } from '../../src/lib/shared/workshop.ts';
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
function scratchWith(doc: Y.Doc, update: Uint8Array): Y.Doc | null {
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

export const agendaGuard: DocGuard = {
	mayWrite(doc, conn) {
		if (conn.holder === 'room') return false;
		if (conn.ticketWritable) return true;
		// Open editing lets every participant write, for as long as it stays on.
		return conn.holder === 'participant' && settingsOf(doc).get('openEditing') === true;
	},
	check(doc, update, conn) {
		const after = scratchWith(doc, update);
		if (!after) return 'malformed update';
		try {
			const problem = agendaProblem(after);
			if (problem) return problem;
			if (conn.holder === 'facilitator' && conn.ticketWritable) return null;
			return participantChangeProblem(readAgenda(doc), readAgenda(after));
		} finally {
			after.destroy();
		}
	}
};

const GUARDS: Partial<Record<DocKind, DocGuard>> = { agenda: agendaGuard };

export function guardFor(kind: DocKind): DocGuard | null {
	return GUARDS[kind] ?? null;
}
