import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Verified checkpoints of the integrity check (issue 15): after a clean walk, up to which entry
 * sequence the hash chain and the sums were verified, the chain hash there, and the per-account sums
 * at that point, so that the next (incremental) check walks only the entries after it.
 */
export class LedgerIntegrityCheckpoints1763901300000 implements MigrationInterface {
  name = 'LedgerIntegrityCheckpoints1763901300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_integrity_checkpoints',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'sequence', type: 'bigint' },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'postings', type: 'bigint' },
          { name: 'closed_through', type: 'varchar', length: '7', isNullable: true },
          { name: 'sums_digest', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '12' },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        indices: [{ name: 'idx_ledger_integrity_checkpoints_sequence', columnNames: ['sequence'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_integrity_checkpoint_sums',
        columns: [
          { name: 'checkpoint_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'bucket', type: 'varchar', length: '7', isPrimary: true },
          { name: 'sum_minor', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_integrity_checkpoint_sums');
    await queryRunner.dropTable('ledger_integrity_checkpoints');
  }
}
