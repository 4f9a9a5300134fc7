/**
 * The agenda's rules for direct edits: facilitators may change anything the schema allows;
 * participants may write only while open editing is on, and never start, finish, reorder or remove
 * items; room screens never write.
 */
import {
	agendaProblem,
	participantChangeProblem,
	readAgenda,
	settingsOf
} from '../../../src/lib/features/agenda/model.ts';
import type { DocGuard } from '../../yjs/guards.ts';

export const agendaGuard: DocGuard = {
	mayWrite(doc, conn) {
		if (conn.holder === 'room') return false;
		if (conn.ticketWritable) return true;
		// Open editing lets every participant write, for as long as it stays on.
		return conn.holder === 'participant' && settingsOf(doc).get('openEditing') === true;
	},
	check(before, after, conn) {
		const problem = agendaProblem(after);
		if (problem) return problem;
		if (conn.holder === 'facilitator' && conn.ticketWritable) return null;
		return participantChangeProblem(readAgenda(before), readAgenda(after));
	}
};
