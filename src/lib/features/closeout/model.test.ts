import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import {
	FELT_HEARD,
	LADDER,
	MAX_COMMENT,
	MIN_GROUP,
	checkFeedback,
	closeFeedback,
	createFeedbackRound,
	initialsOf,
	isNaming,
	openFeedback,
	OTHER_ROLES,
	recordName,
	roleBucket,
	submitFeedback,
	summariseFeedback,
	type FeedbackRound,
	type FeltHeard,
	type LadderRung
} from './model.ts';
import { en } from './messages.ts';
import * as s from './schemas.ts';

function open(): FeedbackRound {
	const r = openFeedback(createFeedbackRound());
	if (!r.ok) throw new Error('could not open');
	return r.state;
}

function close(round: FeedbackRound): FeedbackRound {
	const r = closeFeedback(round);
	if (!r.ok) throw new Error('could not close');
	return r.state;
}

type Row = {
	role: string | null;
	heard?: FeltHeard | null;
	ladder?: LadderRung | null;
	comment?: string | null;
};

function answered(rows: Row[]): FeedbackRound {
	let round = open();
	rows.forEach((row, i) => {
		const r = submitFeedback(round, `resp-${i}`, row.role, row);
		if (!r.ok) throw new Error(`refused: ${r.code}`);
		round = r.state;
	});
	return round;
}

function available(round: FeedbackRound) {
	const s = summariseFeedback(round);
	if (!s.available) throw new Error('not available');
	return s;
}

describe('checkFeedback', () => {
	it('each question may be skipped; the comment is tidied', () => {
		expect(checkFeedback({ heard: 'partly', comment: '  More time  please ' })).toEqual({
			ok: true,
			value: { heard: 'partly', ladder: null, comment: 'More time please' }
		});
		expect(checkFeedback({ ladder: 'co-designed', comment: '   ' })).toEqual({
			ok: true,
			value: { heard: null, ladder: 'co-designed', comment: null }
		});
	});

	it('an answer must say something', () => {
		expect(checkFeedback({})).toEqual({ ok: false, code: 'empty' });
		expect(checkFeedback({ heard: null, ladder: null, comment: '' })).toEqual({
			ok: false,
			code: 'empty'
		});
	});

	it('refuses unknown answers and bad comments', () => {
		expect(checkFeedback({ heard: 'maybe' })).toEqual({
			ok: false,
			code: 'invalid-answer',
			field: 'heard'
		});
		expect(checkFeedback({ ladder: 'tokenism' })).toEqual({
			ok: false,
			code: 'invalid-answer',
			field: 'ladder'
		});
		expect(checkFeedback({ heard: 'yes', comment: 'x'.repeat(MAX_COMMENT + 1) })).toMatchObject({
			code: 'too-long',
			field: 'comment'
		});
		expect(checkFeedback({ heard: 'yes', comment: 'a\u0000' })).toMatchObject({
			code: 'control-characters'
		});
		expect(checkFeedback({ heard: 'yes', comment: 3 })).toMatchObject({ code: 'bad-input' });
	});
});

describe('collecting feedback', () => {
	it('only while open; a person’s new answer replaces their old one', () => {
		expect(submitFeedback(createFeedbackRound(), 'k1', 'carer', { heard: 'yes' })).toEqual({
			ok: false,
			code: 'feedback-closed'
		});
		let round = open();
		for (const heard of ['no', 'yes'] as const) {
			const r = submitFeedback(round, 'k1', 'carer', { heard });
			if (!r.ok) throw new Error('refused');
			round = r.state;
		}
		expect(Object.keys(round.entries)).toEqual(['k1']);
		expect(round.entries.k1.heard).toBe('yes');
	});

	it('refuses bad respondents and roles; a key like __proto__ is only a key', () => {
		const round = open();
		expect(submitFeedback(round, '', 'carer', { heard: 'yes' })).toEqual({
			ok: false,
			code: 'invalid-respondent'
		});
		expect(submitFeedback(round, 'k', 'x'.repeat(121), { heard: 'yes' })).toMatchObject({
			code: 'bad-input'
		});
		const r = submitFeedback(round, '__proto__', 'carer', { heard: 'no' });
		expect(r.ok && Object.keys(r.state.entries)).toEqual(['__proto__']);
	});

	it('opening and closing twice is "unchanged"', () => {
		expect(closeFeedback(createFeedbackRound())).toEqual({ ok: false, code: 'unchanged' });
		expect(openFeedback(open())).toEqual({ ok: false, code: 'unchanged' });
	});
});

