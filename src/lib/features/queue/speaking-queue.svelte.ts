/**
 * The speaking queue in the browser: reads the server-written 'queue' document, sends queue
 * commands, and tells a participant about their place. "You are next" and "Your turn" are said
 * assertively exactly once each (per raised hand and per turn); every other change is polite and
 * merged into one pending message, so a busy queue never floods a screen reader (R2, R4).
 */
import type { CommandInput, CommandName } from '$lib/features/index';
import { ordinal } from '$lib/features/queue/messages';
import { EMPTY_QUEUE_VIEW, type QueueView, type QueueViewHand } from '$lib/features/queue/feature';
import { observeQueueView, readQueueView } from '$lib/features/queue/view-doc';
import type { PointKind } from '$lib/features/queue/model';
import type { Connection } from '../../client/connection.svelte.ts';
import type { AppContext } from '../../client/context';
import { SharedDoc } from '../../client/shared-doc.svelte.ts';

const TICK_MS = 1000;
const WISH_SETTLE_MS = 2000;

export class SpeakingQueue {
	/** Empty until the server first writes the document (a new workshop has no queue yet). */
	view = $state<QueueView>(EMPTY_QUEUE_VIEW);
	/** The clock the timer is drawn against; ticks once a second while someone speaks. */
	now = $state(Date.now());
	busy = $state(false);
	/**
	 * The hand the person last chose while a change is on its way (offline, it waits for the session
	 * to come back), or null. The button follows it, and only the last choice is sent.
	 */
	wish = $state<{ up: boolean; kind: PointKind } | null>(null);
	#handLoop = false;
	readonly me: string | null;
	#shared: SharedDoc;
	#app: AppContext;
	#connection: Connection;
	// Plain Sets: what was already said is bookkeeping, not state anything renders.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#toldNext = new Set<string>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#toldTurn = new Set<string>();
	#seen = false;

	constructor(
		app: AppContext,
		connection: Connection,
		workshopId: string,
		ticket: string,
		me: string | null
	) {
		this.#app = app;
		this.#connection = connection;
		this.me = me;
		this.#shared = new SharedDoc(workshopId, 'queue', ticket);
	}

