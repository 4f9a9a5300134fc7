/**
 * The agenda's server side: the protected actions (start, finish, add time, reorder, open editing)
 * for facilitators, and suggestions from participants. Suggestions are stored without the name of
 * who made them, and reach facilitators only.
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
import { MAX_WAITING_SUGGESTIONS } from '../../../src/lib/shared/limits.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { TEXT_MESSAGES, type TextErrorCode } from '../../../src/lib/shared/text.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { randomId } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import { defineServerFeature, type FeatureService } from '../types.ts';
import { agendaGuard } from './guard.ts';

const FEATURE = 'agenda';
const SUGGESTION = 'suggestion:';

interface StoredSuggestion extends AgendaSuggestion {
	/** Arrival order among the waiting suggestions, so facilitators see them in the order made. */
	seq: number;
}

const textError = (code: TextErrorCode, field: string) => fail(code, TEXT_MESSAGES[code], field);

/** Suggestions waiting for a facilitator's decision, per workshop: stored, and held while in use. */
export class SuggestionBox implements FeatureService {
	#core: CoreServices;
	#boxes = new Map<string, StoredSuggestion[]>();
	#lanes = new PerWorkshop();

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async #box(workshopId: string): Promise<StoredSuggestion[]> {
		let box = this.#boxes.get(workshopId);
		if (!box) {
			const stored = await this.#core.storage.records(workshopId, FEATURE, SUGGESTION);
			box = stored
				.map((r) => JSON.parse(r.value) as StoredSuggestion)
				.sort((a, b) => a.seq - b.seq);
			this.#boxes.set(workshopId, box);
		}
		return box;
	}

	/** What facilitators see: no order number, no time, no author. */
	async list(workshopId: string): Promise<AgendaSuggestion[]> {
		return (await this.#box(workshopId)).map(({ id, title, notes }) => ({ id, title, notes }));
	}

	add(workshopId: string, suggestion: AgendaSuggestion): Promise<boolean> {
		return this.#lanes.run(workshopId, async () => {
			const box = await this.#box(workshopId);
			if (box.length >= MAX_WAITING_SUGGESTIONS) return false;
			const stored = { ...suggestion, seq: (box.at(-1)?.seq ?? 0) + 1 };
			await this.#core.storage.write([
				{
					kind: 'put',
					workshopId,
					feature: FEATURE,
					key: SUGGESTION + stored.id,
					value: JSON.stringify(stored)
				}
			]);
			// Memory changes only after the write has committed.
			box.push(stored);
			return true;
		});
	}

	take(workshopId: string, id: string): Promise<AgendaSuggestion | null> {
		return this.#lanes.run(workshopId, async () => {
			const box = await this.#box(workshopId);
			const at = box.findIndex((s) => s.id === id);
			if (at < 0) return null;
			await this.#core.storage.write([
				{ kind: 'delete', workshopId, feature: FEATURE, key: SUGGESTION + id }
			]);
			const [{ title, notes }] = box.splice(at, 1);
			return { id, title, notes };
		});
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => void this.#boxes.delete(workshopId));
	}

	holds(workshopId: string): boolean {
		return this.#boxes.has(workshopId);
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
					const added = await box.add(session.workshopId, {
						id: randomId(),
						title: title.value,
						notes: notes.value
					});
					if (!added) {
						return fail('too-fast', 'There are many suggestions waiting. Please try again later.');
					}
					await publishSuggestions(session.workshopId);
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
