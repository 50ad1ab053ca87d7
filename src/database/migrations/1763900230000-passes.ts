import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Tables of the passes module: voordeelpassen, offers, redemptions, the fiscal limits per year and
 * the module's settings. Amounts are integer hundredths (Steerkes) or cents (euro values) in 64-bit
 * columns. Portable column types only: runs on SQLite and PostgreSQL.
 */
export class Passes1763900230000 implements MigrationInterface {
  name = 'Passes1763900230000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'passes',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'number', type: 'varchar', length: '12', isUnique: true },
          { name: 'volunteer_party_id', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'valid_from', type: 'varchar', length: '10' },
          { name: 'valid_until', type: 'varchar', length: '10' },
          { name: 'pin_hash', type: 'varchar', length: '200', isNullable: true },
          { name: 'pin_failures', type: 'integer', default: 0 },
          { name: 'blocked_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'blocked_reason', type: 'varchar', length: '20', isNullable: true },
          { name: 'blocked_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'issued_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          {
            columnNames: ['volunteer_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          { name: 'idx_passes_volunteer', columnNames: ['volunteer_party_id', 'created_at', 'id'] },
          // One active pass per volunteer, kept by the database even when two requests race.
          {
            name: 'uq_passes_one_active_per_volunteer',
            columnNames: ['volunteer_party_id'],
            isUnique: true,
            where: "status = 'active'",
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'offers',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'business_party_id', type: 'varchar', length: '36' },
          { name: 'title_nl', type: 'varchar', length: '120' },
          { name: 'title_en', type: 'varchar', length: '120' },
          { name: 'description_nl', type: 'varchar', length: '1000' },
          { name: 'description_en', type: 'varchar', length: '1000' },
          { name: 'price_minor', type: 'bigint' },
          { name: 'euro_value_minor', type: 'bigint' },
          { name: 'valid_from', type: 'varchar', length: '10' },
          { name: 'valid_until', type: 'varchar', length: '10', isNullable: true },
          { name: 'stock_remaining', type: 'integer', isNullable: true },
          { name: 'per_pass_limit', type: 'integer', isNullable: true },
          { name: 'per_pass_period', type: 'varchar', length: '10', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          {
            columnNames: ['business_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          { name: 'idx_offers_created', columnNames: ['created_at', 'id'] },
          { name: 'idx_offers_business', columnNames: ['business_party_id', 'created_at', 'id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'redemptions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'pass_id', type: 'varchar', length: '36' },
          { name: 'volunteer_party_id', type: 'varchar', length: '36' },
          { name: 'business_party_id', type: 'varchar', length: '36' },
          { name: 'offer_id', type: 'varchar', length: '36' },
          { name: 'quantity', type: 'integer' },
          { name: 'unit_price_minor', type: 'bigint' },
          { name: 'unit_euro_value_minor', type: 'bigint' },
          { name: 'amount_minor', type: 'bigint' },
          { name: 'euro_value_minor', type: 'bigint' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'entry_id', type: 'varchar', length: '36', isUnique: true },
          { name: 'reversal_entry_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'redeemed_at', type: 'varchar', length: '32' },
          { name: 'redeemed_date', type: 'varchar', length: '10' },
          { name: 'redeemed_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'request_key', type: 'varchar', length: '300', isNullable: true, isUnique: true },
          { name: 'request_fingerprint', type: 'varchar', length: '64', isNullable: true },
          { name: 'fiscal_warnings', type: 'text', isNullable: true },
          { name: 'closed_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'closed_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'close_key', type: 'varchar', length: '300', isNullable: true, isUnique: true },
        ],
        foreignKeys: [
          {
            columnNames: ['pass_id'],
            referencedTableName: 'passes',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['offer_id'],
            referencedTableName: 'offers',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['volunteer_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['business_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          {
            name: 'idx_redemptions_volunteer_date',
            columnNames: ['volunteer_party_id', 'redeemed_date'],
          },
          { name: 'idx_redemptions_pass_date', columnNames: ['pass_id', 'redeemed_date'] },
          {
            name: 'idx_redemptions_offer_volunteer_date',
            columnNames: ['offer_id', 'volunteer_party_id', 'redeemed_date'],
          },
          {
            name: 'idx_redemptions_business_redeemed',
            columnNames: ['business_party_id', 'redeemed_at', 'id'],
          },
          { name: 'idx_redemptions_redeemed', columnNames: ['redeemed_at', 'id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fiscal_limits',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'hourly_adult_minor', type: 'bigint' },
          { name: 'hourly_young_minor', type: 'bigint' },
          { name: 'adult_age', type: 'integer' },
          { name: 'monthly_minor', type: 'bigint' },
          { name: 'yearly_minor', type: 'bigint' },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'updated_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'passes_settings',
        columns: [
          { name: 'key', type: 'varchar', length: '40', isPrimary: true },
          { name: 'value', type: 'varchar', length: '100' },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'updated_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['passes_settings', 'fiscal_limits', 'redemptions', 'offers', 'passes']) {
      await queryRunner.dropTable(table);
    }
  }
}
