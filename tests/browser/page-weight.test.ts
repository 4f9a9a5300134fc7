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

/**
 * The design's budgets (kB = 1,000 bytes of gzip) are 35 kB for the join page and 75 kB once
 * joined, and are NOT met yet: on 2026-12-08 the join page weighed 50.2 kB (Svelte's runtime and
 * Kit's client alone are about 34 kB) and the joined view 133.2 kB (Yjs, socket.io and every
 * participant feature). Until they are, this test holds the line where it stands, so the page
 * can only get lighter: lower these as the page slims, down to the budgets.
 */
const JOIN_PAGE_CEILING = 52_000;
const JOINED_CEILING = 135_000;

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
	it('the join page loads no more gzipped JavaScript than its ceiling (budget 35 kB, not met)', () => {
		expect(weight.joinPage.files).toBeGreaterThan(0);
		expect(weight.joinPage.gzipBytes).toBeLessThanOrEqual(JOIN_PAGE_CEILING);
	});

	it('the participant view loads no more than its ceiling once joined (budget 75 kB, not met)', () => {
		// Joining really loaded more: the joined view is not the join page weighed twice.
		expect(weight.joined.files).toBeGreaterThan(weight.joinPage.files);
		expect(weight.joined.gzipBytes).toBeLessThanOrEqual(JOINED_CEILING);
	});
});
