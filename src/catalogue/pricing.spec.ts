import {
  bookingPriceMinor,
  cancellationFeeMinor,
  depositMinor,
  lateFeeMinor,
  priceForHoursGivenMinor,
} from './pricing.js';

describe('catalogue pricing', () => {
  it('prices per hour for the minutes booked, rounded half-up to the cent', () => {
    expect(bookingPriceMinor('hour', 400n, 120, 1)).toBe(800n);
    expect(bookingPriceMinor('hour', 333n, 45, 1)).toBe(250n); // 3.33 × 0.75 = 2.4975 → 2.50
    expect(bookingPriceMinor('hour', 1n, 30, 1)).toBe(1n); // 0.005 → 0.01
  });

  it('prices per day-part, per day and per item, times the quantity', () => {
    expect(bookingPriceMinor('day_part', 1500n, 2, 1)).toBe(3000n);
    expect(bookingPriceMinor('day', 250n, 3, 4)).toBe(3000n);
    expect(bookingPriceMinor('item', 75n, 9, 10)).toBe(750n); // the length does not count
    expect(depositMinor(1000n, 3)).toBe(3000n);
    expect(depositMinor(null, 3)).toBe(0n);
  });

  it('computes a cancellation fee and the late fee', () => {
    expect(cancellationFeeMinor(999n, 50)).toBe(500n); // 4.995 → 5.00
    expect(cancellationFeeMinor(1000n, 0)).toBe(0n);
    expect(lateFeeMinor(100n, 3, 2)).toBe(600n);
    expect(lateFeeMinor(null, 3, 2)).toBe(0n);
  });

  it('charges administration for the hours given, never above what was held', () => {
    expect(priceForHoursGivenMinor(4000n, 150n, 120)).toBe(3000n); // 1.5 of 2 hours at 20.00 an hour
    expect(priceForHoursGivenMinor(1000n, 33n, 60)).toBe(330n);
    expect(priceForHoursGivenMinor(1000n, 100n, 45)).toBe(1000n); // capped at the price held
    expect(priceForHoursGivenMinor(1000n, 0n, 60)).toBe(0n);
  });
});
