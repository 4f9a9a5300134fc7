/**
 * The y-websocket wire protocol, as far as the server needs it: message types, and the few messages
 * the server builds itself. Each message is a varint type followed by its body.
 */
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** One document update, framed once and sent as-is to every receiver. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_SYNC);
	encoding.writeVarUint(enc, SYNC_UPDATE);
	encoding.writeVarUint8Array(enc, update);
	return encoding.toUint8Array(enc);
}

/**
 * An awareness update that lists no clients. Presence goes over socket.io, not Yjs awareness, but the
 * stock client drops a connection that hears nothing for 30 s; this no-op message keeps it alive.
 */
export const KEEPALIVE_MESSAGE: Uint8Array = (() => {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(enc, new Uint8Array([0]));
	return encoding.toUint8Array(enc);
})();
