/**
 * One person's view of a workshop's idea board: the board read live from its document, this device's
 * own ideas (with the proofs that let only this device withdraw them) and, for a participant, their
 * own dots, which only their own connection ever receives.
 */
import {
	DEFAULT_SETTINGS,
	readBoard,
	type BoardPhase,
	type BoardView,
	type IdeaView
} from '$lib/features/ideas/model';
import type { MyVotes } from '$lib/features/ideas/feature';
import type { IdeasSetupInput } from '$lib/features/ideas/schemas';
import type { MessageKey } from '$lib/i18n';
import type { CommandError, Result } from '$lib/features/index';
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';

export interface OwnIdea {
	id: string;
	proof: string;
	text: string;
}

const EMPTY: BoardView = { settings: DEFAULT_SETTINGS, ideas: [], themes: [], totals: null };

const ownKey = (workshopId: string) => `roundtable.ideas.${workshopId}`;
/** This device's ballot: the server keeps its dots but cannot tell whose it is. */
const ballotKey = (workshopId: string) => `roundtable.ballot.${workshopId}`;

function loadBallot(workshopId: string): string | undefined {
	try {
		return localStorage.getItem(ballotKey(workshopId)) ?? undefined;
	} catch {
		return undefined;
	}
}

function loadOwn(workshopId: string): OwnIdea[] {
	try {
		const parsed = JSON.parse(localStorage.getItem(ownKey(workshopId)) ?? '[]') as OwnIdea[];
		return Array.isArray(parsed)
			? parsed.filter((i) => typeof i?.id === 'string' && typeof i?.proof === 'string')
			: [];
	} catch {
		return [];
	}
}

export class IdeaBoard {
	view = $state<BoardView>(EMPTY);
	own = $state<OwnIdea[]>([]);
	votes = $state<MyVotes | null>(null);
	readonly role: 'participant' | 'facilitator';
	#app: AppContext;
	#connection: Connection;
	#workshopId: string;
	#shared: SharedDoc;
	#known: Set<string> | null = null;
	#phase: BoardPhase | null = null;
	#tally = { count: 0, at: -Infinity };

	constructor(
		app: AppContext,
		connection: Connection,
		workshopId: string,
		ticket: string,
		role: 'participant' | 'facilitator'
	) {
		this.#app = app;
		this.#connection = connection;
		this.#workshopId = workshopId;
		this.role = role;
		this.own = loadOwn(workshopId);
		this.#shared = new SharedDoc(workshopId, 'board', ticket);
		this.#shared.doc.on('update', () => this.#refresh());
		this.#shared.provider.on('sync', (synced: boolean) => synced && this.#refresh());
	}

	get phase() {
		return this.view.settings.phase;
	}

	get canGroup() {
		return (
			this.phase === 'group' &&
			(this.role === 'facilitator' || this.view.settings.participantsGroup)
		);
	}

	setTicket(ticket: string) {
		this.#shared.setTicket(ticket);
		if (this.role === 'participant' && this.phase === 'vote') void this.loadVotes();
	}

	destroy() {
		this.#shared.destroy();
	}

