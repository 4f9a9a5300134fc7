import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import {
	MAX_CONSENT_ROUNDS,
	MAX_PROPOSAL,
	MAX_REASON,
	amendProposal,
	answerConsent,
	cancelConsentRound,
	closeConsentRound,
	createDecision,
	decisionRecord,
	lastConsentRound,
	ownAnswer,
	publicDecision,
	setConsentOptions,
	reviewDay,
	setReviewDate,
	startClarifyingRound,
	startConsentRound,
	startReactionRound,
	withdrawDecision,
	type ConsentAnswerKind,
	type Decision,
	type DecisionResult
} from './model.ts';
import { en, enCounted } from './messages.ts';
import * as s from './schemas.ts';

const T0 = 1_700_000_000_000;
const ID = 'decision_0000000001';

function ok(r: DecisionResult): Decision {
	if (!r.ok) throw new Error(`refused: ${r.code} ${r.field ?? ''}`);
	return r.state;
}

/** Deep-freezes a state so any mutation by the model throws. */
function frozen<T>(x: T): T {
	if (x && typeof x === 'object') {
		for (const value of Object.values(x)) frozen(value);
		Object.freeze(x);
	}
	return x;
}

function fresh(proposal = 'We meet monthly in the library.'): Decision {
	return ok(createDecision(ID, proposal, T0));
}

function openRound(
	d: Decision,
	options?: { mode: 'named' | 'anonymous'; concernAllowed: boolean }
) {
	let x = d;
	if (
		options &&
		(options.mode !== x.options.mode || options.concernAllowed !== x.options.concernAllowed)
	) {
		x = ok(setConsentOptions(x, options));
	}
	return ok(startConsentRound(x, T0 + 1000));
}

describe('createDecision', () => {
	it('starts as a proposal, anonymous and without "Concern" unless chosen', () => {
		const d = fresh('  We meet monthly\r\nin the library. ');
		expect(d).toEqual({
			id: ID,
			stage: 'proposal',
			proposal: 'We meet monthly\nin the library.',
			options: { mode: 'anonymous', concernAllowed: false },
			rounds: [],
			open: null,
			reviewDate: null,
			createdAt: T0,
			decidedAt: null
		});
	});

	it('refuses bad ids, times and proposals', () => {
		expect(createDecision('short', 'x', T0)).toEqual({
			ok: false,
			code: 'invalid-id',
			field: 'id'
		});
		expect(createDecision(ID, 'x', NaN)).toEqual({ ok: false, code: 'invalid-time' });
		expect(createDecision(ID, '   ', T0)).toEqual({ ok: false, code: 'empty', field: 'proposal' });
		expect(createDecision(ID, 'x'.repeat(MAX_PROPOSAL + 1), T0)).toMatchObject({
			code: 'too-long'
		});
		expect(createDecision(ID, 'a\u0007b', T0)).toMatchObject({ code: 'control-characters' });
		expect(createDecision(ID, { text: 'x' }, T0)).toMatchObject({ code: 'bad-input' });
	});
});

