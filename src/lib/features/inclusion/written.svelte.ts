/**
 * "Raise hand in writing": the person's own form, and the facilitators' list of written points.
 * The text goes to the server as a command; only facilitators receive it back, and the room screen
 * shows it only when a facilitator puts it there.
 */
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import type { CommandError } from '../index.ts';
import type { WrittenPoint } from '../queue/feature.ts';
import { MAX_WRITTEN_TURN, type WrittenDisplay } from './model.ts';

export class WrittenHand {
	open = $state(false);
	text = $state('');
	display = $state<WrittenDisplay>('with-name');
	readonly max = MAX_WRITTEN_TURN;
	#app: AppContext;
	#connection: Connection;

	constructor(app: AppContext, connection: Connection) {
		this.#app = app;
		this.#connection = connection;
	}

	async send(): Promise<CommandError | null> {
		const result = await this.#connection.request('queue:raiseWritten', {
			kind: 'new',
			text: this.text,
			display: this.display
		});
		if (!result.ok) return result.error;
		this.text = '';
		this.open = false;
		this.#app.announcer.say(this.#app.settings.t('written.added'));
		return null;
	}
}

export class WrittenPoints {
	points = $state<WrittenPoint[]>([]);
	#app: AppContext;
	#connection: Connection;

	constructor(app: AppContext, connection: Connection) {
		this.#app = app;
		this.#connection = connection;
	}

	start(): () => void {
		const socket = this.#connection.socket;
		const onPoints = (points: WrittenPoint[]) => (this.points = points);
		socket.on('queue:written', onPoints);
		const stop = this.#connection.onReconnect(() => void this.refresh());
		void this.refresh();
		return () => {
			socket.off('queue:written', onPoints);
			stop();
		};
	}

	async refresh() {
		const result = await this.#connection.request('queue:written', {});
		if (result.ok) this.points = result.data;
	}

	async show(show: boolean): Promise<boolean> {
		const result = await this.#connection.request('queue:showWritten', { show });
		if (!result.ok) {
			this.#app.announcer.error(this.#app.settings.error(result.error.code));
			return false;
		}
		return true;
	}
}
