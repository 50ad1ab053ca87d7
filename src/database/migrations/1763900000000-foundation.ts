import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Parties and the users who act for them. Portable column types only: runs on SQLite and PostgreSQL. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'parties',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'district', type: 'varchar', length: '20' },
          { name: 'contact_email', type: 'varchar', length: '254', isNullable: true },
          { name: 'description', type: 'varchar', length: '2000', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        indices: [
          { name: 'idx_parties_created', columnNames: ['created_at', 'id'] },
          { name: 'idx_parties_kind_district', columnNames: ['kind', 'district'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '20' },
          { name: 'party_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'display_name', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          {
            columnNames: ['party_id'],
            referencedTableName: 'parties',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [{ name: 'idx_users_party', columnNames: ['party_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('users');
    await queryRunner.dropTable('parties');
  }
}
