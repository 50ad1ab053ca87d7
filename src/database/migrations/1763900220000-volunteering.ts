import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the volunteering module. Portable column types only: runs on SQLite and PostgreSQL. */
export class Volunteering1763900220000 implements MigrationInterface {
  name = 'Volunteering1763900220000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // Filled in by the volunteering module's issue.
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // Drops what up() creates.
  }
}
