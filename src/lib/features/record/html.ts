/**
 * The record as one printable, accessible HTML page: a `lang` attribute, one h1 and a heading for
 * each part, tables with captions and header cells with `scope`, every piece of text escaped, no
 * script and nothing fetched from elsewhere. Attendance stays in the CSV only: a printed summary
 * may be passed around, and who was there when is for paying people, not for sharing.
 */
import type { RecordRound, WorkshopRecord } from './model.ts';
import { en as recordEn, cy as recordCy } from './messages.ts';
import { en as decisionsEn, cy as decisionsCy } from '../decisions/messages.ts';
import { en as closeoutEn, cy as closeoutCy } from '../closeout/messages.ts';
import { en as inclusionEn, cy as inclusionCy } from '../inclusion/messages.ts';
import { FELT_HEARD, LADDER, type QuestionTally } from '../closeout/model.ts';
import * as agendaWords from '../agenda/messages.ts';
import { fill } from '../../shared/plural.ts';

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Escaped, with line breaks kept. */
function para(text: string): string {
	return escapeHtml(text).replace(/\n/g, '<br>');
}

const STYLE = `
body { font-family: system-ui, sans-serif; line-height: 1.5; color: #111; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1, h2, h3, h4 { line-height: 1.25; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #555; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
td.number { text-align: right; }
@media print {
	main { max-width: none; padding: 0; }
	section, table { break-inside: avoid-page; }
	thead { display: table-header-group; }
}
`.trim();

interface Words {
	t: (key: keyof typeof recordEn, params?: Record<string, string | number>) => string;
	language: 'en' | 'cy';
	locale: string;
}

function words(record: WorkshopRecord): Words {
	const language = record.language === 'cy' ? 'cy' : 'en';
	const catalogue = language === 'cy' ? recordCy : recordEn;
	return {
		language,
		locale: language === 'cy' ? 'cy-GB' : 'en-GB',
		t: (key, params) => fill(catalogue[key], params ?? {})
	};
}

