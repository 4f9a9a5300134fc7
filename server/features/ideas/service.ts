/**
 * The idea board of each workshop, on the server. Anonymity by construction:
 * - ideas are written with a random id and no author; the author keeps an ownership proof (an HMAC
 *   of the idea id) on their device, so nothing on the server maps people to ideas;
 * - ideas not yet on the board (silent collect, or the next live batch) wait in records that have
 *   no author and no time, under random keys, and reach the board shuffled;
 * - dots are kept per ballot. A person is issued one ballot, once: a random id with the server's
 *   seal, which only their device keeps. Storage holds the dots of each ballot, and, apart from
 *   that, only a flag that a person was issued a ballot. Nothing stored links the two, even for
 *   someone holding the server's secrets, so votes survive a restart without naming anyone.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type * as Y from 'yjs';
import type { ErrorCode } from '../../../src/lib/features/index.ts';
import type { MyVotes } from '../../../src/lib/features/ideas/feature.ts';
import {
	addVote,
	BOARD_MAPS,
	canChangeIdeas,
	MAX_IDEA,
	MAX_PROMPT,
	MAX_THEME,
	nextPhase,
	previousPhase,
	readBoard,
	removeVote,
	shuffled,
	votesUsed,
	type BoardPhase,
	type BoardView,
	type IdeaView
} from '../../../src/lib/features/ideas/model.ts';
import type { IdeasSetupInput } from '../../../src/lib/features/ideas/schemas.ts';
import { fail, ok, type Result } from '../../../src/lib/shared/result.ts';
import { checkLine, checkLines } from '../../../src/lib/shared/text.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { randomId, randomKey } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import type { StorageChange } from '../../storage/types.ts';
import type { FeatureService } from '../types.ts';

const FEATURE = 'ideas';
const HELD = 'held:';
const BALLOT = 'ballot:';
const ISSUED = 'issued:';

type Reply<T> = Promise<Result<T, ErrorCode>>;

export const LIVE_BATCH_MS = 5000;
const SECRET_NAME = 'idea-board';

const wrongPhase = () => fail('wrong-phase', 'That cannot be done at this stage of the board.');
const gone = () => fail('idea-gone', 'That is no longer on the board.');

export class IdeaBoards implements FeatureService {
	/** How long live ideas wait to be published together; tests shorten it. */
	batchMs = LIVE_BATCH_MS;
	/** Random source for shuffles (crypto); `n` gives 0..n-1. */
	randomInt: (n: number) => number = (n) => randomInt(n);
	#services: CoreServices;
	#secret: Promise<string> | null = null;
	#timers = new Map<string, NodeJS.Timeout>();
	#lanes = new PerWorkshop();

	constructor(services: CoreServices) {
		this.#services = services;
	}

	#storage() {
		return this.#services.storage;
	}

	async #heldIdeas(workshopId: string): Promise<{ id: string; text: string }[]> {
		const records = await this.#storage().records(workshopId, FEATURE, HELD);
		// Key order is the random ids' order, not arrival order.
		return records.map((r) => ({ id: r.key.slice(HELD.length), text: r.value }));
	}

	async #isHeld(workshopId: string, id: string): Promise<boolean> {
		return (await this.#storage().records(workshopId, FEATURE, HELD + id)).some(
			(r) => r.key === HELD + id
		);
	}

	#put(workshopId: string, key: string, value: string): StorageChange {
		return { kind: 'put', workshopId, feature: FEATURE, key, value };
	}

	#delete(workshopId: string, key: string): StorageChange {
		return { kind: 'delete', workshopId, feature: FEATURE, key };
	}

	#hmac(purpose: string, ...parts: string[]): Promise<string> {
		this.#secret ??= this.#services.storage.serverSecret(SECRET_NAME, randomKey);
		return this.#secret.then((secret) =>
			createHmac('sha256', secret)
				.update([purpose, ...parts].join('\u0000'))
				.digest('base64url')
		);
	}

	/** Runs board changes of one workshop one at a time, so budgets and batches never race. */
	#serial<T>(workshopId: string, fn: () => Promise<T>): Promise<T> {
		return this.#lanes.run(workshopId, fn);
	}

	async #doc(workshopId: string): Promise<Y.Doc> {
		return (await this.#services.rooms.room(docName(workshopId, 'board'))).doc;
	}

	async view(workshopId: string): Promise<BoardView> {
		return readBoard(await this.#doc(workshopId));
	}

	#change(workshopId: string, fn: (doc: Y.Doc) => void) {
		return this.#services.rooms.change(docName(workshopId, 'board'), fn);
	}

	async #ownsIdea(workshopId: string, id: string, proof: string): Promise<boolean> {
		const expected = Buffer.from(await this.#hmac('idea', workshopId, id));
		const given = Buffer.from(proof);
		return expected.length === given.length && timingSafeEqual(expected, given);
	}

	setup(workshopId: string, input: IdeasSetupInput): Reply<null> {
		return this.#serial(workshopId, async () => {
			const prompt = input.prompt.trim() === '' ? null : checkLine(input.prompt, MAX_PROMPT);
			if (prompt && !prompt.ok) return fail(prompt.code, 'The prompt is not right.', 'prompt');
			if (input.cap > input.budget) {
				return fail('bad-input', 'Dots on one idea cannot be more than dots in all.', 'cap');
			}
			const { settings } = await this.view(workshopId);
			if (!canChangeIdeas(settings.phase)) return wrongPhase();
			const held = await this.#heldIdeas(workshopId);
			await this.#change(workshopId, (doc) => {
				const s = doc.getMap(BOARD_MAPS.settings);
				s.set('prompt', prompt ? prompt.value : '');
				s.set('mode', input.mode);
				s.set('budget', input.budget);
				s.set('cap', input.cap);
				s.set('participantsGroup', input.participantsGroup);
				s.set('heldCount', input.mode === 'silent' ? held.length : 0);
			});
			if (input.mode === 'live' && held.length > 0) await this.#publishHeld(workshopId);
			return ok(null);
		});
	}

	add(workshopId: string, text: string): Reply<{ id: string; proof: string }> {
		return this.#serial(workshopId, async () => {
			const checked = checkLines(text, MAX_IDEA);
			if (!checked.ok) return fail(checked.code, 'The idea is not right.', 'idea');
			const { settings } = await this.view(workshopId);
			if (settings.phase !== 'collect') return wrongPhase();
			const id = randomId();
			await this.#storage().write([this.#put(workshopId, HELD + id, checked.value)]);
			if (settings.mode === 'silent') {
				await this.#change(workshopId, (doc) =>
					doc.getMap(BOARD_MAPS.settings).set('heldCount', settings.heldCount + 1)
				);
			} else this.#scheduleBatch(workshopId);
			return ok({ id, proof: await this.#hmac('idea', workshopId, id) });
		});
	}

	edit(workshopId: string, id: string, proof: string, text: string): Reply<null> {
		return this.#serial(workshopId, async () => {
			if (!(await this.#ownsIdea(workshopId, id, proof))) {
				return fail('not-allowed', 'Only the person who wrote an idea can change it.');
			}
			const checked = checkLines(text, MAX_IDEA);
			if (!checked.ok) return fail(checked.code, 'The idea is not right.', 'idea');
			const board = await this.view(workshopId);
			if (!canChangeIdeas(board.settings.phase)) return wrongPhase();
			if (await this.#isHeld(workshopId, id)) {
				await this.#storage().write([this.#put(workshopId, HELD + id, checked.value)]);
				return ok(null);
			}
			const idea = board.ideas.find((i) => i.id === id);
			if (!idea) return gone();
			await this.#change(workshopId, (doc) =>
				doc.getMap(BOARD_MAPS.ideas).set(id, { ...stored(idea), text: checked.value })
			);
			return ok(null);
		});
	}

	withdraw(workshopId: string, id: string, proof: string): Reply<null> {
		return this.#serial(workshopId, async () => {
			if (!(await this.#ownsIdea(workshopId, id, proof))) {
				return fail('not-allowed', 'Only the person who wrote an idea can withdraw it.');
			}
			const board = await this.view(workshopId);
			if (!canChangeIdeas(board.settings.phase)) return wrongPhase();
			if (await this.#isHeld(workshopId, id)) {
				await this.#storage().write([this.#delete(workshopId, HELD + id)]);
				if (board.settings.mode === 'silent') {
					await this.#change(workshopId, (doc) =>
						doc
							.getMap(BOARD_MAPS.settings)
							.set('heldCount', Math.max(0, board.settings.heldCount - 1))
					);
				}
				return ok(null);
			}
			if (!board.ideas.some((i) => i.id === id)) return gone();
			await this.#change(workshopId, (doc) => doc.getMap(BOARD_MAPS.ideas).delete(id));
			return ok(null);
		});
	}

	advance(workshopId: string, to: BoardPhase): Reply<null> {
		return this.#serial(workshopId, async () => {
			const { settings } = await this.view(workshopId);
			if (nextPhase(settings.phase) !== to) return wrongPhase();
			if (to === 'group') {
				// "Reveal ideas" in silent collect; in live collect, the last batch goes out at once.
				await this.#publishHeld(workshopId);
				await this.#change(workshopId, (doc) => {
					const s = doc.getMap(BOARD_MAPS.settings);
					s.set('heldCount', 0);
					s.set('phase', 'group');
				});
			} else if (to === 'vote') {
				await this.#change(workshopId, (doc) =>
					doc.getMap(BOARD_MAPS.settings).set('phase', 'vote')
				);
			} else {
				const totals = new Map<string, number>();
				const ballots = await this.#storage().records(workshopId, FEATURE, BALLOT);
				for (const ballot of ballots) {
					for (const [idea, n] of Object.entries(
						JSON.parse(ballot.value) as Record<string, number>
					))
						totals.set(idea, (totals.get(idea) ?? 0) + n);
				}
				const board = await this.view(workshopId);
				await this.#change(workshopId, (doc) => {
					const map = doc.getMap(BOARD_MAPS.totals);
					for (const idea of board.ideas) map.set(idea.id, totals.get(idea.id) ?? 0);
					doc.getMap(BOARD_MAPS.settings).set('phase', 'results');
				});
				// Once the totals are out, the ballots and the flags are forgotten too.
				const issued = await this.#storage().records(workshopId, FEATURE, ISSUED);
				await this.#storage().write(
					[...ballots, ...issued].map((r) => this.#delete(workshopId, r.key))
				);
			}
			return ok(null);
		});
	}

	/** Back one phase (issue 14): ideas, themes and votes given so far all stay as they are. */
	back(workshopId: string, to: BoardPhase): Reply<null> {
		return this.#serial(workshopId, async () => {
			const { settings } = await this.view(workshopId);
			if (previousPhase(settings.phase) !== to) return wrongPhase();
			await this.#change(workshopId, (doc) => doc.getMap(BOARD_MAPS.settings).set('phase', to));
			return ok(null);
		});
	}

	createTheme(workshopId: string, name: string): Reply<{ id: string }> {
		return this.#serial(workshopId, async () => {
			const checked = checkLine(name, MAX_THEME);
			if (!checked.ok) return fail(checked.code, 'The theme name is not right.', 'theme');
			const board = await this.view(workshopId);
			if (!canChangeIdeas(board.settings.phase)) return wrongPhase();
			const id = randomId();
			const position = Math.max(0, ...board.themes.map((t) => t.position)) + 1;
			await this.#change(workshopId, (doc) =>
				doc.getMap(BOARD_MAPS.themes).set(id, { name: checked.value, position })
			);
			return ok({ id });
		});
	}

	renameTheme(workshopId: string, id: string, name: string): Reply<null> {
		return this.#serial(workshopId, async () => {
			const checked = checkLine(name, MAX_THEME);
			if (!checked.ok) return fail(checked.code, 'The theme name is not right.', 'theme');
			const board = await this.view(workshopId);
			if (!canChangeIdeas(board.settings.phase)) return wrongPhase();
			const theme = board.themes.find((t) => t.id === id);
			if (!theme) return gone();
			await this.#change(workshopId, (doc) =>
				doc.getMap(BOARD_MAPS.themes).set(id, { name: checked.value, position: theme.position })
			);
			return ok(null);
		});
	}

	deleteTheme(workshopId: string, id: string): Reply<null> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			if (!canChangeIdeas(board.settings.phase)) return wrongPhase();
			if (!board.themes.some((t) => t.id === id)) return gone();
			await this.#change(workshopId, (doc) => {
				doc.getMap(BOARD_MAPS.themes).delete(id);
				// Its ideas stay on the board, without a theme.
				const ideas = doc.getMap(BOARD_MAPS.ideas);
				for (const idea of board.ideas)
					if (idea.theme === id) ideas.set(idea.id, { ...stored(idea), theme: null });
			});
			return ok(null);
		});
	}

	/** `byParticipant`: participants may move ideas only when the facilitator lets them group. */
	move(workshopId: string, id: string, theme: string | null, byParticipant: boolean): Reply<null> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			if (byParticipant && !board.settings.participantsGroup) {
				return fail('not-allowed', 'The facilitator has not opened grouping to everyone.');
			}
			if (board.settings.phase !== 'group') return wrongPhase();
			const idea = board.ideas.find((i) => i.id === id);
			if (!idea || (theme !== null && !board.themes.some((t) => t.id === theme))) return gone();
			await this.#change(workshopId, (doc) =>
				doc.getMap(BOARD_MAPS.ideas).set(id, { ...stored(idea), theme })
			);
			return ok(null);
		});
	}

	/** Merges a duplicate into another idea: the duplicate leaves the board. */
	merge(workshopId: string, from: string, into: string): Reply<null> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			if (board.settings.phase !== 'group') return wrongPhase();
			if (from === into) return fail('bad-input', 'An idea cannot be merged into itself.');
			const ideas = board.ideas.filter((i) => i.id === from || i.id === into);
			if (ideas.length !== 2) return gone();
			await this.#change(workshopId, (doc) => doc.getMap(BOARD_MAPS.ideas).delete(from));
			return ok(null);
		});
	}

	/** Takes an idea off the board for everyone (it may name a person); its dots go back. */
	hide(workshopId: string, id: string): Reply<null> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			if (!board.ideas.some((i) => i.id === id)) return gone();
			const changes: StorageChange[] = [];
			for (const ballot of await this.#storage().records(workshopId, FEATURE, BALLOT)) {
				const mine = JSON.parse(ballot.value) as Record<string, number>;
				if (!(id in mine)) continue;
				delete mine[id];
				changes.push(this.#put(workshopId, ballot.key, JSON.stringify(mine)));
			}
			if (changes.length > 0) await this.#storage().write(changes);
			await this.#change(workshopId, (doc) => {
				doc.getMap(BOARD_MAPS.ideas).delete(id);
				doc.getMap(BOARD_MAPS.totals).delete(id);
			});
			return ok(null);
		});
	}

	/** A ballot token is a random id and the server's seal on it: only sealed ballots count. */
	async #openBallot(workshopId: string, token: string): Promise<string | null> {
		const [id, seal] = token.split('.');
		if (!id || !seal) return null;
		const expected = Buffer.from(await this.#hmac('ballot', workshopId, id));
		const given = Buffer.from(seal);
		return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
	}

	async #dots(workshopId: string, ballotId: string): Promise<Record<string, number>> {
		const found = await this.#storage().records(workshopId, FEATURE, BALLOT + ballotId);
		const record = found.find((r) => r.key === BALLOT + ballotId);
		return record ? (JSON.parse(record.value) as Record<string, number>) : {};
	}

	/**
	 * The person's ballot: the one their device holds, or a new one if they never had one. A second
	 * ballot for the same person is refused, so joining again on another device gives no more dots.
	 */
	async #ballot(
		workshopId: string,
		participantId: string,
		token: string | undefined
	): Promise<Result<{ id: string; token: string }, ErrorCode>> {
		if (token !== undefined) {
			const id = await this.#openBallot(workshopId, token);
			return id ? ok({ id, token }) : fail('ballot-not-valid', 'That ballot is not valid.');
		}
		const flag = ISSUED + (await this.#hmac('voter', workshopId, participantId));
		const issued = await this.#storage().records(workshopId, FEATURE, flag);
		if (issued.some((r) => r.key === flag)) {
			return fail('ballot-elsewhere', 'Your votes are on the device you first voted from.');
		}
		const id = randomId();
		// Only the flag is stored now; the ballot's own record appears with its first dot, later.
		await this.#storage().write([this.#put(workshopId, flag, '1')]);
		return ok({ id, token: `${id}.${await this.#hmac('ballot', workshopId, id)}` });
	}

	vote(
		workshopId: string,
		participantId: string,
		id: string,
		token: string,
		direction: 'add' | 'remove'
	): Reply<MyVotes> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			if (board.settings.phase !== 'vote') return wrongPhase();
			if (!board.ideas.some((i) => i.id === id)) return gone();
			const ballot = await this.#ballot(workshopId, participantId, token);
			if (!ballot.ok) return ballot;
			const mine = await this.#dots(workshopId, ballot.data.id);
			const { budget, cap } = board.settings;
			const next = direction === 'add' ? addVote(mine, id, budget, cap) : removeVote(mine, id);
			if (!next.ok) {
				if (next.code === 'no-votes-left') {
					return fail('no-votes-left', `You have used all ${budget} of your votes.`);
				}
				if (next.code === 'idea-vote-limit') {
					return fail('idea-vote-limit', `You can give one idea up to ${cap} votes.`);
				}
				return fail('idea-gone', 'You have no vote on that idea to take back.');
			}
			await this.#storage().write([
				this.#put(workshopId, BALLOT + ballot.data.id, JSON.stringify(next.mine))
			]);
			return ok({ left: budget - votesUsed(next.mine), mine: next.mine, ballot: token });
		});
	}

	/** The person's own dots; issues their ballot the first time they ask. */
	myVotes(workshopId: string, participantId: string, token: string | undefined): Reply<MyVotes> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			const ballot = await this.#ballot(workshopId, participantId, token);
			if (!ballot.ok) return ballot;
			const mine = await this.#dots(workshopId, ballot.data.id);
			const onBoard = Object.fromEntries(
				Object.entries(mine).filter(([id]) => board.ideas.some((i) => i.id === id))
			);
			return ok({
				left: board.settings.budget - votesUsed(onBoard),
				mine: onBoard,
				ballot: ballot.data.token
			});
		});
	}

	#scheduleBatch(workshopId: string) {
		if (this.#timers.has(workshopId)) return;
		const timer = setTimeout(() => {
			this.#timers.delete(workshopId);
			void this.#serial(workshopId, () => this.#publishHeld(workshopId)).catch((e: Error) =>
				this.#services.log.error('ideas.batch-failed', { reason: e.message })
			);
		}, this.batchMs);
		timer.unref();
		this.#timers.set(workshopId, timer);
	}

	/** Publishes every held idea at once, in a random order, after the ideas already there. */
	async #publishHeld(workshopId: string) {
		const timer = this.#timers.get(workshopId);
		if (timer) clearTimeout(timer);
		this.#timers.delete(workshopId);
		const held = await this.#heldIdeas(workshopId);
		if (held.length === 0) return;
		const board = await this.view(workshopId);
		const order = shuffled(held, this.randomInt);
		let position = Math.max(0, ...board.ideas.map((i) => i.position));
		await this.#change(workshopId, (doc) => {
			const ideas = doc.getMap(BOARD_MAPS.ideas);
			for (const idea of order) {
				// Already published (a stop between publishing and dropping the row): keep the one there.
				if (ideas.has(idea.id)) continue;
				ideas.set(idea.id, { text: idea.text, theme: null, position: ++position });
			}
		});
		await this.#storage().write(held.map((idea) => this.#delete(workshopId, HELD + idea.id)));
	}

	/** Nothing of a board is held in memory but its pending batch, which is stored already. */
	/** Publishes the waiting batch now (tests use it to look at one batch without racing a timer). */
	publishNow(workshopId: string): Promise<void> {
		return this.#serial(workshopId, () => this.#publishHeld(workshopId));
	}

	/** A batch still waiting goes out now rather than waiting for the workshop to come back. */
	evict(workshopId: string): Promise<void> {
		return this.#serial(workshopId, async () => {
			if (this.#timers.has(workshopId)) await this.#publishHeld(workshopId);
		});
	}

	/** Live ideas acknowledged before a restart are still held: they go out with a fresh batch. */
	resume(workshopId: string): Promise<void> {
		return this.#serial(workshopId, async () => {
			const { settings } = await this.view(workshopId);
			if (settings.phase !== 'collect' || settings.mode !== 'live') return;
			if ((await this.#heldIdeas(workshopId)).length > 0) this.#scheduleBatch(workshopId);
		});
	}

	holds(workshopId: string): boolean {
		return this.#timers.has(workshopId);
	}

	/** Stops pending batches (their ideas stay held in storage and go out with the next one). */
	async close() {
		for (const t of this.#timers.values()) clearTimeout(t);
		this.#timers.clear();
	}
}

function stored(idea: IdeaView) {
	return { text: idea.text, theme: idea.theme, position: idea.position };
}
