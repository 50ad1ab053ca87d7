import { localDaysBetween, localIso, localMidnight, parseMoment } from './local-time.js';

describe('catalogue local time (Europe/Amsterdam)', () => {
  it('reads Maastricht wall-clock times, zoned moments and dates', () => {
    expect(parseMoment('2026-11-28T10:00')).toEqual({
      ok: true,
      ms: Date.parse('2026-11-28T09:00:00Z'),
    });
    expect(parseMoment('2026-07-04T10:00')).toEqual({
      ok: true,
      ms: Date.parse('2026-07-04T08:00:00Z'),
    });
    expect(parseMoment('2026-11-28T09:00:00Z')).toEqual({
      ok: true,
      ms: Date.parse('2026-11-28T09:00:00Z'),
    });
    expect(parseMoment('2026-11-28T10:00:00+01:00')).toEqual({
      ok: true,
      ms: Date.parse('2026-11-28T09:00:00Z'),
    });
    expect(parseMoment('2026-11-28')).toEqual({ ok: true, ms: Date.parse('2026-11-27T23:00:00Z') });
  });

  it('refuses a wall-clock time the clock skips when summer time starts, and nonsense', () => {
    expect(parseMoment('2026-03-29T02:30')).toEqual({ ok: false, code: 'LOCAL_TIME_INVALID' });
    expect(parseMoment('2026-03-29T03:00')).toEqual({
      ok: true,
      ms: Date.parse('2026-03-29T01:00:00Z'),
    });
    for (const text of [
      'tomorrow',
      '2026-02-30',
      '2026-11-28T25:00',
      '1700000000',
      42,
      null,
      '2026-11-28T10:00:00+1',
    ]) {
      expect(parseMoment(text)).toEqual({
        ok: false,
        code: expect.stringMatching(/MOMENT_INVALID|LOCAL_TIME_INVALID/),
      });
    }
  });

  it('counts a 23-hour and a 25-hour day as one day each', () => {
    expect(localDaysBetween(localMidnight('2026-03-29'), localMidnight('2026-03-30'))).toBe(1);
    expect(localMidnight('2026-03-30') - localMidnight('2026-03-29')).toBe(23 * 3600_000);
    expect(localDaysBetween(localMidnight('2026-10-25'), localMidnight('2026-10-26'))).toBe(1);
    expect(localMidnight('2026-10-26') - localMidnight('2026-10-25')).toBe(25 * 3600_000);
    expect(localDaysBetween(localMidnight('2026-03-27'), localMidnight('2026-04-01'))).toBe(5);
  });

  it('shows moments with their Maastricht offset', () => {
    expect(localIso(Date.parse('2026-11-28T09:00:00Z'))).toBe('2026-11-28T10:00:00+01:00');
    expect(localIso(Date.parse('2026-07-04T08:00:00Z'))).toBe('2026-07-04T10:00:00+02:00');
  });
});
