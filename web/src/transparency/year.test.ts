import { describe, expect, it } from 'vitest';
import { parseYear, thisYear, yearsOffered } from './year';

describe('the year of the transparency page', () => {
  it('reads a year from the path or ?jaar=, and nothing else', () => {
    expect(parseYear('2026')).toBe(2026);
    expect(parseYear(' 2025 ')).toBe(2025);
    expect(parseYear('1999')).toBeNull();
    expect(parseYear('2101')).toBeNull();
    expect(parseYear('26')).toBeNull();
    expect(parseYear('2026a')).toBeNull();
    expect(parseYear(null)).toBeNull();
    expect(parseYear(undefined)).toBeNull();
  });

  it('is Maastricht’s year: New Year’s Eve at 23:30 UTC is already the next year there', () => {
    expect(thisYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(thisYear(new Date('2026-06-01T12:00:00Z'))).toBe(2026);
  });

  it('offers this year and four before it, newest first, and keeps a chosen older year', () => {
    expect(yearsOffered(2026, 2026)).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(yearsOffered(2026, 2010)).toEqual([2026, 2025, 2024, 2023, 2022, 2010]);
  });
});
