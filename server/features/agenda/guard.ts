/**
 * What the agenda document accepts from clients that write to it directly: facilitators always,
 * participants while open editing is on, and the room screen never. Every update is tried on a
 * scratch copy first, so one that breaks the schema or the writer's rights never reaches anyone.
 */
import {
	agendaProblem,
	participantChangeProblem,
	readAgenda,
	settingsOf
} from '../../../src/lib/features/agenda/model.ts';
import { scratchWith, type DocGuard } from '../../yjs/guards.ts';

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
