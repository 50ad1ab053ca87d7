/**
 * Voordeelpas numbers as the server checks them (src/passes/pass-number.ts): 12 digits, the last a
 * Luhn check digit; spaces and dashes as printed are ignored. Checked as the operator types, so a
 * typo is caught before anything is sent.
 */
export const PASS_NUMBER_LENGTH = 12;
const SEPARATORS = /[\s-]/g;
const DIGITS_ONLY = /^[0-9]*$/;
const PRINT_GROUP = /.{1,4}/g;

export type PassNumberCheck =
  | { status: 'empty' }
  | { status: 'notDigits' }
  | { status: 'incomplete'; missing: number }
  | { status: 'tooLong'; length: number }
  | { status: 'checkDigit' }
  | { status: 'valid'; number: string };

export function luhnCheckDigit(payload: string): number {
  let sum = 0;
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

export function checkPassNumber(input: string): PassNumberCheck {
  const digits = input.replace(SEPARATORS, '');
  if (digits === '') return { status: 'empty' };
  if (!DIGITS_ONLY.test(digits)) return { status: 'notDigits' };
  if (digits.length < PASS_NUMBER_LENGTH)
    return { status: 'incomplete', missing: PASS_NUMBER_LENGTH - digits.length };
  if (digits.length > PASS_NUMBER_LENGTH) return { status: 'tooLong', length: digits.length };
  if (luhnCheckDigit(digits.slice(0, -1)) !== Number(digits[digits.length - 1]))
    return { status: 'checkDigit' };
  return { status: 'valid', number: digits };
}

/** "441709236618" → "4417 0923 6618". */
export function groupPassNumber(number: string): string {
  return number.match(PRINT_GROUP)?.join(' ') ?? number;
}
