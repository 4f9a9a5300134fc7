/**
 * The People section's behaviour: "Lock joining" and "Remove person" (with a confirmation), and
 * where focus goes after each, so a keyboard or screen-reader user is never left on nothing.
 */
import { tick } from 'svelte';
import type { AppContext } from '$lib/client/context';
import type { FacilitatorSession } from '$lib/client/facilitator-session.svelte';

export class PeopleControls {
	/** The person whose removal is being confirmed, if any. */
	removing = $state<string | null>(null);
	busy = $state(false);
	#session: FacilitatorSession;
	#app: AppContext;

	constructor(app: AppContext, session: FacilitatorSession) {
		this.#app = app;
		this.#session = session;
	}

	async toggleLock() {
		if (this.busy) return;
		this.busy = true;
		const error = await this.#session.lockJoining(!this.#session.joiningLocked);
		this.busy = false;
		if (error) this.#app.announcer.error(this.#app.settings.error(error.code));
	}

	async ask(personId: string) {
		this.removing = personId;
		await tick();
		document.getElementById(`people-remove-no-${personId}`)?.focus();
	}

	async cancel(personId: string) {
		this.removing = null;
		await tick();
		document.getElementById(`people-remove-${personId}`)?.focus();
	}

	async confirm(personId: string) {
		if (this.busy) return;
		this.busy = true;
		const error = await this.#session.removePerson(personId);
		this.busy = false;
		this.removing = null;
		if (error) {
			this.#app.announcer.error(this.#app.settings.error(error.code));
			return;
		}
		// Their row is gone: focus goes to the section's heading, and the change is announced.
		await tick();
		document.getElementById('people-heading')?.focus();
	}
}