describe('a full consent decision: objection, amendment, second round', () => {
	it('is recorded exactly', () => {
		let d = frozen(fresh('We meet monthly in the library.'));
		d = frozen(ok(startClarifyingRound(d, T0 + 100)));
		d = frozen(ok(startReactionRound(d, T0 + 200)));
		d = frozen(ok(setConsentOptions(d, { mode: 'named', concernAllowed: true })));
		d = frozen(ok(startConsentRound(d, T0 + 300)));
		d = frozen(ok(answerConsent(d, 'p-ann', 'consent', null)));
		d = frozen(ok(answerConsent(d, 'p-bob', 'object', 'The library has no step-free access.')));
		d = frozen(ok(answerConsent(d, 'p-cat', 'concern', 'Evenings are hard for carers.')));
		// Ann changes her mind before the round closes: one answer each, the latest counts.
		d = frozen(ok(answerConsent(d, 'p-ann', 'concern', '')));
		d = frozen(ok(closeConsentRound(d, T0 + 400, 4)));
		expect(d.stage).toBe('amend');
		d = frozen(
			ok(amendProposal(d, 'We meet monthly at the community centre, in the daytime.', T0 + 500))
		);
		d = frozen(ok(startConsentRound(d, T0 + 600)));
		d = frozen(ok(answerConsent(d, 'p-ann', 'consent', null)));
		d = frozen(ok(answerConsent(d, 'p-bob', 'consent', 'Thank you for changing it.')));
		d = frozen(ok(answerConsent(d, 'p-cat', 'consent', undefined)));
		d = frozen(ok(closeConsentRound(d, T0 + 700, 4)));
		d = frozen(ok(setReviewDate(d, '2027-01-15', '2026-06-01')));

		expect(decisionRecord(d)).toEqual({
			id: ID,
			outcome: 'consented',
			proposal: 'We meet monthly at the community centre, in the daytime.',
			reviewDate: '2027-01-15',
			createdAt: T0,
			decidedAt: T0 + 700,
			rounds: [
				{ kind: 'clarifying', startedAt: T0 + 100 },
				{ kind: 'reaction', startedAt: T0 + 200 },
				{
					kind: 'consent',
					number: 1,
					proposal: 'We meet monthly in the library.',
					mode: 'named',
					concernAllowed: true,
					startedAt: T0 + 300,
					closedAt: T0 + 400,
					counts: { consent: 0, concern: 2, object: 1, notAnswered: 1 },
					result: 'objections',
					answers: [
						{ personId: 'p-bob', answer: 'object', reason: 'The library has no step-free access.' },
						{ personId: 'p-ann', answer: 'concern', reason: null },
						{ personId: 'p-cat', answer: 'concern', reason: 'Evenings are hard for carers.' }
					]
				},
				{
					kind: 'amended',
					proposal: 'We meet monthly at the community centre, in the daytime.',
					at: T0 + 500
				},
				{
					kind: 'consent',
					number: 2,
					proposal: 'We meet monthly at the community centre, in the daytime.',
					mode: 'named',
					concernAllowed: true,
					startedAt: T0 + 600,
					closedAt: T0 + 700,
					counts: { consent: 3, concern: 0, object: 0, notAnswered: 1 },
					result: 'consented',
					answers: [
						{ personId: 'p-ann', answer: 'consent', reason: null },
						{ personId: 'p-bob', answer: 'consent', reason: 'Thank you for changing it.' },
						{ personId: 'p-cat', answer: 'consent', reason: null }
					]
				}
			]
		});
		expect(lastConsentRound(d)?.number).toBe(2);
	});
});

