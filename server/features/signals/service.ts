/**
 * Signals on the server. Taps are kept in memory as bare times per signal (the log), so the log
 * cannot say who tapped; each person's own last taps are kept apart, in memory only, to enforce
 * "once a minute" and to let them take one back. Nothing about a tap is stored, sent to anyone but
 * the sender, or logged. Counts leave only on publishing ticks fixed by the clock, so the moment a
 * count changes on a facilitator's screen says nothing about when anyone tapped.
 */
import {
	ROOM_SIGNALS_KEY,
	ROOM_SIGNALS_MAP,
	type OwnSignals,
	type SignalsView
} from '../../../src/lib/features/signals/feature.ts';
import {
	countSignals,
	createSenderMemory,
	createSignalLog,
	DEFAULT_SIGNAL_SETTINGS,
	nextBreakPrompt,
	nextPublishTick,
	ownSignals,
	pruneSignalLog,
	publishAtTick,
	PUBLISH_EVERY_MS,
	sendSignal,
	SIGNALS,
	takeBackSignal,
	type BreakPromptState,
	type PublishState,
	type SenderMemory,
	type Signal,
	type SignalCounts,
	type SignalErrorCode,
	type SignalLog,
	type SignalSettings,
	breakWanted
} from '../../../src/lib/features/signals/model.ts';
import { docName } from '../../../src/lib/shared/workshop.ts';
import type { CoreServices } from '../../core.ts';
import { PerWorkshop } from '../../serial.ts';
import type { FeatureService } from '../types.ts';

const FEATURE = 'signals';
const SETTINGS_KEY = 'settings';

interface WorkshopSignals {
	log: SignalLog;
	/** By participant id, memory only: the one place a person and their taps meet, never read out. */
	senders: Map<string, SenderMemory>;
	publish: PublishState;
	prompt: BreakPromptState;
	/** The last view published, so a facilitator who asks gets the same counts, not fresher ones. */
	view: SignalsView;
	settings: SignalSettings;
	timer: NodeJS.Timeout | null;
}

export type TapOutcome =
	{ ok: true; mine: OwnSignals } | { ok: false; code: SignalErrorCode; retryAfterMs?: number };

const zero = (): SignalCounts => countSignals(createSignalLog(), 0);
const anyCounted = (c: SignalCounts) => SIGNALS.some((s) => c[s] > 0);

export class SignalBoard implements FeatureService {
	#core: CoreServices;
	#workshops = new Map<string, WorkshopSignals>();
	#lanes = new PerWorkshop();
	/** The cadence; tests may shorten it, and it must stay the same for every workshop of a server. */
	everyMs = PUBLISH_EVERY_MS;

	constructor(core: CoreServices) {
		this.#core = core;
	}

