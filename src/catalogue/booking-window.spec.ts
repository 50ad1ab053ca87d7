import type { Occupancy } from './availability.js';
import { lengthOf, nearestFreeWindow, windowProblems, type WindowRules } from './booking-window.js';
import { localMidnight, parseMoment } from './local-time.js';

const local = (text: string) => {
  const parsed = parseMoment(text);
  if (!parsed.ok) throw new Error(`bad moment ${text}`);
  return parsed.ms;
};
const codes = (problems: Array<{ code: string }>) => problems.map((problem) => problem.code);
const NOW = Date.parse('2026-03-20T09:00:00Z');
const WEEKDAYS_9_TO_17 = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  sat: [['09:00', '17:00']],
  sun: [['09:00', '17:00']],
} as WindowRules['openingHours'];

const room: WindowRules = {
  pricingUnit: 'hour',
  quantity: 1,
  bufferMinutes: 30,
  minLength: 60,
  maxLength: 240,
  openingHours: WEEKDAYS_9_TO_17,
};
const hall: WindowRules = {
  pricingUnit: 'day_part',
  quantity: 1,
  bufferMinutes: 0,
  minLength: 1,
  maxLength: null,
  openingHours: { sun: [['08:00', '17:00']] },
};
const tents: WindowRules = {
  pricingUnit: 'day',
  quantity: 4,
  bufferMinutes: 24 * 60,
  minLength: 1,
  maxLength: 7,
  openingHours: { sat: [['10:00', '12:00']] },
};

