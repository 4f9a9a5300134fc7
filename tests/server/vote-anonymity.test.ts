/**
 * Votes are stored so they survive a restart, and still nothing stored links a person to what
 * they voted for: a scan of every row of every table, and of the raw database files, after a vote.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { joinAs, openWorkshop, request, unwrap } from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

function everyRow(): { table: string; text: string }[] {
	const db = new DatabaseSync(path.join(server.dataDir, 'roundtable.db'), { readOnly: true });
	try {
		const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
			name: string;
		}[];
		return tables.flatMap(({ name }) =>
			db
				.prepare(`select * from "${name}"`)
				.all()
				.map((row) => ({
					table: name,
					text: Object.values(row)
						.map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)))
						.join('\u0000')
				}))
		);
	} finally {
		db.close();
	}
}

describe('stored votes', () => {
	it('survive without any stored row or file region linking a voter to an idea', async () => {
		const { facilitator, created, opened } = await openWorkshop(server.url, 'Secret ballot');
		unwrap(
			await request(facilitator, 'ideas:setup', {
				prompt: 'Which first?',
				mode: 'silent',
				budget: 3,
				cap: 3,
				participantsGroup: false
			})
		);
		const ideas: string[] = [];
		for (const text of ['Ramps', 'Quiet room']) {
			ideas.push(unwrap(await request(facilitator, 'ideas:add', { text })).id);
		}
		unwrap(await request(facilitator, 'ideas:advance', { to: 'group' }));
		unwrap(await request(facilitator, 'ideas:advance', { to: 'vote' }));
		const voters = [];
		for (const name of ['Zelda Quimby', 'Yusuf Parrott', 'Xena Oakes']) {
			const p = await joinAs(server.url, created.code, name);
			const ballot = unwrap(await request(p.socket, 'ideas:my-votes', {})).ballot;
			voters.push({ ...p, name, ballot });
		}
		// Zelda puts all three dots on Ramps; the others one on Quiet room.
		for (let i = 0; i < 3; i++) {
			unwrap(
				await request(voters[0].socket, 'ideas:vote', { id: ideas[0], ballot: voters[0].ballot })
			);
		}
		for (const v of voters.slice(1)) {
			unwrap(await request(v.socket, 'ideas:vote', { id: ideas[1], ballot: v.ballot }));
		}

		const rows = everyRow();
		// The dots are stored: three ballots, one with Zelda's three dots on Ramps.
		const ballotRows = rows.filter((r) => r.text.includes('ballot:'));
		expect(ballotRows).toHaveLength(3);
		expect(ballotRows.some((r) => r.text.includes(`"${ideas[0]}":3`))).toBe(true);
		// Person-derived things: ids, names, key hashes, and the flags that say a ballot was issued.
		const people = rows.filter(
			(r) => r.table === 'participants' && r.text.includes(opened.workshopId)
		);
		const personal = voters.flatMap((v) => [v.welcome.participantId, v.name]);
		for (const p of people) {
			// Every long field of a person's row (id, key hash), but the workshop id they share with everything.
			personal.push(
				...p.text.split('\u0000').filter((f) => f.length >= 20 && f !== opened.workshopId)
			);
		}
		for (const row of rows) {
			const mentionsVote =
				row.text.includes('ballot:') || ideas.some((id) => row.text.includes(id));
			if (!mentionsVote || row.table === 'doc_updates') continue;
			for (const p of personal) expect(row.text, `${row.table} row`).not.toContain(p);
		}
		// The issued flags say only that: no ballot id, no idea, no dots.
		for (const flag of rows.filter((r) => r.text.includes('issued:'))) {
			for (const v of voters) expect(flag.text).not.toContain(v.ballot.split('.')[0]);
			for (const id of ideas) expect(flag.text).not.toContain(id);
		}
		// The raw files, database and log: no copy of a ballot's record (from the workshop id before
		// its key to the end of its dots) holds any voter's id or name. Other rows may share its page.
		for (const file of readdirSync(server.dataDir).filter((f) => f.startsWith('roundtable.db'))) {
			const bytes = readFileSync(path.join(server.dataDir, file)).toString('latin1');
			for (const v of voters) {
				const ballotId = v.ballot.split('.')[0];
				for (let at = bytes.indexOf(ballotId); at >= 0; at = bytes.indexOf(ballotId, at + 1)) {
					const end = bytes.indexOf('}', at);
					const near = bytes.slice(Math.max(0, at - 64), end < 0 ? at + 256 : end + 1);
					for (const w of voters) {
						expect(near, file).not.toContain(w.welcome.participantId);
						expect(near, file).not.toContain(w.name);
					}
				}
			}
		}
		// And the totals, at the end, are right.
		unwrap(await request(facilitator, 'ideas:advance', { to: 'results' }));
		const db = new DatabaseSync(path.join(server.dataDir, 'roundtable.db'), { readOnly: true });
		const left = db
			.prepare("select count(*) as n from records where feature = 'ideas' and workshop_id = ?")
			.get(opened.workshopId) as { n: number };
		db.close();
		// Once the totals are out, ballots and flags are gone.
		expect(Number(left.n)).toBe(0);
	});
});
