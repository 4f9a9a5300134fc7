/**
 * The one rule for human text (titles, names, ideas, notes), shared so the browser can warn before
 * sending and the server can refuse with the same words. Every text field goes through `checkText`,
 * so the deceptive-character check (bidi overrides, invisible characters) holds everywhere.
 */
import type { CoreErrorCode } from './result.ts';

export { MAX_NAME, MAX_TITLE } from './limits.ts';

// C0 and C1 control characters, plus DEL. Tabs and newlines are refused too where text is one line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Multi-line text may keep line feeds (and CR, folded into LF); every other control stays refused.
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// Bidi controls, invisible and blank-looking characters let one name pose as another on screen, and
// a right-to-left override turns "gnp.exe" into "exe.png". Zero-width joiners (U+200C, U+200D) stay
// allowed: emoji sequences and Persian or Urdu names need them.
const DECEPTIVE =
	/[\u00ad\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\udb40[\udc00-\udc7f]/;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export type TextErrorCode = Extract<
	CoreErrorCode,
	'bad-input' | 'too-long' | 'empty' | 'control-characters'
>;
export type TextCheck = { ok: true; value: string } | { ok: false; code: TextErrorCode };

export interface TextRule {
	/** Most characters as people see them (grapheme clusters: 👍🏽 is one). */
	max: number;
	/** Keeps line breaks (at most one blank line in a row); otherwise all white space folds to one space. */
	multiline?: boolean;
	/** Empty text is allowed and comes back as ''. */
	optional?: boolean;
}

/** Normalises (NFC, trimmed, white space folded) and checks text against its rule. */
export function checkText(input: unknown, rule: TextRule): TextCheck {
	if (typeof input !== 'string') return { ok: false, code: 'bad-input' };
	// Refuse absurd input before normalising it, so a huge string costs nothing.
	if (input.length > rule.max * 4) return { ok: false, code: 'too-long' };
	const control = rule.multiline ? CONTROL_BUT_NEWLINE : CONTROL;
	if (control.test(input) || DECEPTIVE.test(input))
		return { ok: false, code: 'control-characters' };
	const nfc = input.normalize('NFC');
	const value = rule.multiline
		? nfc
				.replace(/\r\n?/g, '\n')
				.split('\n')
				.map((line) => line.trim().replace(/\s+/g, ' '))
				.join('\n')
				.replace(/\n{3,}/g, '\n\n')
				.trim()
		: nfc.trim().replace(/\s+/g, ' ');
	if (value.length === 0) return rule.optional ? { ok: true, value } : { ok: false, code: 'empty' };
	let count = 0;
	for (const _ of graphemes.segment(value))
		if (++count > rule.max) return { ok: false, code: 'too-long' };
	return { ok: true, value };
}

/** One line of text (titles, names). */
export function checkLine(input: unknown, max: number): TextCheck {
	return checkText(input, { max });
}

/** Text that may span lines (ideas, notes, outcomes). */
export function checkLines(input: unknown, max: number, opts: { optional?: boolean } = {}) {
	return checkText(input, { max, multiline: true, optional: opts.optional });
}

/** Plain-words messages for the text codes, for logs and non-browser clients. */
export const TEXT_MESSAGES: Record<TextErrorCode, string> = {
	empty: 'Please fill this in.',
	'too-long': 'That is too long.',
	'control-characters': 'That has characters we cannot use.',
	'bad-input': 'That is not text.'
};
