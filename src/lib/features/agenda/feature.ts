/**
 * The agenda's commands and events, and their payload schemas. Protected actions are commands so a
 * participant's attempt is refused with a clear error; facilitators may also make the same edits
 * directly in the document, which the server's guard checks.
 */
import * as v from 'valibot';
import { Direction, Empty, ItemId, Text } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import { MAX_TIMEBOX_MINUTES, MIN_TIMEBOX_MINUTES } from '../../shared/limits.ts';
import * as messages from './messages.ts';

const Minutes = v.pipe(
	v.number(),
	v.integer(),
	v.minValue(MIN_TIMEBOX_MINUTES),
	v.maxValue(MAX_TIMEBOX_MINUTES)
);

export const AgendaItemRef = v.strictObject({ itemId: ItemId });
export const AgendaAdd = v.strictObject({
	title: Text,
	notes: v.optional(Text, ''),
	timeboxMinutes: Minutes
});
export const AgendaMove = v.strictObject({ itemId: ItemId, direction: Direction });
export const AgendaFinish = v.strictObject({ itemId: ItemId, outcome: v.optional(Text, '') });
export const AgendaOpenEditing = v.strictObject({ open: v.boolean() });
export const AgendaSuggest = v.strictObject({ title: Text, notes: v.optional(Text, '') });
export const AgendaDecide = v.strictObject({ suggestionId: ItemId, accept: v.boolean() });

/** A participant's proposed item, seen only by facilitators (never by the person's name). */
export interface AgendaSuggestion {
	id: string;
	title: string;
	notes: string;
}

export const agenda = defineFeature({
	name: 'agenda',
	docs: ['agenda'],
	errors: ['too-many-suggestions', 'suggestions-full'],
	messages,
	commands: {
		'agenda:add': command({ input: AgendaAdd, output: returns<{ itemId: string }>() }),
		'agenda:move': command({ input: AgendaMove, output: returns<null>() }),
		'agenda:start': command({ input: AgendaItemRef, output: returns<null>() }),
		'agenda:finish': command({ input: AgendaFinish, output: returns<null>() }),
		'agenda:extend': command({ input: AgendaItemRef, output: returns<null>() }),
		'agenda:open-editing': command({ input: AgendaOpenEditing, output: returns<null>() }),
		'agenda:suggest': command({ input: AgendaSuggest, output: returns<null>() }),
		'agenda:suggestions': command({ input: Empty, output: returns<AgendaSuggestion[]>() }),
		'agenda:decide': command({ input: AgendaDecide, output: returns<null>() })
	},
	events: emits<{
		/** Facilitators only: the suggestions waiting for a decision. */
		'agenda:suggestions': (list: AgendaSuggestion[]) => void;
	}>()
});
