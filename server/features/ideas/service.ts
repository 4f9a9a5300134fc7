/**
 * The idea board of each workshop, on the server. Anonymity by construction:
 * - ideas are written with a random id and no author; the author keeps an ownership proof (an HMAC
 *   of the idea id) on their device, so nothing on the server maps people to ideas;
 * - ideas not yet on the board (silent collect, or the next live batch) and edits not yet on it
 *   wait in records with no author and no time. Every change to what waits rewrites all of it, in a
 *   random order under fresh random keys, in one transaction: the rows' keys, the order a scan
 *   returns them in and where their bytes sit in the database's pages then follow no arrival order
 *   (a table keyed by random ids is not enough: SQLite places each new cell's bytes, and
 *   PostgreSQL each new row, in the order they were inserted). What this cannot hide is history a
 *   database keeps of its own (SQLite's write-ahead log until the next checkpoint, PostgreSQL's
 *   dead rows until vacuum);
 * - anonymity in time: live ideas and edits to published ideas go out together on a fixed cadence
 *   with a minimum batch (`server/cadence.ts`), never at the moment they were sent;
 * - caps: ideas per board come from storage; ideas per person are counted in memory only (a count,
 *   never which ideas), so nothing stored ties a person to a number of ideas either;
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
import { MAX_IDEAS_PER_BOARD, MAX_IDEAS_PER_PERSON } from '../../../src/lib/shared/limits.ts';
import { fail, ok, type Result } from '../../../src/lib/shared/result.ts';
import { checkLine, checkLines } from '../../../src/lib/shared/text.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import { Cadence } from '../../cadence.ts';
import { DEFAULT_CADENCE_MS } from '../../config.ts';
import type { CoreServices } from '../../core.ts';
import { randomId, randomKey } from '../../secrets.ts';
import { PerWorkshop } from '../../serial.ts';
import type { StorageChange } from '../../storage/types.ts';
import type { FeatureService } from '../types.ts';

const FEATURE = 'ideas';
/** Rows written before the rewrite-in-random-order scheme: key `held:<idea id>`, value the text. */
const HELD = 'held:';
/** What waits: key `pending:<random>`, value a `Pending` as JSON. */
const PENDING = 'pending:';
const BALLOT = 'ballot:';
const ISSUED = 'issued:';

type Reply<T> = Promise<Result<T, ErrorCode>>;

/** An idea not on the board yet, or a new text for an idea that is. */
interface Pending {
	kind: 'idea' | 'edit';
	id: string;
	text: string;
}

interface PendingRow {
	key: string;
	item: Pending;
}

const SECRET_NAME = 'idea-board';

const wrongPhase = () => fail('wrong-phase', 'That cannot be done at this stage of the board.');
const gone = () => fail('idea-gone', 'That is no longer on the board.');

export class IdeaBoards implements FeatureService {
	/** Random source for shuffles and row keys' order (crypto); `n` gives 0..n-1. */
	randomInt: (n: number) => number = (n) => randomInt(n);
	#services: CoreServices;
	#secret: Promise<string> | null = null;
	#lanes = new PerWorkshop();
	#cadence: Cadence;
	/** Ideas each person added to each board, in memory only: numbers, never which ideas. */
	#added = new Map<string, Map<string, number>>();

