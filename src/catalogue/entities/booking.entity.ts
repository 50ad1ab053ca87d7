import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';
import type { BookingStatus } from '../catalogue.types.js';

/** A reservation of a listing by a party, paid through a ledger hold on the booker's account. */
@Entity('catalogue_bookings')
export class Booking {
  @column.PrimaryId() id: string;

  @column.Id('listing_id') listingId: string;

  @column.Id('booker_party_id') bookerPartyId: string;

  /** Copied from the listing, so that a provider's bookings are found without a join. */
  @column.Id('provider_party_id') providerPartyId: string;

  @column.Moment('starts_at') startsAt: string;

  @column.Moment('ends_at') endsAt: string;

  /** End plus the listing's buffer at booking time: until then the units stay busy. */
  @column.Text(32, 'busy_until') busyUntil: string;

  @column.Integer() quantity: number;

  @column.Integer(undefined, { nullable: true }) persons: number | null;

  /** Length in the listing's length unit (minutes, day-parts or days), as priced. */
  @column.Integer('booked_length') bookedLength: number;

  @column.Text(20) status: BookingStatus;

  @column.MinorUnits('price_minor') priceMinor: bigint;

  @column.MinorUnits('deposit_minor') depositMinor: bigint;

  @column.Id('price_hold_id') priceHoldId: string;

  @column.Id('deposit_hold_id', { nullable: true }) depositHoldId: string | null;

  /** The terms agreed at booking time: a later change of the listing does not alter them. */
  @column.Integer('free_cancellation_hours') freeCancellationHours: number;

  @column.Integer('cancellation_fee_percent') cancellationFeePercent: number;

  @column.MinorUnits('late_fee_per_day_minor', { nullable: true }) lateFeePerDayMinor:
    bigint | null;

  /** When the holds release by themselves if nobody settles them. */
  @column.Moment('holds_expire_at') holdsExpireAt: string;

  /** What the provider received of the price (the price, a cancellation fee, the hours given). */
  @column.MinorUnits('charged_minor', { nullable: true }) chargedMinor: bigint | null;

  @column.MinorUnits('deposit_kept_minor', { nullable: true }) depositKeptMinor: bigint | null;

  @column.MinorUnits('late_fee_minor', { nullable: true }) lateFeeMinor: bigint | null;

  /**
   * Paid back to the booker after settlement (POST /bookings/:id/refund), in total. The column's
   * default (0) is the migration's, for bookings made before it; the entity names no default, so
   * that an insert does not read it back untransformed.
   */
  @column.MinorUnits('refunded_minor') refundedMinor: bigint;

  /** Administration: hundredths of an hour actually given. */
  @column.Integer('hours_given_hundredths', { nullable: true }) hoursGivenHundredths: number | null;

  @column.Text(500, undefined, { nullable: true }) note: string | null;

  /** Why it was declined or cancelled, or what was damaged. */
  @column.Text(500, 'resolution_note', { nullable: true }) resolutionNote: string | null;

  @column.Id('created_by') createdBy: string;

  @column.Moment('created_at') createdAt: string;

  @column.Moment('updated_at') updatedAt: string;
}
