import { describe, expect, it } from 'vitest';
import { pageFormatters } from './page-format';

describe('pageFormatters', () => {
  const nl = pageFormatters('nl');
  const en = pageFormatters('en');

  it('writes a calendar date as that day, whatever the time zone of the browser', () => {
    expect(nl.date('2026-11-03')).toBe('3 november 2026');
    expect(en.date('2026-11-03')).toBe('3 November 2026');
    expect(nl.date('2026-01-01')).toBe('1 januari 2026');
  });

  it('writes months long and short', () => {
    expect(nl.month('2026-03')).toBe('maart 2026');
    expect(en.month('2026-03')).toBe('March 2026');
    expect(nl.monthShort('2026-05')).toBe('mei');
  });

  it('writes hours without needless decimals, and statement amounts with their sign', () => {
    expect(nl.hours('2.50')).toBe('2,5');
    expect(en.hours('1.75')).toBe('1.75');
    expect(nl.signedSteerkes('2.50')).toBe('+2,50 STK');
    expect(nl.signedSteerkes('-3.00')).toBe('-3,00 STK');
    expect(en.signedSteerkes('0.00')).toBe('0.00 STK');
  });
});
