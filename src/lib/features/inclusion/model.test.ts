import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	DEFAULT_BREAK_MS,
	DEFAULT_RULE_KEYS,
	MAX_BREAK_EXTENSION_MS,
	MAX_BREAK_MS,
	MAX_BREAK_TOTAL_MS,
	MAX_GLOSSARY,
	MAX_MEANING,
	MAX_OPEN_QUESTIONS,
	MAX_ROUND_ANSWER,
	MAX_RULE_SUGGESTIONS,
	MAX_RULES,
	MAX_TERM,
	MAX_WRITTEN_TURN,
	MIN_BREAK_MS,
	ASK_WINDOW_MS,
	MAX_ASKS_PER_PERSON,
	acceptRuleSuggestion,
	answerMeaningTerm,
	askWait,
	recordAsk,
	addGlossaryTerm,
	addGroundRule,
	answerCheckRound,
	askMeaning,
	breakStatus,
	breakTimeLeft,
	checkRoundAnswers,
	checkWrittenTurn,
	createMeaningQuestions,
	declineRuleSuggestion,
	defaultGroundRules,
	editGlossaryTerm,
	editGroundRule,
	endBreak,
	extendBreak,
	findGlossaryTerm,
	moveGroundRule,
	releaseMeaningQuestions,
	removeGlossaryTerm,
	removeGroundRule,
	resolveMeaningQuestion,
	sameText,
	showWrittenTurn,
	sortedGlossary,
	startBreak,
	startCheckRound,
	suggestGroundRule,
	withdrawCheckAnswer,
	type BreakState,
	type CheckRound,
	type Glossary,
	type GroundRules,
	type InclusionResult,
	type MeaningQuestions,
	type RuleSuggestion
} from './model.ts';
import {
	askedByText,
	cy,
	easyCy,
	easyEn,
	en,
	groundRuleText,
	roundQuestionText
} from './messages.ts';
import * as s from './schemas.ts';

const T0 = 1_700_000_000_000;
let counter = 0;
/** Ids as the server makes them: base64url, 16+ characters. */
function newId(): string {
	return `id_${String(++counter).padStart(16, '0')}`;
}

function ok<T>(r: InclusionResult<T>): T {
	if (!r.ok) throw new Error(`refused: ${r.code} ${r.field ?? ''}`);
	return r.state;
}

describe('sameText', () => {
	it('ignores case, outer and inner spacing and Unicode composition', () => {
		expect(sameText('Co-production', '  co-PRODUCTION ')).toBe(true);
		expect(sameText('care  plan', 'Care plan')).toBe(true);
		expect(sameText('Caf\u00e9', 'cafe\u0301')).toBe(true);
		expect(sameText('care plan', 'care plans')).toBe(false);
	});
});

