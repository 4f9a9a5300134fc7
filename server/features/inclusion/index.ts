/**
 * Inclusion's server side: breaks, ground rules and the glossary, written by the server alone into
 * the `inclusion` document everyone reads. Every change is a facilitator's, refused for anyone else
 * before it runs; a participant may only suggest a ground rule or ask what a word means, each
 * stored without who sent it and reaching facilitators only (questions on fixed ticks: see
 * `questions.ts`). No handler logs an ask or a suggestion.
 */
import type * as Y from 'yjs';
import {
	BREAK_KEY,
	GLOSSARY_KEY,
	inclusion,
	INCLUSION_MAP,
	ROUND_KEY,
	RULES_KEY,
	type InclusionView,
	type RoundAnswers
} from '../../../src/lib/features/inclusion/feature.ts';
import {
	acceptRuleSuggestion,
	answerCheckRound,
	checkRoundAnswers,
	startCheckRound,
	withdrawCheckAnswer,
	type CheckRound,
	addGlossaryTerm,
	addGroundRule,
	declineRuleSuggestion,
	defaultGroundRules,
	endBreak,
	extendBreak,
	removeGlossaryTerm,
	removeGroundRule,
	startBreak,
	suggestGroundRule,
	type InclusionError,
	type InclusionResult,
	type RuleSuggestion
} from '../../../src/lib/features/inclusion/model.ts';
import * as q from '../../../src/lib/features/queue/model.ts';
import { fail, ok } from '../../../src/lib/shared/result.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { randomId } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import { queueServer } from '../queue/index.ts';
import { defineServerFeature, type CommandFailure, type FeatureService } from '../types.ts';
import { MeaningBox } from './questions.ts';

const FEATURE = 'inclusion';
const SUGGESTION = 'rule-suggestion:';

const MESSAGES: Record<string, string> = {
	duplicate: 'That is already in the list.',
	'too-many': 'The list is full.',
	'invalid-duration': 'That length of time is not allowed.',
	'already-on-break': 'A break is already running.',
	'no-break': 'There is no break running.',
	'invalid-id': 'That item could not be found.',
	'no-such-item': 'That item is no longer there.',
	empty: 'Please fill this in.',
	'too-long': 'That is too long.',
	'control-characters': 'That has characters we cannot use.',
	unchanged: 'Nothing changed: it was already like that.',
	'no-round': 'There is no round running.',
	'ask-limit':
		'You have asked 5 questions in the last 10 minutes. You can ask another in a few minutes.'
};

const KNOWN = new Set(Object.keys(MESSAGES));

function refused(e: InclusionError): CommandFailure {
	const code = KNOWN.has(e.code) ? e.code : 'bad-input';
	const message = MESSAGES[code] ?? 'Something in that request was not right.';
	return fail(code as CommandFailure['error']['code'], message, e.field);
}

export function readInclusion(doc: Y.Doc): InclusionView {
	const map = doc.getMap(INCLUSION_MAP);
	return {
		break: (map.get(BREAK_KEY) as InclusionView['break'] | undefined) ?? null,
		rules: (map.get(RULES_KEY) as InclusionView['rules'] | undefined) ?? null,
		glossary: (map.get(GLOSSARY_KEY) as InclusionView['glossary'] | undefined) ?? [],
		round: (map.get(ROUND_KEY) as InclusionView['round'] | undefined) ?? null
	};
}

const ROUND_RECORD = 'round';

/**
 * The check-in or check-out round with its written answers, kept on the server (answers carry who
 * wrote them, so they never enter the document everyone reads); stored so an answer acknowledged
 * survives a restart.
 */
