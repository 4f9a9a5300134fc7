/**
 * Deciding together, on the server: "What this workshop can change" and consent decisions. The
 * server alone writes the 'decisions' document everyone reads. An open consent round's answers stay
 * in this service and its stored row; the document carries only how many have answered.
 *
 * Anonymous rounds key each answer by an HMAC of the person with a secret that lives only in this
 * process's memory, so neither the stored row nor a copy of the database can tie an answer to
 * anyone. A separate row lists who has answered (not what), so that after a restart, when the keys
 * can no longer be recomputed, a second answer from the same person is refused instead of counted
 * twice.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
	decisions,
	type DecisionsView,
	type ShownDecision,
	type WorkshopScope,
	VIEW_KEY
} from '../../../src/lib/features/decisions/feature.ts';
import * as d from '../../../src/lib/features/decisions/model.ts';
import { MAX_DECISIONS, MAX_SCOPE_TEXT } from '../../../src/lib/shared/limits.ts';
import { fail, ok, type Result } from '../../../src/lib/shared/result.ts';
import { checkLines, TEXT_MESSAGES, type TextErrorCode } from '../../../src/lib/shared/text.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { ErrorCode } from '../../../src/lib/features/index.ts';
import * as q from '../../../src/lib/features/queue/model.ts';
import type { CoreServices } from '../../core.ts';
import type { StorageChange } from '../../storage/types.ts';
import { randomId } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import { queueServer } from '../queue/index.ts';
import { defineServerFeature, type FeatureService, type UseService } from '../types.ts';

const FEATURE = 'decisions';
const STATE_KEY = 'state';
/** Who has answered an open anonymous round: its own row, apart from the answers. */
const ANSWERED = 'answered:';

interface Book {
	scope: WorkshopScope;
	decisions: d.Decision[];
	/** Per decision with an open anonymous round: who has answered it (never what). */
	answeredBy: Record<string, string[]>;
}

const EMPTY_SCOPE: WorkshopScope = { fixed: '', open: '' };

/** Plain words for the model's codes; the browser shows its own translation of the code. */
const DECISION_MESSAGES: Record<d.DecisionErrorCode, string> = {
	'bad-input': 'That was not understood.',
	empty: TEXT_MESSAGES.empty,
	'too-long': TEXT_MESSAGES['too-long'],
	'control-characters': TEXT_MESSAGES['control-characters'],
	'invalid-id': 'That proposal is not there.',
	'invalid-time': 'The server clock is wrong.',
	'invalid-mode': 'Please choose named or anonymous answers.',
	'invalid-answer': 'Please choose an answer.',
	'invalid-voter': 'We could not tell who sent that answer.',
	'wrong-stage': 'That cannot be done at this step.',
	unchanged: 'Nothing changed: it was already like that.',
	'concern-not-allowed': '"Concern" is not offered in this round.',
	'reason-required': 'Please give a reason for your objection.',
	'no-answers': 'Nobody has answered yet.',
	'too-many-rounds': 'This proposal has had too many rounds. Please write a new proposal.',
	'invalid-date': 'Please give a real date.',
	'date-in-past': 'That date has already passed.',
	'date-too-far': 'That date is too far away.'
};

function modelFailure(e: d.DecisionError) {
	// The model's internal codes that a valid command cannot cause map to the core's "bad input".
	const code: ErrorCode =
		e.code === 'invalid-id' || e.code === 'invalid-time' || e.code === 'invalid-voter'
			? 'bad-input'
			: e.code;
	return fail(code, DECISION_MESSAGES[e.code], e.field);
}

const textError = (code: TextErrorCode, field: string) => fail(code, TEXT_MESSAGES[code], field);

type Step = (decision: d.Decision, book: Book) => d.DecisionResult;

