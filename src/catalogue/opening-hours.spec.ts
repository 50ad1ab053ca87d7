import { isValidOpeningHours, liesWithin, openSpans } from './opening-hours.js';

const at = (iso: string) => Date.parse(iso);

describe('opening hours', () => {
  it('accepts ordered spans per weekday and refuses anything else', () => {
    expect(
      isValidOpeningHours({
        mon: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
        sat: [['10:00', '24:00']],
      }),
    ).toBe(true);
    expect(isValidOpeningHours({})).toBe(true);
    for (const invalid of [
      { monday: [['09:00', '17:00']] },
      { mon: [['17:00', '09:00']] },
      {
        mon: [
          ['09:00', '12:00'],
          ['11:00', '13:00'],
        ],
      },
      { mon: [['9:00', '17:00']] },
      { mon: [['24:00', '24:00']] },
      { mon: [['09:00']] },
      { mon: 'always' },
      [['09:00', '17:00']],
      'open',
    ]) {
      expect(isValidOpeningHours(invalid)).toBe(false);
    }
  });

  it('follows local time across the start of summer time', () => {
    const hours = {
      sat: [['09:00', '17:00']] as Array<[string, string]>,
      sun: [['09:00', '17:00']] as Array<[string, string]>,
    };
    const spans = openSpans(hours, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'));
    expect(spans).toEqual([
      { start: at('2026-03-28T08:00:00Z'), end: at('2026-03-28T16:00:00Z') }, // Saturday, UTC+1
      { start: at('2026-03-29T07:00:00Z'), end: at('2026-03-29T15:00:00Z') }, // Sunday, summer time: UTC+2
    ]);
  });

  it('follows local time across the end of summer time, and merges a span that runs past midnight', () => {
    const hours = {
      sat: [['20:00', '24:00']] as Array<[string, string]>,
      sun: [
        ['00:00', '02:00'],
        ['10:00', '12:00'],
      ] as Array<[string, string]>,
    };
    const spans = openSpans(hours, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'));
    expect(spans).toEqual([
      { start: at('2026-10-24T18:00:00Z'), end: at('2026-10-25T00:00:00Z') }, // 20:00 CEST to 02:00 CEST in one piece
      { start: at('2026-10-25T09:00:00Z'), end: at('2026-10-25T11:00:00Z') }, // after the change: UTC+1
    ]);
    expect(liesWithin(spans, at('2026-10-24T21:00:00Z'), at('2026-10-24T23:00:00Z'))).toBe(true);
    expect(liesWithin(spans, at('2026-10-25T08:30:00Z'), at('2026-10-25T09:30:00Z'))).toBe(false);
  });

  it('is always open without opening hours', () => {
    expect(openSpans(null, 0, 1000)).toEqual([{ start: 0, end: 1000 }]);
  });
});
