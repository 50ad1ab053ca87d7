import { type FieldError, ValidationFailedError } from '../common/errors/domain-error.js';
import {
  AVAILABILITY_WINDOW_DAYS_DEFAULT,
  AVAILABILITY_WINDOW_DAYS_MAX,
} from './catalogue.types.js';
import { DAY_MS, parseMoment } from './local-time.js';

/** Reads moments from a request; every problem becomes a field error naming the field. */
export function readMoments<Field extends string>(
  fields: Record<Field, string>,
): Record<Field, number> {
  const moments = {} as Record<Field, number>;
  const problems: FieldError[] = [];
  for (const [field, text] of Object.entries(fields) as Array<[Field, string]>) {
    const parsed = parseMoment(text);
    if (parsed.ok) moments[field] = parsed.ms;
    else problems.push({ field, code: parsed.code });
  }
  if (problems.length > 0) throw new ValidationFailedError(problems);
  return moments;
}

/** A window to look at (availability, calendar, search): now and a week when not given, at most 62 days. */
export function readWindow(
  from: string | undefined,
  to: string | undefined,
  nowMs: number,
): { start: number; end: number } {
  const start = from === undefined ? nowMs : readMoments({ from }).from;
  const end =
    to === undefined ? start + AVAILABILITY_WINDOW_DAYS_DEFAULT * DAY_MS : readMoments({ to }).to;
  if (end <= start) throw new ValidationFailedError([{ field: 'to', code: 'END_NOT_AFTER_START' }]);
  if (end - start > AVAILABILITY_WINDOW_DAYS_MAX * DAY_MS)
    throw new ValidationFailedError([{ field: 'to', code: 'WINDOW_TOO_WIDE' }]);
  return { start, end };
}
