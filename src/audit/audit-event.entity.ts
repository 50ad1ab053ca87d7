import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 32, name: 'occurred_at' }) occurredAt: string;
  @Column({ type: 'varchar', length: 36, nullable: true, name: 'actor_id' }) actorId: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true, name: 'actor_role' }) actorRole:
    string | null;
  @Column({ type: 'varchar', length: 60 }) action: string;
  @Column({ type: 'varchar', length: 30, name: 'subject_type' }) subjectType: string;
  @Column({ type: 'varchar', length: 60, name: 'subject_id' }) subjectId: string;
  /** JSON: what changed. Never a password, token or PIN. */
  @Column({ type: 'text' }) details: string;
}
