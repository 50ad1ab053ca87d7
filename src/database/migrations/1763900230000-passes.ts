import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the passes module. Portable column types only: runs on SQLite and PostgreSQL. */
export class Passes1763900230000 implements MigrationInterface {
  name = 'Passes1763900230000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // Filled in by the passes module's issue.
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // Drops what up() creates.
  }
}
