import { describe, expect, it } from 'vitest';
import { columnAmount, shortDate } from './short-date';

describe('shortDate', () => {
  it('is the day as written in each language, never shifted by a time zone', () => {
    expect(shortDate('nl', '2026-12-03')).toBe('03-12-2026');
    expect(shortDate('en', '2026-12-03')).toBe('03/12/2026');
    expect(shortDate('nl', '2026-01-01')).toBe('01-01-2026');
  });
});

describe('columnAmount', () => {
  it('is the number alone, with its sign when asked', () => {
    expect(columnAmount('nl', '-2.00', true)).toBe('-2,00');
    expect(columnAmount('en', '2.5', true)).toBe('+2.50');
    expect(columnAmount('nl', '1234.5')).toBe('1.234,50');
  });
});
