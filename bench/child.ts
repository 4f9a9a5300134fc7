/**
 * The parent side of the bench's IPC channel: starts a server under test as a child process on the
 * project's Node 24 (with --expose-gc) and asks it, from inside, for memory, CPU and event-loop delay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LoopReply, MemoryReply, ProbeRequest } from './probe-ipc.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 30_000;
const ANSWER_TIMEOUT_MS = 30_000;

export interface ServerChild {
	url: string;
	memory(): Promise<MemoryReply>;
	cpu(): Promise<NodeJS.CpuUsage>;
	loopStart(): Promise<void>;
	loopStop(): Promise<LoopReply>;
	/** Any other question the child answers (bench/sink-host.ts). */
	request<T>(body: { type: string; [key: string]: unknown }): Promise<T>;
	kill(): Promise<void>;
}

type Reply = { type: 'listening'; port: number } | { type: 'reply'; id: number; data: unknown };

export async function startChild(
	script: string,
	env: Record<string, string> = {}
): Promise<ServerChild> {
	const child: ChildProcess = spawn(
		path.join(ROOT, 'node_modules/.bin/node'),
		// BENCH_CHILD_ARGS adds Node flags to every server under test, e.g. to profile one:
		// BENCH_CHILD_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench
		['--expose-gc', ...(process.env.BENCH_CHILD_ARGS?.split(' ').filter(Boolean) ?? []), script],
		{
			cwd: ROOT,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		}
	);
	const waiting = new Map<number, (data: unknown) => void>();
	let nextId = 1;
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${script} did not start`)), START_TIMEOUT_MS);
		child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
		child.on('message', (m: Reply) => {
			if (m.type === 'listening') {
				clearTimeout(timer);
				resolve(m.port);
			} else {
				waiting.get(m.id)?.(m.data);
				waiting.delete(m.id);
			}
		});
	});
	const request = <T>(body: { type: string; [key: string]: unknown }) =>
		new Promise<T>((resolve, reject) => {
			const id = nextId++;
			const timer = setTimeout(() => {
				waiting.delete(id);
				reject(new Error(`${script} did not answer ${body.type}`));
			}, ANSWER_TIMEOUT_MS);
			waiting.set(id, (data) => {
				clearTimeout(timer);
				resolve(data as T);
			});
			child.send({ ...body, id });
		});
	const ask = <T>(type: ProbeRequest['type']) => request<T>({ type });
	return {
		url: `http://127.0.0.1:${port}`,
		memory: () => ask<MemoryReply>('memory'),
		cpu: () => ask<NodeJS.CpuUsage>('cpu'),
		loopStart: () => ask<void>('loop-start'),
		loopStop: () => ask<LoopReply>('loop-stop'),
		request,
		async kill() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			// SIGTERM first: a child leaves by process.exit, so a --cpu-prof profile gets written.
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
	};
}
