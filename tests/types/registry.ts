/**
 * Type-level tests of the registries, checked by `npm run check` (svelte-check fails on an unused
 * `@ts-expect-error`, so each case below must really be an error). Nothing here runs.
 */
import * as v from 'valibot';
import { command, defineFeature, emits, returns } from '../../src/lib/shared/command.ts';
import { ok } from '../../src/lib/shared/result.ts';
import type { Features } from '../../src/lib/features/index.ts';
import { serverFeatures, type ServerFeatures } from '../../server/features/index.ts';
import { defineServerFeature, NO_SERVICE } from '../../server/features/types.ts';

const Ping = v.strictObject({ times: v.number() });
const demo = defineFeature({
	name: 'demo',
	docs: [],
	errors: [],
	messages: { en: {}, cy: {} },
	commands: {
		'demo:ping': command({ input: Ping, output: returns<{ pong: number }>() }),
		'demo:other': command({ input: v.strictObject({}), output: returns<null>() })
	},
	events: emits<Record<never, never>>()
});

// A feature whose every command has a handler of the right shape compiles.
export const complete = defineServerFeature({
	feature: demo,
	create: () => NO_SERVICE,
	handlers: () => ({
		'demo:ping': { who: 'participant', run: ({ times }) => ok({ pong: times }) },
		'demo:other': { who: 'facilitator', run: () => ok(null) }
	})
});

// 1. A declared command without a handler does not compile.
export const missingHandler = defineServerFeature({
	feature: demo,
	create: () => NO_SERVICE,
	// @ts-expect-error 'demo:other' has no handler
	handlers: () => ({
		'demo:ping': { who: 'participant', run: ({ times }) => ok({ pong: times }) }
	})
});

// 2. A handler whose input is not its command's schema does not compile.
export const mismatchedSchema = defineServerFeature({
	feature: demo,
	create: () => NO_SERVICE,
	handlers: () => ({
		'demo:ping': {
			who: 'participant',
			// @ts-expect-error the schema gives { times: number }, not { paused: boolean }
			run: (input: { paused: boolean }) => ok({ pong: input.paused ? 1 : 0 })
		},
		'demo:other': { who: 'facilitator', run: () => ok(null) }
	})
});

// 3. A handler replying with the wrong data does not compile either.
export const wrongReply = defineServerFeature({
	feature: demo,
	create: () => NO_SERVICE,
	handlers: () => ({
		// @ts-expect-error 'demo:ping' replies { pong: number }
		'demo:ping': { who: 'participant', run: () => ok({ ping: 'no' }) },
		'demo:other': { who: 'facilitator', run: () => ok(null) }
	})
});

// 4. A feature of the shared registry without a server side does not compile.
const { balance: _dropped, ...withoutBalance } = serverFeatures;
// @ts-expect-error the balance feature has no server side here
export const missingServerSide: ServerFeatures = withoutBalance;

// 5. A server side that names another feature's declaration does not compile.
export const swapped: ServerFeatures = {
	...serverFeatures,
	// @ts-expect-error the room feature's server side is not the queue's
	queue: serverFeatures.room
};

// The real registry is complete: every shared feature has its server side.
export const everyFeature: { [K in keyof Features]: unknown } = serverFeatures;
