/**
 * The one way anything is said to screen readers (R1). Components call `say`, `turn` or `error`;
 * the policy decides when, and two live regions rendered once by the layout speak it.
 */
import { AnnouncePolicy, type Announcement, type Verbosity } from '$lib/shared/announce';

function isTextField(el: EventTarget | null): boolean {
	if (!(el instanceof HTMLElement)) return false;
	if (el instanceof HTMLTextAreaElement || el.isContentEditable) return true;
	return (
		el instanceof HTMLInputElement &&
		['text', 'search', 'email', 'url', 'tel', 'password', 'number', ''].includes(el.type)
	);
}

/** How long words stay in a region once said: then it is cleared, so reading the page later does
 * not meet old news (a screen reader has long finished saying it). */
export const CLEAR_AFTER_MS = 5000;

export class Announcer {
	polite = $state('');
	assertive = $state('');
	/** Nothing is waiting to be said (tests wait for this instead of sleeping). */
	idle = $state(true);
	#policy = new AnnouncePolicy();
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** Words taken from the queue but not yet in a region (they go in 50 ms later). */
	#speaking = 0;
	#detach: (() => void) | null = null;
	#clear: Record<'polite' | 'assertive', ReturnType<typeof setTimeout> | null> = {
		polite: null,
		assertive: null
	};

	set verbosity(v: Verbosity) {
		this.#policy.verbosity = v;
	}

	say(
		text: string,
		opts: Omit<Announcement, 'text' | 'kind'> & { kind?: 'update' | 'summary' } = {}
	) {
		this.#submit({ text, kind: opts.kind ?? 'update', ...opts });
	}

	/** "Your turn" and "You are next": assertive, never held back by typing. */
	turn(text: string) {
		this.#submit({ text, kind: 'turn' });
	}

	error(text: string) {
		this.#submit({ text, kind: 'error' });
	}

	#submit(a: Announcement) {
		if (this.#policy.submit(a, performance.now())) {
			this.#markIdle();
			this.#pump();
		}
	}

	/**
	 * Updates `idle` after the current task: `say` may be called while Svelte is computing something,
	 * where changing state is not allowed.
	 */
	#markIdle() {
		queueMicrotask(
			() => (this.idle = this.#policy.waiting === 0 && this.#timer === null && this.#speaking === 0)
		);
	}

	/** Follows focus and typing so polite news waits while someone writes (R3). */
	attach(): () => void {
		const onFocusIn = (e: FocusEvent) =>
			this.#policy.setInTextField(isTextField(e.target), performance.now());
		const onFocusOut = () => {
			this.#policy.setInTextField(false, performance.now());
			this.#pump();
		};
		const onInput = (e: Event) => {
			if (isTextField(e.target)) this.#policy.typed(performance.now());
		};
		document.addEventListener('focusin', onFocusIn);
		document.addEventListener('focusout', onFocusOut);
		document.addEventListener('input', onInput);
		this.#policy.setInTextField(isTextField(document.activeElement), performance.now());
		this.#detach = () => {
			document.removeEventListener('focusin', onFocusIn);
			document.removeEventListener('focusout', onFocusOut);
			document.removeEventListener('input', onInput);
			if (this.#timer) clearTimeout(this.#timer);
			for (const t of Object.values(this.#clear)) if (t) clearTimeout(t);
		};
		return this.#detach;
	}

	#clearLater(region: 'polite' | 'assertive') {
		const pending = this.#clear[region];
		if (pending) clearTimeout(pending);
		this.#clear[region] = setTimeout(() => {
			this.#clear[region] = null;
			this[region] = '';
		}, CLEAR_AFTER_MS);
	}

	#pump() {
		if (this.#timer) return;
		const now = performance.now();
		const spoken = this.#policy.take(now);
		if (spoken) {
			// Clear first so a repeat of the same words is a change the screen reader notices.
			const region = spoken.politeness === 'assertive' ? 'assertive' : 'polite';
			this[region] = '';
			this.#speaking++;
			setTimeout(() => {
				this[region] = spoken.text;
				this.#speaking--;
				this.#markIdle();
				this.#clearLater(region);
			}, 50);
		}
		const next = this.#policy.nextCheckAt(performance.now());
		if (next !== null) {
			this.#timer = setTimeout(
				() => {
					this.#timer = null;
					this.#pump();
				},
				Math.max(50, next - performance.now())
			);
		}
	}
}
