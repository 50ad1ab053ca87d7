import { describe, expect, it } from 'vitest';
import { shortDate } from './short-date';

describe('shortDate', () => {
  it('is the day as written in each language, never shifted by a time zone', () => {
    expect(shortDate('nl', '2026-12-03')).toBe('03-12-2026');
    expect(shortDate('en', '2026-12-03')).toBe('03/12/2026');
    expect(shortDate('nl', '2026-01-01')).toBe('01-01-2026');
  });
});
