import { DateTime } from 'luxon';
import { LOCAL_TIME_ZONE } from '../common/calendar.js';

/**
 * Maastricht local time for the catalogue. Moments are kept as epoch milliseconds inside the
 * module and as UTC ISO strings in the database; opening hours, day-parts and whole days are
 * local (Europe/Amsterdam), so a day may last 23 or 25 hours.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Longer than any moment the patterns below allow (a zoned one with nine decimals has 35). */
export const MOMENT_LENGTH_MAX = 40;
const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const ZONED_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
export const TIME_OF_DAY_SCHEMA_PATTERN = TIME_OF_DAY_PATTERN.source;

export type MomentParse =
  { ok: true; ms: number } | { ok: false; code: 'MOMENT_INVALID' | 'LOCAL_TIME_INVALID' };

/**
 * Reads a moment as a client may write it: with Z or an offset ("2026-11-28T09:00:00Z"), as a
 * Maastricht wall-clock time without offset ("2026-11-28T10:00"), or as a date, meaning local
 * midnight ("2026-11-28"). A wall-clock time that does not exist (the hour skipped when summer
 * time starts) is refused rather than shifted.
 */
export function parseMoment(text: unknown): MomentParse {
  if (typeof text !== 'string' || text.length > MOMENT_LENGTH_MAX)
    return { ok: false, code: 'MOMENT_INVALID' };
  if (ZONED_PATTERN.test(text)) {
    const moment = DateTime.fromISO(text, { setZone: true });
    return moment.isValid
      ? { ok: true, ms: moment.toMillis() }
      : { ok: false, code: 'MOMENT_INVALID' };
  }
  if (DATE_PATTERN.test(text) || LOCAL_DATE_TIME_PATTERN.test(text)) {
    const moment = DateTime.fromISO(text, { zone: LOCAL_TIME_ZONE });
    if (!moment.isValid) return { ok: false, code: 'MOMENT_INVALID' };
    // Luxon moves a skipped wall-clock time forward; compare to see whether it had to.
    const written = DATE_PATTERN.test(text) ? `${text}T00:00` : text.slice(0, 16);
    if (moment.toFormat("yyyy-MM-dd'T'HH:mm") !== written)
      return { ok: false, code: 'LOCAL_TIME_INVALID' };
    return { ok: true, ms: moment.toMillis() };
  }
  return { ok: false, code: 'MOMENT_INVALID' };
}

export function isTimeOfDay(text: unknown): text is string {
  return typeof text === 'string' && TIME_OF_DAY_PATTERN.test(text);
}

/** Minutes since local midnight of "HH:MM" ("24:00" is 1440). */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The moment as Maastricht shows it, with its offset: "2026-11-28T10:00:00+01:00". */
export function localIso(ms: number): string {
  return DateTime.fromMillis(ms, { zone: LOCAL_TIME_ZONE }).toISO({ suppressMilliseconds: true })!;
}

/** "2026-11-28 10:00" in Maastricht, for messages. */
export function localLabel(ms: number): string {
  return DateTime.fromMillis(ms, { zone: LOCAL_TIME_ZONE }).toFormat('yyyy-MM-dd HH:mm');
}

export function localDateOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: LOCAL_TIME_ZONE }).toISODate()!;
}

/** The moment a local time of day falls on a local date; "24:00" is the next midnight. */
export function atLocal(date: string, time: string): number {
  const start = DateTime.fromISO(date, { zone: LOCAL_TIME_ZONE });
  if (time === '24:00') return start.plus({ days: 1 }).toMillis();
  const [hour, minute] = time.split(':').map(Number);
  return start.set({ hour, minute }).toMillis();
}

export function localMidnight(date: string): number {
  return DateTime.fromISO(date, { zone: LOCAL_TIME_ZONE }).toMillis();
}

export function addLocalDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: LOCAL_TIME_ZONE }).plus({ days }).toISODate()!;
}

export function isLocalMidnight(ms: number): boolean {
  const moment = DateTime.fromMillis(ms, { zone: LOCAL_TIME_ZONE });
  return (
    moment.hour === 0 && moment.minute === 0 && moment.second === 0 && moment.millisecond === 0
  );
}

/** Whole local calendar days from one midnight to another: a 23- or 25-hour day counts as one. */
export function localDaysBetween(startMs: number, endMs: number): number {
  const start = DateTime.fromMillis(startMs, { zone: LOCAL_TIME_ZONE });
  const end = DateTime.fromMillis(endMs, { zone: LOCAL_TIME_ZONE });
  return Math.round(end.diff(start, 'days').days);
}

/** Local weekday of a date, as the opening hours name it. */
export function weekdayIndexOf(date: string): number {
  return DateTime.fromISO(date, { zone: LOCAL_TIME_ZONE }).weekday - 1; // luxon: 1 = Monday
}

/** Local dates from the one holding `fromMs` to the one holding `toMs`, inclusive. */
export function localDatesCovering(fromMs: number, toMs: number): string[] {
  const dates: string[] = [];
  let date = localDateOf(fromMs);
  const last = localDateOf(toMs);
  while (date <= last) {
    dates.push(date);
    date = addLocalDays(date, 1);
  }
  return dates;
}
