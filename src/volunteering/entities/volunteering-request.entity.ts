import { Column, Entity, PrimaryColumn } from 'typeorm';

export type VolunteeringRequestResult = 'claim' | 'batch';

/**
 * The first answer to an idempotent request (approve, bulk), by the caller's scoped key: a replay
 * answers it again, the same key with another body is refused.
 */
@Entity('volunteering_requests')
export class VolunteeringRequest {
  @PrimaryColumn({ type: 'varchar', length: 300, name: 'scope_key' })
  scopeKey: string;

  /** SHA-256 of the request's content (path and body). */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ type: 'varchar', length: 10, name: 'result_kind' })
  resultKind: VolunteeringRequestResult;

  @Column({ type: 'varchar', length: 36, name: 'result_id' })
  resultId: string;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;
}
