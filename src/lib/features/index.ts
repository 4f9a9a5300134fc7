/**
 * The one registry of features, shared by the server and the browser. Everything that used to be
 * listed by hand in several places is derived from it: the socket.io event maps, the error codes,
 * the message catalogue and the kinds of shared document. A feature is added here once; the
 * server's registry (server/features/index.ts) is typed against this one, so a feature without a
 * server side, or a command without a handler, does not compile.
 */
import type {
	CommandInputOf,
	CommandOutputOf,
	CommandSpec,
	FeatureSpec
} from '../shared/command.ts';
import type { PluralForms } from '../shared/plural.ts';
import {
	CORE_ERROR_CODES,
	type CommandError as AnyCommandError,
	type Result as AnyResult
} from '../shared/result.ts';
import { actions } from './actions/feature.ts';
import { access } from './access/feature.ts';
import { agenda } from './agenda/feature.ts';
import { decisions } from './decisions/feature.ts';
import { balance } from './balance/feature.ts';
import { closeout } from './closeout/feature.ts';
import { closing } from './closing/feature.ts';
import { ideas } from './ideas/feature.ts';
import { inclusion } from './inclusion/feature.ts';
import { queue } from './queue/feature.ts';
import { record } from './record/feature.ts';
import { room } from './room/feature.ts';
import { signals } from './signals/feature.ts';
import { workshop } from './workshop/feature.ts';

export const features = {
	workshop,
	agenda,
	queue,
	ideas,
	balance,
	room,
	decisions,
	actions,
	closeout,
	record,
	closing,
	signals,
	access,
	inclusion
} as const;

export type Features = typeof features;
export type FeatureName = keyof Features;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
	x: infer I
) => void
	? I
	: never;

/** Every command of every feature, by name. */
export type Commands = UnionToIntersection<Features[FeatureName]['commands']>;
export type CommandName = keyof Commands & string;
export type CommandInput<K extends CommandName> = CommandInputOf<Commands[K]>;
export type CommandOutput<K extends CommandName> = CommandOutputOf<Commands[K]>;

export type ErrorCode = (typeof CORE_ERROR_CODES)[number] | Features[FeatureName]['errors'][number];

export const ERROR_CODES: readonly ErrorCode[] = [
	...CORE_ERROR_CODES,
	...Object.values(features).flatMap((f: FeatureSpec) => f.errors as readonly ErrorCode[])
];

/** A command's reply, with any error code of the registry. */
export type Result<T> = AnyResult<T, ErrorCode>;
export type CommandError = AnyCommandError<ErrorCode>;

/** Client to server: every command carries an acknowledgement that receives a Result. */
export type ClientToServerEvents = {
	[K in CommandName]: (
		payload: CommandInput<K>,
		ack: (result: Result<CommandOutput<K>>) => void
	) => void;
};

/** Server to client: the events every feature declared. */
export type ServerToClientEvents = UnionToIntersection<Features[FeatureName]['events']>;

export type DocKind = Features[FeatureName]['docs'][number];
export const DOC_KINDS: readonly DocKind[] = Object.values(features).flatMap(
	(f: FeatureSpec) => f.docs as readonly DocKind[]
);

/** The command declarations by name, for the server's edge and the generic tests. */
export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = Object.assign(
	{},
	...Object.values(features).map((f: FeatureSpec) => f.commands)
);

type English = UnionToIntersection<Features[FeatureName]['messages']['en']>;
export type MessageKey = keyof English & string;

/** The message catalogue: every string the interface shows, in English and Welsh. */
export const catalogue = {
	en: Object.assign({}, ...Object.values(features).map((f) => f.messages.en)) as Record<
		MessageKey,
		string
	>,
	cy: Object.assign({}, ...Object.values(features).map((f) => f.messages.cy)) as Record<
		MessageKey,
		string
	>
};

/** Every error code has a message in both languages; this fails to compile when one is missing. */
type MissingErrorMessages = Exclude<`error.${ErrorCode}`, MessageKey>;
export const everyErrorHasAMessage: MissingErrorMessages extends never
	? true
	: MissingErrorMessages = true;

type Optional = {
	easyEn?: Record<string, string>;
	easyCy?: Record<string, string>;
	enCounted?: Record<string, PluralForms>;
	cyCounted?: Record<string, PluralForms>;
	easyEnCounted?: Record<string, PluralForms>;
	easyCyCounted?: Record<string, PluralForms>;
};
const optional = Object.values(features).map((f) => f.messages as Optional);
const merged = <T>(pick: (m: Optional) => Record<string, T> | undefined): Record<string, T> =>
	Object.assign({}, ...optional.map((m) => pick(m) ?? {}));

/**
 * Easy-read words (R24), by language: only keys that have an easy-read version; everything else
 * falls back to the ordinary words (facilitator-only strings need none).
 */
export const easyCatalogue: Record<'en' | 'cy', Partial<Record<MessageKey, string>>> = {
	en: merged((m) => m.easyEn),
	cy: merged((m) => m.easyCy)
};

/** Counted messages: a set of plural forms per key, chosen by Intl.PluralRules (Welsh has six). */
export const countedCatalogue = {
	en: merged((m) => m.enCounted),
	cy: merged((m) => m.cyCounted),
	easyEn: merged((m) => m.easyEnCounted),
	easyCy: merged((m) => m.easyCyCounted)
};
