import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the catalogue module. Portable column types only: runs on SQLite and PostgreSQL. */
export class Catalogue1763900240000 implements MigrationInterface {
  name = 'Catalogue1763900240000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // Filled in by the catalogue module's issue.
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // Drops what up() creates.
  }
}
