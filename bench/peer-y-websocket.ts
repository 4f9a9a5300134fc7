/**
 * Peer 1 for the benchmark: the stock y-websocket server, as a child process on 127.0.0.1, port 0.
 *
 * Why a mirror and not the package: `@y/websocket-server` 0.1.1 (the version STACK.md names; 0.1.5
 * wants a yjs 14 pre-release) imports `y-leveldb` statically, which pulls `level` and `leveldown`, a
 * native addon whose install script runs node-gyp-build. npm 11's `allowScripts: false` is still
 * advisory (the script runs anyway), and the user npmrc points node-gyp at Node 20 headers, so the
 * only way to be sure nothing native is built or loaded is not to install it. What follows is that
 * package's `src/utils.js` + `src/server.js` line for line on the default path (no YPERSISTENCE, no
 * CALLBACK_URL, gc on), on the same y-protocols, lib0 and ws as Roundtable: one WSSharedDoc per name,
 * each update encoded once and sent to every connection, sync step 1 and awareness on connect, a
 * ws-level ping every 30 s. It has no auth, no read-only and no persistence, which is the point of
 * the comparison.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer, type WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { serveProbe } from './probe-ipc.ts';

const messageSync = 0;
const messageAwareness = 1;
const pingTimeout = 30_000;

class WSSharedDoc extends Y.Doc {
	readonly name: string;
	/** Connection → awareness client ids it controls, as in the package. */
	readonly conns = new Map<WebSocket, Set<number>>();
	readonly awareness: awarenessProtocol.Awareness;

	constructor(name: string) {
		super({ gc: true });
		this.name = name;
		this.awareness = new awarenessProtocol.Awareness(this);
		this.awareness.setLocalState(null);
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				conn: WebSocket | null
			) => {
				const changed = added.concat(updated, removed);
				const ids = conn ? this.conns.get(conn) : undefined;
				if (ids) {
					for (const id of added) ids.add(id);
					for (const id of removed) ids.delete(id);
				}
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, messageAwareness);
				encoding.writeVarUint8Array(
					encoder,
					awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
				);
				const buff = encoding.toUint8Array(encoder);
				for (const c of this.conns.keys()) send(this, c, buff);
			}
		);
		this.on('update', (update: Uint8Array) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeUpdate(encoder, update);
			const message = encoding.toUint8Array(encoder);
			for (const c of this.conns.keys()) send(this, c, message);
		});
	}
}

const docs = new Map<string, WSSharedDoc>();

function getYDoc(name: string): WSSharedDoc {
	let doc = docs.get(name);
	if (!doc) docs.set(name, (doc = new WSSharedDoc(name)));
	return doc;
}

function messageListener(conn: WebSocket, doc: WSSharedDoc, message: Uint8Array) {
	try {
		const encoder = encoding.createEncoder();
		const decoder = decoding.createDecoder(message);
		switch (decoding.readVarUint(decoder)) {
			case messageSync:
				encoding.writeVarUint(encoder, messageSync);
				syncProtocol.readSyncMessage(decoder, encoder, doc, conn);
				if (encoding.length(encoder) > 1) send(doc, conn, encoding.toUint8Array(encoder));
				break;
			case messageAwareness:
				awarenessProtocol.applyAwarenessUpdate(
					doc.awareness,
					decoding.readVarUint8Array(decoder),
					conn
				);
				break;
		}
	} catch (err) {
		console.error(err);
	}
}

function closeConn(doc: WSSharedDoc, conn: WebSocket) {
	const ids = doc.conns.get(conn);
	if (ids) {
		doc.conns.delete(conn);
		awarenessProtocol.removeAwarenessStates(doc.awareness, Array.from(ids), null);
	}
	conn.close();
}

function send(doc: WSSharedDoc, conn: WebSocket, m: Uint8Array) {
	if (conn.readyState !== conn.CONNECTING && conn.readyState !== conn.OPEN) closeConn(doc, conn);
	try {
		conn.send(m, {}, (err) => err && closeConn(doc, conn));
	} catch {
		closeConn(doc, conn);
	}
}

function setupWSConnection(conn: WebSocket, docName: string) {
	conn.binaryType = 'arraybuffer';
	const doc = getYDoc(docName);
	doc.conns.set(conn, new Set());
	conn.on('message', (message: ArrayBuffer) => messageListener(conn, doc, new Uint8Array(message)));
	let pongReceived = true;
	const pingInterval = setInterval(() => {
		if (!pongReceived) {
			if (doc.conns.has(conn)) closeConn(doc, conn);
			clearInterval(pingInterval);
		} else if (doc.conns.has(conn)) {
			pongReceived = false;
			try {
				conn.ping();
			} catch {
				closeConn(doc, conn);
				clearInterval(pingInterval);
			}
		}
	}, pingTimeout);
	conn.on('close', () => {
		closeConn(doc, conn);
		clearInterval(pingInterval);
	});
	conn.on('pong', () => (pongReceived = true));
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageSync);
	syncProtocol.writeSyncStep1(encoder, doc);
	send(doc, conn, encoding.toUint8Array(encoder));
	const states = doc.awareness.getStates();
	if (states.size > 0) {
		const aw = encoding.createEncoder();
		encoding.writeVarUint(aw, messageAwareness);
		encoding.writeVarUint8Array(
			aw,
			awarenessProtocol.encodeAwarenessUpdate(doc.awareness, Array.from(states.keys()))
		);
		send(doc, conn, encoding.toUint8Array(aw));
	}
}

const wss = new WebSocketServer({ noServer: true });
const http = createServer((_req, res) => {
	res.writeHead(200, { 'Content-Type': 'text/plain' });
	res.end('okay');
});
http.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) =>
		setupWSConnection(ws, (req.url ?? '').slice(1).split('?')[0])
	);
});
http.listen(0, '127.0.0.1', () => serveProbe((http.address() as AddressInfo).port));