const KEY = 'Abcdefghijklmnop1234';

describe('roleBucket: the role group an answer is filed under', () => {
	it('a role with three or more people who could answer keeps its own group', () => {
		expect(roleBucket('carer', ['carer', 'carer', 'carer', 'professional'])).toBe('carer');
	});

	it('smaller roles are merged, and the merged group is dropped when it is under three too', () => {
		const roster = ['carer', 'carer', 'carer', 'professional', 'professional', 'lived-experience'];
		expect(roleBucket('professional', roster)).toBe(OTHER_ROLES);
		expect(roleBucket('lived-experience', roster)).toBe(OTHER_ROLES);
		const fewer = ['carer', 'carer', 'carer', 'professional', 'lived-experience'];
		expect(roleBucket('professional', fewer)).toBeNull();
		expect(roleBucket('lived-experience', fewer)).toBeNull();
		expect(roleBucket('carer', fewer)).toBe('carer');
		expect(roleBucket('carer', ['carer'])).toBeNull();
		expect(roleBucket('carer', [])).toBeNull();
	});

	it('never files an answer under a group of fewer than three people on the roster (property)', () => {
		const role = fc.constantFrom('a', 'b', 'c', 'd', 'e');
		fc.assert(
			fc.property(fc.array(role, { minLength: 1, maxLength: 20 }), (roster) => {
				for (const mine of roster) {
					const group = roleBucket(mine, roster);
					if (group === null) continue;
					const members = roster.filter((r) =>
						group === OTHER_ROLES ? roleBucket(r, roster) === OTHER_ROLES : r === group
					);
					expect(members).toContain(mine);
					expect(members.length).toBeGreaterThanOrEqual(MIN_GROUP);
				}
			})
		);
	});
});

