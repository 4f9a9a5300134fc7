/**
 * The server's cadence scheduler (server/cadence.ts) with real, short timers, and its settings:
 * ticks on a grid, releases by the rule, stops on `stop` and `close`, starts again on `waiting`.
 */
import { describe, expect, it } from 'vitest';
import { Cadence } from '../../server/cadence.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';

const EVERY = 20;

function scheduler(waiting: { n: number }, released: number[]) {
	return new Cadence({
		name: 'test',
		everyMs: EVERY,
		log: createLogger('silent'),
		count: async () => waiting.n,
		release: async () => {
			released.push(waiting.n);
			waiting.n = 0;
		},
		// Patience of exactly two ticks, phase 0: the test knows when each tick falls.
		randomInt: () => 0,
		patience: { min: 2, max: 2 }
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the cadence scheduler', () => {
	it('releases a lone item only at its second tick, and a full batch at the first', async () => {
		const waiting = { n: 1 };
		const released: number[] = [];
		const c = scheduler(waiting, released);
		const started = Date.now();
		c.waiting('w');
		await expect.poll(() => released, { interval: 5 }).toEqual([1]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(EVERY);
		waiting.n = 3;
		c.waiting('w');
		await expect.poll(() => released, { interval: 5 }).toEqual([1, 3]);
		// With nothing left, nothing more goes out; the workshop keeps its place on the grid until stop.
		await sleep(3 * EVERY);
		expect(released).toEqual([1, 3]);
		expect(c.holds('w')).toBe(true);
		c.stop('w');
		expect(c.holds('w')).toBe(false);
		c.close();
	});

	it('stops on stop and on close, and keeps what waits for the next start', async () => {
		const waiting = { n: 5 };
		const released: number[] = [];
		const c = scheduler(waiting, released);
		c.waiting('w');
		c.stop('w');
		expect(c.holds('w')).toBe(false);
		await sleep(3 * EVERY);
		expect(released).toEqual([]);
		c.waiting('w');
		await expect.poll(() => released, { interval: 5 }).toEqual([5]);
		waiting.n = 4;
		c.waiting('w');
		c.close();
		c.waiting('w');
		await sleep(3 * EVERY);
		expect(released).toEqual([5]);
		expect(c.holds('w')).toBe(false);
	});

	it('keeps waiting and logs when a release fails, then tries again', async () => {
		const lines: string[] = [];
		let fail = true;
		let done = 0;
		const c = new Cadence({
			name: 'test',
			everyMs: EVERY,
			log: createLogger('error', (line) => lines.push(line)),
			count: async () => (done ? 0 : 3),
			release: async () => {
				if (fail) {
					fail = false;
					throw new Error('storage down');
				}
				done++;
			}
		});
		c.waiting('w');
		await expect.poll(() => done, { interval: 5 }).toBe(1);
		expect(lines.join('\n')).toContain('test.release-failed');
		c.close();
	});
});

describe('cadence and cap settings', () => {
	it('reads BATCH_SECONDS and the caps, with defaults', () => {
		const d = loadConfig({}, '/tmp');
		expect(d.cadenceMs).toBe(5000);
		expect(d.caps).toEqual({ ideasPerPerson: 50, ideasPerBoard: 500, suggestionsPerPerson: 5 });
		const c = loadConfig(
			{ BATCH_SECONDS: '0.2', IDEAS_PER_PERSON: '3', SUGGESTIONS_PER_PERSON: '1' },
			'/tmp'
		);
		expect(c.cadenceMs).toBe(200);
		expect(c.caps).toEqual({ ideasPerPerson: 3, ideasPerBoard: 500, suggestionsPerPerson: 1 });
	});

	it.each([
		['BATCH_SECONDS', 'soon'],
		['BATCH_SECONDS', '0'],
		['BATCH_SECONDS', '601'],
		['IDEAS_PER_PERSON', '0'],
		['IDEAS_PER_BOARD', '-1'],
		['SUGGESTIONS_PER_PERSON', 'many']
	])('refuses %s=%s, naming it', (variable, value) => {
		expect(() => loadConfig({ [variable]: value }, '/tmp')).toThrow(ConfigError);
		expect(() => loadConfig({ [variable]: value }, '/tmp')).toThrow(variable);
	});
});
