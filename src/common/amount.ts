import { Decimal } from 'decimal.js';
import { InvalidAmountError } from './errors/domain-error.js';

/** Steerkes have two decimals; the database stores integer hundredths ("minor units"). */
export const AMOUNT_DECIMALS = 2;
const MINOR_PER_UNIT = new Decimal(10).pow(AMOUNT_DECIMALS);
/** The largest amount one posting may carry: a billion Steerkes, far above any real budget. */
export const AMOUNT_MAX_MINOR = 100_000_000_000n;
export const AMOUNT_MAX_TEXT = '1000000000.00';

/** Plain decimal notation only: no exponent, no sign but a leading minus, at most two decimals. */
const AMOUNT_PATTERN = /^-?(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/;

export interface AmountRules {
  field?: string;
  /** Zero is refused unless allowed: a movement of nothing is almost always a mistake. */
  allowZero?: boolean;
  allowNegative?: boolean;
}

/** Parses a decimal string such as "12.50" into minor units, refusing anything ambiguous. */
export function parseAmount(text: unknown, rules: AmountRules = {}): bigint {
  const field = rules.field ?? 'amount';
  if (typeof text !== 'string') throw new InvalidAmountError(field, 'not a decimal string');
  if (!AMOUNT_PATTERN.test(text))
    throw new InvalidAmountError(field, 'not a plain decimal with at most two decimals');
  const minor = BigInt(new Decimal(text).times(MINOR_PER_UNIT).toFixed(0));
  if (minor < 0n && !rules.allowNegative) throw new InvalidAmountError(field, 'negative');
  if (minor === 0n && !rules.allowZero) throw new InvalidAmountError(field, 'zero');
  if (minor > AMOUNT_MAX_MINOR || minor < -AMOUNT_MAX_MINOR)
    throw new InvalidAmountError(field, `larger than ${AMOUNT_MAX_TEXT}`);
  return minor;
}

/** True when `text` would be accepted by parseAmount with the given rules. */
export function isValidAmount(text: unknown, rules: AmountRules = {}): boolean {
  try {
    parseAmount(text, rules);
    return true;
  } catch {
    return false;
  }
}

const MINOR_PER_UNIT_BIGINT = 10n ** BigInt(AMOUNT_DECIMALS);

/** Formats minor units as the API's decimal string: 1250n → "12.50", -5n → "-0.05". */
export function formatAmount(minor: bigint): string {
  const negative = minor < 0n;
  const absolute = negative ? -minor : minor;
  const whole = absolute / MINOR_PER_UNIT_BIGINT;
  const fraction = (absolute % MINOR_PER_UNIT_BIGINT).toString().padStart(AMOUNT_DECIMALS, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Decimal view of minor units, for arithmetic such as rates and percentages. */
export function minorToDecimal(minor: bigint): Decimal {
  return new Decimal(minor.toString()).dividedBy(MINOR_PER_UNIT);
}

/** Rounds a decimal amount half-up to whole minor units. */
export function decimalToMinor(amount: Decimal): bigint {
  return BigInt(amount.times(MINOR_PER_UNIT).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}
