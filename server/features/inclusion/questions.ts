/**
 * "What does … mean?" on the server. A question is a term and a count, stored without who asked
 * and without a time (one record per workshop, waiting questions in term order), so it survives a
 * restart once acknowledged. Facilitators get the questions only on publishing ticks fixed by the
 * clock (the signals' cadence), several merged and sorted together, so neither the moment nor the
 * order a question reaches them says who asked. Who asked when is kept in memory only, for the
 * per-person limit, and dropped once it no longer counts. Nothing here logs an ask.
 */
import {
	answerMeaningTerm,
	askMeaning,
	askWait,
	ASK_WINDOW_MS,
	createMeaningQuestions,
	recordAsk,
	releaseMeaningQuestions,
	resolveMeaningQuestion,
	type InclusionResult,
	type MeaningQuestion,
	type MeaningQuestions
} from '../../../src/lib/features/inclusion/model.ts';
import { nextPublishTick, PUBLISH_EVERY_MS } from '../../../src/lib/features/signals/model.ts';
import type { CoreServices } from '../../core.ts';
import { randomId } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import type { FeatureService } from '../types.ts';

const FEATURE = 'inclusion';
const RECORD = 'meaning-questions';

interface WorkshopQuestions {
	questions: MeaningQuestions;
	/** By participant id, memory only: when they asked (never what), for the limit. */
	asks: Map<string, number[]>;
	timer: NodeJS.Timeout | null;
}

export type AskOutcome =
	| { ok: true }
	| { ok: false; code: 'ask-limit'; retryAfterMs: number }
	| Exclude<InclusionResult<never>, { ok: true }>;

export class MeaningBox implements FeatureService {
	#core: CoreServices;
	#workshops = new Map<string, WorkshopQuestions>();
	#lanes = new PerWorkshop();
	/** The cadence, the same as the signals' so both go out on the same ticks; tests may shorten it. */
	everyMs = PUBLISH_EVERY_MS;

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async #state(workshopId: string): Promise<WorkshopQuestions> {
		const held = this.#workshops.get(workshopId);
		if (held) return held;
		const [stored] = await this.#core.storage.records(workshopId, FEATURE, RECORD);
		const again = this.#workshops.get(workshopId);
		if (again) return again;
		const state: WorkshopQuestions = {
			questions: stored ? (JSON.parse(stored.value) as MeaningQuestions) : createMeaningQuestions(),
			asks: new Map(),
			timer: null
		};
		this.#workshops.set(workshopId, state);
		if (state.questions.pending.length > 0) this.#schedule(workshopId, state);
		return state;
	}

	/** Stores the new questions, then (only after the commit) keeps them in memory. */
	async #save(workshopId: string, state: WorkshopQuestions, next: MeaningQuestions) {
		const empty = next.pending.length === 0 && next.shown.length === 0;
		await this.#core.storage.write([
			empty
				? { kind: 'delete', workshopId, feature: FEATURE, key: RECORD }
				: { kind: 'put', workshopId, feature: FEATURE, key: RECORD, value: JSON.stringify(next) }
		]);
		state.questions = next;
	}

	ask(workshopId: string, personId: string, term: string): Promise<AskOutcome> {
		return this.#lanes.run(workshopId, async () => {
			const state = await this.#state(workshopId);
			const now = this.#core.now();
			const times = state.asks.get(personId) ?? [];
			const wait = askWait(times, now);
			if (wait > 0) return { ok: false, code: 'ask-limit', retryAfterMs: wait };
			const result = askMeaning(state.questions, randomId(), term);
			if (!result.ok) return result;
			await this.#save(workshopId, state, result.state);
			state.asks.set(personId, recordAsk(times, now));
			// Facilitators see it only at the next tick, together with everyone else's.
			this.#schedule(workshopId, state);
			return { ok: true };
		});
	}

	/** What facilitators see: only questions already released on a tick, never a waiting one. */
	async shown(workshopId: string): Promise<MeaningQuestion[]> {
		return (await this.#state(workshopId)).questions.shown;
	}

	/** A facilitator's change: applies at once and goes to facilitators at once (no ask is in it). */
	change(
		workshopId: string,
		fn: (q: MeaningQuestions) => InclusionResult<MeaningQuestions>
	): Promise<InclusionResult<MeaningQuestions>> {
		return this.#lanes.run(workshopId, async () => {
			const state = await this.#state(workshopId);
			const result = fn(state.questions);
			if (!result.ok) return result;
			const before = state.questions.shown;
			await this.#save(workshopId, state, result.state);
			if (!sameList(before, result.state.shown)) {
				this.#core.publish.facilitators(workshopId, 'meaning:questions', result.state.shown);
			}
			return result;
		});
	}

	dismiss(workshopId: string, id: string) {
		return this.change(workshopId, (q) => resolveMeaningQuestion(q, id));
	}

	/** A term added to the glossary answers the questions about it. */
	answered(workshopId: string, term: string) {
		return this.change(workshopId, (q) => ({ ok: true, state: answerMeaningTerm(q, term) }));
	}

	#schedule(workshopId: string, state: WorkshopQuestions) {
		if (state.timer) return;
		const now = this.#core.now();
		const tick = nextPublishTick(now, this.everyMs);
		state.timer = setTimeout(
			() => {
				state.timer = null;
				void this.#lanes
					.run(workshopId, () => this.#release(workshopId))
					.catch((e: Error) =>
						this.#core.log.error('meaning.publish-failed', { reason: e.message })
					);
			},
			Math.max(0, tick - now)
		);
		state.timer.unref();
	}

	async #release(workshopId: string) {
		const state = this.#workshops.get(workshopId);
		if (!state) return;
		this.#forgetOldAsks(state);
		if (state.questions.pending.length === 0) return;
		const language = (await this.#core.workshops.workshopById(workshopId))?.language ?? 'en';
		const next = releaseMeaningQuestions(state.questions, language);
		await this.#save(workshopId, state, next);
		this.#core.publish.facilitators(workshopId, 'meaning:questions', next.shown);
	}

	/** The limit needs only the last ten minutes; older times, and the people with none, go. */
	#forgetOldAsks(state: WorkshopQuestions) {
		const now = this.#core.now();
		for (const [person, times] of state.asks) {
			const recent = times.filter((t) => t > now - ASK_WINDOW_MS);
			if (recent.length === 0) state.asks.delete(person);
			else state.asks.set(person, recent);
		}
	}

	/** Releases waiting questions now, as the timer would at its tick (tests use it, not sleeps). */
	publishNow(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => {
			const state = this.#workshops.get(workshopId);
			if (state?.timer) {
				clearTimeout(state.timer);
				state.timer = null;
			}
			await this.#release(workshopId);
		});
	}

	/** Waiting questions are stored already; they go out with the next tick after a restart. */
	async resume(workshopId: string): Promise<void> {
		await this.#lanes.run(workshopId, async () => void (await this.#state(workshopId)));
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => {
			const state = this.#workshops.get(workshopId);
			if (state?.timer) clearTimeout(state.timer);
			this.#workshops.delete(workshopId);
		});
	}

	holds(workshopId: string): boolean {
		return this.#workshops.has(workshopId);
	}

	async close() {
		for (const state of this.#workshops.values()) if (state.timer) clearTimeout(state.timer);
		this.#workshops.clear();
	}
}

function sameList(a: MeaningQuestion[], b: MeaningQuestion[]): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
