/**
 * The room screen: anyone with the join code may open it, as the code is on the wall anyway. Its
 * Yjs ticket is read-only everywhere, and open editing never widens it. The code is looked up
 * through the guard against guessing, a connection asking again gets its live ticket back, and an
 * address may open only so many room screens an hour, so tickets cannot be piled up.
 */
import { room } from '../../../src/lib/features/room/feature.ts';
import { isJoinCode, normaliseJoinCode } from '../../../src/lib/shared/join-code.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { TICKET_TTL_MS } from '../../tickets.ts';
import { toPublic } from '../../workshops.ts';
import { found } from '../workshop/index.ts';
import { defineServerFeature, type CommandConnection } from '../types.ts';

/** A live ticket is handed out again while it has at least this long left. */
const REUSE_MS = TICKET_TTL_MS / 2;

/** The room screen ticket each connection holds, per workshop (gone with the connection). */
class RoomScreens {
	readonly held = new WeakMap<CommandConnection, Map<string, string>>();
}

export const roomServer = defineServerFeature({
	feature: room,
	create: () => new RoomScreens(),
	handlers: (screens, { workshops, tickets, limits, now }) => ({
		'room:open': {
			who: 'anyone',
			async run({ code }, { connection }) {
				const normalised = normaliseJoinCode(code);
				if (!isJoinCode(normalised)) {
					return fail('not-found', 'No workshop has this join code.', 'code');
				}
				const w = found(await workshops.byCode(limits.codes, connection.address, normalised));
				if (!w.ok) return w.failure;
				const { id } = w.workshop;
				let own = screens.held.get(connection);
				const live = own?.get(id);
				const held = live ? tickets.check(live) : null;
				let yjsTicket: string;
				if (live && held && held.expiresAt - now() >= REUSE_MS) yjsTicket = live;
				else if (!limits.roomScreens.take(connection.address)) {
					return fail(
						'too-many-room-screens',
						'Too many room screens were opened from here in the last hour. Please use one that is open, or try again later.'
					);
				} else {
					yjsTicket = tickets.issue(id, [], 'room');
					if (!own) screens.held.set(connection, (own = new Map()));
					own.set(id, yjsTicket);
				}
				const joinUrl = workshops.joinUrl(w.workshop.code, connection.origin);
				return ok({
					workshop: toPublic(w.workshop),
					workshopId: id,
					yjsTicket,
					joinPath: workshops.joinPath(w.workshop.code),
					joinUrl,
					qrSvg: joinUrl ? await workshops.qrSvg(joinUrl) : null
				});
			}
		}
	})
});
