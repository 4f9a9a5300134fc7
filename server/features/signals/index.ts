/**
 * Signals' handlers. Sending and taking back are a participant's; the counts and sharing them on
 * the room screen are a facilitator's. No handler logs a tap: a log line would carry its moment.
 */
import { signals } from '../../../src/lib/features/signals/feature.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { defineServerFeature } from '../types.ts';
import { SignalBoard, type TapOutcome } from './service.ts';

const MESSAGES = {
	'too-soon': 'You sent this less than a minute ago. You can send it again soon.',
	'not-sent': 'There is nothing to take back.',
	'invalid-signal': 'That signal is not one we know.',
	'invalid-time': 'Something went wrong on our side. Please try again.'
} as const;

const reply = (outcome: TapOutcome) => {
	if (outcome.ok) return ok(outcome.mine);
	if (outcome.code === 'invalid-time') return fail('server-error', MESSAGES['invalid-time']);
	return fail(outcome.code, MESSAGES[outcome.code]);
};

/** Tapping is cheap and people tap fast when upset; the per-signal minute rule is the real limit. */
const TAP_RATE = { lane: 'signals', burst: 8, perSecond: 2 };

export const signalsServer = defineServerFeature({
	feature: signals,
	create: (core) => new SignalBoard(core),
	handlers: (board, { log }) => ({
		'signals:send': {
			who: 'participant',
			rate: TAP_RATE,
			run: async ({ signal }, { session }) =>
				reply(await board.send(session.workshopId, session.participantId, signal))
		},
		'signals:take-back': {
			who: 'participant',
			rate: TAP_RATE,
			run: async ({ signal }, { session }) =>
				reply(await board.takeBack(session.workshopId, session.participantId, signal))
		},
		'signals:mine': {
			who: 'participant',
			run: async (_input, { session }) =>
				ok(await board.mine(session.workshopId, session.participantId))
		},
		'signals:get': {
			who: 'facilitator',
			run: async (_input, { session }) => ok(await board.view(session.workshopId))
		},
		'signals:show-on-room': {
			who: 'facilitator',
			async run({ show }, { session }) {
				if (!(await board.setShowOnRoomScreen(session.workshopId, show))) {
					return fail('unchanged', 'Nothing changed: it was already like that.');
				}
				log.info('signals.show-on-room', { workshop: session.workshopId, show });
				return ok(null);
			}
		}
	})
});
