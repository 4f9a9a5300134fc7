/**
 * Roundtable next to the stock servers, measured in one run on one machine: `npm run build`, then
 * `npm run bench` (about 2 minutes on a quiet 2-core machine at the default sizes, 4–5 on a busy
 * one; run it quiet, and compare figures only within one run). It prints one table and writes
 * everything, with machine info, to bench/results.json. Tests never assert on these numbers.
 *
 * Three servers, each a fresh child process on 127.0.0.1 with the same Node 24, measured from inside
 * over IPC (bench/probe-ipc.ts): Roundtable (the built server, bench/server-probe.ts), the stock
 * y-websocket server (bench/peer-y-websocket.ts; why a mirror of @y/websocket-server is explained
 * there) and a bare socket.io relay (bench/peer-socket-io.ts), the floor for "a command reaches
 * everyone". All clients are stock (socket.io-client, y-websocket's WebsocketProvider with
 * disableBc) and live in this one process, so every latency includes this process handling the
 * N deliveries one after another: the same cost for every server, and what p99/max mostly show.
 *
 * Figures (rows of the table):
 * - fan-out: one agenda item added by the writer reaches N participants (each connected as the real
 *   participant page connects: socket.io join, then every document the page opens on one
 *   websocket through the page's own client, bench/roundtable-client.ts),
 *   from the moment the writer sends until each receiver's agenda Y.Doc holds it; p50/p95/p99/max
 *   in ms over ROUNDS paced rounds (after WARMUP unmeasured ones). Roundtable's writer is the
 *   facilitator, once through the `agenda:add` command and once by a direct edit of its writable
 *   agenda document; the y-websocket writer makes the same direct edit, to stock providers on four
 *   documents per participant (STOCK_PEER_DOCS); the socket.io writer sends a small message to N plain connections.
 * - CPU per delivery: the server child's CPU time over the measured rounds ÷ deliveries, in µs.
 * - memory: RSS growth of the server child (after GC) over the largest N participants ÷ N, in KiB:
 *   Roundtable's whole participant (2 connections: socket.io and the one Yjs socket carrying every
 *   document) beside the y-websocket server's 4 providers and
 *   socket.io's 1 connection per participant.
 * - burst: HANDS participants, all connected as the page connects, raise a hand (`queue:raise`, kind
 *   'new') at random moments within one second. Counted from the burst's start: when the last bytes
 *   reached every page (the server has sent everything), when OBSERVERS participants' queue
 *   documents all hold the same view with every hand, and when the last raise was acknowledged;
 *   also the server's event-loop delay over the burst, the CPU time of the server and of this
 *   process, and the bytes one page received on its queue document. The pages that are not
 *   observers hold their queue documents as sinks in a child process (bench/yjs-sink.ts,
 *   bench/sink-host.ts): the server sends them the same bytes, but this one process does not
 *   decode hundreds of copies that phones would decode in parallel. Decoding the observers' copies
 *   one after another still happens here, so "agree" grows with OBSERVERS × bytes per page. If the
 *   observers do not agree within BURST_TIMEOUT_MS the row says how far they got.
 * - page weight: JavaScript Chromium loads on /j/<code> (join page), and in all once joined, each
 *   script gzipped, summed (bench/page-weight.ts).
 * Ratios are Roundtable ÷ peer (above 1: Roundtable is slower or bigger).
 *
 * Environment: BENCH_SIZES (default "100,500,1000"), BENCH_ROUNDS (40), BENCH_HANDS (500, or the
 * largest size if smaller), CHROMIUM_PATH (/usr/bin/chromium).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startChild, type ServerChild } from './child.ts';
import { participantPageWeight, type ScriptWeight } from './page-weight.ts';
import type { MemoryReply } from './probe-ipc.ts';
import type { SinkReport } from './sink-host.ts';
import * as rt from './roundtable-client.ts';
import type { DocKind } from '../src/lib/features/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '100,500,1000')
	.split(',')
	.map((s) => Number(s.trim()))
	.filter((n) => Number.isInteger(n) && n > 0)
	.sort((a, b) => a - b);
if (SIZES.length === 0) throw new Error('BENCH_SIZES must list positive whole numbers.');
const MAX_SIZE = SIZES.at(-1)!;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const WARMUP = 3;
/** A round starts at most this often: paced, so that latency is not queueing behind the last one. */
const ROUND_GAP_MS = 150;
const ROUND_MIN_IDLE_MS = 30;
const ROUND_TIMEOUT_MS = 10_000;
const HANDS = Number(process.env.BENCH_HANDS ?? Math.min(500, MAX_SIZE));
const OBSERVERS = Math.min(50, HANDS);
const BURST_TIMEOUT_MS = 30_000;
const CONNECT_BATCH = 50;
const SYNC_TIMEOUT_MS = 60_000;
const SETTLE_MS = 2000;
const WARM_UP_PARTICIPANTS = 5;

