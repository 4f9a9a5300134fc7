/**
 * The workshop itself and its people: create, look up, join, resume, open as a facilitator,
 * rename, "Lock joining" and "Remove person". Whenever someone arrives or leaves, everyone hears
 * the new head count, and facilitators hear that one change to their list of people (never the
 * whole list again: each arrival costs the same few bytes however many are already there).
 *
 * Every lookup by join code goes through the guard against guessing codes, per address. A
 * connection that has joined a workshop and joins it again gets the same person back, so one
 * device cannot become many people (and cast many people's votes) by joining again.
 */
import { workshop } from '../../../src/lib/features/workshop/feature.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import type { ParticipantWelcome, PeopleChange } from '../../../src/lib/shared/workshop.ts';
import type { Guess } from '../../code-guesses.ts';
import type { CoreServices } from '../../core.ts';
import { minutesFrom } from '../../limits.ts';
import { closingServer } from '../closing/index.ts';
import type { ParticipantRecord, WorkshopRecord } from '../../storage/types.ts';
import { toPublic } from '../../workshops.ts';
import type { CommandConnection, CommandFailure, FeatureService } from '../types.ts';
import { defineServerFeature } from '../types.ts';

/** How long arrivals are gathered before everyone hears the new head count. */
const COUNT_COALESCE_MS = 250;

/** Who a connection joined as, with the key the device holds (kept in memory, never logged). */
interface Joined {
	workshopId: string;
	participantId: string;
	key: string;
}

type RemovedListener = (workshopId: string, personId: string) => Promise<unknown>;

/** Tells a workshop's people who is here; other features call it when they add someone. */
export class People implements FeatureService {
	#core: CoreServices;
	#removedListeners: RemovedListener[] = [];
	/** Workshops whose head count is about to be sent (arrivals in a burst share one message). */
	#counting = new Map<string, ReturnType<typeof setTimeout>>();
	/** Whom each connection joined or resumed as, per workshop, so joining again returns them. */
	readonly joined = new WeakMap<CommandConnection, Map<string, Joined>>();

	constructor(core: CoreServices) {
		this.#core = core;
		core.presence.onChange((workshopId, personId, here) => {
			this.#countSoon(workshopId);
			void this.announce(workshopId, personId, here ? 'joined' : 'left');
		});
	}

	/**
	 * Everyone hears the head count, at most once per COUNT_COALESCE_MS: when a room of 500 joins
	 * at once, one message each rather than 500 each.
	 */
	#countSoon(workshopId: string) {
		if (this.#counting.has(workshopId)) return;
		const timer = setTimeout(() => {
			this.#counting.delete(workshopId);
			const { publish, presence } = this.#core;
			publish.everyone(workshopId, 'presence', { count: presence.count(workshopId) });
		}, COUNT_COALESCE_MS);
		this.#counting.set(workshopId, timer);
	}

