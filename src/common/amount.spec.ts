import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { AMOUNT_MAX_MINOR, decimalToMinor, formatAmount, parseAmount } from './amount.js';
import { InvalidAmountError } from './errors/domain-error.js';

describe(parseAmount.name, () => {
  it.each([
    ['12.50', 1250n],
    ['0.01', 1n],
    ['7', 700n],
    ['7.5', 750n],
    ['1000000000.00', AMOUNT_MAX_MINOR],
  ])('parses %p as %p minor units', (text, minor) => {
    expect(parseAmount(text)).toBe(minor);
  });

  it.each([
    ['12.345', 'three decimals'],
    ['1e3', 'exponent'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['', 'empty'],
    [' 1.00', 'leading space'],
    ['+1.00', 'plus sign'],
    ['01.00', 'leading zero'],
    ['1.', 'dangling point'],
    ['.5', 'no integer part'],
    ['1,50', 'decimal comma'],
    ['0x10', 'hexadecimal'],
    ['1000000000.01', 'over the maximum'],
    ['99999999999999999999', 'absurdly large'],
    ['0', 'zero'],
    ['0.00', 'zero with decimals'],
    ['-1.00', 'negative'],
  ])('refuses %p (%s)', (text) => {
    expect(() => parseAmount(text)).toThrow(InvalidAmountError);
  });

  it('refuses values that are not strings', () => {
    for (const value of [12.5, null, undefined, {}, [], true]) {
      expect(() => parseAmount(value)).toThrow(InvalidAmountError);
    }
  });

  it('accepts zero and negatives only when asked', () => {
    expect(parseAmount('0.00', { allowZero: true })).toBe(0n);
    expect(parseAmount('-2.05', { allowNegative: true })).toBe(-205n);
  });

  it('round-trips every minor amount through formatAmount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -AMOUNT_MAX_MINOR, max: AMOUNT_MAX_MINOR }), (minor) => {
        expect(parseAmount(formatAmount(minor), { allowZero: true, allowNegative: true })).toBe(
          minor,
        );
      }),
    );
  });
});

describe(formatAmount.name, () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [1250n, '12.50'],
    [-123456n, '-1234.56'],
  ])('formats %p as %p', (minor, text) => {
    expect(formatAmount(minor)).toBe(text);
  });
});

describe(decimalToMinor.name, () => {
  it('rounds half up to whole cents', () => {
    expect(decimalToMinor(new Decimal('1.005'))).toBe(101n);
    expect(decimalToMinor(new Decimal('1.004'))).toBe(100n);
  });
});
