/**
 * Inclusion: breaks, ground rules and the glossary. What everyone reads lives in the `inclusion`
 * document, which only the server writes; every change is a facilitator's command, except that a
 * participant may suggest a ground rule or ask "What does … mean?" (each reaches facilitators only,
 * without a name; questions only on fixed ticks, several together). The
 * written turn's commands belong to the queue, which owns the floor.
 */
import { Empty, Id } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as v from 'valibot';
import * as messages from './messages.ts';
import type {
	BreakState,
	Glossary,
	GroundRules,
	MeaningQuestion,
	RoundKind,
	RoundQuestion,
	RuleSuggestion
} from './model.ts';
import {
	CheckRoundAnswer,
	CheckRoundStart,
	BreakExtend,
	BreakStart,
	GlossaryAdd,
	GlossaryRemove,
	MeaningAsk,
	MeaningResolve,
	RuleAdd,
	RuleRemove,
	RuleSuggest
} from './schemas.ts';

/** Where things live in the `inclusion` document. */
export const INCLUSION_MAP = 'inclusion';
export const BREAK_KEY = 'break';
export const RULES_KEY = 'rules';
export const GLOSSARY_KEY = 'glossary';
export const ROUND_KEY = 'round';

/** What everyone sees of a check-in or check-out round: the question, never the answers. */
export interface RoundView {
	kind: RoundKind;
	question: RoundQuestion;
}

/** Facilitators only: written answers, with a name only where the person chose it. */
export type RoundAnswers = { text: string; name: string | null }[];

export interface InclusionView {
	break: BreakState;
	/** null until a facilitator changes them: the default rules apply. */
	rules: GroundRules | null;
	glossary: Glossary;
	round: RoundView | null;
}

const SuggestionRef = v.strictObject({ id: Id });

export const inclusion = defineFeature({
	name: 'inclusion',
	docs: ['inclusion'],
	errors: [
		'duplicate',
		'too-many',
		'invalid-duration',
		'already-on-break',
		'no-break',
		'invalid-id',
		'no-such-item',
		'no-round',
		'ask-limit'
	],
	messages,
	commands: {
		'break:start': command({ input: BreakStart, output: returns<null>() }),
		'break:extend': command({ input: BreakExtend, output: returns<null>() }),
		'break:end': command({ input: Empty, output: returns<null>() }),
		'rules:add': command({ input: RuleAdd, output: returns<null>() }),
		'rules:remove': command({ input: RuleRemove, output: returns<null>() }),
		'rules:suggest': command({ input: RuleSuggest, output: returns<null>() }),
		'rules:suggestions': command({ input: Empty, output: returns<RuleSuggestion[]>() }),
		'rules:accept': command({ input: SuggestionRef, output: returns<null>() }),
		'rules:decline': command({ input: SuggestionRef, output: returns<null>() }),
		'glossary:add': command({ input: GlossaryAdd, output: returns<null>() }),
		'glossary:remove': command({ input: GlossaryRemove, output: returns<null>() }),
		'meaning:ask': command({ input: MeaningAsk, output: returns<null>() }),
		'meaning:list': command({ input: Empty, output: returns<MeaningQuestion[]>() }),
		'meaning:dismiss': command({ input: MeaningResolve, output: returns<null>() }),
		'round:start': command({ input: CheckRoundStart, output: returns<null>() }),
		'round:answer': command({ input: CheckRoundAnswer, output: returns<null>() }),
		'round:withdraw': command({ input: Empty, output: returns<null>() }),
		'round:mine': command({ input: Empty, output: returns<{ answered: boolean }>() }),
		'round:answers': command({ input: Empty, output: returns<RoundAnswers>() }),
		'round:end': command({ input: Empty, output: returns<null>() })
	},
	events: emits<{
		/** Facilitators only: suggested ground rules, without who suggested them. */
		'rules:suggestions': (list: RuleSuggestion[]) => void;
		/**
		 * Facilitators only: "What does … mean?" questions, a term and a count each, never who asked.
		 * Sent on the signals' publishing ticks (or after a facilitator's own change), never at an ask.
		 */
		'meaning:questions': (list: MeaningQuestion[]) => void;
		/** Facilitators only: the round's written answers. */
		'round:answers': (answers: RoundAnswers) => void;
	}>()
});
