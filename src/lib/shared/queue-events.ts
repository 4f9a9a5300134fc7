/**
 * The speaking queue's commands (client to server), their payload schemas, and the display-ready
 * view the server writes into the workshop's 'queue' document. The view holds names, kinds, order,
 * the current speaker and the turn timer: never speaking stats, which are for facilitators only.
 */
import * as v from 'valibot';
import type { Result } from './result.ts';
import {
	DEFAULT_TURN_LENGTH_MS,
	POINT_KINDS,
	QUEUE_POLICIES,
	type PointKind,
	type QueuePolicy
} from './queue.ts';

type Command<In, Out> = (payload: In, ack: (result: Result<Out>) => void) => void;

const PersonId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/));
const Kind = v.picklist(POINT_KINDS);
/** Names are checked by the text rules in the handler, which give the precise reason. */
const Text = v.pipe(v.string(), v.maxLength(10_000));
const Ms = v.pipe(v.number(), v.integer(), v.minValue(1_000), v.maxValue(3_600_000));

export const Empty = v.strictObject({});
export const RaiseHand = v.strictObject({ kind: Kind });
export const ChangeKind = v.strictObject({ kind: Kind });
export const RaiseFor = v.strictObject({ personId: PersonId, kind: Kind });
export const PersonCommand = v.strictObject({ personId: PersonId });
export const MovePerson = v.strictObject({
	personId: PersonId,
	direction: v.picklist(['up', 'down'])
});
export const SetPaused = v.strictObject({ paused: v.boolean() });
export const SetPolicy = v.strictObject({ policy: v.picklist(QUEUE_POLICIES) });
export const Duration = v.strictObject({ ms: Ms });
export const AddProxy = v.strictObject({ name: Text, role: Text });

export type EmptyInput = v.InferOutput<typeof Empty>;
export type KindInput = { kind: PointKind };
export type RaiseForInput = v.InferOutput<typeof RaiseFor>;
export type PersonInput = v.InferOutput<typeof PersonCommand>;
export type MoveInput = v.InferOutput<typeof MovePerson>;
export type PausedInput = v.InferOutput<typeof SetPaused>;
export type PolicyInput = { policy: QueuePolicy };
export type DurationInput = v.InferOutput<typeof Duration>;
export type AddProxyInput = v.InferOutput<typeof AddProxy>;

export type QueueSource = 'queue' | 'go-round' | 'speaking-now';

/** One waiting hand, in speaking order. `seq` identifies this raise of the hand. */
export interface QueueViewHand {
	personId: string;
	name: string;
	kind: PointKind;
	seq: number;
}

export interface QueueViewTurn {
	personId: string;
	name: string;
	kind: PointKind | null;
	startedAt: number;
	allowedMs: number;
	source: QueueSource;
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

export interface QueueCommands {
	'queue:raise': Command<KindInput, null>;
	'queue:lower': Command<EmptyInput, null>;
	'queue:kind': Command<KindInput, null>;
	'queue:speak': Command<EmptyInput, null>;
	'queue:pass': Command<EmptyInput, null>;
	'queue:next': Command<EmptyInput, null>;
	'queue:end': Command<EmptyInput, null>;
	'queue:skip': Command<EmptyInput, null>;
	'queue:remove': Command<PersonInput, null>;
	'queue:move': Command<MoveInput, null>;
	'queue:pause': Command<PausedInput, null>;
	'queue:policy': Command<PolicyInput, null>;
	'queue:turnLength': Command<DurationInput, null>;
	'queue:extend': Command<DurationInput, null>;
	'queue:raiseFor': Command<RaiseForInput, null>;
	'queue:passFor': Command<PersonInput, null>;
	'queue:speakingNow': Command<PersonInput, null>;
	'queue:goRound': Command<EmptyInput, null>;
	'queue:addProxy': Command<AddProxyInput, { personId: string }>;
}
