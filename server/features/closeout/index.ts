/**
 * Close-out on the server. Answers are filed under an HMAC of the person with a secret that lives
 * only in this process's memory (as consent answers are), so the stored round names nobody; a
 * separate row lists who has answered (not what), so that after a restart a second answer from the
 * same person is refused rather than counted twice. Results exist only once feedback is closed,
 * and go to facilitators; to everyone only if a facilitator shares them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { closeout, type CloseoutView } from '../../../src/lib/features/closeout/feature.ts';
import * as c from '../../../src/lib/features/closeout/model.ts';
import type { ErrorCode } from '../../../src/lib/features/index.ts';
import { fail, ok, type Result } from '../../../src/lib/shared/result.ts';
import { TEXT_MESSAGES } from '../../../src/lib/shared/text.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { PerWorkshop } from '../../serial.ts';
import type { StorageChange } from '../../storage/types.ts';
import { defineServerFeature, type FeatureService } from '../types.ts';

const FEATURE = 'closeout';
const ROUND_KEY = 'round';
const ANSWERED_KEY = 'answered';
const NAMING = 'naming:';
const VIEW_KEY = 'view';

interface State {
	round: c.FeedbackRound;
	share: boolean;
	answered: string[];
}

const MESSAGES: Record<c.CloseoutErrorCode, string> = {
	'bad-input': 'That was not understood.',
	empty: 'Please answer at least one question.',
	'too-long': TEXT_MESSAGES['too-long'],
	'control-characters': TEXT_MESSAGES['control-characters'],
	'invalid-answer': 'Please choose one of the answers.',
	'invalid-respondent': 'We could not tell who sent that.',
	'feedback-closed': 'Feedback is not open.',
	unchanged: 'Nothing changed: it was already like that.'
};

function modelFailure(e: c.CloseoutError) {
	const code: ErrorCode = e.code === 'invalid-respondent' ? 'bad-input' : e.code;
	return fail(code, MESSAGES[e.code], e.field);
}

export class Closeouts implements FeatureService {
	#core: CoreServices;
	#states = new Map<string, State>();
	#lanes = new PerWorkshop();
	#secret = randomBytes(32);

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async state(workshopId: string): Promise<State> {
		let state = this.#states.get(workshopId);
		if (!state) {
			const rows = await this.#core.storage.records(workshopId, FEATURE);
			const get = (key: string) => rows.find((r) => r.key === key)?.value;
			const round = get(ROUND_KEY);
			const parsed = round
				? (JSON.parse(round) as { round: c.FeedbackRound; share: boolean })
				: { round: c.createFeedbackRound(), share: false };
			parsed.round.entries = Object.assign(Object.create(null), parsed.round.entries);
			state = { ...parsed, answered: JSON.parse(get(ANSWERED_KEY) ?? '[]') as string[] };
			this.#states.set(workshopId, state);
		}
		return state;
	}

	#respondent(workshopId: string, personId: string) {
		return createHmac('sha256', this.#secret)
			.update(`${workshopId}\u0000${personId}`)
			.digest('base64url');
	}

	async #commit(workshopId: string, next: State, answeredChanged: boolean) {
		const changes: StorageChange[] = [
			{
				kind: 'put',
				workshopId,
				feature: FEATURE,
				key: ROUND_KEY,
				value: JSON.stringify({ round: next.round, share: next.share })
			}
		];
		if (answeredChanged) {
			changes.push({
				kind: 'put',
				workshopId,
				feature: FEATURE,
				key: ANSWERED_KEY,
				value: JSON.stringify(next.answered)
			});
		}
		await this.#core.storage.write(changes);
		this.#states.set(workshopId, next);
		const summary = c.summariseFeedback(next.round);
		const view: CloseoutView = {
			open: next.round.open,
			shared: next.share && summary.available ? summary : null
		};
		await this.#core.rooms.change(docName(workshopId, 'closeout'), (doc) => {
			doc.getMap('closeout').set(VIEW_KEY, view);
		});
		this.#core.publish.facilitators(workshopId, 'closeout:results', summary);
	}

	change(
		workshopId: string,
		fn: (s: State) => { ok: true; state: c.FeedbackRound } | c.CloseoutError,
		share?: boolean
	): Promise<Result<null, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const s = await this.state(workshopId);
			const r = fn(s);
			if (!r.ok) return modelFailure(r);
			await this.#commit(workshopId, { ...s, round: r.state, share: share ?? s.share }, false);
			return ok(null);
		});
	}

	setShare(workshopId: string, share: boolean): Promise<Result<null, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const s = await this.state(workshopId);
			if (s.share === share) return fail('unchanged', MESSAGES.unchanged);
			await this.#commit(workshopId, { ...s, share }, false);
			return ok(null);
		});
	}

	answer(
		workshopId: string,
		personId: string,
		role: string,
		input: { heard: unknown; ladder: unknown; comment: unknown }
	): Promise<Result<null, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const s = await this.state(workshopId);
			const key = this.#respondent(workshopId, personId);
			const seen = s.answered.includes(personId);
			if (seen && !Object.hasOwn(s.round.entries, key)) {
				return fail('answer-kept', 'Your answer was kept, but it can no longer be changed.');
			}
			const r = c.submitFeedback(s.round, key, role, input);
			if (!r.ok) return modelFailure(r);
			// Sorted, so the list says who has answered and nothing about when.
			const answered = seen ? s.answered : [...s.answered, personId].sort();
			await this.#commit(workshopId, { ...s, round: r.state, answered }, !seen);
			return ok(null);
		});
	}

	async naming(workshopId: string, personId: string): Promise<c.Naming> {
		const rows = await this.#core.storage.records(workshopId, FEATURE, NAMING + personId);
		const value = rows[0]?.value;
		return value && c.isNaming(JSON.parse(value))
			? (JSON.parse(value) as c.Naming)
			: c.DEFAULT_NAMING;
	}

	/** Every person's choice, for the record. */
	async namings(workshopId: string): Promise<Map<string, c.Naming>> {
		const rows = await this.#core.storage.records(workshopId, FEATURE, NAMING);
		return new Map(rows.map((r) => [r.key.slice(NAMING.length), JSON.parse(r.value) as c.Naming]));
	}

	async setNaming(workshopId: string, personId: string, naming: c.Naming) {
		await this.#core.storage.write([
			{
				kind: 'put',
				workshopId,
				feature: FEATURE,
				key: NAMING + personId,
				value: JSON.stringify(naming)
			}
		]);
	}

	evict(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => void this.#states.delete(workshopId));
	}

	holds(workshopId: string): boolean {
		return this.#states.has(workshopId);
	}
}

