/**
 * Inclusion: glossary, ground rules, check-in and check-out, breaks and written turns. Its words
 * are registered here; the written turn's commands belong to the queue, which owns the floor.
 */
import { defineFeature, emits } from '../../shared/command.ts';
import * as messages from './messages.ts';

export const inclusion = defineFeature({
	name: 'inclusion',
	docs: [],
	errors: [],
	messages,
	commands: {},
	events: emits<Record<never, never>>()
});
