/**
 * Actions in the browser: a live, read-only copy of the 'actions' document (the server writes it),
 * "Your actions" for the person on this device, and the commands they may send.
 */
import type { Connection } from '../../client/connection.svelte.ts';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';
import type { CommandError, CommandInput, CommandName, Result } from '$lib/features/index';
import type { ActionsView, ShownAction } from '$lib/features/actions/feature';

export type ActionsError = CommandError | { code: 'offline'; message: string };

const EMPTY: ActionsView = { actions: [] };

export class ActionsState {
	view = $state<ActionsView>(EMPTY);
	readonly shared: SharedDoc;
	readonly personId: string | null;
	#connection: Connection | null;

	constructor(
		connection: Connection | null,
		workshopId: string,
		ticket: string,
		personId: string | null
	) {
		this.#connection = connection;
		this.personId = personId;
		this.shared = new SharedDoc(workshopId, 'actions', ticket);
		const refresh = () =>
			(this.view = (this.shared.doc.getMap('actions').get('view') as ActionsView) ?? EMPTY);
		refresh();
		this.shared.doc.on('update', refresh);
	}

	/** "Your actions": not done first, soonest first, undated last. */
	mine: ShownAction[] = $derived(
		this.view.actions
			.filter((a) => this.personId !== null && a.owners.some((o) => o.id === this.personId))
			.sort(
				(a, b) =>
					Number(a.done) - Number(b.done) || (a.due ?? '9999').localeCompare(b.due ?? '9999')
			)
	);

	async #send<K extends CommandName>(name: K, payload: CommandInput<K>) {
		const connection = this.#connection;
		if (!connection || connection.status !== 'online') {
			return { code: 'offline', message: '' } as ActionsError;
		}
		const result: Result<unknown> = await connection.request(name, payload);
		return result.ok ? null : result.error;
	}

	add(what: string, owners: string[], due: string | null) {
		return this.#send('actions:add', { what, owners, due });
	}

	take(what: string, due: string | null) {
		return this.#send('actions:take', { what, due });
	}

	setDone(id: string, done: boolean) {
		return this.#send('actions:done', { id, done });
	}

	remove(id: string) {
		return this.#send('actions:remove', { id });
	}

	setTicket(ticket: string) {
		this.shared.setTicket(ticket);
	}

	destroy() {
		this.shared.destroy();
	}
}