describe('answers', () => {
	it('an objection without a reason is refused, and changes nothing', () => {
		const d = frozen(openRound(fresh()));
		for (const reason of [null, undefined, '', '   \n ']) {
			expect(answerConsent(d, 'p1', 'object', reason)).toEqual({
				ok: false,
				code: 'reason-required',
				field: 'reason'
			});
		}
		expect(ownAnswer(d, 'p1')).toBeNull();
	});

	it('"Concern" only if it was turned on before the round', () => {
		const off = openRound(fresh());
		expect(answerConsent(off, 'p1', 'concern', 'x')).toEqual({
			ok: false,
			code: 'concern-not-allowed',
			field: 'answer'
		});
		const on = openRound(fresh(), { mode: 'anonymous', concernAllowed: true });
		expect(answerConsent(on, 'p1', 'concern', null).ok).toBe(true);
	});

	it('options are fixed once the round is open', () => {
		const d = openRound(fresh());
		expect(setConsentOptions(d, { mode: 'named', concernAllowed: true })).toEqual({
			ok: false,
			code: 'wrong-stage'
		});
		expect(publicDecision(d).open?.mode).toBe('anonymous');
	});

	it('refuses unknown answers, bad voters, long or hidden-character reasons', () => {
		const d = openRound(fresh());
		expect(answerConsent(d, 'p1', 'maybe', null)).toMatchObject({ code: 'invalid-answer' });
		expect(answerConsent(d, '', 'consent', null)).toEqual({ ok: false, code: 'invalid-voter' });
		expect(answerConsent(d, 'x'.repeat(129), 'consent', null)).toEqual({
			ok: false,
			code: 'invalid-voter'
		});
		expect(answerConsent(d, 'p1', 'consent', 'x'.repeat(MAX_REASON + 1))).toMatchObject({
			code: 'too-long',
			field: 'reason'
		});
		expect(answerConsent(d, 'p1', 'object', 'a\u202eb')).toMatchObject({
			code: 'control-characters'
		});
		expect(answerConsent(d, 'p1', 'consent', 5)).toMatchObject({ code: 'bad-input' });
	});

	it('answers are only taken while a consent round is open', () => {
		const d = fresh();
		expect(answerConsent(d, 'p1', 'consent', null)).toEqual({ ok: false, code: 'wrong-stage' });
	});

	it('a voter key like __proto__ is just a key', () => {
		let d = openRound(fresh());
		d = ok(answerConsent(d, '__proto__', 'consent', null));
		d = ok(answerConsent(d, 'constructor', 'object', 'no'));
		expect(ownAnswer(d, '__proto__')).toEqual({ answer: 'consent', reason: null });
		expect(ownAnswer(d, 'toString')).toBeNull();
		const closed = ok(closeConsentRound(d, T0 + 5000, 2));
		expect(lastConsentRound(closed)?.counts).toEqual({
			consent: 1,
			concern: 0,
			object: 1,
			notAnswered: 0
		});
	});

	it('while open, everyone sees only how many answered, never what or who', () => {
		let d = openRound(fresh(), { mode: 'named', concernAllowed: false });
		d = ok(answerConsent(d, 'p-secret', 'object', 'Hidden reason'));
		const view = publicDecision(d);
		expect(view.open?.answered).toBe(1);
		const text = JSON.stringify(view);
		expect(text).not.toContain('p-secret');
		expect(text).not.toContain('Hidden reason');
		expect(text).not.toContain('object');
	});
});

describe('closing a round', () => {
	it('needs at least one answer', () => {
		expect(closeConsentRound(openRound(fresh()), T0 + 2000, 5)).toEqual({
			ok: false,
			code: 'no-answers'
		});
	});

	it('no objection decides the proposal as it was put', () => {
		let d = openRound(fresh('Text A'));
		d = ok(answerConsent(d, 'p1', 'consent', null));
		d = ok(closeConsentRound(d, T0 + 2000, 1));
		expect(d.stage).toBe('decided');
		expect(d.proposal).toBe('Text A');
		expect(d.decidedAt).toBe(T0 + 2000);
		expect(decisionRecord(d).outcome).toBe('consented');
	});

	it('concerns alone still consent', () => {
		let d = openRound(fresh(), { mode: 'anonymous', concernAllowed: true });
		d = ok(answerConsent(d, 'p1', 'concern', 'Cost'));
		d = ok(closeConsentRound(d, T0 + 2000, 1));
		expect(d.stage).toBe('decided');
	});

	it('counts people who did not answer, never below zero, and refuses a bad headcount', () => {
		let d = openRound(fresh());
		d = ok(answerConsent(d, 'p1', 'consent', null));
		d = ok(answerConsent(d, 'p2', 'consent', null));
		expect(lastConsentRound(ok(closeConsentRound(d, T0 + 2000, 1)))?.counts.notAnswered).toBe(0);
		expect(lastConsentRound(ok(closeConsentRound(d, T0 + 2000, 5)))?.counts.notAnswered).toBe(3);
		expect(closeConsentRound(d, T0 + 2000, -1)).toMatchObject({ code: 'bad-input' });
		expect(closeConsentRound(d, T0 + 2000, NaN)).toMatchObject({ code: 'bad-input' });
	});

	it('a clock that steps back does not close a round before it opened', () => {
		let d = openRound(fresh());
		d = ok(answerConsent(d, 'p1', 'consent', null));
		expect(ok(closeConsentRound(d, T0, 1)).decidedAt).toBe(T0 + 1000);
	});
});

