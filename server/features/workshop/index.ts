/**
 * The workshop itself and its people: create, look up, join, resume, open as a facilitator,
 * rename. Whenever someone arrives or leaves, everyone hears the new head count and facilitators
 * the list of people; that list is facilitator-only.
 */
import { workshop } from '../../../src/lib/features/workshop/feature.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import type { ParticipantWelcome } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import type { CommandConnection } from '../types.ts';
import { defineServerFeature } from '../types.ts';
import { closingServer } from '../closing/index.ts';
import { toPublic } from '../../workshops.ts';
import type { ParticipantRecord, WorkshopRecord } from '../../storage/types.ts';

/** Tells a workshop's people who is here; other features call it when they add someone. */
export class People {
	#core: CoreServices;

	constructor(core: CoreServices) {
		this.#core = core;
		core.presence.onChange((workshopId) => void this.announce(workshopId));
	}

	async announce(workshopId: string) {
		const { publish, presence, workshops, log } = this.#core;
		publish.everyone(workshopId, 'presence', { count: presence.count(workshopId) });
		try {
			publish.facilitators(
				workshopId,
				'participants',
				await workshops.participantsView(workshopId)
			);
		} catch (e) {
			log.error('people.announce-failed', { workshop: workshopId, reason: (e as Error).message });
		}
	}
}

export const workshopServer = defineServerFeature({
	feature: workshop,
	create: (core) => new People(core),
	handlers(people, core, use) {
		const { workshops, presence, tickets, log } = core;

		const welcome = async (
			connection: CommandConnection,
			w: WorkshopRecord,
			participant: ParticipantRecord,
			participantKey: string
		): Promise<ParticipantWelcome> => {
			await connection.enter({
				kind: 'participant',
				workshopId: w.id,
				participantId: participant.id
			});
			return {
				workshop: toPublic(w),
				workshopId: w.id,
				participantId: participant.id,
				participantKey,
				name: participant.name,
				role: participant.role,
				here: presence.count(w.id),
				yjsTicket: tickets.issue(w.id, [])
			};
		};

		return {
			'workshop:create': {
				who: 'anyone',
				async run(input) {
					const created = await workshops.create(input.title, input.language);
					if (!created.ok) return created;
					const { workshop: w, facilitatorKey } = created.data;
					log.info('workshop.created', { workshop: w.id });
					return ok({ facilitatorKey, code: w.code, workshopId: w.id });
				}
			},
			'workshop:lookup': {
				who: 'anyone',
				async run({ code }) {
					const found = await workshops.lookup(code);
					return found ? ok(found) : fail('not-found', 'No workshop has this join code.', 'code');
				}
			},
			'participant:join': {
				who: 'anyone',
				async run({ code, name, role }, { connection }) {
					// A closed workshop takes nobody new (those who joined may still resume, to read it).
					const known = await core.storage.workshopByCode(code);
					const refusal = known && (await use(closingServer).refusesJoin(known.id));
					if (refusal) return refusal;
					const joined = await workshops.join(code, name, role);
					if (!joined.ok) return joined;
					log.info('participant.joined', { workshop: joined.data.workshop.id });
					const { workshop: w, participant, key } = joined.data;
					return ok(await welcome(connection, w, participant, key));
				}
			},
			'participant:resume': {
				who: 'anyone',
				async run(input, { connection }) {
					const resumed = await workshops.resume(
						input.code,
						input.participantId,
						input.participantKey
					);
					if (!resumed.ok) return resumed;
					const { workshop: w, participant } = resumed.data;
					return ok(await welcome(connection, w, participant, input.participantKey));
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
			}
		};
	}
});
