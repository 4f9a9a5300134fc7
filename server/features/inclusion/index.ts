/** Inclusion's server side: nothing of its own yet (written turns go through the queue). */
import { inclusion } from '../../../src/lib/features/inclusion/feature.ts';
import { defineServerFeature, NO_SERVICE } from '../types.ts';

export const inclusionServer = defineServerFeature({
	feature: inclusion,
	create: () => NO_SERVICE,
	handlers: () => ({})
});
