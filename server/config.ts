/**
 * Configuration comes from the environment and is checked once at start, so a mistake stops the
 * server with a message that names the variable instead of failing later in an odd place.
 */
import path from 'node:path';
import type { LeaseSettings } from './cluster/lease.ts';
import {
	MAX_IDEAS_PER_BOARD,
	MAX_IDEAS_PER_PERSON,
	MAX_WAITING_SUGGESTIONS_PER_PERSON
} from '../src/lib/shared/limits.ts';

/** How often waiting anonymous items go out (server/cadence.ts), unless BATCH_SECONDS says otherwise. */
export const DEFAULT_CADENCE_MS = 5000;

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	publicOrigin: string | null;
	logLevel: LogLevel;
	/** A workshop nobody has been connected to for this long is dropped from memory (kept in storage). */
	workshopIdleMs: number;
	/** PostgreSQL connection URL; null means the embedded SQLite file under `dataDir`. */
	databaseUrl: string | null;
	/**
	 * What an acknowledged write survives with SQLite: 'process' (a crash or kill of the server;
	 * WAL with synchronous=NORMAL, no fsync per commit) or 'power' (also power loss; an fsync per
	 * commit). PostgreSQL follows its own settings.
	 */
	durability: Durability;
	/** Limits on each Yjs connection and ticket, so one client cannot stall the others. */
	yjs: YjsLimits;
	/**
	 * Several nodes on one PostgreSQL: the per-workshop lease's timing (server/cluster/lease.ts).
	 * Absent or null on a single node. Not read from the environment yet: the relay between nodes
	 * (forwarding commands and document connections to a workshop's owner) is still to come.
	 */
	cluster?: LeaseSettings | null;
	/** Limits per connection, per person and per address on commands, joining and tickets. */
	limits?: Limits;
	/**
	 * How many reverse proxies stand in front of the server (TRUST_PROXY, default 0). With 0 the
	 * address of a client is the one its connection comes from and X-Forwarded-For is ignored, since
	 * anyone can send that header; with N, the Nth address from the right of X-Forwarded-For is used.
	 */
	trustProxy?: number;
	/** A closed workshop is deleted this many days after it closed (RETENTION_DAYS, default 30). */
	retentionDays?: number;
	/** An open workshop nobody has used for this many days is closed (CLOSE_IDLE_DAYS, default 7). */
	closeIdleDays?: number;
	/**
	 * How often anonymous things (live ideas, edits to ideas, agenda suggestions) go out together
	 * (BATCH_SECONDS, default 5 s; see server/cadence.ts).
	 */
	cadenceMs?: number;
	/** Caps per person and per board (defaults in src/lib/shared/limits.ts). */
	caps?: Partial<Caps>;
}

export interface Caps {
	ideasPerPerson: number;
	ideasPerBoard: number;
	suggestionsPerPerson: number;
}

/** Each cap with the variable that sets it and its default. */
export const CAP_VARIABLES: Record<keyof Caps, { variable: string; default: number }> = {
	ideasPerPerson: { variable: 'IDEAS_PER_PERSON', default: MAX_IDEAS_PER_PERSON },
	ideasPerBoard: { variable: 'IDEAS_PER_BOARD', default: MAX_IDEAS_PER_BOARD },
	suggestionsPerPerson: {
		variable: 'SUGGESTIONS_PER_PERSON',
		default: MAX_WAITING_SUGGESTIONS_PER_PERSON
	}
};

export interface YjsLimits {
	/** Messages a connection may send per second, sustained; more closes it with "slow down". */
	messagesPerSecond: number;
	/** Messages a connection may send in a burst on top of that rate (its first sync needs a few). */
	messageBurst: number;
	/** Bytes of sync replies the server sends one connection per second, sustained. */
	sendBytesPerSecond: number;
	/** Bytes of sync replies one connection may have in a burst (one reply is always allowed). */
	sendBurstBytes: number;
	/** Bytes queued for a connection that is not reading, past which it is closed. */
	maxBufferedBytes: number;
	/** Connections open at once on one ticket (a page opens one per document). */
	connectionsPerTicket: number;
	/** New connections per minute on one ticket; more are refused with HTTP 429. */
	upgradesPerTicketPerMinute: number;
}

/** Each Yjs limit with the variable that sets it and its default. */
export const YJS_LIMIT_VARIABLES: Record<keyof YjsLimits, { variable: string; default: number }> = {
	messagesPerSecond: { variable: 'YJS_MESSAGES_PER_SECOND', default: 20 },
	messageBurst: { variable: 'YJS_MESSAGE_BURST', default: 100 },
	sendBytesPerSecond: { variable: 'YJS_SEND_BYTES_PER_SECOND', default: 1 << 20 },
	sendBurstBytes: { variable: 'YJS_SEND_BURST_BYTES', default: 4 << 20 },
	maxBufferedBytes: { variable: 'YJS_MAX_BUFFERED_BYTES', default: 4 << 20 },
	connectionsPerTicket: { variable: 'YJS_CONNECTIONS_PER_TICKET', default: 16 },
	upgradesPerTicketPerMinute: { variable: 'YJS_UPGRADES_PER_TICKET_PER_MINUTE', default: 30 }
};