describe('glossary', () => {
	const g0: Glossary = [];

	it('adds a term with a plain meaning, tidied', () => {
		const g = ok(
			addGlossaryTerm(
				g0,
				'term_id_0000000001',
				'  Co-production ',
				'Working  together\n\n\n as equals.'
			)
		);
		expect(g).toEqual([
			{ id: 'term_id_0000000001', term: 'Co-production', meaning: 'Working together\n\nas equals.' }
		]);
	});

	it('refuses a term that is already there, however it is written', () => {
		const g = ok(addGlossaryTerm(g0, newId(), 'Care plan', 'A written plan of your care.'));
		expect(addGlossaryTerm(g, newId(), 'CARE   PLAN', 'Another meaning')).toEqual({
			ok: false,
			code: 'duplicate',
			field: 'term'
		});
	});

	it('checks term (one line) and meaning (may span lines) with the shared text rules', () => {
		expect(addGlossaryTerm(g0, newId(), '', 'x')).toEqual({
			ok: false,
			code: 'empty',
			field: 'term'
		});
		expect(addGlossaryTerm(g0, newId(), 'a\nb', 'x')).toEqual({
			ok: false,
			code: 'control-characters',
			field: 'term'
		});
		expect(addGlossaryTerm(g0, newId(), 'x'.repeat(MAX_TERM + 1), 'x')).toMatchObject({
			code: 'too-long',
			field: 'term'
		});
		expect(addGlossaryTerm(g0, newId(), 'ok', 'x'.repeat(MAX_MEANING + 1))).toMatchObject({
			code: 'too-long',
			field: 'meaning'
		});
		expect(addGlossaryTerm(g0, newId(), 'ok', 42)).toMatchObject({
			code: 'bad-input',
			field: 'meaning'
		});
		expect(addGlossaryTerm(g0, newId(), 'ok', '   ')).toMatchObject({
			code: 'empty',
			field: 'meaning'
		});
	});

	it('keeps HTML as plain text (escaping is the view’s job) but refuses hidden characters', () => {
		const g = ok(addGlossaryTerm(g0, newId(), '<script>', 'alert(1)'));
		expect(g[0].term).toBe('<script>');
		expect(addGlossaryTerm(g0, newId(), 'a\u200bb', 'x')).toMatchObject({
			code: 'control-characters'
		});
	});

	it('refuses bad ids and a repeated id', () => {
		expect(addGlossaryTerm(g0, 'short', 'a', 'b')).toEqual({
			ok: false,
			code: 'invalid-id',
			field: 'id'
		});
		expect(addGlossaryTerm(g0, 'x'.repeat(65), 'a', 'b')).toMatchObject({ code: 'invalid-id' });
		const id = newId();
		const g = ok(addGlossaryTerm(g0, id, 'a', 'b'));
		expect(addGlossaryTerm(g, id, 'c', 'd')).toEqual({ ok: false, code: 'duplicate', field: 'id' });
	});

	it('stops at the size limit', () => {
		let g: Glossary = [];
		for (let i = 0; i < MAX_GLOSSARY; i++) g = ok(addGlossaryTerm(g, newId(), `term ${i}`, 'm'));
		expect(addGlossaryTerm(g, newId(), 'one more', 'm')).toEqual({ ok: false, code: 'too-many' });
	});

	it('edits a term, refusing a clash with another term but allowing a change of case', () => {
		const a = newId();
		const b = newId();
		let g = ok(addGlossaryTerm(g0, a, 'Advocate', 'Someone who speaks up for you.'));
		g = ok(addGlossaryTerm(g, b, 'Carer', 'Someone who looks after you.'));
		expect(editGlossaryTerm(g, a, 'carer', 'x')).toEqual({
			ok: false,
			code: 'duplicate',
			field: 'term'
		});
		g = ok(editGlossaryTerm(g, a, 'advocate', 'Someone who speaks up for you.'));
		expect(g[0].term).toBe('advocate');
		expect(editGlossaryTerm(g, a, 'advocate', 'Someone who speaks up for you.')).toEqual({
			ok: false,
			code: 'unchanged'
		});
		expect(editGlossaryTerm(g, newId(), 'x', 'y')).toEqual({
			ok: false,
			code: 'no-such-item',
			field: 'id'
		});
	});

	it('removes a term and finds terms however they are typed', () => {
		const id = newId();
		const g = ok(addGlossaryTerm(g0, id, 'Direct payment', 'Money to arrange your own care.'));
		expect(findGlossaryTerm(g, ' direct PAYMENT')?.id).toBe(id);
		expect(findGlossaryTerm(g, 'payment')).toBeNull();
		expect(findGlossaryTerm(g, 42 as unknown as string)).toBeNull();
		expect(ok(removeGlossaryTerm(g, id))).toEqual([]);
		expect(removeGlossaryTerm(g, newId())).toMatchObject({ code: 'no-such-item' });
	});

	it('sorts A to Z in the reader’s language, ignoring case', () => {
		let g: Glossary = [];
		for (const t of ['zebra', 'Apple', 'banana', 'Ll', 'Ch', 'item 10', 'item 2']) {
			g = ok(addGlossaryTerm(g, newId(), t, 'm'));
		}
		expect(sortedGlossary(g, 'en').map((e) => e.term)).toEqual([
			'Apple',
			'banana',
			'Ch',
			'item 2',
			'item 10',
			'Ll',
			'zebra'
		]);
		expect(g[0].term).toBe('zebra');
	});

	it('Welsh order puts ch after every other c, and ll after every other l', () => {
		let g: Glossary = [];
		for (const t of ['llais', 'cymorth', 'lles', 'chwarae', 'lobi', 'cyfle']) {
			g = ok(addGlossaryTerm(g, newId(), t, 'm'));
		}
		expect(sortedGlossary(g, 'cy').map((e) => e.term)).toEqual([
			'cyfle',
			'cymorth',
			'chwarae',
			'lobi',
			'llais',
			'lles'
		]);
	});
});

