/**
 * The agenda's server side: the protected actions (start, finish, add time, reorder, open editing)
 * for facilitators, and suggestions from participants. Suggestions are stored without the name of
 * who made them, and reach facilitators only, on the cadence (never at the moment they were made).
 */
import type * as Y from 'yjs';
import { agenda, type AgendaSuggestion } from '../../../src/lib/features/agenda/feature.ts';
import {
	addItem,
	checkItemTitle,
	checkParagraphs,
	extendItem,
	finishItem,
	itemsOf,
	MAX_ITEM_NOTES,
	MAX_OUTCOME,
	moveItem,
	readAgenda,
	setOpenEditing,
	startItem
} from '../../../src/lib/features/agenda/model.ts';
import {
	MAX_WAITING_SUGGESTIONS,
	MAX_WAITING_SUGGESTIONS_PER_PERSON
} from '../../../src/lib/shared/limits.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { TEXT_MESSAGES, type TextErrorCode } from '../../../src/lib/shared/text.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import { Cadence } from '../../cadence.ts';
import { DEFAULT_CADENCE_MS } from '../../config.ts';
import type { CoreServices } from '../../core.ts';
import { randomId } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import { defineServerFeature, type FeatureService } from '../types.ts';
import { agendaGuard } from './guard.ts';

const FEATURE = 'agenda';
const SUGGESTION = 'suggestion:';

interface StoredSuggestion extends AgendaSuggestion {
	/**
	 * The delivery it went out with (1, 2, …), so facilitators see batches in the order they came;
	 * absent while it waits for the next delivery. Within a batch the order is the random ids'.
	 */
	seq?: number;
}

const textError = (code: TextErrorCode, field: string) => fail(code, TEXT_MESSAGES[code], field);

