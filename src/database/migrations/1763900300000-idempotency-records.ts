import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { requestFingerprint } from '../idempotency.js';

/**
 * One idempotency table for every module (src/database/idempotency.ts) instead of four stores: the
 * ledger's table, volunteering's table, and key columns on redemptions, bookings and booking
 * events. The keys stored so far move over, each under its scope, so a retry of a request made
 * before the upgrade still answers the first result.
 */
export class IdempotencyRecords1763900300000 implements MigrationInterface {
  name = 'IdempotencyRecords1763900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_records',
        columns: [
          { name: 'scope_key', type: 'varchar', length: '320', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'result_kind', type: 'varchar', length: '32' },
          { name: 'result_id', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
      }),
    );
    const copy = (select: string) =>
      queryRunner.query(
        `INSERT INTO idempotency_records (scope_key, fingerprint, result_kind, result_id, created_at) ${select}`,
      );
    await copy(
      `SELECT 'ledger|' || scope_key, fingerprint, result_kind, result_id, created_at FROM ledger_idempotency`,
    );
    await copy(
      `SELECT 'volunteering|' || scope_key, fingerprint, result_kind, result_id, created_at FROM volunteering_requests`,
    );
    await copy(
      `SELECT 'redemption|' || request_key, request_fingerprint, 'redemption', id, redeemed_at FROM redemptions WHERE request_key IS NOT NULL`,
    );
    await copy(
      `SELECT 'booking|' || idempotency_key, request_fingerprint, 'booking', id, created_at FROM catalogue_bookings`,
    );
    await copy(
      `SELECT 'booking-step|' || idempotency_key, request_fingerprint, 'booking', booking_id, occurred_at FROM catalogue_booking_events WHERE idempotency_key IS NOT NULL`,
    );
    // A void or reversal's key named only its redemption: its fingerprint is that id's.
    const closed = (await queryRunner.query(
      'SELECT id, close_key, closed_at FROM redemptions WHERE close_key IS NOT NULL',
    )) as Array<{
      id: string;
      close_key: string;
      closed_at: string;
    }>;
    const placeholders =
      queryRunner.connection.options.type === 'postgres' ? '$1, $2, $3, $4, $5' : '?, ?, ?, ?, ?';
    for (const row of closed) {
      await queryRunner.query(
        `INSERT INTO idempotency_records (scope_key, fingerprint, result_kind, result_id, created_at) VALUES (${placeholders})`,
        [
          `redemption-close|${row.close_key}`,
          requestFingerprint({ redemptionId: row.id }),
          'redemption',
          row.id,
          row.closed_at,
        ],
      );
    }
    await queryRunner.dropTable('ledger_idempotency');
    await queryRunner.dropTable('volunteering_requests');
    await dropColumns(queryRunner, 'redemptions', [
      'request_key',
      'request_fingerprint',
      'close_key',
    ]);
    await dropColumns(queryRunner, 'catalogue_bookings', [
      'idempotency_key',
      'request_fingerprint',
    ]);
    await dropColumns(queryRunner, 'catalogue_booking_events', [
      'idempotency_key',
      'request_fingerprint',
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The module key columns come back empty: keys stored since the upgrade stay only here.
    await queryRunner.addColumns('redemptions', [
      new TableColumn({
        name: 'request_key',
        type: 'varchar',
        length: '300',
        isNullable: true,
        isUnique: true,
      }),
      new TableColumn({
        name: 'request_fingerprint',
        type: 'varchar',
        length: '64',
        isNullable: true,
      }),
      new TableColumn({
        name: 'close_key',
        type: 'varchar',
        length: '300',
        isNullable: true,
        isUnique: true,
      }),
    ]);
    await queryRunner.addColumns('catalogue_booking_events', [
      new TableColumn({
        name: 'idempotency_key',
        type: 'varchar',
        length: '300',
        isNullable: true,
        isUnique: true,
      }),
      new TableColumn({
        name: 'request_fingerprint',
        type: 'varchar',
        length: '64',
        isNullable: true,
      }),
    ]);
    await queryRunner.addColumns('catalogue_bookings', [
      new TableColumn({
        name: 'idempotency_key',
        type: 'varchar',
        length: '300',
        isNullable: true,
        isUnique: true,
      }),
      new TableColumn({
        name: 'request_fingerprint',
        type: 'varchar',
        length: '64',
        isNullable: true,
      }),
    ]);
    for (const name of ['volunteering_requests', 'ledger_idempotency'])
      await queryRunner.createTable(legacyKeyTable(name));
    await queryRunner.dropTable('idempotency_records');
  }
}

/** The shape both the ledger's and volunteering's key tables had. */
function legacyKeyTable(name: string): Table {
  return new Table({
    name,
    columns: [
      { name: 'scope_key', type: 'varchar', length: '300', isPrimary: true },
      { name: 'fingerprint', type: 'varchar', length: '64' },
      { name: 'result_kind', type: 'varchar', length: '10' },
      { name: 'result_id', type: 'varchar', length: '36' },
      { name: 'created_at', type: 'varchar', length: '32' },
    ],
  });
}

/** Drops columns with their unique indexes (SQLite rebuilds the table; PostgreSQL drops in place). */
async function dropColumns(
  queryRunner: QueryRunner,
  tableName: string,
  columnNames: string[],
): Promise<void> {
  const table = await queryRunner.getTable(tableName);
  if (!table) throw new Error(`migration: table ${tableName} is missing`);
  const indexes = table.indices.filter((index: TableIndex) =>
    index.columnNames.some((name) => columnNames.includes(name)),
  );
  for (const index of indexes) await queryRunner.dropIndex(table, index);
  await queryRunner.dropColumns(table, columnNames);
}
