import { describe, expect, it } from 'vitest';
import { claimCost, sumAmounts } from './claim-cost';

describe('claimCost', () => {
  it('is hours times the rate', () => {
    expect(claimCost('2.50', '1.00')).toBe('2.50');
    expect(claimCost('1.75', '1.20')).toBe('2.10');
    expect(claimCost('24', '100.00')).toBe('2400.00');
  });

  it('rounds half-up to the cent, as the API pays', () => {
    expect(claimCost('0.25', '0.10')).toBe('0.03'); // 0.025
    expect(claimCost('0.75', '1.33')).toBe('1.00'); // 0.9975
    expect(claimCost('1.25', '0.55')).toBe('0.69'); // 0.6875
  });

  it('adds amounts without float drift', () => {
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts([])).toBe('0.00');
  });
});
