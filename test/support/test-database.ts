import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfiguration } from '../../src/config/configuration.js';

/** A database of its own for one test file, and the way to throw it away afterwards. */
export interface TestDatabase {
  configuration: DatabaseConfiguration;
  url: string;
  drop(): Promise<void>;
}

/**
 * SQLite file in a fresh temporary folder, or, when TEST_DATABASE_URL is set, a fresh database on
 * that PostgreSQL server. If PostgreSQL was asked for and cannot be reached, this throws: the
 * suite fails instead of quietly testing SQLite twice.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return createPostgresDatabase(serverUrl);
  const folder = mkdtempSync(join(tmpdir(), 'steerkes-test-'));
  const path = join(folder, 'steerkes.sqlite');
  return {
    configuration: { kind: 'sqlite', path },
    url: `sqlite:${path}`,
    drop: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `steerkes_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${(error as Error).message}`,
      { cause: error },
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    configuration: { kind: 'postgres', url: url.toString() },
    url: url.toString(),
    drop: async () => {
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}
