/** Written hands in the pure queue rules: the point travels with the hand to its turn. */
import { describe, expect, it } from 'vitest';
import {
	createQueueState,
	nextSpeaker,
	raiseHand,
	showWrittenPoint,
	speakingNow,
	type QueueState
} from './model.ts';

const ANN = 'ann-000000000000000';
const BOB = 'bob-000000000000000';
const point = { text: 'Please send the notes in large print.', display: 'without-name' as const };

function ok(r: { ok: boolean; state?: QueueState }): QueueState {
	expect(r.ok).toBe(true);
	return r.state!;
}

describe('written hands', () => {
	it('keep their point when given the floor, and only a written turn can be shown', () => {
		let s = ok(raiseHand(createQueueState(), ANN, 'new', 1000, point));
		s = ok(raiseHand(s, BOB, 'new', 2000));
		expect(s.hands[0].written).toEqual(point);
		expect(s.hands[1]).not.toHaveProperty('written');
		const first = nextSpeaker(s, {}, 3000);
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect(first.state.current).toMatchObject({ personId: ANN, written: point, shown: false });
		const shown = ok(showWrittenPoint(first.state, true));
		expect(shown.current?.shown).toBe(true);
		expect(showWrittenPoint(shown, true)).toEqual({ ok: false, code: 'unchanged' });
		const second = nextSpeaker(shown, {}, 4000);
		expect(second.ok && second.state.current?.personId).toBe(BOB);
		if (!second.ok) return;
		expect(second.state.current).not.toHaveProperty('written');
		expect(showWrittenPoint(second.state, true)).toEqual({ ok: false, code: 'no-current-turn' });
	});

	it('keep their point when the facilitator invites the person to speak now', () => {
		const s = ok(raiseHand(createQueueState(), ANN, 'reply', 1000, point));
		const now = speakingNow(s, ANN, 2000);
		expect(now.ok && now.state.current?.written).toEqual(point);
	});
});
