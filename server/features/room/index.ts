/**
 * The room screen: anyone with the join code may open it, as the code is on the wall anyway. Its
 * Yjs ticket is read-only everywhere, and open editing never widens it.
 */
import { room } from '../../../src/lib/features/room/feature.ts';
import { isJoinCode, normaliseJoinCode } from '../../../src/lib/shared/join-code.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { toPublic } from '../../workshops.ts';
import { defineServerFeature, NO_SERVICE } from '../types.ts';

export const roomServer = defineServerFeature({
	feature: room,
	create: () => NO_SERVICE,
	handlers: (_service, { storage, workshops, tickets }) => ({
		'room:open': {
			who: 'anyone',
			async run({ code }, { connection }) {
				const normalised = normaliseJoinCode(code);
				const w = isJoinCode(normalised) ? await storage.workshopByCode(normalised) : null;
				if (!w) return fail('not-found', 'No workshop has this join code.', 'code');
				const joinUrl = workshops.joinUrl(w.code, connection.origin);
				return ok({
					workshop: toPublic(w),
					workshopId: w.id,
					yjsTicket: tickets.issue(w.id, [], 'room'),
					joinPath: workshops.joinPath(w.code),
					joinUrl,
					qrSvg: joinUrl ? await workshops.qrSvg(joinUrl) : null
				});
			}
		}
	})
});
