/** Who is here right now: a count of open connections per person, in memory only. */
export class Presence {
	#here = new Map<string, Map<string, number>>();
	#listeners: ((workshopId: string, personId: string, here: boolean) => void)[] = [];

	/** Called whenever someone arrives or leaves a workshop (the balance view recounts N). */
	onChange(listener: (workshopId: string, personId: string, here: boolean) => void) {
		this.#listeners.push(listener);
	}

	#changed(workshopId: string, personId: string, here: boolean) {
		for (const listener of this.#listeners) listener(workshopId, personId, here);
	}

	/** Returns true when this is the person's first open connection (they just arrived). */
	arrive(workshopId: string, personId: string): boolean {
		let people = this.#here.get(workshopId);
		if (!people) this.#here.set(workshopId, (people = new Map()));
		const n = people.get(personId) ?? 0;
		people.set(personId, n + 1);
		if (n === 0) this.#changed(workshopId, personId, true);
		return n === 0;
	}

	/** Returns true when the person's last connection closed (they left). */
	leave(workshopId: string, personId: string): boolean {
		const people = this.#here.get(workshopId);
		const n = people?.get(personId);
		if (!people || !n) return false;
		if (n > 1) {
			people.set(personId, n - 1);
			return false;
		}
		people.delete(personId);
		if (people.size === 0) this.#here.delete(workshopId);
		this.#changed(workshopId, personId, false);
		return true;
	}

	isHere(workshopId: string, personId: string): boolean {
		return (this.#here.get(workshopId)?.get(personId) ?? 0) > 0;
	}

	count(workshopId: string): number {
		return this.#here.get(workshopId)?.size ?? 0;
	}
}
