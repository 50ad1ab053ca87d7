import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * One row that GET /health rewrites and commits: a durable write is the only honest proof that the
 * database can take one (a probe that rolls back never reaches the disk, so a full disk passes it).
 */
export class HealthProbe1763900250000 implements MigrationInterface {
  name = 'HealthProbe1763900250000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'health_probe',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'checked_at', type: 'varchar', length: '32' },
        ],
      }),
    );
    await queryRunner.query(
      "INSERT INTO health_probe (id, checked_at) VALUES (1, '1970-01-01T00:00:00.000Z')",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('health_probe');
  }
}
