/**
 * The idea board of each workshop, on the server. Anonymity by construction:
 * - ideas are written with a random id and no author; the author keeps an ownership proof (an HMAC
 *   of the idea id) on their device, so nothing on the server maps people to ideas;
 * - ideas not yet on the board (silent collect, or the next live batch) wait in storage rows that
 *   have no author and no time, and reach the board shuffled;
 * - dots are counted in memory only, per voter under an HMAC of (workshop, participant), so no
 *   stored row, document or message links a person to what they voted for. Only totals are ever
 *   written, and only at "Show results". A restart during voting clears the dots cast so far.
 */
import { PerWorkshop } from './serial.ts';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type * as Y from 'yjs';
import {
	addVote,
	BOARD_MAPS,
	canChangeIdeas,
	MAX_IDEA,
	MAX_PROMPT,
	MAX_THEME,
	nextPhase,
	readBoard,
	removeVote,
	shuffled,
	votesUsed,
	type BoardPhase,
	type BoardView,
	type IdeaView
} from '../src/lib/shared/ideas.ts';
import type { MyVotes } from '../src/lib/shared/ideas-events.ts';
import type { IdeasSetupInput } from '../src/lib/shared/ideas-schemas.ts';
import { fail, ok, type Result } from '../src/lib/shared/result.ts';
import { checkLine, checkText } from '../src/lib/shared/text.ts';
import { docName } from '../src/lib/shared/workshop.ts';
import { randomId, randomKey } from './secrets.ts';
import type { Services } from './services.ts';

export const LIVE_BATCH_MS = 5000;
const SECRET_NAME = 'idea-board';

const wrongPhase = () => fail('wrong-phase', 'That cannot be done at this stage of the board.');
const gone = () => fail('idea-gone', 'That is no longer on the board.');

export class IdeaBoards {
	/** How long live ideas wait to be published together; tests shorten it. */
	batchMs = LIVE_BATCH_MS;
	/** Random source for shuffles (crypto); `n` gives 0..n-1. */
	randomInt: (n: number) => number = (n) => randomInt(n);
	#services: Services;
	#secret: Promise<string> | null = null;
	/** workshop → voter key (HMAC) → idea id → dots. Memory only, on purpose. */
	#votes = new Map<string, Map<string, Record<string, number>>>();
	#timers = new Map<string, NodeJS.Timeout>();
	#lanes = new PerWorkshop();

	constructor(services: Services) {
		this.#services = services;
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

	setup(workshopId: string, input: IdeasSetupInput): Promise<Result<null>> {
		return this.#serial(workshopId, async () => {
			const prompt = input.prompt.trim() === '' ? null : checkLine(input.prompt, MAX_PROMPT);
			if (prompt && !prompt.ok) return fail(prompt.code, 'The prompt is not right.', 'prompt');
			if (input.cap > input.budget) {
				return fail('bad-input', 'Dots on one idea cannot be more than dots in all.', 'cap');
			}
			const { settings } = await this.view(workshopId);
			if (!canChangeIdeas(settings.phase)) return wrongPhase();
			const held = await this.#services.storage.heldIdeas(workshopId);
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

	add(workshopId: string, text: string): Promise<Result<{ id: string; proof: string }>> {
		return this.#serial(workshopId, async () => {
			const checked = checkText(text, MAX_IDEA);
			if (!checked.ok) return fail(checked.code, 'The idea is not right.', 'idea');
			const { settings } = await this.view(workshopId);
			if (settings.phase !== 'collect') return wrongPhase();
			const id = randomId();
			await this.#services.storage.holdIdea(workshopId, id, checked.value);
			if (settings.mode === 'silent') {
				await this.#change(workshopId, (doc) =>
					doc.getMap(BOARD_MAPS.settings).set('heldCount', settings.heldCount + 1)
				);
			} else this.#scheduleBatch(workshopId);
			return ok({ id, proof: await this.#hmac('idea', workshopId, id) });
		});
	}

	edit(workshopId: string, id: string, proof: string, text: string): Promise<Result<null>> {
		return this.#serial(workshopId, async () => {
			if (!(await this.#ownsIdea(workshopId, id, proof))) {
				return fail('not-allowed', 'Only the person who wrote an idea can change it.');
			}
			const checked = checkText(text, MAX_IDEA);
			if (!checked.ok) return fail(checked.code, 'The idea is not right.', 'idea');
			const board = await this.view(workshopId);
			if (!canChangeIdeas(board.settings.phase)) return wrongPhase();
			if (await this.#services.storage.editHeldIdea(workshopId, id, checked.value)) return ok(null);
			const idea = board.ideas.find((i) => i.id === id);
			if (!idea) return gone();
			await this.#change(workshopId, (doc) =>
				doc.getMap(BOARD_MAPS.ideas).set(id, { ...stored(idea), text: checked.value })
			);
			return ok(null);
		});
	}

