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
	QUEUE_VIEW_KEY,
	type QueueView,
	type QueueViewTurn,
	type WrittenPoint
} from '../../../src/lib/features/queue/feature.ts';
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

export class SpeakingQueues implements FeatureService {
	#entries = new Map<string, Promise<Entry>>();
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
	 * (checked first, so someone else's or a made-up id changes nothing).
	 */
	apply(
		workshopId: string,
		step: QueueStep,
		personIds: string[] = [],
		opts: { pass?: string } = {}
	): Promise<Result<null, ErrorCode>> {
		return this.#serial(workshopId, async () => {
			const entry = await this.#entry(workshopId);
			for (const id of personIds) {
				if ((await this.#known(workshopId, entry, id)) === null) {
					return fail('unknown-person', 'That person is not in this workshop.');
				}
			}
			const result = step(entry.state, entry.stats);
			if (!result.ok) return queueFailure(result.code);
			await this.#commit(workshopId, entry, result.state, result, opts.pass ?? null);
			return ok(null);
		});
	}

	/**
	 * Stores the new state with every turn record it made in one write, and only then changes
	 * memory: a crash or a storage error leaves memory and storage agreeing, never a turn with no end.
	 */
	async #commit(
		workshopId: string,
		entry: Entry,
		next: QueueState,
		change: Partial<TurnChange>,
		passBy: string | null
	) {
		let { currentTurnId, stats, nextTurnId } = entry;
		const turns: StoredTurn[] = [];
		if (passBy) {
			// A go-round pass is a moment, not a turn (the balance view does not count it).
			const at = this.now();
			turns.push({
				id: nextTurnId++,
				personId: passBy,
				kind: 'pass',
				source: 'go-round',
				startedAt: at,
				endedAt: at
			});
		}
		if (change.ended) {
			const open = entry.turns.find((t) => t.id === currentTurnId);
			if (open) turns.push({ ...open, endedAt: change.ended.endedAt });
			stats = applyTurnToStats(stats, change.ended);
			currentTurnId = null;
		}
		if (change.started) {
			const s = change.started;
			currentTurnId = nextTurnId++;
			turns.push({
				id: currentTurnId,
				personId: s.personId,
				kind: s.kind,
				source: s.source,
				startedAt: s.startedAt,
				endedAt: null
			});
		}
		const roundId =
			next.goRound && next.goRound !== entry.state.goRound && next.goRound.position === 0
				? entry.roundId + 1
				: entry.roundId;
		const snapshot: Snapshot = { state: next, currentTurnId, roundId, nextTurnId };
		const changes: StorageChange[] = turns.map(({ id, ...turn }) => ({
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
		await this.#storage.write(changes);
		for (const t of turns) {
			const at = entry.turns.findIndex((old) => old.id === t.id);
			if (at >= 0) entry.turns[at] = t;
			else entry.turns.push(t);
		}
		Object.assign(entry, { state: next, stats, currentTurnId, roundId, nextTurnId });
		await this.#publish(workshopId, entry);
	}

	async #publish(workshopId: string, entry: Entry) {
		// Someone who joined after the queue loaded (it may load early, for the balance view) is named too.
		const s = entry.state;
		const ids = [
			...s.hands.map((h) => h.personId),
			...(s.current ? [s.current.personId] : []),
			...(s.goRound?.order ?? [])
		];
		for (const id of ids) if (!entry.names.has(id)) await this.#known(workshopId, entry, id);
		const view = buildQueueView(
			entry.state,
			entry.stats,
			(id) => entry.names.get(id) ?? '',
			entry.roundId
		);
		await this.#rooms.change(docName(workshopId, 'queue'), (doc) => {
			doc.getMap('queue').set(QUEUE_VIEW_KEY, view);
		});
		for (const listener of this.#listeners) listener(workshopId);
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
		return this.#entries.has(workshopId);
	}

	/** Drops the workshop's queue from memory, after any command still running for it. */
	evict(workshopId: string): Promise<void> {
		return this.#serial(workshopId, async () => void this.#entries.delete(workshopId));
	}
}
