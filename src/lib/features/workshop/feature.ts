/**
 * The workshop itself and its people: create, look up, join, resume, open as facilitator, rename.
 * Joining needs no password or puzzle (WCAG 3.3.8): a code, a link or a QR code.
 */
import * as v from 'valibot';
import { Id as Token, Text } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import { isJoinCode, normaliseJoinCode } from '../../shared/join-code.ts';
import {
	LANGUAGES,
	type FacilitatorWelcome,
	type ParticipantView,
	type ParticipantWelcome,
	type WorkshopPublic
} from '../../shared/workshop.ts';
import * as messages from './messages.ts';

const JoinCode = v.pipe(
	v.string(),
	v.maxLength(20),
	v.transform(normaliseJoinCode),
	v.check(isJoinCode, 'not a join code')
);

export const CreateWorkshop = v.strictObject({ title: Text, language: v.picklist(LANGUAGES) });
export const LookupWorkshop = v.strictObject({ code: JoinCode });
export const JoinWorkshop = v.strictObject({ code: JoinCode, name: Text, role: Text });
export const ResumeParticipant = v.strictObject({
	code: JoinCode,
	participantId: Token,
	participantKey: Token
});
export const OpenFacilitator = v.strictObject({ facilitatorKey: Token });
export const RenameWorkshop = v.strictObject({ title: Text });

export const workshop = defineFeature({
	name: 'workshop',
	docs: ['meta'],
	errors: [],
	messages,
	commands: {
		'workshop:create': command({
			input: CreateWorkshop,
			output: returns<{ facilitatorKey: string; code: string; workshopId: string }>()
		}),
		'workshop:lookup': command({ input: LookupWorkshop, output: returns<WorkshopPublic>() }),
		'participant:join': command({ input: JoinWorkshop, output: returns<ParticipantWelcome>() }),
		'participant:resume': command({
			input: ResumeParticipant,
			output: returns<ParticipantWelcome>()
		}),
		'facilitator:open': command({ input: OpenFacilitator, output: returns<FacilitatorWelcome>() }),
		'workshop:rename': command({ input: RenameWorkshop, output: returns<WorkshopPublic>() })
	},
	events: emits<{
		/** Everyone in a workshop: how many people are here. */
		presence: (here: { count: number }) => void;
		/** Facilitators only: the full list of people, with here/away. */
		participants: (list: ParticipantView[]) => void;
	}>()
});