const byDelivery = (a: StoredSuggestion, b: StoredSuggestion) =>
	(a.seq ?? Infinity) - (b.seq ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Suggestions waiting for a facilitator's decision, per workshop: stored, and held while in use.
 * A new one is stored before the participant is answered, and reaches the facilitators with the
 * next delivery on the cadence (server/cadence.ts), never at the moment it was made.
 */
export class SuggestionBox implements FeatureService {
	#core: CoreServices;
	#boxes = new Map<string, StoredSuggestion[]>();
	/**
	 * Who has which suggestions waiting, in memory only, for the per-person cap: never stored, so
	 * after a restart or an eviction the suggestions already waiting count against nobody.
	 */
	#by = new Map<string, Map<string, string>>();
	#lanes = new PerWorkshop();
	#cadence: Cadence;

	constructor(core: CoreServices) {
		this.#core = core;
		this.#cadence = new Cadence({
			name: 'agenda.suggestions',
			everyMs: core.config.cadenceMs ?? DEFAULT_CADENCE_MS,
			log: core.log,
			serial: (workshopId, fn) => this.#lanes.run(workshopId, fn),
			count: async (workshopId) =>
				(await this.#box(workshopId)).filter((s) => s.seq === undefined).length,
			release: (workshopId) => this.#deliver(workshopId)
		});
	}

	/** How often suggestions reach the facilitators; tests shorten it. */
	get everyMs(): number {
		return this.#cadence.everyMs;
	}
	set everyMs(ms: number) {
		this.#cadence.everyMs = ms;
	}

	async #box(workshopId: string): Promise<StoredSuggestion[]> {
		let box = this.#boxes.get(workshopId);
		if (!box) {
			const stored = await this.#core.storage.records(workshopId, FEATURE, SUGGESTION);
			box = stored.map((r) => JSON.parse(r.value) as StoredSuggestion).sort(byDelivery);
			this.#boxes.set(workshopId, box);
		}
		return box;
	}

	/** What facilitators see: only what has been delivered; no order number, no time, no author. */
	async list(workshopId: string): Promise<AgendaSuggestion[]> {
		return (await this.#box(workshopId))
			.filter((s) => s.seq !== undefined)
			.map(({ id, title, notes }) => ({ id, title, notes }));
	}

	#put(workshopId: string, s: StoredSuggestion) {
		return {
			kind: 'put' as const,
			workshopId,
			feature: FEATURE,
			key: SUGGESTION + s.id,
			value: JSON.stringify(s)
		};
	}

	/** Gives every waiting suggestion the next delivery number, then tells the facilitators. */
	async #deliver(workshopId: string): Promise<void> {
		const box = await this.#box(workshopId);
		const waiting = box.filter((s) => s.seq === undefined);
		if (waiting.length === 0) return;
		const seq = Math.max(0, ...box.map((s) => s.seq ?? 0)) + 1;
		await this.#core.storage.write(waiting.map((s) => this.#put(workshopId, { ...s, seq })));
		for (const s of waiting) s.seq = seq;
		box.sort(byDelivery);
		this.#core.publish.facilitators(workshopId, 'agenda:suggestions', await this.list(workshopId));
	}

	/** Delivers what waits now (tests use it instead of racing the cadence). */
	deliverNow(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, () => this.#deliver(workshopId));
	}

	/** Stores a person's suggestion; it reaches the facilitators with the next delivery. */
	add(
		workshopId: string,
		personId: string,
		suggestion: AgendaSuggestion
	): Promise<'added' | 'mine-full' | 'box-full'> {
		return this.#lanes.run(workshopId, async () => {
			const box = await this.#box(workshopId);
			const by = this.#by.get(workshopId) ?? new Map<string, string>();
			const cap =
				this.#core.config.caps?.suggestionsPerPerson ?? MAX_WAITING_SUGGESTIONS_PER_PERSON;
			const mine = [...by.values()].filter((p) => p === personId).length;
			// One person's own cap first: they cannot be the reason the box is full for the others.
			if (mine >= cap) return 'mine-full';
			if (box.length >= MAX_WAITING_SUGGESTIONS) return 'box-full';
			const stored: StoredSuggestion = { ...suggestion };
			await this.#core.storage.write([this.#put(workshopId, stored)]);
			// Memory changes only after the write has committed.
			box.push(stored);
			by.set(stored.id, personId);
			this.#by.set(workshopId, by);
			this.#cadence.waiting(workshopId);
			return 'added';
		});
	}

	/** Takes a delivered suggestion out of the box (the facilitator decided). */
	take(workshopId: string, id: string): Promise<AgendaSuggestion | null> {
		return this.#lanes.run(workshopId, async () => {
			const box = await this.#box(workshopId);
			const at = box.findIndex((s) => s.id === id && s.seq !== undefined);
			if (at < 0) return null;
			await this.#core.storage.write([
				{ kind: 'delete', workshopId, feature: FEATURE, key: SUGGESTION + id }
			]);
			const [{ title, notes }] = box.splice(at, 1);
			this.#by.get(workshopId)?.delete(id);
			return { id, title, notes };
		});
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => {
			this.#cadence.stop(workshopId);
			this.#boxes.delete(workshopId);
			this.#by.delete(workshopId);
		});
	}

	/** Suggestions stored before a restart but not yet delivered go out on the cadence. */
	resume(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => {
			if ((await this.#box(workshopId)).some((s) => s.seq === undefined)) {
				this.#cadence.waiting(workshopId);
			}
		});
	}

	holds(workshopId: string): boolean {
		return this.#boxes.has(workshopId) || this.#cadence.holds(workshopId);
	}

	async close() {
		this.#cadence.close();
	}
}

