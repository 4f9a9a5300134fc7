/**
 * Close-out on the server. An answer is filed under a key only the person's own device can make:
 * an HMAC keyed with their device key, which the server checks against its stored hash but never
 * keeps. So the stored round names nobody, even to someone holding the database and every server
 * secret, and no row says who has answered; yet the same device answering again (after a restart
 * too) replaces its answer instead of adding one. Each answer carries only the role group
 * `roleBucket` gives (never a group smaller than three people who could answer). Results exist
 * only once feedback is closed, and go to facilitators; to everyone only if a facilitator shares.
 */
import { createHmac } from 'node:crypto';
import { closeout, type CloseoutView } from '../../../src/lib/features/closeout/feature.ts';
import * as c from '../../../src/lib/features/closeout/model.ts';
import type { ErrorCode } from '../../../src/lib/features/index.ts';
import { fail, ok, type Result } from '../../../src/lib/shared/result.ts';
import { TEXT_MESSAGES } from '../../../src/lib/shared/text.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { hashKey, sameHash } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import type { StorageChange } from '../../storage/types.ts';
import { PROXY_KEY_HASH } from '../../workshops.ts';
import { defineServerFeature, type FeatureService } from '../types.ts';

const FEATURE = 'closeout';
const ROUND_KEY = 'round';
/** Written by earlier versions (who had answered); removed at the next change. */
const ANSWERED_KEY = 'answered';
const NAMING = 'naming:';
const VIEW_KEY = 'view';

interface State {
	round: c.FeedbackRound;
	share: boolean;
	/** A list of who had answered, from an earlier version, is still stored. */
	legacyAnswered: boolean;
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

/**
 * The key a device's close-out answer is filed under: an HMAC keyed with the device's own key. The
 * server stores only a hash of that key, from which this cannot be made, so nobody reading storage
 * (with the server's secrets or not) can tell whose answer is whose, or whether someone answered.
 */
export function respondentKey(workshopId: string, participantKey: string): string {
	return createHmac('sha256', participantKey)
		.update(`closeout\u0000${workshopId}`)
		.digest('base64url');
}

export class Closeouts implements FeatureService {
	#core: CoreServices;
	#states = new Map<string, State>();
	#lanes = new PerWorkshop();

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
			state = { ...parsed, legacyAnswered: get(ANSWERED_KEY) !== undefined };
			this.#states.set(workshopId, state);
		}
		return state;
	}

	async #commit(workshopId: string, next: State) {
		const changes: StorageChange[] = [
			{
				kind: 'put',
				workshopId,
				feature: FEATURE,
				key: ROUND_KEY,
				value: JSON.stringify({ round: next.round, share: next.share })
			}
		];
		if (next.legacyAnswered) {
			changes.push({ kind: 'delete', workshopId, feature: FEATURE, key: ANSWERED_KEY });
			next = { ...next, legacyAnswered: false };
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
			await this.#commit(workshopId, { ...s, round: r.state, share: share ?? s.share });
			return ok(null);
		});
	}

	setShare(workshopId: string, share: boolean): Promise<Result<null, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const s = await this.state(workshopId);
			if (s.share === share) return fail('unchanged', MESSAGES.unchanged);
			await this.#commit(workshopId, { ...s, share });
			return ok(null);
		});
	}

	/**
	 * Records or replaces one answer. `respondent` is the device's own key for this workshop's
	 * close-out (see `respondentKey`); `role` is the group from `roleBucket`, or null.
	 */
	answer(
		workshopId: string,
		respondent: string,
		role: string | null,
		input: { heard: unknown; ladder: unknown; comment: unknown }
	): Promise<Result<null, ErrorCode>> {
		return this.#lanes.run(workshopId, async () => {
			const s = await this.state(workshopId);
			const r = c.submitFeedback(s.round, respondent, role, input);
			if (!r.ok) return modelFailure(r);
			await this.#commit(workshopId, { ...s, round: r.state });
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
				async run({ participantKey, ...answer }, { session }) {
					const { workshopId, participantId } = session;
					const person = await core.storage.participant(workshopId, participantId);
					if (!person) return fail('not-joined', 'Please join the workshop first.');
					// The device proves its key again: only it can make the key its answer is filed under.
					if (!sameHash(person.keyHash, hashKey(participantKey))) {
						return fail(
							'link-not-valid',
							'This device is not known to the workshop. Please join again.'
						);
					}
					const roster = (await core.storage.participants(workshopId))
						.filter((p) => p.keyHash !== PROXY_KEY_HASH)
						.map((p) => p.role);
					return closeouts.answer(
						workshopId,
						respondentKey(workshopId, participantKey),
						c.roleBucket(person.role, roster),
						answer
					);
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