export const DEFAULT_YJS_LIMITS: YjsLimits = Object.fromEntries(
	Object.entries(YJS_LIMIT_VARIABLES).map(([key, v]) => [key, v.default])
) as unknown as YjsLimits;

/**
 * Limits per connection, per person and per address. A person is one participant of one workshop,
 * whichever of their connections a command comes on; an address is the client's IP address (an
 * IPv6 address counts by its /64, which one household or phone usually holds).
 */
export interface Limits {
	/** Commands one connection may send in a burst, and per second sustained. */
	connectionCommandBurst: number;
	connectionCommandsPerSecond: number;
	/** Commands one participant may send in a burst and per second, across all their connections. */
	personCommandBurst: number;
	personCommandsPerSecond: number;
	/** Workshops one address may create in an hour. */
	workshopsPerAddressPerHour: number;
	/** People who may join one workshop (people added by a facilitator without a device count too). */
	participantsPerWorkshop: number;
	/** Room screens one address may open in an hour (the same connection reuses its live ticket). */
	roomScreensPerAddressPerHour: number;
	/** Wrong join codes an address may try before it is slowed down (people mistype). */
	codeMissesFree: number;
	/** The first delay after the free misses, in milliseconds; each further miss doubles it. */
	codeMissDelayMs: number;
	/** The longest delay, in milliseconds. */
	codeMissMaxDelayMs: number;
	/** Wrong join codes within the hour after which an address is refused until they age out. */
	codeMissesRefused: number;
}

/** Each limit with the variable that sets it and its default. */
export const LIMIT_VARIABLES: Record<keyof Limits, { variable: string; default: number }> = {
	connectionCommandBurst: { variable: 'COMMAND_BURST', default: 30 },
	connectionCommandsPerSecond: { variable: 'COMMANDS_PER_SECOND', default: 10 },
	personCommandBurst: { variable: 'PERSON_COMMAND_BURST', default: 40 },
	personCommandsPerSecond: { variable: 'PERSON_COMMANDS_PER_SECOND', default: 10 },
	workshopsPerAddressPerHour: { variable: 'WORKSHOPS_PER_ADDRESS_PER_HOUR', default: 20 },
	participantsPerWorkshop: { variable: 'PARTICIPANTS_PER_WORKSHOP', default: 500 },
	roomScreensPerAddressPerHour: { variable: 'ROOM_SCREENS_PER_ADDRESS_PER_HOUR', default: 60 },
	codeMissesFree: { variable: 'JOIN_CODE_MISSES_FREE', default: 10 },
	codeMissDelayMs: { variable: 'JOIN_CODE_MISS_DELAY_MS', default: 250 },
	codeMissMaxDelayMs: { variable: 'JOIN_CODE_MISS_MAX_DELAY_MS', default: 8000 },
	codeMissesRefused: { variable: 'JOIN_CODE_MISSES_REFUSED', default: 60 }
};

export const DEFAULT_LIMITS: Limits = Object.fromEntries(
	Object.entries(LIMIT_VARIABLES).map(([key, v]) => [key, v.default])
) as unknown as Limits;

export const DURABILITIES = ['process', 'power'] as const;
export type Durability = (typeof DURABILITIES)[number];

export class ConfigError extends Error {
	readonly variable: string;
	constructor(variable: string, problem: string) {
		super(`${variable} ${problem}`);
		this.name = 'ConfigError';
		this.variable = variable;
	}
}

function parsePort(raw: string | undefined): number {
	if (raw === undefined || raw === '') return 3000;
	if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
		throw new ConfigError('PORT', `must be a whole number from 0 to 65535 (got "${raw}").`);
	}
	return Number(raw);
}

function parseOrigin(raw: string | undefined): string | null {
	if (raw === undefined || raw === '') return null;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError(
			'PUBLIC_ORIGIN',
			`must be a URL such as https://roundtable.example.org (got "${raw}").`
		);
	}
	if (
		(url.protocol !== 'http:' && url.protocol !== 'https:') ||
		url.pathname.length > 1 ||
		url.search ||
		url.hash ||
		url.username ||
		url.password
	) {
		throw new ConfigError(
			'PUBLIC_ORIGIN',
			`must be an http(s) origin with no path, query or credentials (got "${raw}").`
		);
	}
	return url.origin;
}

