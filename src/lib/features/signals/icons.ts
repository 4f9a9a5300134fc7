/** Supporting pictures for each signal (R24): decorative, always beside the words, never instead. */
import type { Signal } from './model.ts';

export const SIGNAL_ICONS: Record<Signal, string> = {
	'slow-down': '🐢',
	'plain-words': '💬',
	'need-break': '☕',
	'cant-hear': '👂'
};
