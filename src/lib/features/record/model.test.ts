import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRecord, parseCsv } from '../../../../tests/helpers/record-check.ts';
import schema from './record.schema.json';
import { CSV_BOM, csvCell, recordCsv, toCsv, type CsvCell } from './csv.ts';
import { escapeHtml, recordHtml } from './html.ts';
import {
	RECORD_SCHEMA_VERSION,
	buildRecord,
	whatWeDecided,
	type RecordInput,
	type WorkshopRecord
} from './model.ts';
import { gini, type TurnRecord } from '../balance/model.ts';
import {
	answerConsent,
	amendProposal,
	closeConsentRound,
	createDecision,
	decisionRecord,
	setConsentOptions,
	setReviewDate,
	startClarifyingRound,
	startConsentRound,
	type Decision,
	type DecisionResult
} from '../decisions/model.ts';
import {
	OTHER_ROLES,
	closeFeedback,
	createFeedbackRound,
	openFeedback,
	submitFeedback,
	summariseFeedback,
	type FeedbackRound
} from '../closeout/model.ts';
import { defaultGroundRules } from '../inclusion/model.ts';

const check = checkRecord;

// ---- the HTML checks ----

const VOID = new Set(['meta', 'br', 'link', 'img', 'hr', 'input']);

/** Tags balance and nest; returns the start tags seen, for further checks. */
function checkWellFormed(html: string): { name: string; attrs: string }[] {
	const body = html.replace(/^<!doctype html>\n/i, '');
	const stack: string[] = [];
	const seen: { name: string; attrs: string }[] = [];
	const tag = /<(\/?)([a-z][a-z0-9]*)([^>]*)>/g;
	for (const m of body.matchAll(tag)) {
		const [, close, name, attrs] = m;
		if (close) {
			const open = stack.pop();
			if (open !== name) throw new Error(`</${name}> closes <${open}>`);
		} else {
			seen.push({ name, attrs });
			if (!VOID.has(name)) stack.push(name);
		}
	}
	if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
	// Outside tags no raw < or > may remain: everything else was escaped.
	const text = body.replace(tag, '');
	if (/[<>]/.test(text)) throw new Error('unescaped angle bracket in text');
	return seen;
}

// ---- a whole workshop as plain data ----

const T0 = Date.UTC(2026, 5, 30, 9, 0); // 10:00 in London (BST)
const MIN = 60_000;
const ids = {
	ann: 'person_ann_0000000001',
	bob: 'person_bob_0000000002',
	sam: 'person_sam_0000000003',
	dee: 'person_dee_0000000004',
	eve: 'person_eve_0000000005',
	fay: 'person_fay_0000000006'
};

function ok(r: DecisionResult): Decision {
	if (!r.ok) throw new Error(`refused: ${r.code}`);
	return r.state;
}

