import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line, `N passed, N failed, N skipped`, which CI reads.
 * A module that failed outside any test (an import error, a failing beforeAll) counts as one failure,
 * so a broken file can never disappear from the count.
 */
export default class SummaryReporter implements Reporter {
	onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>) {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		for (const m of modules) {
			let failedHere = 0;
			for (const t of m.children.allTests()) {
				const state = t.result().state;
				if (state === 'passed') passed++;
				else if (state === 'failed') failedHere++;
				else skipped++;
			}
			if (failedHere === 0 && m.state() === 'failed') failedHere = 1;
			failed += failedHere;
		}
		failed += errors.length;
		process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
	}
}
