/**
 * Every size and time limit of the product, in one place, so the schemas, the rules, the forms
 * and the README cannot disagree. The browser reads the same numbers to warn before sending.
 */

/** Raw text a schema lets through before the text rules look at it; the rules then apply the real limit. */
export const MAX_RAW_TEXT = 10_000;

// Workshops and people
export const MAX_TITLE = 120;
export const MAX_NAME = 120;

// Agenda
export const MAX_ITEM_TITLE = 200;
export const MAX_ITEM_NOTES = 2000;
export const MAX_OUTCOME = 2000;
export const MAX_ITEMS = 200;
export const MIN_TIMEBOX_MINUTES = 1;
export const MAX_TIMEBOX_MINUTES = 600;
export const EXTEND_MINUTES = 5;
/** Suggested agenda items waiting for a facilitator's decision, per workshop. */
export const MAX_WAITING_SUGGESTIONS = 50;
/**
 * Suggestions one person may have waiting at once (SUGGESTIONS_PER_PERSON), so that one person
 * cannot fill the box for everyone: ten people are needed to fill it.
 */
export const MAX_WAITING_SUGGESTIONS_PER_PERSON = 5;

// Speaking queue
export const DEFAULT_TURN_LENGTH_MS = 120_000;
/** The shortest agreed turn a facilitator can set (the form asks in minutes, so a minute). */
export const MIN_TURN_LENGTH_MS = 60_000;
/** Also the largest single extension: a bigger number is a typo or an attack, not a turn. */
export const MAX_TURN_LENGTH_MS = 3_600_000;
/** The smallest extension of a turn (the buttons add whole minutes). */
export const MIN_EXTEND_MS = 1_000;

// Idea board
export const MAX_IDEA = 500;
export const MAX_PROMPT = 200;
export const MAX_THEME = 80;
export const DEFAULT_BUDGET = 3;
export const MAX_BUDGET = 20;
/** Ideas one person may add to a board, on any number of devices and connections (IDEAS_PER_PERSON). */
export const MAX_IDEAS_PER_PERSON = 50;
/** Ideas one board may hold, published or waiting (IDEAS_PER_BOARD). */
export const MAX_IDEAS_PER_BOARD = 500;

/** "What this workshop can change": each of its two parts (fixed, open to change). */
export const MAX_SCOPE_TEXT = 1000;
/** Proposals one workshop may hold, decided or not: enough for a long day, bounded for memory. */
export const MAX_DECISIONS = 50;
