/** Plain data about a workshop and its people, as it crosses the wire. */
export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Role keys with built-in translations; a facilitator's own role names are shown as written. */
export const DEFAULT_ROLES = [
	'lived-experience',
	'carer',
	'professional',
	'other',
	'prefer-not-to-say'
] as const;

export interface WorkshopPublic {
	code: string;
	title: string;
	language: Language;
	roles: string[];
}

export interface ParticipantView {
	id: string;
	name: string;
	role: string;
	here: boolean;
	/** Someone in the room without a device, added by a facilitator; always counted as here. */
	proxy?: boolean;
}

/**
 * One change to the facilitators' list of people: `joined` (new, or back after being away),
 * `left` (away now), `changed` (anything else about them) carry the person as they are now;
 * `removed` (a facilitator removed them) carries only the id.
 */
export type PeopleChange =
	| { change: 'joined' | 'left' | 'changed'; person: ParticipantView }
	| { change: 'removed'; id: string };

/** The list after one change (pure, so the browser and the tests fold changes the same way). */
export function applyPeopleChange(list: ParticipantView[], c: PeopleChange): ParticipantView[] {
	if (c.change === 'removed') return list.filter((p) => p.id !== c.id);
	const at = list.findIndex((p) => p.id === c.person.id);
	if (at === -1) return [...list, c.person];
	const next = [...list];
	next[at] = c.person;
	return next;
}

/** What the facilitator view needs when it opens. */
export interface FacilitatorWelcome {
	workshop: WorkshopPublic;
	participants: ParticipantView[];
	/** Whether "Lock joining" is on: new people are refused, people who joined before come back. */
	joiningLocked: boolean;
	joinPath: string;
	/** Absolute join link when the operator set PUBLIC_ORIGIN; otherwise the browser uses its own origin. */
	joinUrl: string | null;
	/** QR code of the join link as an SVG document, rendered on the server to keep it out of the bundle. */
	qrSvg: string | null;
	yjsTicket: string;
	workshopId: string;
}

export interface ParticipantWelcome {
	workshop: WorkshopPublic;
	participantId: string;
	participantKey: string;
	name: string;
	role: string;
	here: number;
	yjsTicket: string;
	workshopId: string;
}

/** Name of a workshop's shared document of a given kind, as used in `/yjs/<name>`. */
export function docName(workshopId: string, kind: string): string {
	return `${workshopId}.${kind}`;
}

/** The workshop and kind a document name stands for, when the kind is one of `kinds`. */
export function parseDocName<K extends string>(
	name: string,
	kinds: readonly K[]
): { workshopId: string; kind: K } | null {
	const m = /^([A-Za-z0-9_-]{16,64})\.([a-z]+)$/.exec(name);
	if (!m) return null;
	const kind = kinds.find((k) => k === m[2]);
	return kind ? { workshopId: m[1], kind } : null;
}

/** What server-rendered pages may ask of the running server (handed to them per request). */
export interface WorkshopDirectory {
	/**
	 * The workshop a join code names, for the address the request came from: an address that
	 * keeps trying wrong codes is slowed down, then refused for a while.
	 */
	lookup(code: string): Promise<CodeLookup>;
}

export type CodeLookup =
	| { refused: false; workshop: WorkshopPublic | null }
	| { refused: true; retryAfterSeconds: number };

/** The property of the Node request that carries the running server's directory. */
export const REQUEST_DIRECTORY = 'roundtableDirectory';
/** Dev only: where `vite dev` leaves its one directory (see server/dev.ts). */
export const DEV_DIRECTORY = Symbol.for('roundtable.dev-directory');

export type RequestWithDirectory = { [REQUEST_DIRECTORY]?: WorkshopDirectory };
