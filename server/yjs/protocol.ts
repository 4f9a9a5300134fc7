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

/*
 * Close codes follow y-websocket's convention (its default `shouldReconnect`): 4400-4499 say the
 * server decided and reconnecting cannot help, so the stock client stops for good; every other code,
 * including 4500-4599 ("try again later"), makes it reconnect after a growing delay.
 */
/** Final: the update was refused on its merits, so reconnecting would only send it again. */
export const CLOSE_NOT_ALLOWED = 4403;
/**
 * Retry: the update builds on changes the server does not have. A stock client's full resync after
 * reconnecting carries them, so one retry can succeed; repeats on the same ticket become final.
 */
export const CLOSE_RESYNC = 4500;
/** Retry: too many messages, too much data asked for, or not reading what the server sends. */
export const CLOSE_SLOW_DOWN = 4503;
/** Standard codes for frames that are not the protocol at all; stock clients never send them. */
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_INVALID = 1007;
export const CLOSE_INTERNAL = 1011;
export const CLOSE_GOING_AWAY = 1001;

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
