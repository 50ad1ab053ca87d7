import { describe, expect, it } from 'vitest';
import { monthRange, monthsBack, todayInMaastricht } from './calendar';

describe('calendar', () => {
  it('counts the day in Maastricht, not in UTC', () => {
    expect(todayInMaastricht(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayInMaastricht(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(todayInMaastricht(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('lists months back across a new year', () => {
    expect(monthsBack('2026-02-14', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });

  it('gives a month its first and last day and the day before, leap years included', () => {
    expect(monthRange('2028-02')).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
      dayBefore: '2028-01-31',
    });
    expect(monthRange('2026-01')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      dayBefore: '2025-12-31',
    });
    expect(monthRange('2026-11')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      dayBefore: '2026-10-31',
    });
  });
});
