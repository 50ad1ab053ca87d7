import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The chain starts from this hash: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);
/** The issuance account carries the money supply as a negative balance; its id never changes. */
export const ISSUANCE_ACCOUNT_ID = '00000000-0000-4000-8000-000000000001';

/**
 * The double-entry ledger. Amounts are integer hundredths of a Steerke in 64-bit columns
 * (`*_minor`), so that the database sums them exactly.
 */
export class Ledger1763900100000 implements MigrationInterface {
  name = 'Ledger1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_accounts',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'party_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'system_name', type: 'varchar', length: '40', isNullable: true, isUnique: true },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'min_balance_minor', type: 'bigint', isNullable: true },
          { name: 'max_balance_minor', type: 'bigint', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'balance_minor', type: 'bigint', default: 0 },
          { name: 'pending_minor', type: 'bigint', default: 0 },
          { name: 'next_hold_expiry', type: 'varchar', length: '32', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          {
            columnNames: ['party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
        uniques: [
          { name: 'uq_ledger_accounts_party_currency', columnNames: ['party_id', 'currency'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_entries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'sequence', type: 'bigint', isUnique: true },
          { name: 'code', type: 'varchar', length: '12' },
          { name: 'description', type: 'varchar', length: '500' },
          { name: 'metadata', type: 'text' },
          { name: 'effective_date', type: 'varchar', length: '10' },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          {
            name: 'reverses_entry_id',
            type: 'varchar',
            length: '36',
            isNullable: true,
            isUnique: true,
          },
          { name: 'previous_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        foreignKeys: [
          {
            columnNames: ['reverses_entry_id'],
            referencedTableName: 'ledger_entries',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [{ name: 'idx_ledger_entries_effective_date', columnNames: ['effective_date'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_postings',
        columns: [
          { name: 'entry_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'line', type: 'integer', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'amount_minor', type: 'bigint' },
          { name: 'balance_after_minor', type: 'bigint' },
          { name: 'entry_sequence', type: 'bigint' },
          { name: 'effective_date', type: 'varchar', length: '10' },
        ],
        foreignKeys: [
          {
            columnNames: ['entry_id'],
            referencedTableName: 'ledger_entries',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['account_id'],
            referencedTableName: 'ledger_accounts',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          {
            name: 'idx_ledger_postings_account_sequence',
            columnNames: ['account_id', 'entry_sequence'],
          },
          {
            name: 'idx_ledger_postings_account_date',
            columnNames: ['account_id', 'effective_date'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_holds',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'counterparty_account_id', type: 'varchar', length: '36' },
          { name: 'amount_minor', type: 'bigint' },
          { name: 'posted_minor', type: 'bigint', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'code', type: 'varchar', length: '12' },
          { name: 'description', type: 'varchar', length: '500' },
          { name: 'metadata', type: 'text' },
          { name: 'expires_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'resolved_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'posted_entry_id', type: 'varchar', length: '36', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['account_id'],
            referencedTableName: 'ledger_accounts',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['counterparty_account_id'],
            referencedTableName: 'ledger_accounts',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['posted_entry_id'],
            referencedTableName: 'ledger_entries',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          { name: 'idx_ledger_holds_account_status', columnNames: ['account_id', 'status'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_idempotency',
        columns: [
          { name: 'scope_key', type: 'varchar', length: '300', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'result_kind', type: 'varchar', length: '10' },
          { name: 'result_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_chain',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'last_sequence', type: 'bigint' },
          { name: 'last_hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO ledger_chain (id, last_sequence, last_hash) VALUES (1, 0, '${GENESIS_HASH}')`,
    );
    await queryRunner.query(
      `INSERT INTO ledger_accounts (id, party_id, system_name, currency, min_balance_minor, max_balance_minor, status, balance_minor, pending_minor, next_hold_expiry, created_at)
       VALUES ('${ISSUANCE_ACCOUNT_ID}', NULL, 'issuance', 'STK', NULL, NULL, 'open', 0, 0, NULL, '2026-01-01T00:00:00.000Z')`,
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_periods',
        columns: [
          { name: 'period', type: 'varchar', length: '7', isPrimary: true },
          { name: 'closed_at', type: 'varchar', length: '32' },
          { name: 'closed_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'ledger_periods',
      'ledger_chain',
      'ledger_idempotency',
      'ledger_holds',
      'ledger_postings',
      'ledger_entries',
      'ledger_accounts',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