export const closeoutServer = defineServerFeature({
	feature: closeout,
	create: (core) => new Closeouts(core),
	handlers(closeouts, core) {
		return {
			'closeout:ask': {
				who: 'facilitator',
				run: (_input, { session }) =>
					closeouts.change(session.workshopId, (s) => c.openFeedback(s.round))
			},
			'closeout:stop': {
				who: 'facilitator',
				run: (_input, { session }) =>
					closeouts.change(session.workshopId, (s) => c.closeFeedback(s.round))
			},
			'closeout:share': {
				who: 'facilitator',
				run: ({ share }, { session }) => closeouts.setShare(session.workshopId, share)
			},
			'closeout:results': {
				who: 'facilitator',
				whileClosed: true,
				run: async (_input, { session }) =>
					ok(c.summariseFeedback((await closeouts.state(session.workshopId)).round))
			},
			'closeout:answer': {
				who: 'participant',
				async run(input, { session }) {
					const person = await core.storage.participant(session.workshopId, session.participantId);
					if (!person) return fail('not-joined', 'Please join the workshop first.');
					return closeouts.answer(session.workshopId, session.participantId, person.role, input);
				}
			},
			'closeout:naming': {
				who: 'participant',
				async run({ naming }, { session }) {
					await closeouts.setNaming(session.workshopId, session.participantId, naming);
					return ok(null);
				}
			},
			'closeout:myNaming': {
				who: 'participant',
				whileClosed: true,
				run: async (_input, { session }) =>
					ok(await closeouts.naming(session.workshopId, session.participantId))
			}
		};
	}
});
