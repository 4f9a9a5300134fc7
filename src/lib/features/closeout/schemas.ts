/** Schemas for close-out commands. The person's role comes from the server, never from the payload. */
import * as v from 'valibot';
import { FELT_HEARD, LADDER, MAX_COMMENT, NAMINGS } from './model.ts';

const PlainObject = v.custom<Record<string, unknown>>(
	(input) => typeof input === 'object' && input !== null && !Array.isArray(input),
	'must be an object'
);
const payload = <E extends v.ObjectEntries>(entries: E) =>
	v.pipe(PlainObject, v.strictObject(entries));

/**
 * The device's own key comes with an answer: the server files the answer under a key made from it
 * (and never stored), so that no stored row can say whose answer it is. See the closeout server.
 */
export const FeedbackSubmit = payload({
	participantKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/)),
	heard: v.nullable(v.picklist(FELT_HEARD)),
	ladder: v.nullable(v.picklist(LADDER)),
	comment: v.nullable(v.pipe(v.string(), v.maxLength(MAX_COMMENT * 4)))
});
export const FeedbackShare = payload({ share: v.boolean() });
export const NamingSet = payload({ naming: v.picklist(NAMINGS) });
/** Ask for feedback, close feedback, close the workshop, download, delete: no payload. */
export const CloseoutNone = payload({});

export type FeedbackSubmitInput = v.InferOutput<typeof FeedbackSubmit>;
export type FeedbackShareInput = v.InferOutput<typeof FeedbackShare>;
export type NamingSetInput = v.InferOutput<typeof NamingSet>;