describe('booking windows', () => {
  it('checks hourly windows against local opening hours on the day summer time starts', () => {
    // Sunday 29 March 2026: 09:00–17:00 local is 07:00–15:00 UTC.
    expect(windowProblems(room, local('2026-03-29T09:00'), local('2026-03-29T11:00'), NOW)).toEqual(
      [],
    );
    expect(
      windowProblems(
        room,
        Date.parse('2026-03-29T07:00:00Z'),
        Date.parse('2026-03-29T09:00:00Z'),
        NOW,
      ),
    ).toEqual([]);
    expect(
      codes(
        windowProblems(
          room,
          Date.parse('2026-03-29T06:00:00Z'),
          Date.parse('2026-03-29T08:00:00Z'),
          NOW,
        ),
      ),
    ).toEqual(['OUTSIDE_OPENING_HOURS']);
    // The day before, the same UTC hours are 08:00–10:00 local: half before opening.
    expect(
      codes(
        windowProblems(
          room,
          Date.parse('2026-03-28T07:00:00Z'),
          Date.parse('2026-03-28T09:00:00Z'),
          NOW,
        ),
      ),
    ).toEqual(['OUTSIDE_OPENING_HOURS']);
    expect(lengthOf(room, local('2026-03-29T09:00'), local('2026-03-29T11:00'))).toBe(120);
  });

  it('refuses hourly windows off the quarter hour, too short, too long, or in the past', () => {
    expect(
      codes(windowProblems(room, local('2026-03-23T09:10'), local('2026-03-23T11:10'), NOW)),
    ).toEqual(['WINDOW_NOT_ON_QUARTER_HOURS']);
    expect(
      codes(windowProblems(room, local('2026-03-23T09:00'), local('2026-03-23T09:45'), NOW)),
    ).toEqual(['WINDOW_TOO_SHORT']);
    expect(
      codes(windowProblems(room, local('2026-03-23T09:00'), local('2026-03-23T13:15'), NOW)),
    ).toEqual(['WINDOW_TOO_LONG']);
    expect(
      codes(windowProblems(room, local('2026-03-16T09:00'), local('2026-03-16T11:00'), NOW)),
    ).toEqual(['START_IN_PAST']);
    expect(
      codes(windowProblems(room, local('2026-03-23T11:00'), local('2026-03-23T09:00'), NOW)),
    ).toEqual(['END_NOT_AFTER_START']);
    expect(
      codes(windowProblems(room, local('2027-03-22T09:00'), local('2027-03-22T11:00'), NOW)),
    ).toEqual(['START_TOO_FAR_AHEAD']);
  });

  it('books day-parts of one day, each inside opening hours', () => {
    expect(lengthOf(hall, local('2026-03-29T08:00'), local('2026-03-29T17:00'))).toBe(2);
    expect(windowProblems(hall, local('2026-03-29T08:00'), local('2026-03-29T17:00'), NOW)).toEqual(
      [],
    );
    expect(
      codes(windowProblems(hall, local('2026-03-29T13:00'), local('2026-03-29T23:00'), NOW)),
    ).toEqual(['OUTSIDE_OPENING_HOURS']);
    expect(
      codes(windowProblems(hall, local('2026-03-29T09:00'), local('2026-03-29T12:00'), NOW)),
    ).toEqual(['WINDOW_NOT_DAY_PARTS']);
  });

  it('lends whole local days, 23 hours long when summer time starts', () => {
    expect(lengthOf(tents, localMidnight('2026-03-28'), localMidnight('2026-03-30'))).toBe(2);
    expect(localMidnight('2026-03-30') - localMidnight('2026-03-28')).toBe(47 * 3600_000);
    expect(
      windowProblems(tents, localMidnight('2026-03-28'), localMidnight('2026-03-30'), NOW),
    ).toEqual([]);
    // Opening hours are for pick-up, not the loan: a Sunday is fine.
    expect(
      windowProblems(tents, localMidnight('2026-03-29'), localMidnight('2026-03-30'), NOW),
    ).toEqual([]);
    expect(
      codes(
        windowProblems(tents, Date.parse('2026-03-28T00:00:00Z'), localMidnight('2026-03-30'), NOW),
      ),
    ).toEqual(['WINDOW_NOT_WHOLE_DAYS']);
    expect(
      codes(windowProblems(tents, localMidnight('2026-03-21'), localMidnight('2026-03-30'), NOW)),
    ).toEqual(['WINDOW_TOO_LONG']);
    // Today may be booked from its midnight on.
    expect(
      windowProblems(tents, localMidnight('2026-03-20'), localMidnight('2026-03-21'), NOW),
    ).toEqual([]);
  });

  it('proposes the nearest free window of the same length, buffer and opening hours respected', () => {
    // Booked Monday 10:00–12:00, busy with its buffer until 12:30.
    const booked: Occupancy[] = [
      { start: local('2026-03-23T10:00'), end: local('2026-03-23T12:30'), units: 1 },
    ];
    const suggestion = nearestFreeWindow(
      room,
      booked,
      1,
      local('2026-03-23T11:00'),
      local('2026-03-23T13:00'),
      NOW,
    );
    expect(suggestion).toEqual({
      start: local('2026-03-23T12:30'),
      end: local('2026-03-23T14:30'),
    });
    // 09:00–10:00 would be as near, but its own buffer runs into the 10:00 booking.
    const shorter = nearestFreeWindow(
      room,
      booked,
      1,
      local('2026-03-23T10:30'),
      local('2026-03-23T11:30'),
      NOW,
    );
    expect(shorter).toEqual({ start: local('2026-03-23T12:30'), end: local('2026-03-23T13:30') });
  });

  it('proposes the next days for whole-day loans when all units are taken, and none when nothing is free', () => {
    const allOut: Occupancy[] = [
      { start: localMidnight('2026-03-27'), end: localMidnight('2026-03-30'), units: 4 },
    ];
    const suggestion = nearestFreeWindow(
      tents,
      allOut,
      1,
      localMidnight('2026-03-28'),
      localMidnight('2026-03-29'),
      NOW,
    );
    // Busy until the 30th (buffer included); before the 27th only the 25th fits with its buffer day, further away.
    expect(suggestion).toEqual({
      start: localMidnight('2026-03-30'),
      end: localMidnight('2026-03-31'),
    });
    const forever: Occupancy[] = [{ start: NOW, end: Number.POSITIVE_INFINITY, units: 4 }];
    expect(
      nearestFreeWindow(
        tents,
        forever,
        1,
        localMidnight('2026-03-28'),
        localMidnight('2026-03-29'),
        NOW,
      ),
    ).toBeUndefined();
  });
});
