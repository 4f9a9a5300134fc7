/**
 * The room screen: a read-only view for a projector. Anyone holding the join code may open it (the
 * code is on the wall anyway); its Yjs ticket is read-only everywhere and open editing never widens it.
 */
import * as v from 'valibot';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import type { WorkshopPublic } from '../../shared/workshop.ts';
import * as messages from './messages.ts';

export const RoomOpen = v.strictObject({ code: v.pipe(v.string(), v.maxLength(20)) });

/** What a room screen needs: a read-only ticket and the way in for people in the room. */
export interface RoomWelcome {
	workshop: WorkshopPublic;
	workshopId: string;
	yjsTicket: string;
	joinPath: string;
	joinUrl: string | null;
	qrSvg: string | null;
}

export const room = defineFeature({
	name: 'room',
	docs: [],
	errors: ['too-many-room-screens'],
	messages,
	commands: {
		'room:open': command({ input: RoomOpen, output: returns<RoomWelcome>() })
	},
	events: emits<Record<never, never>>()
});
