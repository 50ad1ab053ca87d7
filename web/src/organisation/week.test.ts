import { describe, expect, it } from 'vitest';
import { addDays, mondayOf } from './week';

describe('week', () => {
  it('finds the Monday of any day of the week', () => {
    expect(mondayOf('2026-12-03')).toBe('2026-11-30'); // a Thursday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // a Sunday
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-03-02', -7)).toBe('2026-02-23');
  });
});
