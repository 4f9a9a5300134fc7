/** Schemas for the signals commands. A payload must be a plain object: arrays are refused. */
import * as v from 'valibot';
import { SIGNALS } from './model.ts';

const PlainObject = v.custom<Record<string, unknown>>(
	(input) => typeof input === 'object' && input !== null && !Array.isArray(input),
	'must be an object'
);

export const SignalSend = v.pipe(PlainObject, v.strictObject({ signal: v.picklist(SIGNALS) }));
export const SignalTakeBack = v.pipe(PlainObject, v.strictObject({ signal: v.picklist(SIGNALS) }));
export const SignalsShowOnRoomScreen = v.pipe(PlainObject, v.strictObject({ show: v.boolean() }));
/** For commands without a payload (the facilitator asking for the current counts). */
export const SignalsNone = v.pipe(PlainObject, v.strictObject({}));

export type SignalSendInput = v.InferOutput<typeof SignalSend>;
export type SignalTakeBackInput = v.InferOutput<typeof SignalTakeBack>;
export type SignalsShowOnRoomScreenInput = v.InferOutput<typeof SignalsShowOnRoomScreen>;
