import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The history of every offer's price and euro value (the euro value counts for the fiscal
 * guardrail, and a business sets it). Existing offers start their history with what they hold now.
 */
export class OfferValueChanges1763900510000 implements MigrationInterface {
  name = 'OfferValueChanges1763900510000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'offer_value_changes',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'offer_id', type: 'varchar', length: '36' },
          { name: 'price_minor', type: 'bigint' },
          { name: 'euro_value_minor', type: 'bigint' },
          { name: 'changed_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'changed_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          {
            columnNames: ['offer_id'],
            referencedTableName: 'offers',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          { name: 'idx_offer_value_changes_offer', columnNames: ['offer_id', 'changed_at', 'id'] },
        ],
      }),
    );
    // The offer's own id as the first change's id: unique, and no random function in portable SQL.
    await queryRunner.query(
      `INSERT INTO offer_value_changes (id, offer_id, price_minor, euro_value_minor, changed_by, changed_at)
       SELECT id, id, price_minor, euro_value_minor, created_by, updated_at FROM offers`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('offer_value_changes');
  }
}
