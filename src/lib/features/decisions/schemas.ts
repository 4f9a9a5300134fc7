/**
 * Schemas for consent-decision commands. Which decision a command acts on is always named, so a
 * repeated tap cannot act on a different one. Text is bounded here and checked by the model.
 */
import * as v from 'valibot';
import { ANSWER_MODES, CONSENT_ANSWERS, MAX_PROPOSAL, MAX_REASON } from './model.ts';

const PlainObject = v.custom<Record<string, unknown>>(
	(input) => typeof input === 'object' && input !== null && !Array.isArray(input),
	'must be an object'
);
const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max * 4));
/** The shape only; whether it is a real day, and not past, is the model's check. */
const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const payload = <E extends v.ObjectEntries>(entries: E) =>
	v.pipe(PlainObject, v.strictObject(entries));

export const DecisionNew = payload({ proposal: text(MAX_PROPOSAL) });
export const DecisionAmend = payload({ id: Id, proposal: text(MAX_PROPOSAL) });
/** Start a clarifying, reaction or consent round; close, cancel or set aside: only the decision's id. */
export const DecisionById = payload({ id: Id });
export const DecisionOptions = payload({
	id: Id,
	mode: v.picklist(ANSWER_MODES),
	concernAllowed: v.boolean()
});
export const DecisionAnswer = payload({
	id: Id,
	answer: v.picklist(CONSENT_ANSWERS),
	reason: v.nullable(text(MAX_REASON))
});
export const DecisionReviewDate = payload({ id: Id, date: v.nullable(IsoDate) });

export type DecisionNewInput = v.InferOutput<typeof DecisionNew>;
export type DecisionAmendInput = v.InferOutput<typeof DecisionAmend>;
export type DecisionByIdInput = v.InferOutput<typeof DecisionById>;
export type DecisionOptionsInput = v.InferOutput<typeof DecisionOptions>;
export type DecisionAnswerInput = v.InferOutput<typeof DecisionAnswer>;
export type DecisionReviewDateInput = v.InferOutput<typeof DecisionReviewDate>;
