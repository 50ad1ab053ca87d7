import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

/**
 * One price and euro value an offer had from a moment on: written when the offer is published and
 * at every change of either, so that the treasurer can see what a business claimed and when.
 */
@Entity('offer_value_changes')
export class OfferValueChange {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'offer_id' })
  offerId: string;

  @Column({ type: 'bigint', name: 'price_minor', transformer: BIGINT_TRANSFORMER })
  priceMinor: bigint;

  @Column({ type: 'bigint', name: 'euro_value_minor', transformer: BIGINT_TRANSFORMER })
  euroValueMinor: bigint;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'changed_by' })
  changedBy: string | null;

  @Column({ type: 'varchar', length: 32, name: 'changed_at' })
  changedAt: string;
}
