/**
 * Schema atoms every feature's commands are built from, defined once so that limits and shapes
 * cannot drift between features. Text fields are only bounded here; the text rules in `text.ts`
 * give the precise reason (empty, too long, characters we cannot use) in the handler.
 */
import * as v from 'valibot';
import { MAX_RAW_TEXT } from './limits.ts';

/** Random ids and keys: base64url, bounded so a huge string is refused cheaply. */
export const MAX_ID_LENGTH = 64;
export const ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{16,${MAX_ID_LENGTH}}$`);
export const Id = v.pipe(v.string(), v.regex(ID_PATTERN));

/**
 * Agenda item ids may be shorter: browsers make them for items added directly in the document
 * (offline, under open editing), and older documents hold 8-character ones.
 */
export const ITEM_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{8,${MAX_ID_LENGTH}}$`);
export const ItemId = v.pipe(v.string(), v.regex(ITEM_ID_PATTERN));

/** Any text a person typed, before the text rules check it. */
export const Text = v.pipe(v.string(), v.maxLength(MAX_RAW_TEXT));

/**
 * A strict object that is never an array. valibot's object schemas accept an array whose keys fit,
 * so `[]` would pass any schema whose fields are all optional.
 */
export function object<const E extends v.ObjectEntries>(entries: E) {
	const schema = v.strictObject(entries);
	return v.pipe(
		v.custom<v.InferInput<typeof schema>>((input) => !Array.isArray(input), 'expected an object'),
		schema
	);
}

/** A payload with nothing in it: exactly `{}`. */
export const Empty = object({});

export const Direction = v.picklist(['up', 'down']);
