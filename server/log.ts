/**
 * A small structured logger: one JSON line per event. Callers pass fields, never request URLs or
 * payloads, so secrets, names and idea text stay out of the logs by construction.
 */
import type { LogLevel } from './config.ts';

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
	error(event: string, fields?: LogFields): void;
	warn(event: string, fields?: LogFields): void;
	info(event: string, fields?: LogFields): void;
	debug(event: string, fields?: LogFields): void;
}

export function createLogger(
	level: LogLevel,
	write: (line: string) => void = (line) => process.stdout.write(line + '\n')
): Logger {
	const emit = (at: Exclude<LogLevel, 'silent'>, event: string, fields?: LogFields) => {
		if (RANK[at] > RANK[level]) return;
		// Fields first, so no field can overwrite the time, level or event.
		write(JSON.stringify({ ...fields, time: new Date().toISOString(), level: at, event }));
	};
	return {
		error: (e, f) => emit('error', e, f),
		warn: (e, f) => emit('warn', e, f),
		info: (e, f) => emit('info', e, f),
		debug: (e, f) => emit('debug', e, f)
	};
}
