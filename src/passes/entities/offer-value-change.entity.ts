import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/**
 * One price and euro value an offer had from a moment on: written when the offer is published and
 * at every change of either, so that the treasurer can see what a business claimed and when.
 */
@Entity('offer_value_changes')
export class OfferValueChange {
  @column.PrimaryId() id: string;

  @column.Id('offer_id') offerId: string;

  @column.MinorUnits('price_minor') priceMinor: bigint;

  @column.MinorUnits('euro_value_minor') euroValueMinor: bigint;

  @column.Id('changed_by', { nullable: true }) changedBy: string | null;

  @column.Moment('changed_at') changedAt: string;
}
