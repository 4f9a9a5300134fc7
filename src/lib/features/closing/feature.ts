/**
 * Closing and deleting a workshop. "Close workshop" makes it read-only for everyone: the server
 * refuses every command to it from then on (except reading, the record and deleting), with the
 * code `workshop-closed`. "Delete workshop now" removes every row and document of it at once and
 * tells everyone still connected. The 'closing' document says whether and when it closed.
 */
import { Empty } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as messages from './messages.ts';

/** Exactly what the server writes into the 'closing' document, under the key 'view'. */
export interface ClosingView {
	closedAt: number | null;
}

export const closing = defineFeature({
	name: 'closing',
	docs: ['closing'],
	errors: ['workshop-closed'],
	messages,
	commands: {
		'closing:close': command({ input: Empty, output: returns<null>() }),
		'closing:delete': command({ input: Empty, output: returns<null>() })
	},
	events: emits<{
		/** To everyone connected: the workshop no longer exists. */
		'closing:deleted': () => void;
	}>()
});
