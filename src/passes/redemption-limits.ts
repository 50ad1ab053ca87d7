/**
 * The limits a redemption must respect besides the fiscal ones, free of storage and time: the
 * offer's stock, the offer's per-pass limit over a period, and the pass's daily Steerkes limit.
 * Dates are Maastricht calendar dates (YYYY-MM-DD).
 */

/** Periods an offer's per-pass limit can count over; `validity`: the offer's whole life. */
export const PER_PASS_PERIODS = ['day', 'week', 'month', 'year', 'validity'] as const;
export type PerPassPeriod = (typeof PER_PASS_PERIODS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const BEGINNING_OF_TIME = '0000-01-01';

function toUtcDate(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

export function addDays(date: string, days: number): string {
  return new Date(toUtcDate(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const lastDayOfMonth = new Date(Date.UTC(year + years, month, 0)).getUTCDate();
  return `${String(year + years).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDayOfMonth)).padStart(2, '0')}`;
}

/** The first day of the period that `date` lies in; weeks start on Monday, as in the Netherlands. */
export function periodStart(period: PerPassPeriod, date: string): string {
  switch (period) {
    case 'day':
      return date;
    case 'week': {
      const daysSinceMonday = (toUtcDate(date).getUTCDay() + 6) % 7;
      return addDays(date, -daysSinceMonday);
    }
    case 'month':
      return `${date.slice(0, 7)}-01`;
    case 'year':
      return `${date.slice(0, 4)}-01-01`;
    case 'validity':
      return BEGINNING_OF_TIME;
  }
}

/** Stock left after taking `quantity`, or null when the offer has no stock (unlimited). Negative: not enough. */
export function stockAfter(stockRemaining: number | null, quantity: number): number | null {
  return stockRemaining === null ? null : stockRemaining - quantity;
}

/** How many more the pass may take within the per-pass limit; Infinity without a limit. */
export function perPassRoom(limitQuantity: number | null, alreadyTaken: number): number {
  if (limitQuantity === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, limitQuantity - alreadyTaken);
}

/** Steerkes the pass may still spend today under its daily limit. */
export function dailyRoomMinor(dailyLimitMinor: bigint, spentTodayMinor: bigint): bigint {
  const room = dailyLimitMinor - spentTodayMinor;
  return room > 0n ? room : 0n;
}
