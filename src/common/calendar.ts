/** Maastricht's time zone: the day an entry belongs to is the day it is there. */
export const LOCAL_TIME_ZONE = 'Europe/Amsterdam';

const localDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: LOCAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

const MINUTE_MS = 60_000;
/** The last answer, by minute: formatting a date in a time zone is costly, and the date changes only at midnight. */
let lastLocalDate: { minute: number; date: string } | undefined;

/** The calendar date (YYYY-MM-DD) in Maastricht at `moment`. */
export function localDate(moment: Date): string {
  const minute = Math.floor(moment.getTime() / MINUTE_MS);
  if (lastLocalDate?.minute !== minute)
    lastLocalDate = { minute, date: localDateFormat.format(moment) };
  return lastLocalDate.date;
}

/** True for a real date written as YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = CALENDAR_DATE_PATTERN.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

export function isPeriod(text: unknown): text is string {
  return typeof text === 'string' && PERIOD_PATTERN.test(text);
}

/** The month (YYYY-MM) a date belongs to. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

/** The last calendar date of a month: '2026-02' → '2026-02-28'. */
export function lastDayOf(period: string): string {
  const [year, month] = period.split('-').map(Number);
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${period}-${String(day).padStart(2, '0')}`;
}

/** The first calendar date of a month. */
export function firstDayOf(period: string): string {
  return `${period}-01`;
}

/** The day before a date: '2026-03-01' → '2026-02-28'. */
/** The first moment (ISO, UTC) of a calendar date in Maastricht: 22:00 or 23:00 UTC the day before. */
export function startOfLocalDay(date: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const HOUR_MS = 3_600_000;
  // Maastricht is UTC+1 or UTC+2, and clocks change at night, never at midnight.
  for (const hoursEarlier of [2, 1]) {
    const moment = new Date(midnightUtc - hoursEarlier * HOUR_MS);
    if (localDate(moment) === date) return moment.toISOString();
  }
  return new Date(midnightUtc).toISOString();
}

/** The calendar date after `date`. */
export function dayAfter(date: string): string {
  const moment = new Date(`${date}T12:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + 1);
  return moment.toISOString().slice(0, 10);
}

export function dayBefore(date: string): string {
  const moment = new Date(`${date}T12:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() - 1);
  return moment.toISOString().slice(0, 10);
}
