/**
 * What everyone reads of breaks, ground rules and the glossary: a read-only copy of the
 * `inclusion` document the server writes. The break timer is advisory and only changes the
 * visible text; a break starting or ending is said politely, once.
 */
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';
import type { CommandInput, CommandName } from '../index.ts';
import {
	INCLUSION_MAP,
	BREAK_KEY,
	GLOSSARY_KEY,
	ROUND_KEY,
	RULES_KEY,
	type InclusionView
} from './feature.ts';
import { breakTimeLeft, defaultGroundRules, type GroundRules } from './model.ts';

export class InclusionState {
	view = $state<InclusionView>({ break: null, rules: null, glossary: [], round: null });
	now = $state(Date.now());
	#doc: SharedDoc;
	#timer: ReturnType<typeof setInterval>;
	#app: AppContext | null;
	#connection: Connection | null;
	#loaded = false;

	/** `app` is null on the room screen, which announces nothing. */
	constructor(
		app: AppContext | null,
		connection: Connection | null,
		workshopId: string,
		ticket: string
	) {
		this.#app = app;
		this.#connection = connection;
		this.#doc = new SharedDoc(workshopId, 'inclusion', ticket);
		const map = this.#doc.doc.getMap(INCLUSION_MAP);
		map.observe(() => this.#read(map));
		this.#read(map);
		this.#timer = setInterval(() => {
			if (this.view.break) this.now = Date.now();
		}, 1000);
	}

	#read(map: ReturnType<SharedDoc['doc']['getMap']>) {
		const before = this.view.break;
		this.view = {
			break: (map.get(BREAK_KEY) as InclusionView['break']) ?? null,
			rules: (map.get(RULES_KEY) as InclusionView['rules']) ?? null,
			glossary: (map.get(GLOSSARY_KEY) as InclusionView['glossary']) ?? [],
			round: (map.get(ROUND_KEY) as InclusionView['round']) ?? null
		};
		this.now = Date.now();
		// The first sync is what was already there, not news.
		const synced = this.#loaded;
		if (this.#doc.synced) this.#loaded = true;
		if (!this.#app || !synced) return;
		const { announcer, settings } = this.#app;
		if (!before && this.view.break) announcer.say(settings.t('announce.break.started'));
		else if (before && !this.view.break) announcer.say(settings.t('announce.break.ended'));
	}

	/** True once the document has arrived: before that, `rules` would show the defaults. */
	get loaded(): boolean {
		return this.#doc.synced;
	}

	get rules(): GroundRules {
		return this.view.rules ?? defaultGroundRules();
	}

	get breakLeftMs(): number | null {
		return breakTimeLeft(this.view.break, this.now);
	}

	async send<K extends CommandName>(name: K, payload: CommandInput<K>): Promise<boolean> {
		if (!this.#connection || !this.#app) return false;
		const result = await this.#connection.request(name, payload);
		if (!result.ok) {
			this.#app.announcer.error(this.#app.settings.error(result.error.code));
			return false;
		}
		return true;
	}

	setTicket(ticket: string) {
		this.#doc.setTicket(ticket);
	}

	destroy() {
		clearInterval(this.#timer);
		this.#doc.destroy();
	}
}