export class DecisionBooks implements FeatureService {
	#core: CoreServices;
	#books = new Map<string, Book>();
	#lanes = new PerWorkshop();
	/** Never stored: see the file comment. */
	#voterSecret = randomBytes(32);

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async #book(workshopId: string): Promise<Book> {
		let book = this.#books.get(workshopId);
		if (!book) {
			const [row] = await this.#core.storage.records(workshopId, FEATURE, STATE_KEY);
			const stored = row
				? (JSON.parse(row.value) as Omit<Book, 'answeredBy'>)
				: { scope: { ...EMPTY_SCOPE }, decisions: [] };
			const answeredBy: Book['answeredBy'] = {};
			for (const r of await this.#core.storage.records(workshopId, FEATURE, ANSWERED)) {
				answeredBy[r.key.slice(ANSWERED.length)] = JSON.parse(r.value) as string[];
			}
			book = { ...stored, answeredBy };
			for (const decision of book.decisions) {
				// JSON gives answers an ordinary prototype; the model expects keys that are only keys.
				if (decision.open) {
					decision.open.answers = Object.assign(Object.create(null), decision.open.answers);
				}
			}
			this.#books.set(workshopId, book);
		}
		return book;
	}

	/** The key an answer is filed under: the person in a named round, an unlinkable key otherwise. */
	voterKey(decision: d.Decision, personId: string): string {
		if (!decision.open || decision.open.mode === 'named') return personId;
		return createHmac('sha256', this.#voterSecret)
			.update(`${decision.id}\u0000${decision.open.number}\u0000${personId}`)
			.digest('base64url');
	}

	/** Stores the whole book, then (only after it is durable) changes memory and the document. */
	async #commit(workshopId: string, next: Book) {
		const previous = this.#books.get(workshopId);
		const { answeredBy, ...rest } = next;
		const changes: StorageChange[] = [
			{ kind: 'put', workshopId, feature: FEATURE, key: STATE_KEY, value: JSON.stringify(rest) }
		];
		const ids = new Set([...Object.keys(previous?.answeredBy ?? {}), ...Object.keys(answeredBy)]);
		for (const id of ids) {
			const now = answeredBy[id];
			if (now === previous?.answeredBy[id]) continue;
			const key = ANSWERED + id;
			changes.push(
				now
					? { kind: 'put', workshopId, feature: FEATURE, key, value: JSON.stringify(now) }
					: { kind: 'delete', workshopId, feature: FEATURE, key }
			);
		}
		await this.#core.storage.write(changes);
		this.#books.set(workshopId, next);
		await this.#publish(workshopId, next, previous);
	}

	async #publish(workshopId: string, book: Book, previous: Book | undefined) {
		if (!previous || previous.scope !== book.scope) {
			await this.#core.rooms.change(docName(workshopId, 'scope'), (doc) => {
				doc.getMap('scope').set(VIEW_KEY, book.scope);
			});
			if (previous && previous.decisions === book.decisions) return;
		}
		const people = await this.#core.storage.participants(workshopId);
		const names = new Map(people.map((p) => [p.id, p.name]));
		const view: DecisionsView = {
			decisions: book.decisions.map((decision) => shownDecision(decision, names))
		};
		await this.#core.rooms.change(docName(workshopId, 'decisions'), (doc) => {
			doc.getMap('decisions').set(VIEW_KEY, view);
		});
	}

	setScope(workshopId: string, scope: WorkshopScope) {
		return this.#lanes.run(workshopId, async () => {
			const book = await this.#book(workshopId);
			await this.#commit(workshopId, { ...book, scope });
		});
	}

	add(workshopId: string, proposal: string): Promise<Result<{ id: string }, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const book = await this.#book(workshopId);
			if (book.decisions.length >= MAX_DECISIONS) {
				return fail('bad-input', 'This workshop has as many proposals as it can hold.');
			}
			const made = d.createDecision(randomId(), proposal, this.#core.now());
			if (!made.ok) return modelFailure(made);
			await this.#commit(workshopId, { ...book, decisions: [...book.decisions, made.state] });
			return ok({ id: made.state.id });
		});
	}

	/**
	 * Runs one step of the model on one decision. `before` runs first inside the same lane, so a
	 * go-round is started in the queue only when the step itself is allowed.
	 */
	step(
		workshopId: string,
		id: string,
		step: Step,
		before?: (decision: d.Decision) => Promise<Result<null, ErrorCode>>
	): Promise<Result<null, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const book = await this.#book(workshopId);
			const at = book.decisions.findIndex((x) => x.id === id);
			if (at < 0) return fail('not-found', 'That proposal is not there.');
			const result = step(book.decisions[at], book);
			if (!result.ok) return modelFailure(result);
			if (before) {
				const pre = await before(book.decisions[at]);
				if (!pre.ok) return pre;
			}
			const decisionsNext = book.decisions.slice();
			decisionsNext[at] = result.state;
			const answeredBy = { ...book.answeredBy };
			if (!result.state.open) delete answeredBy[id];
			await this.#commit(workshopId, { ...book, decisions: decisionsNext, answeredBy });
			return ok(null);
		});
	}

	answer(
		workshopId: string,
		id: string,
		personId: string,
		answer: d.ConsentAnswerKind,
		reason: string | null
	): Promise<Result<null, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const book = await this.#book(workshopId);
			const at = book.decisions.findIndex((x) => x.id === id);
			if (at < 0) return fail('not-found', 'That proposal is not there.');
			const decision = book.decisions[at];
			const key = this.voterKey(decision, personId);
			const anonymous = decision.open?.mode === 'anonymous';
			const answered = book.answeredBy[id] ?? [];
			if (
				anonymous &&
				answered.includes(personId) &&
				decision.open &&
				!Object.hasOwn(decision.open.answers, key)
			) {
				return fail('answer-kept', 'Your answer was kept, but it can no longer be changed.');
			}
			const result = d.answerConsent(decision, key, answer, reason);
			if (!result.ok) return modelFailure(result);
			const decisionsNext = book.decisions.slice();
			decisionsNext[at] = result.state;
			const answeredBy = { ...book.answeredBy };
			if (anonymous && !answered.includes(personId)) {
				// Sorted, so the list says who has answered and nothing about when.
				answeredBy[id] = [...answered, personId].sort();
			}
			await this.#commit(workshopId, { ...book, decisions: decisionsNext, answeredBy });
			return ok(null);
		});
	}

	/**
	 * Takes a person's named answers out of every closed named round: their name and reason go,
	 * the counts stay (they did answer). Returns how many were taken out.
	 */
	withdrawNamed(workshopId: string, personId: string): Promise<number> {
		return this.#lanes.run(workshopId, async () => {
			const book = await this.#book(workshopId);
			let withdrawn = 0;
			const decisionsNext = book.decisions.map((decision) => ({
				...decision,
				rounds: decision.rounds.map((r) => {
					if (r.kind !== 'consent' || r.mode !== 'named') return r;
					const answers = r.answers.filter((a) => a.personId !== personId);
					withdrawn += r.answers.length - answers.length;
					return { ...r, answers };
				})
			}));
			if (withdrawn > 0) {
				await this.#commit(workshopId, { ...book, decisions: decisionsNext });
				// The document's stored log still holds every earlier view, names and reasons included,
				// until it is compacted; compacted now, the withdrawn words leave storage at once.
				await (await this.#core.rooms.loaded(docName(workshopId, 'decisions')))?.compact();
			}
			return withdrawn;
		});
	}

	/** A person's own answer in the open round, for their screen only. */
	async ownAnswer(workshopId: string, id: string, personId: string) {
		const book = await this.#book(workshopId);
		const decision = book.decisions.find((x) => x.id === id);
		if (!decision) return null;
		return d.ownAnswer(decision, this.voterKey(decision, personId));
	}

	/** Everything the record needs, as the model keeps it (never an open round's answers). */
	async snapshot(workshopId: string) {
		const book = await this.#book(workshopId);
		return { scope: book.scope, decisions: book.decisions.map(d.decisionRecord) };
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => void this.#books.delete(workshopId));
	}

	holds(workshopId: string): boolean {
		return this.#books.has(workshopId);
	}
}

