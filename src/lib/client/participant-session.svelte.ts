/**
 * A participant's life in one workshop: join or resume with the key kept on this device, stay in
 * sync after drops, and follow what everyone sees.
 */
import type { ParticipantWelcome, WorkshopPublic } from '$lib/shared/workshop';
import type { CommandError } from '$lib/features/index';
import { Connection } from './connection.svelte';
import type { AppContext } from './context';
import { forgetIdentity, loadIdentity, saveIdentity } from './identity';
import type { WorkshopMeta } from './shared-doc.svelte';

export type ParticipantState = 'checking' | 'joining' | 'joined';

export class ParticipantSession {
	state = $state<ParticipantState>('checking');
	welcome = $state<ParticipantWelcome | null>(null);
	here = $state(0);
	connection = $state<Connection | null>(null);
	#meta = $state<WorkshopMeta | null>(null);
	#stopped = false;
	readonly workshop: WorkshopPublic;
	#app: AppContext;

	constructor(app: AppContext, workshop: WorkshopPublic) {
		this.#app = app;
		this.workshop = workshop;
	}

	get title() {
		return this.#meta?.title ?? this.workshop.title;
	}

	get online() {
		return this.connection?.status === 'online';
	}

	/** Call from an effect: connects, resumes a stored identity, and cleans up on leave. */
	start(): () => void {
		const connection = new Connection();
		// Commands wait for the person's session after a drop (see Connection.holdForSession).
		connection.holdForSession();
		this.connection = connection;
		connection.socket.on('presence', ({ count }) => {
			const before = this.here;
			this.here = count;
			if (this.state === 'joined' && before !== count) {
				this.#app.announcer.say(this.#app.settings.count('participant.here', count), {
					kind: 'summary',
					mergeKey: 'presence'
				});
			}
		});
		const stopReconnect = connection.onReconnect(() => void this.#resume());
		void this.#resume();
		return () => {
			this.#stopped = true;
			stopReconnect();
			this.#meta?.shared.destroy();
			connection.close();
		};
	}

	async #resume() {
		const identity = loadIdentity(this.workshop.code);
		if (!identity || !this.connection) {
			this.state = 'joining';
			return;
		}
		const result = await this.connection.request('participant:resume', {
			code: this.workshop.code,
			...identity
		});
		if (result.ok) this.#enter(result.data);
		else if (result.error.code === 'link-not-valid' || result.error.code === 'not-found') {
			// The device's key is no longer known here: join afresh rather than loop.
			forgetIdentity(this.workshop.code);
			this.state = 'joining';
		}
	}

	async join(name: string, role: string): Promise<CommandError | null> {
		if (!this.connection) return { code: 'server-error', message: 'Not connected.' };
		const result = await this.connection.request('participant:join', {
			code: this.workshop.code,
			name,
			role
		});
		if (!result.ok) return result.error;
		saveIdentity(this.workshop.code, {
			participantId: result.data.participantId,
			participantKey: result.data.participantKey
		});
		this.#enter(result.data);
		return null;
	}

	#enter(welcome: ParticipantWelcome) {
		this.connection?.sessionOpened();
		this.welcome = welcome;
		this.here = welcome.here;
		this.state = 'joined';
		if (this.#meta) this.#meta.shared.setTicket(welcome.yjsTicket);
		else void this.#openMeta(welcome);
	}

	/** Yjs loads only once the person has joined, so the join page stays small on a phone. */
	async #openMeta(welcome: ParticipantWelcome) {
		const { SharedDoc, WorkshopMeta } = await import('./shared-doc.svelte');
		if (this.#meta || this.#stopped) return;
		const shared = new SharedDoc(welcome.workshopId, 'meta', welcome.yjsTicket);
		this.#meta = new WorkshopMeta(shared, welcome.workshop.title);
	}
}