function fixture(language: 'en' | 'cy' = 'en'): RecordInput {
	// A named decision with an objection, an amendment and a second round; Sam is in it by name.
	let named = ok(createDecision('decision_named_0001', 'We meet in the library.', T0 + 10 * MIN));
	named = ok(startClarifyingRound(named, T0 + 11 * MIN));
	named = ok(setConsentOptions(named, { mode: 'named', concernAllowed: true }));
	named = ok(startConsentRound(named, T0 + 12 * MIN));
	named = ok(answerConsent(named, ids.ann, 'consent', null));
	named = ok(answerConsent(named, ids.sam, 'object', 'No step-free access'));
	named = ok(answerConsent(named, ids.bob, 'concern', 'Parking'));
	named = ok(closeConsentRound(named, T0 + 13 * MIN, 5));
	named = ok(amendProposal(named, 'We meet at the community centre.', T0 + 14 * MIN));
	named = ok(startConsentRound(named, T0 + 15 * MIN));
	named = ok(answerConsent(named, ids.ann, 'consent', null));
	named = ok(answerConsent(named, ids.sam, 'consent', 'Thanks'));
	named = ok(answerConsent(named, ids.bob, 'consent', null));
	named = ok(closeConsentRound(named, T0 + 16 * MIN, 5));
	named = ok(setReviewDate(named, '2026-12-01', '2026-06-30'));

	// An anonymous one: the voter keys must vanish.
	let anon = ok(
		createDecision('decision_anon_00001', 'Minutes go out within a week.', T0 + 20 * MIN)
	);
	anon = ok(startConsentRound(anon, T0 + 21 * MIN));
	anon = ok(answerConsent(anon, 'voterkey-aaaa', 'object', 'Too slow'));
	anon = ok(answerConsent(anon, 'voterkey-bbbb', 'consent', null));
	anon = ok(closeConsentRound(anon, T0 + 22 * MIN, 5));

	let round: FeedbackRound = (
		openFeedback(createFeedbackRound()) as { ok: true; state: FeedbackRound }
	).state;
	const answers: [string, 'yes' | 'partly' | 'no'][] = [
		['lived-experience', 'yes'],
		['lived-experience', 'partly'],
		['lived-experience', 'yes'],
		['professional', 'no'],
		['professional', 'yes']
	];
	answers.forEach(([role, heard], i) => {
		const r = submitFeedback(round, `fbkey-${i}`, role, {
			heard,
			ladder: 'co-designed',
			comment: i === 0 ? 'More breaks =1+1' : null
		});
		if (!r.ok) throw new Error('feedback refused');
		round = r.state;
	});
	round = (closeFeedback(round) as { ok: true; state: FeedbackRound }).state;

	// Talk: Ann 50% of six people's time, the rest 10% each: Gini of time is 1/3.
	const people = [ids.ann, ids.bob, ids.sam, ids.dee, ids.eve, ids.fay];
	const turns: TurnRecord[] = [
		{ personId: ids.ann, kind: 'new', startedAt: T0, endedAt: T0 + 5 * MIN },
		...people.slice(1).map((personId, i) => ({
			personId,
			kind: 'new',
			startedAt: T0 + (6 + i) * MIN,
			endedAt: T0 + (7 + i) * MIN
		}))
	];

	return {
		workshop: {
			title: 'Day services <script>alert(1)</script> & "us"',
			language,
			createdAt: T0 - 30 * MIN,
			closedAt: T0 + 90 * MIN
		},
		timeZone: 'Europe/London',
		generatedAt: T0 + 100 * MIN,
		canChange: { fixed: 'The budget is fixed.', open: 'Where and when we meet.\nWhat we do.' },
		groundRules: defaultGroundRules(),
		glossary: [
			{ id: 'term_00000000000001', term: 'Co-production', meaning: 'Working together as equals.' },
			{ id: 'term_00000000000002', term: 'Advocate', meaning: 'Someone who speaks up for you.' }
		],
		people: [
			{ id: ids.ann, name: 'Ann Lee', role: 'lived-experience', naming: 'name' },
			{ id: ids.bob, name: 'Robert Bobson Jones', role: 'professional', naming: 'initials' },
			{ id: ids.sam, name: 'Secret Sam', role: 'carer', naming: 'participant' },
			{ id: ids.dee, name: 'Dee', role: 'lived-experience', naming: 'name', proxy: true },
			{ id: ids.eve, name: 'Eve', role: 'Commissioner', naming: 'name' },
			{ id: ids.fay, name: 'Fay', role: 'carer', naming: 'initials' }
		],
		attendance: [
			{ personId: ids.ann, joinedAt: T0 - 20 * MIN, leftAt: null },
			{ personId: ids.sam, joinedAt: T0 - 15 * MIN, leftAt: T0 + 30 * MIN },
			{ personId: ids.sam, joinedAt: T0 + 40 * MIN, leftAt: null },
			{ personId: ids.bob, joinedAt: T0 - 10 * MIN, leftAt: T0 + 60 * MIN },
			{ personId: ids.dee, joinedAt: T0 - 5 * MIN, leftAt: null },
			{ personId: 'someone_not_in_people', joinedAt: T0, leftAt: null }
		],
		agenda: [
			{
				title: 'Where we meet',
				notes: '',
				timeboxMinutes: 20,
				status: 'done',
				outcome: 'The community centre.',
				order: 2
			},
			{
				title: 'Welcome',
				notes: 'Check-in round',
				timeboxMinutes: 10,
				status: 'done',
				outcome: '',
				order: 1
			}
		],
		themes: [
			{ id: 'theme_0000000000001', name: 'Transport', position: 1 },
			{ id: 'theme_0000000000002', name: 'Food', position: 0 }
		],
		ideas: [
			{
				id: 'idea_00000000000001',
				text: 'Free bus passes',
				theme: 'theme_0000000000001',
				position: 0
			},
			{
				id: 'idea_00000000000002',
				text: '=HYPERLINK("http://x.example","click")',
				theme: 'theme_0000000000001',
				position: 1
			},
			{
				id: 'idea_00000000000003',
				text: 'Hot lunches, "proper" ones',
				theme: 'theme_0000000000002',
				position: 0
			},
			{ id: 'idea_00000000000004', text: 'Line one\nline two', theme: null, position: 0 },
			{
				id: 'idea_00000000000005',
				text: '-5 minutes early',
				theme: 'theme_gone_00000001',
				position: 1
			}
		],
		votes: { idea_00000000000001: 4, idea_00000000000002: 7, idea_00000000000003: 2 },
		decisions: [decisionRecord(named), decisionRecord(anon)],
		actions: [
			{
				id: 'action_0000000000001',
				what: 'Book the centre',
				owners: [ids.sam, ids.ann],
				due: '2026-07-15',
				done: false,
				createdAt: T0
			},
			{
				id: 'action_0000000000002',
				what: '@mention everyone',
				owners: [ids.bob, ids.dee],
				due: null,
				done: true,
				createdAt: T0
			}
		],
		turns,
		turnLengthMs: 2 * MIN,
		feedback: summariseFeedback(round)
	};
}

