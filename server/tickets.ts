/**
 * Short tokens that let a browser open a Yjs connection. They are handed out over socket.io after the
 * person proved who they are, so no facilitator key or participant key ever travels in a URL.
 */
import { randomId } from './secrets.ts';

export interface Ticket {
	workshopId: string;
	/** Document kinds this holder may change; every other kind is read-only for them. */
	writable: readonly string[];
	expiresAt: number;
	/** Who holds it: a document's guard may widen or narrow a participant's access (open editing). */
	holder: TicketHolder;
	/** The participant it was issued to, if any. */
	person?: string;
}

export type TicketHolder = 'facilitator' | 'participant' | 'room';

export const TICKET_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * Every ticket lives the same time, so the order they were issued in is the order they expire in:
 * issuing drops the expired ones from the front and stops at the first live one, instead of
 * looking at every live ticket each time.
 */
export class TicketBook {
	#tickets = new Map<string, Ticket>();
	/** A participant's tickets, to revoke them when a facilitator removes that person. */
	#byPerson = new Map<string, Set<string>>();
	#now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	issue(
		workshopId: string,
		writable: readonly string[],
		holder: TicketHolder = 'participant',
		person?: string
	): string {
		this.#sweep();
		const id = randomId();
		this.#tickets.set(id, {
			workshopId,
			writable,
			expiresAt: this.#now() + TICKET_TTL_MS,
			holder,
			...(person ? { person } : {})
		});
		if (person) {
			const key = personKey(workshopId, person);
			let own = this.#byPerson.get(key);
			if (!own) this.#byPerson.set(key, (own = new Set()));
			own.add(id);
		}
		return id;
	}

	check(id: string | null): Ticket | null {
		if (!id) return null;
		const ticket = this.#tickets.get(id);
		if (!ticket || ticket.expiresAt <= this.#now()) return null;
		return ticket;
	}

	/** How many tickets are held (tests check that expired ones go). */
	get size(): number {
		return this.#tickets.size;
	}

	/** A deleted workshop's tickets stop working at once, so no client can load its documents again. */
	revokeWorkshop(workshopId: string) {
		for (const [id, t] of this.#tickets) if (t.workshopId === workshopId) this.#drop(id, t);
	}

	/** A removed person's tickets stop working; returns them so their connections can be closed. */
	revokePerson(workshopId: string, person: string): string[] {
		const own = [...(this.#byPerson.get(personKey(workshopId, person)) ?? [])];
		for (const id of own) {
			const t = this.#tickets.get(id);
			if (t) this.#drop(id, t);
		}
		return own;
	}

	#drop(id: string, t: Ticket) {
		this.#tickets.delete(id);
		if (!t.person) return;
		const key = personKey(t.workshopId, t.person);
		const own = this.#byPerson.get(key);
		own?.delete(id);
		if (own?.size === 0) this.#byPerson.delete(key);
	}

	#sweep() {
		const now = this.#now();
		for (const [id, t] of this.#tickets) {
			if (t.expiresAt > now) return;
			this.#drop(id, t);
		}
	}
}

const personKey = (workshopId: string, person: string) => `${workshopId}:${person}`;
