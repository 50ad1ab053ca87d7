import { describe, expect, it } from 'vitest';
import { layOutHorizontalBars, ROW_HEIGHT } from './horizontal-bars';

describe('the horizontal bar chart', () => {
  it('gives each value a row and a bar as long as its share of a round ceiling', () => {
    const layout = layOutHorizontalBars(['1200.00', '300.00', '0.00'], 400);
    expect(layout.ceiling).toBe(2000);
    expect(layout.height).toBe(3 * ROW_HEIGHT);
    expect(layout.rows.map((row) => row.width)).toEqual([240, 60, 0]);
    expect(layout.rows.map((row) => row.rowY)).toEqual([0, ROW_HEIGHT, 2 * ROW_HEIGHT]);
    expect(layout.ticks).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('draws an empty chart with an axis up to 1 when there is nothing', () => {
    const layout = layOutHorizontalBars([], 400);
    expect(layout.rows).toEqual([]);
    expect(layout.ceiling).toBe(1);
  });
});