function table(caption: string, head: string[], rows: string[][], numeric: number[] = []): string {
	if (rows.length === 0) return '';
	const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
	const body = rows
		.map((cells) => {
			const [first, ...rest] = cells;
			const tds = rest
				.map((c, i) => (numeric.includes(i + 1) ? `<td class="number">${c}</td>` : `<td>${c}</td>`))
				.join('');
			return `<tr><th scope="row">${first}</th>${tds}</tr>`;
		})
		.join('\n');
	return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function section(id: string, heading: string, content: string): string {
	return `<section aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(heading)}</h2>\n${content}\n</section>`;
}

/** Builds the page. Every value from the record goes through `escapeHtml`. */
export function recordHtml(record: WorkshopRecord): string {
	const w = words(record);
	const { t } = w;
	const d = w.language === 'cy' ? decisionsCy : decisionsEn;
	const c = w.language === 'cy' ? closeoutCy : closeoutEn;
	const inc = w.language === 'cy' ? inclusionCy : inclusionEn;
	const dateTime = new Intl.DateTimeFormat(w.locale, {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: record.timeZone
	});
	const day = new Intl.DateTimeFormat(w.locale, { dateStyle: 'long', timeZone: 'UTC' });
	const onDay = (isoDate: string) => escapeHtml(day.format(new Date(`${isoDate}T00:00:00Z`)));
	const percent = new Intl.NumberFormat(w.locale, { style: 'percent', maximumFractionDigits: 0 });
	const twoPlaces = new Intl.NumberFormat(w.locale, {
		minimumFractionDigits: 2,
		maximumFractionDigits: 2
	});
	const none = `<p>${escapeHtml(t('record.export.none'))}</p>`;
	// Filled first, escaped after: a value from the record is escaped like the words around it.
	const say = (key: keyof typeof recordEn, params: Record<string, string> = {}) =>
		escapeHtml(t(key, params));

	const parts: string[] = [];

	const canChange = record.canChange;
	parts.push(
		section(
			'can-change',
			t('record.export.canChange.heading'),
			canChange.fixed === null && canChange.open === null
				? `<p>${say('record.export.canChange.none')}</p>`
				: [
						canChange.fixed !== null
							? `<h3>${say('record.export.canChange.fixed')}</h3>\n<p>${para(canChange.fixed)}</p>`
							: '',
						canChange.open !== null
							? `<h3>${say('record.export.canChange.open')}</h3>\n<p>${para(canChange.open)}</p>`
							: ''
					]
						.filter(Boolean)
						.join('\n')
		)
	);

	parts.push(
		section(
			'ground-rules',
			t('record.export.rules.heading'),
			record.groundRules.length === 0
				? none
				: `<ul>\n${record.groundRules.map((r) => `<li>${para(r)}</li>`).join('\n')}\n</ul>`
		)
	);

	const agendaRows = record.agenda.map((a) => [
		para(a.title) + (a.notes ? `<br>${para(a.notes)}` : ''),
		escapeHtml(agendaWords[w.language][`agenda.status.${a.status}`]),
		escapeHtml(t('record.export.minutes', { count: a.timeboxMinutes })),
		a.outcome ? para(a.outcome) : ''
	]);
	parts.push(
		section(
			'agenda',
			t('record.export.agenda.heading'),
			table(
				t('record.export.agenda.caption'),
				[
					t('record.export.agenda.item'),
					t('record.export.agenda.status'),
					t('record.export.agenda.timebox'),
					t('record.export.agenda.outcome')
				],
				agendaRows
			) || none
		)
	);

	const ideaTables = record.ideas.themes.map((g) =>
		table(
			g.name === null
				? t('record.export.ideas.noTheme')
				: t('record.export.ideas.theme', { theme: g.name }),
			[t('record.export.ideas.idea'), t('record.export.ideas.votes')],
			g.ideas.map((i) => [
				para(i.text),
				i.votes === null ? escapeHtml(t('record.export.ideas.notVoted')) : String(i.votes)
			]),
			[1]
		)
	);
	parts.push(section('ideas', t('record.export.ideas.heading'), ideaTables.join('\n') || none));

	const decisionBlocks = record.decisions.map((dec, index) => {
		const number = String(index + 1);
		const out: string[] = [
			`<h3>${say('record.export.decisions.item', { number })}</h3>`,
			`<p>${para(dec.proposal)}</p>`
		];
		const outcome =
			dec.outcome === 'consented' && dec.decidedAt !== null
				? t('record.export.decisions.outcome.consented', {
						date: dateTime.format(new Date(dec.decidedAt))
					})
				: dec.outcome === 'withdrawn'
					? t('record.export.decisions.outcome.withdrawn')
					: t('record.export.decisions.outcome.open');
		out.push(`<p>${escapeHtml(outcome)}</p>`);
		if (dec.reviewDate !== null) {
			out.push(
				`<p>${escapeHtml(t('record.export.decisions.review', { date: day.format(new Date(`${dec.reviewDate}T00:00:00Z`)) }))}</p>`
			);
		}
		const steps = dec.rounds.flatMap((r): string[] => {
			if (r.kind === 'clarifying') return [escapeHtml(t('record.export.decisions.clarifying'))];
			if (r.kind === 'reaction') return [escapeHtml(t('record.export.decisions.reaction'))];
			if (r.kind === 'amended')
				return [para(t('record.export.decisions.amended', { proposal: r.proposal }))];
			return [escapeHtml(fill(d['decisions.round'], { number: r.number }))];
		});
		if (steps.length > 0) out.push(`<ol>\n${steps.map((s) => `<li>${s}</li>`).join('\n')}\n</ol>`);
		const consent = dec.rounds.filter(
			(r): r is Extract<RecordRound, { kind: 'consent' }> => r.kind === 'consent'
		);
		out.push(
			table(
				t('record.export.decisions.rounds', { number }),
				[
					t('record.export.decisions.round'),
					t('record.export.decisions.proposalAsPut'),
					t('record.export.decisions.mode'),
					d['decisions.answer.consent'],
					d['decisions.answer.concern'],
					d['decisions.answer.object'],
					t('record.export.decisions.notAnswered'),
					t('record.export.decisions.result')
				],
				consent.map((r) => [
					String(r.number),
					para(r.proposal),
					escapeHtml(t(`record.export.decisions.mode.${r.mode}`)),
					String(r.counts.consent),
					String(r.counts.concern),
					String(r.counts.object),
					String(r.counts.notAnswered),
					escapeHtml(t(`record.export.decisions.result.${r.result}`))
				]),
				[3, 4, 5, 6]
			)
		);
		for (const r of consent) {
			const reasons = r.answers.filter((a) => a.reason !== null);
			if (reasons.length === 0) continue;
			out.push(`<h4>${say('record.export.decisions.reasons', { number: String(r.number) })}</h4>`);
			const items = reasons.map((a) => {
				const answer = escapeHtml(d[`decisions.answer.${a.answer}`]);
				const who = a.name === null ? '' : ` (${escapeHtml(a.name)})`;
				return `<li>${answer}${who}: ${para(a.reason ?? '')}</li>`;
			});
			out.push(`<ul>\n${items.join('\n')}\n</ul>`);
		}
		return out.filter(Boolean).join('\n');
	});
	parts.push(
		section('decisions', t('record.export.decisions.heading'), decisionBlocks.join('\n') || none)
	);

	parts.push(
		section(
			'actions',
			t('record.export.actions.heading'),
			table(
				t('record.export.actions.caption'),
				[
					t('record.export.actions.what'),
					t('record.export.actions.owners'),
					t('record.export.actions.due'),
					t('record.export.actions.done')
				],
				record.actions.map((a) => [
					para(a.what),
					escapeHtml(a.owners.join(', ')),
					a.due === null ? escapeHtml(t('record.export.actions.noDate')) : onDay(a.due),
					escapeHtml(a.done ? t('record.export.yes') : t('record.export.no'))
				])
			) || none
		)
	);

	const b = record.balance;
	parts.push(
		section(
			'balance',
			t('record.export.balance.heading'),
			[
				`<p>${say('record.export.balance.summary', {
					heard: String(b.heard),
					participants: String(b.participants),
					turns: String(b.turns),
					minutes: String(Math.round(b.timeMs / 60_000))
				})}</p>`,
				`<p>${say('record.export.balance.giniTime', { value: twoPlaces.format(b.giniTime) })}<br>${say('record.export.balance.giniTurns', { value: twoPlaces.format(b.giniTurns) })}</p>`,
				`<p>${say('record.export.balance.giniHint')}</p>`,
				table(
					t('record.export.balance.caption'),
					[
						t('record.export.balance.role'),
						t('record.export.balance.people'),
						t('record.export.balance.peopleShare'),
						t('record.export.balance.timeShare'),
						t('record.export.balance.turnShare')
					],
					b.roles.map((r) => [
						escapeHtml(r.role),
						String(r.people),
						escapeHtml(percent.format(r.peopleShare)),
						escapeHtml(percent.format(r.timeShare)),
						escapeHtml(percent.format(r.turnShare))
					]),
					[1, 2, 3, 4]
				)
			]
				.filter(Boolean)
				.join('\n')
		)
	);

	const fb = record.closeout;
	const tallyTable = <K extends string>(
		caption: string,
		keys: readonly K[],
		label: (k: K) => string,
		tally: QuestionTally<K> | null
	) =>
		tally === null
			? `<p>${escapeHtml(caption)}: ${say('record.export.closeout.tooFew')}</p>`
			: table(
					caption,
					[t('record.export.closeout.answer'), t('record.export.closeout.count')],
					keys.map((k) => [escapeHtml(label(k)), String(tally.counts[k])]),
					[1]
				);
	const heardLabel = (k: (typeof FELT_HEARD)[number]) => c[`closeout.heard.${k}`];
	const ladderLabel = (k: (typeof LADDER)[number]) => c[`closeout.ladder.${k}`];
	const closeoutParts: string[] = [];
	if (fb === null) {
		closeoutParts.push(`<p>${say('record.export.closeout.none')}</p>`);
	} else {
		closeoutParts.push(
			`<p>${say('record.export.closeout.respondents', { count: String(fb.respondents) })}</p>`
		);
		closeoutParts.push(
			tallyTable(t('record.export.closeout.heardCaption'), FELT_HEARD, heardLabel, fb.heard)
		);
		closeoutParts.push(
			tallyTable(t('record.export.closeout.ladderCaption'), LADDER, ladderLabel, fb.ladder)
		);
		for (const r of fb.byRole) {
			if (r.heard) {
				closeoutParts.push(
					tallyTable(
						t('record.export.closeout.byRole', {
							role: r.role,
							question: t('record.export.closeout.heardCaption')
						}),
						FELT_HEARD,
						heardLabel,
						r.heard
					)
				);
			}
			if (r.ladder) {
				closeoutParts.push(
					tallyTable(
						t('record.export.closeout.byRole', {
							role: r.role,
							question: t('record.export.closeout.ladderCaption')
						}),
						LADDER,
						ladderLabel,
						r.ladder
					)
				);
			}
		}
		if (fb.rolesWithheld) closeoutParts.push(`<p>${say('record.export.closeout.withheld')}</p>`);
		if (fb.comments.length > 0) {
			closeoutParts.push(`<h3>${say('record.export.closeout.comments')}</h3>`);
			closeoutParts.push(
				`<ul>\n${fb.comments.map((x) => `<li>${para(x)}</li>`).join('\n')}\n</ul>`
			);
		}
	}
	parts.push(section('closeout', t('record.export.closeout.heading'), closeoutParts.join('\n')));

	parts.push(
		section(
			'glossary',
			inc['glossary.heading'],
			record.glossary.length === 0
				? none
				: `<dl>\n${record.glossary.map((g) => `<dt>${escapeHtml(g.term)}</dt>\n<dd>${para(g.meaning)}</dd>`).join('\n')}\n</dl>`
		)
	);

	const title = t('record.export.title', { title: record.workshop.title });
	const held =
		record.workshop.closedAt === null
			? escapeHtml(
					t('record.export.heldOpen', {
						start: dateTime.format(new Date(record.workshop.createdAt))
					})
				)
			: escapeHtml(
					t('record.export.held', {
						start: dateTime.format(new Date(record.workshop.createdAt)),
						end: dateTime.format(new Date(record.workshop.closedAt))
					})
				);
	return [
		'<!doctype html>',
		`<html lang="${w.language}">`,
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(title)}</title>`,
		`<style>\n${STYLE}\n</style>`,
		'</head>',
		'<body>',
		'<main>',
		`<h1>${escapeHtml(title)}</h1>`,
		`<p>${held}</p>`,
		`<p>${escapeHtml(t('record.export.generated', { date: dateTime.format(new Date(record.generatedAt)) }))}</p>`,
		...parts,
		'</main>',
		'</body>',
		'</html>',
		''
	].join('\n');
}
