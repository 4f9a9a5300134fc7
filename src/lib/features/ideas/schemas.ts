/** Schemas for the idea board's commands; text fields get their precise check from `checkLines`. */
import * as v from 'valibot';
import { Id, object, Text } from '../../shared/atoms.ts';
import { MAX_BUDGET } from '../../shared/limits.ts';
import { COLLECT_MODES } from './model.ts';

const Count = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_BUDGET));

export const IdeasSetup = v.strictObject({
	prompt: Text,
	mode: v.picklist(COLLECT_MODES),
	budget: Count,
	cap: Count,
	participantsGroup: v.boolean()
});
export const IdeasAdd = v.strictObject({ text: Text });
export const IdeasEdit = v.strictObject({ id: Id, proof: Id, text: Text });
export const IdeasWithdraw = v.strictObject({ id: Id, proof: Id });
export const IdeasAdvance = v.strictObject({ to: v.picklist(['group', 'vote', 'results']) });
/** Back one phase: to collecting from grouping, or to grouping from voting (results are final). */
export const IdeasBack = v.strictObject({ to: v.picklist(['collect', 'group']) });
export const IdeasThemeCreate = v.strictObject({ name: Text });
export const IdeasThemeRename = v.strictObject({ id: Id, name: Text });
export const IdeasThemeDelete = v.strictObject({ id: Id });
export const IdeasMove = v.strictObject({ id: Id, theme: v.nullable(Id) });
export const IdeasMerge = v.strictObject({ from: Id, into: Id });
export const IdeasById = v.strictObject({ id: Id });
/** A ballot is a random id and the server's seal on it, as the server issued it. */
const Ballot = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,64}$/));
export const IdeasVote = v.strictObject({ id: Id, ballot: Ballot });
export const IdeasMyVotes = object({ ballot: v.optional(Ballot) });

export type IdeasSetupInput = v.InferOutput<typeof IdeasSetup>;
export type IdeasAddInput = v.InferOutput<typeof IdeasAdd>;
export type IdeasEditInput = v.InferOutput<typeof IdeasEdit>;
export type IdeasWithdrawInput = v.InferOutput<typeof IdeasWithdraw>;
export type IdeasAdvanceInput = v.InferOutput<typeof IdeasAdvance>;
export type IdeasThemeCreateInput = v.InferOutput<typeof IdeasThemeCreate>;
export type IdeasThemeRenameInput = v.InferOutput<typeof IdeasThemeRename>;
export type IdeasMoveInput = v.InferOutput<typeof IdeasMove>;
export type IdeasMergeInput = v.InferOutput<typeof IdeasMerge>;
export type IdeasByIdInput = v.InferOutput<typeof IdeasById>;
