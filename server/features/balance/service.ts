/**
 * The balance view's server side: figures from the stored turn records and who is here now,
 * computed by the pure balance module. The flag state (hysteresis) is kept here per workshop, so
 * every facilitator sees the same flags. Figures go only to the facilitators' room; with the
 * private self-view on, each participant's own connection gets their own figures and nobody else's.
 */
import {
	computeBalance,
	computeSessionSummary,
	type FlagState,
	type PresentPerson,
	type SessionSummary,
	type TurnRecord
} from '../../../src/lib/features/balance/model.ts';
import type {
	BalancePrompt,
	BalanceSelf,
	BalanceView
} from '../../../src/lib/features/balance/feature.ts';
import type { CoreServices } from '../../core.ts';
import { PerWorkshop } from '../../serial.ts';
import type { SpeakingQueues, StoredTurn } from '../queue/service.ts';
import type { FeatureService } from '../types.ts';

const FEATURE = 'balance';
const SELF_VIEW_KEY = 'self-view';

/** While anyone speaks, figures change without any event: refresh them this often. */
export const BALANCE_REFRESH_MS = 10_000;
/** A red flag held this long suggests a go-round (a moment of red is not worth a prompt). */
export const GO_ROUND_PROMPT_AFTER_MS = 2 * 60_000;

const toTurnRecord = (t: StoredTurn): TurnRecord => ({
	personId: t.personId,
	// A go-round turn has no kind of point; only 'pass' matters to the metric.
	kind: t.kind ?? 'go-round',
	startedAt: t.startedAt,
	endedAt: t.endedAt
});

/** How long arrivals and departures are gathered before the balance view is sent again. */
const PRESENCE_COALESCE_MS = 1000;

export class BalanceBoard implements FeatureService {
	#services: CoreServices;
	#queues: SpeakingQueues;
	#flags = new Map<string, FlagState>();
	/** Whether each loaded workshop has the private self-view on (stored, so it survives eviction). */
	#selfView = new Map<string, boolean>();
	#lanes = new PerWorkshop();
	#scheduled = new Set<string>();
	#soon = new Map<string, ReturnType<typeof setTimeout>>();
	#timers = new Map<string, ReturnType<typeof setInterval>>();
	#closed = false;

	constructor(services: CoreServices, queues: SpeakingQueues) {
		this.#services = services;
		this.#queues = queues;
		queues.onChange((id) => this.touch(id));
		services.presence.onChange((id) => this.#touchSoon(id));
	}

	async #selfViewOf(workshopId: string): Promise<boolean> {
		let on = this.#selfView.get(workshopId);
		if (on === undefined) {
			const stored = await this.#services.storage.records(workshopId, FEATURE, SELF_VIEW_KEY);
			on = stored.some((r) => r.key === SELF_VIEW_KEY && r.value === 'on');
			this.#selfView.set(workshopId, on);
		}
		return on;
	}

