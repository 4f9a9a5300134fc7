/**
 * The workshop itself and its people: create, look up, join, resume, open as facilitator, rename.
 * Joining needs no password or puzzle (WCAG 3.3.8): a code, a link or a QR code.
 */
import * as v from 'valibot';
import { Id as Token, object, Text } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import { isJoinCode, normaliseJoinCode } from '../../shared/join-code.ts';
import {
	LANGUAGES,
	type FacilitatorWelcome,
	type PeopleChange,
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
export const LockJoining = object({ locked: v.boolean() });
export const RemovePerson = object({ personId: Token });

export const workshop = defineFeature({
	name: 'workshop',
	docs: ['meta'],
	errors: ['too-many-guesses', 'too-many-workshops', 'workshop-full', 'joining-locked', 'removed'],
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
		'workshop:rename': command({ input: RenameWorkshop, output: returns<WorkshopPublic>() }),
		/** "Lock joining": new people are refused; people who joined before still come back. */
		'people:lock': command({ input: LockJoining, output: returns<{ locked: boolean }>() }),
		/** "Remove person": their hand goes, their connections are closed, they cannot come back. */
		'people:remove': command({ input: RemovePerson, output: returns<{ removed: string }>() })
	},
	events: emits<{
		/** Everyone in a workshop: how many people are here. */
		presence: (here: { count: number }) => void;
		/**
		 * Facilitators only: one change to the list of people (joined, left, changed or removed), so
		 * each arrival costs the same few bytes however many people are already there.
		 */
		people: (change: PeopleChange) => void;
		/** Facilitators only: whether new people may join. */
		joining: (state: { locked: boolean }) => void;
		/** One participant's own connections, just before they are closed: a facilitator removed them. */
		removed: (notice: { message: string }) => void;
	}>()
});