describe('anonymous rounds', () => {
	it('the record holds no person id or key, and answers without a reason are only counted', () => {
		let d = openRound(fresh(), { mode: 'anonymous', concernAllowed: true });
		d = ok(answerConsent(d, 'key-aaaa', 'object', 'Too far away'));
		d = ok(answerConsent(d, 'key-bbbb', 'concern', null));
		d = ok(answerConsent(d, 'key-cccc', 'consent', 'Good'));
		d = ok(closeConsentRound(d, T0 + 2000, 3));
		const rec = decisionRecord(d);
		expect(JSON.stringify(rec)).not.toMatch(/key-/);
		expect(JSON.stringify(d)).not.toMatch(/key-/);
		expect(lastConsentRound(d)?.answers).toEqual([
			{ personId: null, answer: 'object', reason: 'Too far away' },
			{ personId: null, answer: 'consent', reason: 'Good' }
		]);
	});

	it('no voter key survives in the state or the record, and order of answering does not show (property)', () => {
		const answer = fc.record({
			kind: fc.constantFrom<ConsentAnswerKind>('consent', 'concern', 'object'),
			reason: fc.constantFrom('A', 'B', 'C')
		});
		fc.assert(
			fc.property(
				fc.array(answer, { minLength: 1, maxLength: 12 }),
				fc.boolean(),
				(answers, reverse) => {
					const run = (list: typeof answers, keys: string[]) => {
						let d = openRound(fresh(), { mode: 'anonymous', concernAllowed: true });
						list.forEach((a, i) => {
							d = ok(answerConsent(d, keys[i], a.kind, a.reason));
						});
						return ok(closeConsentRound(d, T0 + 5000, list.length));
					};
					const keys = answers.map((_, i) => `voter-${i}-Z`);
					const a = run(answers, keys);
					const text = JSON.stringify(a);
					for (const k of keys) expect(text).not.toContain(k);
					// Same answers from other people in another order: the same record.
					const order = reverse ? [...answers].reverse() : answers;
					const b = run(
						order,
						answers.map((_, i) => `other-${i}-Y`)
					);
					expect(decisionRecord(b)).toEqual(decisionRecord(a));
				}
			)
		);
	});
});

