import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Accounts of people (issue 13): a user can be disabled; an admin's password reset leaves a
 * one-time code, kept only as its SHA-256 with an expiry; demo logins (public passwords) are
 * marked, so that production refuses to start while one exists. The demo's logins all live at
 * @steerkes.test (a reserved top-level domain, never a real person's), which marks those
 * already made.
 */
export class UserAccounts1763900600000 implements MigrationInterface {
  name = 'UserAccounts1763900600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('users', [
      new TableColumn({ name: 'disabled_at', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'demo', type: 'integer', default: 0 }),
      new TableColumn({
        name: 'password_reset_hash',
        type: 'varchar',
        length: '64',
        isNullable: true,
      }),
      new TableColumn({
        name: 'password_reset_expires_at',
        type: 'varchar',
        length: '32',
        isNullable: true,
      }),
    ]);
    await queryRunner.query(`UPDATE users SET demo = 1 WHERE email LIKE '%@steerkes.test'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      'password_reset_expires_at',
      'password_reset_hash',
      'demo',
      'disabled_at',
    ])
      await queryRunner.dropColumn('users', column);
  }
}
