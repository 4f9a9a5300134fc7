/**
 * Deciding together in the browser: live copies of the 'scope' and 'decisions' documents (read
 * only: the server writes them), the commands a facilitator or participant sends, and what is said
 * when a consent round opens or closes. A participant's own answer is kept only on their screen.
 */
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';
import type { CommandError, CommandInput, CommandName, Result } from '$lib/features/index';
import {
	VIEW_KEY,
	type DecisionsView,
	type ShownDecision,
	type WorkshopScope
} from '$lib/features/decisions/feature';
import type { ConsentAnswerKind } from '$lib/features/decisions/model';

export type DecisionsError = CommandError | { code: 'offline'; message: string };

function readView<T>(shared: SharedDoc, kind: string, empty: T): T {
	return (shared.doc.getMap(kind).get(VIEW_KEY) as T | undefined) ?? empty;
}

/** Sends one command; `null` when it succeeded. */
async function send<K extends CommandName>(
	connection: Connection | null,
	name: K,
	payload: CommandInput<K>
): Promise<DecisionsError | null> {
	if (!connection || connection.status !== 'online') return { code: 'offline', message: '' };
	const result: Result<unknown> = await connection.request(name, payload);
	return result.ok ? null : result.error;
}

/** The note above the agenda: what is fixed and what is open to change. */
export class ScopeState {
	scope = $state<WorkshopScope>({ fixed: '', open: '' });
	readonly shared: SharedDoc;
	#connection: Connection | null;

	constructor(connection: Connection | null, workshopId: string, ticket: string) {
		this.#connection = connection;
		this.shared = new SharedDoc(workshopId, 'scope', ticket);
		const refresh = () => (this.scope = readView(this.shared, 'scope', { fixed: '', open: '' }));
		refresh();
		this.shared.doc.on('update', refresh);
	}

	get said() {
		return this.scope.fixed !== '' || this.scope.open !== '';
	}

	save(fixed: string, open: string) {
		return send(this.#connection, 'decisions:scope', { fixed, open });
	}

	setTicket(ticket: string) {
		this.shared.setTicket(ticket);
	}

	destroy() {
		this.shared.destroy();
	}
}

export class DecisionsState {
	view = $state<DecisionsView>({ decisions: [] });
	/** This person's answers, by decision and round: their own screen only. */
	mine = $state<Record<string, { answer: ConsentAnswerKind; reason: string | null }>>({});
	readonly shared: SharedDoc;
	#app: AppContext;
	#connection: Connection | null;
	#everSynced = false;

	constructor(app: AppContext, connection: Connection | null, workshopId: string, ticket: string) {
		this.#app = app;
		this.#connection = connection;
		this.shared = new SharedDoc(workshopId, 'decisions', ticket);
		this.view = readView(this.shared, 'decisions', { decisions: [] });
		this.shared.doc.on('update', () => this.#refresh());
		this.shared.provider.on('sync', (synced: boolean) => {
			if (synced) this.#everSynced = true;
		});
	}

	#refresh() {
		const before = this.view;
		this.view = readView(this.shared, 'decisions', { decisions: [] });
		if (!this.#everSynced) return;
		const t = this.#app.settings.t;
		for (const after of this.view.decisions) {
			const was = before.decisions.find((x) => x.id === after.id);
			const wasOpen = was?.open?.number ?? null;
			if (after.open && after.open.number !== wasOpen) {
				this.#app.announcer.say(t('announce.decisions.roundOpen'), { mergeKey: 'decisions' });
			} else if (!after.open && wasOpen !== null) {
				this.#app.announcer.say(t('announce.decisions.roundClosed'), { mergeKey: 'decisions' });
			}
		}
	}

	static roundKey(decision: ShownDecision) {
		return `${decision.id}:${decision.open?.number ?? 0}`;
	}

	ownAnswer(decision: ShownDecision) {
		return decision.open ? (this.mine[DecisionsState.roundKey(decision)] ?? null) : null;
	}

	async answer(decision: ShownDecision, answer: ConsentAnswerKind, reason: string | null) {
		const error = await send(this.#connection, 'decisions:answer', {
			id: decision.id,
			answer,
			reason
		});
		if (!error) {
			this.mine = { ...this.mine, [DecisionsState.roundKey(decision)]: { answer, reason } };
		}
		return error;
	}

	propose(proposal: string) {
		return send(this.#connection, 'decisions:new', { proposal });
	}

	amend(id: string, proposal: string) {
		return send(this.#connection, 'decisions:amend', { id, proposal });
	}

	goRound(id: string, kind: 'clarifying' | 'reaction') {
		return send(this.#connection, 'decisions:goRound', { id, kind });
	}

	options(id: string, mode: 'named' | 'anonymous', concernAllowed: boolean) {
		return send(this.#connection, 'decisions:options', { id, mode, concernAllowed });
	}

	startConsent(id: string) {
		return send(this.#connection, 'decisions:startConsent', { id });
	}

	closeConsent(id: string) {
		return send(this.#connection, 'decisions:closeConsent', { id });
	}

	cancelConsent(id: string) {
		return send(this.#connection, 'decisions:cancelConsent', { id });
	}

	/** Sets, changes or (with null) clears when the group will look at the decision again. */
	reviewDate(id: string, date: string | null) {
		return send(this.#connection, 'decisions:reviewDate', { id, date });
	}

	withdraw(id: string) {
		return send(this.#connection, 'decisions:withdraw', { id });
	}

	setTicket(ticket: string) {
		this.shared.setTicket(ticket);
	}

	destroy() {
		this.shared.destroy();
	}
}
