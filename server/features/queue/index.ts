/**
 * Speaking queue commands. Participants raise, lower and change their own hand, and speak or pass
 * when the go-round reaches them; everything else is a facilitator's. Every change goes through
 * SpeakingQueues, which writes the queue document; nobody else writes it.
 */
import { queue } from '../../../src/lib/features/queue/feature.ts';
import * as q from '../../../src/lib/features/queue/model.ts';
import { checkWrittenTurn } from '../../../src/lib/features/inclusion/model.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { TEXT_MESSAGES } from '../../../src/lib/shared/text.ts';
import { workshopServer } from '../workshop/index.ts';
import { defineServerFeature, type Rate } from '../types.ts';
import { SpeakingQueues, type QueueStep } from './service.ts';

/** Hand toggles get their own, tighter limit: a flood of them would reorder everyone's screen. */
const HAND: Rate = { lane: 'hand', burst: 8, perSecond: 2 };

export const queueServer = defineServerFeature({
	feature: queue,
	create(core) {
		const queues = new SpeakingQueues(core.storage, core.rooms, core.now);
		queues.onFailure((workshopId, e) =>
			core.log.error('queue.commit-failed', { workshop: workshopId, reason: e.message })
		);
		return queues;
	},
	handlers(queues, { workshops, log, publish }, use) {
		const people = use(workshopServer);
		// "Remove person": their hand and their place in the queue go with them.
		people.onRemoved((workshopId, personId) =>
			queues.apply(workshopId, (st) => q.remove(st, personId), [personId])
		);
		// Written points reach facilitators only, after every change of the queue.
		queues.onChange((workshopId) => {
			void queues
				.writtenPoints(workshopId)
				.then((points) => publish.facilitators(workshopId, 'queue:written', points));
		});
		/** A participant acting on their own hand. */
		const own = (
			workshopId: string,
			personId: string,
			step: (now: number) => QueueStep,
			opts: { pass?: boolean } = {}
		) => queues.apply(workshopId, step(queues.now()), [], opts.pass ? { pass: personId } : {});
		/** A facilitator's action, on the named people of the workshop. */
		const lead = (
			workshopId: string,
			step: (now: number) => QueueStep,
			personIds: string[] = [],
			opts: { pass?: string } = {}
		) => queues.apply(workshopId, step(queues.now()), personIds, opts);

		return {
			'queue:raise': {
				who: 'participant',
				rate: HAND,
				run: ({ kind }, { session: s }) =>
					own(
						s.workshopId,
						s.participantId,
						(now) => (st) => q.raiseHand(st, s.participantId, kind, now)
					)
			},
			'queue:lower': {
				who: 'participant',
				rate: HAND,
				run: (_input, { session: s }) =>
					own(s.workshopId, s.participantId, () => (st) => q.lowerHand(st, s.participantId))
			},
			'queue:kind': {
				who: 'participant',
				rate: HAND,
				run: ({ kind }, { session: s }) =>
					own(s.workshopId, s.participantId, () => (st) => q.changeKind(st, s.participantId, kind))
			},
			'queue:speak': {
				who: 'participant',
				run: (_input, { session: s }) =>
					own(
						s.workshopId,
						s.participantId,
						(now) => (st) => q.goRoundSpeak(st, s.participantId, now)
					)
			},
			'queue:pass': {
				who: 'participant',
				run: (_input, { session: s }) =>
					own(s.workshopId, s.participantId, () => (st) => q.goRoundPass(st, s.participantId), {
						pass: true
					})
			},
			'queue:next': {
				who: 'facilitator',
				run: (_input, { session }) =>
					lead(session.workshopId, (now) => (st, stats) => q.nextSpeaker(st, stats, now))
			},
			'queue:end': {
				who: 'facilitator',
				run: (_input, { session }) =>
					lead(session.workshopId, (now) => (st) => q.endCurrentTurn(st, now))
			},
			'queue:skip': {
				who: 'facilitator',
				run: (_input, { session }) =>
					lead(session.workshopId, () => (st, stats) => q.skip(st, stats))
			},
			'queue:remove': {
				who: 'facilitator',
				run: ({ personId }, { session }) =>
					lead(session.workshopId, () => (st) => q.remove(st, personId), [personId])
			},
			'queue:move': {
				who: 'facilitator',
				run: ({ personId, direction }, { session }) =>
					lead(
						session.workshopId,
						() => (st, stats) =>
							direction === 'up' ? q.moveUp(st, stats, personId) : q.moveDown(st, stats, personId),
						[personId]
					)
			},
			'queue:pause': {
				who: 'facilitator',
				run: ({ paused }, { session }) =>
					lead(session.workshopId, () => (st) => q.setPaused(st, paused))
			},
			'queue:policy': {
				who: 'facilitator',
				run: ({ policy }, { session }) =>
					lead(session.workshopId, () => (st) => q.setPolicy(st, policy))
			},
			'queue:turnLength': {
				who: 'facilitator',
				run: ({ ms }, { session }) =>
					lead(session.workshopId, () => (st) => q.setTurnLength(st, ms))
			},
			'queue:extend': {
				who: 'facilitator',
				run: ({ ms }, { session }) => lead(session.workshopId, () => (st) => q.extendTurn(st, ms))
			},
			'queue:raiseFor': {
				who: 'facilitator',
				run: ({ personId, kind }, { session }) =>
					lead(session.workshopId, (now) => (st) => q.raiseHand(st, personId, kind, now), [
						personId
					])
			},
			'queue:passFor': {
				who: 'facilitator',
				run: ({ personId }, { session }) =>
					lead(session.workshopId, () => (st) => q.goRoundPass(st, personId), [personId], {
						pass: personId
					})
			},
			'queue:speakingNow': {
				who: 'facilitator',
				run: ({ personId }, { session }) =>
					lead(session.workshopId, (now) => (st) => q.speakingNow(st, personId, now), [personId])
			},
			'queue:goRound': {
				who: 'facilitator',
				async run(_input, { session }) {
					const { workshopId } = session;
					// Everyone present, in the order they joined: participants here and people without a device.
					const present = (await workshops.participantsView(workshopId))
						.filter((p) => p.here)
						.map((p) => p.id);
					if (present.length === 0) return fail('nobody-here', 'Nobody is here to take part.');
					return queues.apply(workshopId, (st) => q.startGoRound(st, present));
				}
			},
			'queue:addProxy': {
				who: 'facilitator',
				async run({ name, role }, { session }) {
					const { workshopId } = session;
					const w = await workshops.workshopById(workshopId);
					if (!w) return fail('not-found', 'This workshop no longer exists.');
					const added = await workshops.addProxy(w, name, role);
					if (!added.ok) return added;
					await queues.learnName(workshopId, added.data.id, added.data.name);
					await people.announce(workshopId, added.data.id);
					log.info('queue.proxy-added', { workshop: workshopId });
					return ok({ personId: added.data.id });
				}
			},
			'queue:raiseWritten': {
				who: 'participant',
				rate: HAND,
				run({ kind, text, display }, { session: s }) {
					const written = checkWrittenTurn(text, display);
					if (!written.ok) {
						const code =
							written.code === 'too-long' ||
							written.code === 'empty' ||
							written.code === 'control-characters'
								? written.code
								: 'bad-input';
						return fail(code, TEXT_MESSAGES[code], 'text');
					}
					return own(
						s.workshopId,
						s.participantId,
						(now) => (st) => q.raiseHand(st, s.participantId, kind, now, written.state)
					);
				}
			},
			'queue:showWritten': {
				who: 'facilitator',
				run: ({ show }, { session }) =>
					lead(session.workshopId, () => (st) => q.showWrittenPoint(st, show))
			},
			'queue:written': {
				who: 'facilitator',
				run: async (_input, { session }) => ok(await queues.writtenPoints(session.workshopId))
			}
		};
	}
});
