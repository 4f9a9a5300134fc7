/**
 * Speaking queue commands. Participants raise, lower and change their own hand, and speak or pass
 * when the go-round reaches them; everything else is a facilitator's. Every change goes through
 * SpeakingQueues, which writes the queue document; nobody else writes it.
 */
import * as q from '../../src/lib/shared/queue.ts';
import * as schemas from '../../src/lib/shared/queue-events.ts';
import { fail, ok, type Result } from '../../src/lib/shared/result.ts';
import { TokenBucket } from '../rate-limit.ts';
import { SpeakingQueues, type QueueStep } from '../queue.ts';
import type { Services } from '../services.ts';
import { command, sessionFor, type RoundtableSocket } from './command.ts';
import { facilitatorsRoom, type ConnectionDeps } from './rooms.ts';

/** Hand toggles get their own, tighter limit: a flood of them would reorder everyone's screen. */
const HAND_BURST = 8;
const HAND_PER_SECOND = 2;

// One SpeakingQueues per server (its Services), without widening the shared Services type.
const queuesByServices = new WeakMap<Services, SpeakingQueues>();
const handBuckets = new WeakMap<RoundtableSocket, TokenBucket>();

export function queuesFor(services: Services): SpeakingQueues {
	let queues = queuesByServices.get(services);
	if (!queues) {
		queues = new SpeakingQueues(services.storage, services.rooms, services.now);
		queuesByServices.set(services, queues);
	}
	return queues;
}

const TOO_FAST = () =>
	fail<null>('too-fast', 'That was too fast. Please wait a moment and try again.');

export function registerQueue(socket: RoundtableSocket, deps: ConnectionDeps) {
	const { services, io } = deps;
	const { log, workshops } = services;
	const queues = queuesFor(services);
	handBuckets.set(socket, new TokenBucket(HAND_BURST, HAND_PER_SECOND));
	const handToggle = () => handBuckets.get(socket)!.take();

	/** A participant acting on their own hand. */
	const own = (
		step: (personId: string, now: number) => QueueStep,
		opts: { toggle?: boolean; pass?: boolean } = {}
	) => {
		const session = sessionFor(socket, 'participant');
		if (!session.ok) return Promise.resolve(session as Result<null>);
		if (opts.toggle && !handToggle()) return Promise.resolve(TOO_FAST());
		const { workshopId, participantId } = session.data;
		return queues.apply(
			workshopId,
			step(participantId, queues.now()),
			[],
			opts.pass ? { pass: participantId } : {}
		);
	};

	/** A facilitator's action, on the named people of the workshop. */
	const lead = (
		step: (now: number) => QueueStep,
		personIds: string[] = [],
		opts: { pass?: string } = {}
	) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return Promise.resolve(session as Result<null>);
		return queues.apply(session.data.workshopId, step(queues.now()), personIds, opts);
	};

	command(socket, log, 'queue:raise', schemas.RaiseHand, ({ kind }) =>
		own((id, now) => (s) => q.raiseHand(s, id, kind, now), { toggle: true })
	);
	command(socket, log, 'queue:lower', schemas.Empty, () =>
		own((id) => (s) => q.lowerHand(s, id), { toggle: true })
	);
	command(socket, log, 'queue:kind', schemas.ChangeKind, ({ kind }) =>
		own((id) => (s) => q.changeKind(s, id, kind), { toggle: true })
	);
	command(socket, log, 'queue:speak', schemas.Empty, () =>
		own((id, now) => (s) => q.goRoundSpeak(s, id, now))
	);
	command(socket, log, 'queue:pass', schemas.Empty, () =>
		own((id) => (s) => q.goRoundPass(s, id), { pass: true })
	);

	command(socket, log, 'queue:next', schemas.Empty, () =>
		lead((now) => (s, stats) => q.nextSpeaker(s, stats, now))
	);
	command(socket, log, 'queue:end', schemas.Empty, () =>
		lead((now) => (s) => q.endCurrentTurn(s, now))
	);
	command(socket, log, 'queue:skip', schemas.Empty, () =>
		lead(() => (s, stats) => q.skip(s, stats))
	);
	command(socket, log, 'queue:remove', schemas.PersonCommand, ({ personId }) =>
		lead(() => (s) => q.remove(s, personId), [personId])
	);
	command(socket, log, 'queue:move', schemas.MovePerson, ({ personId, direction }) =>
		lead(
			() => (s, stats) =>
				direction === 'up' ? q.moveUp(s, stats, personId) : q.moveDown(s, stats, personId),
			[personId]
		)
	);
	command(socket, log, 'queue:pause', schemas.SetPaused, ({ paused }) =>
		lead(() => (s) => q.setPaused(s, paused))
	);
	command(socket, log, 'queue:policy', schemas.SetPolicy, ({ policy }) =>
		lead(() => (s) => q.setPolicy(s, policy))
	);
	command(socket, log, 'queue:turnLength', schemas.Duration, ({ ms }) =>
		lead(() => (s) => q.setTurnLength(s, ms))
	);
	command(socket, log, 'queue:extend', schemas.Duration, ({ ms }) =>
		lead(() => (s) => q.extendTurn(s, ms))
	);
	command(socket, log, 'queue:raiseFor', schemas.RaiseFor, ({ personId, kind }) =>
		lead((now) => (s) => q.raiseHand(s, personId, kind, now), [personId])
	);
	command(socket, log, 'queue:passFor', schemas.PersonCommand, ({ personId }) =>
		lead(() => (s) => q.goRoundPass(s, personId), [personId], { pass: personId })
	);
	command(socket, log, 'queue:speakingNow', schemas.PersonCommand, ({ personId }) =>
		lead((now) => (s) => q.speakingNow(s, personId, now), [personId])
	);

	command(socket, log, 'queue:goRound', schemas.Empty, async () => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session as Result<null>;
		const { workshopId } = session.data;
		// Everyone present, in the order they joined: participants here and people without a device.
		const present = (await workshops.participantsView(workshopId))
			.filter((p) => p.here)
			.map((p) => p.id);
		if (present.length === 0) return fail('nobody-here', 'Nobody is here to take part.');
		return queues.apply(workshopId, (s) => q.startGoRound(s, present));
	});

	command(socket, log, 'queue:addProxy', schemas.AddProxy, async ({ name, role }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session as Result<{ personId: string }>;
		const { workshopId } = session.data;
		const workshop = await workshops.workshopById(workshopId);
		if (!workshop) return fail('not-found', 'This workshop no longer exists.');
		const added = await workshops.addProxy(workshop, name, role);
		if (!added.ok) return added;
		await queues.learnName(workshopId, added.data.id, added.data.name);
		io.to(facilitatorsRoom(workshopId)).emit(
			'participants',
			await workshops.participantsView(workshopId)
		);
		log.info('queue.proxy-added', { workshop: workshopId });
		return ok({ personId: added.data.id });
	});
}
