import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

/** One activity (a buurtfeest, a clean-up) recorded by an org manager for many volunteers at once. */
@Entity('time_claim_batches')
export class TimeClaimBatch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'organisation_party_id' })
  organisationPartyId: string;

  @Column({ type: 'varchar', length: 10, name: 'claim_date' })
  claimDate: string;

  @Column({ type: 'varchar', length: 200 })
  activity: string;

  @Column({ type: 'integer', name: 'total_minutes' })
  totalMinutes: number;

  @Column({ type: 'bigint', name: 'total_amount_minor', transformer: BIGINT_TRANSFORMER })
  totalAmountMinor: bigint;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'created_by' })
  createdBy: string | null;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;
}