describe('summariseFeedback', () => {
	it('while open, only how many answered: live totals would show each answer as it came', () => {
		const round = answered([{ role: 'carer', heard: 'no' }]);
		expect(summariseFeedback(round)).toEqual({ available: false, respondents: 1 });
	});

	it('overall figures need at least three answers to the question', () => {
		const two = available(
			close(
				answered([
					{ role: 'a', heard: 'yes' },
					{ role: 'a', heard: 'no', comment: 'c' }
				])
			)
		);
		expect(two.heard).toBeNull();
		expect(two.byRole).toEqual([]);
		expect(two.comments).toEqual([]);
		const three = available(
			close(
				answered([
					{ role: 'a', heard: 'yes' },
					{ role: 'a', heard: 'no' },
					{ role: 'a', heard: 'no', ladder: 'engaged' }
				])
			)
		);
		expect(three.heard).toEqual({ answered: 3, counts: { yes: 1, partly: 0, no: 2 } });
		expect(three.ladder).toBeNull();
	});

	it('by role only where at least three of that role answered, and never by subtraction', () => {
		const rows: Row[] = [
			...Array.from({ length: 4 }, () => ({ role: 'professional', heard: 'yes' as const })),
			...Array.from({ length: 3 }, () => ({ role: 'carer', heard: 'partly' as const })),
			{ role: 'lived-experience', heard: 'no' },
			{ role: 'lived-experience', heard: 'no' }
		];
		const sum = available(close(answered(rows)));
		expect(sum.heard).toEqual({ answered: 9, counts: { yes: 4, partly: 3, no: 2 } });
		// Two lived-experience answers are held back; showing both other roles would let anyone
		// subtract them from the total, so the smaller shown role (carers, 3) is held back too.
		expect(sum.byRole.map((r) => [r.role, r.heard?.answered])).toEqual([['professional', 4]]);
		expect(sum.rolesWithheld).toBe(true);
	});

	it('with every role large enough, every role shows', () => {
		const rows: Row[] = ['a', 'a', 'a', 'b', 'b', 'b'].map((role, i) => ({
			role,
			ladder: LADDER[i % LADDER.length]
		}));
		const sum = available(close(answered(rows)));
		expect(sum.byRole.map((r) => r.role)).toEqual(['a', 'b']);
		expect(sum.rolesWithheld).toBe(false);
		expect(sum.byRole[0].ladder?.answered).toBe(3);
		expect(sum.byRole[0].heard).toBeNull();
	});

	it('no shown figure ever covers fewer than three people, directly or by subtraction (property)', () => {
		// null: an answer filed with no role (its group was too small); it must not follow either.
		const role = fc.constantFrom('a', 'b', 'c', 'd', OTHER_ROLES, null);
		const heard = fc.option(fc.constantFrom(...FELT_HEARD), { nil: null });
		const ladder = fc.option(fc.constantFrom(...LADDER), { nil: null });
		fc.assert(
			fc.property(
				fc
					.array(fc.record({ role, heard, ladder }), { maxLength: 25 })
					.filter((rows) => rows.every((r) => r.heard !== null || r.ladder !== null)),
				(rows) => {
					const sum = available(close(answered(rows)));
					for (const [q, overall] of [
						['heard', sum.heard],
						['ladder', sum.ladder]
					] as const) {
						const shown = sum.byRole.flatMap((r) => (r[q] ? [r[q]!.answered] : []));
						for (const n of shown) expect(n).toBeGreaterThanOrEqual(MIN_GROUP);
						if (overall) {
							expect(overall.answered).toBeGreaterThanOrEqual(MIN_GROUP);
							const rest = overall.answered - shown.reduce((a, b) => a + b, 0);
							// Whatever is left over (the held-back roles together) is none or at least three.
							expect(rest === 0 || rest >= MIN_GROUP).toBe(true);
						} else {
							expect(shown).toEqual([]);
						}
					}
				}
			)
		);
	});

	it('answers filed with no role count overall, and hold back the roles they could be found from', () => {
		const rows: Row[] = [
			{ role: 'carer', heard: 'yes' },
			{ role: 'carer', heard: 'yes' },
			{ role: 'carer', heard: 'yes' },
			{ role: null, heard: 'no' }
		];
		const sum = available(close(answered(rows)));
		expect(sum.heard).toEqual({ answered: 4, counts: { yes: 3, partly: 0, no: 1 } });
		// Carers shown would give the one unfiled answer by subtraction.
		expect(sum.byRole).toEqual([]);
		expect(sum.rolesWithheld).toBe(true);
		const merged = available(
			close(
				answered([
					...rows.slice(0, 3),
					{ role: OTHER_ROLES, heard: 'no' },
					{ role: OTHER_ROLES, heard: 'partly' },
					{ role: OTHER_ROLES, heard: 'no' }
				])
			)
		);
		expect(merged.byRole.map((r) => r.role)).toEqual(['carer', OTHER_ROLES]);
		expect(merged.rolesWithheld).toBe(false);
	});

	it('comments are sorted, not in answer order, and carry no role', () => {
		const sum = available(
			close(
				answered([
					{ role: 'a', heard: 'yes', comment: 'Zebra crossing' },
					{ role: 'b', heard: 'no', comment: 'Apples' },
					{ role: 'a', heard: 'no' }
				])
			)
		);
		expect(sum.comments).toEqual(['Apples', 'Zebra crossing']);
	});

	it('names no respondent key', () => {
		const round = answered([
			{ role: 'a', heard: 'yes' },
			{ role: 'a', heard: 'no' },
			{ role: 'a', heard: 'partly' }
		]);
		expect(JSON.stringify(summariseFeedback(close(round)))).not.toContain('resp-');
	});
});

