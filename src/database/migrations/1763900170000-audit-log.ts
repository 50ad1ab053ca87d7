import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Every admin and treasurer action, with who, when and what changed. Append-only. */
export class AuditLog1763900170000 implements MigrationInterface {
  name = 'AuditLog1763900170000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'occurred_at', type: 'varchar', length: '32' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '20', isNullable: true },
          { name: 'action', type: 'varchar', length: '60' },
          { name: 'subject_type', type: 'varchar', length: '30' },
          { name: 'subject_id', type: 'varchar', length: '60' },
          { name: 'details', type: 'text' },
        ],
        indices: [
          { name: 'idx_audit_events_occurred', columnNames: ['occurred_at', 'id'] },
          { name: 'idx_audit_events_subject', columnNames: ['subject_type', 'subject_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_events');
  }
}
