/**
 * The child side of the bench's IPC channel, shared by every server under test (Roundtable and the
 * two peers), so that all three are measured from inside in exactly the same way: memory after a
 * full collection, CPU time, and event-loop delay over a window the parent opens and closes.
 * Run the child with --expose-gc.
 */
import { monitorEventLoopDelay, type ELDHistogram } from 'node:perf_hooks';

export type ProbeRequest = { id: number; type: 'memory' | 'cpu' | 'loop-start' | 'loop-stop' };

export interface MemoryReply {
	rss: number;
	heapUsed: number;
	external: number;
}

export interface LoopReply {
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
}

/** Announces the port, then answers the parent's questions until it is killed. */
export function serveProbe(port: number): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	let histogram: ELDHistogram | null = null;
	const reply = (id: number, data: unknown) => process.send?.({ type: 'reply', id, data });
	process.on('message', (message: ProbeRequest) => {
		switch (message.type) {
			case 'memory': {
				if (!gc) throw new Error('The server child needs --expose-gc.');
				// Two passes: the first can leave objects that only become unreachable after finalizers.
				gc();
				gc();
				const { rss, heapUsed, external } = process.memoryUsage();
				reply(message.id, { rss, heapUsed, external } satisfies MemoryReply);
				break;
			}
			case 'cpu':
				reply(message.id, process.cpuUsage());
				break;
			case 'loop-start':
				histogram?.disable();
				histogram = monitorEventLoopDelay({ resolution: 1 });
				histogram.enable();
				reply(message.id, null);
				break;
			case 'loop-stop': {
				const h = histogram;
				h?.disable();
				histogram = null;
				const ms = (ns: number) => ns / 1e6;
				reply(message.id, {
					p50Ms: h ? ms(h.percentile(50)) : NaN,
					p99Ms: h ? ms(h.percentile(99)) : NaN,
					maxMs: h ? ms(h.max) : NaN
				} satisfies LoopReply);
				break;
			}
		}
	});
	process.send?.({ type: 'listening', port });
}
