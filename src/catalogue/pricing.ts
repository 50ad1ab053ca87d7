import { Decimal } from 'decimal.js';
import type { PricingUnit } from './catalogue.types.js';

/**
 * Prices in integer minor units (cents of a Steerke). Fractions (a price per hour for 45 minutes,
 * a fee in percent) are computed with decimal.js and rounded half-up to the cent.
 */

function roundHalfUp(value: Decimal): bigint {
  return BigInt(value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/**
 * The price of a booking: per hour × hours, per day-part × parts, per day × days, per item (the
 * whole loan); always × the quantity. `length` is in the unit's length unit (minutes, day-parts, days).
 */
export function bookingPriceMinor(
  unit: PricingUnit,
  priceMinor: bigint,
  length: number,
  quantity: number,
): bigint {
  const price = new Decimal(priceMinor.toString());
  switch (unit) {
    case 'hour':
      return roundHalfUp(price.times(length).dividedBy(60).times(quantity));
    case 'day_part':
    case 'day':
      return roundHalfUp(price.times(length).times(quantity));
    case 'item':
      return roundHalfUp(price.times(quantity));
  }
}

/** A deposit is per item. */
export function depositMinor(depositPerItemMinor: bigint | null, quantity: number): bigint {
  return depositPerItemMinor === null ? 0n : depositPerItemMinor * BigInt(quantity);
}

/** The fee of a late cancellation: a percentage of the price. */
export function cancellationFeeMinor(priceMinor: bigint, percent: number): bigint {
  return roundHalfUp(new Decimal(priceMinor.toString()).times(percent).dividedBy(100));
}

/**
 * What administration costs for the hours actually given: the held price pro rata of the hours
 * booked (hours in hundredths, the booking's length in minutes), never more than the held price.
 */
export function priceForHoursGivenMinor(
  heldMinor: bigint,
  hoursGivenHundredths: bigint,
  bookedMinutes: number,
): bigint {
  const share = new Decimal(hoursGivenHundredths.toString())
    .times(60)
    .dividedBy(bookedMinutes * 100);
  const price = roundHalfUp(new Decimal(heldMinor.toString()).times(share));
  return price < heldMinor ? price : heldMinor;
}

/** The late fee of materials returned after their end plus buffer: per started day. */
export function lateFeeMinor(
  feePerDayMinor: bigint | null,
  lateDays: number,
  quantity: number,
): bigint {
  return feePerDayMinor === null ? 0n : feePerDayMinor * BigInt(lateDays) * BigInt(quantity);
}
