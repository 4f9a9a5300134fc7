/**
 * The workshop record: pure builders of the facilitator's export from plain data. `buildRecord`
 * makes the complete JSON (with `schemaVersion`, described by record.schema.json) and applies each
 * person's naming choice there, once; the CSV tables and the printable HTML are made from that JSON,
 * so nothing downstream can bring a name back. The record holds no internal id and nothing that
 * links an idea, vote, signal, anonymous answer or feedback answer to anyone.
 */
import { computeSessionSummary, type TurnRecord } from '../balance/model.ts';
import type { AgendaItem, AgendaStatus } from '../agenda/model.ts';
import type { IdeaView, ThemeView } from '../ideas/model.ts';
import * as workshopWords from '../workshop/messages.ts';
import type { Language } from '../../shared/workshop.ts';
import type { Action } from '../actions/model.ts';
import {
	OTHER_ROLES,
	recordName,
	type FeedbackSummary,
	type FeltHeard,
	type LadderRung,
	type Naming,
	type QuestionTally
} from '../closeout/model.ts';
import { en as closeoutEn, cy as closeoutCy } from '../closeout/messages.ts';
import type {
	AnswerMode,
	ConsentAnswerKind,
	ConsentCounts,
	DecisionOutcome,
	DecisionRecord
} from '../decisions/model.ts';
import type { GlossaryEntry, GroundRule } from '../inclusion/model.ts';
import { groundRuleText } from '../inclusion/messages.ts';

export const RECORD_SCHEMA_VERSION = 1;

// ---- input ----

export interface RecordPerson {
	/** Internal; used only to join the input together, never written to the record. */
	id: string;
	name: string;
	/** A role key ('carer') or a facilitator's own role name. */
	role: string;
	naming: Naming;
	/** Added by a facilitator, without a device. */
	proxy?: boolean;
}

export interface AttendanceSpan {
	personId: string;
	joinedAt: number;
	/** null: still here when the record was made (or the workshop closed). */
	leftAt: number | null;
}

export interface RecordInput {
	workshop: { title: string; language: Language; createdAt: number; closedAt: number | null };
	/** For dates in the HTML and CSV; JSON times are UTC. */
	timeZone?: string;
	generatedAt: number;
	canChange?: { fixed: string | null; open: string | null } | null;
	groundRules?: readonly GroundRule[];
	glossary?: readonly GlossaryEntry[];
	/** Participants only (facilitators are not counted in attendance or balance). */
	people: readonly RecordPerson[];
	attendance: readonly AttendanceSpan[];
	agenda: readonly Pick<
		AgendaItem,
		'title' | 'notes' | 'timeboxMinutes' | 'status' | 'outcome' | 'order'
	>[];
	themes: readonly Pick<ThemeView, 'id' | 'name' | 'position'>[];
	ideas: readonly Pick<IdeaView, 'id' | 'text' | 'theme' | 'position'>[];
	/** Vote totals by idea id, or null if voting never reached results. */
	votes: Readonly<Record<string, number>> | null;
	decisions: readonly DecisionRecord[];
	actions: readonly Action[];
	turns: readonly TurnRecord[];
	turnLengthMs?: number;
	feedback: FeedbackSummary | null;
}

// ---- output (mirrors record.schema.json) ----

export interface RecordAnswer {
	/** The person as they chose to be named; null in anonymous rounds. */
	name: string | null;
	answer: ConsentAnswerKind;
	reason: string | null;
}

export type RecordRound =
	| { kind: 'clarifying'; startedAt: string }
	| { kind: 'reaction'; startedAt: string }
	| { kind: 'amended'; proposal: string; at: string }
	| {
			kind: 'consent';
			number: number;
			proposal: string;
			mode: AnswerMode;
			concernAllowed: boolean;
			startedAt: string;
			closedAt: string;
			counts: ConsentCounts;
			result: 'consented' | 'objections';
			answers: RecordAnswer[];
	  };

export interface RecordRole {
	role: string;
	people: number;
	peopleShare: number;
	timeMs: number;
	turns: number;
	timeShare: number;
	turnShare: number;
	timeRatio: number;
	turnRatio: number;
}