describe('stages', () => {
	it('go-rounds start only while the proposal is being prepared, and not twice in a row', () => {
		const d = fresh();
		const c = ok(startClarifyingRound(d, T0 + 1));
		expect(startClarifyingRound(c, T0 + 2)).toEqual({ ok: false, code: 'wrong-stage' });
		const r = ok(startReactionRound(c, T0 + 2));
		expect(ok(startClarifyingRound(r, T0 + 3)).stage).toBe('clarifying');
		const open = openRound(d);
		expect(startClarifyingRound(open, T0)).toEqual({ ok: false, code: 'wrong-stage' });
		expect(startReactionRound(open, T0)).toEqual({ ok: false, code: 'wrong-stage' });
		expect(startConsentRound(open, T0)).toEqual({ ok: false, code: 'wrong-stage' });
		expect(amendProposal(open, 'new', T0)).toEqual({ ok: false, code: 'wrong-stage' });
	});

	it('nothing changes a decided or set-aside decision except the review date', () => {
		let d = openRound(fresh());
		d = ok(answerConsent(d, 'p1', 'consent', null));
		const decided = ok(closeConsentRound(d, T0 + 2000, 1));
		const aside = ok(withdrawDecision(fresh()));
		for (const x of [decided, aside]) {
			expect(startClarifyingRound(x, T0)).toMatchObject({ code: 'wrong-stage' });
			expect(startConsentRound(x, T0)).toMatchObject({ code: 'wrong-stage' });
			expect(amendProposal(x, 'other', T0)).toMatchObject({ code: 'wrong-stage' });
			expect(setConsentOptions(x, { mode: 'named', concernAllowed: true })).toMatchObject({
				code: 'wrong-stage'
			});
			expect(withdrawDecision(x)).toMatchObject({ code: 'wrong-stage' });
		}
		expect(setReviewDate(decided, '2030-01-01', '2026-01-01').ok).toBe(true);
		expect(setReviewDate(aside, '2030-01-01', '2026-01-01')).toEqual({
			ok: false,
			code: 'wrong-stage'
		});
	});

	it('amending before any round is drafting: nothing is recorded; after one it is', () => {
		const d = ok(amendProposal(fresh('Draft'), 'Better draft', T0 + 1));
		expect(d.rounds).toEqual([]);
		expect(d.proposal).toBe('Better draft');
		expect(amendProposal(d, 'Better draft', T0 + 2)).toEqual({ ok: false, code: 'unchanged' });
		const c = ok(amendProposal(ok(startClarifyingRound(d, T0 + 2)), 'Clearer', T0 + 3));
		expect(c.rounds.at(-1)).toEqual({ kind: 'amended', proposal: 'Clearer', at: T0 + 3 });
	});

	it('cancelling a round drops its answers unrecorded', () => {
		let d = openRound(fresh());
		d = ok(answerConsent(d, 'p1', 'object', 'No'));
		const back = ok(cancelConsentRound(d));
		expect(back.stage).toBe('proposal');
		expect(back.open).toBeNull();
		expect(JSON.stringify(back)).not.toContain('p1');
		expect(cancelConsentRound(back)).toEqual({ ok: false, code: 'wrong-stage' });
		// After a closed round with objections, cancelling the next returns to amending.
		let e = openRound(fresh());
		e = ok(answerConsent(e, 'p1', 'object', 'No'));
		e = ok(closeConsentRound(e, T0 + 2000, 1));
		e = ok(startConsentRound(e, T0 + 3000));
		expect(ok(cancelConsentRound(e)).stage).toBe('amend');
	});

	it('withdrawing during an open round discards its answers', () => {
		let d = openRound(fresh());
		d = ok(answerConsent(d, 'p1', 'object', 'No'));
		const w = ok(withdrawDecision(d));
		expect(w.open).toBeNull();
		expect(decisionRecord(w).outcome).toBe('withdrawn');
	});

	it('options can change between rounds and apply to the next one', () => {
		let d = openRound(fresh());
		d = ok(answerConsent(d, 'p1', 'object', 'No'));
		d = ok(closeConsentRound(d, T0 + 2000, 1));
		d = ok(setConsentOptions(d, { mode: 'named', concernAllowed: true }));
		expect(setConsentOptions(d, { mode: 'named', concernAllowed: true })).toEqual({
			ok: false,
			code: 'unchanged'
		});
		expect(setConsentOptions(d, { mode: 'public' as 'named', concernAllowed: true })).toMatchObject(
			{
				code: 'invalid-mode'
			}
		);
		expect(
			setConsentOptions(d, { mode: 'named', concernAllowed: 'yes' as unknown as boolean })
		).toMatchObject({
			code: 'bad-input'
		});
		d = ok(startConsentRound(d, T0 + 3000));
		expect(d.open).toMatchObject({ number: 2, mode: 'named', concernAllowed: true });
		expect(lastConsentRound(d)?.mode).toBe('anonymous');
	});

	it('stops after the maximum number of consent rounds', () => {
		let d = fresh();
		for (let i = 0; i < MAX_CONSENT_ROUNDS; i++) {
			d = ok(startConsentRound(d, T0 + i * 10));
			d = ok(answerConsent(d, 'p1', 'object', 'No'));
			d = ok(closeConsentRound(d, T0 + i * 10 + 5, 1));
		}
		expect(startConsentRound(d, T0 + 10_000)).toEqual({ ok: false, code: 'too-many-rounds' });
	});
});

