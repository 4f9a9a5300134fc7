/**
 * The agenda's socket.io commands and events, and their payload schemas. Protected actions are
 * commands so a participant's attempt is refused with a clear error; facilitators may also make
 * the same edits directly in the document, which the server checks.
 */
import * as v from 'valibot';
import type { Result } from './result.ts';
import type { WorkshopPublic } from './workshop.ts';

type Command<In, Out> = (payload: In, ack: (result: Result<Out>) => void) => void;

const ItemId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/));
/** Text fields stay loose here; the agenda's own checks give the precise reason. */
const Text = v.pipe(v.string(), v.maxLength(10_000));
const Minutes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600));

export const AgendaItemRef = v.strictObject({ itemId: ItemId });
export const AgendaAdd = v.strictObject({
	title: Text,
	notes: v.optional(Text, ''),
	timeboxMinutes: Minutes
});
export const AgendaMove = v.strictObject({ itemId: ItemId, direction: v.picklist(['up', 'down']) });
export const AgendaFinish = v.strictObject({ itemId: ItemId, outcome: v.optional(Text, '') });
export const AgendaOpenEditing = v.strictObject({ open: v.boolean() });
export const AgendaSuggest = v.strictObject({ title: Text, notes: v.optional(Text, '') });
export const AgendaDecide = v.strictObject({ suggestionId: ItemId, accept: v.boolean() });
export const RoomOpen = v.strictObject({
	code: v.pipe(v.string(), v.maxLength(20))
});

export type AgendaItemRefInput = v.InferOutput<typeof AgendaItemRef>;
export type AgendaAddInput = v.InferInput<typeof AgendaAdd>;
export type AgendaMoveInput = v.InferOutput<typeof AgendaMove>;
export type AgendaFinishInput = v.InferInput<typeof AgendaFinish>;
export type AgendaOpenEditingInput = v.InferOutput<typeof AgendaOpenEditing>;
export type AgendaSuggestInput = v.InferInput<typeof AgendaSuggest>;
export type AgendaDecideInput = v.InferOutput<typeof AgendaDecide>;
export type RoomOpenInput = v.InferOutput<typeof RoomOpen>;

/** A participant's proposed item, seen only by facilitators (never by the person's name). */
export interface AgendaSuggestion {
	id: string;
	title: string;
	notes: string;
}

/** What a room screen needs: a read-only ticket and the way in for people in the room. */
export interface RoomWelcome {
	workshop: WorkshopPublic;
	workshopId: string;
	yjsTicket: string;
	joinPath: string;
	joinUrl: string | null;
	qrSvg: string | null;
}

export interface AgendaCommands {
	'agenda:add': Command<AgendaAddInput, { itemId: string }>;
	'agenda:move': Command<AgendaMoveInput, null>;
	'agenda:start': Command<AgendaItemRefInput, null>;
	'agenda:finish': Command<AgendaFinishInput, null>;
	'agenda:extend': Command<AgendaItemRefInput, null>;
	'agenda:open-editing': Command<AgendaOpenEditingInput, null>;
	'agenda:suggest': Command<AgendaSuggestInput, null>;
	'agenda:suggestions': Command<Record<string, never>, AgendaSuggestion[]>;
	'agenda:decide': Command<AgendaDecideInput, null>;
	'room:open': Command<RoomOpenInput, RoomWelcome>;
}

export interface AgendaEvents {
	/** Facilitators only: the suggestions waiting for a decision. */
	'agenda:suggestions': (list: AgendaSuggestion[]) => void;
}
