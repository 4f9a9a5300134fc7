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
}

export type TicketHolder = 'facilitator' | 'participant' | 'room';

export const TICKET_TTL_MS = 12 * 60 * 60 * 1000;

export class TicketBook {
	#tickets = new Map<string, Ticket>();
	#now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	issue(
		workshopId: string,
		writable: readonly string[],
		holder: TicketHolder = 'participant'
	): string {
		this.#sweep();
		const id = randomId();
		this.#tickets.set(id, {
			workshopId,
			writable,
			expiresAt: this.#now() + TICKET_TTL_MS,
			holder
		});
		return id;
	}

	check(id: string | null): Ticket | null {
		if (!id) return null;
		const ticket = this.#tickets.get(id);
		if (!ticket || ticket.expiresAt <= this.#now()) return null;
		return ticket;
	}

	/** A deleted workshop's tickets stop working at once, so no client can load its documents again. */
	revokeWorkshop(workshopId: string) {
		for (const [id, t] of this.#tickets) if (t.workshopId === workshopId) this.#tickets.delete(id);
	}

	#sweep() {
		const now = this.#now();
		for (const [id, t] of this.#tickets) if (t.expiresAt <= now) this.#tickets.delete(id);
	}
}