export class CheckRounds implements FeatureService {
	#core: CoreServices;
	#rounds = new Map<string, CheckRound | null>();
	#lanes = new PerWorkshop();

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async #round(workshopId: string): Promise<CheckRound | null> {
		if (this.#rounds.has(workshopId)) return this.#rounds.get(workshopId) ?? null;
		const [stored] = await this.#core.storage.records(workshopId, FEATURE, ROUND_RECORD);
		const round = stored ? (JSON.parse(stored.value) as CheckRound) : null;
		if (!this.#rounds.has(workshopId)) this.#rounds.set(workshopId, round);
		return this.#rounds.get(workshopId) ?? null;
	}

	current(workshopId: string): Promise<CheckRound | null> {
		return this.#lanes.run(workshopId, () => this.#round(workshopId));
	}

	/** Applies `fn` to the round in the workshop's lane and stores the result before memory. */
	change(
		workshopId: string,
		fn: (round: CheckRound | null) => InclusionResult<CheckRound | null>
	): Promise<InclusionResult<CheckRound | null>> {
		return this.#lanes.run(workshopId, async () => {
			const result = fn(await this.#round(workshopId));
			if (!result.ok) return result;
			await this.#core.storage.write([
				result.state
					? {
							kind: 'put',
							workshopId,
							feature: FEATURE,
							key: ROUND_RECORD,
							value: JSON.stringify(result.state)
						}
					: { kind: 'delete', workshopId, feature: FEATURE, key: ROUND_RECORD }
			]);
			this.#rounds.set(workshopId, result.state);
			return result;
		});
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => void this.#rounds.delete(workshopId));
	}

	holds(workshopId: string): boolean {
		return this.#rounds.has(workshopId);
	}
}

/** Inclusion's per-server state: suggested rules, the round's answers and questions about words. */
class InclusionService implements FeatureService {
	readonly suggestions: RuleSuggestions;
	readonly rounds: CheckRounds;
	readonly questions: MeaningBox;

	constructor(core: CoreServices) {
		this.suggestions = new RuleSuggestions(core);
		this.rounds = new CheckRounds(core);
		this.questions = new MeaningBox(core);
	}

	async evict(workshopId: string) {
		await this.suggestions.evict(workshopId);
		await this.rounds.evict(workshopId);
		await this.questions.evict(workshopId);
	}

	resume(workshopId: string) {
		return this.questions.resume(workshopId);
	}

	holds(workshopId: string) {
		return (
			this.suggestions.holds(workshopId) ||
			this.rounds.holds(workshopId) ||
			this.questions.holds(workshopId)
		);
	}

	close() {
		return this.questions.close();
	}
}

/** Suggested ground rules waiting for a facilitator: stored, in arrival order, without authors. */
export class RuleSuggestions implements FeatureService {
	#core: CoreServices;
	#boxes = new Map<string, (RuleSuggestion & { seq: number })[]>();
	#lanes = new PerWorkshop();

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async #box(workshopId: string) {
		let box = this.#boxes.get(workshopId);
		if (box) return box;
		const stored = await this.#core.storage.records(workshopId, FEATURE, SUGGESTION);
		box =
			this.#boxes.get(workshopId) ??
			stored
				.map((r) => JSON.parse(r.value) as RuleSuggestion & { seq: number })
				.sort((a, b) => a.seq - b.seq);
		this.#boxes.set(workshopId, box);
		return box;
	}

	async list(workshopId: string): Promise<RuleSuggestion[]> {
		return (await this.#box(workshopId)).map(({ id, text }) => ({ id, text }));
	}

	/** Runs `fn` on the waiting list in the workshop's lane; writes what it returns, if anything. */
	update<T>(
		workshopId: string,
		fn: (list: RuleSuggestion[]) => Promise<{ next: RuleSuggestion[]; value: T } | null>
	): Promise<T | null> {
		return this.#lanes.run(workshopId, async () => {
			const box = await this.#box(workshopId);
			const result = await fn(box.map(({ id, text }) => ({ id, text })));
			if (!result) return null;
			const kept = new Set(result.next.map((s) => s.id));
			let seq = box.at(-1)?.seq ?? 0;
			const added = result.next
				.filter((s) => !box.some((b) => b.id === s.id))
				.map((s) => ({ ...s, seq: ++seq }));
			const removed = box.filter((b) => !kept.has(b.id));
			await this.#core.storage.write([
				...added.map((s) => ({
					kind: 'put' as const,
					workshopId,
					feature: FEATURE,
					key: SUGGESTION + s.id,
					value: JSON.stringify(s)
				})),
				...removed.map((s) => ({
					kind: 'delete' as const,
					workshopId,
					feature: FEATURE,
					key: SUGGESTION + s.id
				}))
			]);
			// Memory changes only after the write has committed.
			this.#boxes.set(workshopId, [...box.filter((b) => kept.has(b.id)), ...added]);
			return result.value;
		});
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => void this.#boxes.delete(workshopId));
	}

	holds(workshopId: string): boolean {
		return this.#boxes.has(workshopId);
	}
}

