import type { Problem } from '../api/client';

/** One line of the bulk form: a volunteer and their hours, as typed. */
export interface BulkLine {
  volunteerId: string;
  hours: string;
}

/** The API's refusals of a bulk activity, placed where the manager fixes them. */
export interface PlacedRefusals {
  date?: string;
  activity?: string;
  /** About the whole list (the organisation's funds, a missing list). */
  participants: string[];
  /** Per line (the index sent), per field of that line. */
  lines: Map<number, { volunteerId?: string; hours?: string }>;
  /** Anything else the API named. */
  other: string[];
}

const LINE_FIELD = /^participants\.(\d+)(?:\.(volunteerId|hours))?$/;

/**
 * Places each `errors[]` entry of a refused bulk activity: `participants.3.hours` at the hours of
 * the fourth line, `participants` above the list, `date` and `activity` at their fields.
 */
export function placeRefusals(problem: Pick<Problem, 'errors'>): PlacedRefusals {
  const placed: PlacedRefusals = { participants: [], lines: new Map(), other: [] };
  for (const { field, message } of problem.errors ?? []) {
    const line = LINE_FIELD.exec(field);
    if (line) {
      const index = Number(line[1]);
      const at = placed.lines.get(index) ?? {};
      const key = line[2] === 'hours' ? 'hours' : 'volunteerId';
      at[key] = at[key] ? `${at[key]} ${message}` : message;
      placed.lines.set(index, at);
    } else if (field === 'date' || field === 'activity') {
      placed[field] ??= message;
    } else if (field === 'participants') {
      placed.participants.push(message);
    } else {
      placed.other.push(message);
    }
  }
  return placed;
}

/** The request body: the lines with a volunteer, hours as typed (a decimal comma read as a point). */
export function bulkBody(input: { date: string; activity: string; lines: readonly BulkLine[] }) {
  return {
    date: input.date,
    activity: input.activity,
    participants: input.lines.map((line) => ({
      volunteerId: line.volunteerId,
      hours: line.hours.trim().replace(',', '.'),
    })),
  };
}

/**
 * One Idempotency-Key per attempt: the same key while the request is the same (a retry after a
 * lost answer never records twice), a new one once the manager changed anything.
 */
export function keyFor(
  previous: { key: string; body: string } | null,
  body: unknown,
  newKey: () => string,
): { key: string; body: string } {
  const text = JSON.stringify(body);
  return previous && previous.body === text ? previous : { key: newKey(), body: text };
}
