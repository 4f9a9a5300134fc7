/**
 * The speaking queue's server side: one authoritative QueueState and the speaking stats per
 * workshop, in memory, loaded from storage on first use and dropped when the workshop is idle.
 * Commands for a workshop run one at a time (this process is the workshop's one writer); each
 * stores the new state and its turn records in one write, changes memory only after that write
 * committed, then writes the display-ready view into the 'queue' document. Stats never leave the
 * server.
 */
import {
	applyTurnToStats,
	createQueueState,
	orderedQueue,
	type QueueErrorCode,
	type QueueResult,
	type QueueState,
	type SpeakingStats,
	type TurnChange
} from '../../../src/lib/features/queue/model.ts';
import {
	type QueueView,
	type QueueViewTurn,
	type WrittenPoint
} from '../../../src/lib/features/queue/feature.ts';
import { writeQueueView } from '../../../src/lib/features/queue/view-doc.ts';
import type { ErrorCode } from '../../../src/lib/features/index.ts';
import { fail, ok, type Result } from '../../../src/lib/shared/result.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import { PerWorkshop } from '../../serial.ts';
import type { Storage, StorageChange } from '../../storage/types.ts';
import type { DocRooms } from '../../yjs/rooms.ts';
import type { FeatureService } from '../types.ts';

const FEATURE = 'queue';
const STATE_KEY = 'state';
const TURN = 'turn:';

/** One speaking turn (or a go-round pass), as stored for the balance view. */
export interface StoredTurn {
	id: number;
	personId: string;
	/** A point kind, 'pass', or null (a go-round turn). */
	kind: string | null;
	source: string;
	startedAt: number;
	endedAt: number | null;
}

/** Zero-padded, so the records' key order is the turns' order. */
const turnKey = (id: number) => TURN + String(id).padStart(12, '0');

interface Entry {
	state: QueueState;
	stats: SpeakingStats;
	/** Id of the turn being spoken now, so its end can be recorded. */
	currentTurnId: number | null;
	/** Counts go-rounds started, so clients can tell one round from the next. */
	roundId: number;
	/** The id the next stored turn gets. */
	nextTurnId: number;
	turns: StoredTurn[];
	names: Map<string, string>;
}

interface Snapshot {
	state: QueueState;
	currentTurnId: number | null;
	roundId: number;
	nextTurnId?: number;
}

const CODES: Record<QueueErrorCode, [ErrorCode, string]> = {
	'invalid-person': ['bad-input', 'That is not a person in this workshop.'],
	'invalid-kind': ['bad-input', 'That is not a kind of point.'],
	'invalid-policy': ['bad-input', 'That is not a queue order.'],
	'invalid-time': ['bad-input', 'That time is not valid.'],
	'invalid-duration': ['bad-input', 'That length of time is not valid.'],
	'invalid-order': ['bad-input', 'That order is not valid.'],
	'already-raised': ['already-raised', 'Your hand is already up.'],
	'not-in-queue': ['not-in-queue', 'That person is not in the queue.'],
	unchanged: ['unchanged', 'Nothing changed: it was already like that.'],
	'cannot-move': ['cannot-move', 'That cannot move any further.'],
	'queue-empty': ['queue-empty', 'Nobody is waiting to speak.'],
	paused: ['queue-paused', 'The queue is paused.'],
	'no-current-turn': ['no-current-turn', 'Nobody is speaking.'],
	'no-go-round': ['no-go-round', 'No go-round is running.'],
	'round-complete': ['no-go-round', 'This go-round is complete.'],
	'not-your-turn': ['not-your-turn', 'It is not your turn in the go-round.']
};

export function queueFailure<T>(code: QueueErrorCode): Result<T, ErrorCode> {
	const [errorCode, message] = CODES[code];
	return fail(errorCode, message);
}

/** What everyone may see: names, kinds, order, the current turn and its timer. No stats. */
export function buildQueueView(
	state: QueueState,
	stats: SpeakingStats,
	nameOf: (personId: string) => string,
	roundId: number
): QueueView {
	const c = state.current;
	const current: QueueViewTurn | null = c
		? {
				personId: c.personId,
				name: nameOf(c.personId),
				kind: c.kind,
				startedAt: c.startedAt,
				allowedMs: c.allowedMs,
				source: c.source,
				...(c.written ? { written: true as const } : {}),
				...(c.written && c.shown
					? {
							shownPoint: {
								text: c.written.text,
								name: c.written.display === 'with-name' ? nameOf(c.personId) : null
							}
						}
					: {})
			}
		: null;
	const gr = state.goRound;
	return {
		policy: state.policy,
		paused: state.paused,
		turnLengthMs: state.turnLengthMs,
		waiting: orderedQueue(state, stats).map((h) => ({
			personId: h.personId,
			name: nameOf(h.personId),
			kind: h.kind,
			seq: h.seq,
			...(h.written ? { written: true as const } : {})
		})),
		current,
		goRound: gr
			? {
					id: roundId,
					order: gr.order.map((personId) => ({ personId, name: nameOf(personId) })),
					position: gr.position,
					done: gr.done.map((d) => ({ ...d }))
				}
			: null
	};
}

