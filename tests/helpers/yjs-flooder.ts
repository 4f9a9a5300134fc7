/**
 * A hostile Yjs client, run in its own process so that its work does not share the server's event
 * loop. It speaks WebSocket over a raw TCP socket, as a determined attacker would, so that sending
 * costs it almost nothing: it opens a read-only connection and sends sync step 1 with an empty state
 * vector (asking for the whole document) as fast as the socket takes them, and when it is closed it
 * connects again at once. With `read: false` it never reads what the server sends. It stops at its
 * deadline (loopback only) and prints what happened as one JSON line.
 *
 * Usage: node tests/helpers/yjs-flooder.ts '{"port":1234,"path":"/yjs/DOC?t=TICKET","ms":10000,"read":true}'
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

interface Options {
	port: number;
	path: string;
	ms: number;
	read: boolean;
}

const { port, path, ms, read } = JSON.parse(process.argv[2]) as Options;

/**
 * One masked binary frame (FIN, opcode 2; mask bit, length 4; a zero mask key) carrying
 * [sync, step 1, a state vector of 1 byte: no clients].
 */
const FRAME = Buffer.from([0x82, 0x84, 0, 0, 0, 0, 0, 0, 1, 0]);
const BATCH = Buffer.concat(new Array(10_000).fill(FRAME));
/** A refused upgrade costs the server only a header parse; hammering those is another test's job. */
const AFTER_REFUSAL_MS = 100;
const MAX_ATTEMPTS = 10_000;

const deadline = Date.now() + ms;
const stats = {
	attempts: 0,
	opened: 0,
	refused: 0,
	framesSent: 0,
	bytesReceived: 0,
	closeCodes: {} as Record<string, number>,
	refusalStatus: {} as Record<string, number>
};

/** Follows the server's frames (unmasked) just far enough to find the close code, if one comes. */
class CloseCodeReader {
	code: number | null = null;
	#pending = Buffer.alloc(0);
	#skip = 0;

	feed(data: Buffer) {
		if (this.code !== null) return;
		if (this.#skip >= data.length) {
			this.#skip -= data.length;
			return;
		}
		this.#pending = Buffer.concat([this.#pending, data.subarray(this.#skip)]);
		this.#skip = 0;
		while (this.#pending.length >= 2) {
			const opcode = this.#pending[0] & 0x0f;
			let length = this.#pending[1] & 0x7f;
			let header = 2;
			if (length === 126) {
				if (this.#pending.length < 4) return;
				length = this.#pending.readUInt16BE(2);
				header = 4;
			} else if (length === 127) {
				if (this.#pending.length < 10) return;
				length = Number(this.#pending.readBigUInt64BE(2));
				header = 10;
			}
			if (opcode === 8) {
				if (this.#pending.length >= header + 2) this.code = this.#pending.readUInt16BE(header);
				return;
			}
			const total = header + length;
			if (this.#pending.length < total) {
				this.#skip = total - this.#pending.length;
				this.#pending = Buffer.alloc(0);
				return;
			}
			this.#pending = this.#pending.subarray(total);
		}
	}
}

function once(): Promise<boolean> {
	stats.attempts++;
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let opened = false;
		let head = Buffer.alloc(0);
		const reader = new CloseCodeReader();
		const pump = () => {
			while (!socket.destroyed && Date.now() < deadline && socket.writableLength < 1 << 20) {
				socket.write(BATCH);
				stats.framesSent += 10_000;
			}
			if (Date.now() >= deadline) socket.destroy();
		};
		socket.on('connect', () => {
			socket.write(
				`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
					`Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n` +
					`Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`
			);
		});
		socket.on('data', (data: Buffer) => {
			if (opened) {
				stats.bytesReceived += data.length;
				return reader.feed(data);
			}
			head = Buffer.concat([head, data]);
			const end = head.indexOf('\r\n\r\n');
			if (end < 0) return;
			const status = head.subarray(0, end).toString('latin1').split(' ')[1];
			if (status !== '101') {
				stats.refused++;
				stats.refusalStatus[status] = (stats.refusalStatus[status] ?? 0) + 1;
				return socket.destroy();
			}
			opened = true;
			stats.opened++;
			reader.feed(head.subarray(end + 4));
			if (!read) socket.pause();
			socket.on('drain', pump);
			pump();
		});
		socket.on('error', () => {});
		socket.on('close', () => {
			if (opened) {
				const key = String(reader.code ?? 'none');
				stats.closeCodes[key] = (stats.closeCodes[key] ?? 0) + 1;
			}
			resolve(opened);
		});
	});
}

while (Date.now() < deadline && stats.attempts < MAX_ATTEMPTS) {
	const opened = await once();
	if (!opened) await new Promise((r) => setTimeout(r, AFTER_REFUSAL_MS));
}
process.stdout.write(JSON.stringify(stats) + '\n');
