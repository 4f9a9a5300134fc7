/**
 * Browser state for access needs. `AccessAnswer` is one person's own answer (the join form and
 * their page edit it); `AccessList` is the facilitators' summary. Only the facilitator page
 * imports the list, and the server sends it only to facilitators.
 */
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import type { CommandError } from '../index.ts';
import {
	MAX_ACCESS_NOTE,
	noAccessNeeds,
	type AccessNeed,
	type AccessNeeds,
	type AccessSummary
} from './model.ts';

export class AccessAnswer {
	needs = $state<AccessNeed[]>([]);
	note = $state('');
	visibility = $state<AccessNeeds['visibility']>('count');
	saved = $state(false);
	readonly maxNote = MAX_ACCESS_NOTE;
	#app: AppContext;

	constructor(app: AppContext) {
		this.#app = app;
	}

	get chosenAnything(): boolean {
		return this.needs.length > 0 || this.note.trim() !== '';
	}

	load(a: AccessNeeds) {
		this.needs = [...a.needs];
		this.note = a.note ?? '';
		this.visibility = a.visibility;
	}

	async fetch(connection: Connection) {
		const before = this.#asked();
		const result = await connection.request('access:mine', {});
		// A slow reply must not undo what the person has ticked since the form opened.
		if (result.ok && this.#asked() === before) this.load(result.data);
	}

	#asked(): string {
		return JSON.stringify([this.needs, this.note, this.visibility]);
	}

	/** Saves the answer; says "Saved" politely, or returns the error for the form to show. */
	async save(connection: Connection): Promise<CommandError | null> {
		const result = await connection.request('access:set', {
			needs: this.needs,
			note: this.note.trim() === '' ? null : this.note,
			visibility: this.visibility
		});
		if (!result.ok) return result.error;
		this.load(result.data);
		this.saved = true;
		this.#app.announcer.say(this.#app.settings.t('access.saved'));
		return null;
	}

	clear() {
		this.load(noAccessNeeds());
	}
}

export class AccessList {
	summary = $state<AccessSummary | null>(null);
	#connection: Connection;

	constructor(connection: Connection) {
		this.#connection = connection;
	}

	start(): () => void {
		const socket = this.#connection.socket;
		const onSummary = (s: AccessSummary) => (this.summary = s);
		socket.on('access:summary', onSummary);
		const stop = this.#connection.onReconnect(() => void this.refresh());
		void this.refresh();
		return () => {
			socket.off('access:summary', onSummary);
			stop();
		};
	}

	async refresh() {
		const result = await this.#connection.request('access:list', {});
		if (result.ok) this.summary = result.data;
	}
}
