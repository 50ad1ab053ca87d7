import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

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
  @column.PrimaryId() id: string;

  @column.Id('volunteer_party_id') volunteerPartyId: string;

  @column.Id('organisation_party_id') organisationPartyId: string;

  /** The Maastricht calendar day the hours were given (YYYY-MM-DD). */
  @column.CalendarDate('claim_date') claimDate: string;

  /** Whole minutes, a multiple of a quarter hour, so that sums stay exact. */
  @column.Integer() minutes: number;

  @column.Text(200) activity: string;

  @column.Text(12) status: TimeClaimStatus;

  /** The user who submitted the claim: the volunteer, or the org manager of a bulk activity. */
  @column.Id('submitted_by', { nullable: true }) submittedBy: string | null;

  @column.Moment('created_at') createdAt: string;

  /** The bulk activity the claim was recorded with, if any, and its line in that request. */
  @column.Id('batch_id', { nullable: true }) batchId: string | null;

  @column.Integer('batch_line', { nullable: true }) batchLine: number | null;

  /** The rate in force when the claim was approved, in hundredths of a Steerke per hour. */
  @column.MinorUnits('rate_minor', { nullable: true }) rateMinor: bigint | null;

  @column.MinorUnits('amount_minor', { nullable: true }) amountMinor: bigint | null;

  /** The HOURS entry that paid the claim. */
  @column.Id('entry_id', { nullable: true }) entryId: string | null;

  @column.Id('decided_by', { nullable: true }) decidedBy: string | null;

  @column.Moment('decided_at', { nullable: true }) decidedAt: string | null;

  /** Why a claim was rejected, revoked (or, optionally, withdrawn). */
  @column.Text(500, undefined, { nullable: true }) reason: string | null;

  /** Who revoked an approved claim, and when: its hours stopped counting then. */
  @column.Id('revoked_by', { nullable: true }) revokedBy: string | null;

  @column.Moment('revoked_at', { nullable: true }) revokedAt: string | null;

  /** The REVERSAL entry that took back the payment of a revoked claim. */
  @column.Id('reversal_entry_id', { nullable: true }) reversalEntryId: string | null;
}
