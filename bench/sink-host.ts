/**
 * A child process that holds y-websocket sinks (bench/yjs-sink.ts) for the bench, so that draining
 * hundreds of pages' connections never waits behind the bench process's own work. Answers over IPC.
 */
import { openSink, type Sink } from './yjs-sink.ts';

export type SinkRequest =
	| { id: number; type: 'open'; urls: string[] }
	| { id: number; type: 'report' }
	| { id: number; type: 'close' };

export interface SinkReport {
	/** Bytes each sink has received so far. */
	bytes: number[];
	/** When the last bytes reached any sink, in ms since the epoch; 0 if none yet. */
	lastAt: number;
}

const sinks: Sink[] = [];
const reply = (id: number, data: unknown) => process.send?.({ type: 'reply', id, data });

process.on('message', (m: SinkRequest) => {
	if (m.type === 'open') {
		void Promise.all(m.urls.map(openSink)).then(
			(opened) => {
				sinks.push(...opened);
				reply(m.id, opened.length);
			},
			(e: Error) => reply(m.id, { error: e.message })
		);
	} else if (m.type === 'report') {
		reply(m.id, {
			bytes: sinks.map((s) => s.bytes()),
			lastAt: Math.max(0, ...sinks.map((s) => s.lastAt()))
		} satisfies SinkReport);
	} else {
		for (const s of sinks.splice(0)) s.close();
		reply(m.id, null);
	}
});
process.send?.({ type: 'listening', port: 0 });
