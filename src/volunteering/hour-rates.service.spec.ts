import { clamp, HourRatesService, rangeProblems } from './hour-rates.service.js';

describe(HourRatesService.name, () => {
  describe(rangeProblems.name, () => {
    it('accepts a range that holds its default and lies within the absolute bounds', () => {
      expect(rangeProblems(50n, 200n, 100n)).toEqual([]);
      expect(rangeProblems(10n, 10_000n, 10n)).toEqual([]);
      expect(rangeProblems(100n, 100n, 100n)).toEqual([]);
    });

    it('names every problem on its field', () => {
      expect(rangeProblems(5n, 20_000n, 100n)).toEqual([
        {
          field: 'min',
          code: 'HOUR_RATE_BEYOND_BOUNDS',
          parameters: { floor: '0.10', ceiling: '100.00' },
        },
        {
          field: 'max',
          code: 'HOUR_RATE_BEYOND_BOUNDS',
          parameters: { floor: '0.10', ceiling: '100.00' },
        },
      ]);
      expect(rangeProblems(200n, 100n, 150n)).toEqual([
        { field: 'min', code: 'HOUR_RATE_MIN_ABOVE_MAX' },
      ]);
      expect(rangeProblems(50n, 200n, 201n)).toEqual([
        { field: 'defaultRate', code: 'HOUR_RATE_DEFAULT_OUT_OF_RANGE' },
      ]);
      expect(rangeProblems(50n, 200n, 49n)).toEqual([
        { field: 'defaultRate', code: 'HOUR_RATE_DEFAULT_OUT_OF_RANGE' },
      ]);
    });
  });

  describe(clamp.name, () => {
    it('keeps a rate inside the range and moves one outside to the nearest bound', () => {
      expect(clamp(120n, 50n, 200n)).toBe(120n);
      expect(clamp(20n, 50n, 200n)).toBe(50n);
      expect(clamp(250n, 50n, 200n)).toBe(200n);
    });
  });
});