/**
 * What a stock y-websocket page would open, one provider each: the four documents the participant
 * page opened when this peer was written (it now opens more, all on one socket). Kept at four so
 * the peer's cost stays comparable run to run; only its memory per participant depends on it.
 */
const STOCK_PEER_DOCS: readonly DocKind[] = ['meta', 'agenda', 'queue', 'board'];

const DESIGN_BUDGETS = {
	fanOut500: { p50Ms: 8, p99Ms: 40 },
	burstMs: 250,
	memoryKiB: 30,
	joinPageGzipKB: 35,
	joinedGzipKB: 75
};

// ---- Small helpers

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, i)];
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

function log(message: string) {
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Resolves, or rejects after `ms`; never leaves a timer behind. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`${what}: no result in ${ms} ms`)), ms);
			})
		]);
	} finally {
		clearTimeout(timer);
	}
}

/** A stock provider, or a document on the page's own link: both say `synced` and emit 'sync'. */
interface Syncing {
	synced: boolean;
	on(event: 'sync', fn: (synced: boolean) => void): void;
}

function synced(provider: Syncing): Promise<void> {
	return within(
		SYNC_TIMEOUT_MS,
		'sync of a document',
		new Promise<void>((resolve) =>
			provider.synced ? resolve() : provider.on('sync', (s) => s && resolve())
		)
	);
}

/** Runs `make(i)` for i < n, CONNECT_BATCH at a time, like people arriving. */
async function inBatches<T>(n: number, make: (i: number) => Promise<T>): Promise<T[]> {
	const out: T[] = [];
	for (let i = 0; i < n; i += CONNECT_BATCH) {
		const batch = Array.from({ length: Math.min(CONNECT_BATCH, n - i) }, (_, j) => make(i + j));
		out.push(...(await Promise.all(batch)));
	}
	return out;
}

function gcHere() {
	(globalThis as { gc?: () => void }).gc?.();
}

// ---- Rounds: one write, N receivers

/**
 * Tracks one round at a time: a receiver has the round's change once its value (an item count, a
 * sequence number) reaches the target. Arrivals are timed in the receiver's own event handler.
 */
class RoundTracker {
	readonly latencies: number[] = [];
	readonly firsts: number[] = [];
	lost = 0;
	#seen: Int32Array;
	#round = -1;
	#target = Infinity;
	#sentAt = 0;
	#remaining = 0;
	#measuring = false;
	#first = true;
	#done: (() => void) | null = null;

	constructor(receivers: number) {
		this.#seen = new Int32Array(receivers).fill(-1);
	}

