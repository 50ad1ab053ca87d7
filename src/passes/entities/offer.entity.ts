import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PerPassPeriod } from '../redemption-limits.js';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

export const OFFER_STATUSES = ['active', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** A benefit a business gives for Steerkes, in Dutch and English. */
@Entity('offers')
export class Offer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'business_party_id' })
  businessPartyId: string;

  @Column({ type: 'varchar', length: 120, name: 'title_nl' })
  titleNl: string;

  @Column({ type: 'varchar', length: 120, name: 'title_en' })
  titleEn: string;

  @Column({ type: 'varchar', length: 1000, name: 'description_nl' })
  descriptionNl: string;

  @Column({ type: 'varchar', length: 1000, name: 'description_en' })
  descriptionEn: string;

  /** Price of one, in hundredths of a Steerke. */
  @Column({ type: 'bigint', name: 'price_minor', transformer: BIGINT_TRANSFORMER })
  priceMinor: bigint;

  /** Euro value of one to the volunteer, in cents: what the fiscal guardrail counts. */
  @Column({ type: 'bigint', name: 'euro_value_minor', transformer: BIGINT_TRANSFORMER })
  euroValueMinor: bigint;

  @Column({ type: 'varchar', length: 10, name: 'valid_from' })
  validFrom: string;

  /** Last day (inclusive); null: until withdrawn. */
  @Column({ type: 'varchar', length: 10, nullable: true, name: 'valid_until' })
  validUntil: string | null;

  /** What is left to redeem; null: no stock kept (unlimited). */
  @Column({ type: 'integer', nullable: true, name: 'stock_remaining' })
  stockRemaining: number | null;

  /** At most this many per pass holder per period; null: no limit. */
  @Column({ type: 'integer', nullable: true, name: 'per_pass_limit' })
  perPassLimit: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true, name: 'per_pass_period' })
  perPassPeriod: PerPassPeriod | null;

  @Column({ type: 'varchar', length: 10 })
  status: OfferStatus;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'created_by' })
  createdBy: string | null;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;

  @Column({ type: 'varchar', length: 32, name: 'updated_at' })
  updatedAt: string;
}
