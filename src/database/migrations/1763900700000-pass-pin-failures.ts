import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Wrong PINs per business per pass (issue 13): a business that enters three wrong PINs on one pass
 * within the window may not try that pass again for a while, so one shop cannot block a pass.
 */
export class PassPinFailures1763900700000 implements MigrationInterface {
  name = 'PassPinFailures1763900700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'pass_pin_failures',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'pass_id', type: 'varchar', length: '36' },
          { name: 'business_party_id', type: 'varchar', length: '36' },
          { name: 'failed_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          {
            columnNames: ['pass_id'],
            referencedTableName: 'passes',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          {
            name: 'idx_pass_pin_failures_pass_business',
            columnNames: ['pass_id', 'business_party_id', 'failed_at'],
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pass_pin_failures');
  }
}
