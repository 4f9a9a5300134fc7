/**
 * What a feature's server side declares, and what it is given. A server feature names its shared
 * declaration, builds one service per server (with a lifecycle), and gives every declared command a
 * handler: who may send it, how often, and what it does. The mapped types below are what make a
 * half-registered feature fail the type check.
 */
import type {
	CommandOutputOf,
	CommandParsedOf,
	CommandSpec,
	FeatureSpec
} from '../../src/lib/shared/command.ts';
import type { Failure, Result } from '../../src/lib/shared/result.ts';
import type { ErrorCode } from '../../src/lib/features/index.ts';
import type { CoreServices } from '../core.ts';
import type { FacilitatorSession, ParticipantSession, Session } from '../socket/session.ts';
import type { DocGuard } from '../yjs/guards.ts';

/**
 * Who may send a command: anyone (even before joining), any member of a workshop, only a
 * participant, or only a facilitator. The edge refuses everyone else before the payload is read.
 */
export type Who = 'anyone' | 'member' | 'participant' | 'facilitator';

export type SessionFor<W extends Who> = W extends 'facilitator'
	? FacilitatorSession
	: W extends 'participant'
		? ParticipantSession
		: W extends 'member'
			? Session
			: Session | null;

/**
 * A command's own rate limit, on top of the overall one: per person for a participant (shared by
 * all their connections), per connection for everyone else.
 */
export interface Rate {
	/** Commands sharing a lane share one bucket (e.g. every hand toggle). */
	lane: string;
	burst: number;
	perSecond: number;
}

/** The one connection a command came from. */
export interface CommandConnection {
	/** The Origin header of the connection, for join links when PUBLIC_ORIGIN is unset. */
	readonly origin: string | null;
	/** The client's address, for limits per address (X-Forwarded-For only with TRUST_PROXY). */
	readonly address: string;
	/** Moves the connection into a session; false when it closed meanwhile. */
	enter(session: Session): Promise<boolean>;
}

export interface CommandContext<W extends Who> {
	session: SessionFor<W>;
	connection: CommandConnection;
}

export type Reply<C> = Result<CommandOutputOf<C>, ErrorCode>;

export type Handler<C extends CommandSpec> = {
	[W in Who]: {
		who: W;
		rate?: Rate;
		/**
		 * Whether it may still run once a feature has closed the workshop to commands (see
		 * `FeatureService.refuses`): only reading, downloading the record and deleting do.
		 */
		whileClosed?: boolean;
		run(input: CommandParsedOf<C>, ctx: CommandContext<W>): Promise<Reply<C>> | Reply<C>;
	};
}[Who];

export type Handlers<F extends FeatureSpec> = {
	[K in keyof F['commands']]: Handler<F['commands'][K]>;
};

/** Failures a handler may answer with: only codes the registry knows (so each has words). */
export type CommandFailure = Failure<ErrorCode>;

/**
 * A feature's per-server state may have a lifecycle: memory is dropped by `evict`, and `close` runs
 * once at shutdown. A service with neither holds nothing of its own.
 */
export interface FeatureService {
	/** The workshop has had no connection for a while: write out and drop what is held for it. */
	evict?(workshopId: string): Promise<void>;
	/**
	 * Someone connected to a workshop nobody was connected to (after a restart, or after it was
	 * evicted): pick up work left pending, such as a batch of ideas waiting to be published.
	 */
	resume?(workshopId: string): Promise<void>;
	/** Whether anything of the workshop is held in memory now (for tests and the operator). */
	holds?(workshopId: string): boolean;
	close?(): Promise<void>;
	/**
	 * A refusal for every command to this workshop (unless its handler says `whileClosed`), or null.
	 * The closing feature uses it to make a closed workshop read-only for everyone, at one place.
	 */
	refuses?(workshopId: string): Promise<Failure<ErrorCode> | null>;
	/**
	 * Whether no connection may change any document of this workshop, whatever its kind and its own
	 * guard say (the closing feature: a closed workshop is read-only through Yjs too). Answered
	 * without waiting; `prepareWrites` is awaited before each document connection is attached, so
	 * what the answer needs is in memory by then.
	 */
	refusesWrites?(workshopId: string): boolean;
	prepareWrites?(workshopId: string): Promise<void>;
}

/** Looks up another feature's service (for example the balance view reads the queue's). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any feature's declaration
export type UseService = <S extends object>(feature: ServerFeature<any, S>) => S;

export interface ServerFeature<F extends FeatureSpec, S extends object = object> {
	feature: F;
	create(core: CoreServices, use: UseService): S;
	handlers(service: S, core: CoreServices, use: UseService): Handlers<F>;
	/** Checks for the feature's documents that clients may write directly. */
	guards?: (service: S, core: CoreServices) => { [K in F['docs'][number]]?: DocGuard };
}

export function defineServerFeature<F extends FeatureSpec, S extends object>(
	spec: ServerFeature<F, S>
): ServerFeature<F, S> {
	return spec;
}

/** A feature with nothing to hold. */
export const NO_SERVICE: FeatureService = Object.freeze({});
