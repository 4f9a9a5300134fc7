/**
 * The record through real sockets: a workshop with what could change, a named consent round, an
 * idea, an action, close-out answers and attendance, downloaded by its facilitator. The JSON
 * validates against record.schema.json, every CSV parses strictly, each file holds every part, a
 * person who chose "a participant" appears nowhere by name, and participants cannot download it.
 */
import { describe, expect, it } from 'vitest';
import type { RecordFiles } from '../../src/lib/features/record/feature.ts';
import { failure, joinAs, openWorkshop, request, unwrap } from '../helpers/client.ts';
import { checkRecord, parseCsv } from '../helpers/record-check.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

describe('the record', () => {
	it('is complete, valid, names people only as they chose, and is for facilitators only', async () => {
		server.server.services.features.ideas.batchMs = 50;
		const { facilitator, created } = await openWorkshop(server.url, 'Carers hub day');
		const people = [];
		for (const name of ['Nia Hidden', 'Owain Shown', 'Pat Initials']) {
			people.push({ name, ...(await joinAs(server.url, created.code, name, 'carer')) });
		}
		const [nia, owain, pat] = people;
		unwrap(await request(nia.socket, 'closeout:naming', { naming: 'participant' }));
		unwrap(await request(pat.socket, 'closeout:naming', { naming: 'initials' }));
		unwrap(
			await request(facilitator, 'decisions:scope', { fixed: 'The budget.', open: 'The rota.' })
		);
		const { id } = unwrap(await request(facilitator, 'decisions:new', { proposal: 'Rota A' }));
		unwrap(
			await request(facilitator, 'decisions:options', { id, mode: 'named', concernAllowed: false })
		);
		unwrap(await request(facilitator, 'decisions:startConsent', { id }));
		for (const p of people) {
			unwrap(
				await request(p.socket, 'decisions:answer', {
					id,
					answer: 'consent',
					reason: `Reason marker ${people.indexOf(p)}`
				})
			);
		}
		unwrap(await request(facilitator, 'decisions:closeConsent', { id }));
		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: 'Ideas?',
				mode: 'live',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		unwrap(await request(owain.socket, 'ideas:add', { text: 'A quiet room' }));
		unwrap(
			await request(facilitator, 'actions:add', {
				what: 'Ask the council',
				owners: [nia.welcome.participantId, owain.welcome.participantId],
				due: null
			})
		);
		unwrap(await request(facilitator, 'closeout:ask', {}));
		for (const p of people) {
			unwrap(
				await request(p.socket, 'closeout:answer', {
					participantKey: p.welcome.participantKey,
					heard: 'yes',
					ladder: 'engaged',
					comment: null
				})
			);
		}
		unwrap(await request(facilitator, 'closeout:stop', {}));
		pat.socket.close();

		expect(failure(await request(owain.socket, 'record:download', {}))?.code).toBe('not-allowed');

		// Ideas are published in batches; ask again until the idea is on the board.
		let f: RecordFiles = unwrap(await request(facilitator, 'record:download', {}));
		for (let i = 0; i < 100 && !f.json.includes('A quiet room'); i++) {
			await new Promise((r) => setTimeout(r, 50));
			f = unwrap(await request(facilitator, 'record:download', {}));
		}
		const json = JSON.parse(f.json);
		expect(checkRecord(json)).toEqual([]);
		expect(json.canChange).toEqual({ fixed: 'The budget.', open: 'The rota.' });
		expect(json.decisions[0].outcome).toBe('consented');
		const names = json.decisions[0].rounds[0].answers.map((a: { name: string }) => a.name).sort();
		expect(names).toEqual(['A participant', 'Owain Shown', 'PI']);
		expect(json.actions[0].what).toBe('Ask the council');
		expect(json.attendance).toHaveLength(3);
		for (const table of ['ideas', 'decisions', 'actions', 'attendance'] as const) {
			const rows = parseCsv(f.csv[table]);
			expect(rows.length, table).toBeGreaterThan(1);
		}
		expect(parseCsv(f.csv.attendance).flat()).toContain('Owain Shown');
		expect(f.html).toContain('The rota.');
		expect(f.html).toContain('Rota A');
		// Nia chose "a participant": her name is nowhere, in no file.
		for (const text of [f.json, f.html, ...Object.values(f.csv)]) {
			const at = text.indexOf('Nia');
			expect(at, text.slice(Math.max(0, at - 200), at + 100)).toBe(-1);
			for (const p of people) expect(text).not.toContain(p.welcome.participantId);
		}
		for (const line of server.logs) expect(line).not.toContain('Rota A');
	});
});
