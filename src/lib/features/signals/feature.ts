/**
 * Signals' commands, events and document. A tap is a command so the server alone counts it; the
 * counts go to facilitators on fixed ticks, and to the room screen's document only while the
 * facilitator chooses. Nothing here carries who tapped: not the event, not the document.
 */
import { Empty } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as messages from './messages.ts';
import type { OwnSignalView, Signal, SignalCounts } from './model.ts';
import { SignalSend, SignalsShowOnRoomScreen, SignalTakeBack } from './schemas.ts';

/** The sender's own buttons: "Sent" and "Take back", and when they may send again. */
export type OwnSignals = Record<Signal, OwnSignalView>;

/** What facilitators receive on each tick whose counts changed (or when they ask). */
export interface SignalsView {
	/** The publishing tick these counts are as of: a multiple of the cadence, never a tap's time. */
	at: number;
	counts: SignalCounts;
	/** "Need a break" is at or over the threshold for the people here now. */
	breakWanted: boolean;
	/** True on the one tick where the count first reached the threshold (say it once). */
	breakPrompt: boolean;
	showOnRoomScreen: boolean;
}

/** The room screen's copy, in the `signals` document, present only while the facilitator shares it. */
export interface RoomSignals {
	at: number;
	counts: SignalCounts;
}

/** Where the room screen's copy lives in the `signals` document. */
export const ROOM_SIGNALS_MAP = 'signals';
export const ROOM_SIGNALS_KEY = 'room';

export const signals = defineFeature({
	name: 'signals',
	docs: ['signals'],
	errors: ['too-soon', 'not-sent', 'invalid-signal'],
	messages,
	commands: {
		'signals:send': command({ input: SignalSend, output: returns<OwnSignals>() }),
		'signals:take-back': command({ input: SignalTakeBack, output: returns<OwnSignals>() }),
		'signals:mine': command({ input: Empty, output: returns<OwnSignals>() }),
		'signals:get': command({ input: Empty, output: returns<SignalsView>() }),
		'signals:show-on-room': command({ input: SignalsShowOnRoomScreen, output: returns<null>() })
	},
	events: emits<{
		/** Facilitators only, on a publishing tick. */
		'signals:counts': (view: SignalsView) => void;
	}>()
});
