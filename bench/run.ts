/**
 * Roundtable's performance budgets (DESIGN.md), measured: run with `npm run bench` after
 * `npm run build`. Starts a real server as a child process, connects stock clients from this
 * process, prints the figures and writes bench/results.json. Tests never assert on these numbers.
 *
 * BENCH_PARTICIPANTS (default 500) and BENCH_ROUNDS (default 40) size the run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Result } from '../src/lib/shared/result.ts';
import { docName } from '../src/lib/shared/workshop.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const HAND_OBSERVERS = Math.min(50, PARTICIPANTS);

type AnySocket = Socket;

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, i)];
}

function round(n: number, places = 2) {
	return Math.round(n * 10 ** places) / 10 ** places;
}

async function startChild(dataDir: string) {
	const child = spawn(
		path.join(ROOT, 'node_modules/.bin/node'),
		['--expose-gc', 'bench/server-probe.ts'],
		{
			cwd: ROOT,
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		}
	);
	const port = await new Promise<number>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
		child.on('message', (m: { type: string; port?: number }) => {
			if (m.type === 'listening') resolve(m.port!);
		});
	});
	/** Live heap and buffers after a full collection: what connections really keep. */
	const memory = () =>
		new Promise<number>((resolve) => {
			child.once('message', (m: { usage: NodeJS.MemoryUsage }) =>
				resolve(m.usage.heapUsed + m.usage.external)
			);
			child.send({ type: 'memory' });
		});
	return { child, url: `http://127.0.0.1:${port}`, memory };
}

async function connect(url: string): Promise<AnySocket> {
	const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

async function ask<T>(socket: AnySocket, name: string, payload: unknown): Promise<T> {
	const result = (await socket.timeout(30_000).emitWithAck(name, payload)) as Result<T>;
	if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
	return result.data;
}

/**
 * Initial JavaScript of the participant page: every script real Chromium loads for /j/<code> until
 * the network is idle, gzipped as a server would send it.
 */
async function participantPageJs(url: string, code: string) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	try {
		const page = await browser.newPage();
		const scripts: Promise<Buffer>[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() === 'script') scripts.push(response.body());
		});
		await page.goto(`${url}/j/${code}`, { waitUntil: 'networkidle' });
		const bodies = await Promise.all(scripts);
		const raw = bodies.reduce((n, b) => n + b.length, 0);
		const gzip = bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
		return { files: bodies.length, rawKiB: round(raw / 1024), gzipKiB: round(gzip / 1024) };
	} finally {
		await browser.close();
	}
}