function everything(record: WorkshopRecord): string {
	const csv = recordCsv(record);
	return [
		JSON.stringify(record),
		csv.ideas,
		csv.decisions,
		csv.actions,
		csv.attendance,
		recordHtml(record)
	].join('\n');
}

describe('buildRecord (JSON)', () => {
	const record = buildRecord(fixture());

	it('validates against record.schema.json', () => {
		expect(check(record)).toEqual([]);
		expect(record.schemaVersion).toBe(RECORD_SCHEMA_VERSION);
		expect((schema as { properties: Record<string, unknown> }).properties.schemaVersion).toEqual({
			const: RECORD_SCHEMA_VERSION
		});
	});

	it('the validator is not a rubber stamp: broken records fail', () => {
		const broken: [string, (r: Record<string, unknown>) => void][] = [
			['extra field', (r) => (r.secret = 1)],
			['missing field', (r) => delete r.balance],
			['wrong version', (r) => (r.schemaVersion = 2)],
			['bad language', (r) => (r.language = 'fr')],
			['bad date-time', (r) => ((r.workshop as Record<string, unknown>).createdAt = '30 June')],
			[
				'person id in an answer',
				(r) => {
					const d = (r.decisions as { rounds: Record<string, unknown>[] }[])[0];
					(d.rounds[1].answers as Record<string, unknown>[])[0].personId = ids.ann;
				}
			],
			[
				'bad round kind',
				(r) => ((r.decisions as { rounds: Record<string, unknown>[] }[])[0].rounds[0].kind = 'vote')
			],
			[
				'small feedback group',
				(r) =>
					(((r.closeout as Record<string, unknown>).heard as Record<string, unknown>).answered = 2)
			],
			['action without owner', (r) => ((r.actions as Record<string, unknown>[])[0].owners = [])],
			['gini above 1', (r) => ((r.balance as Record<string, unknown>).giniTime = 1.5)]
		];
		for (const [what, breakIt] of broken) {
			const copy = JSON.parse(JSON.stringify(record));
			breakIt(copy);
			expect([what, check(copy).length > 0]).toEqual([what, true]);
		}
	});

	it('holds every part: what could change, rules, glossary, agenda, ideas, decisions, actions, attendance, balance, close-out', () => {
		expect(record.canChange).toEqual({
			fixed: 'The budget is fixed.',
			open: 'Where and when we meet.\nWhat we do.'
		});
		expect(record.groundRules).toHaveLength(defaultGroundRules().length);
		expect(record.glossary.map((g) => g.term)).toEqual(['Advocate', 'Co-production']);
		expect(record.agenda.map((a) => a.title)).toEqual(['Welcome', 'Where we meet']);
		expect(record.ideas.themes.map((t) => [t.name, t.ideas.map((i) => [i.text, i.votes])])).toEqual(
			[
				['Food', [['Hot lunches, "proper" ones', 2]]],
				[
					'Transport',
					[
						['=HYPERLINK("http://x.example","click")', 7],
						['Free bus passes', 4]
					]
				],
				[
					null,
					[
						['Line one\nline two', 0],
						['-5 minutes early', 0]
					]
				]
			]
		);
		expect(record.decisions.map((d) => d.outcome)).toEqual(['consented', 'open']);
		expect(record.decisions[0].proposal).toBe('We meet at the community centre.');
		expect(record.decisions[0].reviewDate).toBe('2026-12-01');
		expect(record.actions[0]).toEqual({
			what: 'Book the centre',
			owners: ['A participant', 'Ann Lee'],
			due: '2026-07-15',
			done: false
		});
		expect(record.attendance.map((a) => [a.name, a.role, a.withoutDevice, a.minutes])).toEqual([
			['Ann Lee', 'Lived experience', false, 110],
			['A participant', 'Carer', false, 45],
			['RJ', 'Professional', false, 70],
			['Dee', 'Lived experience', true, 95],
			['A participant', 'Carer', false, 50]
		]);
		expect(record.closeout?.respondents).toBe(5);
	});

	it('reuses the balance module: Gini of time and turns, roles by share', () => {
		expect(record.balance.giniTime).toBeCloseTo(gini([5, 1, 1, 1, 1, 1]), 10);
		expect(record.balance.giniTime).toBeCloseTo(1 / 3, 10);
		expect(record.balance.giniTurns).toBe(0);
		expect(record.balance.participants).toBe(6);
		expect(record.balance.roles.map((r) => r.role)).toEqual([
			'Lived experience',
			'Professional',
			'Carer',
			'Commissioner'
		]);
	});

	it('a person who chose "a participant" appears nowhere by name, in any export', () => {
		const all = everything(record);
		expect(all).not.toContain('Secret');
		expect(all).not.toContain('Sam"');
		expect(all).toContain('A participant');
	});

	it('a person named by initials appears by initials only', () => {
		const all = everything(record);
		expect(all).not.toContain('Robert');
		expect(all).not.toContain('Bobson');
		expect(all).toContain('RJ');
	});

	it('holds no internal id: people, ideas, themes, decisions, actions, voter or feedback keys', () => {
		const all = everything(record);
		for (const pattern of [
			/person_/,
			/idea_0/,
			/theme_/,
			/decision_/,
			/action_0/,
			/voterkey/,
			/fbkey/,
			/term_0/
		]) {
			expect([String(pattern), pattern.test(all)]).toEqual([String(pattern), false]);
		}
	});

	it('anonymous rounds keep only counts and reasons, with no names', () => {
		const anon = record.decisions[1].rounds.find((r) => r.kind === 'consent');
		expect(anon).toMatchObject({
			mode: 'anonymous',
			counts: { consent: 1, concern: 0, object: 1, notAnswered: 3 },
			answers: [{ name: null, answer: 'object', reason: 'Too slow' }]
		});
	});

	it('an anonymous round is stripped even if a caller passed ids in it', () => {
		const input = fixture();
		const tampered = JSON.parse(JSON.stringify(input.decisions[1]));
		tampered.rounds[0].answers.push({ personId: ids.ann, answer: 'consent', reason: null });
		const r = buildRecord({ ...input, decisions: [tampered] });
		expect(JSON.stringify(r.decisions)).not.toContain('Ann');
	});

	it('the close-out part has only groups of three or more', () => {
		expect(record.closeout?.heard).toEqual({ answered: 5, counts: { yes: 3, partly: 1, no: 1 } });
		// Professionals (2) are held back, and so, to stop subtraction, is lived experience (3).
		expect(record.closeout?.byRole).toEqual([]);
		expect(record.closeout?.rolesWithheld).toBe(true);
	});

	it('in Welsh: Welsh role names, "a participant" and rule texts', () => {
		const cy = buildRecord(fixture('cy'));
		expect(check(cy)).toEqual([]);
		expect(cy.language).toBe('cy');
		expect(cy.actions[0].owners).toEqual(['Cyfranogwr', 'Ann Lee']);
		expect(cy.groundRules[0]).toContain('gyfartal');
	});

	it('"What we decided" has the consented decisions and the actions', () => {
		const w = whatWeDecided(record);
		expect(w.decisions).toEqual([
			{
				proposal: 'We meet at the community centre.',
				decidedAt: record.decisions[0].decidedAt,
				reviewDate: '2026-12-01'
			}
		]);
		expect(w.actions).toHaveLength(2);
	});

	it('copes with an empty workshop', () => {
		const empty = buildRecord({
			workshop: { title: 'Empty', language: 'en', createdAt: T0, closedAt: null },
			generatedAt: T0,
			people: [],
			attendance: [],
			agenda: [],
			themes: [],
			ideas: [],
			votes: null,
			decisions: [],
			actions: [],
			turns: [],
			feedback: null
		});
		expect(check(empty)).toEqual([]);
		expect(empty.closeout).toBeNull();
		checkWellFormed(recordHtml(empty));
		expect(Object.values(recordCsv(empty)).every((t) => parseCsv(t).length === 1)).toBe(true);
	});
});

