/**
 * Close-out in the browser: whether feedback is open (and any shared results) from the read-only
 * 'closeout' document, the results for facilitators from their own event, and the commands.
 */
import type { Connection } from '../../client/connection.svelte.ts';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';
import type { CommandError, CommandInput, CommandName, Result } from '$lib/features/index';
import type { CloseoutView } from '$lib/features/closeout/feature';
import type { FeedbackSummary } from '$lib/features/closeout/model';

export type CloseoutError = CommandError | { code: 'offline'; message: string };

const EMPTY: CloseoutView = { open: false, shared: null };

export class CloseoutState {
	view = $state<CloseoutView>(EMPTY);
	/** Facilitators only. */
	results = $state<FeedbackSummary | null>(null);
	sent = $state(false);
	readonly shared: SharedDoc;
	#connection: Connection | null;

	constructor(
		connection: Connection | null,
		workshopId: string,
		ticket: string,
		onOpen: () => void
	) {
		this.#connection = connection;
		this.shared = new SharedDoc(workshopId, 'closeout', ticket);
		let synced = false;
		this.shared.provider.on('sync', (s: boolean) => (synced ||= s));
		this.shared.doc.on('update', () => {
			const was = this.view.open;
			this.view = (this.shared.doc.getMap('closeout').get('view') as CloseoutView) ?? EMPTY;
			if (synced && !was && this.view.open) onOpen();
		});
	}

	listenForResults() {
		this.#connection?.socket.on('closeout:results', (summary) => (this.results = summary));
		void this.send('closeout:results', {}).then((r) => {
			if (r.ok) this.results = r.data as FeedbackSummary;
		});
	}

	async send<K extends CommandName>(
		name: K,
		payload: CommandInput<K>
	): Promise<{ ok: true; data: unknown } | { ok: false; error: CloseoutError }> {
		const connection = this.#connection;
		if (!connection || connection.status !== 'online') {
			return { ok: false, error: { code: 'offline', message: '' } };
		}
		const result: Result<unknown> = await connection.request(name, payload);
		return result;
	}

	setTicket(ticket: string) {
		this.shared.setTicket(ticket);
	}

	destroy() {
		this.shared.destroy();
	}
}
