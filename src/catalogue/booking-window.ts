import type { FieldError } from '../common/errors/domain-error.js';
import { fits, type Occupancy } from './availability.js';
import {
  BOOKING_LENGTH_DAYS_MAX,
  BOOKING_START_AHEAD_DAYS_MAX,
  BOOKING_STEP_MINUTES,
  LENGTH_UNIT_OF_PRICING,
  type LengthUnit,
  type OpeningHours,
  type PricingUnit,
  SUGGESTION_SEARCH_DAYS_MAX,
} from './catalogue.types.js';
import {
  addLocalDays,
  DAY_MS,
  isLocalMidnight,
  localDateOf,
  localDaysBetween,
  localMidnight,
  MINUTE_MS,
} from './local-time.js';
import { dayPartSpans, liesWithin, openSpans, type Span } from './opening-hours.js';

/** What of a listing decides which windows may be booked. */
export interface WindowRules {
  pricingUnit: PricingUnit;
  quantity: number;
  bufferMinutes: number;
  minLength: number;
  maxLength: number | null;
  openingHours: OpeningHours | null;
}

/**
 * The shape of a window by pricing unit:
 * - hour: on the quarter hour, inside one stretch of opening hours, length in minutes;
 * - day_part: from the start of a day-part to the end of the same or a later day-part of the same
 *   local day, every part inside opening hours, length in day-parts;
 * - day and item: from local midnight to local midnight (whole days, 23 or 25 hours on the days the
 *   clock changes), length in days; opening hours are for pick-up and return, not the loan.
 */
export function lengthUnitOf(rules: Pick<WindowRules, 'pricingUnit'>): LengthUnit {
  return LENGTH_UNIT_OF_PRICING[rules.pricingUnit];
}

/** Whether opening hours limit the windows of this listing (hourly and day-part listings). */
export function usesOpeningHours(rules: Pick<WindowRules, 'pricingUnit'>): boolean {
  return rules.pricingUnit === 'hour' || rules.pricingUnit === 'day_part';
}

/** The window's length in the listing's length unit, or undefined when the window has the wrong shape. */
export function lengthOf(rules: WindowRules, start: number, end: number): number | undefined {
  switch (rules.pricingUnit) {
    case 'hour': {
      const step = BOOKING_STEP_MINUTES * MINUTE_MS;
      return start % step === 0 && end % step === 0 ? (end - start) / MINUTE_MS : undefined;
    }
    case 'day_part': {
      const parts = dayPartSpans(localDateOf(start));
      const first = parts.findIndex((part) => part.start === start);
      const last = parts.findIndex((part) => part.end === end);
      return first >= 0 && last >= first ? last - first + 1 : undefined;
    }
    case 'day':
    case 'item':
      return isLocalMidnight(start) && isLocalMidnight(end)
        ? localDaysBetween(start, end)
        : undefined;
  }
}

const SHAPE_CODE: Record<PricingUnit, string> = {
  hour: 'WINDOW_NOT_ON_QUARTER_HOURS',
  day_part: 'WINDOW_NOT_DAY_PARTS',
  day: 'WINDOW_NOT_WHOLE_DAYS',
  item: 'WINDOW_NOT_WHOLE_DAYS',
};

/**
 * Everything wrong with a window for this listing, as field errors (empty when it may be booked,
 * capacity aside). `open` may carry precomputed opening spans covering the window.
 */
export function windowProblems(
  rules: WindowRules,
  start: number,
  end: number,
  now: number,
  open?: Span[],
): FieldError[] {
  if (end <= start) return [{ field: 'endsAt', code: 'END_NOT_AFTER_START' }];
  const problems: FieldError[] = [];
  const earliestStart =
    rules.pricingUnit === 'day' || rules.pricingUnit === 'item'
      ? localMidnight(localDateOf(now))
      : now;
  if (start < earliestStart) problems.push({ field: 'startsAt', code: 'START_IN_PAST' });
  if (start > now + BOOKING_START_AHEAD_DAYS_MAX * DAY_MS) {
    problems.push({
      field: 'startsAt',
      code: 'START_TOO_FAR_AHEAD',
      parameters: { days: BOOKING_START_AHEAD_DAYS_MAX },
    });
  }
  // The hour of slack lets 31 local days through when the clock goes back in between.
  if (end - start > BOOKING_LENGTH_DAYS_MAX * DAY_MS + 60 * MINUTE_MS) {
    problems.push({
      field: 'endsAt',
      code: 'WINDOW_TOO_LONG',
      parameters: { max: BOOKING_LENGTH_DAYS_MAX, unit: 'days' },
    });
    return problems;
  }
  const length = lengthOf(rules, start, end);
  if (length === undefined)
    return [...problems, { field: 'startsAt', code: SHAPE_CODE[rules.pricingUnit] }];
  if (length < rules.minLength)
    problems.push({
      field: 'endsAt',
      code: 'WINDOW_TOO_SHORT',
      parameters: { min: rules.minLength, unit: lengthUnitOf(rules) },
    });
  if (rules.maxLength !== null && length > rules.maxLength) {
    problems.push({
      field: 'endsAt',
      code: 'WINDOW_TOO_LONG',
      parameters: { max: rules.maxLength, unit: lengthUnitOf(rules) },
    });
  }
  if (
    usesOpeningHours(rules) &&
    rules.openingHours !== null &&
    !isOpenThroughout(rules, start, end, open)
  ) {
    problems.push({ field: 'startsAt', code: 'OUTSIDE_OPENING_HOURS' });
  }
  return problems;
}

