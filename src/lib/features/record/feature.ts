/**
 * The record, for facilitators: one command that returns every file of it. A socket command rather
 * than an HTTP download: the facilitator's connection already proved the facilitator key when it
 * opened, so the key never travels again, and it can never end up in a URL, a proxy's access log
 * or the browser's history. The browser turns the reply into files to save.
 */
import { Empty } from '../../shared/atoms.ts';
import { command, defineFeature, emits, returns } from '../../shared/command.ts';
import type { RecordCsv } from './csv.ts';
import * as messages from './messages.ts';

export interface RecordFiles {
	/** A file name stem from the title and date, safe on every file system. */
	stem: string;
	json: string;
	html: string;
	csv: RecordCsv;
}

export const record = defineFeature({
	name: 'record',
	docs: [],
	errors: [],
	messages,
	commands: {
		'record:download': command({ input: Empty, output: returns<RecordFiles>() })
	},
	events: emits<Record<never, never>>()
});