	async #state(workshopId: string): Promise<WorkshopSignals> {
		let state = this.#workshops.get(workshopId);
		if (state) return state;
		const stored = await this.#core.storage.records(workshopId, FEATURE, SETTINGS_KEY);
		state = this.#workshops.get(workshopId);
		if (state) return state;
		const settings: SignalSettings = stored[0]
			? { ...DEFAULT_SIGNAL_SETTINGS, ...(JSON.parse(stored[0].value) as SignalSettings) }
			: { ...DEFAULT_SIGNAL_SETTINGS };
		state = {
			log: createSignalLog(),
			senders: new Map(),
			// Facilitators start from zero counts, so a tick with nothing new sends nothing.
			publish: { last: zero() },
			prompt: { prompted: false },
			view: {
				at: 0,
				counts: zero(),
				breakWanted: false,
				breakPrompt: false,
				showOnRoomScreen: settings.showOnRoomScreen
			},
			settings,
			timer: null
		};
		this.#workshops.set(workshopId, state);
		return state;
	}

	#tap(
		workshopId: string,
		personId: string,
		signal: Signal,
		apply: typeof sendSignal
	): Promise<TapOutcome> {
		return this.#lanes.run(workshopId, async () => {
			const state = await this.#state(workshopId);
			const now = this.#core.now();
			const memory = state.senders.get(personId) ?? createSenderMemory();
			const result = apply(state.log, memory, signal, now);
			if (!result.ok) return result;
			state.log = result.state;
			state.senders.set(personId, result.sender);
			// The count changes on screens only at the next tick, together with everyone else's taps.
			this.#schedule(workshopId, state);
			return { ok: true, mine: ownSignals(result.sender, now) };
		});
	}

	send(workshopId: string, personId: string, signal: Signal): Promise<TapOutcome> {
		return this.#tap(workshopId, personId, signal, sendSignal);
	}

	takeBack(workshopId: string, personId: string, signal: Signal): Promise<TapOutcome> {
		return this.#tap(workshopId, personId, signal, takeBackSignal);
	}

	async mine(workshopId: string, personId: string): Promise<OwnSignals> {
		const state = await this.#state(workshopId);
		return ownSignals(state.senders.get(personId) ?? createSenderMemory(), this.#core.now());
	}

	/** The counts as last published (not as of now: asking must not reveal a fresh tap). */
	async view(workshopId: string): Promise<SignalsView> {
		return { ...(await this.#state(workshopId)).view, breakPrompt: false };
	}

	setShowOnRoomScreen(workshopId: string, show: boolean): Promise<boolean> {
		return this.#lanes.run(workshopId, async () => {
			const state = await this.#state(workshopId);
			if (state.settings.showOnRoomScreen === show) return false;
			const settings = { ...state.settings, showOnRoomScreen: show };
			await this.#core.storage.write([
				{
					kind: 'put',
					workshopId,
					feature: FEATURE,
					key: SETTINGS_KEY,
					value: JSON.stringify(settings)
				}
			]);
			state.settings = settings;
			state.view = { ...state.view, showOnRoomScreen: show, breakPrompt: false };
			// Shows the counts as last published: turning it on reveals nothing newer than a tick.
			await this.#writeRoom(workshopId, state);
			this.#core.publish.facilitators(workshopId, 'signals:counts', state.view);
			return true;
		});
	}

	async #writeRoom(workshopId: string, state: WorkshopSignals) {
		const show = state.settings.showOnRoomScreen;
		await this.#core.rooms.change(docName(workshopId, 'signals'), (doc) => {
			const map = doc.getMap(ROOM_SIGNALS_MAP);
			if (show) map.set(ROOM_SIGNALS_KEY, { at: state.view.at, counts: state.view.counts });
			else if (map.has(ROOM_SIGNALS_KEY)) map.delete(ROOM_SIGNALS_KEY);
		});
	}

	#schedule(workshopId: string, state: WorkshopSignals) {
		if (state.timer) return;
		const now = this.#core.now();
		const tick = nextPublishTick(now, this.everyMs);
		state.timer = setTimeout(
			() => {
				state.timer = null;
				void this.#lanes
					.run(workshopId, () => this.#publish(workshopId, tick))
					.catch((e: Error) =>
						this.#core.log.error('signals.publish-failed', { reason: e.message })
					);
			},
			Math.max(0, tick - now)
		);
		state.timer.unref();
	}

	/** Publishes the counts as of `tick` if they changed, and keeps ticking while any tap counts. */
	async #publish(workshopId: string, tick: number) {
		const state = this.#workshops.get(workshopId);
		if (!state) return;
		const result = publishAtTick(state.publish, state.log, tick, this.everyMs);
		state.publish = result.state;
		state.log = pruneSignalLog(state.log, tick);
		if (result.publish) {
			const present = this.#core.presence.count(workshopId);
			const prompt = nextBreakPrompt(state.prompt, result.publish['need-break'], present);
			state.prompt = prompt.state;
			state.view = {
				at: tick,
				counts: result.publish,
				breakWanted: breakWanted(result.publish['need-break'], present),
				breakPrompt: prompt.prompt,
				showOnRoomScreen: state.settings.showOnRoomScreen
			};
			this.#core.publish.facilitators(workshopId, 'signals:counts', state.view);
			if (state.settings.showOnRoomScreen) await this.#writeRoom(workshopId, state);
		}
		// Keep ticking until every tap has left the window and the zero counts have gone out.
		if (anyCounted(countSignals(state.log, tick)) || anyCounted(state.view.counts)) {
			this.#schedule(workshopId, state);
		}
		this.#forgetOldSenders(state, tick);
	}

	/** A person's memory matters only for a minute (resend) or two (take back); then it goes. */
	#forgetOldSenders(state: WorkshopSignals, now: number) {
		for (const [person, memory] of state.senders) {
			const recent = SIGNALS.some((s) => {
				const m = Object.hasOwn(memory, s) ? memory[s] : undefined;
				return m && m.sentAt > now - 2 * 60_000;
			});
			if (!recent) state.senders.delete(person);
		}
	}

	/**
	 * Publishes at the latest tick at or before now, as the timer would have (tests use it to look
	 * at one tick without waiting for a timer). It can never publish off a tick.
	 */
	publishNow(workshopId: string): Promise<void> {
		return this.#lanes.run(workshopId, async () => {
			const state = this.#workshops.get(workshopId);
			if (state?.timer) {
				clearTimeout(state.timer);
				state.timer = null;
			}
			const tick = Math.floor(this.#core.now() / this.everyMs) * this.everyMs;
			await this.#publish(workshopId, tick);
		});
	}

	/** Taps are fleeting by design: nothing to write out, so the workshop's memory just goes. */
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
