import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

export const TIME_CLAIM_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'withdrawn',
  'revoked',
] as const;
export type TimeClaimStatus = (typeof TIME_CLAIM_STATUSES)[number];

/** Hours a volunteer gave an organisation on one day, and what became of the claim. */
@Entity('time_claims')
export class TimeClaim {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'volunteer_party_id' })
  volunteerPartyId: string;

  @Column({ type: 'varchar', length: 36, name: 'organisation_party_id' })
  organisationPartyId: string;

  /** The Maastricht calendar day the hours were given (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10, name: 'claim_date' })
  claimDate: string;

  /** Whole minutes, a multiple of a quarter hour, so that sums stay exact. */
  @Column({ type: 'integer' })
  minutes: number;

  @Column({ type: 'varchar', length: 200 })
  activity: string;

  @Column({ type: 'varchar', length: 12 })
  status: TimeClaimStatus;

  /** The user who submitted the claim: the volunteer, or the org manager of a bulk activity. */
  @Column({ type: 'varchar', length: 36, nullable: true, name: 'submitted_by' })
  submittedBy: string | null;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;

  /** The bulk activity the claim was recorded with, if any, and its line in that request. */
  @Column({ type: 'varchar', length: 36, nullable: true, name: 'batch_id' })
  batchId: string | null;

  @Column({ type: 'integer', nullable: true, name: 'batch_line' })
  batchLine: number | null;

  /** The rate in force when the claim was approved, in hundredths of a Steerke per hour. */
  @Column({ type: 'bigint', nullable: true, name: 'rate_minor', transformer: BIGINT_TRANSFORMER })
  rateMinor: bigint | null;

  @Column({ type: 'bigint', nullable: true, name: 'amount_minor', transformer: BIGINT_TRANSFORMER })
  amountMinor: bigint | null;

  /** The HOURS entry that paid the claim. */
  @Column({ type: 'varchar', length: 36, nullable: true, name: 'entry_id' })
  entryId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'decided_by' })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true, name: 'decided_at' })
  decidedAt: string | null;

  /** Why a claim was rejected, revoked (or, optionally, withdrawn). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** Who revoked an approved claim, and when: its hours stopped counting then. */
  @Column({ type: 'varchar', length: 36, nullable: true, name: 'revoked_by' })
  revokedBy: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true, name: 'revoked_at' })
  revokedAt: string | null;

  /** The REVERSAL entry that took back the payment of a revoked claim. */
  @Column({ type: 'varchar', length: 36, nullable: true, name: 'reversal_entry_id' })
  reversalEntryId: string | null;
}