	constructor(services: CoreServices) {
		this.#services = services;
		this.#cadence = new Cadence({
			name: 'ideas.batch',
			everyMs: services.config.cadenceMs ?? DEFAULT_CADENCE_MS,
			log: services.log,
			serial: (workshopId, fn) => this.#serial(workshopId, fn),
			count: (workshopId) => this.#releasable(workshopId),
			release: (workshopId) => this.#release(workshopId)
		});
	}

	/** How often live ideas and edits go out together; tests shorten it. */
	get batchMs(): number {
		return this.#cadence.everyMs;
	}
	set batchMs(ms: number) {
		this.#cadence.everyMs = ms;
	}

	#storage() {
		return this.#services.storage;
	}

	/** Everything waiting for the board: ideas not published yet, and edits of published ones. */
	async #pending(workshopId: string): Promise<PendingRow[]> {
		const [old, rows] = await Promise.all([
			this.#storage().records(workshopId, FEATURE, HELD),
			this.#storage().records(workshopId, FEATURE, PENDING)
		]);
		return [
			...old.map((r) => ({
				key: r.key,
				item: { kind: 'idea' as const, id: r.key.slice(HELD.length), text: r.value }
			})),
			...rows.map((r) => ({ key: r.key, item: JSON.parse(r.value) as Pending }))
		];
	}

	async #heldIdeas(workshopId: string): Promise<Pending[]> {
		return (await this.#pending(workshopId)).map((r) => r.item).filter((i) => i.kind === 'idea');
	}

	/**
	 * How many changes the next tick may publish: edits always; ideas in live collect (or after it);
	 * in silent collect, ideas added or withdrawn since the count of ideas so far was last shown.
	 */
	async #releasable(workshopId: string): Promise<number> {
		const items = (await this.#pending(workshopId)).map((r) => r.item);
		const { settings } = await this.view(workshopId);
		if (!(settings.phase === 'collect' && settings.mode === 'silent')) return items.length;
		const held = items.filter((i) => i.kind === 'idea').length;
		return items.length - held + Math.abs(held - settings.heldCount);
	}

	/**
	 * Replaces everything waiting with `items`, in one transaction: every old row goes and every item
	 * is written again under a fresh random key, in a random order. So neither keys, nor scan order,
	 * nor where the bytes land in the pages keep the order things arrived in.
	 */
	async #rewrite(workshopId: string, rows: PendingRow[], items: Pending[]): Promise<void> {
		const changes: StorageChange[] = rows.map((r) => this.#delete(workshopId, r.key));
		for (const item of shuffled(items, this.randomInt)) {
			changes.push(this.#put(workshopId, PENDING + randomId(), JSON.stringify(item)));
		}
		await this.#storage().write(changes);
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
			if (input.mode === 'live' && held.length > 0) await this.#release(workshopId);
			return ok(null);
		});
	}

	/** Caps, for the operator's settings (defaults in limits.ts). */
	#caps() {
		const caps = this.#services.config.caps;
		return {
			perPerson: caps?.ideasPerPerson ?? MAX_IDEAS_PER_PERSON,
			perBoard: caps?.ideasPerBoard ?? MAX_IDEAS_PER_BOARD
		};
	}

	/**
	 * `personId`: the participant who sends it, counted against their cap (on every device and
	 * connection alike); null for a facilitator adding for someone without a device.
	 */
	add(
		workshopId: string,
		text: string,
		personId: string | null
	): Reply<{ id: string; proof: string }> {
		return this.#serial(workshopId, async () => {
			const checked = checkLines(text, MAX_IDEA);
			if (!checked.ok) return fail(checked.code, 'The idea is not right.', 'idea');
			const board = await this.view(workshopId);
			const { settings } = board;
			if (settings.phase !== 'collect') return wrongPhase();
			const { perPerson, perBoard } = this.#caps();
			const counts = this.#added.get(workshopId) ?? new Map<string, number>();
			const mine = personId === null ? 0 : (counts.get(personId) ?? 0);
			if (personId !== null && mine >= perPerson) {
				return fail(
					'too-many-ideas',
					`You have added ${perPerson} ideas, the most one person can add to this board.`
				);
			}
			const rows = await this.#pending(workshopId);
			const waiting = rows.filter((r) => r.item.kind === 'idea').length;
			if (board.ideas.length + waiting >= perBoard) {
				return fail('board-full', `The board has ${perBoard} ideas, the most it can hold.`);
			}
			const id = randomId();
			await this.#rewrite(workshopId, rows, [
				...rows.map((r) => r.item),
				{ kind: 'idea', id, text: checked.value }
			]);
			// Memory changes only after the write has committed.
			if (personId !== null) {
				counts.set(personId, mine + 1);
				this.#added.set(workshopId, counts);
			}
			// Live: the idea goes out on the cadence. Silent: so does the count of ideas so far.
			this.#cadence.waiting(workshopId);
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
			const rows = await this.#pending(workshopId);
			const items = rows.map((r) => r.item);
			const held = items.find((i) => i.kind === 'idea' && i.id === id);
			if (held) {
				held.text = checked.value;
				await this.#rewrite(workshopId, rows, items);
				return ok(null);
			}
			if (!board.ideas.some((i) => i.id === id)) return gone();
			// Not on the board now: it goes out with the next batch, so its time names nobody.
			const others = items.filter((i) => !(i.kind === 'edit' && i.id === id));
			await this.#rewrite(workshopId, rows, [...others, { kind: 'edit', id, text: checked.value }]);
			this.#cadence.waiting(workshopId);
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
			const rows = await this.#pending(workshopId);
			const items = rows.map((r) => r.item);
			const left = items.filter((i) => i.id !== id);
			if (items.some((i) => i.kind === 'idea' && i.id === id)) {
				await this.#rewrite(workshopId, rows, left);
				// Silent: the count of ideas so far follows on the cadence.
				if (board.settings.mode === 'silent') this.#cadence.waiting(workshopId);
				return ok(null);
			}
			if (!board.ideas.some((i) => i.id === id)) return gone();
			// An edit still waiting for it goes too.
			if (left.length !== items.length) await this.#rewrite(workshopId, rows, left);
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
				await this.#release(workshopId, true);
				await this.#change(workshopId, (doc) => {
					const s = doc.getMap(BOARD_MAPS.settings);
					s.set('heldCount', 0);
					s.set('phase', 'group');
				});
			} else if (to === 'vote') {
				// Edits sent before voting started still reach the board, now (ideas are fixed from here).
				await this.#release(workshopId, true);
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

	/**
	 * Publishes what waits in one change: new ideas in a random order after the ideas already there,
	 * and new texts of published ideas; in silent collect, the count of ideas so far instead of the
	 * ideas. `all`: held silent ideas too ("Reveal ideas").
	 */
	async #release(workshopId: string, all = false) {
		const rows = await this.#pending(workshopId);
		const board = await this.view(workshopId);
		const holdIdeas =
			!all && board.settings.phase === 'collect' && board.settings.mode === 'silent';
		const held = rows.filter((r) => r.item.kind === 'idea').length;
		if (holdIdeas && held !== board.settings.heldCount) {
			await this.#change(workshopId, (doc) =>
				doc.getMap(BOARD_MAPS.settings).set('heldCount', held)
			);
		}
		const out = rows.filter((r) => !(holdIdeas && r.item.kind === 'idea'));
		if (out.length === 0) return this.#cadence.reset(workshopId);
		const ideas = shuffled(
			out.map((r) => r.item).filter((i) => i.kind === 'idea'),
			this.randomInt
		);
		const edits = out.map((r) => r.item).filter((i) => i.kind === 'edit');
		const published = new Map(board.ideas.map((i) => [i.id, i]));
		let position = Math.max(0, ...board.ideas.map((i) => i.position));
		await this.#change(workshopId, (doc) => {
			const map = doc.getMap(BOARD_MAPS.ideas);
			for (const idea of ideas) {
				// Already published (a stop between publishing and dropping the row): keep the one there.
				if (map.has(idea.id)) continue;
				map.set(idea.id, { text: idea.text, theme: null, position: ++position });
			}
			for (const edit of edits) {
				// Merged or hidden meanwhile: the edit has nothing left to change.
				const idea = published.get(edit.id);
				if (idea && map.has(edit.id)) map.set(edit.id, { ...stored(idea), text: edit.text });
			}
		});
		await this.#storage().write(out.map((r) => this.#delete(workshopId, r.key)));
		this.#cadence.reset(workshopId);
	}

	/** Publishes what waits now (tests use it to look at one batch without racing a timer). */
	publishNow(workshopId: string): Promise<void> {
		return this.#serial(workshopId, () => this.#release(workshopId));
	}

	/**
	 * Nothing of a board is held in memory but its wait and the per-person counts. What waits is
	 * stored already and goes out once someone is back (`resume`), on the cadence as ever.
	 */
	evict(workshopId: string): Promise<void> {
		return this.#serial(workshopId, async () => {
			this.#cadence.stop(workshopId);
			this.#added.delete(workshopId);
		});
	}

	/** Ideas and edits acknowledged before a restart are still stored: they go out on the cadence. */
	resume(workshopId: string): Promise<void> {
		return this.#serial(workshopId, async () => {
			if ((await this.#releasable(workshopId)) > 0) this.#cadence.waiting(workshopId);
		});
	}

	holds(workshopId: string): boolean {
		return this.#cadence.holds(workshopId) || this.#added.has(workshopId);
	}

	/** Stops the cadence (what waits stays stored and goes out after the next start). */
	async close() {
		this.#cadence.close();
	}
}

function stored(idea: IdeaView) {
	return { text: idea.text, theme: idea.theme, position: idea.position };
}
