import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';
import type { PerPassPeriod } from '../redemption-limits.js';

export const OFFER_STATUSES = ['active', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** A benefit a business gives for Steerkes, in Dutch and English. */
@Entity('offers')
export class Offer {
  @column.PrimaryId() id: string;

  @column.Id('business_party_id') businessPartyId: string;

  @column.Text(120, 'title_nl') titleNl: string;

  @column.Text(120, 'title_en') titleEn: string;

  @column.Text(1000, 'description_nl') descriptionNl: string;

  @column.Text(1000, 'description_en') descriptionEn: string;

  /** Price of one, in hundredths of a Steerke. */
  @column.MinorUnits('price_minor') priceMinor: bigint;

  /** Euro value of one to the volunteer, in cents: what the fiscal guardrail counts. */
  @column.MinorUnits('euro_value_minor') euroValueMinor: bigint;

  @column.CalendarDate('valid_from') validFrom: string;

  /** Last day (inclusive); null: until withdrawn. */
  @column.CalendarDate('valid_until', { nullable: true }) validUntil: string | null;

  /** What is left to redeem; null: no stock kept (unlimited). */
  @column.Integer('stock_remaining', { nullable: true }) stockRemaining: number | null;

  /** At most this many per pass holder per period; null: no limit. */
  @column.Integer('per_pass_limit', { nullable: true }) perPassLimit: number | null;

  @column.Text(10, 'per_pass_period', { nullable: true }) perPassPeriod: PerPassPeriod | null;

  @column.Text(10) status: OfferStatus;

  @column.Id('created_by', { nullable: true }) createdBy: string | null;

  @column.Moment('created_at') createdAt: string;

  @column.Moment('updated_at') updatedAt: string;
}