describe('close-out by role in the record', () => {
	it('names the merged small roles in the record\u2019s language, and validates', () => {
		for (const [language, words] of [
			['en', 'Other roles together'],
			['cy', 'Rolau eraill gyda’i gilydd']
		] as const) {
			let round: FeedbackRound = createFeedbackRound();
			const opened = openFeedback(round);
			if (!opened.ok) throw new Error('could not open');
			round = opened.state;
			for (const [i, group] of [
				'carer',
				'carer',
				'carer',
				OTHER_ROLES,
				OTHER_ROLES,
				OTHER_ROLES
			].entries()) {
				const r = submitFeedback(round, `k${i}`, group, { heard: 'yes' });
				if (!r.ok) throw new Error(r.code);
				round = r.state;
			}
			const closed = closeFeedback(round);
			if (!closed.ok) throw new Error('could not close');
			const record = buildRecord({
				...fixture(language),
				feedback: summariseFeedback(closed.state)
			});
			expect(check(record)).toEqual([]);
			expect(record.closeout?.byRole.map((r) => r.role)).toEqual([
				language === 'cy' ? 'Gofalwr' : 'Carer',
				words
			]);
			expect(JSON.stringify(record)).not.toContain('\\u0000');
			expect(recordHtml(record)).toContain(words);
		}
	});
});