	/** One computation at a time per workshop, so the flag state advances in order. */
	#serial<T>(workshopId: string, fn: () => Promise<T>): Promise<T> {
		return this.#lanes.run(workshopId, fn);
	}

	isSelfViewOn(workshopId: string): Promise<boolean> {
		return this.#selfViewOf(workshopId);
	}

	/** The view as of now; advances the workshop's flag state. */
	view(workshopId: string): Promise<{ view: BalanceView; self: Map<string, BalanceSelf> }> {
		return this.#serial(workshopId, async () => {
			const { workshops } = this.#services;
			const now = this.#services.now();
			const [stored, everyone, state, selfView] = await Promise.all([
				this.#queues.turns(workshopId),
				workshops.participantsView(workshopId),
				this.#queues.stateOf(workshopId),
				this.#selfViewOf(workshopId)
			]);
			const present: PresentPerson[] = everyone
				.filter((p) => p.here)
				.map((p) => ({ personId: p.id, role: p.role }));
			const result = computeBalance({
				turns: stored.map(toTurnRecord),
				people: present,
				now,
				turnLengthMs: state.turnLengthMs,
				previousFlags: this.#flags.get(workshopId) ?? null
			});
			this.#flags.set(workshopId, result.flags);

			const byId = new Map(everyone.map((p) => [p.id, p]));
			const handsUp = new Set(state.hands.map((h) => h.personId));
			const goRoundRunning = state.goRound !== null;
			const redHeld = result.flags.share.some(
				(f) => f.level === 'red' && now - f.since >= GO_ROUND_PROMPT_AFTER_MS
			);
			let prompt: BalancePrompt = null;
			if (redHeld && !goRoundRunning) prompt = 'go-round';
			else if (result.summary.notYetHeard > 0 && result.summary.flagsActive) prompt = 'invite';

			const view: BalanceView = {
				at: now,
				people: result.people.map((p) => ({
					personId: p.personId,
					name: byId.get(p.personId)?.name ?? '',
					role: p.role,
					proxy: byId.get(p.personId)?.proxy === true,
					status: p.status,
					share: p.share,
					reasons: p.reasons,
					speakingNow: p.speakingNow,
					handUp: handsUp.has(p.personId),
					turns: p.session.turns,
					timeMs: p.session.timeMs,
					ratio: p.window.timeRatio,
					turnRatio: p.window.turnRatio
				})),
				roles: result.roles.map((r) => ({
					role: r.role,
					people: r.people,
					peopleShare: r.peopleShare,
					timeShare: r.session.timeShare,
					turnShare: r.session.turnShare
				})),
				summary: result.summary,
				shareGate: result.totals.shareGate,
				sessionTimeMs: result.totals.session.timeMs,
				sessionTurns: result.totals.session.turns,
				goRoundRunning,
				prompt,
				selfView
			};
			const n = result.totals.participants;
			const self = new Map<string, BalanceSelf>();
			for (const p of result.people) {
				self.set(p.personId, {
					turns: p.session.turns,
					timeMs: p.session.timeMs,
					timeShare: p.session.timeShare,
					equalShare: n > 0 ? 1 / n : 0
				});
			}
			return { view, self };
		});
	}

	/** Whole-session figures for the export: per role and for the group, naming no one. */
	async summary(workshopId: string): Promise<SessionSummary> {
		const { workshops } = this.#services;
		const [stored, everyone, state] = await Promise.all([
			this.#queues.turns(workshopId),
			workshops.participantsView(workshopId),
			this.#queues.stateOf(workshopId)
		]);
		return computeSessionSummary({
			turns: stored.map(toTurnRecord),
			// Everyone who took part, here now or not: the session is over when this is read.
			people: everyone.map((p) => ({ personId: p.id, role: p.role })),
			now: this.#services.now(),
			turnLengthMs: state.turnLengthMs
		});
	}

	/** Something changed: push fresh figures soon (several changes in one tick push once). */
	touch(workshopId: string) {
		if (this.#closed || this.#scheduled.has(workshopId)) return;
		this.#scheduled.add(workshopId);
		setTimeout(() => {
			this.#scheduled.delete(workshopId);
			this.push(workshopId).catch((e: Error) =>
				this.#services.log.debug('balance.push-failed', { reason: e.message })
			);
		}, 0);
	}

	async setSelfView(workshopId: string, on: boolean) {
		await this.#services.storage.write([
			{ kind: 'put', workshopId, feature: FEATURE, key: SELF_VIEW_KEY, value: on ? 'on' : 'off' }
		]);
		this.#selfView.set(workshopId, on);
		// Clear what each participant was shown; nobody keeps a stale figure on screen.
		if (!on) this.#services.publish.everyone(workshopId, 'balance:self', null);
		await this.push(workshopId);
	}

	async push(workshopId: string) {
		const { view, self } = await this.view(workshopId);
		const { publish } = this.#services;
		publish.facilitators(workshopId, 'balance', view);
		if (view.selfView) {
			// Each person's own connections get only their own figures, never the room's.
			for (const [personId, figures] of self)
				publish.person(workshopId, personId, 'balance:self', figures);
		}
		this.#keepFresh(
			workshopId,
			view.people.some((p) => p.speakingNow)
		);
	}

	evict(workshopId: string): Promise<void> {
		return this.#serial(workshopId, async () => {
			this.#flags.delete(workshopId);
			this.#selfView.delete(workshopId);
			this.#keepFresh(workshopId, false);
		});
	}

	holds(workshopId: string): boolean {
		return (
			this.#flags.has(workshopId) || this.#selfView.has(workshopId) || this.#timers.has(workshopId)
		);
	}

	/**
	 * Arrivals and departures come in bursts (a room joining at once). Their figures are sent at
	 * most once per PRESENCE_COALESCE_MS, so each arrival does not cost a whole balance view.
	 */
	#touchSoon(workshopId: string) {
		if (this.#closed || this.#soon.has(workshopId)) return;
		const timer = setTimeout(() => {
			this.#soon.delete(workshopId);
			this.touch(workshopId);
		}, PRESENCE_COALESCE_MS);
		this.#soon.set(workshopId, timer);
	}

	async close() {
		this.#closed = true;
		for (const timer of this.#soon.values()) clearTimeout(timer);
		this.#soon.clear();
		for (const timer of this.#timers.values()) clearInterval(timer);
		this.#timers.clear();
	}

	#keepFresh(workshopId: string, someoneSpeaking: boolean) {
		const timer = this.#timers.get(workshopId);
		if (someoneSpeaking && !timer) {
			const t = setInterval(() => this.touch(workshopId), BALANCE_REFRESH_MS);
			// A gentle refresh must never hold the process open at shutdown.
			t.unref();
			this.#timers.set(workshopId, t);
		} else if (!someoneSpeaking && timer) {
			clearInterval(timer);
			this.#timers.delete(workshopId);
		}
	}
}
