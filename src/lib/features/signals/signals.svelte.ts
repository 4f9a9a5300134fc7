/**
 * Browser state for signals. `SignalButtons` is a participant's own view of their taps (from their
 * own replies only: a participant never receives anyone's counts). `SignalsConsole` is the
 * facilitator's, fed by the counts the server publishes on its ticks.
 */
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import type { ErrorCode } from '../index.ts';
import { SIGNALS, type Signal } from './model.ts';
import {
	ROOM_SIGNALS_KEY,
	ROOM_SIGNALS_MAP,
	type OwnSignals,
	type RoomSignals,
	type SignalsView
} from './feature.ts';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';

/** What one signal's row says under its button: nothing, "Sent", "Taken back" or why not. */
export type SignalNotice = { kind: 'sent' | 'taken-back' } | { kind: 'error'; code: ErrorCode };

export class SignalButtons {
	mine = $state<OwnSignals | null>(null);
	notices = $state<Partial<Record<Signal, SignalNotice>>>({});
	#app: AppContext;
	#connection: Connection;

	constructor(app: AppContext, connection: Connection) {
		this.#app = app;
		this.#connection = connection;
	}

	start(): () => void {
		const stop = this.#connection.onReconnect(() => void this.refresh());
		void this.refresh();
		return stop;
	}

	async refresh() {
		const result = await this.#connection.request('signals:mine', {});
		if (result.ok) this.mine = result.data;
	}

	sent(signal: Signal): boolean {
		return this.mine?.[signal].sent ?? false;
	}

	async send(signal: Signal): Promise<boolean> {
		const { settings, announcer } = this.#app;
		const result = await this.#connection.request('signals:send', { signal });
		if (!result.ok) {
			this.notices = { ...this.notices, [signal]: { kind: 'error', code: result.error.code } };
			announcer.error(settings.error(result.error.code));
			return false;
		}
		this.mine = result.data;
		this.notices = { ...this.notices, [signal]: { kind: 'sent' } };
		announcer.say(`${settings.t(`signals.${signal}`)}: ${settings.t('signals.sent')}`);
		return true;
	}

	async takeBack(signal: Signal): Promise<boolean> {
		const { settings, announcer } = this.#app;
		const result = await this.#connection.request('signals:take-back', { signal });
		if (!result.ok) {
			this.notices = { ...this.notices, [signal]: { kind: 'error', code: result.error.code } };
			announcer.error(settings.error(result.error.code));
			return false;
		}
		this.mine = result.data;
		this.notices = { ...this.notices, [signal]: { kind: 'taken-back' } };
		announcer.say(`${settings.t(`signals.${signal}`)}: ${settings.t('signals.takenBack')}`);
		return true;
	}
}

export class SignalsConsole {
	view = $state<SignalsView | null>(null);
	#app: AppContext;
	#connection: Connection;

	constructor(app: AppContext, connection: Connection) {
		this.#app = app;
		this.#connection = connection;
	}

	start(): () => void {
		const socket = this.#connection.socket;
		const onCounts = (view: SignalsView) => this.#show(view);
		socket.on('signals:counts', onCounts);
		const stop = this.#connection.onReconnect(() => void this.refresh());
		void this.refresh();
		return () => {
			socket.off('signals:counts', onCounts);
			stop();
		};
	}

	async refresh() {
		const result = await this.#connection.request('signals:get', {});
		if (result.ok) this.#show(result.data, false);
	}

	/** Each signal with a count, in a fixed order, as words ("2 people need a break"). */
	get lines(): { signal: Signal; count: number; text: string }[] {
		const view = this.view;
		if (!view) return [];
		return SIGNALS.filter((s) => view.counts[s] > 0).map((s) => ({
			signal: s,
			count: view.counts[s],
			text: this.#app.settings.counted(`signals.count.${s}`, view.counts[s])
		}));
	}

	#show(view: SignalsView, announce = true) {
		const before = this.view;
		// A push can cross a reply on the wire: never go back to older counts.
		if (before && view.at < before.at) return;
		this.view = view;
		if (!announce) return;
		const { settings, announcer } = this.#app;
		if (view.breakPrompt) {
			announcer.say(settings.t('signals.facilitator.breakPrompt'), { mergeKey: 'signals' });
			return;
		}
		// Only a rise is news; counts falling as taps age out are left to the screen.
		const rose = SIGNALS.filter((s) => view.counts[s] > (before?.counts[s] ?? 0));
		if (rose.length > 0) {
			const text = this.lines
				.filter((l) => rose.includes(l.signal))
				.map((l) => l.text)
				.join('. ');
			announcer.say(text, { mergeKey: 'signals', merged: () => text });
		}
	}

	async showOnRoomScreen(show: boolean): Promise<boolean> {
		const result = await this.#connection.request('signals:show-on-room', { show });
		if (!result.ok && result.error.code !== 'unchanged') {
			this.#app.announcer.error(this.#app.settings.error(result.error.code));
			return false;
		}
		if (this.view) this.view = { ...this.view, showOnRoomScreen: show };
		return true;
	}
}

/**
 * The room screen's copy of the counts: present in the `signals` document only while the
 * facilitator shares them, and only as of a publishing tick. A projector makes no announcements.
 */
export class RoomSignalsFeed {
	shown = $state<RoomSignals | null>(null);
	#doc: SharedDoc;

	constructor(workshopId: string, ticket: string) {
		this.#doc = new SharedDoc(workshopId, 'signals', ticket);
		const map = this.#doc.doc.getMap(ROOM_SIGNALS_MAP);
		const read = () => {
			const value = map.get(ROOM_SIGNALS_KEY) as RoomSignals | undefined;
			this.shown = value ?? null;
		};
		map.observe(read);
		read();
	}

	setTicket(ticket: string) {
		this.#doc.setTicket(ticket);
	}

	destroy() {
		this.#doc.destroy();
	}
}
