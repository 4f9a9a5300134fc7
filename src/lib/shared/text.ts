/**
 * Rules for short human text (titles, names). Shared so the browser can warn before sending and the
 * server can refuse with the same words.
 */
import type { ErrorCode } from './result.ts';

export const MAX_TITLE = 120;
export const MAX_NAME = 120;

// C0 and C1 control characters, plus DEL. Tabs and newlines are refused too: titles and names are one line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Bidi controls, invisible and blank-looking characters let one name pose as another on screen.
// Zero-width joiners (U+200C, U+200D) stay allowed: emoji sequences and Persian or Urdu names need them.
const DECEPTIVE =
	/[\u00ad\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\udb40[\udc00-\udc7f]/;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export type TextCheck = { ok: true; value: string } | { ok: false; code: ErrorCode };

/** Trims, normalises (NFC) and checks one line of text against a length limit. */
export function checkLine(input: unknown, max: number): TextCheck {
	if (typeof input !== 'string') return { ok: false, code: 'bad-input' };
	// Refuse absurd input before normalising it, so a huge string costs nothing.
	if (input.length > max * 4) return { ok: false, code: 'too-long' };
	if (CONTROL.test(input) || DECEPTIVE.test(input))
		return { ok: false, code: 'control-characters' };
	const value = input.normalize('NFC').trim().replace(/\s+/g, ' ');
	if (value.length === 0) return { ok: false, code: 'empty' };
	// Count characters as people see them (grapheme clusters: 👍🏽 is one), not UTF-16 units.
	let count = 0;
	for (const _ of graphemes.segment(value))
		if (++count > max) return { ok: false, code: 'too-long' };
	return { ok: true, value };
}

// Multi-line text may keep line feeds (and CR, folded into LF); every other control stays refused.
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Like `checkLine`, for text that may span lines (ideas): line breaks kept, at most one blank line. */
export function checkText(input: unknown, max: number): TextCheck {
	if (typeof input !== 'string') return { ok: false, code: 'bad-input' };
	if (input.length > max * 4) return { ok: false, code: 'too-long' };
	if (CONTROL_BUT_NEWLINE.test(input) || DECEPTIVE.test(input))
		return { ok: false, code: 'control-characters' };
	const value = input
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.trim().replace(/\s+/g, ' '))
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
	if (value.length === 0) return { ok: false, code: 'empty' };
	let count = 0;
	for (const _ of graphemes.segment(value))
		if (++count > max) return { ok: false, code: 'too-long' };
	return { ok: true, value };
}