describe('CSV', () => {
	const record = buildRecord(fixture());
	const csv = recordCsv(record);

	it('every table parses as RFC 4180, with a header and rows of equal width', () => {
		for (const [name, text] of Object.entries(csv)) {
			const rows = parseCsv(text);
			expect([name, rows.length > 1]).toEqual([name, true]);
			for (const r of rows) expect([name, r.length]).toEqual([name, rows[0].length]);
			expect(text.startsWith(CSV_BOM)).toBe(true);
			expect(text.endsWith('\r\n')).toBe(true);
		}
	});

	it('ideas with votes, by theme, with formulas made harmless', () => {
		expect(parseCsv(csv.ideas)).toEqual([
			['Theme', 'Idea', 'Votes'],
			['Food', 'Hot lunches, "proper" ones', '2'],
			['Transport', `'=HYPERLINK("http://x.example","click")`, '7'],
			['Transport', 'Free bus passes', '4'],
			['Not in a theme', 'Line one\nline two', '0'],
			['Not in a theme', "'-5 minutes early", '0']
		]);
	});

	it('decisions, one row per consent round, with reasons named as chosen', () => {
		const rows = parseCsv(csv.decisions);
		expect(rows[0][0]).toBe('#');
		expect(rows.slice(1).map((r) => [r[0], r[5], r[8], r[9], r[10], r[11], r[12]])).toEqual([
			['1', '1', '1', '1', '1', '2', 'Objections'],
			['1', '2', '3', '0', '0', '2', 'Consented'],
			['2', '1', '1', '0', '1', '3', 'Objections']
		]);
		expect(rows[1][13]).toBe('Object (A participant): No step-free access\nConcern (RJ): Parking');
		expect(rows[3][13]).toBe('Object: Too slow');
		// Each row carries its decision, so a filtered spreadsheet still reads right.
		expect(rows.slice(1).map((r) => [r[1], r[3], r[4]])).toEqual([
			['We meet at the community centre.', '2026-06-30 10:16', '2026-12-01'],
			['We meet at the community centre.', '2026-06-30 10:16', '2026-12-01'],
			['Minutes go out within a week.', '', '']
		]);
		expect(rows[1][6]).toBe('We meet in the library.');
	});

	it('actions and attendance, with local times for paying people', () => {
		expect(parseCsv(csv.actions)).toEqual([
			['Action', 'Who', 'By when', 'Done'],
			['Book the centre', 'A participant; Ann Lee', '2026-07-15', 'No'],
			["'@mention everyone", 'RJ; Dee', '', 'Yes']
		]);
		const att = parseCsv(csv.attendance);
		expect(att[0]).toEqual([
			'Name',
			'Role',
			'Added without a device',
			'Joined',
			'Left',
			'Minutes present'
		]);
		expect(att[1]).toEqual(['Ann Lee', 'Lived experience', 'No', '2026-06-30 09:40', '', '110']);
		expect(att[2]).toEqual([
			'A participant',
			'Carer',
			'No',
			'2026-06-30 09:45',
			'2026-06-30 10:30',
			'45'
		]);
	});

	it('round-trips any text through the parser (property)', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.array(
						fc.oneof(
							fc.string(),
							fc.constantFrom(
								'a,b',
								'"q"',
								'x\r\ny',
								'\n',
								'=1',
								'+1',
								'-1',
								'@x',
								'\tx',
								' =x',
								'ŵŷ',
								''
							)
						),
						{ minLength: 3, maxLength: 3 }
					),
					{
						minLength: 1,
						maxLength: 8
					}
				),
				(rows) => {
					const parsed = parseCsv(toCsv(rows));
					const expected = rows.map((r) =>
						r.map((c) => (/^(?:[=+\-@\t\r]|\s+[=+\-@])/.test(c) ? `'${c}` : c))
					);
					expect(parsed).toEqual(expected);
				}
			)
		);
	});

	it('csvCell: numbers stay numbers, null is empty, non-finite numbers are empty', () => {
		const cells: [CsvCell, string][] = [
			[3, '3'],
			[-2, '-2'],
			[null, ''],
			[NaN, ''],
			['plain', 'plain'],
			['a"b', '"a""b"'],
			['=SUM(A1)', "'=SUM(A1)"],
			['@a,b', `"'@a,b"`]
		];
		for (const [cell, out] of cells) expect(csvCell(cell)).toBe(out);
		expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
	});
});

