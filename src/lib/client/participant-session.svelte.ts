/**
 * A participant's life in one workshop: join or resume with the key kept on this device, stay in
 * sync after drops, and follow what everyone sees.
 */
import type { ParticipantWelcome, WorkshopPublic } from '$lib/shared/workshop';
import type { CommandError } from '$lib/features/index';
import type { Connection } from './connection.svelte';
import type { AppContext } from './context';
import { forgetIdentity, loadIdentity, saveIdentity } from './identity';
import type { WorkshopMeta } from './shared-doc.svelte';

/** `removed`: a facilitator removed this person; the page says so and offers nothing to retry. */
export type ParticipantState = 'checking' | 'joining' | 'joined' | 'removed';

export class ParticipantSession {
	state = $state<ParticipantState>('checking');
	welcome = $state<ParticipantWelcome | null>(null);
	here = $state(0);
	/** Joined on this page (not resumed): the view opens with the workshop's ground rules. */
	joinedHere = $state(false);
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

	/**
	 * Call on mount: resumes a stored identity, and cleans up on leave. The realtime connection
	 * (and its code) loads only for someone who has joined on this device before, or on "Join":
	 * the join form a phone first opens needs none of it.
	 */
	start(): () => void {
		if (loadIdentity(this.workshop.code)) void this.#connect().then(() => this.#resume());
		else this.state = 'joining';
		return () => {
			this.#stopped = true;
			this.#stopReconnect?.();
			this.#meta?.shared.destroy();
			this.connection?.close();
		};
	}

	#stopReconnect: (() => void) | null = null;
	#connecting: Promise<Connection | null> | null = null;

	#connect(): Promise<Connection | null> {
		this.#connecting ??= import('./connection.svelte').then(({ Connection }) => {
			if (this.#stopped) return null;
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
			connection.socket.on('removed', () => this.#removed());
			this.#stopReconnect = connection.onReconnect(() => void this.#resume());
			return connection;
		});
		return this.#connecting;
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
		else if (result.error.code === 'removed') this.#removed();
		else if (result.error.code === 'link-not-valid' || result.error.code === 'not-found') {
			// The device's key is no longer known here: join afresh rather than loop.
			forgetIdentity(this.workshop.code);
			this.state = 'joining';
		}
	}

	async join(name: string, role: string): Promise<CommandError | null> {
		const connection = await this.#connect();
		if (!connection) return { code: 'server-error', message: 'Not connected.' };
		const result = await connection.request('participant:join', {
			code: this.workshop.code,
			name,
			role
		});
		if (!result.ok) return result.error;
		saveIdentity(this.workshop.code, {
			participantId: result.data.participantId,
			participantKey: result.data.participantKey
		});
		this.joinedHere = true;
		this.#enter(result.data);
		return null;
	}

	#removed() {
		if (this.state === 'removed') return;
		this.state = 'removed';
		this.#meta?.shared.destroy();
		this.#meta = null;
		this.#app.announcer.error(this.#app.settings.t('participant.removed.heading'));
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
