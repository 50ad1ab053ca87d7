import fc from 'fast-check';
import { formatHours, parseHours, paymentFor } from './hours.js';

describe(parseHours.name, () => {
  it.each([
    ['2.50', 150],
    ['2.5', 150],
    ['0.25', 15],
    ['24', 1440],
    ['24.00', 1440],
    [1.75, 105],
    [8, 480],
  ])('reads %p as %p minutes', (input, minutes) => {
    expect(parseHours(input)).toBe(minutes);
  });

  it.each([
    ['0'],
    [0],
    ['-1'],
    [-0.25],
    ['2.10'],
    [2.1],
    ['24.25'],
    [25],
    ['1e1'],
    [' 2'],
    ['2.'],
    ['.5'],
    ['02'],
    [''],
    [null],
    [undefined],
    [Number.NaN],
    [Infinity],
    [true],
    [{}],
    ['2.125'],
  ])('refuses %p', (input) => {
    expect(parseHours(input)).toBeUndefined();
  });

  it('accepts exactly the quarter hours from 0.25 to 24, as text and as number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 96 }), (quarters) => {
        const text = (quarters / 4).toFixed(2);
        expect(parseHours(text)).toBe(quarters * 15);
        expect(parseHours(quarters / 4)).toBe(quarters * 15);
        expect(formatHours(quarters * 15)).toBe(text);
      }),
    );
  });
});

describe(paymentFor.name, () => {
  it('pays hours × rate, rounded half-up to the cent', () => {
    expect(paymentFor(150, 100n)).toBe(250n); // 2.5 h × 1.00
    expect(paymentFor(15, 55n)).toBe(14n); // 0.25 × 0.55 = 0.1375 → 0.14
    expect(paymentFor(15, 50n)).toBe(13n); // 0.125 → 0.13 (half-up, not half-even)
    expect(paymentFor(45, 10n)).toBe(8n); // 0.075 → 0.08
    expect(paymentFor(1440, 200n)).toBe(4800n);
  });

  it('never pays a quarter hour nothing at the lowest allowed rate', () => {
    expect(paymentFor(15, 10n)).toBe(3n);
  });
});
