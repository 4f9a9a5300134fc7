/**
 * A y-websocket connection that costs the bench almost nothing: it opens and handshakes as a fresh
 * stock provider does (its sync step 1 with an empty state vector, an empty step 2 in answer to the
 * server's step 1), then drops every frame unread. The server cannot tell it from a stock provider
 * and sends it the same bytes. Used where hundreds of pages must be connected but only a sample is
 * read, so that one bench process does not spend the run decoding what hundreds of phones would
 * each decode in parallel.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const messageSync = 0;
const OPEN_TIMEOUT_MS = 60_000;

export interface Sink {
	/** Bytes received so far, unread. */
	readonly bytes: () => number;
	close(): void;
}

export function openSink(url: string): Promise<Sink> {
	const empty = new Y.Doc();
	const ws = new WebSocket(url);
	ws.binaryType = 'arraybuffer';
	let bytes = 0;
	let handshaken = false;
	return new Promise<Sink>((resolve, reject) => {
		const timer = setTimeout(() => {
			ws.close();
			reject(new Error(`sink ${url}: no sync step 1 in ${OPEN_TIMEOUT_MS} ms`));
		}, OPEN_TIMEOUT_MS);
		ws.onerror = () => reject(new Error(`sink ${url}: connection failed`));
		ws.onopen = () => {
			const step1 = encoding.createEncoder();
			encoding.writeVarUint(step1, messageSync);
			syncProtocol.writeSyncStep1(step1, empty);
			ws.send(encoding.toUint8Array(step1));
		};
		ws.onmessage = (event) => {
			const data = new Uint8Array(event.data as ArrayBuffer);
			bytes += data.length;
			if (handshaken) return;
			const decoder = decoding.createDecoder(data);
			if (decoding.readVarUint(decoder) !== messageSync) return;
			if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return;
			const step2 = encoding.createEncoder();
			encoding.writeVarUint(step2, messageSync);
			syncProtocol.writeSyncStep2(step2, empty, decoding.readVarUint8Array(decoder));
			ws.send(encoding.toUint8Array(step2));
			handshaken = true;
			clearTimeout(timer);
			resolve({ bytes: () => bytes, close: () => ws.close() });
		};
	});
}
