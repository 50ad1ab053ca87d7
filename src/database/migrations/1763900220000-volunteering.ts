import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The allowed hour-rate range before an admin sets one, in hundredths of a Steerke per hour. */
const DEFAULT_RATE_RANGE = { minRateMinor: 50, maxRateMinor: 200, defaultRateMinor: 100 };

/**
 * Tables of the volunteering module: time claims (hours a volunteer gave an organisation), bulk
 * activities, the hour-rate policy, and the idempotency records of its money-moving requests.
 * Portable column types only: runs on SQLite and PostgreSQL.
 */
export class Volunteering1763900220000 implements MigrationInterface {
  name = 'Volunteering1763900220000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'time_claim_batches',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'organisation_party_id', type: 'varchar', length: '36' },
          { name: 'claim_date', type: 'varchar', length: '10' },
          { name: 'activity', type: 'varchar', length: '200' },
          { name: 'total_minutes', type: 'integer' },
          { name: 'total_amount_minor', type: 'bigint' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          {
            columnNames: ['organisation_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          {
            name: 'idx_time_claim_batches_organisation',
            columnNames: ['organisation_party_id', 'created_at'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'time_claims',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'volunteer_party_id', type: 'varchar', length: '36' },
          { name: 'organisation_party_id', type: 'varchar', length: '36' },
          { name: 'claim_date', type: 'varchar', length: '10' },
          { name: 'minutes', type: 'integer' },
          { name: 'activity', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'submitted_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'batch_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'batch_line', type: 'integer', isNullable: true },
          { name: 'rate_minor', type: 'bigint', isNullable: true },
          { name: 'amount_minor', type: 'bigint', isNullable: true },
          { name: 'entry_id', type: 'varchar', length: '36', isNullable: true, isUnique: true },
          { name: 'decided_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'decided_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['volunteer_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['organisation_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
          {
            columnNames: ['batch_id'],
            referencedTableName: 'time_claim_batches',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [
          {
            name: 'idx_time_claims_volunteer_date',
            columnNames: ['volunteer_party_id', 'claim_date'],
          },
          {
            name: 'idx_time_claims_organisation_created',
            columnNames: ['organisation_party_id', 'created_at', 'id'],
          },
          { name: 'idx_time_claims_created', columnNames: ['created_at', 'id'] },
          { name: 'idx_time_claims_batch', columnNames: ['batch_id', 'batch_line'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'volunteering_rate_range',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'min_rate_minor', type: 'bigint' },
          { name: 'max_rate_minor', type: 'bigint' },
          { name: 'default_rate_minor', type: 'bigint' },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'updated_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    const { minRateMinor, maxRateMinor, defaultRateMinor } = DEFAULT_RATE_RANGE;
    await queryRunner.query(
      `INSERT INTO volunteering_rate_range (id, min_rate_minor, max_rate_minor, default_rate_minor, updated_at, updated_by)
       VALUES (1, ${minRateMinor}, ${maxRateMinor}, ${defaultRateMinor}, '2026-01-01T00:00:00.000Z', NULL)`,
    );
    await queryRunner.createTable(
      new Table({
        name: 'organisation_hour_rates',
        columns: [
          { name: 'organisation_party_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'rate_minor', type: 'bigint' },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'updated_by', type: 'varchar', length: '36', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['organisation_party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'volunteering_requests',
        columns: [
          { name: 'scope_key', type: 'varchar', length: '300', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'result_kind', type: 'varchar', length: '10' },
          { name: 'result_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'volunteering_requests',
      'organisation_hour_rates',
      'volunteering_rate_range',
      'time_claims',
      'time_claim_batches',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