async function main() {
	// Each stock y-websocket provider adds a process 'exit' listener; hundreds are expected here.
	process.setMaxListeners(0);
	const dataDir = mkdtempSync(path.join(tmpdir(), 'roundtable-bench-'));
	const { child, url, memory } = await startChild(dataDir);
	const sockets: AnySocket[] = [];
	const providers: WebsocketProvider[] = [];
	try {
		const facilitator = await connect(url);
		sockets.push(facilitator);
		const created = await ask<{ code: string; facilitatorKey: string }>(
			facilitator,
			'workshop:create',
			{
				title: 'Bench',
				language: 'en'
			}
		);
		await ask(facilitator, 'facilitator:open', { facilitatorKey: created.facilitatorKey });

		const js = await participantPageJs(url, created.code);
		const memoryBefore = await memory();

		// Participants join in batches, each with a socket.io session and a read-only Yjs connection.
		const docs: Y.Doc[] = [];
		const participantSockets: AnySocket[] = [];
		const identities = new Map<AnySocket, { participantId: string; participantKey: string }>();
		const tickets: { doc: string; ticket: string }[] = [];
		for (let i = 0; i < PARTICIPANTS; i += 50) {
			await Promise.all(
				Array.from({ length: Math.min(50, PARTICIPANTS - i) }, async (_, j) => {
					const socket = await connect(url);
					sockets.push(socket);
					const welcome = await ask<{
						workshopId: string;
						yjsTicket: string;
						participantId: string;
						participantKey: string;
					}>(socket, 'participant:join', {
						code: created.code,
						name: `Person ${i + j}`,
						role: 'other'
					});
					participantSockets.push(socket);
					identities.set(socket, {
						participantId: welcome.participantId,
						participantKey: welcome.participantKey
					});
					const doc = new Y.Doc();
					const provider = new WebsocketProvider(
						url.replace('http', 'ws') + '/yjs',
						docName(welcome.workshopId, 'meta'),
						doc,
						{ params: { t: welcome.yjsTicket }, disableBc: true }
					);
					provider.awareness.setLocalState(null);
					providers.push(provider);
					await new Promise<void>((resolve) =>
						provider.synced ? resolve() : provider.once('sync', () => resolve())
					);
					docs.push(doc);
					tickets.push({ doc: docName(welcome.workshopId, 'meta'), ticket: welcome.yjsTicket });
				})
			);
		}
		await new Promise((r) => setTimeout(r, 2000));
		const memoryAfter = await memory();

		// The stock providers must all converge on a change; then they leave, so that the timing below
		// measures the server, not 500 Y.Doc decodes queued in this one client process.
		await ask(facilitator, 'workshop:rename', { title: 'Converge' });
		await new Promise((r) => setTimeout(r, 1000));
		const titles = new Set(docs.map((d) => d.getMap('meta').get('title')));
		for (const p of providers.splice(0)) p.destroy();

		// Fan-out: a facilitator's change reaches every participant's connection. Arrival is taken when
		// the update frame reaches each socket (plain ws clients: the frame is what the server sends).
		const listeners = await Promise.all(
			tickets.map(
				(t) =>
					new Promise<WebSocket>((resolve, reject) => {
						const ws = new WebSocket(`${url.replace('http', 'ws')}/yjs/${t.doc}?t=${t.ticket}`);
						ws.binaryType = 'arraybuffer';
						ws.onopen = () => resolve(ws);
						ws.onerror = reject;
					})
			)
		);
		const latencies: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			const arrived = listeners.map(
				(ws) =>
					new Promise<number>((resolve) => {
						ws.onmessage = (e) => {
							const bytes = new Uint8Array(e.data as ArrayBuffer);
							// [0, 2, …] is a sync update; keepalives and handshakes are ignored.
							if (bytes[0] === 0 && bytes[1] === 2) resolve(performance.now());
						};
					})
			);
			// A facilitator's pace, and within the per-connection command rate limit.
			await new Promise((resolve) => setTimeout(resolve, 150));
			const sent = performance.now();
			await ask(facilitator, 'workshop:rename', { title: `Bench round ${r}` });
			for (const at of await Promise.all(arrived)) latencies.push(at - sent);
		}
		latencies.sort((a, b) => a - b);
		for (const ws of listeners) ws.close();

		// Hands: every participant raises a hand at a random moment within one second. Consistency is
		// the time from the last raise being accepted until sampled participants' own copies of the
		// queue document (stock providers) all hold every hand.
		const workshopId = tickets[0].doc.split('.')[0];
		const observers = participantSockets.slice(0, HAND_OBSERVERS).map((socket) => ({
			socket,
			doc: new Y.Doc()
		}));
		for (const o of observers) {
			const welcome = await ask<{ yjsTicket: string }>(o.socket, 'participant:resume', {
				code: created.code,
				...identities.get(o.socket)!
			});
			const provider = new WebsocketProvider(
				url.replace('http', 'ws') + '/yjs',
				docName(workshopId, 'queue'),
				o.doc,
				{ params: { t: welcome.yjsTicket }, disableBc: true }
			);
			provider.awareness.setLocalState(null);
			providers.push(provider);
		}
		const allHands = (doc: Y.Doc) =>
			((doc.getMap('queue').get('view') as { waiting?: unknown[] } | undefined)?.waiting?.length ??
				0) >= PARTICIPANTS;
		const consistent = observers.map(
			(o) =>
				new Promise<number>((resolve) => {
					const check = () => {
						if (!allHands(o.doc)) return;
						o.doc.off('update', check);
						resolve(performance.now());
					};
					o.doc.on('update', check);
				})
		);
		let lastAccepted = 0;
		await Promise.all(
			participantSockets.map(async (socket) => {
				await new Promise((r) => setTimeout(r, Math.random() * 1000));
				await ask(socket, 'queue:raise', { kind: 'new' });
				lastAccepted = Math.max(lastAccepted, performance.now());
			})
		);
		const handTimes = (await Promise.all(consistent)).map((at) => Math.max(0, at - lastAccepted));
		handTimes.sort((a, b) => a - b);

		const results = {
			date: new Date().toISOString(),
			machine: { cores: cpus().length, node: process.version },
			participants: PARTICIPANTS,
			fanOut: {
				what: 'facilitator command until the update frame reaches each participant connection (server in a child process)',
				providersConverged: titles.size === 1 && titles.has('Converge'),
				rounds: ROUNDS,
				samples: latencies.length,
				p50Ms: round(percentile(latencies, 50)),
				p99Ms: round(percentile(latencies, 99)),
				budget: { p50Ms: 8, p99Ms: 40 }
			},
			memory: {
				what: 'server heap + external memory after GC, per connected idle participant (socket.io session + one Yjs connection)',
				perParticipantKiB: round((memoryAfter - memoryBefore) / 1024 / PARTICIPANTS),
				budgetKiB: 20
			},
			participantPageJs: { ...js, budgetGzipKiB: 55 },
			hands: {
				what: `${PARTICIPANTS} hands raised at random moments within one second: from the last raise accepted until ${HAND_OBSERVERS} sampled participants' queue documents all hold every hand`,
				maxMs: round(handTimes.at(-1) ?? NaN),
				budgetMs: 250
			}
		};
		writeFileSync(
			path.join(ROOT, 'bench/results.json'),
			JSON.stringify(results, null, '\t') + '\n'
		);
		console.log(JSON.stringify(results, null, 2));
	} finally {
		for (const p of providers) p.destroy();
		for (const s of sockets) s.close();
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;
		rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
// Stock clients can leave timers behind; the run is over.
process.exit(0);
