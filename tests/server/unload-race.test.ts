/**
 * A document being unloaded (compacted, then dropped) while someone opens it again: the new copy
 * waits for the compaction, so nothing written through it is lost. Storage here is slow on
 * purpose, as PostgreSQL over a network can be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log.ts';
import { GroupCommit } from '../../server/storage/group-commit.ts';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/types.ts';
import { DocRooms } from '../../server/yjs/rooms.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'roundtable-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORKSHOP = 'RaceRaceRaceRace0001';
const NAME = `${WORKSHOP}.agenda`;

/** Real SQLite underneath, with compaction that takes its time. */
function slowCompaction(inner: Storage, delayMs: number): Storage {
	return new Proxy(inner, {
		get(target, key, receiver) {
			if (key === 'compact') {
				return async (doc: string, merged: Uint8Array) => {
					await new Promise((r) => setTimeout(r, delayMs));
					return target.compact(doc, merged);
				};
			}
			const value = Reflect.get(target, key, receiver);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

describe('unloading and opening a document at the same time', () => {
	it('loses nothing written through the new copy while the old one was being compacted', async () => {
		const sqlite = new SqliteStorage(dir);
		await sqlite.createWorkshop({
			id: WORKSHOP,
			code: 'RACEAB',
			title: 'Race',
			language: 'en',
			roles: [],
			facilitatorKeyHash: 'hash-race',
			createdAt: 0
		});
		const storage = new GroupCommit(slowCompaction(sqlite, 200));
		const rooms = new DocRooms(storage, createLogger('silent'), () => null);
		await rooms.change(NAME, (doc) => doc.getMap('m').set('before', 1));

		// The unload starts (its compaction is slow), and someone writes again straight away.
		const unloading = rooms.unloadWorkshop(WORKSHOP);
		await new Promise((r) => setTimeout(r, 20));
		const writing = rooms.change(NAME, (doc) => doc.getMap('m').set('during', 2));
		await Promise.all([unloading, writing]);
		await rooms.change(NAME, (doc) => doc.getMap('m').set('after', 3));

		// What storage holds now, read by a fresh copy: as after a crash (closing would write the
		// whole document again and hide a loss).
		const doc = new Y.Doc();
		for (const u of await sqlite.loadDocument(NAME)) Y.applyUpdate(doc, u);
		expect(doc.getMap('m').toJSON()).toEqual({ before: 1, during: 2, after: 3 });
		await rooms.close();
		await sqlite.close();
	});
});
