import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** One activity (a buurtfeest, a clean-up) recorded by an org manager for many volunteers at once. */
@Entity('time_claim_batches')
export class TimeClaimBatch {
  @column.PrimaryId() id: string;

  @column.Id('organisation_party_id') organisationPartyId: string;

  @column.CalendarDate('claim_date') claimDate: string;

  @column.Text(200) activity: string;

  @column.Integer('total_minutes') totalMinutes: number;

  @column.MinorUnits('total_amount_minor') totalAmountMinor: bigint;

  @column.Id('created_by', { nullable: true }) createdBy: string | null;

  @column.Moment('created_at') createdAt: string;
}
