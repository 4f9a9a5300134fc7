/**
 * Actions (co-delivery): what will be done, by whom, by when. Facilitators add actions for anyone
 * here (including people added without a device); a participant may take one on themselves.
 * Everyone reads them from the 'actions' document, which only the server writes.
 */
import * as v from 'valibot';
import { Id, Text, object } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as messages from './messages.ts';
import { ActionAdd, ActionDone, ActionEdit, ActionRemove } from './schemas.ts';

const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
export const ActionTake = object({ what: Text, due: v.nullable(IsoDate) });
export { Id as ActionId };

/** One action as everyone sees it: owners by name (actions are named by their nature). */
export interface ShownAction {
	id: string;
	what: string;
	owners: { id: string; name: string }[];
	due: string | null;
	done: boolean;
}

/** Exactly what the server writes into the 'actions' document, under the key 'view'. */
export interface ActionsView {
	actions: ShownAction[];
}

export const actions = defineFeature({
	name: 'actions',
	docs: ['actions'],
	errors: ['no-owner', 'too-many-owners', 'invalid-date', 'date-in-past', 'date-too-far'],
	messages,
	commands: {
		'actions:add': command({ input: ActionAdd, output: returns<{ id: string }>() }),
		'actions:take': command({ input: ActionTake, output: returns<{ id: string }>() }),
		'actions:edit': command({ input: ActionEdit, output: returns<null>() }),
		'actions:remove': command({ input: ActionRemove, output: returns<null>() }),
		'actions:done': command({ input: ActionDone, output: returns<null>() })
	},
	events: emits<Record<never, never>>()
});