function shownDecision(decision: d.Decision, names: Map<string, string>): ShownDecision {
	const pub = d.publicDecision(decision);
	return {
		...pub,
		rounds: pub.rounds.map((r) =>
			r.kind === 'consent'
				? {
						...r,
						answers: r.answers.map(({ personId, ...a }) => ({
							...a,
							name: personId === null ? null : (names.get(personId) ?? '')
						}))
					}
				: r
		)
	};
}

function checkScopePart(input: string, field: string) {
	const r = checkLines(input, MAX_SCOPE_TEXT, { optional: true });
	return r.ok ? r : { ...r, field };
}

/** How many people could answer now: everyone here, with or without a device. */
async function presentIds(core: CoreServices, workshopId: string) {
	return (await core.workshops.participantsView(workshopId)).filter((p) => p.here).map((p) => p.id);
}

function today(core: CoreServices) {
	return new Date(core.now()).toISOString().slice(0, 10);
}

export const decisionsServer = defineServerFeature({
	feature: decisions,
	create: (core) => new DecisionBooks(core),
	handlers(books, core, use: UseService) {
		const queues = use(queueServer);
		const now = () => core.now();
		return {
			'decisions:scope': {
				who: 'facilitator',
				async run(input, { session }) {
					const fixed = checkScopePart(input.fixed, 'fixed');
					if (!fixed.ok) return textError(fixed.code, 'fixed');
					const open = checkScopePart(input.open, 'open');
					if (!open.ok) return textError(open.code, 'open');
					await books.setScope(session.workshopId, { fixed: fixed.value, open: open.value });
					return ok(null);
				}
			},
			'decisions:new': {
				who: 'facilitator',
				run: ({ proposal }, { session }) => books.add(session.workshopId, proposal)
			},
			'decisions:amend': {
				who: 'facilitator',
				run: ({ id, proposal }, { session }) =>
					books.step(session.workshopId, id, (x) => d.amendProposal(x, proposal, now()))
			},
			'decisions:goRound': {
				who: 'facilitator',
				run: ({ id, kind }, { session }) =>
					books.step(
						session.workshopId,
						id,
						(x) =>
							kind === 'clarifying'
								? d.startClarifyingRound(x, now())
								: d.startReactionRound(x, now()),
						async () => {
							// The queue's own go-round: everyone here in turn, each may pass.
							const present = await presentIds(core, session.workshopId);
							if (present.length === 0) return fail('nobody-here', 'Nobody is here to take part.');
							return queues.apply(session.workshopId, (st) => q.startGoRound(st, present));
						}
					)
			},
			'decisions:options': {
				who: 'facilitator',
				run: ({ id, mode, concernAllowed }, { session }) =>
					books.step(session.workshopId, id, (x) =>
						d.setConsentOptions(x, { mode, concernAllowed })
					)
			},
			'decisions:startConsent': {
				who: 'facilitator',
				run: ({ id }, { session }) =>
					books.step(session.workshopId, id, (x) => d.startConsentRound(x, now()))
			},
			'decisions:closeConsent': {
				who: 'facilitator',
				async run({ id }, { session }) {
					const eligible = (await presentIds(core, session.workshopId)).length;
					return books.step(session.workshopId, id, (x) => {
						const answered = x.open ? Object.keys(x.open.answers).length : 0;
						// Someone who answered and then left still counts as someone who could answer.
						return d.closeConsentRound(x, now(), Math.max(eligible, answered));
					});
				}
			},
			'decisions:cancelConsent': {
				who: 'facilitator',
				run: ({ id }, { session }) => books.step(session.workshopId, id, d.cancelConsentRound)
			},
			'decisions:withdraw': {
				who: 'facilitator',
				run: ({ id }, { session }) => books.step(session.workshopId, id, d.withdrawDecision)
			},
			'decisions:reviewDate': {
				who: 'facilitator',
				run: ({ id, date }, { session }) =>
					books.step(session.workshopId, id, (x) => d.setReviewDate(x, date, today(core)))
			},
			'decisions:answer': {
				who: 'participant',
				run: ({ id, answer, reason }, { session }) =>
					books.answer(session.workshopId, id, session.participantId, answer, reason)
			},
			'decisions:withdrawMine': {
				who: 'participant',
				run: async (_input, { session }) =>
					ok({ withdrawn: await books.withdrawNamed(session.workshopId, session.participantId) })
			}
		};
	}
});
