import {
  dayAfter,
  dayBefore,
  isCalendarDate,
  isPeriod,
  lastDayOf,
  localDate,
  periodOf,
  startOfLocalDay,
} from './calendar.js';

describe('calendar', () => {
  it('gives the Maastricht date, which differs from UTC around midnight', () => {
    expect(localDate(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01'); // CEST, UTC+2
    expect(localDate(new Date('2026-01-31T23:30:00Z'))).toBe('2026-02-01'); // CET, UTC+1
    expect(localDate(new Date('2026-01-31T22:59:00Z'))).toBe('2026-01-31');
  });

  it('accepts only real dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-01')).toBe(false);
    expect(isCalendarDate(20260201)).toBe(false);
  });

  it('reads periods', () => {
    expect(isPeriod('2026-11')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(periodOf('2026-11-23')).toBe('2026-11');
  });

  it('knows month ends, leap years and the day before', () => {
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
  });

  it('knows the first moment of a day in Maastricht, in winter and in summer, and the day after', () => {
    expect(startOfLocalDay('2026-11-23')).toBe('2026-11-22T23:00:00.000Z');
    expect(startOfLocalDay('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfLocalDay('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayAfter('2026-02-28')).toBe('2026-03-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
  });
});
