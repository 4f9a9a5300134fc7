/**
 * Schemas for glossary, ground rules, rounds, breaks and written turns. Text fields are bounded
 * strings here; the model's `checkLine`/`checkText` gives the precise reason. Break lengths are
 * whole minutes, so the server never sees a fraction of a millisecond.
 */
import * as v from 'valibot';
import {
	MAX_BREAK_EXTENSION_MS,
	MAX_BREAK_MS,
	MAX_MEANING,
	MAX_ROUND_ANSWER,
	MAX_ROUND_QUESTION,
	MAX_RULE,
	MAX_TERM,
	MAX_WRITTEN_TURN,
	MIN_BREAK_MS,
	ROUND_KINDS,
	WRITTEN_DISPLAYS
} from './model.ts';

const PlainObject = v.custom<Record<string, unknown>>(
	(input) => typeof input === 'object' && input !== null && !Array.isArray(input),
	'must be an object'
);
const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max * 4));
const minutes = (minMs: number, maxMs: number) =>
	v.pipe(v.number(), v.integer(), v.minValue(minMs / 60_000), v.maxValue(maxMs / 60_000));
const Display = v.picklist(WRITTEN_DISPLAYS);
const payload = <E extends v.ObjectEntries>(entries: E) =>
	v.pipe(PlainObject, v.strictObject(entries));

export const GlossaryAdd = payload({ term: text(MAX_TERM), meaning: text(MAX_MEANING) });
export const GlossaryEdit = payload({ id: Id, term: text(MAX_TERM), meaning: text(MAX_MEANING) });
export const GlossaryRemove = payload({ id: Id });
export const MeaningAsk = payload({ term: text(MAX_TERM) });
export const MeaningResolve = payload({ id: Id });

export const RuleAdd = payload({ text: text(MAX_RULE) });
export const RuleEdit = payload({ id: Id, text: text(MAX_RULE) });
export const RuleRemove = payload({ id: Id });
export const RuleMove = payload({ id: Id, direction: v.picklist(['up', 'down']) });
export const RuleSuggest = payload({ text: text(MAX_RULE) });
export const RuleSuggestionAccept = payload({ id: Id });
export const RuleSuggestionDecline = payload({ id: Id });

export const CheckRoundStart = payload({
	kind: v.picklist(ROUND_KINDS),
	question: v.nullable(text(MAX_ROUND_QUESTION))
});
export const CheckRoundAnswer = payload({ text: text(MAX_ROUND_ANSWER), display: Display });

export const BreakStart = payload({ minutes: minutes(MIN_BREAK_MS, MAX_BREAK_MS) });
export const BreakExtend = payload({ minutes: minutes(MIN_BREAK_MS, MAX_BREAK_EXTENSION_MS) });

export const WrittenTurnRaise = payload({ text: text(MAX_WRITTEN_TURN), display: Display });

/** Reset rules to defaults, end a round, end a break, withdraw an answer: no payload. */
export const InclusionNone = payload({});

export type GlossaryAddInput = v.InferOutput<typeof GlossaryAdd>;
export type GlossaryEditInput = v.InferOutput<typeof GlossaryEdit>;
export type MeaningAskInput = v.InferOutput<typeof MeaningAsk>;
export type RuleAddInput = v.InferOutput<typeof RuleAdd>;
export type RuleEditInput = v.InferOutput<typeof RuleEdit>;
export type RuleMoveInput = v.InferOutput<typeof RuleMove>;
export type CheckRoundStartInput = v.InferOutput<typeof CheckRoundStart>;
export type CheckRoundAnswerInput = v.InferOutput<typeof CheckRoundAnswer>;
export type BreakStartInput = v.InferOutput<typeof BreakStart>;
export type WrittenTurnRaiseInput = v.InferOutput<typeof WrittenTurnRaise>;
