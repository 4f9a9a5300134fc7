/**
 * The facilitator's view of one workshop. The key comes from the URL fragment, is sent only over the
 * socket, and is never put in a URL the browser would request.
 */
import type { FacilitatorWelcome, ParticipantView } from '$lib/shared/workshop';
import type { CommandError } from '$lib/features/index';
import { Connection } from './connection.svelte';
import type { AppContext } from './context';
import { SharedDoc, WorkshopMeta } from './shared-doc.svelte';

export type FacilitatorState = 'opening' | 'invalid' | 'open';

export class FacilitatorSession {
	state = $state<FacilitatorState>('opening');
	welcome = $state<FacilitatorWelcome | null>(null);
	participants = $state<ParticipantView[]>([]);
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
		connection.socket.on('participants', (list) => this.#updatePeople(list));
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
		this.#app.settings.pageLanguage = result.data.workshop.language;
		if (this.#meta) this.#meta.shared.setTicket(result.data.yjsTicket);
		else {
			const shared = new SharedDoc(result.data.workshopId, 'meta', result.data.yjsTicket);
			this.#meta = new WorkshopMeta(shared, result.data.workshop.title);
		}
		this.state = 'open';
	}

	#updatePeople(list: ParticipantView[]) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway lookup, not state
		const known = new Map(this.participants.map((p) => [p.id, p]));
		const { settings, announcer } = this.#app;
		for (const p of list) {
			const before = known.get(p.id);
			if (p.here && !before?.here) {
				announcer.say(settings.t('announce.joined', { name: p.name }), {
					mergeKey: 'joined',
					merged: (n) => settings.t('announce.joinedMany', { count: n })
				});
			} else if (!p.here && before?.here) {
				announcer.say(settings.t('announce.left', { name: p.name }));
			}
		}
		this.participants = list;
	}

	async rename(title: string): Promise<CommandError | null> {
		if (!this.connection) return { code: 'server-error', message: 'Not connected.' };
		const result = await this.connection.request('workshop:rename', { title });
		if (!result.ok) return result.error;
		this.#app.announcer.say(this.#app.settings.t('facilitator.renamed'));
		return null;
	}
}
