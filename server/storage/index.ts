/**
 * Chooses the storage backend: PostgreSQL when a database URL is configured (several nodes share
 * it), otherwise the embedded SQLite file under the data folder.
 */
import { PostgresStorage, type PostgresOptions } from './postgres.ts';
import { SqliteStorage, type SqliteOptions } from './sqlite.ts';
import type { Storage } from './types.ts';

export interface StorageConfig {
	dataDir: string;
	databaseUrl: string | null;
}

export type StorageOptions = SqliteOptions & PostgresOptions;

export async function createStorage(
	config: StorageConfig,
	options: StorageOptions = {}
): Promise<Storage> {
	if (config.databaseUrl) {
		return PostgresStorage.connect(config.databaseUrl, {
			max: options.max,
			onIdleError: options.onIdleError
		});
	}
	return new SqliteStorage(config.dataDir, { synchronous: options.synchronous });
}
