/**
 * Page weight, a test on sizes (never times): the JavaScript a phone downloads for the participant
 * page, following the real module graph in Chromium. Every script response up to network idle on
 * /j/<code> is the join page; the join page plus every further script once the person has joined
 * through the form is the joined view. Each script is gzipped (level 9, as a server would send it)
 * and the sizes summed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantPageWeight, type ScriptWeight } from '../../bench/page-weight.ts';
import { closeClients, openWorkshop } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** Budgets from the issue (kB = 1,000 bytes of gzip). */
export const JOIN_PAGE_BUDGET = 35_000;
export const JOINED_BUDGET = 75_000;

let server: TestServer;
let weight: { joinPage: ScriptWeight; joined: ScriptWeight };

beforeAll(async () => {
	server = await startTestServer();
	const { opened } = await openWorkshop(server.url, 'Weighed workshop');
	weight = await participantPageWeight(server.url, opened.workshop.code);
}, 60_000);

afterAll(async () => {
	closeClients();
	await server?.stop();
});

describe('participant page weight', () => {
	it('the join page loads at most 35 kB of gzipped JavaScript', () => {
		expect(weight.joinPage.files).toBeGreaterThan(0);
		expect(weight.joinPage.gzipBytes).toBeLessThanOrEqual(JOIN_PAGE_BUDGET);
	});

	it('the participant view loads at most 75 kB once joined', () => {
		// Joining really loaded more: the joined view is not the join page weighed twice.
		expect(weight.joined.files).toBeGreaterThan(weight.joinPage.files);
		expect(weight.joined.gzipBytes).toBeLessThanOrEqual(JOINED_BUDGET);
	});
});
