/**
 * The anonymous idea board: phases, vote budgets, shuffling and the shape of the 'board' document.
 * Pure: no I/O, no clock; the server passes its own random source.
 */
import type * as Y from 'yjs';

import {
	DEFAULT_BUDGET,
	MAX_BUDGET,
	MAX_IDEA,
	MAX_PROMPT,
	MAX_THEME
} from '../../shared/limits.ts';

export { DEFAULT_BUDGET, MAX_BUDGET, MAX_IDEA, MAX_PROMPT, MAX_THEME };
/** Most dots one person may put on one idea, unless the facilitator changes it. */
export const DEFAULT_CAP = 3;

export const PHASES = ['collect', 'group', 'vote', 'results'] as const;
export type BoardPhase = (typeof PHASES)[number];
export const COLLECT_MODES = ['live', 'silent'] as const;
export type CollectMode = (typeof COLLECT_MODES)[number];

export interface BoardSettings {
	phase: BoardPhase;
	mode: CollectMode;
	prompt: string;
	budget: number;
	cap: number;
	participantsGroup: boolean;
	/** Silent collect only: how many ideas are held, unseen, so far. */
	heldCount: number;
}

export interface IdeaView {
	id: string;
	text: string;
	theme: string | null;
	position: number;
}

export interface ThemeView {
	id: string;
	name: string;
	position: number;
}

export interface BoardView {
	settings: BoardSettings;
	ideas: IdeaView[];
	themes: ThemeView[];
	/** Vote totals by idea id, present only once results are shown. */
	totals: Record<string, number> | null;
}

export const DEFAULT_SETTINGS: BoardSettings = {
	phase: 'collect',
	mode: 'live',
	prompt: '',
	budget: DEFAULT_BUDGET,
	cap: DEFAULT_CAP,
	participantsGroup: false,
	heldCount: 0
};

/** The next phase a facilitator may move to, or null at the end. */
export function nextPhase(phase: BoardPhase): BoardPhase | null {
	const i = PHASES.indexOf(phase);
	return PHASES[i + 1] ?? null;
}

/**
 * The phase a facilitator may go back to, or null. Results are final: the ballots were counted and
 * forgotten when they were shown, so there is no going back from them.
 */
export function previousPhase(phase: BoardPhase): BoardPhase | null {
	return phase === 'group' ? 'collect' : phase === 'vote' ? 'group' : null;
}

/** Ideas may be added, edited and withdrawn until voting starts. */
export function canChangeIdeas(phase: BoardPhase): boolean {
	return phase === 'collect' || phase === 'group';
}

/**
 * Fisher–Yates with a caller's random source (`randomInt(n)` gives 0..n-1), so the server can use
 * crypto randomness and tests can prove the order does not follow the input.
 */
export function shuffled<T>(items: readonly T[], randomInt: (n: number) => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

export type VoteCheck = { ok: true; mine: Record<string, number> } | { ok: false; code: VoteError };
export type VoteError = 'no-votes-left' | 'idea-vote-limit' | 'idea-gone';

export function votesUsed(mine: Record<string, number>): number {
	return Object.values(mine).reduce((a, b) => a + b, 0);
}

/** One more dot on an idea, within the person's budget and the per-idea cap. */
export function addVote(
	mine: Record<string, number>,
	ideaId: string,
	budget: number,
	cap: number
): VoteCheck {
	if (votesUsed(mine) >= budget) return { ok: false, code: 'no-votes-left' };
	const on = mine[ideaId] ?? 0;
	if (on >= cap) return { ok: false, code: 'idea-vote-limit' };
	return { ok: true, mine: { ...mine, [ideaId]: on + 1 } };
}

/** Takes one of the person's own dots back off an idea. */
export function removeVote(mine: Record<string, number>, ideaId: string): VoteCheck {
	const on = mine[ideaId] ?? 0;
	if (on === 0) return { ok: false, code: 'idea-gone' };
	const next = { ...mine };
	if (on === 1) delete next[ideaId];
	else next[ideaId] = on - 1;
	return { ok: true, mine: next };
}

/** Ideas ordered for results: most votes first, then board order. */
export function byVotes(ideas: IdeaView[], totals: Record<string, number>): IdeaView[] {
	return [...ideas].sort(
		(a, b) => (totals[b.id] ?? 0) - (totals[a.id] ?? 0) || a.position - b.position
	);
}

/** Names of the maps inside the 'board' document. Only the server writes any of them. */
export const BOARD_MAPS = {
	settings: 'settings',
	ideas: 'ideas',
	themes: 'themes',
	totals: 'totals'
} as const;

function num(v: unknown, fallback: number): number {
	return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** Reads the whole board out of its document; unknown or damaged entries are skipped. */
export function readBoard(doc: Y.Doc): BoardView {
	const s = doc.getMap(BOARD_MAPS.settings);
	const phase = s.get('phase');
	const mode = s.get('mode');
	const settings: BoardSettings = {
		phase: PHASES.includes(phase as BoardPhase) ? (phase as BoardPhase) : 'collect',
		mode: COLLECT_MODES.includes(mode as CollectMode) ? (mode as CollectMode) : 'live',
		prompt: typeof s.get('prompt') === 'string' ? (s.get('prompt') as string) : '',
		budget: num(s.get('budget'), DEFAULT_BUDGET),
		cap: num(s.get('cap'), DEFAULT_CAP),
		participantsGroup: s.get('participantsGroup') === true,
		heldCount: num(s.get('heldCount'), 0)
	};
	const ideas: IdeaView[] = [];
	doc.getMap(BOARD_MAPS.ideas).forEach((value, id) => {
		const v = value as Partial<IdeaView> | null;
		if (!v || typeof v.text !== 'string') return;
		ideas.push({
			id,
			text: v.text,
			theme: typeof v.theme === 'string' ? v.theme : null,
			position: num(v.position, 0)
		});
	});
	ideas.sort((a, b) => a.position - b.position);
	const themes: ThemeView[] = [];
	doc.getMap(BOARD_MAPS.themes).forEach((value, id) => {
		const v = value as Partial<ThemeView> | null;
		if (!v || typeof v.name !== 'string') return;
		themes.push({ id, name: v.name, position: num(v.position, 0) });
	});
	themes.sort((a, b) => a.position - b.position);
	const totalsMap = doc.getMap(BOARD_MAPS.totals);
	let totals: Record<string, number> | null = null;
	if (settings.phase === 'results') {
		totals = {};
		totalsMap.forEach((value, id) => (totals![id] = num(value, 0)));
	}
	return { settings, ideas, themes, totals };
}