function parseLogLevel(raw: string | undefined): LogLevel {
	if (raw === undefined || raw === '') return 'info';
	const level = LOG_LEVELS.find((l) => l === raw.toLowerCase());
	if (!level)
		throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got "${raw}").`);
	return level;
}

function parseMinutes(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw === '') return fallback * 60_000;
	if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0 || Number(raw) > 7 * 24 * 60) {
		throw new ConfigError(
			name,
			`must be a number of minutes above 0, up to a week (got "${raw}").`
		);
	}
	return Math.round(Number(raw) * 60_000);
}

function parseDurability(raw: string | undefined): Durability {
	if (raw === undefined || raw === '') return 'process';
	const found = DURABILITIES.find((d) => d === raw.toLowerCase());
	if (!found) {
		throw new ConfigError(
			'DURABILITY',
			`must be "process" (survive a crash) or "power" (also survive power loss) (got "${raw}").`
		);
	}
	return found;
}

function parseDays(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 3650) {
		throw new ConfigError(name, `must be a whole number of days from 1 to 3650 (got "${raw}").`);
	}
	return Number(raw);
}

function parseDatabaseUrl(raw: string | undefined): string | null {
	if (raw === undefined || raw === '') return null;
	// The URL usually holds a password, so no message repeats it; the scheme alone is safe to show.
	const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0];
	const shown = scheme ? ` (got a URL starting with "${scheme}")` : '';
	let url: URL;
	try {
		if (/\s/.test(raw)) throw new Error('spaces');
		url = new URL(raw);
	} catch {
		throw new ConfigError(
			'DATABASE_URL',
			`must be a URL such as postgresql://user:password@host:5432/roundtable${shown}.`
		);
	}
	if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
		throw new ConfigError('DATABASE_URL', `must start with postgres:// or postgresql://${shown}.`);
	}
	return raw;
}

function parsePositive(variable: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
		throw new ConfigError(variable, `must be a whole number of at least 1 (got "${raw}").`);
	}
	return Number(raw);
}

function parseYjsLimits(env: NodeJS.ProcessEnv): YjsLimits {
	const limits = { ...DEFAULT_YJS_LIMITS };
	for (const key of Object.keys(YJS_LIMIT_VARIABLES) as (keyof YjsLimits)[]) {
		const { variable } = YJS_LIMIT_VARIABLES[key];
		limits[key] = parsePositive(variable, env[variable], limits[key]);
	}
	return limits;
}

function parseLimits(env: NodeJS.ProcessEnv): Limits {
	const limits = { ...DEFAULT_LIMITS };
	for (const key of Object.keys(LIMIT_VARIABLES) as (keyof Limits)[]) {
		const { variable } = LIMIT_VARIABLES[key];
		limits[key] = parsePositive(variable, env[variable], limits[key]);
	}
	if (limits.codeMissesRefused <= limits.codeMissesFree) {
		throw new ConfigError(
			'JOIN_CODE_MISSES_REFUSED',
			`must be more than JOIN_CODE_MISSES_FREE (${limits.codeMissesFree}).`
		);
	}
	return limits;
}

function parseTrustProxy(raw: string | undefined): number {
	if (raw === undefined || raw === '' || raw === 'false') return 0;
	if (raw === 'true') return 1;
	if (!/^\d+$/.test(raw) || Number(raw) > 10) {
		throw new ConfigError(
			'TRUST_PROXY',
			`must be the number of reverse proxies in front of the server, 0 to 10 (got "${raw}").`
		);
	}
	return Number(raw);
}

function parseSeconds(variable: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) < 0.05 || Number(raw) > 600) {
		throw new ConfigError(variable, `must be a number of seconds from 0.05 to 600 (got "${raw}").`);
	}
	return Math.round(Number(raw) * 1000);
}

function parseCaps(env: NodeJS.ProcessEnv): Caps {
	const caps = {} as Caps;
	for (const key of Object.keys(CAP_VARIABLES) as (keyof Caps)[]) {
		const { variable, default: fallback } = CAP_VARIABLES[key];
		caps[key] = parsePositive(variable, env[variable], fallback);
	}
	return caps;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
	const host = env.HOST === undefined || env.HOST === '' ? '0.0.0.0' : env.HOST;
	if (/\s/.test(host))
		throw new ConfigError('HOST', `must be a host name or address (got "${host}").`);
	const dataDir = path.resolve(cwd, env.DATA_DIR || 'data');
	return {
		port: parsePort(env.PORT),
		host,
		dataDir,
		publicOrigin: parseOrigin(env.PUBLIC_ORIGIN),
		logLevel: parseLogLevel(env.LOG_LEVEL),
		workshopIdleMs: parseMinutes('WORKSHOP_IDLE_MINUTES', env.WORKSHOP_IDLE_MINUTES, 10),
		databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
		durability: parseDurability(env.DURABILITY),
		yjs: parseYjsLimits(env),
		limits: parseLimits(env),
		trustProxy: parseTrustProxy(env.TRUST_PROXY),
		retentionDays: parseDays('RETENTION_DAYS', env.RETENTION_DAYS, 30),
		closeIdleDays: parseDays('CLOSE_IDLE_DAYS', env.CLOSE_IDLE_DAYS, 7),
		cadenceMs: parseSeconds('BATCH_SECONDS', env.BATCH_SECONDS, DEFAULT_CADENCE_MS),
		caps: parseCaps(env)
	};
}
