/**
 * Actions on the server: one stored list per workshop, written to the 'actions' document everyone
 * reads. Owners must be here when they are chosen (people without a device always are); an owner
 * who left later stays an owner. Only a facilitator or the action's own owner marks it done.
 */
import { actions, type ActionsView } from '../../../src/lib/features/actions/feature.ts';
import * as a from '../../../src/lib/features/actions/model.ts';
import type { ErrorCode } from '../../../src/lib/features/index.ts';
import { fail, ok, type Failure, type Result } from '../../../src/lib/shared/result.ts';
import { TEXT_MESSAGES } from '../../../src/lib/shared/text.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { randomId } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import { defineServerFeature, type FeatureService } from '../types.ts';

const FEATURE = 'actions';
const LIST_KEY = 'list';
const VIEW_KEY = 'view';

const MESSAGES: Record<a.ActionErrorCode, string> = {
	'bad-input': 'That was not understood.',
	empty: TEXT_MESSAGES.empty,
	'too-long': TEXT_MESSAGES['too-long'],
	'control-characters': TEXT_MESSAGES['control-characters'],
	'invalid-id': 'That action is not there.',
	'invalid-time': 'The server clock is wrong.',
	duplicate: 'That action is already there.',
	'too-many': 'This workshop has as many actions as it can hold.',
	'no-owner': 'Please choose at least one person.',
	'too-many-owners': 'Please choose up to 10 people.',
	'unknown-person': 'That person is not here.',
	'no-such-item': 'That action is not there any more.',
	unchanged: 'Nothing changed: it was already like that.',
	'invalid-date': 'Please give a real date.',
	'date-in-past': 'That date has already passed.',
	'date-too-far': 'That date is too far away.'
};

function modelFailure(e: a.ActionError) {
	const code: ErrorCode =
		e.code === 'no-such-item'
			? 'not-found'
			: e.code === 'invalid-id' ||
				  e.code === 'invalid-time' ||
				  e.code === 'duplicate' ||
				  e.code === 'too-many'
				? 'bad-input'
				: e.code;
	return fail(code, MESSAGES[e.code], e.field);
}

export class ActionLists implements FeatureService {
	#core: CoreServices;
	#lists = new Map<string, a.Action[]>();
	#lanes = new PerWorkshop();

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async list(workshopId: string): Promise<a.Action[]> {
		let list = this.#lists.get(workshopId);
		if (!list) {
			const [row] = await this.#core.storage.records(workshopId, FEATURE, LIST_KEY);
			list = row ? (JSON.parse(row.value) as a.Action[]) : [];
			this.#lists.set(workshopId, list);
		}
		return list;
	}

	/** Runs one change of the model; stored first, then memory and the document. */
	change(
		workshopId: string,
		fn: (list: a.Action[], present: string[], today: string) => a.ActionsResult | Failure<ErrorCode>
	): Promise<Result<null, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const list = await this.list(workshopId);
			const present = (await this.#core.workshops.participantsView(workshopId))
				.filter((p) => p.here)
				.map((p) => p.id);
			const today = new Date(this.#core.now()).toISOString().slice(0, 10);
			const result = fn(list, present, today);
			if (!result.ok) return 'error' in result ? result : modelFailure(result);
			await this.#core.storage.write([
				{
					kind: 'put',
					workshopId,
					feature: FEATURE,
					key: LIST_KEY,
					value: JSON.stringify(result.state)
				}
			]);
			this.#lists.set(workshopId, result.state);
			await this.#publish(workshopId, result.state);
			return ok(null);
		});
	}

	async #publish(workshopId: string, list: a.Action[]) {
		const people = await this.#core.storage.participants(workshopId);
		const names = new Map(people.map((p) => [p.id, p.name]));
		const view: ActionsView = {
			actions: list.map(({ id, what, owners, due, done }) => ({
				id,
				what,
				owners: owners.map((o) => ({ id: o, name: names.get(o) ?? '' })),
				due,
				done
			}))
		};
		await this.#core.rooms.change(docName(workshopId, 'actions'), (doc) => {
			doc.getMap('actions').set(VIEW_KEY, view);
		});
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => void this.#lists.delete(workshopId));
	}

	holds(workshopId: string): boolean {
		return this.#lists.has(workshopId);
	}
}

export const actionsServer = defineServerFeature({
	feature: actions,
	create: (core) => new ActionLists(core),
	handlers(lists, core) {
		const add = async (workshopId: string, input: a.ActionInput) => {
			const id = randomId();
			const done = await lists.change(workshopId, (list, present, today) =>
				a.addAction(list, id, input, present, today, core.now())
			);
			return done.ok ? ok({ id }) : done;
		};
		return {
			'actions:add': {
				who: 'facilitator',
				run: (input, { session }) => add(session.workshopId, input)
			},
			'actions:take': {
				who: 'participant',
				run: ({ what, due }, { session }) =>
					add(session.workshopId, { what, due, owners: [session.participantId] })
			},
			'actions:edit': {
				who: 'facilitator',
				run: ({ id, ...input }, { session }) =>
					lists.change(session.workshopId, (list, present, today) =>
						a.editAction(list, id, input, present, today)
					)
			},
			'actions:remove': {
				who: 'facilitator',
				run: ({ id }, { session }) =>
					lists.change(session.workshopId, (list) => a.removeAction(list, id))
			},
			'actions:done': {
				who: 'member',
				run: ({ id, done }, { session }) =>
					lists.change(session.workshopId, (list) => {
						const action = list.find((x) => x.id === id);
						if (
							action &&
							session.kind === 'participant' &&
							!action.owners.includes(session.participantId)
						) {
							return fail('not-allowed', 'Only the people doing an action can mark it done.');
						}
						return a.setActionDone(list, id, done);
					})
			}
		};
	}
});
