import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Tables of the catalogue module: listings, their blocked periods, bookings and the steps of each
 * booking. Moments are UTC ISO strings (varchar 32), amounts integer hundredths of a Steerke in
 * 64-bit columns. Portable column types only: runs on SQLite and PostgreSQL.
 */
export class Catalogue1763900240000 implements MigrationInterface {
  name = 'Catalogue1763900240000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'catalogue_listings',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'provider_party_id', type: 'varchar', length: '36' },
          { name: 'category', type: 'varchar', length: '20' },
          { name: 'title_nl', type: 'varchar', length: '200' },
          { name: 'title_en', type: 'varchar', length: '200' },
          { name: 'description_nl', type: 'varchar', length: '2000' },
          { name: 'description_en', type: 'varchar', length: '2000' },
          { name: 'district', type: 'varchar', length: '20' },
          { name: 'address', type: 'varchar', length: '300' },
          { name: 'pricing_unit', type: 'varchar', length: '10' },
          { name: 'price_minor', type: 'bigint' },
          { name: 'deposit_minor', type: 'bigint', isNullable: true },
          { name: 'late_fee_per_day_minor', type: 'bigint', isNullable: true },
          { name: 'quantity', type: 'integer' },
          { name: 'capacity_persons', type: 'integer', isNullable: true },
          { name: 'buffer_minutes', type: 'integer' },
          { name: 'min_length', type: 'integer' },
          { name: 'max_length', type: 'integer', isNullable: true },
          { name: 'opening_hours', type: 'text', isNullable: true },
          { name: 'confirmation', type: 'varchar', length: '10' },
          { name: 'free_cancellation_hours', type: 'integer' },
          { name: 'cancellation_fee_percent', type: 'integer' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['provider_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          { name: 'idx_catalogue_listings_created', columnNames: ['created_at', 'id'] },
          {
            name: 'idx_catalogue_listings_search',
            columnNames: ['status', 'category', 'district'],
          },
          { name: 'idx_catalogue_listings_provider', columnNames: ['provider_party_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'catalogue_blocked_periods',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'listing_id', type: 'varchar', length: '36' },
          { name: 'starts_at', type: 'varchar', length: '32' },
          { name: 'ends_at', type: 'varchar', length: '32' },
          { name: 'quantity', type: 'integer', isNullable: true },
          { name: 'reason', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['listing_id'],
            referencedTableName: 'catalogue_listings',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          { name: 'idx_catalogue_blocked_listing_time', columnNames: ['listing_id', 'starts_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'catalogue_bookings',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'listing_id', type: 'varchar', length: '36' },
          { name: 'booker_party_id', type: 'varchar', length: '36' },
          { name: 'provider_party_id', type: 'varchar', length: '36' },
          { name: 'starts_at', type: 'varchar', length: '32' },
          { name: 'ends_at', type: 'varchar', length: '32' },
          { name: 'busy_until', type: 'varchar', length: '32' },
          { name: 'quantity', type: 'integer' },
          { name: 'persons', type: 'integer', isNullable: true },
          { name: 'booked_length', type: 'integer' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'price_minor', type: 'bigint' },
          { name: 'deposit_minor', type: 'bigint' },
          { name: 'price_hold_id', type: 'varchar', length: '36' },
          { name: 'deposit_hold_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'free_cancellation_hours', type: 'integer' },
          { name: 'cancellation_fee_percent', type: 'integer' },
          { name: 'late_fee_per_day_minor', type: 'bigint', isNullable: true },
          { name: 'holds_expire_at', type: 'varchar', length: '32' },
          { name: 'charged_minor', type: 'bigint', isNullable: true },
          { name: 'deposit_kept_minor', type: 'bigint', isNullable: true },
          { name: 'late_fee_minor', type: 'bigint', isNullable: true },
          { name: 'hours_given_hundredths', type: 'integer', isNullable: true },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'resolution_note', type: 'varchar', length: '500', isNullable: true },
          { name: 'idempotency_key', type: 'varchar', length: '300', isUnique: true },
          { name: 'request_fingerprint', type: 'varchar', length: '64' },
          { name: 'created_by', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          {
            columnNames: ['listing_id'],
            referencedTableName: 'catalogue_listings',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['booker_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['provider_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          { name: 'idx_catalogue_bookings_listing_time', columnNames: ['listing_id', 'starts_at'] },
          {
            name: 'idx_catalogue_bookings_booker',
            columnNames: ['booker_party_id', 'starts_at', 'id'],
          },
          {
            name: 'idx_catalogue_bookings_provider',
            columnNames: ['provider_party_id', 'starts_at', 'id'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'catalogue_booking_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'booking_id', type: 'varchar', length: '36' },
          { name: 'sequence', type: 'integer' },
          { name: 'action', type: 'varchar', length: '20' },
          { name: 'status_after', type: 'varchar', length: '20' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'occurred_at', type: 'varchar', length: '32' },
          {
            name: 'idempotency_key',
            type: 'varchar',
            length: '300',
            isNullable: true,
            isUnique: true,
          },
          { name: 'request_fingerprint', type: 'varchar', length: '64', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['booking_id'],
            referencedTableName: 'catalogue_bookings',
            referencedColumnNames: ['id'],
          },
        ],
        uniques: [
          { name: 'uq_catalogue_booking_events_sequence', columnNames: ['booking_id', 'sequence'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'catalogue_booking_events',
      'catalogue_bookings',
      'catalogue_blocked_periods',
      'catalogue_listings',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
