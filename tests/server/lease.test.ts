/**
 * Leases and the fence, on a real PostgreSQL started by the test: two "nodes" (two pools, two
 * lease loops) share one database. Only one holds a workshop at a time; a node whose lease expired
 * while it was not renewing (paused) has every write refused once the other took over, including
 * writes it had queued before; the takeover raises the epoch and is told to reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Leases, type LeaseEvents } from '../../server/cluster/lease.ts';
import { GroupCommit } from '../../server/storage/group-commit.ts';
import { PostgresStorage } from '../../server/storage/postgres.ts';
import { FencedError, type WorkshopRecord } from '../../server/storage/types.ts';
import { startPostgres, type RunningService } from '../helpers/services.ts';

const W = 'LeaseWorkshop000000001';

const workshop: WorkshopRecord = {
	id: W,
	code: 'LQWXYZ',
	title: 'Lease day',
	language: 'en',
	roles: ['carer'],
	facilitatorKeyHash: 'hash-lease',
	createdAt: 1_700_000_000_000
};

let pg: RunningService;
const opened: PostgresStorage[] = [];

beforeAll(async () => {
	pg = await startPostgres();
});
afterAll(async () => {
	for (const s of opened) await s.close();
	await pg?.stop();
});

/** One node: its pool, its lease loop, and the group commit that fences its writes. */
async function node(settings: { ttlMs: number; renewMs: number }) {
	const inner = await PostgresStorage.connect(pg.url, { max: 3 });
	opened.push(inner);
	const events: string[] = [];
	const handlers: LeaseEvents = {
		gained(w, epoch) {
			events.push(`gained ${w} ${epoch}`);
		},
		async lost(w) {
			events.push(`lost ${w}`);
		}
	};
	const leases = new Leases(inner, handlers, settings);
	const storage = new GroupCommit(inner, leases.fencing());
	const put = (value: string) =>
		storage.write([{ kind: 'put', workshopId: W, feature: 'test', key: value, value }]);
	return { inner, leases, storage, events, put };
}

describe('workshop leases', () => {
	it('has one holder; a paused holder is fenced out after a takeover and learns it lost', async () => {
		// A renews far less often than its lease lasts: it behaves like a paused process.
		const a = await node({ ttlMs: 400, renewMs: 60_000 });
		const b = await node({ ttlMs: 400, renewMs: 60_000 });
		await a.inner.createWorkshop(workshop);

		// Nobody may write without the lease, and nothing reaches storage.
		await expect(a.put('before-lease')).rejects.toBeInstanceOf(FencedError);

		expect(await a.leases.ensure(W)).toBe(true);
		expect(await b.leases.ensure(W)).toBe(false);
		expect(a.leases.fence(W)?.epoch).toBe(1);
		await a.put('a-1');
		await expect(b.put('b-too-early')).rejects.toBeInstanceOf(FencedError);

		// A stops renewing; once the lease expires B takes it and the epoch rises.
		await expect.poll(() => b.leases.ensure(W), { timeout: 5000, interval: 50 }).toBe(true);
		expect(b.leases.fence(W)?.epoch).toBe(2);
		expect(b.events).toEqual([`gained ${W} 2`]);
		await b.put('b-1');

		// A wakes up still thinking it holds the lease: its writes, batched or not, are refused.
		expect(a.leases.fence(W)?.epoch).toBe(1);
		const late = [a.put('a-late-1'), a.put('a-late-2')];
		for (const w of late) await expect(w).rejects.toBeInstanceOf(FencedError);
		await expect(a.storage.compact(`${W}.agenda`, new Uint8Array([0]))).rejects.toBeInstanceOf(
			FencedError
		);

		// Its next renewal round finds the lease gone and drops it.
		await a.leases.renew();
		expect(a.events).toEqual([`gained ${W} 1`, `lost ${W}`]);
		expect(a.leases.fence(W)).toBeNull();

		// Exactly what each holder wrote while it held the lease, once.
		const keys = (await a.inner.records(W, 'test')).map((r) => r.key);
		expect(keys).toEqual(['a-1', 'b-1']);
		expect(await a.inner.updateCount(`${W}.agenda`)).toBe(0);

		// A clean release lets the other node take over at once, at a new epoch.
		await b.leases.release(W);
		expect(await a.leases.ensure(W)).toBe(true);
		expect(a.leases.fence(W)?.epoch).toBe(3);
		await a.leases.close();
		await b.leases.close();
	});

	it('gives an expired lease to exactly one of many nodes claiming at once', async () => {
		const nodes = await Promise.all([1, 2, 3, 4].map(() => node({ ttlMs: 5000, renewMs: 60_000 })));
		const id = 'LeaseWorkshop000000002';
		const won = await Promise.all(nodes.map((n) => n.leases.ensure(id)));
		expect(won.filter(Boolean)).toHaveLength(1);
		const winner = nodes[won.indexOf(true)];
		// The winner keeps its epoch when renewing; the others still cannot get it.
		await winner.leases.renew();
		expect(winner.leases.fence(id)?.epoch).toBe(1);
		expect(winner.events).toEqual([`gained ${id} 1`]);
		for (const n of nodes) if (n !== winner) expect(await n.leases.ensure(id)).toBe(false);
		await Promise.all(nodes.map((n) => n.leases.close()));
	});
});
