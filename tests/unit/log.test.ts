import { describe, it, expect } from 'vitest';
import { createLogger, type Logger } from '../../server/log.ts';
import { LOG_LEVELS, type LogLevel } from '../../server/config.ts';

function capture(level: LogLevel) {
	const lines: string[] = [];
	const log = createLogger(level, (line) => lines.push(line));
	return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const METHODS = ['error', 'warn', 'info', 'debug'] as const;

function logAll(log: Logger) {
	for (const m of METHODS) log[m](`event.${m}`);
}

describe('createLogger', () => {
	it.each([
		['silent', []],
		['error', ['error']],
		['warn', ['error', 'warn']],
		['info', ['error', 'warn', 'info']],
		['debug', ['error', 'warn', 'info', 'debug']]
	] as [LogLevel, string[]][])('at %s writes %j', (level, expected) => {
		const { log, parsed } = capture(level);
		logAll(log);
		expect(parsed().map((l) => l.level)).toEqual(expected);
		expect(parsed().map((l) => l.event)).toEqual(expected.map((m) => `event.${m}`));
	});

	it('covers every configurable level', () => {
		expect([...LOG_LEVELS]).toEqual(['silent', 'error', 'warn', 'info', 'debug']);
	});

	it('writes one JSON object per line, with time, level, event and fields', () => {
		const { log, lines } = capture('info');
		const before = Date.now();
		log.info('workshop.created', { workshop: 'abc', count: 3, ok: true, none: null });
		const after = Date.now();
		expect(lines).toHaveLength(1);
		expect(lines[0]).not.toContain('\n');
		const entry = JSON.parse(lines[0]);
		expect(entry).toMatchObject({
			level: 'info',
			event: 'workshop.created',
			workshop: 'abc',
			count: 3,
			ok: true,
			none: null
		});
		expect(typeof entry.time).toBe('string');
		const t = Date.parse(entry.time);
		expect(t).toBeGreaterThanOrEqual(before);
		expect(t).toBeLessThanOrEqual(after);
		expect(entry.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
	});

	it('writes just time, level and event when there are no fields', () => {
		const { log, parsed } = capture('debug');
		log.debug('tick');
		expect(Object.keys(parsed()[0]).sort()).toEqual(['event', 'level', 'time']);
	});

	it('drops undefined fields', () => {
		const { log, parsed } = capture('info');
		log.warn('x', { a: undefined, b: 1 });
		expect(parsed()[0]).not.toHaveProperty('a');
		expect(parsed()[0].b).toBe(1);
	});

	it('keeps hostile field values on one line, escaped', () => {
		const { log, lines, parsed } = capture('info');
		const reason = 'line one\nline two\u2028"quoted"</script>';
		log.error('command.failed', { reason });
		expect(lines).toHaveLength(1);
		expect(lines[0].split('\n')).toHaveLength(1);
		expect(parsed()[0].reason).toBe(reason);
	});

	it('a silent logger never calls write', () => {
		let calls = 0;
		const log = createLogger('silent', () => calls++);
		logAll(log);
		log.error('boom', { a: 1 });
		expect(calls).toBe(0);
	});

	it('writes lines in call order', () => {
		const { log, parsed } = capture('debug');
		log.info('a');
		log.error('b');
		log.debug('c');
		expect(parsed().map((l) => l.event)).toEqual(['a', 'b', 'c']);
	});
});

describe('fields cannot overwrite the envelope', () => {
	it('keeps level and event when a field has the same name', () => {
		const lines: string[] = [];
		createLogger('debug', (l) => lines.push(l)).info('real.event', {
			level: 'error',
			event: 'fake'
		});
		expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', event: 'real.event' });
	});
});
