import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** A counter in every user's tokens: raising it revokes every token issued before. */
export class UserSessionVersion1763900180000 implements MigrationInterface {
  name = 'UserSessionVersion1763900180000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'session_version', type: 'integer', default: 1 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'session_version');
  }
}
