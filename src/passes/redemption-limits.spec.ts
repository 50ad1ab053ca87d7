import {
  addDays,
  addYears,
  dailyRoomMinor,
  perPassRoom,
  periodStart,
  stockAfter,
} from './redemption-limits.js';

describe('redemption limits', () => {
  describe(periodStart.name, () => {
    it('starts a day, a week (Monday), a month and a year as the calendar does', () => {
      expect(periodStart('day', '2026-11-25')).toBe('2026-11-25');
      expect(periodStart('week', '2026-11-25')).toBe('2026-11-23'); // Wednesday → Monday
      expect(periodStart('week', '2026-11-23')).toBe('2026-11-23'); // Monday itself
      expect(periodStart('week', '2026-11-29')).toBe('2026-11-23'); // Sunday belongs to the week before
      expect(periodStart('week', '2027-01-01')).toBe('2026-12-28'); // across the year
      expect(periodStart('month', '2026-11-25')).toBe('2026-11-01');
      expect(periodStart('year', '2026-11-25')).toBe('2026-01-01');
      expect(periodStart('validity', '2026-11-25') < '2000-01-01').toBe(true);
    });
  });

  describe(addYears.name, () => {
    it('keeps the day, except 29 February in a common year', () => {
      expect(addYears('2026-11-23', 2)).toBe('2028-11-23');
      expect(addYears('2028-02-29', 2)).toBe('2030-02-28');
      expect(addDays(addYears('2026-11-23', 2), -1)).toBe('2028-11-22');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    });
  });

  describe(stockAfter.name, () => {
    it('takes from a stock, and leaves an offer without stock unlimited', () => {
      expect(stockAfter(3, 2)).toBe(1);
      expect(stockAfter(1, 2)).toBe(-1);
      expect(stockAfter(null, 20)).toBeNull();
    });
  });

  describe(perPassRoom.name, () => {
    it('is what the limit leaves, never negative, unbounded without a limit', () => {
      expect(perPassRoom(1, 0)).toBe(1);
      expect(perPassRoom(1, 1)).toBe(0);
      expect(perPassRoom(2, 5)).toBe(0);
      expect(perPassRoom(null, 99)).toBe(Number.POSITIVE_INFINITY);
    });
  });

  describe(dailyRoomMinor.name, () => {
    it('is the daily limit less what was spent today, never negative', () => {
      expect(dailyRoomMinor(2_500n, 0n)).toBe(2_500n);
      expect(dailyRoomMinor(2_500n, 2_000n)).toBe(500n);
      expect(dailyRoomMinor(2_500n, 3_000n)).toBe(0n);
    });
  });
});
