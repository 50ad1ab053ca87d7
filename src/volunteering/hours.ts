import { Decimal } from 'decimal.js';
import { decimalToMinor, minorToDecimal } from '../common/amount.js';
import { CLAIM_HOURS_MAX, CLAIM_STEP_MINUTES, MINUTES_PER_HOUR } from './volunteering.limits.js';

/** Hours as text: whole hours with at most two decimals ("2", "2.5", "2.25"). */
const HOURS_TEXT_PATTERN = /^(0|[1-9][0-9]?)(\.[0-9]{1,2})?$/;

/**
 * Reads hours given as a decimal string ("2.50") or a JSON number (2.5) into whole minutes, or
 * undefined when they are not a positive number of quarter hours of at most a day. Decimal
 * arithmetic throughout: 0.1 + 0.2 never enters a claim.
 */
export function parseHours(value: unknown): number | undefined {
  let hours: Decimal;
  if (typeof value === 'string' && HOURS_TEXT_PATTERN.test(value)) hours = new Decimal(value);
  else if (typeof value === 'number' && Number.isFinite(value)) hours = new Decimal(value);
  else return undefined;
  const minutes = hours.times(MINUTES_PER_HOUR);
  if (!minutes.isInteger() || minutes.lte(0) || minutes.gt(CLAIM_HOURS_MAX * MINUTES_PER_HOUR))
    return undefined;
  if (minutes.modulo(CLAIM_STEP_MINUTES).gt(0)) return undefined;
  return minutes.toNumber();
}

export function isValidHours(value: unknown): boolean {
  return parseHours(value) !== undefined;
}

/** Minutes as the API shows hours: "2.25". Quarter hours always fit two decimals exactly. */
export function formatHours(minutes: number): string {
  return minutesToHours(minutes).toFixed(2);
}

export function minutesToHours(minutes: number): Decimal {
  return new Decimal(minutes).dividedBy(MINUTES_PER_HOUR);
}

/** What hours are worth at a rate (minor units per hour): hours × rate, rounded half-up to the cent. */
export function paymentFor(minutes: number, rateMinor: bigint): bigint {
  return decimalToMinor(minutesToHours(minutes).times(minorToDecimal(rateMinor)));
}
