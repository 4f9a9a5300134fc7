/**
 * A y-websocket connection that costs the bench almost nothing: a plain TCP socket that makes the
 * WebSocket upgrade itself, sends what a fresh stock provider sends on open (its sync step 1 with an
 * empty state vector, and the empty step 2 it would answer the server's step 1 with), then drains
 * every byte unread. The server cannot tell it from a stock provider and sends it the same bytes.
 * Used where hundreds of pages must be connected but only a sample is read: one bench process on
 * one core cannot parse, let alone decode, hundreds of copies that phones would each handle in
 * parallel, and would otherwise be what the figure measures. Run in their own process
 * (bench/sink-host.ts), so that they drain at the pace the server sends even while the bench
 * process is busy decoding the sampled copies.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const messageSync = 0;
const OPEN_TIMEOUT_MS = 60_000;

export interface Sink {
	/** Bytes received after the upgrade, unread. */
	readonly bytes: () => number;
	/** When the last bytes arrived, in ms since the epoch (comparable across processes). */
	readonly lastAt: () => number;
	close(): void;
}

/** One masked binary frame, as a client must send it (payloads here are far below 126 bytes). */
function clientFrame(payload: Uint8Array): Buffer {
	if (payload.length >= 126) throw new Error('sink frames are small');
	const mask = randomBytes(4);
	const frame = Buffer.alloc(6 + payload.length);
	frame[0] = 0x82;
	frame[1] = 0x80 | payload.length;
	mask.copy(frame, 2);
	for (let i = 0; i < payload.length; i++) frame[6 + i] = payload[i] ^ mask[i % 4];
	return frame;
}

function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, messageSync);
	write(e);
	return encoding.toUint8Array(e);
}

/** `url` is ws://127.0.0.1:<port>/<path>?<query>. */
export function openSink(url: string): Promise<Sink> {
	const { hostname, port, pathname, search } = new URL(url);
	const empty = new Y.Doc();
	const socket = connect({ host: hostname, port: Number(port) });
	socket.setNoDelay(true);
	let bytes = 0;
	let head = '';
	let upgraded = false;
	let lastAt = 0;
	return new Promise<Sink>((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`sink ${pathname}: no upgrade in ${OPEN_TIMEOUT_MS} ms`));
		}, OPEN_TIMEOUT_MS);
		socket.once('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		socket.once('connect', () => {
			socket.write(
				`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
					'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
					`Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
					'Sec-WebSocket-Version: 13\r\n\r\n'
			);
		});
		socket.on('data', (chunk: Buffer) => {
			if (upgraded) {
				bytes += chunk.length;
				lastAt = performance.timeOrigin + performance.now();
				return;
			}
			head += chunk.toString('latin1');
			const end = head.indexOf('\r\n\r\n');
			if (end < 0) return;
			if (!head.startsWith('HTTP/1.1 101')) {
				clearTimeout(timer);
				socket.destroy();
				return reject(new Error(`sink ${pathname}: ${head.split('\r\n')[0]}`));
			}
			bytes += Buffer.byteLength(head, 'latin1') - (end + 4);
			socket.write(clientFrame(syncMessage((e) => syncProtocol.writeSyncStep1(e, empty))));
			socket.write(
				clientFrame(
					syncMessage((e) => syncProtocol.writeSyncStep2(e, empty, Y.encodeStateVector(empty)))
				)
			);
			upgraded = true;
			clearTimeout(timer);
			resolve({ bytes: () => bytes, lastAt: () => lastAt, close: () => socket.destroy() });
		});
	});
}