export interface RecordFeedbackRole {
	role: string;
	heard: QuestionTally<FeltHeard> | null;
	ladder: QuestionTally<LadderRung> | null;
}

export interface WorkshopRecord {
	schemaVersion: typeof RECORD_SCHEMA_VERSION;
	generatedAt: string;
	language: Language;
	timeZone: string;
	workshop: { title: string; createdAt: string; closedAt: string | null };
	canChange: { fixed: string | null; open: string | null };
	groundRules: string[];
	glossary: { term: string; meaning: string }[];
	agenda: {
		title: string;
		notes: string;
		status: AgendaStatus;
		timeboxMinutes: number;
		outcome: string;
	}[];
	ideas: {
		voted: boolean;
		themes: { name: string | null; ideas: { text: string; votes: number | null }[] }[];
	};
	decisions: {
		outcome: DecisionOutcome;
		proposal: string;
		decidedAt: string | null;
		reviewDate: string | null;
		rounds: RecordRound[];
	}[];
	actions: { what: string; owners: string[]; due: string | null; done: boolean }[];
	attendance: {
		name: string;
		role: string;
		withoutDevice: boolean;
		joinedAt: string;
		leftAt: string | null;
		minutes: number;
	}[];
	balance: {
		participants: number;
		heard: number;
		notYetHeard: number;
		timeMs: number;
		turns: number;
		giniTime: number;
		giniTurns: number;
		roles: RecordRole[];
	};
	closeout: {
		respondents: number;
		heard: QuestionTally<FeltHeard> | null;
		ladder: QuestionTally<LadderRung> | null;
		byRole: RecordFeedbackRole[];
		rolesWithheld: boolean;
		comments: string[];
	} | null;
}

// ---- building ----

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

const DEFAULT_TIME_ZONE = 'Europe/London';

