import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

/** `voided`: undone by the business within the window; `reversed`: corrected by a treasurer. */
export const REDEMPTION_STATUSES = ['completed', 'voided', 'reversed'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** A pass redeemed for an offer: one REDEEM entry from the volunteer to the business. */
@Entity('redemptions')
export class Redemption {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'pass_id' })
  passId: string;

  @Column({ type: 'varchar', length: 36, name: 'volunteer_party_id' })
  volunteerPartyId: string;

  @Column({ type: 'varchar', length: 36, name: 'business_party_id' })
  businessPartyId: string;

  @Column({ type: 'varchar', length: 36, name: 'offer_id' })
  offerId: string;

  @Column({ type: 'integer' })
  quantity: number;

  /** Price of one and value of one at the moment of redemption: later offer changes leave history alone. */
  @Column({ type: 'bigint', name: 'unit_price_minor', transformer: BIGINT_TRANSFORMER })
  unitPriceMinor: bigint;

  @Column({ type: 'bigint', name: 'unit_euro_value_minor', transformer: BIGINT_TRANSFORMER })
  unitEuroValueMinor: bigint;

  /** Steerkes paid: quantity × unit price. */
  @Column({ type: 'bigint', name: 'amount_minor', transformer: BIGINT_TRANSFORMER })
  amountMinor: bigint;

  /** Euro value received: quantity × unit value; counts for the fiscal guardrail while completed. */
  @Column({ type: 'bigint', name: 'euro_value_minor', transformer: BIGINT_TRANSFORMER })
  euroValueMinor: bigint;

  @Column({ type: 'varchar', length: 10 })
  status: RedemptionStatus;

  @Column({ type: 'varchar', length: 36, name: 'entry_id', unique: true })
  entryId: string;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'reversal_entry_id' })
  reversalEntryId: string | null;

  @Column({ type: 'varchar', length: 32, name: 'redeemed_at' })
  redeemedAt: string;

  /** The Maastricht calendar date of redeemedAt: what daily, monthly and yearly limits count by. */
  @Column({ type: 'varchar', length: 10, name: 'redeemed_date' })
  redeemedDate: string;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'redeemed_by' })
  redeemedBy: string | null;

  /** The fiscal limits this redemption brought near (JSON), so that a replay answers the same warnings. */
  @Column({ type: 'text', nullable: true, name: 'fiscal_warnings' })
  fiscalWarnings: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true, name: 'closed_at' })
  closedAt: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'closed_by' })
  closedBy: string | null;
}
