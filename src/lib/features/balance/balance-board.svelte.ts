/**
 * The facilitator's Balance view state: the latest figures the server pushed to the facilitators'
 * room (or sent on request). Only the facilitator page imports this, so participants never load it.
 */
import type { BalanceView } from '$lib/features/balance/feature';
import type { CommandInput, CommandName } from '$lib/features/index';
import { summarySentence } from '$lib/features/balance/messages';
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';

export class BalanceBoard {
	view = $state<BalanceView | null>(null);
	#app: AppContext;
	#connection: Connection;

	constructor(app: AppContext, connection: Connection) {
		this.#app = app;
		this.#connection = connection;
	}

	/** The one-sentence summary, e.g. "2 people have not spoken yet; 1 person is speaking…". */
	get summary(): string {
		if (!this.view) return '';
		const s = this.view.summary;
		return summarySentence(
			this.#app.settings.t,
			s.notYetHeard,
			s.overTwiceShare,
			this.view.shareGate === 'active'
		);
	}

	start(): () => void {
		const socket = this.#connection.socket;
		const onView = (view: BalanceView) => this.#show(view);
		socket.on('balance', onView);
		const stopReconnect = this.#connection.onReconnect(() => void this.refresh());
		void this.refresh();
		return () => {
			socket.off('balance', onView);
			stopReconnect();
		};
	}

	async refresh() {
		const result = await this.#connection.request('balance:get', {});
		if (result.ok) this.#show(result.data);
	}

	#show(view: BalanceView) {
		const before = this.view ? this.summary : null;
		// Pushes can cross a reply on the wire: never go back to older figures.
		if (this.view && view.at < this.view.at) return;
		this.view = view;
		const after = this.summary;
		if (before !== null && before !== after) {
			this.#app.announcer.say(after, { mergeKey: 'balance', merged: () => after });
		}
	}

	async send<K extends CommandName>(name: K, payload: CommandInput<K>): Promise<boolean> {
		const result = await this.#connection.request(name, payload);
		if (!result.ok) {
			this.#app.announcer.error(this.#app.settings.error(result.error.code));
			return false;
		}
		return true;
	}
}
