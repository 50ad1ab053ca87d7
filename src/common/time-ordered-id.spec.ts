import { timeOrderedId } from './time-ordered-id.js';

describe(timeOrderedId.name, () => {
  const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('is a version 7 UUID whose first 48 bits are the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 23, 9, 0, 0, 123);
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by time across milliseconds, and differs within one', () => {
    const at = Date.UTC(2026, 10, 23, 9, 0, 0);
    const ids = [
      timeOrderedId(at + 2),
      timeOrderedId(at),
      timeOrderedId(at + 1),
      timeOrderedId(at + 1000 * 60 * 60 * 24 * 365),
    ];
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0], ids[3]]);
    const sameMillisecond = new Set(Array.from({ length: 1000 }, () => timeOrderedId(at)));
    expect(sameMillisecond.size).toBe(1000);
  });
});
