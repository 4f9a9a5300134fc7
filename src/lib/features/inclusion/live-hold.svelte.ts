/**
 * "Pause live updates" (R6): while the person's setting is on, a list that changes live keeps
 * showing what it showed, and counts what changed behind it; "Show N new" catches up at once, so
 * nothing moves under the person's focus. Call `track()` from a component's effect.
 */
export class LiveHold<T extends { id: string }> {
	#source: () => readonly T[];
	#paused: () => boolean;
	held = $state<T[] | null>(null);

	constructor(source: () => readonly T[], paused: () => boolean) {
		this.#source = source;
		this.#paused = paused;
	}

	/** Starts holding when the setting goes on, lets go when it goes off. */
	track() {
		const paused = this.#paused();
		if (paused && this.held === null) this.held = [...$state.snapshot(this.#source())] as T[];
		else if (!paused && this.held !== null) this.held = null;
	}

	/** What to show: the held list while paused, the live one otherwise. */
	get items(): readonly T[] {
		return this.held ?? this.#source();
	}

	/** How many items are new, gone or in a new place since the list was held. */
	get pending(): number {
		const held = this.held;
		if (!held) return 0;
		const live = this.#source();
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- throwaway lookups, not state
		const before = new Map(held.map((item, i) => [item.id, i]));
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- throwaway lookups, not state
		const now = new Set(live.map((item) => item.id));
		let changed = held.filter((item) => !now.has(item.id)).length;
		live.forEach((item, i) => {
			if (before.get(item.id) !== i) changed++;
		});
		return changed;
	}

	/** "Show N new": catch up now, and keep holding from here. */
	show() {
		this.held = [...$state.snapshot(this.#source())] as T[];
	}
}
