import { describe, it, expect } from 'vitest';
import path from 'node:path';
import {
	ConfigError,
	DEFAULT_LIMITS,
	DEFAULT_YJS_LIMITS,
	LIMIT_VARIABLES,
	LOG_LEVELS,
	loadConfig,
	YJS_LIMIT_VARIABLES
} from '../../server/config.ts';

const CWD = path.resolve('/srv/roundtable');

function configError(env: NodeJS.ProcessEnv): ConfigError {
	try {
		loadConfig(env, CWD);
	} catch (e) {
		expect(e).toBeInstanceOf(ConfigError);
		return e as ConfigError;
	}
	throw new Error(`expected loadConfig to throw for ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
	it('uses port 3000, all interfaces, <cwd>/data, info, no public origin', () => {
		expect(loadConfig({}, CWD)).toEqual({
			port: 3000,
			host: '0.0.0.0',
			dataDir: path.join(CWD, 'data'),
			publicOrigin: null,
			logLevel: 'info',
			databaseUrl: null,
			durability: 'process',
			retentionDays: 30,
			closeIdleDays: 7,
			workshopIdleMs: 10 * 60_000,
			yjs: DEFAULT_YJS_LIMITS,
			limits: DEFAULT_LIMITS,
			trustProxy: 0,
			cadenceMs: 5000,
			caps: { ideasPerPerson: 50, ideasPerBoard: 500, suggestionsPerPerson: 5 }
		});
	});

	it('reads WORKSHOP_IDLE_MINUTES, and refuses nonsense with a message naming it', () => {
		expect(loadConfig({ WORKSHOP_IDLE_MINUTES: '2.5' }, CWD).workshopIdleMs).toBe(150_000);
		for (const bad of ['0', '-1', 'soon', '1e9', '20000']) {
			expect(() => loadConfig({ WORKSHOP_IDLE_MINUTES: bad }, CWD)).toThrow(
				/WORKSHOP_IDLE_MINUTES/
			);
		}
	});

	it('treats empty variables as unset', () => {
		expect(
			loadConfig(
				{ PORT: '', HOST: '', DATA_DIR: '', PUBLIC_ORIGIN: '', LOG_LEVEL: '', DATABASE_URL: '' },
				CWD
			)
		).toEqual(loadConfig({}, CWD));
	});

	it('ignores unrelated variables', () => {
		expect(loadConfig({ PATH: '/usr/bin', NODE_ENV: 'production' }, CWD)).toEqual(
			loadConfig({}, CWD)
		);
	});
});

describe('PORT', () => {
	it.each([
		['0', 0],
		['1', 1],
		['8080', 8080],
		['65535', 65535],
		['03000', 3000]
	])('accepts %j', (raw, port) => {
		expect(loadConfig({ PORT: raw }, CWD).port).toBe(port);
	});

	it.each([
		'abc',
		'70000',
		'65536',
		'-1',
		'3000.5',
		'1e3',
		' 3000',
		'3000 ',
		'0x10',
		'३०००',
		'+80'
	])('refuses %j, naming PORT', (raw) => {
		const e = configError({ PORT: raw });
		expect(e.variable).toBe('PORT');
		expect(e.message).toContain('PORT');
		expect(e.message).toContain(raw);
		expect(e.name).toBe('ConfigError');
	});
});

describe('HOST', () => {
	it.each(['127.0.0.1', '::', 'localhost', 'roundtable.internal'])('accepts %j', (host) => {
		expect(loadConfig({ HOST: host }, CWD).host).toBe(host);
	});

	it.each(['local host', ' localhost', 'localhost\n', '\t', ' '])(
		'refuses %j, naming HOST',
		(host) => {
			const e = configError({ HOST: host });
			expect(e.variable).toBe('HOST');
			expect(e.message).toContain('HOST');
		}
	);
});

describe('DATA_DIR', () => {
	it('resolves a relative path against cwd', () => {
		expect(loadConfig({ DATA_DIR: 'store/db' }, CWD).dataDir).toBe(path.join(CWD, 'store', 'db'));
		expect(loadConfig({ DATA_DIR: './x' }, CWD).dataDir).toBe(path.join(CWD, 'x'));
		expect(loadConfig({ DATA_DIR: '../shared' }, CWD).dataDir).toBe(
			path.resolve(CWD, '..', 'shared')
		);
	});

	it('keeps an absolute path', () => {
		const abs = path.resolve('/var/lib/roundtable');
		expect(loadConfig({ DATA_DIR: abs }, CWD).dataDir).toBe(abs);
	});

	it('always gives an absolute path', () => {
		expect(path.isAbsolute(loadConfig({ DATA_DIR: 'x' }, CWD).dataDir)).toBe(true);
	});
});

describe('PUBLIC_ORIGIN', () => {
	it.each([
		['https://roundtable.example.org', 'https://roundtable.example.org'],
		['https://roundtable.example.org/', 'https://roundtable.example.org'],
		['http://localhost:5173', 'http://localhost:5173'],
		['HTTPS://Example.ORG', 'https://example.org'],
		['https://example.org:443', 'https://example.org']
	])('accepts %j as %j', (raw, origin) => {
		expect(loadConfig({ PUBLIC_ORIGIN: raw }, CWD).publicOrigin).toBe(origin);
	});

	it.each([
		'not a url',
		'roundtable.example.org',
		'https://example.org/app',
		'https://example.org/app/',
		'https://example.org?x=1',
		'ftp://example.org',
		'ws://example.org',
		'file:///etc/passwd',
		'javascript:alert(1)'
	])('refuses %j, naming PUBLIC_ORIGIN', (raw) => {
		const e = configError({ PUBLIC_ORIGIN: raw });
		expect(e.variable).toBe('PUBLIC_ORIGIN');
		expect(e.message).toContain('PUBLIC_ORIGIN');
		expect(e.message).toContain(raw);
	});
});

describe('LOG_LEVEL', () => {
	it.each(LOG_LEVELS.map((l) => [l]))('accepts %j', (level) => {
		expect(loadConfig({ LOG_LEVEL: level }, CWD).logLevel).toBe(level);
	});

	it('ignores case', () => {
		expect(loadConfig({ LOG_LEVEL: 'DEBUG' }, CWD).logLevel).toBe('debug');
		expect(loadConfig({ LOG_LEVEL: 'Warn' }, CWD).logLevel).toBe('warn');
	});

	it.each(['loud', 'verbose', 'trace', 'info ', '3'])('refuses %j, naming LOG_LEVEL', (raw) => {
		const e = configError({ LOG_LEVEL: raw });
		expect(e.variable).toBe('LOG_LEVEL');
		expect(e.message).toContain('LOG_LEVEL');
		expect(e.message).toContain(raw);
		for (const level of LOG_LEVELS) expect(e.message).toContain(level);
	});
});

describe('ConfigError', () => {
	it('is an Error whose message starts with the variable', () => {
		const e = new ConfigError('PORT', 'is wrong.');
		expect(e).toBeInstanceOf(Error);
		expect(e.message).toBe('PORT is wrong.');
		expect(e.variable).toBe('PORT');
	});
});

describe('PUBLIC_ORIGIN with more than an origin', () => {
	it.each(['https://rt.example.org/#x', 'https://user:pass@rt.example.org'])(
		'refuses %s',
		(raw) => {
			expect(() => loadConfig({ PUBLIC_ORIGIN: raw }, '/srv')).toThrow(/PUBLIC_ORIGIN/);
		}
	);
});

describe('DATABASE_URL', () => {
	it.each([
		'postgres://roundtable:secret@db.internal:5432/roundtable',
		'postgresql://roundtable@127.0.0.1/roundtable?sslmode=require',
		'postgresql:///roundtable?host=/var/run/postgresql',
		'POSTGRESQL://db.internal/roundtable'
	])('accepts %j exactly as given', (raw) => {
		expect(loadConfig({ DATABASE_URL: raw }, CWD).databaseUrl).toBe(raw);
	});

	it('leaves the other settings as they are', () => {
		const { databaseUrl, ...rest } = loadConfig({ DATABASE_URL: 'postgres://h/db' }, CWD);
		expect(databaseUrl).toBe('postgres://h/db');
		const { databaseUrl: none, ...defaults } = loadConfig({}, CWD);
		expect(none).toBeNull();
		expect(rest).toEqual(defaults);
	});

	it.each([
		'mysql://roundtable:hunter2@db/roundtable',
		'http://roundtable:hunter2@db/roundtable',
		'sqlite:///var/lib/roundtable.db',
		'roundtable:hunter2@db:5432/roundtable',
		'not a url hunter2',
		' postgres://roundtable:hunter2@db/roundtable',
		'postgres://roundtable:hunter2@db/roundtable ',
		'db.internal:5432'
	])('refuses %j, naming DATABASE_URL and never repeating the password', (raw) => {
		const e = configError({ DATABASE_URL: raw });
		expect(e.variable).toBe('DATABASE_URL');
		expect(e.message).toContain('DATABASE_URL');
		expect(e.message).toContain('postgresql://');
		expect(e.message).not.toContain('hunter2');
		expect(e.message).not.toContain(raw);
	});

	it('names the scheme it got, so the mistake is easy to see', () => {
		expect(configError({ DATABASE_URL: 'mysql://u:hunter2@db/x' }).message).toContain('"mysql:"');
	});
});

describe('DURABILITY', () => {
	it('is process by default, power on request, and refuses anything else by name', () => {
		expect(loadConfig({}, CWD).durability).toBe('process');
		expect(loadConfig({ DURABILITY: 'power' }, CWD).durability).toBe('power');
		expect(loadConfig({ DURABILITY: 'POWER' }, CWD).durability).toBe('power');
		for (const bad of ['full', 'fsync', '1']) {
			expect(configError({ DURABILITY: bad }).variable).toBe('DURABILITY');
		}
	});
});

describe('Yjs limits', () => {
	it('have the documented defaults', () => {
		expect(DEFAULT_YJS_LIMITS).toEqual({
			messagesPerSecond: 20,
			messageBurst: 100,
			sendBytesPerSecond: 1 << 20,
			sendBurstBytes: 4 << 20,
			maxBufferedBytes: 4 << 20,
			connectionsPerTicket: 16,
			upgradesPerTicketPerMinute: 30
		});
	});

	it.each(Object.entries(YJS_LIMIT_VARIABLES))('%s is set by %o', (key, { variable }) => {
		expect(loadConfig({ [variable]: '7' }, CWD).yjs).toEqual({ ...DEFAULT_YJS_LIMITS, [key]: 7 });
		expect(loadConfig({ [variable]: '' }, CWD).yjs).toEqual(DEFAULT_YJS_LIMITS);
	});

	it.each(['0', '-1', '1.5', 'lots', ' 5', '1e3'])('refuses %j, naming the variable', (raw) => {
		const e = configError({ YJS_MESSAGES_PER_SECOND: raw });
		expect(e.variable).toBe('YJS_MESSAGES_PER_SECOND');
		expect(e.message).toContain(`"${raw}"`);
	});
});

describe('limits per person and per address', () => {
	it('has the documented defaults: 500 people a workshop, 20 workshops an hour per address', () => {
		expect(DEFAULT_LIMITS.participantsPerWorkshop).toBe(500);
		expect(DEFAULT_LIMITS.workshopsPerAddressPerHour).toBe(20);
	});

	it('reads each from its variable, and refuses nonsense naming the variable', () => {
		for (const { variable } of Object.values(LIMIT_VARIABLES)) {
			expect(() => loadConfig({ [variable]: '0' }, CWD)).toThrow(new RegExp(variable));
			expect(() => loadConfig({ [variable]: 'lots' }, CWD)).toThrow(new RegExp(variable));
		}
		expect(
			loadConfig({ PARTICIPANTS_PER_WORKSHOP: '40' }, CWD).limits?.participantsPerWorkshop
		).toBe(40);
	});

	it('refuses a refusal limit at or below the free misses', () => {
		expect(
			configError({ JOIN_CODE_MISSES_FREE: '30', JOIN_CODE_MISSES_REFUSED: '30' }).variable
		).toBe('JOIN_CODE_MISSES_REFUSED');
	});

	it('trusts no proxy unless told how many there are', () => {
		expect(loadConfig({}, CWD).trustProxy).toBe(0);
		expect(loadConfig({ TRUST_PROXY: '2' }, CWD).trustProxy).toBe(2);
		expect(loadConfig({ TRUST_PROXY: 'true' }, CWD).trustProxy).toBe(1);
		expect(configError({ TRUST_PROXY: 'yes' }).variable).toBe('TRUST_PROXY');
		expect(configError({ TRUST_PROXY: '11' }).variable).toBe('TRUST_PROXY');
	});
});
