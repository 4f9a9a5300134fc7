/**
 * Deciding together: "What this workshop can change" (set by a facilitator, shown to everyone above
 * the agenda, in the 'scope' document) and consent decisions (the 'decisions' document). Only the
 * server writes either; an open consent round's answers never enter it, only how many there are.
 */
import * as v from 'valibot';
import { Empty, Id, Text, object } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as messages from './messages.ts';
import type { AnswerRecord, PublicDecision, RoundRecord } from './model.ts';
import {
	DecisionAmend,
	DecisionAnswer,
	DecisionById,
	DecisionNew,
	DecisionOptions,
	DecisionReviewDate
} from './schemas.ts';

export const ScopeInput = object({ fixed: Text, open: Text });
export const GoRoundInput = object({
	id: Id,
	kind: v.picklist(['clarifying', 'reaction'])
});

/** What the workshop can and cannot change, in the facilitator's words; empty when not said. */
export interface WorkshopScope {
	fixed: string;
	open: string;
}

/** A named answer as everyone sees it: with the name, never the person id. */
export interface ShownAnswer extends Omit<AnswerRecord, 'personId'> {
	name: string | null;
}

export type ShownRound =
	| Exclude<RoundRecord, { kind: 'consent' }>
	| (Omit<Extract<RoundRecord, { kind: 'consent' }>, 'answers'> & { answers: ShownAnswer[] });

/** One decision as the document holds it. */
export interface ShownDecision extends Omit<PublicDecision, 'rounds'> {
	rounds: ShownRound[];
}

/** Exactly what the server writes into the 'decisions' document, under the key 'view'. */
export interface DecisionsView {
	decisions: ShownDecision[];
}

/** The 'scope' document (key 'view'): its own document, so the note above the agenda loads alone. */
export const VIEW_KEY = 'view';

export const decisions = defineFeature({
	name: 'decisions',
	docs: ['decisions', 'scope'],
	errors: [
		'wrong-stage',
		'concern-not-allowed',
		'reason-required',
		'no-answers',
		'invalid-answer',
		'invalid-mode',
		'too-many-rounds',
		'invalid-date',
		'date-in-past',
		'date-too-far',
		'answer-kept'
	],
	messages,
	commands: {
		'decisions:scope': command({ input: ScopeInput, output: returns<null>() }),
		'decisions:new': command({ input: DecisionNew, output: returns<{ id: string }>() }),
		'decisions:amend': command({ input: DecisionAmend, output: returns<null>() }),
		'decisions:goRound': command({ input: GoRoundInput, output: returns<null>() }),
		'decisions:options': command({ input: DecisionOptions, output: returns<null>() }),
		'decisions:startConsent': command({ input: DecisionById, output: returns<null>() }),
		'decisions:closeConsent': command({ input: DecisionById, output: returns<null>() }),
		'decisions:cancelConsent': command({ input: DecisionById, output: returns<null>() }),
		'decisions:withdraw': command({ input: DecisionById, output: returns<null>() }),
		'decisions:reviewDate': command({ input: DecisionReviewDate, output: returns<null>() }),
		'decisions:answer': command({ input: DecisionAnswer, output: returns<null>() }),
		/** A participant takes their name and reasons out of every named round (until it closes). */
		'decisions:withdrawMine': command({ input: Empty, output: returns<{ withdrawn: number }>() })
	},
	events: emits<Record<never, never>>()
});
