import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { IdempotencyRecords1763900300000 } from '../../src/database/migrations/1763900300000-idempotency-records.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The move to one idempotency table keeps the keys stored before it: a client retrying a request
 * it sent before the upgrade must get its first answer, not a second transfer.
 */
describe('Migration: one idempotency table for every module', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase();
    const before = MIGRATIONS.filter((migration) => migration !== IdempotencyRecords1763900300000);
    dataSource = new DataSource({
      ...dataSourceOptions(database.configuration),
      migrations: before,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const placeholders = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      dataSource.options.type === 'postgres' ? `$${index + 1}` : '?',
    ).join(', ');

  it('moves the ledger’s and volunteering’s stored keys, each under its scope, and drops the old tables', async () => {
    const ledgerKey = [
      'user:u-1:retry-me',
      'a'.repeat(64),
      'entry',
      '0190b3f4-0000-7000-8000-000000000001',
      '2026-11-30T10:00:00.000Z',
    ];
    const claimKey = [
      'user:u-2:claim-1',
      'b'.repeat(64),
      'claim',
      '6f1c7a52-0000-4000-8000-000000000002',
      '2026-11-30T11:00:00.000Z',
    ];
    await dataSource.query(
      `INSERT INTO ledger_idempotency (scope_key, fingerprint, result_kind, result_id, created_at) VALUES (${placeholders(5)})`,
      ledgerKey,
    );
    await dataSource.query(
      `INSERT INTO volunteering_requests (scope_key, fingerprint, result_kind, result_id, created_at) VALUES (${placeholders(5)})`,
      claimKey,
    );

    await new IdempotencyRecords1763900300000().up(dataSource.createQueryRunner());

    const rows: Array<Record<string, string>> = await dataSource.query(
      'SELECT scope_key, fingerprint, result_kind, result_id, created_at FROM idempotency_records ORDER BY scope_key',
    );
    expect(rows).toEqual([
      {
        scope_key: `ledger|${ledgerKey[0]}`,
        fingerprint: ledgerKey[1],
        result_kind: 'entry',
        result_id: ledgerKey[3],
        created_at: ledgerKey[4],
      },
      {
        scope_key: `volunteering|${claimKey[0]}`,
        fingerprint: claimKey[1],
        result_kind: 'claim',
        result_id: claimKey[3],
        created_at: claimKey[4],
      },
    ]);
    const queryRunner = dataSource.createQueryRunner();
    expect(await queryRunner.hasTable('ledger_idempotency')).toBe(false);
    expect(await queryRunner.hasTable('volunteering_requests')).toBe(false);
    expect(await queryRunner.hasColumn('redemptions', 'request_key')).toBe(false);
    expect(await queryRunner.hasColumn('catalogue_bookings', 'idempotency_key')).toBe(false);
    await queryRunner.release();
  });

  it('can be rolled back: the old tables and columns return and the new table goes', async () => {
    const migration = new IdempotencyRecords1763900300000();
    await migration.up(dataSource.createQueryRunner());
    await migration.down(dataSource.createQueryRunner());
    const queryRunner = dataSource.createQueryRunner();
    expect(await queryRunner.hasTable('idempotency_records')).toBe(false);
    expect(await queryRunner.hasTable('ledger_idempotency')).toBe(true);
    expect(await queryRunner.hasColumn('redemptions', 'close_key')).toBe(true);
    await queryRunner.release();
  });
});
