import { fits, type Occupancy, peakUsage, segments } from './availability.js';

const HOUR = 3600_000;
const h = (hours: number) => hours * HOUR;

describe('availability arithmetic', () => {
  it('counts the peak of overlapping occupancies, half-open', () => {
    const occupancies: Occupancy[] = [
      { start: h(0), end: h(2), units: 1 },
      { start: h(1), end: h(3), units: 2 },
      { start: h(3), end: h(4), units: 5 },
    ];
    expect(peakUsage(occupancies, h(0), h(3))).toBe(3);
    expect(peakUsage(occupancies, h(2), h(3))).toBe(2);
    expect(peakUsage(occupancies, h(3), h(4))).toBe(5);
    expect(peakUsage(occupancies, h(4), h(5))).toBe(0);
  });

  it('lets a room take one booking at a time, with the buffer after each (one-sided: exact for identical units)', () => {
    // A booking 10–12 with a 30-minute buffer keeps the room until 12:30.
    const booked: Occupancy[] = [{ start: h(10), end: h(12.5), units: 1 }];
    expect(fits(booked, 1, 1, h(12.5), h(14.5))).toBe(true); // 12:30–14:00 plus its own buffer
    expect(fits(booked, 1, 1, h(12), h(14.5))).toBe(false); // starts in the cleaning time
    expect(fits(booked, 1, 1, h(8), h(10.5))).toBe(false); // 08:00–10:00, its buffer runs into the next booking
    expect(fits(booked, 1, 1, h(8), h(10))).toBe(true); // 08:00–09:30 plus buffer ends as the next starts
  });

  it('shares identical units among bookings and blocked periods by quantity', () => {
    const tents: Occupancy[] = [
      { start: h(0), end: h(48), units: 2 }, // two tents out for two days
      { start: h(24), end: h(72), units: 1 }, // one blocked for repair
    ];
    expect(fits(tents, 4, 1, h(0), h(24))).toBe(true);
    expect(fits(tents, 4, 2, h(0), h(24))).toBe(true);
    expect(fits(tents, 4, 2, h(0), h(48))).toBe(false); // on day two only one remains
    expect(fits(tents, 4, 3, h(48), h(72))).toBe(true);
    expect(fits(tents, 4, 4, h(48), h(72))).toBe(false);
  });

  it('keeps overdue materials busy for ever', () => {
    const overdue: Occupancy[] = [{ start: h(0), end: Number.POSITIVE_INFINITY, units: 1 }];
    expect(fits(overdue, 1, 1, h(1000), h(1024))).toBe(false);
    expect(fits(overdue, 2, 1, h(1000), h(1024))).toBe(true);
  });

  it('cuts a window into free, busy and closed segments with the units remaining', () => {
    const occupancies: Occupancy[] = [
      { start: h(10), end: h(12), units: 1 },
      { start: h(11), end: h(13), units: 1 },
    ];
    const open = [{ start: h(9), end: h(17) }];
    expect(segments(occupancies, 2, { start: h(8), end: h(18) }, open)).toEqual([
      { start: h(8), end: h(9), state: 'closed', remaining: 0 },
      { start: h(9), end: h(10), state: 'free', remaining: 2 },
      { start: h(10), end: h(11), state: 'free', remaining: 1 },
      { start: h(11), end: h(12), state: 'busy', remaining: 0 },
      { start: h(12), end: h(13), state: 'free', remaining: 1 },
      { start: h(13), end: h(17), state: 'free', remaining: 2 },
      { start: h(17), end: h(18), state: 'closed', remaining: 0 },
    ]);
  });

  it('has no closed segments where opening hours do not apply', () => {
    expect(segments([], 3, { start: h(0), end: h(24) }, null)).toEqual([
      { start: h(0), end: h(24), state: 'free', remaining: 3 },
    ]);
  });
});
