/**
 * What a feature declares, shared by the server and the browser: its commands (each a payload
 * schema and the type of its reply), the events it sends, its error codes, its documents and its
 * messages. The schema is the single source of a command's input type; the socket.io event maps
 * are derived from these declarations in `src/lib/features/index.ts`, never written by hand.
 */
import type * as v from 'valibot';

export type AnySchema = v.GenericSchema<unknown, unknown>;

export interface CommandSpec<S extends AnySchema = AnySchema, Out = unknown> {
	readonly input: S;
	/** Type only: what a successful reply carries. */
	readonly output: Out;
}

/** A phantom value that carries a type and nothing else (it is `undefined` at run time). */
export function returns<T>(): T {
	return undefined as T;
}

export function command<S extends AnySchema, Out>(spec: CommandSpec<S, Out>): CommandSpec<S, Out> {
	return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any listener signature
export type EventMap = Record<string, (...args: any[]) => void>;

export type Catalogue = Record<string, string>;

export interface FeatureSpec {
	readonly name: string;
	readonly commands: Record<string, CommandSpec>;
	/** Type only: the server-to-client events the feature sends (see `emits`). */
	readonly events: EventMap;
	/** Error codes the feature's handlers may answer with (beyond the core ones). */
	readonly errors: readonly string[];
	/** Kinds of shared document the feature owns, as used in `/yjs/<workshop>.<kind>`. */
	readonly docs: readonly string[];
	readonly messages: { readonly en: Catalogue; readonly cy: Catalogue };
}

/** A phantom event map, like `returns` for commands. */
export function emits<E extends EventMap>(): E {
	return {} as E;
}

export function defineFeature<const F extends FeatureSpec>(feature: F): F {
	return feature;
}

export type CommandInputOf<C> = C extends CommandSpec<infer S> ? v.InferInput<S> : never;
export type CommandParsedOf<C> = C extends CommandSpec<infer S> ? v.InferOutput<S> : never;
export type CommandOutputOf<C> = C extends CommandSpec<AnySchema, infer O> ? O : never;