export const agendaServer = defineServerFeature({
	feature: agenda,
	create: (core) => new SuggestionBox(core),
	guards: () => ({ agenda: agendaGuard }),
	handlers(box, { rooms, log, publish, now }) {
		/** Runs a facilitator's edit on the workshop's agenda; false from `edit` means "not found". */
		const edit = async (workshopId: string, fn: (doc: Y.Doc) => boolean) => {
			let changed = false;
			await rooms.change(docName(workshopId, 'agenda'), (doc) => {
				changed = fn(doc);
			});
			return changed ? ok(null) : fail('not-found', 'That agenda item is not there any more.');
		};
		const publishSuggestions = async (workshopId: string) =>
			publish.facilitators(workshopId, 'agenda:suggestions', await box.list(workshopId));

		return {
			'agenda:add': {
				who: 'facilitator',
				async run(input, { session }) {
					const title = checkItemTitle(input.title);
					if (!title.ok) return textError(title.code, 'title');
					const notes = checkParagraphs(input.notes, MAX_ITEM_NOTES);
					if (!notes.ok) return textError(notes.code, 'notes');
					const itemId = randomId();
					let added = false;
					await rooms.change(docName(session.workshopId, 'agenda'), (doc) => {
						added = addItem(doc, {
							id: itemId,
							title: title.value,
							notes: notes.value,
							timeboxMinutes: input.timeboxMinutes
						});
					});
					return added ? ok({ itemId }) : fail('bad-input', 'The agenda is full.');
				}
			},
			'agenda:move': {
				who: 'facilitator',
				run: ({ itemId, direction }, { session }) =>
					edit(
						session.workshopId,
						(doc) => itemsOf(doc).has(itemId) && (moveItem(doc, itemId, direction) || true)
					)
			},
			'agenda:start': {
				who: 'facilitator',
				// The feature clock, not the machine's: tests and timers agree on "now".
				run: ({ itemId }, { session }) =>
					edit(session.workshopId, (doc) => startItem(doc, itemId, now()))
			},
			'agenda:finish': {
				who: 'facilitator',
				async run({ itemId, outcome }, { session }) {
					const checked = checkParagraphs(outcome, MAX_OUTCOME);
					if (!checked.ok) return textError(checked.code, 'outcome');
					return edit(session.workshopId, (doc) => finishItem(doc, itemId, checked.value));
				}
			},
			'agenda:extend': {
				who: 'facilitator',
				run: ({ itemId }, { session }) => edit(session.workshopId, (doc) => extendItem(doc, itemId))
			},
			'agenda:open-editing': {
				who: 'facilitator',
				async run({ open }, { session }) {
					const name = docName(session.workshopId, 'agenda');
					await rooms.change(name, (doc) => setOpenEditing(doc, open));
					// Takes effect on open connections at once: turning it off ends participants' writes now.
					await rooms.refreshAccess(name);
					log.info('agenda.open-editing', { workshop: session.workshopId, open });
					return ok(null);
				}
			},
			'agenda:suggest': {
				who: 'participant',
				async run(input, { session }) {
					const title = checkItemTitle(input.title);
					if (!title.ok) return textError(title.code, 'title');
					const notes = checkParagraphs(input.notes, MAX_ITEM_NOTES);
					if (!notes.ok) return textError(notes.code, 'notes');
					const added = await box.add(session.workshopId, session.participantId, {
						id: randomId(),
						title: title.value,
						notes: notes.value
					});
					if (added === 'mine-full') {
						return fail(
							'too-many-suggestions',
							'You have as many suggestions waiting as one person can have. Please wait until the facilitator decides on one.'
						);
					}
					if (added === 'box-full') {
						return fail(
							'suggestions-full',
							'The facilitator has many suggestions to look at. Please try again later.'
						);
					}
					// Not published now: the facilitators get it with the next delivery.
					return ok(null);
				}
			},
			'agenda:suggestions': {
				who: 'facilitator',
				run: async (_input, { session }) => ok(await box.list(session.workshopId))
			},
			'agenda:decide': {
				who: 'facilitator',
				async run({ suggestionId, accept }, { session }) {
					const suggestion = await box.take(session.workshopId, suggestionId);
					if (!suggestion) return fail('not-found', 'That suggestion is not there any more.');
					if (accept) {
						await rooms.change(docName(session.workshopId, 'agenda'), (doc) => {
							// New items get a default timebox the facilitator can change; 10 minutes is a common slot.
							if (!readAgenda(doc).items.some((i) => i.id === suggestion.id))
								addItem(doc, { ...suggestion, timeboxMinutes: 10 });
						});
					}
					await publishSuggestions(session.workshopId);
					return ok(null);
				}
			}
		};
	}
});
