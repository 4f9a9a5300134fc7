/**
 * The facilitator console's navigation: every section placed in the console adds itself here, so a
 * new feature's panel joins the navigation by being placed on the page, with nothing else to edit.
 */
import { getContext, setContext } from 'svelte';

export interface ConsoleEntry {
	id: string;
	readonly label: string;
}

export class ConsoleNav {
	entries = $state<ConsoleEntry[]>([]);
	/** null until the facilitator chooses: then the invite follows whether anyone has joined. */
	inviteChoice = $state<boolean | null>(null);

	add(entry: ConsoleEntry): () => void {
		this.entries.push(entry);
		return () => {
			this.entries = this.entries.filter((e) => e !== entry);
		};
	}

	/** Moves focus to a section's heading, the way a skip link would, without touching the URL:
	 * the facilitator link's key lives in the fragment, so a "#section" link would lose it. */
	go(id: string) {
		const target = document.getElementById(sectionId(id));
		const heading = target?.querySelector<HTMLElement>('h2') ?? target;
		if (!heading) return;
		if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
		heading.scrollIntoView({ block: 'start' });
		heading.focus({ preventScroll: true });
	}
}

export const sectionId = (id: string) => `section-${id}`;

const KEY = Symbol('roundtable.console');

export function setConsole(nav: ConsoleNav): ConsoleNav {
	return setContext(KEY, nav);
}

export function getConsole(): ConsoleNav | undefined {
	return getContext<ConsoleNav | undefined>(KEY);
}
