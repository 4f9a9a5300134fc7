/** The idea board's socket.io commands. Replies go only to the sender; nothing is broadcast. */
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as messages from './messages.ts';
import {
	IdeasAdd,
	IdeasAdvance,
	IdeasBack,
	IdeasById,
	IdeasEdit,
	IdeasMerge,
	IdeasMove,
	IdeasMyVotes,
	IdeasSetup,
	IdeasThemeCreate,
	IdeasThemeRename,
	IdeasVote,
	IdeasWithdraw
} from './schemas.ts';

/** A voter's own dots: sent to that voter's own connection only. */
export interface MyVotes {
	left: number;
	mine: Record<string, number>;
	/** This person's ballot: only their device keeps it, and sends it with every vote. */
	ballot: string;
}

export const ideas = defineFeature({
	name: 'ideas',
	docs: ['board'],
	errors: [
		'wrong-phase',
		'idea-gone',
		'no-votes-left',
		'idea-vote-limit',
		'ballot-not-valid',
		'ballot-elsewhere',
		'too-many-ideas',
		'board-full'
	],
	messages,
	commands: {
		'ideas:setup': command({ input: IdeasSetup, output: returns<null>() }),
		/** Returns the proof that lets this device (and nobody else) edit or withdraw the idea. */
		'ideas:add': command({ input: IdeasAdd, output: returns<{ id: string; proof: string }>() }),
		'ideas:edit': command({ input: IdeasEdit, output: returns<null>() }),
		'ideas:withdraw': command({ input: IdeasWithdraw, output: returns<null>() }),
		'ideas:advance': command({ input: IdeasAdvance, output: returns<null>() }),
		'ideas:back': command({ input: IdeasBack, output: returns<null>() }),
		'ideas:theme-create': command({ input: IdeasThemeCreate, output: returns<{ id: string }>() }),
		'ideas:theme-rename': command({ input: IdeasThemeRename, output: returns<null>() }),
		'ideas:theme-delete': command({ input: IdeasById, output: returns<null>() }),
		'ideas:move': command({ input: IdeasMove, output: returns<null>() }),
		'ideas:merge': command({ input: IdeasMerge, output: returns<null>() }),
		'ideas:hide': command({ input: IdeasById, output: returns<null>() }),
		'ideas:vote': command({ input: IdeasVote, output: returns<MyVotes>() }),
		'ideas:unvote': command({ input: IdeasVote, output: returns<MyVotes>() }),
		'ideas:my-votes': command({ input: IdeasMyVotes, output: returns<MyVotes>() })
	},
	events: emits<Record<never, never>>()
});