	start(): () => void {
		const doc = this.#shared.doc;
		const read = () => {
			const next = readQueueView(doc);
			if (!next) return;
			const before = this.#seen ? this.view : null;
			this.#seen = true;
			this.view = next;
			if (this.wish && !this.#handLoop && (this.myHand !== null) === this.wish.up) this.wish = null;
			this.#tell(before, next);
		};
		const stopObserving = observeQueueView(doc, read);
		read();
		const timer = setInterval(() => {
			if (this.view.current) this.now = Date.now();
		}, TICK_MS);
		return () => {
			stopObserving();
			clearInterval(timer);
			this.#shared.destroy();
		};
	}

	setTicket(ticket: string) {
		this.#shared.setTicket(ticket);
	}

	get myHand(): QueueViewHand | null {
		return this.view.waiting.find((h) => h.personId === this.me) ?? null;
	}

	/** Whether the hand is up as far as the person is concerned: their last choice, else the queue. */
	get handUp(): boolean {
		return this.wish ? this.wish.up : this.myHand !== null;
	}

	/**
	 * Raise or lower the hand. Presses while a change is still on its way only change the wish; when
	 * it is sent, the hand is brought to the last choice, so it ends as the person left it.
	 */
	async setHand(up: boolean, kind: PointKind) {
		this.wish = { up, kind };
		if (this.#handLoop) return;
		this.#handLoop = true;
		let known = this.myHand !== null;
		while (this.wish && this.wish.up !== known) {
			const wish = this.wish;
			const ok = await this.send(
				wish.up ? 'queue:raise' : 'queue:lower',
				wish.up ? { kind: wish.kind } : {}
			);
			if (!ok) {
				this.wish = null;
				break;
			}
			known = wish.up;
		}
		this.#handLoop = false;
		// The queue document may arrive just after the answer: keep the choice on the button until it
		// does (or for a moment), so the label never flickers back.
		if (this.wish && (this.myHand !== null) === this.wish.up) this.wish = null;
		else if (this.wish) setTimeout(() => this.#settleWish(), WISH_SETTLE_MS);
	}

	#settleWish() {
		if (!this.#handLoop) this.wish = null;
	}

	/** 1-based place among waiting hands, or null. */
	get myPlace(): number | null {
		const i = this.view.waiting.findIndex((h) => h.personId === this.me) ?? -1;
		return i < 0 ? null : i + 1;
	}

	get speakingNow(): boolean {
		return this.me !== null && this.view.current?.personId === this.me;
	}

	/** What this person must not miss: their turn, or being next (hand or go-round). */
	get myMoment(): 'turn' | 'next' | null {
		if (this.speakingNow || this.myRoundTurn) return 'turn';
		if (this.myPlace === 1 && !this.view.goRound) return 'next';
		const gr = this.view.goRound;
		const after = gr && gr.position + 1 < gr.order.length ? gr.order[gr.position + 1] : null;
		return this.me !== null && after?.personId === this.me ? 'next' : null;
	}

	/** Whose turn it is in a running go-round, or null. */
	get roundUp(): { personId: string; name: string } | null {
		const gr = this.view.goRound;
		return gr && gr.position < gr.order.length ? gr.order[gr.position] : null;
	}

	get myRoundTurn(): boolean {
		return this.me !== null && this.roundUp?.personId === this.me;
	}

	placeText(place: number): string {
		const { settings } = this.#app;
		return place === 1
			? settings.t('queue.youAreNext')
			: settings.t('queue.place', { place: ordinal(settings.language, place) });
	}

	/** Sends a command; an error is said assertively in the person's language. Returns success. */
	async send<K extends CommandName>(name: K, payload: CommandInput<K>): Promise<boolean> {
		this.busy = true;
		const result = await this.#connection.request(name, payload);
		this.busy = false;
		if (!result.ok) {
			const { announcer, settings } = this.#app;
			// "Already so" is not an error: say politely what is already so, not just that it is.
			const already =
				result.error.code === 'unchanged' ? settings.maybe(unchangedKey(name, payload)) : null;
			if (already) announcer.say(already);
			else announcer.error(settings.error(result.error.code));
			return false;
		}
		return true;
	}

	#tell(before: QueueView | null, next: QueueView) {
		const { announcer, settings } = this.#app;
		const t = settings.t;
		this.now = Date.now();
		// A facilitator has no place in the queue (me is null): never compare null with an empty slot.
		const mine = this.me !== null;
		// Tokens: one per raised hand for "You are next", one per turn or round slot for "Your turn".
		const hand = this.me ? next.waiting.find((h) => h.personId === this.me) : undefined;
		const nextToken =
			hand && next.waiting[0] === hand
				? `hand:${hand.seq}`
				: mine && this.#roundSlot(next, 1) === this.me
					? `round:${next.goRound!.id}:${next.goRound!.position + 1}`
					: null;
		const c = next.current;
		const turnToken =
			c && c.personId === this.me && c.source !== 'go-round'
				? `turn:${c.startedAt}`
				: mine && this.#roundSlot(next, 0) === this.me
					? `round:${next.goRound!.id}:${next.goRound!.position}`
					: null;
		if (!before) {
			// Joining or reloading mid-turn is not news; only changes from here on are told.
			if (nextToken) this.#toldNext.add(nextToken);
			if (turnToken) this.#toldTurn.add(turnToken);
			return;
		}
		if (mine && turnToken && !this.#toldTurn.has(turnToken)) {
			this.#toldTurn.add(turnToken);
			announcer.turn(t('queue.yourTurn'));
		} else if (mine && nextToken && !this.#toldNext.has(nextToken)) {
			this.#toldNext.add(nextToken);
			announcer.turn(t('queue.youAreNext'));
		}
		// One polite, merged message for everything else: the latest news replaces what still waits.
		const polite = (text: string) => announcer.say(text, { mergeKey: 'queue' });
		const speakerChanged = before.current?.personId !== c?.personId;
		const placeBefore = before.waiting.findIndex((h) => h.personId === this.me) + 1;
		const placeNow = hand ? next.waiting.indexOf(hand) + 1 : 0;
		if (speakerChanged && c && c.personId !== this.me) {
			polite(t('announce.queue.speaker', { name: c.name }));
		} else if (mine && placeNow > 1 && placeNow !== placeBefore) {
			polite(
				t(placeBefore ? 'announce.queue.place' : 'announce.queue.raised', {
					place: ordinal(settings.language, placeNow)
				})
			);
		} else if (mine && placeBefore && !placeNow && !speakerChanged) {
			polite(t('announce.queue.lowered'));
		} else if (!sameWaiting(before, next)) {
			polite(t('announce.queue.changed'));
		}
	}

	/** The person `ahead` places after the current go-round position, or null. */
	#roundSlot(view: QueueView, ahead: number): string | null {
		const gr = view.goRound;
		const i = gr ? gr.position + ahead : -1;
		return gr && i < gr.order.length ? gr.order[i].personId : null;
	}
}

/** The words for a queue command that changed nothing, e.g. `error.unchanged.queue.resume`. */
export function unchangedKey(name: string, payload: unknown): string {
	const resume =
		name === 'queue:pause' && (payload as { paused?: boolean } | null)?.paused === false;
	return `error.unchanged.${resume ? 'queue:resume' : name}`.replace(':', '.');
}

function sameWaiting(a: QueueView, b: QueueView): boolean {
	return (
		a.waiting.length === b.waiting.length &&
		a.waiting.every((h, i) => h.personId === b.waiting[i].personId && h.kind === b.waiting[i].kind)
	);
}
