import { describe, expect, it } from 'vitest';
import { isAbove, normaliseAmount } from './amount';

describe('normaliseAmount', () => {
  it('takes a comma or a point and writes two decimals', () => {
    expect(normaliseAmount('2,5')).toBe('2.50');
    expect(normaliseAmount(' 3.25 ')).toBe('3.25');
    expect(normaliseAmount('007')).toBe('7.00');
  });
  it('refuses nothing, zero, words and three decimals', () => {
    for (const text of ['', '0', '0,00', 'vijf', '1.234', '-2'])
      expect(normaliseAmount(text)).toBeNull();
  });
});

describe('isAbove', () => {
  it('compares in cents', () => {
    expect(isAbove('5.01', '5.00')).toBe(true);
    expect(isAbove('5.00', '5.00')).toBe(false);
    expect(isAbove('0.30', '0.29')).toBe(true);
  });
});
