/** The idea board's socket.io commands. Replies go only to the sender; nothing is broadcast. */
import type { Result } from './result.ts';
import type {
	IdeasAddInput,
	IdeasAdvanceInput,
	IdeasByIdInput,
	IdeasEditInput,
	IdeasMergeInput,
	IdeasMoveInput,
	IdeasSetupInput,
	IdeasThemeCreateInput,
	IdeasThemeRenameInput,
	IdeasWithdrawInput
} from './ideas-schemas.ts';

type Command<In, Out> = (payload: In, ack: (result: Result<Out>) => void) => void;

/** A voter's own dots: sent to that voter's own connection only. */
export interface MyVotes {
	left: number;
	mine: Record<string, number>;
}

export interface IdeasCommands {
	'ideas:setup': Command<IdeasSetupInput, null>;
	/** Returns the proof that lets this device (and nobody else) edit or withdraw the idea. */
	'ideas:add': Command<IdeasAddInput, { id: string; proof: string }>;
	'ideas:edit': Command<IdeasEditInput, null>;
	'ideas:withdraw': Command<IdeasWithdrawInput, null>;
	'ideas:advance': Command<IdeasAdvanceInput, null>;
	'ideas:theme-create': Command<IdeasThemeCreateInput, { id: string }>;
	'ideas:theme-rename': Command<IdeasThemeRenameInput, null>;
	'ideas:theme-delete': Command<IdeasByIdInput, null>;
	'ideas:move': Command<IdeasMoveInput, null>;
	'ideas:merge': Command<IdeasMergeInput, null>;
	'ideas:hide': Command<IdeasByIdInput, null>;
	'ideas:vote': Command<IdeasByIdInput, MyVotes>;
	'ideas:unvote': Command<IdeasByIdInput, MyVotes>;
	'ideas:my-votes': Command<Record<string, never>, MyVotes>;
}
