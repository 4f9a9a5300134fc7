/** Schemas for action commands; owners are person ids, checked against who is present by the model. */
import * as v from 'valibot';
import { MAX_ACTION, MAX_OWNERS } from './model.ts';

const PlainObject = v.custom<Record<string, unknown>>(
	(input) => typeof input === 'object' && input !== null && !Array.isArray(input),
	'must be an object'
);
const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/));
const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const payload = <E extends v.ObjectEntries>(entries: E) =>
	v.pipe(PlainObject, v.strictObject(entries));
const fields = {
	what: v.pipe(v.string(), v.maxLength(MAX_ACTION * 4)),
	owners: v.pipe(v.array(Id), v.minLength(1), v.maxLength(MAX_OWNERS)),
	due: v.nullable(IsoDate)
};

export const ActionAdd = payload(fields);
export const ActionEdit = payload({ id: Id, ...fields });
export const ActionRemove = payload({ id: Id });
export const ActionDone = payload({ id: Id, done: v.boolean() });
/** A person asking for their own actions. */
export const ActionsNone = payload({});

export type ActionAddInput = v.InferOutput<typeof ActionAdd>;
export type ActionEditInput = v.InferOutput<typeof ActionEdit>;
export type ActionDoneInput = v.InferOutput<typeof ActionDone>;
