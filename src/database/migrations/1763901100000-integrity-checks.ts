import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Every run of the ledger's integrity check, so that the treasurer's dashboard shows the last one
 * (its time and result) to whoever looks next, not only to the person who ran it.
 */
export class IntegrityChecks1763901100000 implements MigrationInterface {
  name = 'IntegrityChecks1763901100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'treasury_integrity_checks',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'started_at', type: 'varchar', length: '32' },
          { name: 'finished_at', type: 'varchar', length: '32' },
          { name: 'ok', type: 'integer', default: 0 },
          { name: 'accounts', type: 'integer' },
          { name: 'entries', type: 'integer' },
          { name: 'postings', type: 'integer' },
          { name: 'holds', type: 'integer' },
          { name: 'discrepancies', type: 'integer' },
          { name: 'run_by', type: 'varchar', length: '36' },
        ],
        indices: [
          { name: 'idx_treasury_integrity_checks_finished', columnNames: ['finished_at', 'id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('treasury_integrity_checks');
  }
}
