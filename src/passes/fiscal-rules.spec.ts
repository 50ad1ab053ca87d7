import { Decimal } from 'decimal.js';
import { localDate } from '../common/calendar.js';
import {
  ageOn,
  assessFiscal,
  type FiscalLimits,
  fiscalMeasures,
  type FiscalPosition,
  hourlyAmountFor,
  hoursAllowanceMinor,
  limitsApplyingTo,
  percentUsed,
  roomOf,
} from './fiscal-rules.js';

/** The Dutch figures of 2025, in cents. */
const LIMITS_2025: FiscalLimits = {
  year: 2025,
  hourlyAdultMinor: 560n,
  hourlyYoungMinor: 330n,
  adultAge: 21,
  monthlyMinor: 21_000n,
  yearlyMinor: 210_000n,
};

function position(overrides: Partial<FiscalPosition> = {}): FiscalPosition {
  return {
    month: '2026-11',
    year: '2026',
    receivedMonthMinor: 0n,
    receivedYearMinor: 0n,
    approvedHours: new Decimal(1000),
    age: 30,
    ...overrides,
  };
}

describe('fiscal rules', () => {
  describe(limitsApplyingTo.name, () => {
    const rows = [LIMITS_2025, { ...LIMITS_2025, year: 2027, monthlyMinor: 22_000n }];

    it('takes the year’s own row, or carries the latest earlier year forward', () => {
      expect(limitsApplyingTo(2025, rows)?.year).toBe(2025);
      expect(limitsApplyingTo(2026, rows)?.year).toBe(2025);
      expect(limitsApplyingTo(2027, rows)?.monthlyMinor).toBe(22_000n);
      expect(limitsApplyingTo(2030, rows)?.year).toBe(2027);
    });

    it('finds nothing before the first year set', () => {
      expect(limitsApplyingTo(2024, rows)).toBeUndefined();
      expect(limitsApplyingTo(2026, [])).toBeUndefined();
    });
  });

  describe(ageOn.name, () => {
    it('counts whole years, a year older on the birthday itself', () => {
      expect(ageOn('2005-11-23', '2026-11-22')).toBe(20);
      expect(ageOn('2005-11-23', '2026-11-23')).toBe(21);
      expect(ageOn('2005-12-31', '2026-01-01')).toBe(20);
      expect(ageOn('1958-09-02', '2026-11-23')).toBe(68);
    });

    it('makes someone born on 29 February a year older on 1 March in a common year', () => {
      expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
      expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
      expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
    });
  });

  describe(hourlyAmountFor.name, () => {
    it('gives the adult amount from 21, the lower one below 21 and when the age is unknown', () => {
      expect(hourlyAmountFor(LIMITS_2025, 21)).toBe(560n);
      expect(hourlyAmountFor(LIMITS_2025, 68)).toBe(560n);
      expect(hourlyAmountFor(LIMITS_2025, 20)).toBe(330n);
      expect(hourlyAmountFor(LIMITS_2025, null)).toBe(330n);
    });
  });

  describe(hoursAllowanceMinor.name, () => {
    it('multiplies hours by the hourly amount, rounding down to a whole cent', () => {
      expect(hoursAllowanceMinor(new Decimal('12.5'), 560n)).toBe(7_000n);
      expect(hoursAllowanceMinor(new Decimal('0.25'), 330n)).toBe(82n); // 82.5 cents: never a cent too much
      expect(hoursAllowanceMinor(new Decimal(0), 560n)).toBe(0n);
      expect(hoursAllowanceMinor(new Decimal('1').dividedBy(3), 560n)).toBe(186n);
    });
  });

  describe(assessFiscal.name, () => {
    it('allows a benefit up to exactly the limit', () => {
      const measures = fiscalMeasures(
        LIMITS_2025,
        position({ receivedMonthMinor: 20_550n, receivedYearMinor: 20_550n }),
      );
      expect(assessFiscal(measures, 450n).exceeded).toBeNull();
      expect(assessFiscal(measures, 451n).exceeded).toMatchObject({
        limit: 'month',
        limitMinor: 21_000n,
        receivedMinor: 20_550n,
      });
    });

    it('refuses over the month even when the year has room, and over the year even when the month has room', () => {
      const month = fiscalMeasures(
        LIMITS_2025,
        position({ receivedMonthMinor: 21_000n, receivedYearMinor: 21_000n }),
      );
      expect(assessFiscal(month, 1n).exceeded?.limit).toBe('month');
      // December: nothing this month yet, but the year is nearly full.
      const year = fiscalMeasures(
        LIMITS_2025,
        position({ month: '2026-12', receivedMonthMinor: 0n, receivedYearMinor: 209_900n }),
      );
      expect(assessFiscal(year, 200n).exceeded).toMatchObject({ limit: 'year', basis: '2026' });
    });

    it('refuses over approved hours × hourly amount for the age', () => {
      const adult = fiscalMeasures(
        LIMITS_2025,
        position({ approvedHours: new Decimal(2), age: 21 }),
      );
      expect(assessFiscal(adult, 1_120n).exceeded).toBeNull();
      expect(assessFiscal(adult, 1_121n).exceeded).toMatchObject({
        limit: 'hours',
        limitMinor: 1_120n,
        basis: '2.00 × 5.60',
      });
      const young = fiscalMeasures(
        LIMITS_2025,
        position({ approvedHours: new Decimal(2), age: 20 }),
      );
      expect(assessFiscal(young, 661n).exceeded).toMatchObject({
        limit: 'hours',
        limitMinor: 660n,
        basis: '2.00 × 3.30',
      });
      const unknown = fiscalMeasures(
        LIMITS_2025,
        position({ approvedHours: new Decimal(2), age: null }),
      );
      expect(assessFiscal(unknown, 661n).exceeded?.limit).toBe('hours');
    });

    it('refuses anything without approved hours', () => {
      const none = fiscalMeasures(LIMITS_2025, position({ approvedHours: new Decimal(0) }));
      expect(assessFiscal(none, 1n).exceeded).toMatchObject({ limit: 'hours', limitMinor: 0n });
    });

    it('names the limit with the least room when several are broken', () => {
      const measures = fiscalMeasures(
        LIMITS_2025,
        position({
          receivedMonthMinor: 20_000n,
          receivedYearMinor: 20_000n,
          approvedHours: new Decimal(36),
        }),
      );
      // month room 10.00; hours: 36 × 5.60 = 201.60, room 1.60
      expect(assessFiscal(measures, 5_000n).exceeded).toMatchObject({ limit: 'hours' });
      expect(roomOf(assessFiscal(measures, 5_000n).exceeded!)).toBe(160n);
    });

    it('warns from 80 % of a limit, with what was received after the benefit', () => {
      const measures = fiscalMeasures(
        LIMITS_2025,
        position({ receivedMonthMinor: 16_000n, receivedYearMinor: 16_000n }),
      );
      expect(assessFiscal(measures, 799n).warnings).toEqual([]);
      const warned = assessFiscal(measures, 800n).warnings;
      expect(warned).toEqual([expect.objectContaining({ limit: 'month', receivedMinor: 16_800n })]);
      expect(percentUsed(warned[0])).toBe(80);
    });

    it('counts a month’s benefits against that month only, and the year’s against the year', () => {
      // Received 200 in October: November starts afresh for the month, not for the year.
      const november = fiscalMeasures(
        LIMITS_2025,
        position({ month: '2026-11', receivedMonthMinor: 0n, receivedYearMinor: 20_000n }),
      );
      expect(assessFiscal(november, 20_000n).exceeded).toBeNull();
      // A new year starts afresh for both.
      const january = fiscalMeasures(
        LIMITS_2025,
        position({ month: '2027-01', year: '2027', receivedMonthMinor: 0n, receivedYearMinor: 0n }),
      );
      expect(assessFiscal(january, 21_000n).exceeded).toBeNull();
    });
  });

  describe('month and year boundaries in Maastricht time', () => {
    it('puts a redemption late on New Year’s Eve (UTC) in the new year, as Maastricht lives it', () => {
      expect(localDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
      expect(localDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
      expect(localDate(new Date('2026-10-31T22:30:00Z'))).toBe('2026-10-31'); // winter time from 25 October: UTC+1
      expect(localDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // summer time: UTC+2
    });
  });
});
