import { describe, expect, it } from 'vitest';
import { layOutBars, niceCeiling } from './bar-chart';

describe('niceCeiling', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(1.2)).toBe(2);
    expect(niceCeiling(21)).toBe(25);
    expect(niceCeiling(26)).toBe(50);
    expect(niceCeiling(51)).toBe(100);
    expect(niceCeiling(2000)).toBe(2000);
  });
});

describe('layOutBars', () => {
  it('places one bar per value in equal slots, as tall as its share of the ceiling', () => {
    const layout = layOutBars(['10.00', '0.00', '20.00', '5.50'], { width: 400, height: 200 });
    expect(layout.ceiling).toBe(20);
    expect(layout.ticks).toEqual([0, 5, 10, 15, 20]);
    expect(layout.bars.map((bar) => bar.height)).toEqual([100, 0, 200, 55]);
    expect(layout.bars.map((bar) => bar.y)).toEqual([100, 200, 0, 145]);
    expect(layout.bars.map((bar) => bar.x)).toEqual([12.5, 112.5, 212.5, 312.5]);
    expect(layout.bars.every((bar) => bar.width === 75)).toBe(true);
  });

  it('draws a year without sponsorship as twelve empty bars under an axis to 1', () => {
    const layout = layOutBars(
      Array.from({ length: 12 }, () => '0.00'),
      { width: 120, height: 50 },
    );
    expect(layout.ceiling).toBe(1);
    expect(layout.bars).toHaveLength(12);
    expect(layout.bars.every((bar) => bar.height === 0 && bar.y === 50)).toBe(true);
  });

  it('refuses a negative or unreadable value', () => {
    expect(() => layOutBars(['-1.00'], { width: 10, height: 10 })).toThrow();
    expect(() => layOutBars(['twelve'], { width: 10, height: 10 })).toThrow();
  });
});