describe('"What does … mean?" questions', () => {
	it('a question carries a term and a count, never an asker', () => {
		const q = ok(askMeaning(createMeaningQuestions(), newId(), 'Commissioning'));
		expect(q.pending).toHaveLength(1);
		expect(Object.keys(q.pending[0]).sort()).toEqual(['count', 'id', 'term']);
	});

	it('nothing is shown until the next tick, then merged by term and sorted', () => {
		let q = createMeaningQuestions();
		q = ok(askMeaning(q, newId(), 'Tariff'));
		q = ok(askMeaning(q, newId(), 'advocacy'));
		q = ok(askMeaning(q, newId(), 'tariff '));
		expect(q.shown).toEqual([]);
		q = releaseMeaningQuestions(q, 'en');
		expect(q.pending).toEqual([]);
		expect(q.shown.map((x) => [x.term, x.count])).toEqual([
			['advocacy', 1],
			['Tariff', 2]
		]);
		// A later ask of a shown term waits for the next tick too, then adds to its count.
		q = ok(askMeaning(q, newId(), 'ADVOCACY'));
		expect(q.shown.find((x) => x.term === 'advocacy')?.count).toBe(1);
		q = releaseMeaningQuestions(q, 'en');
		expect(q.shown.map((x) => [x.term, x.count])).toEqual([
			['advocacy', 2],
			['Tariff', 2]
		]);
	});

	it('the order people asked in does not show', () => {
		const ask = (terms: string[]) => {
			let q: MeaningQuestions = createMeaningQuestions();
			for (const t of terms) q = ok(askMeaning(q, `q_${t.padEnd(16, '_')}`, t));
			return releaseMeaningQuestions(q, 'en').shown.map(({ term, count }) => [term, count]);
		};
		expect(ask(['beta', 'alpha', 'gamma', 'alpha'])).toEqual(
			ask(['alpha', 'gamma', 'alpha', 'beta'])
		);
	});

	it('release with nothing pending changes nothing', () => {
		const q = createMeaningQuestions();
		expect(releaseMeaningQuestions(q, 'cy')).toBe(q);
	});

	it('refuses bad terms, bad ids and too many open questions', () => {
		const q0 = createMeaningQuestions();
		expect(askMeaning(q0, newId(), '  ')).toMatchObject({ code: 'empty', field: 'term' });
		expect(askMeaning(q0, 'bad', 'x')).toMatchObject({ code: 'invalid-id' });
		let q = q0;
		for (let i = 0; i < MAX_OPEN_QUESTIONS; i++) q = ok(askMeaning(q, newId(), `word ${i}`));
		expect(askMeaning(q, newId(), 'one more')).toEqual({ ok: false, code: 'too-many' });
		// A repeat of an open question still counts: it adds no row.
		expect(askMeaning(q, newId(), 'word 3').ok).toBe(true);
	});

	it('the waiting list is in term order, whatever order people asked in', () => {
		let q = createMeaningQuestions();
		for (const t of ['Tariff', 'advocacy', 'Outcome']) q = ok(askMeaning(q, newId(), t));
		expect(q.pending.map((x) => x.term)).toEqual(['advocacy', 'Outcome', 'Tariff']);
	});

	it('each person may ask a few questions in ten minutes, then is told how long to wait', () => {
		let times: number[] = [];
		for (let i = 0; i < MAX_ASKS_PER_PERSON; i++) {
			expect(askWait(times, T0 + i * 1000)).toBe(0);
			times = recordAsk(times, T0 + i * 1000);
		}
		const now = T0 + MAX_ASKS_PER_PERSON * 1000;
		expect(askWait(times, now)).toBe(T0 + ASK_WINDOW_MS - now);
		// Once the first ask leaves the window, one more is allowed; old times are dropped.
		expect(askWait(times, T0 + ASK_WINDOW_MS)).toBe(0);
		expect(recordAsk(times, T0 + ASK_WINDOW_MS + 1)).toHaveLength(MAX_ASKS_PER_PERSON);
		// A clock that steps back never locks anyone out for longer than the window.
		expect(askWait(times, T0 - 5 * ASK_WINDOW_MS)).toBe(0);
		expect(askWait(times, now)).toBeLessThanOrEqual(ASK_WINDOW_MS);
	});

	it('a word added to the glossary answers every question about it, waiting or shown', () => {
		let q = ok(askMeaning(createMeaningQuestions(), newId(), 'Tariff'));
		q = releaseMeaningQuestions(q, 'en');
		q = ok(askMeaning(q, newId(), 'tariff'));
		q = ok(askMeaning(q, newId(), 'Outcome'));
		const after = answerMeaningTerm(q, ' TARIFF ');
		expect(after.shown).toEqual([]);
		expect(after.pending.map((x) => x.term)).toEqual(['Outcome']);
	});

	it('resolving removes a shown question', () => {
		let q = ok(askMeaning(createMeaningQuestions(), newId(), 'Outcome'));
		q = releaseMeaningQuestions(q, 'en');
		const id = q.shown[0].id;
		expect(ok(resolveMeaningQuestion(q, id)).shown).toEqual([]);
		expect(resolveMeaningQuestion(q, newId())).toMatchObject({ code: 'no-such-item' });
	});
});

