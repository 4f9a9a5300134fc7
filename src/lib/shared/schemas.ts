/**
 * Schemas for every payload a client sends. The server validates at the edge with these before any
 * handler runs; the browser uses the same text rules to warn early.
 */
import * as v from 'valibot';
import { isJoinCode, normaliseJoinCode } from './join-code.ts';
import { LANGUAGES } from './workshop.ts';

/** Opaque random keys and ids: base64url, bounded so a huge string is refused cheaply. */
const Token = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/));

const JoinCode = v.pipe(
	v.string(),
	v.maxLength(20),
	v.transform(normaliseJoinCode),
	v.check(isJoinCode, 'not a join code')
);

/** Text fields stay `unknown` here: `checkLine` gives the precise reason (empty, too long, control). */
const Text = v.pipe(v.string(), v.maxLength(10_000));

export const CreateWorkshop = v.strictObject({ title: Text, language: v.picklist(LANGUAGES) });
export const LookupWorkshop = v.strictObject({ code: JoinCode });
export const JoinWorkshop = v.strictObject({ code: JoinCode, name: Text, role: Text });
export const ResumeParticipant = v.strictObject({
	code: JoinCode,
	participantId: Token,
	participantKey: Token
});
export const OpenFacilitator = v.strictObject({ facilitatorKey: Token });
export const RenameWorkshop = v.strictObject({ title: Text });

export type CreateWorkshopInput = v.InferOutput<typeof CreateWorkshop>;
export type LookupWorkshopInput = v.InferOutput<typeof LookupWorkshop>;
export type JoinWorkshopInput = v.InferOutput<typeof JoinWorkshop>;
export type ResumeParticipantInput = v.InferOutput<typeof ResumeParticipant>;
export type OpenFacilitatorInput = v.InferOutput<typeof OpenFacilitator>;
export type RenameWorkshopInput = v.InferOutput<typeof RenameWorkshop>;
