/**
 * Runs tasks for one workshop one at a time, in order, while different workshops run side by side.
 * This is the "one writer per workshop" seam inside a process: budgets, batches, flag states and
 * queue order never race.
 */
export class PerWorkshop {
	#chains = new Map<string, Promise<unknown>>();

	run<T>(workshopId: string, fn: () => Promise<T>): Promise<T> {
		const before = this.#chains.get(workshopId) ?? Promise.resolve();
		// A failed task must not block the ones after it.
		const run = before.then(fn, fn);
		const settled = run.catch(() => {});
		this.#chains.set(workshopId, settled);
		void settled.then(() => {
			if (this.#chains.get(workshopId) === settled) this.#chains.delete(workshopId);
		});
		return run;
	}
}