export type QueueStep = (
	state: QueueState,
	stats: SpeakingStats
) => QueueResult<Partial<TurnChange>>;

/** What the queue will be once a batch commits. */
interface Tentative {
	state: QueueState;
	stats: SpeakingStats;
	currentTurnId: number | null;
	/** The turn being spoken now, when it started before this batch. */
	openTurn: StoredTurn | null;
	roundId: number;
	nextTurnId: number;
	/** Turns this batch starts, ends or records, by id. */
	turns: Map<number, StoredTurn>;
}

/** Commands gathered while the workshop's previous batch was on its way to storage. */
interface Batch {
	next: Tentative;
	/** The batch this one builds on, while that one has not settled. */
	base: Batch | null;
	waiters: ((ok: boolean) => void)[];
	settled: boolean;
	ok: boolean;
}

function snapshotOf(entry: Entry): Omit<Tentative, 'turns'> {
	return {
		state: entry.state,
		stats: entry.stats,
		currentTurnId: entry.currentTurnId,
		openTurn: entry.turns.find((t) => t.id === entry.currentTurnId) ?? null,
		roundId: entry.roundId,
		nextTurnId: entry.nextTurnId
	};
}

export class SpeakingQueues implements FeatureService {
	#entries = new Map<string, Promise<Entry>>();
	/** The batch gathering commands, per workshop. */
	#open = new Map<string, Batch>();
	/** The newest batch per workshop, gathering or on its way. */
	#last = new Map<string, Batch>();
	/** The batch on its way to storage, per workshop. */
	#flight = new Map<string, Promise<void>>();
	#lanes = new PerWorkshop();
	#storage: Storage;
	#rooms: DocRooms;
	readonly now: () => number;
	#listeners: ((workshopId: string) => void)[] = [];

	constructor(storage: Storage, rooms: DocRooms, now: () => number) {
		this.#storage = storage;
		this.#rooms = rooms;
		this.now = now;
	}

