/**
 * The balance view's commands and events. Every figure here is for facilitators only: the view goes
 * to the facilitators' room, and a participant receives at most their own `balance:self` figures,
 * over their own connection, while the facilitator has the private self-view turned on.
 */
import * as v from 'valibot';
import { Empty, Id } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import * as messages from './messages.ts';
import type {
	BalanceStatus,
	BalanceSummary,
	FlagGate,
	FlagReason,
	SessionSummary,
	ShareLevel
} from './model.ts';

export const Invite = v.strictObject({ personId: Id });
export const SelfView = v.strictObject({ on: v.boolean() });

export interface BalanceViewPerson {
	personId: string;
	name: string;
	role: string;
	proxy: boolean;
	status: BalanceStatus;
	share: ShareLevel;
	reasons: FlagReason[];
	speakingNow: boolean;
	handUp: boolean;
	/** Whole session. */
	turns: number;
	timeMs: number;
	/** Share ratio r over the rolling 15 minutes: 1 is an equal share. */
	ratio: number;
	turnRatio: number;
}

export interface BalanceViewRole {
	role: string;
	people: number;
	peopleShare: number;
	/** Whole session shares of speaking time and turns. */
	timeShare: number;
	turnShare: number;
}

/** A gentle suggestion to the facilitator; at most one at a time. */
export type BalancePrompt = 'go-round' | 'invite' | null;

export interface BalanceView {
	at: number;
	people: BalanceViewPerson[];
	roles: BalanceViewRole[];
	summary: BalanceSummary;
	shareGate: FlagGate;
	sessionTimeMs: number;
	sessionTurns: number;
	goRoundRunning: boolean;
	prompt: BalancePrompt;
	selfView: boolean;
}

/** What one participant sees of themselves in the private self-view: nobody else's figures. */
export interface BalanceSelf {
	turns: number;
	timeMs: number;
	/** Their share of all speaking time in the session, 0–1. */
	timeShare: number;
	/** An equal share for the people here now (1 / N), 0–1. */
	equalShare: number;
}

export const balance = defineFeature({
	name: 'balance',
	docs: [],
	errors: [],
	messages,
	commands: {
		'balance:get': command({ input: Empty, output: returns<BalanceView>() }),
		'balance:invite': command({ input: Invite, output: returns<null>() }),
		'balance:selfView': command({ input: SelfView, output: returns<null>() }),
		'balance:summary': command({ input: Empty, output: returns<SessionSummary>() })
	},
	events: emits<{
		/** Facilitators only. */
		balance: (view: BalanceView) => void;
		/** One participant only, their own figures; null when the self-view is turned off. */
		'balance:self': (self: BalanceSelf | null) => void;
	}>()
});