describe('how I am named in the record', () => {
	it('initials: first letter of the first and last words, in capitals', () => {
		expect(initialsOf('Mary Ann Jones')).toBe('MJ');
		expect(initialsOf('cerys')).toBe('C');
		expect(initialsOf('  Siân   ap  Gwilym ')).toBe('SG');
		expect(initialsOf('Mary-Jane Smith')).toBe('MS');
		expect(initialsOf('Élodie Durand')).toBe('ÉD');
		expect(initialsOf('E\u0301lodie')).toBe('É');
		expect(initialsOf('Ann 🌻')).toBe('A');
		expect(initialsOf('Ann (she/her)')).toBe('A');
		expect(initialsOf('李小龙')).toBe('李');
		expect(initialsOf('🌻 🌻')).toBeNull();
		expect(initialsOf('42')).toBeNull();
		expect(initialsOf('')).toBeNull();
		expect(initialsOf(7 as unknown as string)).toBeNull();
	});

	it('the record name follows the person’s choice, and never leaks the name for "a participant"', () => {
		expect(recordName('name', 'Ann Lee', 'A participant')).toBe('Ann Lee');
		expect(recordName('initials', 'Ann Lee', 'A participant')).toBe('AL');
		expect(recordName('participant', 'Ann Lee', 'A participant')).toBe('A participant');
		expect(recordName('initials', '🌻', 'Cyfranogwr')).toBe('Cyfranogwr');
		expect(recordName('name', '  ', 'A participant')).toBe('A participant');
		expect(recordName('everyone' as 'name', 'Ann Lee', 'A participant')).toBe('A participant');
		expect(isNaming('initials')).toBe(true);
		expect(isNaming('nickname')).toBe(false);
	});
});

describe('messages and schemas', () => {
	it('keeps the DESIGN.md words', () => {
		expect(en['closeout.heard']).toBe('Did you feel heard?');
		expect([
			en['closeout.heard.yes'],
			en['closeout.heard.partly'],
			en['closeout.heard.no']
		]).toEqual(['Yes', 'Partly', 'No']);
		expect(en['closeout.ladder']).toBe('How much did we decide together?');
		expect(en['closeout.facilitator.ask']).toBe('Ask for feedback');
		expect(en['closeout.facilitator.closeWorkshop']).toBe('Close workshop');
		expect(en['closeout.facilitator.download']).toBe('Download record');
		expect(en['closeout.facilitator.delete']).toBe('Delete workshop now');
		expect(en['naming.heading']).toBe('How I am named in the record');
	});

	it('schemas', () => {
		expect(
			v.safeParse(s.FeedbackSubmit, {
				participantKey: KEY,
				heard: 'yes',
				ladder: null,
				comment: null
			}).success
		).toBe(true);
		expect(v.safeParse(s.NamingSet, { naming: 'initials' }).success).toBe(true);
		expect(v.safeParse(s.CloseoutNone, {}).success).toBe(true);
		const bad: [v.GenericSchema, unknown][] = [
			[s.FeedbackSubmit, { participantKey: KEY, heard: 'maybe', ladder: null, comment: null }],
			[
				s.FeedbackSubmit,
				{ participantKey: KEY, heard: 'yes', ladder: null, comment: null, role: 'carer' }
			],
			[s.FeedbackSubmit, { heard: 'yes', ladder: null, comment: null }],
			[s.FeedbackSubmit, { participantKey: 'short', heard: 'yes', ladder: null, comment: null }],
			[s.FeedbackSubmit, { participantKey: KEY, heard: 'yes' }],
			[s.FeedbackSubmit, []],
			[s.NamingSet, { naming: 'nickname' }],
			[s.CloseoutNone, []],
			[s.CloseoutNone, { share: true }]
		];
		for (const [schema, input] of bad)
			expect([input, v.safeParse(schema, input).success]).toEqual([input, false]);
	});
});
