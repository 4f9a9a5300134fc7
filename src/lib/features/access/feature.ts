/**
 * Access needs' commands and events. A person's answer goes only to facilitators, as a list of
 * what to do; a participant may read back only their own answer. There is no document: access
 * needs are facilitator-only data and must never enter anything participants sync.
 */
import { Empty } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as messages from './messages.ts';
import type { AccessNeeds, AccessSummary } from './model.ts';
import { AccessSet } from './schemas.ts';

export const access = defineFeature({
	name: 'access',
	docs: [],
	errors: ['invalid-need', 'invalid-visibility'],
	messages,
	commands: {
		'access:set': command({ input: AccessSet, output: returns<AccessNeeds>() }),
		'access:mine': command({ input: Empty, output: returns<AccessNeeds>() }),
		'access:list': command({ input: Empty, output: returns<AccessSummary>() })
	},
	events: emits<{
		/** Facilitators only: the list of what to do, with names only of people who allowed it. */
		'access:summary': (summary: AccessSummary) => void;
	}>()
});