export const inclusionServer = defineServerFeature({
	feature: inclusion,
	create: (core) => new InclusionService(core),
	handlers(service, { rooms, now, publish, workshops }, use) {
		const { suggestions, rounds, questions } = service;
		const queues = use(queueServer);
		/** The answers as facilitators see them: in the go-round's order, names only where chosen. */
		const answersOf = async (workshopId: string): Promise<RoundAnswers> => {
			const round = await rounds.current(workshopId);
			if (!round) return [];
			const order = (await queues.stateOf(workshopId)).goRound?.order ?? [];
			const names = Object.fromEntries(
				(await workshops.participantsView(workshopId)).map((p) => [p.id, p.name])
			);
			return checkRoundAnswers(round, order, names);
		};
		const publishAnswers = async (workshopId: string) =>
			publish.facilitators(workshopId, 'round:answers', await answersOf(workshopId));
		const noRound: InclusionError = { ok: false, code: 'no-round' };
		/** One change of the document, decided by a pure rule on what is there now. */
		const change = async <T>(
			workshopId: string,
			decide: (view: InclusionView) => InclusionResult<T>,
			write: (map: Y.Map<unknown>, value: T) => void
		) => {
			let outcome: InclusionResult<T> | null = null;
			await rooms.change(docName(workshopId, 'inclusion'), (doc) => {
				outcome = decide(readInclusion(doc));
				if (outcome.ok) write(doc.getMap(INCLUSION_MAP), outcome.state);
			});
			const result = outcome as InclusionResult<T> | null;
			if (!result) return fail('server-error', 'Something went wrong on our side.');
			return result.ok ? ok(null) : refused(result);
		};
		const rulesOf = (v: InclusionView) => v.rules ?? defaultGroundRules();
		const setBreak = (map: Y.Map<unknown>, value: unknown) => map.set(BREAK_KEY, value);
		const setRules = (map: Y.Map<unknown>, value: unknown) => map.set(RULES_KEY, value);
		const setGlossary = (map: Y.Map<unknown>, value: unknown) => map.set(GLOSSARY_KEY, value);
		const publishSuggestions = async (workshopId: string) =>
			publish.facilitators(workshopId, 'rules:suggestions', await suggestions.list(workshopId));
		const currentView = async (workshopId: string) => {
			let view: InclusionView | null = null;
			await rooms.change(docName(workshopId, 'inclusion'), (doc) => {
				view = readInclusion(doc);
			});
			return view as unknown as InclusionView;
		};

		return {
			'break:start': {
				who: 'facilitator',
				run: ({ minutes }, { session }) =>
					change(session.workshopId, (v) => startBreak(v.break, now(), minutes * 60_000), setBreak)
			},
			'break:extend': {
				who: 'facilitator',
				run: ({ minutes }, { session }) =>
					change(session.workshopId, (v) => extendBreak(v.break, minutes * 60_000), setBreak)
			},
			'break:end': {
				who: 'facilitator',
				run: (_input, { session }) => change(session.workshopId, (v) => endBreak(v.break), setBreak)
			},
			'rules:add': {
				who: 'facilitator',
				run: ({ text }, { session }) =>
					change(session.workshopId, (v) => addGroundRule(rulesOf(v), randomId(), text), setRules)
			},
			'rules:remove': {
				who: 'facilitator',
				run: ({ id }, { session }) =>
					change(session.workshopId, (v) => removeGroundRule(rulesOf(v), id), setRules)
			},
			'rules:suggest': {
				who: 'participant',
				rate: { lane: 'rules', burst: 12, perSecond: 0.5 },
				async run({ text }, { session }) {
					const rules = rulesOf(await currentView(session.workshopId));
					const failed = await suggestions.update(session.workshopId, async (list) => {
						const r = suggestGroundRule(list, rules, randomId(), text);
						return r.ok ? { next: r.state, value: null } : { next: list, value: r };
					});
					if (failed) return refused(failed);
					await publishSuggestions(session.workshopId);
					return ok(null);
				}
			},
			'rules:suggestions': {
				who: 'facilitator',
				run: async (_input, { session }) => ok(await suggestions.list(session.workshopId))
			},
			'rules:accept': {
				who: 'facilitator',
				async run({ id }, { session }) {
					const { workshopId } = session;
					const result = await suggestions.update(workshopId, async (list) => {
						let failed: InclusionError | null = null;
						let next = list;
						await rooms.change(docName(workshopId, 'inclusion'), (doc) => {
							const r = acceptRuleSuggestion(list, rulesOf(readInclusion(doc)), id);
							if (!r.ok) failed = r;
							else {
								setRules(doc.getMap(INCLUSION_MAP), r.state.rules);
								next = r.state.suggestions;
							}
						});
						return { next, value: failed as InclusionError | null };
					});
					if (result) return refused(result);
					await publishSuggestions(workshopId);
					return ok(null);
				}
			},
			'rules:decline': {
				who: 'facilitator',
				async run({ id }, { session }) {
					const failed = await suggestions.update(session.workshopId, async (list) => {
						const r = declineRuleSuggestion(list, id);
						return r.ok ? { next: r.state, value: null } : { next: list, value: r };
					});
					if (failed) return refused(failed);
					await publishSuggestions(session.workshopId);
					return ok(null);
				}
			},
			'glossary:add': {
				who: 'facilitator',
				async run({ term, meaning }, { session }) {
					const added = await change(
						session.workshopId,
						(v) => addGlossaryTerm(v.glossary, randomId(), term, meaning),
						setGlossary
					);
					// The word is explained now: questions about it are answered.
					if (added.ok) await questions.answered(session.workshopId, term);
					return added;
				}
			},
			'meaning:ask': {
				who: 'participant',
				rate: { lane: 'meaning', burst: 12, perSecond: 0.5 },
				async run({ term }, { session }) {
					const r = await questions.ask(session.workshopId, session.participantId, term);
					if (r.ok) return ok(null);
					if (r.code === 'ask-limit') return fail('ask-limit', MESSAGES['ask-limit']);
					return refused(r);
				}
			},
			'meaning:list': {
				who: 'facilitator',
				run: async (_input, { session }) => ok(await questions.shown(session.workshopId))
			},
			'meaning:dismiss': {
				who: 'facilitator',
				async run({ id }, { session }) {
					const r = await questions.dismiss(session.workshopId, id);
					return r.ok ? ok(null) : refused(r);
				}
			},
			'round:start': {
				who: 'facilitator',
				async run({ kind, question }, { session }) {
					const { workshopId } = session;
					const started = await rounds.change(workshopId, () => startCheckRound(kind, question));
					if (!started.ok) return refused(started);
					const round = started.state!;
					await rooms.change(docName(workshopId, 'inclusion'), (doc) =>
						doc.getMap(INCLUSION_MAP).set(ROUND_KEY, { kind: round.kind, question: round.question })
					);
					// Speaking and passing go through the queue's go-round, with everyone here in it.
					const present = (await workshops.participantsView(workshopId))
						.filter((p) => p.here)
						.map((p) => p.id);
					if (present.length > 0) {
						await queues.apply(workshopId, (st) => q.startGoRound(st, present));
					}
					await publishAnswers(workshopId);
					return ok(null);
				}
			},
			'round:answer': {
				who: 'participant',
				rate: { lane: 'round', burst: 12, perSecond: 1 },
				async run({ text, display }, { session }) {
					const { workshopId, participantId } = session;
					const r = await rounds.change(workshopId, (round) =>
						round ? answerCheckRound(round, participantId, text, display) : noRound
					);
					if (!r.ok) return refused(r);
					await publishAnswers(workshopId);
					return ok(null);
				}
			},
			'round:withdraw': {
				who: 'participant',
				async run(_input, { session }) {
					const { workshopId, participantId } = session;
					const r = await rounds.change(workshopId, (round) =>
						round ? withdrawCheckAnswer(round, participantId) : noRound
					);
					if (!r.ok) return refused(r);
					await publishAnswers(workshopId);
					return ok(null);
				}
			},
			'round:mine': {
				who: 'participant',
				async run(_input, { session }) {
					const round = await rounds.current(session.workshopId);
					return ok({
						answered: round?.answers.some((a) => a.personId === session.participantId) ?? false
					});
				}
			},
			'round:answers': {
				who: 'facilitator',
				run: async (_input, { session }) => ok(await answersOf(session.workshopId))
			},
			'round:end': {
				who: 'facilitator',
				async run(_input, { session }) {
					const { workshopId } = session;
					const r = await rounds.change(workshopId, (round) =>
						round ? { ok: true, state: null } : noRound
					);
					if (!r.ok) return refused(r);
					await rooms.change(docName(workshopId, 'inclusion'), (doc) =>
						doc.getMap(INCLUSION_MAP).delete(ROUND_KEY)
					);
					await publishAnswers(workshopId);
					return ok(null);
				}
			},
			'glossary:remove': {
				who: 'facilitator',
				run: ({ id }, { session }) =>
					change(session.workshopId, (v) => removeGlossaryTerm(v.glossary, id), setGlossary)
			}
		};
	}
});
