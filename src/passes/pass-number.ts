import { assertInvariant } from '../common/errors/domain-error.js';
import { randomInt } from 'node:crypto';

/**
 * Voordeelpas numbers: 12 digits, the last a Luhn check digit (ISO/IEC 7812-1, the scheme of bank
 * cards), so that a mistyped digit or two swapped neighbours at the counter are caught before any
 * lookup. The other 11 digits are random, never sequential: a number says nothing about its holder
 * or about other passes. Printed in groups of four: "4417 0923 6618".
 */
export const PASS_NUMBER_LENGTH = 12;
const PAYLOAD_LENGTH = PASS_NUMBER_LENGTH - 1;
const PRINT_GROUP_LENGTH = 4;
/** People type numbers with spaces or dashes, as printed; those are ignored. */
const SEPARATORS = /[\s-]/g;
const DIGITS_ONLY = /^[0-9]+$/;

/** The Luhn check digit of a string of digits: appended, it makes the whole pass the Luhn test. */
export function luhnCheckDigit(payload: string): number {
  assertInvariant(DIGITS_ONLY.test(payload), 'a Luhn payload consists of digits');
  let sum = 0;
  // From the right: the digit next to the (future) check digit is doubled, then every other one.
  for (let position = 0; position < payload.length; position += 1) {
    let digit = Number(payload[payload.length - 1 - position]);
    if (position % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the Luhn check digit of the others. */
export function hasValidCheckDigit(digits: string): boolean {
  if (digits.length < 2 || !DIGITS_ONLY.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/** A new random pass number; the first digit is never 0, so that no tool drops it as a leading zero. */
export function generatePassNumber(nextDigit: (bound: number) => number = randomInt): string {
  let payload = String(1 + nextDigit(9));
  while (payload.length < PAYLOAD_LENGTH) payload += String(nextDigit(10));
  return payload + String(luhnCheckDigit(payload));
}

/** A pass number from digits that come from elsewhere (demo data): the first 11, plus the check digit. */
export function passNumberFromDigits(digits: string): string {
  const payload = `${1 + (Number(digits[0]) % 9)}${digits.slice(1, PAYLOAD_LENGTH)}`;
  assertInvariant(
    payload.length === PAYLOAD_LENGTH && DIGITS_ONLY.test(payload),
    `need ${PAYLOAD_LENGTH} digits`,
  );
  return payload + String(luhnCheckDigit(payload));
}

/** "441709236618" → "4417 0923 6618", as printed on the pass. */
export function formatPassNumber(number: string): string {
  return number.match(new RegExp(`.{1,${PRINT_GROUP_LENGTH}}`, 'g'))?.join(' ') ?? number;
}

export type PassNumberReading =
  { ok: true; number: string } | { ok: false; reason: 'format' | 'checkDigit' };

/** Reads a pass number as typed or scanned: separators dropped, then length and check digit checked. */
export function readPassNumber(input: string): PassNumberReading {
  const digits = input.replace(SEPARATORS, '');
  if (digits.length !== PASS_NUMBER_LENGTH || !DIGITS_ONLY.test(digits))
    return { ok: false, reason: 'format' };
  if (!hasValidCheckDigit(digits)) return { ok: false, reason: 'checkDigit' };
  return { ok: true, number: digits };
}
