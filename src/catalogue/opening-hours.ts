import {
  DAY_PART_TIMES,
  DAY_PARTS,
  type DayPart,
  OPENING_SPANS_PER_DAY_MAX,
  type OpeningHours,
  WEEKDAYS,
  type Weekday,
} from './catalogue.types.js';
import {
  atLocal,
  DAY_MS,
  isTimeOfDay,
  localDatesCovering,
  minutesOfDay,
  weekdayIndexOf,
} from './local-time.js';

/** A half-open span of time [start, end) in epoch milliseconds; end may be Infinity. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Checks the shape of opening hours: known weekdays only, each a list of at most four
 * ["HH:MM","HH:MM"] spans ("24:00" may close a day), each span non-empty, in order, not overlapping.
 */
export function isValidOpeningHours(value: unknown): value is OpeningHours {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([day, spans]) => WEEKDAYS.includes(day as Weekday) && isValidDaySpans(spans),
  );
}

function isValidDaySpans(spans: unknown): boolean {
  if (!Array.isArray(spans) || spans.length > OPENING_SPANS_PER_DAY_MAX) return false;
  let previousEnd = -1;
  for (const span of spans) {
    if (
      !Array.isArray(span) ||
      span.length !== 2 ||
      !isTimeOfDay(span[0]) ||
      !isTimeOfDay(span[1]) ||
      span[0] === '24:00'
    )
      return false;
    const [start, end] = [minutesOfDay(span[0]), minutesOfDay(span[1])];
    if (start >= end || start < previousEnd) return false;
    previousEnd = end;
  }
  return true;
}

/**
 * The moments a listing is open within [fromMs, toMs), merged so that "22:00–24:00" and the next
 * day's "00:00–02:00" form one span. Opening hours are local wall-clock times: on the Sunday that
 * summer time starts, 09:00–17:00 is 07:00–15:00 UTC, the day before 08:00–16:00 UTC.
 */
export function openSpans(openingHours: OpeningHours | null, fromMs: number, toMs: number): Span[] {
  if (openingHours === null) return [{ start: fromMs, end: toMs }];
  const spans: Span[] = [];
  for (const date of localDatesCovering(fromMs - DAY_MS, toMs)) {
    for (const [open, close] of openingHours[WEEKDAYS[weekdayIndexOf(date)]] ?? []) {
      const start = Math.max(atLocal(date, open), fromMs);
      const end = Math.min(atLocal(date, close), toMs);
      if (start < end) spans.push({ start, end });
    }
  }
  return mergeSpans(spans);
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** True when [start, end) lies inside one of the (merged) spans. */
export function liesWithin(spans: Span[], start: number, end: number): boolean {
  return spans.some((span) => span.start <= start && end <= span.end);
}

/** The day-parts of a local date as moments, in order. */
export function dayPartSpans(date: string): Array<{ part: DayPart } & Span> {
  return DAY_PARTS.map((part) => ({
    part,
    start: atLocal(date, DAY_PART_TIMES[part][0]),
    end: atLocal(date, DAY_PART_TIMES[part][1]),
  }));
}
