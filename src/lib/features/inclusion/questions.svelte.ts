/**
 * "What does … mean?" in the browser. `AskMeaning` is a participant's own question: checked with
 * the one text rule before sending, and answered at once from the glossary when the word is there.
 * `MeaningInbox` is the facilitators' list, fed by what the server publishes on its ticks; it
 * holds terms and counts only, because that is all the server ever sends.
 */
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import type { ErrorCode } from '../index.ts';
import { checkLine } from '../../shared/text.ts';
import { findGlossaryTerm, MAX_TERM, type Glossary, type MeaningQuestion } from './model.ts';

export type AskNotice =
	{ kind: 'sent' } | { kind: 'known'; meaning: string } | { kind: 'error'; code: ErrorCode };

export class AskMeaning {
	term = $state('');
	notice = $state<AskNotice | null>(null);
	busy = $state(false);
	readonly max = MAX_TERM;
	#app: AppContext;
	#connection: Connection;

	constructor(app: AppContext, connection: Connection) {
		this.#app = app;
		this.#connection = connection;
	}

	/** Sends the question; true when it was sent or answered from the glossary. */
	async ask(glossary: Glossary): Promise<boolean> {
		const { settings, announcer } = this.#app;
		const checked = checkLine(this.term, MAX_TERM);
		if (!checked.ok) return this.#refused(checked.code);
		const known = findGlossaryTerm(glossary, checked.value);
		if (known) {
			this.notice = { kind: 'known', meaning: known.meaning };
			announcer.say(settings.t('glossary.ask.known', { meaning: known.meaning }));
			return true;
		}
		this.busy = true;
		const result = await this.#connection.request('meaning:ask', { term: checked.value });
		this.busy = false;
		if (!result.ok) return this.#refused(result.error.code);
		this.term = '';
		this.notice = { kind: 'sent' };
		announcer.say(settings.t('glossary.ask.sent'));
		return true;
	}

	#refused(code: ErrorCode): false {
		this.notice = { kind: 'error', code };
		this.#app.announcer.error(this.#app.settings.error(code));
		return false;
	}
}

export class MeaningInbox {
	list = $state<MeaningQuestion[]>([]);
	#app: AppContext;
	#connection: Connection;

	constructor(app: AppContext, connection: Connection) {
		this.#app = app;
		this.#connection = connection;
	}

	start(): () => void {
		const socket = this.#connection.socket;
		const onList = (list: MeaningQuestion[]) => this.#show(list);
		socket.on('meaning:questions', onList);
		const stop = this.#connection.onReconnect(() => void this.refresh());
		void this.refresh();
		return () => {
			socket.off('meaning:questions', onList);
			stop();
		};
	}

	async refresh() {
		const result = await this.#connection.request('meaning:list', {});
		if (result.ok) this.list = result.data;
	}

	#show(list: MeaningQuestion[]) {
		const before = this.list;
		this.list = list;
		// News is a new question or a higher count; an answered one leaving is the facilitator's own doing.
		const countBefore = (id: string) => before.find((q) => q.id === id)?.count ?? 0;
		if (list.some((q) => countBefore(q.id) < q.count)) {
			this.#app.announcer.say(this.#app.settings.t('inclusion.facilitator.questions.new'), {
				mergeKey: 'meaning'
			});
		}
	}

	async dismiss(id: string): Promise<boolean> {
		const result = await this.#connection.request('meaning:dismiss', { id });
		if (!result.ok) {
			this.#app.announcer.error(this.#app.settings.error(result.error.code));
			return false;
		}
		this.list = this.list.filter((q) => q.id !== id);
		return true;
	}
}
