/**
 * One workshop's agenda in the browser: a live copy of the shared document (kept while offline and
 * merged on return), the edits this person may make, the advisory timer, and what is said about
 * changes. Facilitators edit the document directly, so adding and reordering work offline too;
 * starting, finishing and extending go through commands so the server's clock stamps the timer.
 */
import {
	addItem,
	editItem,
	removeItem,
	currentItem,
	moveItem,
	readAgenda,
	timeLeft,
	timerMoment,
	timerPhase,
	type AgendaItem,
	type AgendaView
} from '$lib/features/agenda/model';
import type { AgendaSuggestion } from '$lib/features/agenda/feature';
import type { CommandError, Result } from '$lib/features/index';
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';

/** A local-only error for commands tried while offline; shown as `error.offline`. */
export type AgendaError = CommandError | { code: 'offline'; message: string };

export type AgendaRole = 'facilitator' | 'participant' | 'room';

function newItemId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_')
		.replace(/=+$/, '');
}

export class AgendaState {
	view = $state<AgendaView>({ items: [], openEditing: false });
	now = $state(Date.now());
	suggestions = $state<AgendaSuggestion[]>([]);
	readonly role: AgendaRole;
	readonly shared: SharedDoc;
	#app: AppContext;
	#connection: Connection | null;
	#ticker: ReturnType<typeof setInterval> | null = null;
	#everSynced = false;
	// Plain collections: bookkeeping for announcements, not state anything renders.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#phase = new Map<string, ReturnType<typeof timerPhase>>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#ownMoves = new Set<string>();

