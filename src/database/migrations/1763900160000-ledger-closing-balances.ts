import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The balance of every account at the end of a closed period, stored when it closes and asserted ever after. */
export class LedgerClosingBalances1763900160000 implements MigrationInterface {
  name = 'LedgerClosingBalances1763900160000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ledger_closing_balances',
        columns: [
          { name: 'period', type: 'varchar', length: '7', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'balance_minor', type: 'bigint' },
        ],
        foreignKeys: [
          {
            columnNames: ['period'],
            referencedTableName: 'ledger_periods',
            referencedColumnNames: ['period'],
          },
          {
            columnNames: ['account_id'],
            referencedTableName: 'ledger_accounts',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_closing_balances');
  }
}
