/**
 * The facilitator's view of one workshop. The key comes from the URL fragment, is sent only over the
 * socket, and is never put in a URL the browser would request.
 */
import {
	applyPeopleChange,
	type FacilitatorWelcome,
	type ParticipantView,
	type PeopleChange
} from '$lib/shared/workshop';
import type { CommandError } from '$lib/features/index';
import { Connection } from './connection.svelte';
import type { AppContext } from './context';
import { SharedDoc, WorkshopMeta } from './shared-doc.svelte';

export type FacilitatorState = 'opening' | 'invalid' | 'open';

export class FacilitatorSession {
	state = $state<FacilitatorState>('opening');
	welcome = $state<FacilitatorWelcome | null>(null);
	participants = $state<ParticipantView[]>([]);
	/** "Lock joining": new people are refused; people who joined before come back. */
	joiningLocked = $state(false);
	connection = $state<Connection | null>(null);
	#meta = $state<WorkshopMeta | null>(null);
	#app: AppContext;

	constructor(app: AppContext) {
		this.#app = app;
	}

	get title() {
		return this.#meta?.title ?? this.welcome?.workshop.title ?? '';
	}

	get joinUrl() {
		if (!this.welcome) return '';
		return this.welcome.joinUrl ?? location.origin + this.welcome.joinPath;
	}

	start(key: string): () => void {
		const connection = new Connection();
		// Commands wait for the facilitator's session after a drop (see Connection.holdForSession).
		connection.holdForSession();
		this.connection = connection;
		connection.socket.on('people', (change) => this.#updatePeople(change));
		connection.socket.on('joining', ({ locked }) => (this.joiningLocked = locked));
		const stopReconnect = connection.onReconnect(() => void this.#open(key));
		void this.#open(key);
		return () => {
			stopReconnect();
			this.#meta?.shared.destroy();
			connection.close();
		};
	}

	async #open(key: string) {
		if (!this.connection) return;
		const result = await this.connection.request('facilitator:open', { facilitatorKey: key });
		if (!result.ok) {
			if (result.error.code === 'link-not-valid' || result.error.code === 'bad-input') {
				this.state = 'invalid';
				this.#app.announcer.error(this.#app.settings.t('invalidLink.heading'));
			}
			return;
		}
		this.connection.sessionOpened();
		this.welcome = result.data;
		this.participants = result.data.participants;
		this.joiningLocked = result.data.joiningLocked;
		this.#app.settings.pageLanguage = result.data.workshop.language;
		if (this.#meta) this.#meta.shared.setTicket(result.data.yjsTicket);
		else {
			const shared = new SharedDoc(result.data.workshopId, 'meta', result.data.yjsTicket);
			this.#meta = new WorkshopMeta(shared, result.data.workshop.title);
		}
		this.state = 'open';
	}

	#updatePeople(change: PeopleChange) {
		const { settings, announcer } = this.#app;
		const before =
			change.change === 'removed'
				? this.participants.find((p) => p.id === change.id)
				: this.participants.find((p) => p.id === change.person.id);
		if (change.change === 'removed') {
			if (before) announcer.say(settings.t('facilitator.people.removed', { name: before.name }));
		} else if (change.person.here && !before?.here) {
			announcer.say(settings.t('announce.joined', { name: change.person.name }), {
				mergeKey: 'joined',
				merged: (n) => settings.t('announce.joinedMany', { count: n })
			});
		} else if (!change.person.here && before?.here) {
			announcer.say(settings.t('announce.left', { name: change.person.name }));
		}
		this.participants = applyPeopleChange(this.participants, change);
	}

	/** "Lock joining" on or off. */
	async lockJoining(locked: boolean): Promise<CommandError | null> {
		if (!this.connection) return { code: 'server-error', message: 'Not connected.' };
		const result = await this.connection.request('people:lock', { locked });
		if (!result.ok) return result.error;
		this.joiningLocked = result.data.locked;
		const { settings, announcer } = this.#app;
		announcer.say(
			settings.t(locked ? 'facilitator.people.lockedNow' : 'facilitator.people.unlockedNow')
		);
		return null;
	}

	/** "Remove person": the server takes them out of the list (the change arrives as an event). */
	async removePerson(personId: string): Promise<CommandError | null> {
		if (!this.connection) return { code: 'server-error', message: 'Not connected.' };
		const result = await this.connection.request('people:remove', { personId });
		return result.ok ? null : result.error;
	}

	async rename(title: string): Promise<CommandError | null> {
		if (!this.connection) return { code: 'server-error', message: 'Not connected.' };
		const result = await this.connection.request('workshop:rename', { title });
		if (!result.ok) return result.error;
		this.#app.announcer.say(this.#app.settings.t('facilitator.renamed'));
		return null;
	}
}
