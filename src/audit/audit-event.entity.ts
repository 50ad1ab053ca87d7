import { Entity } from 'typeorm';
import * as column from '../database/columns.js';

@Entity('audit_events')
export class AuditEvent {
  @column.PrimaryId() id: string;
  @column.Moment('occurred_at') occurredAt: string;
  @column.Id('actor_id', { nullable: true }) actorId: string | null;
  @column.Text(20, 'actor_role', { nullable: true }) actorRole: string | null;
  @column.Text(60) action: string;
  @column.Text(30, 'subject_type') subjectType: string;
  @column.Text(60, 'subject_id') subjectId: string;
  /** JSON: what changed. Never a password, token or PIN. */
  @column.LongText() details: string;
}
