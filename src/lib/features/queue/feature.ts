/**
 * The speaking queue's commands (client to server), their payload schemas, and the display-ready
 * view the server writes into the workshop's 'queue' document. The view holds names, kinds, order,
 * the current speaker and the turn timer: never speaking stats, which are for facilitators only.
 */
import * as v from 'valibot';
import { Direction, Empty, Id, Text } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import { MAX_TURN_LENGTH_MS, MIN_EXTEND_MS, MIN_TURN_LENGTH_MS } from '../../shared/limits.ts';
import * as messages from './messages.ts';
import { WRITTEN_DISPLAYS, type WrittenDisplay } from '../inclusion/model.ts';
import {
	DEFAULT_TURN_LENGTH_MS,
	POINT_KINDS,
	QUEUE_POLICIES,
	type PointKind,
	type QueuePolicy
} from './model.ts';

const Kind = v.picklist(POINT_KINDS);
const TurnLength = v.pipe(
	v.number(),
	v.integer(),
	v.minValue(MIN_TURN_LENGTH_MS),
	v.maxValue(MAX_TURN_LENGTH_MS)
);
const Extension = v.pipe(
	v.number(),
	v.integer(),
	v.minValue(MIN_EXTEND_MS),
	v.maxValue(MAX_TURN_LENGTH_MS)
);

export const RaiseHand = v.strictObject({ kind: Kind });
export const ChangeKind = v.strictObject({ kind: Kind });
export const RaiseFor = v.strictObject({ personId: Id, kind: Kind });
export const PersonCommand = v.strictObject({ personId: Id });
export const MovePerson = v.strictObject({ personId: Id, direction: Direction });
export const SetPaused = v.strictObject({ paused: v.boolean() });
export const SetPolicy = v.strictObject({ policy: v.picklist(QUEUE_POLICIES) });
export const SetTurnLength = v.strictObject({ ms: TurnLength });
export const Extend = v.strictObject({ ms: Extension });
/** "Raise hand in writing": the text is checked by the inclusion rules, which give the reason. */
export const RaiseWritten = v.strictObject({
	kind: Kind,
	text: Text,
	display: v.picklist(WRITTEN_DISPLAYS)
});
export const ShowWritten = v.strictObject({ show: v.boolean() });
/** Names are checked by the text rules in the handler, which give the precise reason. */
export const AddProxy = v.strictObject({ name: Text, role: Text });

export type KindInput = { kind: PointKind };
export type PolicyInput = { policy: QueuePolicy };

export type QueueSource = 'queue' | 'go-round' | 'speaking-now';

/** One waiting hand, in speaking order. `seq` identifies this raise of the hand. */
export interface QueueViewHand {
	personId: string;
	name: string;
	kind: PointKind;
	seq: number;
	/** Raised in writing: the text is not here (facilitators receive it apart). */
	written?: true;
}

export interface QueueViewTurn {
	personId: string;
	name: string;
	kind: PointKind | null;
	startedAt: number;
	allowedMs: number;
	source: QueueSource;
	written?: true;
	/** Only once the facilitator shows it on the room screen; `name` null if the person chose so. */
	shownPoint?: { text: string; name: string | null };
}

/** Facilitators only: the written points waiting or being taken now, with names only where allowed. */
export interface WrittenPoint {
	/** null when the person chose "Show without my name". */
	name: string | null;
	text: string;
	display: WrittenDisplay;
	current: boolean;
	shown: boolean;
}

export interface QueueViewRound {
	/** Distinguishes rounds, so a new round's "your turn" is a new announcement. */
	id: number;
	order: { personId: string; name: string }[];
	position: number;
	done: { personId: string; outcome: 'spoke' | 'passed' }[];
}

/** Exactly what the server writes into the 'queue' document under the key 'view'. */
export interface QueueView {
	policy: QueuePolicy;
	paused: boolean;
	turnLengthMs: number;
	waiting: QueueViewHand[];
	current: QueueViewTurn | null;
	goRound: QueueViewRound | null;
}

export const QUEUE_VIEW_KEY = 'view';

/** What a reader shows before the server first writes a workshop's queue. */
export const EMPTY_QUEUE_VIEW: QueueView = {
	policy: 'round-robin',
	paused: false,
	turnLengthMs: DEFAULT_TURN_LENGTH_MS,
	waiting: [],
	current: null,
	goRound: null
};

export const queue = defineFeature({
	name: 'queue',
	docs: ['queue'],
	errors: [
		'already-raised',
		'not-in-queue',
		'queue-empty',
		'cannot-move',
		'queue-paused',
		'no-current-turn',
		'not-your-turn',
		'no-go-round',
		'unknown-person',
		'nobody-here'
	],
	messages,
	commands: {
		'queue:raise': command({ input: RaiseHand, output: returns<null>() }),
		'queue:lower': command({ input: Empty, output: returns<null>() }),
		'queue:kind': command({ input: ChangeKind, output: returns<null>() }),
		'queue:speak': command({ input: Empty, output: returns<null>() }),
		'queue:pass': command({ input: Empty, output: returns<null>() }),
		'queue:next': command({ input: Empty, output: returns<null>() }),
		'queue:end': command({ input: Empty, output: returns<null>() }),
		'queue:skip': command({ input: Empty, output: returns<null>() }),
		'queue:remove': command({ input: PersonCommand, output: returns<null>() }),
		'queue:move': command({ input: MovePerson, output: returns<null>() }),
		'queue:pause': command({ input: SetPaused, output: returns<null>() }),
		'queue:policy': command({ input: SetPolicy, output: returns<null>() }),
		'queue:turnLength': command({ input: SetTurnLength, output: returns<null>() }),
		'queue:extend': command({ input: Extend, output: returns<null>() }),
		'queue:raiseFor': command({ input: RaiseFor, output: returns<null>() }),
		'queue:passFor': command({ input: PersonCommand, output: returns<null>() }),
		'queue:speakingNow': command({ input: PersonCommand, output: returns<null>() }),
		'queue:goRound': command({ input: Empty, output: returns<null>() }),
		'queue:addProxy': command({ input: AddProxy, output: returns<{ personId: string }>() }),
		'queue:raiseWritten': command({ input: RaiseWritten, output: returns<null>() }),
		'queue:showWritten': command({ input: ShowWritten, output: returns<null>() }),
		'queue:written': command({ input: Empty, output: returns<WrittenPoint[]>() })
	},
	events: emits<{
		/** Facilitators only: written points, which never enter the queue document unless shown. */
		'queue:written': (points: WrittenPoint[]) => void;
	}>()
});