	async close() {
		for (const timer of this.#counting.values()) clearTimeout(timer);
		this.#counting.clear();
	}

	/** Sends facilitators one change about one person (after they joined, left or were added). */
	async announce(
		workshopId: string,
		personId: string,
		change: 'joined' | 'left' | 'changed' = 'joined'
	) {
		const { publish, workshops, log } = this.#core;
		try {
			const person = await workshops.participantView(workshopId, personId);
			if (person) publish.facilitators(workshopId, 'people', { change, person });
		} catch (e) {
			log.error('people.announce-failed', { workshop: workshopId, reason: (e as Error).message });
		}
	}

	/** Another feature's clean-up for a removed person (the queue takes their hand down). */
	onRemoved(listener: RemovedListener) {
		this.#removedListeners.push(listener);
	}

	async remove(workshopId: string, personId: string): Promise<ParticipantRecord | null> {
		const { workshops, tickets, rooms, publish } = this.#core;
		const person = await workshops.removePerson(workshopId, personId);
		if (!person) return null;
		for (const listener of this.#removedListeners) await listener(workshopId, personId);
		publish.endPerson(workshopId, personId, 'removed', {
			message: 'A facilitator removed you from this workshop.'
		});
		await rooms.closeTickets(
			workshopId,
			tickets.revokePerson(workshopId, personId),
			'removed from the workshop'
		);
		const change: PeopleChange = { change: 'removed', id: personId };
		publish.facilitators(workshopId, 'people', change);
		return person;
	}

	async evict(workshopId: string) {
		this.#core.workshops.forget(workshopId);
	}

	holds(workshopId: string) {
		return this.#core.workshops.holds(workshopId);
	}
}

/** The clear refusal for an address that has tried too many wrong codes. */
export function tooManyGuesses(retryAfterSeconds: number): CommandFailure {
	const minutes = minutesFrom(retryAfterSeconds);
	return fail(
		'too-many-guesses',
		`Too many join codes were tried from here. Please wait ${minutes} minute${minutes === 1 ? '' : 's'}, then check the code and try again.`,
		'code'
	);
}

const NOT_FOUND = fail('not-found', 'No workshop has this join code.', 'code');

/** A code lookup's answer as a command result: the workshop, or why not. */
export function found(
	guess: Guess<WorkshopRecord>
): { ok: true; workshop: WorkshopRecord } | { ok: false; failure: CommandFailure } {
	if (guess.refused) return { ok: false, failure: tooManyGuesses(guess.retryAfterSeconds) };
	return guess.found ? { ok: true, workshop: guess.found } : { ok: false, failure: NOT_FOUND };
}

export const workshopServer = defineServerFeature({
	feature: workshop,
	create: (core) => new People(core),
	handlers(people, core, use) {
		const { workshops, presence, tickets, log, limits, publish } = core;

		const welcome = async (
			connection: CommandConnection,
			w: WorkshopRecord,
			participant: ParticipantRecord,
			participantKey: string
		): Promise<ParticipantWelcome> => {
			const entered = await connection.enter({
				kind: 'participant',
				workshopId: w.id,
				participantId: participant.id
			});
			if (entered) {
				let own = people.joined.get(connection);
				if (!own) people.joined.set(connection, (own = new Map()));
				own.set(w.id, { workshopId: w.id, participantId: participant.id, key: participantKey });
			}
			return {
				workshop: toPublic(w),
				workshopId: w.id,
				participantId: participant.id,
				participantKey,
				name: participant.name,
				role: participant.role,
				here: presence.count(w.id),
				yjsTicket: tickets.issue(w.id, [], 'participant', participant.id)
			};
		};

		const byCode = async (connection: CommandConnection, code: string) =>
			found(await workshops.byCode(limits.codes, connection.address, code));

		return {
			'workshop:create': {
				who: 'anyone',
				async run(input, { connection }) {
					if (!limits.workshopsCreated.take(connection.address)) {
						return fail(
							'too-many-workshops',
							'Too many workshops were started from here in the last hour. Please try again later.'
						);
					}
					const created = await workshops.create(input.title, input.language);
					if (!created.ok) return created;
					const { workshop: w, facilitatorKey } = created.data;
					log.info('workshop.created', { workshop: w.id });
					return ok({ facilitatorKey, code: w.code, workshopId: w.id });
				}
			},
			'workshop:lookup': {
				who: 'anyone',
				async run({ code }, { connection }) {
					const w = await byCode(connection, code);
					return w.ok ? ok(toPublic(w.workshop)) : w.failure;
				}
			},
			'participant:join': {
				who: 'anyone',
				async run({ code, name, role }, { connection }) {
					const w = await byCode(connection, code);
					if (!w.ok) return w.failure;
					// Joined here already: the same person again, not a new one.
					const before = people.joined.get(connection)?.get(w.workshop.id);
					if (before) {
						const again = await workshops.resume(w.workshop, before.participantId, before.key);
						if (!again.ok) return again;
						return ok(await welcome(connection, w.workshop, again.data.participant, before.key));
					}
					// A closed workshop takes nobody new (those who joined may still resume, to read it).
					const refusal = await use(closingServer).refusesJoin(w.workshop.id);
					if (refusal) return refusal;
					const joined = await workshops.join(w.workshop, name, role);
					if (!joined.ok) return joined;
					log.info('participant.joined', { workshop: w.workshop.id });
					const { participant, key } = joined.data;
					return ok(await welcome(connection, w.workshop, participant, key));
				}
			},
			'participant:resume': {
				who: 'anyone',
				async run(input, { connection }) {
					const w = await byCode(connection, input.code);
					if (!w.ok) return w.failure;
					const resumed = await workshops.resume(
						w.workshop,
						input.participantId,
						input.participantKey
					);
					if (!resumed.ok) return resumed;
					return ok(
						await welcome(connection, w.workshop, resumed.data.participant, input.participantKey)
					);
				}
			},
			'facilitator:open': {
				who: 'anyone',
				async run({ facilitatorKey }, { connection }) {
					const w = await workshops.byFacilitatorKey(facilitatorKey);
					// Nothing about any workshop is revealed for a wrong key.
					if (!w) return fail('link-not-valid', 'This link is not valid.');
					await connection.enter({ kind: 'facilitator', workshopId: w.id });
					const joinUrl = workshops.joinUrl(w.code, connection.origin);
					return ok({
						workshop: toPublic(w),
						workshopId: w.id,
						participants: await workshops.participantsView(w.id),
						joiningLocked: await workshops.joiningLocked(w.id),
						joinPath: workshops.joinPath(w.code),
						joinUrl,
						qrSvg: joinUrl ? await workshops.qrSvg(joinUrl) : null,
						yjsTicket: tickets.issue(w.id, ['agenda'], 'facilitator')
					});
				}
			},
			'workshop:rename': {
				who: 'facilitator',
				async run({ title }, { session }) {
					const w = await workshops.workshopById(session.workshopId);
					if (!w) return fail('not-found', 'This workshop no longer exists.');
					const renamed = await workshops.rename(w, title);
					return renamed.ok ? ok(toPublic(renamed.data)) : renamed;
				}
			},
			'people:lock': {
				who: 'facilitator',
				async run({ locked }, { session }) {
					await workshops.setJoiningLocked(session.workshopId, locked);
					publish.facilitators(session.workshopId, 'joining', { locked });
					log.info('people.joining', { workshop: session.workshopId, locked });
					return ok({ locked });
				}
			},
			'people:remove': {
				who: 'facilitator',
				async run({ personId }, { session }) {
					const removed = await people.remove(session.workshopId, personId);
					if (!removed)
						return fail('not-found', 'That person is not in this workshop.', 'personId');
					log.info('people.removed', { workshop: session.workshopId });
					return ok({ removed: personId });
				}
			}
		};
	}
});