	withdraw(workshopId: string, id: string, proof: string): Promise<Result<null>> {
		return this.#serial(workshopId, async () => {
			if (!(await this.#ownsIdea(workshopId, id, proof))) {
				return fail('not-allowed', 'Only the person who wrote an idea can withdraw it.');
			}
			const board = await this.view(workshopId);
			if (!canChangeIdeas(board.settings.phase)) return wrongPhase();
			if (await this.#services.storage.dropHeldIdea(workshopId, id)) {
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

	advance(workshopId: string, to: BoardPhase): Promise<Result<null>> {
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
				this.#votes.set(workshopId, new Map());
				await this.#change(workshopId, (doc) =>
					doc.getMap(BOARD_MAPS.settings).set('phase', 'vote')
				);
			} else {
				const totals = new Map<string, number>();
				for (const mine of this.#votes.get(workshopId)?.values() ?? []) {
					for (const [idea, n] of Object.entries(mine))
						totals.set(idea, (totals.get(idea) ?? 0) + n);
				}
				const board = await this.view(workshopId);
				await this.#change(workshopId, (doc) => {
					const map = doc.getMap(BOARD_MAPS.totals);
					for (const idea of board.ideas) map.set(idea.id, totals.get(idea.id) ?? 0);
					doc.getMap(BOARD_MAPS.settings).set('phase', 'results');
				});
				// Once the totals are out, who gave which dot is forgotten too.
				this.#votes.delete(workshopId);
			}
			return ok(null);
		});
	}

	createTheme(workshopId: string, name: string): Promise<Result<{ id: string }>> {
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

	renameTheme(workshopId: string, id: string, name: string): Promise<Result<null>> {
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

	deleteTheme(workshopId: string, id: string): Promise<Result<null>> {
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
	move(
		workshopId: string,
		id: string,
		theme: string | null,
		byParticipant: boolean
	): Promise<Result<null>> {
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
	merge(workshopId: string, from: string, into: string): Promise<Result<null>> {
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
	hide(workshopId: string, id: string): Promise<Result<null>> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			if (!board.ideas.some((i) => i.id === id)) return gone();
			for (const [voter, mine] of this.#votes.get(workshopId) ?? []) {
				if (!(id in mine)) continue;
				const rest = { ...mine };
				delete rest[id];
				this.#votes.get(workshopId)!.set(voter, rest);
			}
			await this.#change(workshopId, (doc) => {
				doc.getMap(BOARD_MAPS.ideas).delete(id);
				doc.getMap(BOARD_MAPS.totals).delete(id);
			});
			return ok(null);
		});
	}

	async #ledger(workshopId: string, participantId: string) {
		const key = await this.#hmac('voter', workshopId, participantId);
		let votes = this.#votes.get(workshopId);
		if (!votes) {
			votes = new Map();
			this.#votes.set(workshopId, votes);
		}
		return { key, votes, mine: votes.get(key) ?? {} };
	}

	vote(
		workshopId: string,
		participantId: string,
		id: string,
		direction: 'add' | 'remove'
	): Promise<Result<MyVotes>> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			if (board.settings.phase !== 'vote') return wrongPhase();
			if (!board.ideas.some((i) => i.id === id)) return gone();
			const { key, votes, mine } = await this.#ledger(workshopId, participantId);
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
			votes.set(key, next.mine);
			return ok({ left: budget - votesUsed(next.mine), mine: next.mine });
		});
	}

	myVotes(workshopId: string, participantId: string): Promise<Result<MyVotes>> {
		return this.#serial(workshopId, async () => {
			const board = await this.view(workshopId);
			const { mine } = await this.#ledger(workshopId, participantId);
			const onBoard = Object.fromEntries(
				Object.entries(mine).filter(([id]) => board.ideas.some((i) => i.id === id))
			);
			return ok({ left: board.settings.budget - votesUsed(onBoard), mine: onBoard });
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
		const held = await this.#services.storage.heldIdeas(workshopId);
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
		for (const idea of held) await this.#services.storage.dropHeldIdea(workshopId, idea.id);
	}

	/** Stops pending batches (their ideas stay held in storage and go out with the next one). */
	close() {
		for (const t of this.#timers.values()) clearTimeout(t);
		this.#timers.clear();
	}
}

function stored(idea: IdeaView) {
	return { text: idea.text, theme: idea.theme, position: idea.position };
}

const boards = new WeakMap<Services, IdeaBoards>();

/** The one IdeaBoards of a running server (created on first use, so wiring stays untouched). */
export function ideaBoards(services: Services): IdeaBoards {
	let found = boards.get(services);
	if (!found) {
		found = new IdeaBoards(services);
		boards.set(services, found);
	}
	return found;
}