describe('review date', () => {
	it('takes a real future date or null', () => {
		const d = fresh();
		const withDate = ok(setReviewDate(d, '2026-09-01', '2026-06-01'));
		expect(withDate.reviewDate).toBe('2026-09-01');
		expect(setReviewDate(withDate, '2026-09-01', '2026-06-01')).toEqual({
			ok: false,
			code: 'unchanged'
		});
		expect(ok(setReviewDate(withDate, null, '2026-06-01')).reviewDate).toBeNull();
		expect(setReviewDate(d, null, '2026-06-01')).toEqual({ ok: false, code: 'unchanged' });
		expect(setReviewDate(d, '2026-02-30', '2026-01-01')).toEqual({
			ok: false,
			code: 'invalid-date',
			field: 'reviewDate'
		});
		expect(setReviewDate(d, '2026-05-31', '2026-06-01')).toMatchObject({ code: 'date-in-past' });
		expect(setReviewDate(d, '2090-01-01', '2026-06-01')).toMatchObject({ code: 'date-too-far' });
	});

	it('is shown as a day in words, in the reader’s language, the same day everywhere', () => {
		expect(reviewDay('2027-01-15', 'en')).toBe('15 January 2027');
		expect(reviewDay('2027-01-15', 'cy')).toMatch(/15 Ionawr 2027/);
		// A day, not a moment: midnight UTC does not become the day before anywhere.
		expect(reviewDay('2027-01-01', 'en')).toBe('1 January 2027');
		expect(reviewDay('not a date', 'en')).toBe('not a date');
	});
});

describe('decision messages', () => {
	it('keeps the DESIGN.md words', () => {
		expect(en['decisions.heading']).toBe('Decisions');
		expect(en['decisions.proposal']).toBe('Proposal');
		expect(en['decisions.facilitator.new']).toBe('New proposal');
		expect(en['decisions.facilitator.startConsent']).toBe('Start consent round');
		expect([
			en['decisions.answer.consent'],
			en['decisions.answer.concern'],
			en['decisions.answer.object']
		]).toEqual(['Consent', 'Concern', 'Object']);
		expect(en['decisions.reason']).toBe('Reason');
		expect(enCounted['decisions.answered'].one).toContain('has answered');
	});
});

describe('schemas', () => {
	const id = ID;
	it('accept well-formed commands', () => {
		const good: [v.GenericSchema, unknown][] = [
			[s.DecisionNew, { proposal: 'x' }],
			[s.DecisionAmend, { id, proposal: 'x' }],
			[s.DecisionById, { id }],
			[s.DecisionOptions, { id, mode: 'named', concernAllowed: false }],
			[s.DecisionAnswer, { id, answer: 'object', reason: 'why' }],
			[s.DecisionAnswer, { id, answer: 'consent', reason: null }],
			[s.DecisionReviewDate, { id, date: '2027-01-01' }],
			[s.DecisionReviewDate, { id, date: null }]
		];
		for (const [schema, input] of good)
			expect([input, v.safeParse(schema, input).success]).toEqual([input, true]);
	});

	it('refuse arrays, extra fields, unknown answers and modes, and dates of the wrong shape', () => {
		const bad: [v.GenericSchema, unknown][] = [
			[s.DecisionById, []],
			[s.DecisionById, { id, voter: 'p1' }],
			[s.DecisionAnswer, { id, answer: 'abstain', reason: null }],
			[s.DecisionAnswer, { id, answer: 'consent' }],
			[s.DecisionAnswer, { id, answer: 'consent', reason: null, personId: 'p1' }],
			[s.DecisionOptions, { id, mode: 'secret', concernAllowed: false }],
			[s.DecisionReviewDate, { id, date: '1 Jan 2027' }],
			[s.DecisionNew, { proposal: 'x'.repeat(MAX_PROPOSAL * 4 + 1) }],
			[s.DecisionNew, null]
		];
		for (const [schema, input] of bad)
			expect([input, v.safeParse(schema, input).success]).toEqual([input, false]);
	});
});
