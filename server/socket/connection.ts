/**
 * One socket.io connection: who it is (a session), which rooms it is in, and the commands it may
 * send. Facilitator-only data goes to the facilitators' room and nowhere else.
 */
import { fail, ok } from '../../src/lib/shared/result.ts';
import * as schemas from '../../src/lib/shared/schemas.ts';
import type { ParticipantWelcome } from '../../src/lib/shared/workshop.ts';
import { TokenBucket } from '../rate-limit.ts';
import { toPublic } from '../workshops.ts';
import { registerAgenda } from './agenda.ts';
import { command, sessionFor, type RoundtableSocket, type Session } from './command.ts';
import { everyoneRoom, facilitatorsRoom, type ConnectionDeps } from './rooms.ts';
import { registerBalance } from './balance.ts';
import { registerQueue } from './queue.ts';
import { registerIdeas } from './ideas.ts';

/** Commands allowed in bursts of 30, refilled at 10 a second per connection. */
const BURST = 30;
const PER_SECOND = 10;

/**
 * Each feature registers its own commands on a connection (server/socket/<feature>.ts) and is listed
 * here, so this file stays about sessions and the workshop itself.
 */
const FEATURES: ((socket: RoundtableSocket, deps: ConnectionDeps) => void)[] = [
	registerAgenda,
	registerQueue,
	registerIdeas,
	registerBalance
];

export function handleConnection(socket: RoundtableSocket, deps: ConnectionDeps) {
	const { io, services } = deps;
	const { workshops, presence, tickets, log } = services;
	socket.data.session = null;
	socket.data.bucket = new TokenBucket(BURST, PER_SECOND);

	const broadcastPeople = async (workshopId: string) => {
		io.to(everyoneRoom(workshopId)).emit('presence', { count: presence.count(workshopId) });
		io.to(facilitatorsRoom(workshopId)).emit(
			'participants',
			await workshops.participantsView(workshopId)
		);
	};

	/** Moves this connection into a new session, leaving any earlier one cleanly. */
	const enter = async (session: Session) => {
		await leave();
		// A connection that dropped while we awaited must not be marked present: its disconnect
		// handler has already run. From here on everything is synchronous until the broadcast.
		if (socket.disconnected) return;
		socket.data.session = session;
		if (session.kind === 'participant') presence.arrive(session.workshopId, session.participantId);
		void socket.join(everyoneRoom(session.workshopId));
		if (session.kind === 'facilitator') void socket.join(facilitatorsRoom(session.workshopId));
		await broadcastPeople(session.workshopId);
	};

	const leave = async () => {
		const session = socket.data.session;
		if (!session) return;
		socket.data.session = null;
		await socket.leave(everyoneRoom(session.workshopId));
		await socket.leave(facilitatorsRoom(session.workshopId));
		if (session.kind === 'participant') presence.leave(session.workshopId, session.participantId);
		await broadcastPeople(session.workshopId);
	};

	socket.on('disconnect', () => void leave().catch(() => {}));

	command(socket, log, 'workshop:create', schemas.CreateWorkshop, async (input) => {
		const created = await workshops.create(input.title, input.language);
		if (!created.ok) return created;
		const { workshop, facilitatorKey } = created.data;
		log.info('workshop.created', { workshop: workshop.id });
		return ok({ facilitatorKey, code: workshop.code, workshopId: workshop.id });
	});

	command(socket, log, 'workshop:lookup', schemas.LookupWorkshop, async ({ code }) => {
		const found = await workshops.lookup(code);
		return found ? ok(found) : fail('not-found', 'No workshop has this join code.', 'code');
	});

	const welcome = async (
		workshop: Parameters<typeof toPublic>[0],
		participant: { id: string; name: string; role: string },
		participantKey: string
	): Promise<ParticipantWelcome> => {
		await enter({ kind: 'participant', workshopId: workshop.id, participantId: participant.id });
		return {
			workshop: toPublic(workshop),
			workshopId: workshop.id,
			participantId: participant.id,
			participantKey,
			name: participant.name,
			role: participant.role,
			here: presence.count(workshop.id),
			yjsTicket: tickets.issue(workshop.id, [])
		};
	};

	command(socket, log, 'participant:join', schemas.JoinWorkshop, async ({ code, name, role }) => {
		const joined = await workshops.join(code, name, role);
		if (!joined.ok) return joined;
		log.info('participant.joined', { workshop: joined.data.workshop.id });
		return ok(await welcome(joined.data.workshop, joined.data.participant, joined.data.key));
	});

	command(socket, log, 'participant:resume', schemas.ResumeParticipant, async (input) => {
		const resumed = await workshops.resume(input.code, input.participantId, input.participantKey);
		if (!resumed.ok) return resumed;
		return ok(await welcome(resumed.data.workshop, resumed.data.participant, input.participantKey));
	});

	command(socket, log, 'facilitator:open', schemas.OpenFacilitator, async ({ facilitatorKey }) => {
		const workshop = await workshops.byFacilitatorKey(facilitatorKey);
		// Nothing about any workshop is revealed for a wrong key.
		if (!workshop) return fail('link-not-valid', 'This link is not valid.');
		await enter({ kind: 'facilitator', workshopId: workshop.id });
		const origin = socket.handshake.headers.origin ?? null;
		const joinUrl = workshops.joinUrl(workshop.code, origin);
		return ok({
			workshop: toPublic(workshop),
			workshopId: workshop.id,
			participants: await workshops.participantsView(workshop.id),
			joinPath: workshops.joinPath(workshop.code),
			joinUrl,
			qrSvg: joinUrl ? await workshops.qrSvg(joinUrl) : null,
			yjsTicket: tickets.issue(workshop.id, ['agenda'], 'facilitator')
		});
	});

	command(socket, log, 'workshop:rename', schemas.RenameWorkshop, async ({ title }) => {
		const session = sessionFor(socket, 'facilitator');
		if (!session.ok) return session;
		const workshop = await workshops.workshopById(session.data.workshopId);
		if (!workshop) return fail('not-found', 'This workshop no longer exists.');
		const renamed = await workshops.rename(workshop, title);
		return renamed.ok ? ok(toPublic(renamed.data)) : renamed;
	});

	for (const register of FEATURES) register(socket, deps);
}
