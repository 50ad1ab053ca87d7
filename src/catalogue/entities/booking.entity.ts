import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BookingStatus } from '../catalogue.types.js';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

/** A reservation of a listing by a party, paid through a ledger hold on the booker's account. */
@Entity('catalogue_bookings')
export class Booking {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'listing_id' })
  listingId: string;

  @Column({ type: 'varchar', length: 36, name: 'booker_party_id' })
  bookerPartyId: string;

  /** Copied from the listing, so that a provider's bookings are found without a join. */
  @Column({ type: 'varchar', length: 36, name: 'provider_party_id' })
  providerPartyId: string;

  @Column({ type: 'varchar', length: 32, name: 'starts_at' })
  startsAt: string;

  @Column({ type: 'varchar', length: 32, name: 'ends_at' })
  endsAt: string;

  /** End plus the listing's buffer at booking time: until then the units stay busy. */
  @Column({ type: 'varchar', length: 32, name: 'busy_until' })
  busyUntil: string;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer', nullable: true })
  persons: number | null;

  /** Length in the listing's length unit (minutes, day-parts or days), as priced. */
  @Column({ type: 'integer', name: 'booked_length' })
  bookedLength: number;

  @Column({ type: 'varchar', length: 20 })
  status: BookingStatus;

  @Column({ type: 'bigint', name: 'price_minor', transformer: BIGINT_TRANSFORMER })
  priceMinor: bigint;

  @Column({ type: 'bigint', name: 'deposit_minor', transformer: BIGINT_TRANSFORMER })
  depositMinor: bigint;

  @Column({ type: 'varchar', length: 36, name: 'price_hold_id' })
  priceHoldId: string;

  @Column({ type: 'varchar', length: 36, name: 'deposit_hold_id', nullable: true })
  depositHoldId: string | null;

  /** The terms agreed at booking time: a later change of the listing does not alter them. */
  @Column({ type: 'integer', name: 'free_cancellation_hours' })
  freeCancellationHours: number;

  @Column({ type: 'integer', name: 'cancellation_fee_percent' })
  cancellationFeePercent: number;

  @Column({
    type: 'bigint',
    name: 'late_fee_per_day_minor',
    nullable: true,
    transformer: BIGINT_TRANSFORMER,
  })
  lateFeePerDayMinor: bigint | null;

  /** When the holds release by themselves if nobody settles them. */
  @Column({ type: 'varchar', length: 32, name: 'holds_expire_at' })
  holdsExpireAt: string;

  /** What the provider received of the price (the price, a cancellation fee, the hours given). */
  @Column({
    type: 'bigint',
    name: 'charged_minor',
    nullable: true,
    transformer: BIGINT_TRANSFORMER,
  })
  chargedMinor: bigint | null;

  @Column({
    type: 'bigint',
    name: 'deposit_kept_minor',
    nullable: true,
    transformer: BIGINT_TRANSFORMER,
  })
  depositKeptMinor: bigint | null;

  @Column({
    type: 'bigint',
    name: 'late_fee_minor',
    nullable: true,
    transformer: BIGINT_TRANSFORMER,
  })
  lateFeeMinor: bigint | null;

  /** Administration: hundredths of an hour actually given. */
  /**
   * Paid back to the booker after settlement (POST /bookings/:id/refund), in total. The column's
   * default (0) is the migration's, for bookings made before it; the entity names no default, so
   * that an insert does not read it back untransformed.
   */
  @Column({ type: 'bigint', name: 'refunded_minor', transformer: BIGINT_TRANSFORMER })
  refundedMinor: bigint;

  @Column({ type: 'integer', name: 'hours_given_hundredths', nullable: true })
  hoursGivenHundredths: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** Why it was declined or cancelled, or what was damaged. */
  @Column({ type: 'varchar', length: 500, name: 'resolution_note', nullable: true })
  resolutionNote: string | null;

  @Column({ type: 'varchar', length: 36, name: 'created_by' })
  createdBy: string;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;

  @Column({ type: 'varchar', length: 32, name: 'updated_at' })
  updatedAt: string;
}
