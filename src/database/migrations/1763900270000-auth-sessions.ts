import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Login sessions behind the refresh cookie (issue 12). Only the SHA-256 of the session's current
 * refresh token is kept, never the token. `session_version` is the user's when the session began:
 * revoking the user's sessions (raising theirs) ends it.
 */
export class AuthSessions1763900270000 implements MigrationInterface {
  name = 'AuthSessions1763900270000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'auth_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'session_version', type: 'integer' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'rotations', type: 'integer', default: 0 },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'last_used_at', type: 'varchar', length: '32' },
          { name: 'expires_at', type: 'varchar', length: '32' },
          { name: 'ended_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'end_reason', type: 'varchar', length: '20', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
        indices: [{ name: 'idx_auth_sessions_user', columnNames: ['user_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('auth_sessions');
  }
}