	constructor(
		app: AppContext,
		connection: Connection | null,
		workshopId: string,
		ticket: string,
		role: AgendaRole
	) {
		this.#app = app;
		this.#connection = connection;
		this.role = role;
		this.shared = new SharedDoc(workshopId, 'agenda', ticket);
		this.view = readAgenda(this.shared.doc);
		this.shared.doc.on('update', () => this.#refresh());
		this.shared.provider.on('sync', (synced: boolean) => {
			if (synced) this.#everSynced = true;
		});
		this.#ticker = setInterval(() => this.#tick(), 1000);
		if (role === 'facilitator' && connection) {
			connection.socket.on('agenda:suggestions', (list) => this.#newSuggestions(list));
		}
	}

	current: AgendaItem | null = $derived(currentItem(this.view));
	next: AgendaItem | null = $derived(this.view.items.find((i) => i.status === 'upcoming') ?? null);
	/** Milliseconds left for the current item; negative when over time. */
	left: number | null = $derived(this.current ? timeLeft(this.current, this.now) : null);

	get canEdit() {
		return this.role === 'facilitator' || (this.role === 'participant' && this.view.openEditing);
	}

	setTicket(ticket: string) {
		this.shared.setTicket(ticket);
	}

	async loadSuggestions() {
		if (!this.#connection || this.role !== 'facilitator') return;
		const result = await this.#connection.request('agenda:suggestions', {});
		if (result.ok) this.suggestions = result.data;
	}

	destroy() {
		if (this.#ticker) clearInterval(this.#ticker);
		this.shared.destroy();
	}

	// ---- Edits

	/** Adds an item straight into the document (works offline); returns its id. */
	add(title: string, timeboxMinutes: number, notes = ''): string | null {
		const id = newItemId();
		let added = false;
		this.shared.doc.transact(() => {
			added = addItem(this.shared.doc, { id, title, notes, timeboxMinutes });
		});
		return added ? id : null;
	}

	/** Direct edits, like adding: they work offline and merge on return. */
	edit(id: string, fields: { title: string; notes: string; timeboxMinutes: number }): boolean {
		let changed = false;
		this.shared.doc.transact(() => {
			changed = editItem(this.shared.doc, id, fields);
		});
		return changed;
	}

	remove(id: string): boolean {
		let removed = false;
		this.shared.doc.transact(() => {
			removed = removeItem(this.shared.doc, id);
		});
		return removed;
	}

	move(id: string, direction: 'up' | 'down') {
		this.#ownMoves.add(id);
		this.shared.doc.transact(() => moveItem(this.shared.doc, id, direction));
	}

	start(itemId: string) {
		return this.#command('agenda:start', { itemId });
	}

	finish(itemId: string, outcome: string) {
		return this.#command('agenda:finish', { itemId, outcome });
	}

	extend(itemId: string) {
		return this.#command('agenda:extend', { itemId });
	}

	setOpenEditing(open: boolean) {
		return this.#command('agenda:open-editing', { open });
	}

	suggest(title: string, notes = '') {
		return this.#command('agenda:suggest', { title, notes });
	}

	async decide(suggestionId: string, accept: boolean) {
		return this.#command('agenda:decide', { suggestionId, accept });
	}

	async #command(
		name:
			| 'agenda:start'
			| 'agenda:finish'
			| 'agenda:extend'
			| 'agenda:open-editing'
			| 'agenda:suggest'
			| 'agenda:decide',
		payload: unknown
	): Promise<AgendaError | null> {
		const connection = this.#connection;
		if (!connection || connection.status !== 'online') return { code: 'offline', message: '' };
		const request = connection.request.bind(connection) as unknown as (
			n: string,
			p: unknown
		) => Promise<Result<unknown>>;
		const result = await request(name, payload);
		return result.ok ? null : result.error;
	}

	// ---- Live view and what is said about it

	#refresh() {
		const before = this.view;
		const after = readAgenda(this.shared.doc);
		this.view = after;
		if (this.#everSynced) this.#announceChanges(before, after);
	}

	#say(text: string) {
		const { settings, announcer } = this.#app;
		announcer.say(text, {
			mergeKey: 'agenda',
			merged: (n) => settings.t('agenda.announce.merged', { count: n })
		});
	}

	#announceChanges(before: AgendaView, after: AgendaView) {
		const t = this.#app.settings.t;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway lookup, not state
		const old = new Map(before.items.map((i) => [i.id, i]));
		const ownMove = this.#ownMoves.size > 0;
		let reordered = false;
		after.items.forEach((item, index) => {
			const was = old.get(item.id);
			if (!was) return this.#say(t('agenda.announce.added', { title: item.title }));
			if (was.status !== 'current' && item.status === 'current') {
				this.#say(
					t('agenda.announce.started', { title: item.title, minutes: item.timeboxMinutes })
				);
			} else if (was.status !== 'done' && item.status === 'done') {
				this.#say(t('agenda.announce.finished', { title: item.title }));
			} else if (item.extendedMinutes > was.extendedMinutes) {
				this.#say(t('agenda.announce.extended', { title: item.title }));
			}
			if (before.items.indexOf(was) !== index) {
				if (this.#ownMoves.delete(item.id)) {
					// Feedback on one's own move stands alone rather than merging with others' news.
					this.#app.announcer.say(
						t('agenda.moved', {
							title: item.title,
							position: index + 1,
							count: after.items.length
						})
					);
				} else reordered = true;
			}
		});
		if (reordered && !ownMove) this.#say(t('agenda.announce.changed'));
		this.#ownMoves.clear();
	}

	#tick() {
		this.now = Date.now();
		const item = this.current;
		if (!item) return;
		const phase = timerPhase(timeLeft(item, this.now));
		const was = this.#phase.get(item.id);
		this.#phase.set(item.id, phase);
		const moment = timerMoment(was, phase);
		if (!moment) return;
		const t = this.#app.settings.t;
		const key = moment === 'warning' ? 'agenda.announce.warning' : 'agenda.announce.timeUp';
		this.#app.announcer.say(t(key, { title: item.title }), { mergeKey: 'agenda-timer' });
	}

	#newSuggestions(list: AgendaSuggestion[]) {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway lookup, not state
		const known = new Set(this.suggestions.map((s) => s.id));
		const { settings, announcer } = this.#app;
		for (const s of list) {
			if (!known.has(s.id))
				announcer.say(settings.t('agenda.suggestion.new', { title: s.title }), {
					mergeKey: 'agenda-suggestion',
					merged: (n) => settings.t('agenda.suggestion.merged', { count: n })
				});
		}
		this.suggestions = list;
	}
}