describe('HTML summary', () => {
	const record = buildRecord(fixture());
	const html = recordHtml(record);

	it('is a whole document with the record’s language', () => {
		expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
		expect(recordHtml(buildRecord(fixture('cy')))).toContain('<html lang="cy">');
		expect(html).toContain('<meta charset="utf-8">');
	});

	it('is well formed and escapes every piece of text, including <script>', () => {
		const tags = checkWellFormed(html);
		expect(tags.some((t) => t.name === 'script')).toBe(false);
		expect(html).not.toMatch(/<script/i);
		expect(html).toContain(
			'Day services &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;us&quot;'
		);
		expect(html).not.toMatch(/ on\w+=/i);
		expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe(
			'&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;'
		);
	});

	it('has one h1 and headings that never skip a level', () => {
		const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
		expect(levels.filter((l) => l === 1)).toHaveLength(1);
		expect(levels[0]).toBe(1);
		for (let i = 1; i < levels.length; i++)
			expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
	});

	it('every table has a caption and header cells with scope', () => {
		const tables = html.split('<table>').slice(1);
		expect(tables.length).toBeGreaterThan(5);
		for (const t of tables) {
			expect(t.trimStart().startsWith('<caption>')).toBe(true);
			const ths = [...t.split('</table>')[0].matchAll(/<th( [^>]*)?>/g)];
			expect(ths.length).toBeGreaterThan(0);
			for (const th of ths) expect(th[1]).toMatch(/scope="(col|row)"/);
		}
	});

	it('ids are unique and every aria-labelledby points at one', () => {
		const idList = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
		expect(new Set(idList).size).toBe(idList.length);
		for (const m of html.matchAll(/aria-labelledby="([^"]+)"/g)) expect(idList).toContain(m[1]);
	});

	it('contains each part: what could change, agenda, ideas by theme, decisions with reasons, actions, balance with Gini, close-out', () => {
		for (const text of [
			'What this workshop could change',
			'Where and when we meet.<br>What we do.',
			'Agenda',
			'The community centre.',
			'Theme: Transport',
			'Decision 1',
			'Object (A participant): No step-free access',
			'Reasons given in round 1',
			'Book the centre',
			'Who spoke',
			'Evenness of speaking time (Gini): 0.33',
			'Did you feel heard?',
			'More breaks =1+1',
			'Glossary'
		]) {
			expect([text, html.includes(text)]).toEqual([text, true]);
		}
	});

	it('leaves attendance out of the printable page', () => {
		expect(html).not.toContain('Minutes present');
		expect(html).not.toContain('09:40');
	});
});
