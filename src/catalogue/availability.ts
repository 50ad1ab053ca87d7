import { liesWithin, type Span } from './opening-hours.js';

/**
 * Availability as pure arithmetic on time spans, so that it can be tested without a database.
 *
 * Every booking that holds units occupies them from its start to its end PLUS the listing's
 * buffer (cleaning, checking); a blocked period occupies its units (all of them unless it says
 * otherwise) from its start to its end. A new booking fits when, at every moment of ITS start to
 * end-plus-buffer, the units already occupied plus the units it asks for stay within the
 * listing's quantity. Counting one-sided buffers is exact for identical units: two bookings may
 * share a unit exactly when one ends, plus buffer, before the other starts.
 */

export interface Occupancy extends Span {
  units: number;
}

export type SegmentState = 'free' | 'busy' | 'closed';

export interface Segment extends Span {
  state: SegmentState;
  /** Units still free throughout the segment (0 when busy or closed). */
  remaining: number;
}

/** The most units occupied at any moment of [start, end). */
export function peakUsage(occupancies: readonly Occupancy[], start: number, end: number): number {
  const events: Array<[number, number]> = [];
  for (const occupancy of occupancies) {
    if (occupancy.start >= end || occupancy.end <= start) continue;
    events.push([Math.max(occupancy.start, start), occupancy.units]);
    events.push([Math.min(occupancy.end, end), -occupancy.units]);
  }
  // Spans are half-open: at equal moments, what ends is released before what starts is counted.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, change] of events) {
    current += change;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** True when `units` more fit over [start, end) next to what is occupied. */
export function fits(
  occupancies: readonly Occupancy[],
  quantity: number,
  units: number,
  start: number,
  end: number,
): boolean {
  return peakUsage(occupancies, start, end) + units <= quantity;
}

/**
 * The window cut into free, busy and closed segments, each with the units that remain free.
 * `open` is null when opening hours do not apply (whole-day loans): then nothing is closed.
 */
export function segments(
  occupancies: readonly Occupancy[],
  quantity: number,
  window: Span,
  open: Span[] | null,
): Segment[] {
  const boundaries = new Set<number>([window.start, window.end]);
  const inside = (moment: number) => moment > window.start && moment < window.end;
  for (const occupancy of occupancies) {
    if (inside(occupancy.start)) boundaries.add(occupancy.start);
    if (inside(occupancy.end)) boundaries.add(occupancy.end);
  }
  for (const span of open ?? []) {
    if (inside(span.start)) boundaries.add(span.start);
    if (inside(span.end)) boundaries.add(span.end);
  }
  const moments = [...boundaries].sort((a, b) => a - b);
  const result: Segment[] = [];
  for (let index = 0; index + 1 < moments.length; index += 1) {
    const [start, end] = [moments[index], moments[index + 1]];
    const segment = segmentAt(occupancies, quantity, open, start, end);
    const last = result[result.length - 1];
    if (
      last &&
      last.state === segment.state &&
      last.remaining === segment.remaining &&
      last.end === start
    )
      last.end = end;
    else result.push(segment);
  }
  return result;
}

function segmentAt(
  occupancies: readonly Occupancy[],
  quantity: number,
  open: Span[] | null,
  start: number,
  end: number,
): Segment {
  if (open !== null && !liesWithin(open, start, end))
    return { start, end, state: 'closed', remaining: 0 };
  // Within a segment nothing starts or ends, so the usage at its start holds throughout.
  const used = occupancies
    .filter((occupancy) => occupancy.start <= start && occupancy.end > start)
    .reduce((sum, occupancy) => sum + occupancy.units, 0);
  const remaining = Math.max(quantity - used, 0);
  return { start, end, state: remaining > 0 ? 'free' : 'busy', remaining };
}
