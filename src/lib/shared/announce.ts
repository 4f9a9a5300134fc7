/**
 * When and what to say in the live regions (ACCESSIBILITY.md R2–R5). Pure: time is passed in, so the
 * rules are tested without a browser. The browser side (announcer.svelte.ts) only asks `take(now)`.
 */
export type Politeness = 'polite' | 'assertive';
/** `turn` and `error` are the only assertive kinds (R4). `summary` survives the Summary setting. */
export type AnnouncementKind = 'update' | 'summary' | 'turn' | 'error';
export const VERBOSITIES = ['all', 'summary', 'turn', 'off'] as const;
export type Verbosity = (typeof VERBOSITIES)[number];

export interface Announcement {
	text: string;
	kind: AnnouncementKind;
	/** Announcements with the same key merge while they wait ("3 new ideas", not three messages). */
	mergeKey?: string;
	/** Text for a merged group of `count` announcements. */
	merged?: (count: number) => string;
}

export interface Spoken {
	text: string;
	politeness: Politeness;
}

interface Pending extends Announcement {
	count: number;
	at: number;
}

export const ANNOUNCE_GAP_MS = 1000;
export const DUPLICATE_WINDOW_MS = 4000;
export const TYPING_IDLE_MS = 1000;

const ALLOWED: Record<Verbosity, ReadonlySet<AnnouncementKind>> = {
	all: new Set(['update', 'summary', 'turn', 'error']),
	summary: new Set(['summary', 'turn', 'error']),
	turn: new Set(['turn', 'error']),
	// Errors are still said when updates are off: they answer something the person just did.
	off: new Set(['error'])
};

export function politenessOf(kind: AnnouncementKind): Politeness {
	return kind === 'turn' || kind === 'error' ? 'assertive' : 'polite';
}

export class AnnouncePolicy {
	#verbosity: Verbosity = 'all';
	#queue: Pending[] = [];
	#lastSpokenAt = -Infinity;
	#recent = new Map<string, number>();
	#inTextField = false;
	#lastTypedAt = -Infinity;

	get verbosity(): Verbosity {
		return this.#verbosity;
	}

	/** A quieter setting also drops what is already waiting: "Off" means nothing more is said. */
	set verbosity(v: Verbosity) {
		this.#verbosity = v;
		this.#queue = this.#queue.filter((p) => ALLOWED[v].has(p.kind));
	}

	/** Queues an announcement; returns false when the person's verbosity setting drops it. */
	submit(a: Announcement, now: number): boolean {
		if (!ALLOWED[this.#verbosity].has(a.kind)) return false;
		if (a.mergeKey) {
			const same = this.#queue.find((p) => p.mergeKey === a.mergeKey);
			if (same) {
				same.count++;
				same.text = same.merged ? same.merged(same.count) : a.text;
				return true;
			}
		}
		this.#queue.push({ ...a, count: 1, at: now });
		return true;
	}

	/** Focus entered or left a text field. */
	setInTextField(inField: boolean, now: number) {
		this.#inTextField = inField;
		if (inField) this.#lastTypedAt = now;
	}

	typed(now: number) {
		this.#lastTypedAt = now;
	}

	#typing(now: number) {
		return this.#inTextField && now - this.#lastTypedAt < TYPING_IDLE_MS;
	}

	/** How many announcements are waiting to be said. */
	get waiting(): number {
		return this.#queue.length;
	}

	/** The next thing to say now, or null. Call again at `nextCheckAt`. */
	take(now: number): Spoken | null {
		for (const [text, at] of this.#recent) {
			if (now - at >= DUPLICATE_WINDOW_MS) this.#recent.delete(text);
		}
		if (now - this.#lastSpokenAt < ANNOUNCE_GAP_MS) return null;
		// Urgent first; polite ones wait while the person is typing (R3).
		const typing = this.#typing(now);
		const index = this.#pickIndex(typing);
		if (index < 0) return null;
		const [next] = this.#queue.splice(index, 1);
		const politeness = politenessOf(next.kind);
		const seenAt = this.#recent.get(next.text);
		if (seenAt !== undefined && politeness === 'polite') return this.take(now);
		this.#recent.set(next.text, now);
		this.#lastSpokenAt = now;
		return { text: next.text, politeness };
	}

	#pickIndex(typing: boolean): number {
		const urgent = this.#queue.findIndex((p) => politenessOf(p.kind) === 'assertive');
		if (urgent >= 0) return urgent;
		return typing || this.#queue.length === 0 ? -1 : 0;
	}

	/** When `take` could next return something, or null when nothing waits. */
	nextCheckAt(now: number): number | null {
		if (this.#queue.length === 0) return null;
		const afterGap = Math.max(now, this.#lastSpokenAt + ANNOUNCE_GAP_MS);
		const urgent = this.#queue.some((p) => politenessOf(p.kind) === 'assertive');
		if (urgent || !this.#inTextField) return afterGap;
		return Math.max(afterGap, this.#lastTypedAt + TYPING_IDLE_MS);
	}

	get pending(): number {
		return this.#queue.length;
	}

	clear() {
		this.#queue = [];
	}
}
