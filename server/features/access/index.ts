/**
 * Access needs on the server. Each answer is stored under its person (so they can change it and,
 * if they chose, be named); what leaves the server is only the facilitators' summary, which names
 * nobody who chose "only as a count", and each person's own answer back to them.
 */
import { access } from '../../../src/lib/features/access/feature.ts';
import {
	checkAccessNeeds,
	noAccessNeeds,
	summariseAccessNeeds,
	type AccessNeeds,
	type AccessSummary
} from '../../../src/lib/features/access/model.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { TEXT_MESSAGES } from '../../../src/lib/shared/text.ts';
import type { CoreServices } from '../../core.ts';
import { PerWorkshop } from '../../serial.ts';
import { defineServerFeature, type FeatureService } from '../types.ts';

const FEATURE = 'access';
const PERSON = 'person:';

const MESSAGES = {
	'bad-input': 'Something in that request was not right.',
	'invalid-need': 'That is not one of the choices.',
	'invalid-visibility': 'Please choose how the facilitator should see this.'
} as const;

export class AccessBook implements FeatureService {
	#core: CoreServices;
	#books = new Map<string, Map<string, AccessNeeds>>();
	#lanes = new PerWorkshop();

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async #book(workshopId: string): Promise<Map<string, AccessNeeds>> {
		let book = this.#books.get(workshopId);
		if (book) return book;
		const stored = await this.#core.storage.records(workshopId, FEATURE, PERSON);
		book = this.#books.get(workshopId);
		if (book) return book;
		book = new Map(
			stored.map((r) => [r.key.slice(PERSON.length), JSON.parse(r.value) as AccessNeeds])
		);
		this.#books.set(workshopId, book);
		return book;
	}

	/** In the workshop's lane, so an answer saved just before is what comes back. */
	mine(workshopId: string, personId: string): Promise<AccessNeeds> {
		return this.#lanes.run(
			workshopId,
			async () => (await this.#book(workshopId)).get(personId) ?? noAccessNeeds()
		);
	}

	set(workshopId: string, personId: string, needs: AccessNeeds): Promise<void> {
		return this.#lanes.run(workshopId, async () => {
			const book = await this.#book(workshopId);
			await this.#core.storage.write([
				{
					kind: 'put',
					workshopId,
					feature: FEATURE,
					key: PERSON + personId,
					value: JSON.stringify(needs)
				}
			]);
			// Memory changes only after the write has committed.
			book.set(personId, needs);
		});
	}

	/** The facilitators' list: counts, names only where allowed, notes in an order of their own. */
	async summary(workshopId: string): Promise<AccessSummary> {
		const book = await this.#book(workshopId);
		const people = await this.#core.workshops.participantsView(workshopId);
		const names = new Map(people.map((p) => [p.id, p.name]));
		return summariseAccessNeeds(
			[...book].map(([personId, a]) => ({ personId, name: names.get(personId) ?? '', access: a }))
		);
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => void this.#books.delete(workshopId));
	}

	holds(workshopId: string): boolean {
		return this.#books.has(workshopId);
	}
}

export const accessServer = defineServerFeature({
	feature: access,
	create: (core) => new AccessBook(core),
	handlers: (book, { publish }) => ({
		'access:set': {
			who: 'participant',
			rate: { lane: 'access', burst: 12, perSecond: 2 },
			async run(input, { session }) {
				const checked = checkAccessNeeds(input);
				if (!checked.ok) {
					const code = checked.code;
					const message =
						code === 'too-long' || code === 'control-characters'
							? TEXT_MESSAGES[code]
							: MESSAGES[code];
					return fail(code, message, checked.field);
				}
				await book.set(session.workshopId, session.participantId, checked.value);
				publish.facilitators(
					session.workshopId,
					'access:summary',
					await book.summary(session.workshopId)
				);
				return ok(checked.value);
			}
		},
		'access:mine': {
			who: 'participant',
			run: async (_input, { session }) =>
				ok(await book.mine(session.workshopId, session.participantId))
		},
		'access:list': {
			who: 'facilitator',
			run: async (_input, { session }) => ok(await book.summary(session.workshopId))
		}
	})
});
