import type { Database as SqliteConnection } from 'better-sqlite3';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfiguration } from '../config/configuration.js';
import { ENTITIES } from '../entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** How long a SQLite statement waits for another process's lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
const POSTGRES_POOL_SIZE = 10;

/**
 * TypeORM options for either database. SQLite: WAL, and synchronous=FULL so that a commit that
 * returned has reached the disk (an acknowledged transfer survives a power cut), foreign keys on.
 * Schema only ever comes from the migrations: synchronize is off.
 */
export function dataSourceOptions(database: DatabaseConfiguration): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (database.kind === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: POSTGRES_POOL_SIZE } };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    enableWAL: true,
    prepareDatabase: (connection: SqliteConnection) => {
      connection.pragma('synchronous = FULL');
    },
  };
}