/** Builds the complete record. Every person appears only as `recordName` makes them. */
export function buildRecord(input: RecordInput): WorkshopRecord {
	const language = input.workshop.language === 'cy' ? 'cy' : 'en';
	const participantLabel = (language === 'cy' ? closeoutCy : closeoutEn)['naming.participantLabel'];
	const people = new Map(input.people.map((p) => [p.id, p]));
	const labelOf = (personId: string): string => {
		const p = people.get(personId);
		return p ? recordName(p.naming, p.name, participantLabel) : participantLabel;
	};
	// Built-in roles have words; a facilitator's own role names are shown as written.
	const words: Record<string, string> = workshopWords[language];
	const role = (r: string) => words[`role.${r}`] ?? r;
	const endOfWorkshop = input.workshop.closedAt ?? input.generatedAt;

	const themes = [...input.themes].sort((a, b) => a.position - b.position);
	const known = new Set(themes.map((t) => t.id));
	const votesOf = (id: string): number | null =>
		input.votes === null ? null : Object.hasOwn(input.votes, id) ? input.votes[id] : 0;
	const ideasIn = (theme: string | null) =>
		input.ideas
			.filter((i) => (theme === null ? i.theme === null || !known.has(i.theme) : i.theme === theme))
			.map((i) => ({ text: i.text, votes: votesOf(i.id), position: i.position }))
			.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.position - b.position)
			.map(({ text, votes }) => ({ text, votes }));
	const ideaGroups = [
		...themes.map((t) => ({ name: t.name as string | null, ideas: ideasIn(t.id) })),
		{ name: null, ideas: ideasIn(null) }
	].filter((g) => g.ideas.length > 0);

	const decisions = input.decisions.map((d) => ({
		outcome: d.outcome,
		proposal: d.proposal,
		decidedAt: d.decidedAt === null ? null : iso(d.decidedAt),
		reviewDate: d.reviewDate,
		rounds: d.rounds.map((r): RecordRound => {
			if (r.kind === 'clarifying' || r.kind === 'reaction')
				return { kind: r.kind, startedAt: iso(r.startedAt) };
			if (r.kind === 'amended') return { kind: 'amended', proposal: r.proposal, at: iso(r.at) };
			const anonymous = r.mode === 'anonymous';
			return {
				kind: 'consent',
				number: r.number,
				proposal: r.proposal,
				mode: r.mode,
				concernAllowed: r.concernAllowed,
				startedAt: iso(r.startedAt),
				closedAt: iso(r.closedAt),
				counts: { ...r.counts },
				result: r.result,
				// An anonymous round names nobody, even if a caller passed a record with ids in it.
				answers: r.answers
					.filter((a) => !anonymous || a.reason !== null)
					.map((a) => ({
						name: anonymous || a.personId === null ? null : labelOf(a.personId),
						answer: a.answer,
						reason: a.reason
					}))
			};
		})
	}));

	const attendance = [...input.attendance]
		.filter((s) => people.has(s.personId))
		.sort((a, b) => a.joinedAt - b.joinedAt)
		.map((s) => {
			const p = people.get(s.personId) as RecordPerson;
			const end = Math.max(s.joinedAt, s.leftAt ?? endOfWorkshop);
			return {
				name: labelOf(s.personId),
				role: role(p.role),
				withoutDevice: p.proxy === true,
				joinedAt: iso(s.joinedAt),
				leftAt: s.leftAt === null ? null : iso(s.leftAt),
				minutes: Math.round((end - s.joinedAt) / 60_000)
			};
		});

	const summary = computeSessionSummary({
		turns: input.turns,
		people: input.people.map((p) => ({ personId: p.id, role: p.role })),
		now: endOfWorkshop,
		turnLengthMs: input.turnLengthMs
	});

	const fb = input.feedback;
	const closeout =
		fb && fb.available
			? {
					respondents: fb.respondents,
					heard: fb.heard,
					ladder: fb.ladder,
					byRole: fb.byRole.map((r) => ({
						role:
							r.role === OTHER_ROLES
								? (language === 'cy' ? closeoutCy : closeoutEn)['closeout.results.otherRoles']
								: role(r.role),
						heard: r.heard,
						ladder: r.ladder
					})),
					rolesWithheld: fb.rolesWithheld,
					comments: [...fb.comments]
				}
			: null;

	return {
		schemaVersion: RECORD_SCHEMA_VERSION,
		generatedAt: iso(input.generatedAt),
		language,
		timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
		workshop: {
			title: input.workshop.title,
			createdAt: iso(input.workshop.createdAt),
			closedAt: input.workshop.closedAt === null ? null : iso(input.workshop.closedAt)
		},
		canChange: { fixed: input.canChange?.fixed ?? null, open: input.canChange?.open ?? null },
		groundRules: (input.groundRules ?? []).map((r) => groundRuleText(language, r)),
		glossary: [...(input.glossary ?? [])]
			.map(({ term, meaning }) => ({ term, meaning }))
			.sort((a, b) => a.term.localeCompare(b.term, language)),
		agenda: [...input.agenda]
			.sort((a, b) => a.order - b.order)
			.map(({ title, notes, status, timeboxMinutes, outcome }) => ({
				title,
				notes,
				status,
				timeboxMinutes,
				outcome
			})),
		ideas: { voted: input.votes !== null, themes: ideaGroups },
		decisions,
		actions: input.actions.map((a) => ({
			what: a.what,
			owners: a.owners.map(labelOf),
			due: a.due,
			done: a.done
		})),
		attendance,
		balance: {
			participants: summary.participants,
			heard: summary.heard,
			notYetHeard: summary.notYetHeard,
			timeMs: summary.timeMs,
			turns: summary.turns,
			giniTime: summary.giniTime,
			giniTurns: summary.giniTurns,
			roles: summary.roles.map((r) => ({
				role: role(r.role),
				people: r.people,
				peopleShare: r.peopleShare,
				timeMs: r.timeMs,
				turns: r.turns,
				timeShare: r.timeShare,
				turnShare: r.turnShare,
				timeRatio: r.timeRatio,
				turnRatio: r.turnRatio
			}))
		},
		closeout
	};
}

/** What participants see on "What we decided": decisions and actions, in the record's words. */
export function whatWeDecided(record: WorkshopRecord) {
	return {
		title: record.workshop.title,
		decisions: record.decisions
			.filter((d) => d.outcome === 'consented')
			.map(({ proposal, decidedAt, reviewDate }) => ({ proposal, decidedAt, reviewDate })),
		actions: record.actions.map((a) => ({ ...a, owners: [...a.owners] }))
	};
}
