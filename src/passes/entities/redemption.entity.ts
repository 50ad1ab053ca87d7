import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** `voided`: undone by the business within the window; `reversed`: corrected by a treasurer. */
export const REDEMPTION_STATUSES = ['completed', 'voided', 'reversed'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** A pass redeemed for an offer: one REDEEM entry from the volunteer to the business. */
@Entity('redemptions')
export class Redemption {
  @column.PrimaryId() id: string;

  @column.Id('pass_id') passId: string;

  @column.Id('volunteer_party_id') volunteerPartyId: string;

  @column.Id('business_party_id') businessPartyId: string;

  @column.Id('offer_id') offerId: string;

  @column.Integer() quantity: number;

  /** Price of one and value of one at the moment of redemption: later offer changes leave history alone. */
  @column.MinorUnits('unit_price_minor') unitPriceMinor: bigint;

  @column.MinorUnits('unit_euro_value_minor') unitEuroValueMinor: bigint;

  /** Steerkes paid: quantity × unit price. */
  @column.MinorUnits('amount_minor') amountMinor: bigint;

  /** Euro value received: quantity × unit value; counts for the fiscal guardrail while completed. */
  @column.MinorUnits('euro_value_minor') euroValueMinor: bigint;

  @column.Text(10) status: RedemptionStatus;

  @column.Id('entry_id', { unique: true }) entryId: string;

  @column.Id('reversal_entry_id', { nullable: true }) reversalEntryId: string | null;

  @column.Moment('redeemed_at') redeemedAt: string;

  /** The Maastricht calendar date of redeemedAt: what daily, monthly and yearly limits count by. */
  @column.CalendarDate('redeemed_date') redeemedDate: string;

  @column.Id('redeemed_by', { nullable: true }) redeemedBy: string | null;

  /** The fiscal limits this redemption brought near (JSON), so that a replay answers the same warnings. */
  @column.LongText('fiscal_warnings', { nullable: true }) fiscalWarnings: string | null;

  @column.Moment('closed_at', { nullable: true }) closedAt: string | null;

  @column.Id('closed_by', { nullable: true }) closedBy: string | null;
}