	#refresh() {
		if (!this.#shared.synced) return;
		const view = readBoard(this.#shared.doc);
		const { settings, announcer } = this.#app;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup, not state anything renders
		const ids = new Set(view.ideas.map((i) => i.id));
		if (this.#known) {
			// Arrivals come in batches; one message per batch, merged if several wait.
			// My own ideas are no news to me.
			const arrived = view.ideas.filter(
				(i) => !this.#known!.has(i.id) && !this.own.some((o) => o.id === i.id)
			).length;
			if (arrived > 0) {
				// Batches that wait together are counted together ("5 new ideas").
				const now = performance.now();
				if (now - this.#tally.at > 2000) this.#tally = { count: 0, at: now };
				const tally = this.#tally;
				tally.count += arrived;
				announcer.say(settings.count('ideas.new', arrived), {
					mergeKey: 'ideas.new',
					merged: () => settings.count('ideas.new', tally.count)
				});
			}
		}
		this.#known = ids;
		const phase = view.settings.phase;
		if (this.#phase !== null && this.#phase !== phase) {
			announcer.say(
				settings.t('ideas.phaseChanged', {
					phase: settings.t(`ideas.phase.${phase}`)
				})
			);
		}
		if (this.#phase !== phase && phase === 'vote' && this.role === 'participant') {
			void this.loadVotes();
		}
		this.#phase = phase;
		// Once ideas are on the board, mine that have left it (merged, hidden) leave my list too.
		if (phase !== 'collect' && this.own.some((o) => !ids.has(o.id))) {
			this.#saveOwn(this.own.filter((o) => ids.has(o.id)));
		}
		this.view = view;
	}

	#saveOwn(list: OwnIdea[]) {
		this.own = list;
		try {
			localStorage.setItem(ownKey(this.#workshopId), JSON.stringify(list));
		} catch {
			// Private browsing may refuse storage; the list still lives for this page.
		}
	}

	async #run<T>(
		result: Promise<Result<T>>,
		said?: MessageKey
	): Promise<{ error: CommandError | null; data?: T }> {
		const r = await result;
		if (!r.ok) return { error: r.error };
		if (said) this.#app.announcer.say(this.#app.settings.t(said));
		return { error: null, data: r.data };
	}

	async add(text: string): Promise<CommandError | null> {
		const r = await this.#connection.request('ideas:add', { text });
		if (!r.ok) return r.error;
		this.#saveOwn([...this.own, { id: r.data.id, proof: r.data.proof, text: text.trim() }]);
		this.#app.announcer.say(this.#app.settings.t('ideas.added'));
		return null;
	}

	async withdraw(idea: OwnIdea): Promise<CommandError | null> {
		const r = await this.#connection.request('ideas:withdraw', { id: idea.id, proof: idea.proof });
		// Gone already (merged or hidden): nothing left to withdraw, so forget it here too.
		if (r.ok || r.error.code === 'idea-gone')
			this.#saveOwn(this.own.filter((o) => o.id !== idea.id));
		if (!r.ok) return r.error;
		this.#app.announcer.say(this.#app.settings.t('ideas.withdrawn'));
		return null;
	}

	/** Only this device can change its own idea: it holds the proof. */
	async edit(idea: OwnIdea, text: string): Promise<CommandError | null> {
		const r = await this.#connection.request('ideas:edit', {
			id: idea.id,
			proof: idea.proof,
			text
		});
		if (!r.ok) return r.error;
		this.#saveOwn(this.own.map((o) => (o.id === idea.id ? { ...o, text: text.trim() } : o)));
		this.#app.announcer.say(this.#app.settings.t('ideas.edited'));
		return null;
	}

	async move(idea: IdeaView, theme: string | null) {
		const { error } = await this.#run(
			this.#connection.request('ideas:move', { id: idea.id, theme })
		);
		if (error) return error;
		const name =
			this.view.themes.find((t) => t.id === theme)?.name ?? this.#app.settings.t('ideas.noTheme');
		this.#app.announcer.say(this.#app.settings.t('ideas.moved', { theme: name }));
		return null;
	}

	async loadVotes(): Promise<CommandError | null> {
		const ballot = loadBallot(this.#workshopId);
		const r = await this.#connection.request('ideas:my-votes', ballot ? { ballot } : {});
		if (!r.ok) return r.error;
		this.#keep(r.data);
		return null;
	}

	#keep(votes: MyVotes) {
		this.votes = votes;
		try {
			localStorage.setItem(ballotKey(this.#workshopId), votes.ballot);
		} catch {
			// Private browsing without storage: the ballot lives as long as this page.
		}
	}

	async vote(idea: IdeaView, direction: 'add' | 'remove'): Promise<CommandError | null> {
		if (!this.votes) {
			const failed = await this.loadVotes();
			if (failed) return failed;
		}
		const name = direction === 'add' ? 'ideas:vote' : 'ideas:unvote';
		const r = await this.#connection.request(name, { id: idea.id, ballot: this.votes!.ballot });
		if (!r.ok) return r.error;
		this.#keep(r.data);
		const key = direction === 'add' ? 'ideas.voted' : 'ideas.unvoted';
		this.#app.announcer.say(this.#app.settings.t(key, { count: r.data.left }));
		return null;
	}

	async setup(input: IdeasSetupInput) {
		return (await this.#run(this.#connection.request('ideas:setup', input), 'ideas.setup.saved'))
			.error;
	}

	async advance(to: 'group' | 'vote' | 'results') {
		return (await this.#run(this.#connection.request('ideas:advance', { to }))).error;
	}

	async back(to: 'collect' | 'group') {
		return (await this.#run(this.#connection.request('ideas:back', { to }))).error;
	}

	async createTheme(name: string) {
		return (
			await this.#run(this.#connection.request('ideas:theme-create', { name }), 'ideas.theme.added')
		).error;
	}

	async renameTheme(id: string, name: string) {
		return (
			await this.#run(
				this.#connection.request('ideas:theme-rename', { id, name }),
				'ideas.theme.renamed'
			)
		).error;
	}

	async deleteTheme(id: string) {
		return (
			await this.#run(this.#connection.request('ideas:theme-delete', { id }), 'ideas.theme.deleted')
		).error;
	}

	async merge(from: string, into: string) {
		return (
			await this.#run(this.#connection.request('ideas:merge', { from, into }), 'ideas.merged')
		).error;
	}

	async hide(id: string) {
		return (await this.#run(this.#connection.request('ideas:hide', { id }), 'ideas.hidden')).error;
	}
}