	saw(i: number, value: number) {
		if (!this.#done || value < this.#target || this.#seen[i] === this.#round) return;
		const ms = now() - this.#sentAt;
		this.#seen[i] = this.#round;
		if (this.#measuring) {
			this.latencies.push(ms);
			if (this.#first) this.firsts.push(ms);
		}
		this.#first = false;
		if (--this.#remaining === 0) {
			const done = this.#done;
			this.#done = null;
			done();
		}
	}

	async run(index: number, target: number, measuring: boolean, send: () => Promise<void> | void) {
		this.#round = index;
		this.#target = target;
		this.#remaining = this.#seen.length;
		this.#measuring = measuring;
		this.#first = true;
		const all = new Promise<void>((resolve) => (this.#done = resolve));
		this.#sentAt = now();
		const sent = send();
		try {
			await within(ROUND_TIMEOUT_MS, `round ${index}`, all);
		} catch {
			if (measuring) this.lost += this.#remaining;
			this.#done = null;
		}
		await sent;
	}
}

interface Series {
	receivers: number;
	rounds: number;
	samples: number;
	lost: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	maxMs: number;
	firstDeliveryP50Ms: number;
	cpuUsPerDelivery: number;
	reconnects: number;
}

/** WARMUP + ROUNDS paced rounds; `send(r)` makes round r's change, whose target value is `target(r)`. */
async function rounds(
	child: ServerChild,
	receivers: number,
	attach: (tracker: RoundTracker) => () => void,
	target: (r: number) => number,
	send: (r: number) => Promise<void> | void,
	reconnects: () => number
): Promise<Series> {
	const tracker = new RoundTracker(receivers);
	const detach = attach(tracker);
	const reconnectsBefore = reconnects();
	let cpuBefore: NodeJS.CpuUsage | null = null;
	try {
		for (let r = 0; r < WARMUP + ROUNDS; r++) {
			if (r === WARMUP) cpuBefore = await child.cpu();
			const started = now();
			await tracker.run(r, target(r), r >= WARMUP, () => send(r));
			await sleep(Math.max(ROUND_MIN_IDLE_MS, ROUND_GAP_MS - (now() - started)));
		}
	} finally {
		detach();
	}
	const cpuAfter = await child.cpu();
	const cpuUs = cpuAfter.user + cpuAfter.system - (cpuBefore!.user + cpuBefore!.system);
	const sorted = [...tracker.latencies].sort((a, b) => a - b);
	const firsts = [...tracker.firsts].sort((a, b) => a - b);
	return {
		receivers,
		rounds: ROUNDS,
		samples: sorted.length,
		lost: tracker.lost,
		p50Ms: round(percentile(sorted, 50)),
		p95Ms: round(percentile(sorted, 95)),
		p99Ms: round(percentile(sorted, 99)),
		maxMs: round(sorted.at(-1) ?? NaN),
		firstDeliveryP50Ms: round(percentile(firsts, 50)),
		cpuUsPerDelivery: round(cpuUs / Math.max(1, sorted.length)),
		reconnects: reconnects() - reconnectsBefore
	};
}

/** Receivers are agenda Y.Docs; a round's target is one more item than the round before. */
function agendaRounds(
	child: ServerChild,
	agendas: Y.Doc[],
	send: (title: string) => Promise<void> | void,
	reconnects: () => number
) {
	const base = rt.agendaItemCount(agendas[0]);
	return rounds(
		child,
		agendas.length,
		(tracker) => {
			const handlers = agendas.map((doc, i) => {
				const onUpdate = () => tracker.saw(i, rt.agendaItemCount(doc));
				doc.on('update', onUpdate);
				return () => doc.off('update', onUpdate);
			});
			return () => handlers.forEach((off) => off());
		},
		(r) => base + r + 1,
		(r) => send(`Bench item ${base + r + 1}`),
		reconnects
	);
}

/** Drops seen: a stock provider's 'disconnected' status, or a linked document losing its sync. */
function countReconnects(providers: (WebsocketProvider | Syncing)[]) {
	let count = 0;
	for (const p of providers) {
		if (p instanceof WebsocketProvider) {
			p.on('status', ({ status }: { status: string }) => {
				if (status === 'disconnected') count++;
			});
		} else p.on('sync', (s) => void (s || count++));
	}
	return () => count;
}

// ---- Memory

interface MemoryFigure {
	participants: number;
	connectionsPerParticipant: number;
	rssKiBPerParticipant: number;
	heapAndExternalKiBPerParticipant: number;
}

async function memoryFigure(
	before: MemoryReply,
	child: ServerChild,
	participants: number,
	connectionsPerParticipant: number
): Promise<MemoryFigure> {
	await sleep(SETTLE_MS);
	const after = await child.memory();
	const per = (bytes: number) => round(bytes / 1024 / participants);
	return {
		participants,
		connectionsPerParticipant,
		rssKiBPerParticipant: per(after.rss - before.rss),
		heapAndExternalKiBPerParticipant: per(
			after.heapUsed + after.external - (before.heapUsed + before.external)
		)
	};
}

// ---- Roundtable

function startRoundtable() {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'roundtable-bench-'));
	return {
		dataDir,
		child: startChild('bench/server-probe.ts', {
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			// Every bench client comes from 127.0.0.1 and the largest workshop is over the default
			// of 500 people: the limits per address and per workshop are raised, nothing else.
			PARTICIPANTS_PER_WORKSHOP: String(Math.max(500, MAX_SIZE + WARM_UP_PARTICIPANTS + 10)),
			WORKSHOPS_PER_ADDRESS_PER_HOUR: '1000',
			ROOM_SCREENS_PER_ADDRESS_PER_HOUR: '1000'
		})
	};
}

function closeParticipants(participants: rt.Participant[]) {
	for (const p of participants) {
		p.link?.close();
		for (const d of p.docs) d.doc.destroy();
		p.socket.close();
	}
}

function closeFacilitator(f: rt.Facilitator) {
	f.agenda.provider.destroy();
	f.agenda.doc.destroy();
	f.socket.close();
}

async function joinAll(
	url: string,
	code: string,
	n: number,
	unread: (i: number) => readonly DocKind[] = () => []
): Promise<rt.Participant[]> {
	return inBatches(n, async (i) => {
		const p = await rt.joinAsParticipant(url, code, `Person ${i + 1}`, unread(i));
		await Promise.all(p.docs.map((d) => synced(d.provider)));
		return p;
	});
}

/** So that lazy loading and first-use costs are not counted per participant. */
async function warmUpRoundtable(url: string) {
	const f = await rt.startWorkshop(url, 'Warm-up');
	const people = await joinAll(url, f.code, WARM_UP_PARTICIPANTS);
	closeParticipants(people);
	closeFacilitator(f);
}

async function withRoundtable<T>(run: (child: ServerChild) => Promise<T>): Promise<T> {
	const { dataDir, child: starting } = startRoundtable();
	const child = await starting;
	try {
		return await run(child);
	} finally {
		await child.kill();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

async function roundtableFanOut(n: number, measureMemory: boolean) {
	return withRoundtable(async (child) => {
		await warmUpRoundtable(child.url);
		const facilitator = await rt.startWorkshop(child.url, 'Bench');
		await synced(facilitator.agenda.provider);
		await sleep(500);
		const before = measureMemory ? await child.memory() : null;
		const people = await joinAll(child.url, facilitator.code, n);
		try {
			const memory = before ? await memoryFigure(before, child, n, 2) : null;
			const providers = people.flatMap((p) => p.docs.map((d) => d.provider));
			const reconnects = countReconnects(providers);
			const agendas = people.map((p) => p.docs.find((d) => d.kind === 'agenda')!.doc);
			// Direct edits first, so that the document is as small as the y-websocket peer's.
			const direct = await agendaRounds(
				child,
				agendas,
				(title) => rt.addItemDirectly(facilitator.agenda.doc, title),
				reconnects
			);
			const command = await agendaRounds(
				child,
				agendas,
				(title) => rt.addItemByCommand(facilitator, title),
				reconnects
			);
			return { command, direct, memory };
		} finally {
			closeParticipants(people);
			closeFacilitator(facilitator);
		}
	});
}

async function roundtableBurst() {
	const host = await startChild('bench/sink-host.ts');
	try {
		return await withRoundtable((child) => burstOn(child, host));
	} finally {
		await host.kill();
	}
}

/** Every page has the queue open; only the observers' copies are read, the rest are sinks. */
async function burstOn(child: ServerChild, host: ServerChild) {
	const epochMs = () => performance.timeOrigin + performance.now();
	await warmUpRoundtable(child.url);
	const facilitator = await rt.startWorkshop(child.url, 'Burst');
	const people = await joinAll(child.url, facilitator.code, HANDS, (i) =>
		i < OBSERVERS ? [] : ['queue']
	);
	try {
		const urls = people.flatMap((p) => p.unreadUrls);
		for (let i = 0; i < urls.length; i += CONNECT_BATCH) {
			const opened = await host.request<number | { error: string }>({
				type: 'open',
				urls: urls.slice(i, i + CONNECT_BATCH)
			});
			if (typeof opened !== 'number') throw new Error(`sinks: ${opened.error}`);
		}
		const report = () => host.request<SinkReport>({ type: 'report' });
		const queues = people
			.slice(0, OBSERVERS)
			.map((p) => p.docs.find((d) => d.kind === 'queue')!.doc);
		/** Most hands each observer has seen, and when it first saw them all. */
		const most = new Array<number>(OBSERVERS).fill(0);
		let bytesToOneObserver = 0;
		const holdsAll = queues.map(
			(doc, i) =>
				new Promise<number>((resolve) => {
					const check = (update: Uint8Array) => {
						if (i === 0) bytesToOneObserver += update.length;
						most[i] = Math.max(most[i], rt.waitingHands(doc).length);
						if (most[i] < HANDS) return;
						doc.off('update', check);
						resolve(epochMs());
					};
					doc.on('update', check);
				})
		);
		await sleep(500);
		await child.loopStart();
		const serverCpuBefore = await child.cpu();
		const benchCpuBefore = process.cpuUsage();
		const sinkBytesBefore = (await report()).bytes[0] ?? 0;
		const start = epochMs();
		let lastAck = start;
		let acked = 0;
		let refused = 0;
		const acks = Promise.all(
			people.map(async (p) => {
				await sleep(Math.random() * 1000);
				try {
					await rt.raiseHand(p.socket);
					acked++;
					lastAck = Math.max(lastAck, epochMs());
				} catch {
					refused++;
				}
			})
		);
		let times: number[] | null = null;
		try {
			[, times] = await within(
				BURST_TIMEOUT_MS,
				'hand burst',
				Promise.all([acks, Promise.all(holdsAll)])
			);
		} catch {
			// Not consistent in time: what it reached is reported instead.
		}
		const windowMs = epochMs() - start;
		const loop = await child.loopStop();
		const serverCpu = await child.cpu();
		const benchCpu = process.cpuUsage(benchCpuBefore);
		const sinks = await report();
		const cpuMs = (u: NodeJS.CpuUsage) => round((u.user + u.system) / 1000, 0);
		const agreed = times ? Math.max(...times) : NaN;
		const delivered = sinks.bytes.length > 0 ? sinks.lastAt : NaN;
		const views = new Set(queues.map((doc) => rt.waitingHands(doc).join(',')));
		return {
			hands: HANDS,
			observers: OBSERVERS,
			sinks: sinks.bytes.length,
			consistent: times !== null && views.size === 1,
			timeoutMs: BURST_TIMEOUT_MS,
			acked,
			refused,
			fewestHandsSeenByAnObserver: Math.min(...most),
			lastAckFromStartMs: round(lastAck - start),
			/** The server has sent everything: the last bytes reached the last sink. */
			everyPageHasEveryByteFromStartMs: round(delivered - start),
			observersAgreeFromStartMs: round(agreed - start),
			everyPageHasEveryByteAfterLastAckMs: round(Math.max(0, delivered - lastAck)),
			observersAgreeAfterLastAckMs: round(Math.max(0, agreed - lastAck)),
			eventLoopDelayP99Ms: round(loop.p99Ms),
			eventLoopDelayMaxMs: round(loop.maxMs),
			/** Who was busy: the server child, or this process decoding the observers' copies. */
			serverCpuMs: cpuMs({
				user: serverCpu.user - serverCpuBefore.user,
				system: serverCpu.system - serverCpuBefore.system
			}),
			benchProcessCpuMs: cpuMs(benchCpu),
			windowMs: round(windowMs, 0),
			/** What one page received on its queue document during the window. */
			queueBytesToOnePage:
				sinks.bytes.length > 0 ? sinks.bytes[0] - sinkBytesBefore : bytesToOneObserver
		};
	} finally {
		await host.request({ type: 'close' });
		closeParticipants(people);
		closeFacilitator(facilitator);
	}
}

async function roundtablePageWeight() {
	return withRoundtable(async (child) => {
		const f = await rt.startWorkshop(child.url, 'Page weight');
		try {
			return await participantPageWeight(child.url, f.code);
		} finally {
			closeFacilitator(f);
		}
	});
}

// ---- The stock y-websocket server

async function withPeer<T>(script: string, run: (child: ServerChild) => Promise<T>): Promise<T> {
	const child = await startChild(script);
	try {
		return await run(child);
	} finally {
		await child.kill();
	}
}

function stockProvider(url: string, room: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url.replace(/^http/, 'ws'), room, doc, {
		disableBc: true
	});
	provider.awareness.setLocalState(null);
	return { doc, provider };
}

async function yWebsocketFanOut(n: number, measureMemory: boolean) {
	return withPeer('bench/peer-y-websocket.ts', async (child) => {
		const participant = async (workshop: string) => {
			const docs = STOCK_PEER_DOCS.map((kind) => ({
				kind,
				...stockProvider(child.url, `${workshop}.${kind}`)
			}));
			await Promise.all(docs.map((d) => synced(d.provider)));
			return docs;
		};
		const close = (docs: { doc: Y.Doc; provider: WebsocketProvider }[]) => {
			for (const d of docs) {
				d.provider.destroy();
				d.doc.destroy();
			}
		};
		close((await inBatches(WARM_UP_PARTICIPANTS, () => participant('warm-up'))).flat());
		const writer = stockProvider(child.url, 'bench.agenda');
		await synced(writer.provider);
		await sleep(500);
		const before = measureMemory ? await child.memory() : null;
		const people = await inBatches(n, () => participant('bench'));
		try {
			const memory = before ? await memoryFigure(before, child, n, STOCK_PEER_DOCS.length) : null;
			const reconnects = countReconnects(people.flat().map((d) => d.provider));
			const agendas = people.map((docs) => docs.find((d) => d.kind === 'agenda')!.doc);
			const direct = await agendaRounds(
				child,
				agendas,
				(title) => rt.addItemDirectly(writer.doc, title),
				reconnects
			);
			return { direct, memory };
		} finally {
			close(people.flat());
			close([writer]);
		}
	});
}

// ---- The bare socket.io relay

async function socketIoFanOut(n: number, measureMemory: boolean) {
	return withPeer('bench/peer-socket-io.ts', async (child) => {
		const connect = async () => {
			const socket = io(child.url, {
				path: '/socket.io',
				transports: ['websocket', 'polling'],
				forceNew: true,
				reconnection: false
			});
			await within(
				SYNC_TIMEOUT_MS,
				'socket.io connect',
				new Promise<void>((resolve, reject) => {
					socket.once('connect', () => resolve());
					socket.once('connect_error', reject);
				})
			);
			return socket;
		};
		(await inBatches(WARM_UP_PARTICIPANTS, connect)).forEach((s) => s.close());
		const writer = await connect();
		await sleep(500);
		const before = measureMemory ? await child.memory() : null;
		const people: Socket[] = await inBatches(n, connect);
		try {
			const memory = before ? await memoryFigure(before, child, n, 1) : null;
			let disconnects = 0;
			for (const s of people) s.on('disconnect', () => disconnects++);
			const direct = await rounds(
				child,
				people.length,
				(tracker) => {
					const handlers = people.map((s, i) => {
						const onRelay = (m: { seq: number }) => tracker.saw(i, m.seq);
						s.on('relay', onRelay);
						return () => s.off('relay', onRelay);
					});
					return () => handlers.forEach((off) => off());
				},
				(r) => r + 1,
				(r) => {
					writer.emit('relay', { seq: r + 1, title: `Bench item ${r + 1}` });
				},
				() => disconnects
			);
			return { relay: direct, memory };
		} finally {
			for (const s of people) s.close();
			writer.close();
		}
	});
}

// ---- The table

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
const four = (s: Series | undefined) =>
	s ? `${s.p50Ms} / ${s.p95Ms} / ${s.p99Ms} / ${s.maxMs}` : '–';
const fourRatio = (a: Series, b: Series | undefined) =>
	b
		? [
				ratio(a.p50Ms, b.p50Ms),
				ratio(a.p95Ms, b.p95Ms),
				ratio(a.p99Ms, b.p99Ms),
				ratio(a.maxMs, b.maxMs)
			].join(' / ')
		: '–';

function formatTable(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ');
	return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
		.join('\n')
		.trimEnd();
}

// ---- Main

interface SizeResult {
	roundtableCommand: Series;
	roundtableDirect: Series;
	yWebsocket: Series;
	socketIo: Series;
}

async function main() {
	// Each stock y-websocket provider adds a process 'exit' listener; thousands are expected here.
	process.setMaxListeners(0);
	const startedAt = now();
	const loadAtStart = loadavg();
	log(`sizes ${SIZES.join(', ')}; ${ROUNDS} rounds each; burst of ${HANDS} hands`);

	log('page weight (Chromium)');
	const page = await roundtablePageWeight();

	const fanOut: Record<number, SizeResult> = {};
	const memory: Record<string, MemoryFigure | null> = {};
	for (const n of SIZES) {
		const measureMemory = n === MAX_SIZE;
		log(`fan-out to ${n}: Roundtable`);
		const roundtable = await roundtableFanOut(n, measureMemory);
		gcHere();
		log(`fan-out to ${n}: y-websocket server`);
		const yws = await yWebsocketFanOut(n, measureMemory);
		gcHere();
		log(`fan-out to ${n}: socket.io relay`);
		const sio = await socketIoFanOut(n, measureMemory);
		gcHere();
		fanOut[n] = {
			roundtableCommand: roundtable.command,
			roundtableDirect: roundtable.direct,
			yWebsocket: yws.direct,
			socketIo: sio.relay
		};
		if (measureMemory) {
			memory.roundtable = roundtable.memory;
			memory.yWebsocket = yws.memory;
			memory.socketIo = sio.memory;
		}
	}

	log(`burst of ${HANDS} hands`);
	const burst = await roundtableBurst();
	const durationS = round((now() - startedAt) / 1000, 1);

	const kB = (w: ScriptWeight) => round(w.gzipBytes / 1000, 1);
	const rows: string[][] = [
		['figure', 'Roundtable', 'y-websocket server', 'socket.io relay', 'RT ÷ y-ws', 'RT ÷ s.io']
	];
	for (const n of SIZES) {
		const s = fanOut[n];
		for (const [label, mine] of [
			['agenda:add command', s.roundtableCommand],
			['direct Yjs edit', s.roundtableDirect]
		] as const) {
			rows.push([
				`fan-out to ${n}, ${label}: p50/p95/p99/max ms`,
				four(mine),
				four(s.yWebsocket),
				four(s.socketIo),
				fourRatio(mine, s.yWebsocket),
				fourRatio(mine, s.socketIo)
			]);
		}
	}
	for (const n of SIZES) {
		const s = fanOut[n];
		const first = (x: Series) => x.firstDeliveryP50Ms;
		const [cmd, dir] = [s.roundtableCommand, s.roundtableDirect];
		rows.push([
			`fan-out to ${n}, first receiver, p50 ms: command / direct edit`,
			`${first(cmd)} / ${first(dir)}`,
			String(first(s.yWebsocket)),
			String(first(s.socketIo)),
			`${ratio(first(cmd), first(s.yWebsocket))} / ${ratio(first(dir), first(s.yWebsocket))}`,
			`${ratio(first(cmd), first(s.socketIo))} / ${ratio(first(dir), first(s.socketIo))}`
		]);
	}
	for (const n of SIZES) {
		const s = fanOut[n];
		for (const [label, mine] of [
			['command', s.roundtableCommand],
			['direct edit', s.roundtableDirect]
		] as const) {
			rows.push([
				`CPU per delivery at ${n}, ${label}: µs`,
				String(mine.cpuUsPerDelivery),
				String(s.yWebsocket.cpuUsPerDelivery),
				String(s.socketIo.cpuUsPerDelivery),
				ratio(mine.cpuUsPerDelivery, s.yWebsocket.cpuUsPerDelivery),
				ratio(mine.cpuUsPerDelivery, s.socketIo.cpuUsPerDelivery)
			]);
		}
	}
	const m = (f: MemoryFigure | null | undefined) => (f ? String(f.rssKiBPerParticipant) : '–');
	rows.push([
		`memory per idle participant over ${MAX_SIZE}: KiB RSS (connections each)`,
		`${m(memory.roundtable)} (${memory.roundtable?.connectionsPerParticipant ?? '–'})`,
		`${m(memory.yWebsocket)} (${memory.yWebsocket?.connectionsPerParticipant ?? '–'})`,
		`${m(memory.socketIo)} (${memory.socketIo?.connectionsPerParticipant ?? '–'})`,
		ratio(
			memory.roundtable?.rssKiBPerParticipant ?? NaN,
			memory.yWebsocket?.rssKiBPerParticipant ?? NaN
		),
		ratio(
			memory.roundtable?.rssKiBPerParticipant ?? NaN,
			memory.socketIo?.rssKiBPerParticipant ?? NaN
		)
	]);
	rows.push([
		`${HANDS}-hand burst, ms from start: all bytes at every page / ${OBSERVERS} agree / last ack`,
		burst.consistent
			? [
					burst.everyPageHasEveryByteFromStartMs,
					burst.observersAgreeFromStartMs,
					burst.lastAckFromStartMs
				]
					.map((x) => (Number.isNaN(x) ? '–' : String(x)))
					.join(' / ')
			: `not in ${burst.timeoutMs / 1000} s (fewest held ${burst.fewestHandsSeenByAnObserver})`,
		'–',
		'–',
		'–',
		'–'
	]);
	rows.push([
		`${HANDS}-hand burst: server event-loop delay p99 / max ms`,
		`${burst.eventLoopDelayP99Ms} / ${burst.eventLoopDelayMaxMs}`,
		'–',
		'–',
		'–',
		'–'
	]);
	rows.push([
		`${HANDS}-hand burst: CPU ms of server / of bench clients; queue kB to one page`,
		`${burst.serverCpuMs} / ${burst.benchProcessCpuMs}; ${round(burst.queueBytesToOnePage / 1000, 0)}`,
		'–',
		'–',
		'–',
		'–'
	]);
	rows.push([
		'JS on the join page / once joined: kB gzipped (files)',
		`${kB(page.joinPage)} (${page.joinPage.files}) / ${kB(page.joined)} (${page.joined.files})`,
		'–',
		'–',
		'–',
		'–'
	]);
	const table = formatTable(rows);
	const lost = Object.values(fanOut).flatMap((s) => Object.values(s) as Series[]);
	const notes = [
		`${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}, took ${durationS} s; load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
		`lost deliveries ${lost.reduce((n, s) => n + s.lost, 0)}, reconnects during rounds ${lost.reduce((n, s) => n + s.reconnects, 0)}`,
		`design budgets: fan-out to 500 p50 ≤ ${DESIGN_BUDGETS.fanOut500.p50Ms} ms, p99 ≤ ${DESIGN_BUDGETS.fanOut500.p99Ms} ms and ≤ y-websocket's; burst ≤ ${DESIGN_BUDGETS.burstMs} ms after the last ack; ≤ ${DESIGN_BUDGETS.memoryKiB} kB RSS per participant; JS ≤ ${DESIGN_BUDGETS.joinPageGzipKB} kB / ≤ ${DESIGN_BUDGETS.joinedGzipKB} kB`
	];

	const results = {
		date: new Date().toISOString(),
		machine: {
			cores: cpus().length,
			cpuModel: cpus()[0]?.model ?? 'unknown',
			totalMemoryGiB: round(totalmem() / 2 ** 30, 1),
			node: process.version,
			platform: `${process.platform} ${process.arch}`,
			loadAverageAtStart: loadAtStart.map((l) => round(l)),
			loadAverageAtEnd: loadavg().map((l) => round(l))
		},
		durationS,
		config: {
			sizes: SIZES,
			rounds: ROUNDS,
			warmupRounds: WARMUP,
			roundGapMs: ROUND_GAP_MS,
			hands: HANDS,
			observers: OBSERVERS,
			memoryParticipants: MAX_SIZE,
			participantDocs: rt.PARTICIPANT_DOCS
		},
		budgets: DESIGN_BUDGETS,
		fanOut: {
			what: 'one agenda item added by the writer, from the send until each receiver Y.Doc holds it (socket.io relay: until the message handler runs); ms; cpuUsPerDelivery is the server child CPU time over the measured rounds divided by deliveries',
			bySize: fanOut
		},
		memory: {
			what: `RSS growth of the server child after GC over ${MAX_SIZE} idle participants, divided by ${MAX_SIZE}; KiB`,
			...memory
		},
		burst: {
			what: `${HANDS} participants raise a hand at random moments within one second; until ${OBSERVERS} participants' queue documents hold the same view with every hand`,
			...burst
		},
		pageWeight: {
			what: 'scripts Chromium loads for /j/<code> to network idle (joinPage) and in all once joined through the form (joined), each gzipped at level 9',
			...page
		},
		table: table.split('\n'),
		notes
	};
	writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, '\t') + '\n');
	console.log(table);
	console.log();
	for (const note of notes) console.log(note);
}

await main();
// Stock clients can leave timers behind; the run is over.
process.exit(0);