describe('ground rules', () => {
	it('starts with the default set, with fixed ids and text in each language', () => {
		const rules = defaultGroundRules();
		expect(rules.map((r) => r.kind === 'default' && r.key)).toEqual([...DEFAULT_RULE_KEYS]);
		expect(defaultGroundRules()).toEqual(rules);
		for (const r of rules) {
			expect(r.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
			for (const language of ['en', 'cy'] as const) {
				expect(groundRuleText(language, r)).toMatch(/\S/);
				expect(groundRuleText(language, r, true)).toMatch(/\S/);
			}
		}
		expect(groundRuleText('cy', rules[0])).not.toBe(groundRuleText('en', rules[0]));
	});

	it('adds, edits (a default becomes custom), moves and removes', () => {
		let rules = defaultGroundRules();
		const id = newId();
		rules = ok(addGroundRule(rules, id, 'Phones on silent, please.'));
		expect(rules.at(-1)).toEqual({ id, kind: 'custom', text: 'Phones on silent, please.' });
		const first = rules[0].id;
		rules = ok(editGroundRule(rules, first, 'We are all equals here.'));
		expect(rules[0]).toEqual({ id: first, kind: 'custom', text: 'We are all equals here.' });
		expect(groundRuleText('cy', rules[0])).toBe('We are all equals here.');
		expect(editGroundRule(rules, first, 'We are all equals here.')).toEqual({
			ok: false,
			code: 'unchanged'
		});
		rules = ok(moveGroundRule(rules, first, 'down'));
		expect(rules[1].id).toBe(first);
		expect(moveGroundRule(rules, rules[0].id, 'up')).toEqual({ ok: false, code: 'cannot-move' });
		expect(moveGroundRule(rules, rules.at(-1)!.id, 'down')).toEqual({
			ok: false,
			code: 'cannot-move'
		});
		expect(moveGroundRule(rules, first, 'sideways' as 'up')).toMatchObject({ code: 'bad-input' });
		rules = ok(removeGroundRule(rules, id));
		expect(rules.some((r) => r.id === id)).toBe(false);
		expect(removeGroundRule(rules, id)).toMatchObject({ code: 'no-such-item' });
	});

	it('refuses a custom rule that repeats another, and an overfull list', () => {
		let rules: GroundRules = [];
		rules = ok(addGroundRule(rules, newId(), 'Be on time.'));
		expect(addGroundRule(rules, newId(), 'BE ON TIME.')).toEqual({
			ok: false,
			code: 'duplicate',
			field: 'text'
		});
		for (let i = rules.length; i < MAX_RULES; i++)
			rules = ok(addGroundRule(rules, newId(), `Rule ${i}`));
		expect(addGroundRule(rules, newId(), 'One too many')).toEqual({ ok: false, code: 'too-many' });
		expect(addGroundRule([], newId(), '')).toMatchObject({ code: 'empty' });
	});

	it('a suggestion carries no author, and can be accepted or declined', () => {
		let rules = defaultGroundRules();
		let sug: RuleSuggestion[] = [];
		const id = newId();
		sug = ok(suggestGroundRule(sug, rules, id, 'No jargon without explaining it.'));
		expect(Object.keys(sug[0]).sort()).toEqual(['id', 'text']);
		expect(
			suggestGroundRule(sug, rules, newId(), 'no jargon without explaining it.')
		).toMatchObject({
			code: 'duplicate'
		});
		const accepted = ok(acceptRuleSuggestion(sug, rules, id));
		rules = accepted.rules;
		sug = accepted.suggestions;
		expect(sug).toEqual([]);
		expect(rules.at(-1)).toEqual({ id, kind: 'custom', text: 'No jargon without explaining it.' });
		// Now it is a rule, suggesting it again is a duplicate too.
		expect(
			suggestGroundRule(sug, rules, newId(), 'No jargon without explaining it.')
		).toMatchObject({
			code: 'duplicate'
		});
		const other = newId();
		sug = ok(suggestGroundRule(sug, rules, other, 'Start on time.'));
		expect(ok(declineRuleSuggestion(sug, other))).toEqual([]);
		expect(declineRuleSuggestion([], other)).toMatchObject({ code: 'no-such-item' });
		expect(acceptRuleSuggestion([], rules, other)).toMatchObject({ code: 'no-such-item' });
	});

	it('accepting into a full list is refused and changes nothing', () => {
		let rules: GroundRules = [];
		for (let i = 0; i < MAX_RULES; i++) rules = ok(addGroundRule(rules, newId(), `Rule ${i}`));
		const sug = ok(suggestGroundRule([], rules, newId(), 'Another'));
		expect(acceptRuleSuggestion(sug, rules, sug[0].id)).toEqual({ ok: false, code: 'too-many' });
	});

	it('limits pending suggestions', () => {
		let sug: RuleSuggestion[] = [];
		for (let i = 0; i < MAX_RULE_SUGGESTIONS; i++)
			sug = ok(suggestGroundRule(sug, [], newId(), `S ${i}`));
		expect(suggestGroundRule(sug, [], newId(), 'more')).toEqual({ ok: false, code: 'too-many' });
	});
});

describe('written turns', () => {
	it('accepts text and a display choice, and shows the name only when chosen', () => {
		const w = ok(checkWrittenTurn(' I think  we should\r\nwait. ', 'without-name'));
		expect(w).toEqual({ text: 'I think we should\nwait.', display: 'without-name' });
		expect(showWrittenTurn(w, 'Ann')).toEqual({ text: w.text, name: null });
		expect(showWrittenTurn({ ...w, display: 'with-name' }, 'Ann')).toEqual({
			text: w.text,
			name: 'Ann'
		});
	});

	it('refuses empty, long, hidden-character text and unknown display choices', () => {
		expect(checkWrittenTurn('', 'with-name')).toMatchObject({ code: 'empty' });
		expect(checkWrittenTurn('x'.repeat(MAX_WRITTEN_TURN + 1), 'with-name')).toMatchObject({
			code: 'too-long'
		});
		expect(checkWrittenTurn('x'.repeat(MAX_WRITTEN_TURN), 'with-name').ok).toBe(true);
		expect(checkWrittenTurn('a\u202eb', 'with-name')).toMatchObject({ code: 'control-characters' });
		expect(checkWrittenTurn('fine', 'anonymous')).toEqual({
			ok: false,
			code: 'invalid-display',
			field: 'display'
		});
	});
});

describe('check-in and check-out rounds', () => {
	it('uses the usual question unless the facilitator writes one', () => {
		const r = ok(startCheckRound('check-in', null));
		expect(r.question).toEqual({ kind: 'default' });
		expect(roundQuestionText('en', r.kind, r.question)).toBe('How are you arriving today?');
		expect(roundQuestionText('en', 'check-out', { kind: 'default' })).toBe(
			'How are you leaving today?'
		);
		expect(roundQuestionText('cy', 'check-in', { kind: 'default' })).toBe(
			cy['round.question.check-in']
		);
		expect(ok(startCheckRound('check-out', '   ')).question).toEqual({ kind: 'default' });
		const custom = ok(startCheckRound('check-out', ' One word for today? '));
		expect(roundQuestionText('cy', custom.kind, custom.question)).toBe('One word for today?');
	});

	it('refuses unknown kinds and bad questions', () => {
		expect(startCheckRound('warm-up', null)).toEqual({
			ok: false,
			code: 'invalid-kind',
			field: 'kind'
		});
		expect(startCheckRound('check-in', 'a\nb')).toMatchObject({ code: 'control-characters' });
		expect(startCheckRound('check-in', 7)).toMatchObject({ code: 'bad-input' });
	});

	it('one written answer per person, replaced when they write again, and withdrawable', () => {
		let r: CheckRound = ok(startCheckRound('check-in', null));
		r = ok(answerCheckRound(r, 'p1', 'Tired but glad', 'with-name'));
		r = ok(answerCheckRound(r, 'p2', 'Nervous', 'without-name'));
		r = ok(answerCheckRound(r, 'p1', 'Glad', 'with-name'));
		expect(r.answers.map((a) => [a.personId, a.text])).toEqual([
			['p2', 'Nervous'],
			['p1', 'Glad']
		]);
		r = ok(withdrawCheckAnswer(r, 'p2'));
		expect(r.answers).toHaveLength(1);
		expect(withdrawCheckAnswer(r, 'p2')).toMatchObject({ code: 'no-such-item' });
	});

	it('answers are short and checked', () => {
		const r = ok(startCheckRound('check-in', null));
		expect(answerCheckRound(r, 'p1', 'x'.repeat(MAX_ROUND_ANSWER + 1), 'with-name')).toMatchObject({
			code: 'too-long'
		});
		expect(answerCheckRound(r, '', 'x', 'with-name')).toMatchObject({ code: 'bad-input' });
		expect(answerCheckRound(r, 'p1', 'x', 'maybe')).toMatchObject({ code: 'invalid-display' });
	});

	it('everyone sees answers in speaking order, with a name only when chosen and never an id', () => {
		let r: CheckRound = ok(startCheckRound('check-out', null));
		r = ok(answerCheckRound(r, 'p3', 'Heard', 'with-name'));
		r = ok(answerCheckRound(r, 'p1', 'Hopeful', 'without-name'));
		r = ok(answerCheckRound(r, 'p9', 'Late', 'with-name'));
		const view = checkRoundAnswers(r, ['p1', 'p2', 'p3'], { p1: 'Ann', p3: 'Cai', p9: 'Dee' });
		expect(view).toEqual([
			{ text: 'Hopeful', name: null },
			{ text: 'Heard', name: 'Cai' },
			{ text: 'Late', name: 'Dee' }
		]);
		expect(JSON.stringify(view)).not.toMatch(/p\d|Ann/);
	});
});

describe('breaks', () => {
	it('starts, shows time left, goes over time without ending, and ends only when ended', () => {
		let b: BreakState = null;
		expect(breakStatus(b, T0)).toBe('none');
		expect(breakTimeLeft(b, T0)).toBeNull();
		b = ok(startBreak(b, T0));
		expect(b).toEqual({ startedAt: T0, lengthMs: DEFAULT_BREAK_MS });
		expect(breakTimeLeft(b, T0 + 60_000)).toBe(DEFAULT_BREAK_MS - 60_000);
		expect(breakStatus(b, T0 + DEFAULT_BREAK_MS - 1)).toBe('running');
		expect(breakStatus(b, T0 + DEFAULT_BREAK_MS)).toBe('over-time');
		expect(breakTimeLeft(b, T0 + DEFAULT_BREAK_MS + 5_000)).toBe(-5_000);
		b = ok(extendBreak(b, 5 * 60_000));
		expect(breakStatus(b, T0 + DEFAULT_BREAK_MS)).toBe('running');
		b = ok(endBreak(b));
		expect(b).toBeNull();
	});

	it('a clock that steps back never shows more than the whole break', () => {
		const b = ok(startBreak(null, T0, MIN_BREAK_MS));
		expect(breakTimeLeft(b, T0 - 10_000)).toBe(MIN_BREAK_MS);
	});

	it('refuses a second break, bad lengths, and ending or extending no break', () => {
		const b = ok(startBreak(null, T0));
		expect(startBreak(b, T0)).toEqual({ ok: false, code: 'already-on-break' });
		for (const bad of [0, MIN_BREAK_MS - 1, MAX_BREAK_MS + 1, 90_000.5, NaN]) {
			expect(startBreak(null, T0, bad)).toMatchObject({ code: 'invalid-duration' });
		}
		expect(startBreak(null, NaN)).toEqual({ ok: false, code: 'invalid-time' });
		expect(extendBreak(null, 60_000)).toEqual({ ok: false, code: 'no-break' });
		expect(endBreak(null)).toEqual({ ok: false, code: 'no-break' });
		expect(extendBreak(b, MAX_BREAK_EXTENSION_MS + 1)).toMatchObject({ code: 'invalid-duration' });
		expect(extendBreak(b, 0)).toMatchObject({ code: 'invalid-duration' });
	});

	it('extensions stop at the total limit', () => {
		let b: BreakState = ok(startBreak(null, T0, MAX_BREAK_MS));
		while (b && b.lengthMs + MAX_BREAK_EXTENSION_MS <= MAX_BREAK_TOTAL_MS) {
			b = ok(extendBreak(b, MAX_BREAK_EXTENSION_MS));
		}
		expect(b?.lengthMs).toBe(MAX_BREAK_TOTAL_MS);
		expect(extendBreak(b, MIN_BREAK_MS)).toMatchObject({ code: 'invalid-duration' });
	});
});

describe('inclusion messages', () => {
	it('keeps the DESIGN.md words', () => {
		expect(en['glossary.heading']).toBe('Glossary');
		expect(en['rules.heading']).toBe('Ground rules');
		expect(en['written.raise']).toBe('Raise hand in writing');
		expect(en['inclusion.facilitator.break.start']).toBe('Start a break');
		expect(easyEn['written.raise']).toBe('Raise hand in writing');
	});

	it('has an easy-read default rule and round question for every default, in both languages', () => {
		for (const key of DEFAULT_RULE_KEYS) {
			expect(easyEn[`rules.default.${key}`]).toMatch(/\S/);
			expect(easyCy[`rules.default.${key}`]).toMatch(/\S/);
		}
	});

	it('counts who asked with Welsh plural forms', () => {
		expect([1, 2, 3, 11].map((n) => askedByText('cy', n))).toEqual([
			'Gofynnwyd gan 1 person',
			'Gofynnwyd gan 2 berson',
			'Gofynnwyd gan 3 pherson',
			'Gofynnwyd gan 11 o bobl'
		]);
		expect(askedByText('en', 1)).toBe('Asked by 1 person');
		expect(askedByText('en', 0)).toBe('Asked by 0 people');
	});

	it('the limit on questions says the numbers the rule uses, in every version', () => {
		const minutes = String(ASK_WINDOW_MS / 60_000);
		for (const words of [en, cy]) {
			expect(words['error.ask-limit']).toContain(`${MAX_ASKS_PER_PERSON} `);
			expect(words['error.ask-limit']).toContain(`${minutes} `);
		}
		for (const words of [easyEn, easyCy]) {
			expect(words['error.ask-limit']).toContain(`${MAX_ASKS_PER_PERSON} `);
		}
	});
});

describe('schemas', () => {
	const id = 'abcdefghijklmnop';
	it('accept well-formed payloads', () => {
		const good: [v.GenericSchema, unknown][] = [
			[s.GlossaryAdd, { term: 'a', meaning: 'b' }],
			[s.GlossaryEdit, { id, term: 'a', meaning: 'b' }],
			[s.GlossaryRemove, { id }],
			[s.MeaningAsk, { term: 'a' }],
			[s.MeaningResolve, { id }],
			[s.RuleAdd, { text: 'a' }],
			[s.RuleEdit, { id, text: 'a' }],
			[s.RuleRemove, { id }],
			[s.RuleMove, { id, direction: 'up' }],
			[s.RuleSuggest, { text: 'a' }],
			[s.RuleSuggestionAccept, { id }],
			[s.RuleSuggestionDecline, { id }],
			[s.CheckRoundStart, { kind: 'check-in', question: null }],
			[s.CheckRoundAnswer, { text: 'fine', display: 'with-name' }],
			[s.BreakStart, { minutes: 10 }],
			[s.BreakExtend, { minutes: 5 }],
			[s.WrittenTurnRaise, { text: 'x', display: 'without-name' }],
			[s.InclusionNone, {}]
		];
		for (const [schema, input] of good)
			expect([input, v.safeParse(schema, input).success]).toEqual([input, true]);
	});

	it('refuse arrays, extra fields, bad ids, fractions of minutes and oversized text', () => {
		const bad: [v.GenericSchema, unknown][] = [
			[s.InclusionNone, []],
			[s.InclusionNone, { x: 1 }],
			[s.GlossaryAdd, { term: 'a', meaning: 'b', author: 'me' }],
			[s.GlossaryRemove, { id: 'short' }],
			[s.GlossaryRemove, { id: 'has spaces in it!!' }],
			[s.MeaningAsk, { term: 'x'.repeat(MAX_TERM * 4 + 1) }],
			[s.RuleMove, { id, direction: 'left' }],
			[s.CheckRoundStart, { kind: 'check-in' }],
			[s.CheckRoundAnswer, { text: 'x', display: 'maybe' }],
			[s.BreakStart, { minutes: 0 }],
			[s.BreakStart, { minutes: 2.5 }],
			[s.BreakStart, { minutes: 61 }],
			[s.BreakExtend, { minutes: 31 }],
			[s.BreakStart, { minutes: '10' }],
			[s.WrittenTurnRaise, []]
		];
		for (const [schema, input] of bad)
			expect([input, v.safeParse(schema, input).success]).toEqual([input, false]);
	});
});
