/**
 * CSV tables of the record (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold
 * a comma, quote or line break, quotes doubled). Text that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading single quote, so an idea such
 * as "=HYPERLINK(...)" stays text. A byte-order mark lets Excel read Welsh letters (ŵ, ŷ) right.
 */
import type { WorkshopRecord } from './model.ts';
import { en as recordEn, cy as recordCy } from './messages.ts';
import { en as decisionsEn, cy as decisionsCy } from '../decisions/messages.ts';

export type CsvCell = string | number | null;
export const CSV_BOM = '\uFEFF';

const FORMULA = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;

/** One field: numbers as they are, text defended against formulas and quoted when needed. */
export function csvCell(cell: CsvCell): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
	const text = FORMULA.test(cell) ? `'${cell}` : cell;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
	rows: readonly (readonly CsvCell[])[],
	options: { bom?: boolean } = {}
): string {
	const body = rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
	return ((options.bom ?? true) ? CSV_BOM : '') + body;
}

/** "2026-06-30 10:05" in the record's time zone: what a facilitator paying people needs. */
function localTime(isoTime: string | null, timeZone: string): string | null {
	if (isoTime === null) return null;
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(isoTime));
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export interface RecordCsv {
	ideas: string;
	decisions: string;
	actions: string;
	attendance: string;
}

/** The four tables, headed in the record's language. */
export function recordCsv(record: WorkshopRecord, options: { bom?: boolean } = {}): RecordCsv {
	const t = record.language === 'cy' ? recordCy : recordEn;
	const d = record.language === 'cy' ? decisionsCy : decisionsEn;
	const yesNo = (b: boolean) => (b ? t['record.export.yes'] : t['record.export.no']);
	const time = (x: string | null) => localTime(x, record.timeZone);

	const ideas: CsvCell[][] = [
		[t['record.export.csv.theme'], t['record.export.csv.idea'], t['record.export.csv.votes']]
	];
	for (const g of record.ideas.themes) {
		for (const i of g.ideas)
			ideas.push([g.name ?? t['record.export.ideas.noTheme'], i.text, i.votes]);
	}

	const decisions: CsvCell[][] = [
		[
			'#',
			t['record.export.csv.decision'],
			t['record.export.csv.outcome'],
			t['record.export.csv.decidedAt'],
			t['record.export.csv.reviewDate'],
			t['record.export.csv.round'],
			t['record.export.csv.proposal'],
			t['record.export.csv.mode'],
			t['record.export.csv.consent'],
			t['record.export.csv.concern'],
			t['record.export.csv.object'],
			t['record.export.csv.notAnswered'],
			t['record.export.csv.result'],
			t['record.export.csv.reasons']
		]
	];
	record.decisions.forEach((dec, i) => {
		const outcome =
			dec.outcome === 'consented'
				? t['record.export.decisions.result.consented']
				: dec.outcome === 'withdrawn'
					? d['decisions.stage.withdrawn']
					: t['record.export.decisions.outcome.open'];
		const head: CsvCell[] = [i + 1, dec.proposal, outcome, time(dec.decidedAt), dec.reviewDate];
		const rounds = dec.rounds.flatMap((r) => (r.kind === 'consent' ? [r] : []));
		if (rounds.length === 0)
			decisions.push([...head, null, null, null, null, null, null, null, null, null]);
		for (const r of rounds) {
			const reasons = r.answers
				.filter((a) => a.reason !== null)
				.map((a) => {
					const answer = d[`decisions.answer.${a.answer}`];
					return a.name === null ? `${answer}: ${a.reason}` : `${answer} (${a.name}): ${a.reason}`;
				})
				.join('\n');
			decisions.push([
				...head,
				r.number,
				r.proposal,
				t[`record.export.decisions.mode.${r.mode}`],
				r.counts.consent,
				r.counts.concern,
				r.counts.object,
				r.counts.notAnswered,
				t[`record.export.decisions.result.${r.result}`],
				reasons
			]);
		}
	});

	const actions: CsvCell[][] = [
		[
			t['record.export.csv.action'],
			t['record.export.csv.owners'],
			t['record.export.csv.due'],
			t['record.export.csv.done']
		]
	];
	for (const a of record.actions) actions.push([a.what, a.owners.join('; '), a.due, yesNo(a.done)]);

	const attendance: CsvCell[][] = [
		[
			t['record.export.csv.name'],
			t['record.export.csv.role'],
			t['record.export.csv.withoutDevice'],
			t['record.export.csv.joined'],
			t['record.export.csv.left'],
			t['record.export.csv.minutes']
		]
	];
	for (const a of record.attendance) {
		attendance.push([
			a.name,
			a.role,
			yesNo(a.withoutDevice),
			time(a.joinedAt),
			time(a.leftAt),
			a.minutes
		]);
	}

	return {
		ideas: toCsv(ideas, options),
		decisions: toCsv(decisions, options),
		actions: toCsv(actions, options),
		attendance: toCsv(attendance, options)
	};
}
