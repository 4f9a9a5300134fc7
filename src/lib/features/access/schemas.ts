/** Schemas for access-needs commands; the note gets its precise check from `checkText`. */
import * as v from 'valibot';
import { ACCESS_NEEDS, ACCESS_VISIBILITIES, MAX_ACCESS_NOTE } from './model.ts';

const PlainObject = v.custom<Record<string, unknown>>(
	(input) => typeof input === 'object' && input !== null && !Array.isArray(input),
	'must be an object'
);
/** Bounded so a huge string is refused cheaply; `checkText` then gives the exact reason. */
const Note = v.pipe(v.string(), v.maxLength(MAX_ACCESS_NOTE * 4));

export const AccessSet = v.pipe(
	PlainObject,
	v.strictObject({
		needs: v.pipe(v.array(v.picklist(ACCESS_NEEDS)), v.maxLength(ACCESS_NEEDS.length)),
		note: v.nullable(Note),
		visibility: v.picklist(ACCESS_VISIBILITIES)
	})
);
/** For the facilitator asking for the current list, and a person clearing theirs. */
export const AccessNone = v.pipe(PlainObject, v.strictObject({}));

export type AccessSetInput = v.InferOutput<typeof AccessSet>;
