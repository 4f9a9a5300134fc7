/**
 * One websocket carrying all of a workshop's shared documents for the product's own pages (as
 * hocuspocus does). Every frame, both ways, is the document's name (a lib0 var-string) followed by
 * one y-websocket message for that document, or by one of the two channel messages below. The
 * per-document endpoint (`/yjs/<workshop>.<kind>`) stays as it is for stock y-websocket clients.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The path of the multiplexed endpoint: `/yjs/all?t=<ticket>` ("all" is no document's name). */
export const YJS_MUX_PATH = '/yjs/all';

/**
 * Server to client: the server ended this document's channel, with the close code and reason a
 * per-document socket would have been closed with (4400-4499 final, others: open it again later).
 * Client to server: the page no longer needs this document.
 */
export const MUX_CLOSE = 100;

/** A y-websocket message (or a channel message) framed for one document. */
export function muxFrame(prefix: Uint8Array, message: Uint8Array): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(prefix.length + message.length);
	out.set(prefix, 0);
	out.set(message, prefix.length);
	return out;
}

/** The frame prefix naming one document; computed once per channel. */
export function muxPrefix(name: string): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarString(enc, name);
	return encoding.toUint8Array(enc);
}

/** Splits a frame into its document's name and the message for it; null when malformed. */
export function muxParse(frame: Uint8Array): { name: string; message: Uint8Array } | null {
	try {
		const dec = decoding.createDecoder(frame);
		const name = decoding.readVarString(dec);
		return { name, message: frame.subarray(dec.pos) };
	} catch {
		return null;
	}
}

export function muxCloseMessage(code: number, reason: string): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MUX_CLOSE);
	encoding.writeVarUint(enc, code);
	encoding.writeVarString(enc, reason);
	return encoding.toUint8Array(enc);
}

/** The code and reason of a close message, or null when `message` is not one. */
export function muxReadClose(message: Uint8Array): { code: number; reason: string } | null {
	try {
		const dec = decoding.createDecoder(message);
		if (decoding.readVarUint(dec) !== MUX_CLOSE) return null;
		if (!decoding.hasContent(dec)) return { code: 0, reason: '' };
		return { code: decoding.readVarUint(dec), reason: decoding.readVarString(dec) };
	} catch {
		return null;
	}
}

/** Client to server: stop sending this document. */
export const MUX_LEAVE_MESSAGE: Uint8Array = (() => {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, MUX_CLOSE);
	return encoding.toUint8Array(enc);
})();
