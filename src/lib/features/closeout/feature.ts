/**
 * Close-out (co-evaluation): the anonymous "Did you feel heard?" and "How much did we decide
 * together?", and how each person is named in the record. The 'closeout' document, written only
 * by the server, says whether feedback is open and, if the facilitator shares them, the results;
 * facilitators get the results by their own event, beside the balance view.
 */
import { Empty } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as messages from './messages.ts';
import type { FeedbackSummary, Naming } from './model.ts';
import { FeedbackShare, FeedbackSubmit, NamingSet } from './schemas.ts';

/** Exactly what the server writes into the 'closeout' document, under the key 'view'. */
export interface CloseoutView {
	open: boolean;
	/** The results, once feedback is closed and only if the facilitator chose to share them. */
	shared: FeedbackSummary | null;
}

export const closeout = defineFeature({
	name: 'closeout',
	docs: ['closeout'],
	errors: ['feedback-closed', 'invalid-answer'],
	messages,
	commands: {
		'closeout:ask': command({ input: Empty, output: returns<null>() }),
		'closeout:stop': command({ input: Empty, output: returns<null>() }),
		'closeout:share': command({ input: FeedbackShare, output: returns<null>() }),
		'closeout:results': command({ input: Empty, output: returns<FeedbackSummary>() }),
		'closeout:answer': command({ input: FeedbackSubmit, output: returns<null>() }),
		'closeout:naming': command({ input: NamingSet, output: returns<null>() }),
		'closeout:myNaming': command({ input: Empty, output: returns<Naming>() })
	},
	events: emits<{
		/** Facilitators only: the results, whenever they change state. */
		'closeout:results': (summary: FeedbackSummary) => void;
	}>()
});