function isOpenThroughout(rules: WindowRules, start: number, end: number, open?: Span[]): boolean {
  const spans = open ?? openSpans(rules.openingHours, start - DAY_MS, end + DAY_MS);
  if (rules.pricingUnit !== 'day_part') return liesWithin(spans, start, end);
  // A day-part booking covers the parts, not the breaks between them.
  return dayPartSpans(localDateOf(start))
    .filter((part) => part.start >= start && part.end <= end)
    .every((part) => liesWithin(spans, part.start, part.end));
}

/** The span a booking keeps its units busy: until its end plus the buffer. */
export function occupiedSpan(
  rules: Pick<WindowRules, 'bufferMinutes'>,
  start: number,
  end: number,
): Span {
  return { start, end: end + rules.bufferMinutes * MINUTE_MS };
}

/**
 * The free window nearest in time to a refused one, of the same length and shape, for the same
 * units; looked for up to SUGGESTION_SEARCH_DAYS_MAX days before and after. Undefined when none.
 */
export function nearestFreeWindow(
  rules: WindowRules,
  occupancies: readonly Occupancy[],
  units: number,
  start: number,
  end: number,
  now: number,
): Span | undefined {
  const horizon = SUGGESTION_SEARCH_DAYS_MAX * DAY_MS;
  const open = openSpans(rules.openingHours, start - horizon - DAY_MS, end + horizon + DAY_MS);
  for (const candidate of candidatesByDistance(rules, start, end)) {
    if (windowProblems(rules, candidate.start, candidate.end, now, open).length > 0) continue;
    const occupied = occupiedSpan(rules, candidate.start, candidate.end);
    if (fits(occupancies, rules.quantity, units, occupied.start, occupied.end)) return candidate;
  }
  return undefined;
}

/** Windows like [start, end), nearest first, alternating later and earlier. */
function* candidatesByDistance(rules: WindowRules, start: number, end: number): Generator<Span> {
  const candidates = candidateWindows(rules, start, end);
  candidates.sort(
    (a, b) => Math.abs(a.start - start) - Math.abs(b.start - start) || b.start - a.start,
  );
  yield* candidates.filter((candidate) => candidate.start !== start);
}

function candidateWindows(rules: WindowRules, start: number, end: number): Span[] {
  const candidates: Span[] = [];
  switch (rules.pricingUnit) {
    case 'hour': {
      const step = BOOKING_STEP_MINUTES * MINUTE_MS;
      const steps = (SUGGESTION_SEARCH_DAYS_MAX * DAY_MS) / step;
      for (let offset = -steps; offset <= steps; offset += 1)
        candidates.push({ start: start + offset * step, end: end + offset * step });
      return candidates;
    }
    case 'day_part': {
      const date = localDateOf(start);
      const wanted = lengthOf(rules, start, end) ?? 1;
      for (let day = -SUGGESTION_SEARCH_DAYS_MAX; day <= SUGGESTION_SEARCH_DAYS_MAX; day += 1) {
        const parts = dayPartSpans(addLocalDays(date, day));
        for (let first = 0; first + wanted <= parts.length; first += 1) {
          candidates.push({ start: parts[first].start, end: parts[first + wanted - 1].end });
        }
      }
      return candidates;
    }
    case 'day':
    case 'item': {
      const date = localDateOf(start);
      const days =
        isLocalMidnight(start) && isLocalMidnight(end) ? localDaysBetween(start, end) : 1;
      for (let day = -SUGGESTION_SEARCH_DAYS_MAX; day <= SUGGESTION_SEARCH_DAYS_MAX; day += 1) {
        const first = addLocalDays(date, day);
        candidates.push({
          start: localMidnight(first),
          end: localMidnight(addLocalDays(first, days)),
        });
      }
      return candidates;
    }
  }
}