	/** Runs `fn` after every earlier command of this workshop has finished. */
	#serial<T>(workshopId: string, fn: () => Promise<T>): Promise<T> {
		return this.#lanes.run(workshopId, fn);
	}

	#entry(workshopId: string): Promise<Entry> {
		let entry = this.#entries.get(workshopId);
		if (!entry) {
			entry = this.#load(workshopId);
			entry.catch(() => this.#entries.delete(workshopId));
			this.#entries.set(workshopId, entry);
		}
		return entry;
	}

	async #load(workshopId: string): Promise<Entry> {
		const [records, people] = await Promise.all([
			this.#storage.records(workshopId, FEATURE),
			this.#storage.participants(workshopId)
		]);
		const stateRecord = records.find((r) => r.key === STATE_KEY);
		const turns = records
			.filter((r) => r.key.startsWith(TURN))
			.map((r) => ({ id: Number(r.key.slice(TURN.length)), ...JSON.parse(r.value) }) as StoredTurn);
		const snapshot: Snapshot = stateRecord
			? (JSON.parse(stateRecord.value) as Snapshot)
			: { state: createQueueState(), currentTurnId: null, roundId: 0 };
		let stats: SpeakingStats = {};
		for (const t of turns) {
			if (t.endedAt === null || t.kind === 'pass') continue;
			stats = applyTurnToStats(stats, {
				personId: t.personId,
				kind: null,
				startedAt: t.startedAt,
				endedAt: t.endedAt,
				source: 'queue'
			});
		}
		return {
			state: snapshot.state,
			currentTurnId: snapshot.currentTurnId,
			roundId: snapshot.roundId,
			nextTurnId: snapshot.nextTurnId ?? (turns.at(-1)?.id ?? 0) + 1,
			turns,
			stats,
			names: new Map(people.map((p) => [p.id, p.name]))
		};
	}

	/** The person's name if they belong to this workshop, else null. */
	async #known(workshopId: string, entry: Entry, personId: string): Promise<string | null> {
		const cached = entry.names.get(personId);
		if (cached !== undefined) return cached;
		const p = await this.#storage.participant(workshopId, personId);
		if (!p) return null;
		entry.names.set(personId, p.name);
		return p.name;
	}

	/**
	 * Applies one step of the pure queue module. `personIds` must all belong to the workshop
	 * (checked first, so someone else's or a made-up id changes nothing). The step runs at once on
	 * the workshop's batch; the reply comes when the batch has committed (see `#flush`).
	 */
	async apply(
		workshopId: string,
		step: QueueStep,
		personIds: string[] = [],
		opts: { pass?: string } = {}
	): Promise<Result<null, ErrorCode>> {
		type Outcome = { now: Result<null, ErrorCode> } | { later: Promise<boolean> };
		const outcome = await this.#serial(workshopId, async (): Promise<Outcome> => {
			const entry = await this.#entry(workshopId);
			for (const id of personIds) {
				if ((await this.#known(workshopId, entry, id)) === null) {
					return { now: fail('unknown-person', 'That person is not in this workshop.') };
				}
			}
			const batch = this.#batchFor(workshopId, entry);
			const result = step(batch.next.state, batch.next.stats);
			if (!result.ok) return { now: queueFailure<null>(result.code) };
			this.#advance(batch, result.state, result, opts.pass ?? null);
			// Not awaited inside the lane: the next command builds on this batch without waiting for disk.
			return { later: new Promise<boolean>((resolve) => batch.waiters.push(resolve)) };
		});
		if ('now' in outcome) return outcome.now;
		return (await outcome.later)
			? ok(null)
			: fail('server-error', 'That could not be saved. Please try again.');
	}

	/**
	 * The batch gathering this workshop's commands: it starts from what the batch before it will
	 * leave (committed or still on its way), so commands in a burst build on each other.
	 */
	#batchFor(workshopId: string, entry: Entry): Batch {
		let batch = this.#open.get(workshopId);
		if (batch) return batch;
		const base = this.#last.get(workshopId);
		const from = base && !base.settled ? base.next : snapshotOf(entry);
		batch = {
			next: { ...from, turns: new Map() },
			base: base && !base.settled ? base : null,
			waiters: [],
			settled: false,
			ok: false
		};
		this.#open.set(workshopId, batch);
		this.#last.set(workshopId, batch);
		const before = this.#flight.get(workshopId) ?? Promise.resolve();
		const flight = before
			// After this tick, so a burst that arrives together commits together.
			.then(() => new Promise<void>((resolve) => setImmediate(resolve)))
			.then(() => this.#flush(workshopId, entry, batch!));
		this.#flight.set(workshopId, flight);
		void flight.then(() => {
			if (this.#flight.get(workshopId) === flight) this.#flight.delete(workshopId);
		});
		return batch;
	}

	#advance(batch: Batch, next: QueueState, change: Partial<TurnChange>, passBy: string | null) {
		const n = batch.next;
		if (passBy) {
			// A go-round pass is a moment, not a turn (the balance view does not count it).
			const at = this.now();
			const id = n.nextTurnId++;
			n.turns.set(id, {
				id,
				personId: passBy,
				kind: 'pass',
				source: 'go-round',
				startedAt: at,
				endedAt: at
			});
		}
		if (change.ended) {
			const open =
				n.currentTurnId === null ? undefined : (n.turns.get(n.currentTurnId) ?? n.openTurn);
			if (open) n.turns.set(open.id, { ...open, endedAt: change.ended.endedAt });
			n.stats = applyTurnToStats(n.stats, change.ended);
			n.currentTurnId = null;
			n.openTurn = null;
		}
		if (change.started) {
			const s = change.started;
			const id = n.nextTurnId++;
			const turn = {
				id,
				personId: s.personId,
				kind: s.kind,
				source: s.source,
				startedAt: s.startedAt,
				endedAt: null
			};
			n.turns.set(id, turn);
			n.currentTurnId = id;
			n.openTurn = turn;
		}
		if (next.goRound && next.goRound !== n.state.goRound && next.goRound.position === 0)
			n.roundId++;
		n.state = next;
	}

	/**
	 * Stores the batch's state, its turn records and the new queue view in one transaction (the
	 * storage's group commit), and only then changes memory and replies: a crash or a storage error
	 * leaves memory, storage and the document agreeing, never a turn with no end.
	 */
	async #flush(workshopId: string, entry: Entry, batch: Batch) {
		if (this.#open.get(workshopId) === batch) this.#open.delete(workshopId);
		const settle = (ok: boolean) => {
			batch.settled = true;
			batch.ok = ok;
			for (const w of batch.waiters) w(ok);
		};
		// Built on a batch that failed: its starting point never became true.
		if (batch.base && !batch.base.ok) return settle(false);
		const n = batch.next;
		const snapshot: Snapshot = {
			state: n.state,
			currentTurnId: n.currentTurnId,
			roundId: n.roundId,
			nextTurnId: n.nextTurnId
		};
		const changes: StorageChange[] = [...n.turns.values()].map(({ id, ...turn }) => ({
			kind: 'put',
			workshopId,
			feature: FEATURE,
			key: turnKey(id),
			value: JSON.stringify(turn)
		}));
		changes.push({
			kind: 'put',
			workshopId,
			feature: FEATURE,
			key: STATE_KEY,
			value: JSON.stringify(snapshot)
		});
		try {
			const view = await this.#viewOf(workshopId, entry, n);
			// Both join the same transaction: they are made in the same tick.
			await Promise.all([
				this.#storage.write(changes),
				this.#rooms.change(docName(workshopId, 'queue'), (doc) => {
					writeQueueView(doc, view);
				})
			]);
		} catch (e) {
			this.#onFailure(workshopId, e as Error);
			return settle(false);
		}
		for (const t of n.turns.values()) {
			const at = entry.turns.findIndex((old) => old.id === t.id);
			if (at >= 0) entry.turns[at] = t;
			else entry.turns.push(t);
		}
		Object.assign(entry, {
			state: n.state,
			stats: n.stats,
			currentTurnId: n.currentTurnId,
			roundId: n.roundId,
			nextTurnId: n.nextTurnId
		});
		settle(true);
		for (const listener of this.#listeners) listener(workshopId);
	}

	#onFailure: (workshopId: string, e: Error) => void = () => {};

	/** Logs a batch that could not be stored (its commands are refused; nothing was published). */
	onFailure(fn: (workshopId: string, e: Error) => void) {
		this.#onFailure = fn;
	}

	async #viewOf(workshopId: string, entry: Entry, n: Tentative): Promise<QueueView> {
		// Someone who joined after the queue loaded (it may load early, for the balance view) is named too.
		const s = n.state;
		const ids = [
			...s.hands.map((h) => h.personId),
			...(s.current ? [s.current.personId] : []),
			...(s.goRound?.order ?? [])
		];
		for (const id of ids) if (!entry.names.has(id)) await this.#known(workshopId, entry, id);
		return buildQueueView(n.state, n.stats, (id) => entry.names.get(id) ?? '', n.roundId);
	}

	/** Called after every change of a workshop's queue or turns (the balance view listens). */
	onChange(listener: (workshopId: string) => void) {
		this.#listeners.push(listener);
	}

	/** The queue state, for facilitator-only use (the balance view's hands and go-round). */
	async stateOf(workshopId: string): Promise<QueueState> {
		return (await this.#entry(workshopId)).state;
	}

	/** Every stored turn of a workshop, oldest first (facilitator-only: the balance view). */
	async turns(workshopId: string): Promise<readonly StoredTurn[]> {
		return (await this.#entry(workshopId)).turns;
	}

	/** A person added after the queue loaded (a proxy) gets their name into the cache. */
	async learnName(workshopId: string, personId: string, name: string) {
		const entry = await this.#entry(workshopId);
		entry.names.set(personId, name);
	}

	/** Facilitators only: the current written point first, then those waiting in speaking order. */
	async writtenPoints(workshopId: string): Promise<WrittenPoint[]> {
		const entry = await this.#entry(workshopId);
		const { current } = entry.state;
		const name = (id: string, display: string) =>
			display === 'with-name' ? (entry.names.get(id) ?? '') : null;
		const out: WrittenPoint[] = [];
		if (current?.written) {
			out.push({
				name: name(current.personId, current.written.display),
				text: current.written.text,
				display: current.written.display,
				current: true,
				shown: current.shown ?? false
			});
		}
		for (const h of orderedQueue(entry.state, entry.stats)) {
			if (!h.written) continue;
			out.push({
				name: name(h.personId, h.written.display),
				text: h.written.text,
				display: h.written.display,
				current: false,
				shown: false
			});
		}
		return out;
	}

	/** Stats for facilitator-only use (the balance view, and tests). */
	async statsOf(workshopId: string): Promise<SpeakingStats> {
		return (await this.#entry(workshopId)).stats;
	}

	holds(workshopId: string): boolean {
		return this.#entries.has(workshopId) || this.#last.has(workshopId);
	}

	/** Drops the workshop's queue from memory, once every command for it has committed. */
	evict(workshopId: string): Promise<void> {
		return this.#serial(workshopId, async () => {
			await this.#flight.get(workshopId);
			this.#entries.delete(workshopId);
			this.#last.delete(workshopId);
		});
	}
}
