import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * A change of an account's credit limit waits here until a second person decides it: proposed by
 * an admin and approved by a treasurer, or the other way round (four eyes).
 */
export class CreditLimitProposals1763900410000 implements MigrationInterface {
  name = 'CreditLimitProposals1763900410000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'credit_limit_proposals',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36' },
          { name: 'party_id', type: 'varchar', length: '36' },
          { name: 'min_balance_minor', type: 'bigint' },
          { name: 'previous_min_balance_minor', type: 'bigint', isNullable: true },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'proposed_by', type: 'varchar', length: '36' },
          { name: 'proposed_role', type: 'varchar', length: '20' },
          { name: 'proposed_at', type: 'varchar', length: '32' },
          { name: 'decided_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'decided_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'decision_reason', type: 'varchar', length: '500', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['account_id'],
            referencedTableName: 'ledger_accounts',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          {
            name: 'idx_credit_limit_proposals_status',
            columnNames: ['status', 'proposed_at', 'id'],
          },
          { name: 'idx_credit_limit_proposals_account', columnNames: ['account_id', 'status'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('credit_limit_proposals');
  }
}
