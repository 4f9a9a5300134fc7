/**
 * Peer 2 for the benchmark: the floor for "a command reaches everyone". A bare socket.io server (same
 * socket.io version and options Roundtable uses) that relays each small message from one client to
 * every other connected client, with no validation, storage or documents. Child process on
 * 127.0.0.1, port 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveProbe } from './probe-ipc.ts';

const http = createServer();
const io = new Server(http, { path: '/socket.io', serveClient: false });
io.on('connection', (socket) => {
	socket.on('relay', (message: unknown) => socket.broadcast.emit('relay', message));
});
http.listen(0, '127.0.0.1', () => serveProbe((http.address() as AddressInfo).port));
