import { layOutBars } from '../business/bar-chart';

/**
 * Geometry of a horizontal bar chart, one row per category (label above its bar), from the
 * business chart's layout (business/bar-chart.ts) turned on its side: the value axis runs left to
 * right, so long names of organisations fit on a phone.
 */
export interface HorizontalBar {
  /** Top of the row: the label's baseline is just below it, the bar under the label. */
  rowY: number;
  barY: number;
  barHeight: number;
  width: number;
}

export const ROW_HEIGHT = 46;
const LABEL_SPACE = 20;

export function layOutHorizontalBars(
  values: readonly string[],
  plotWidth: number,
): { rows: HorizontalBar[]; ceiling: number; ticks: number[]; height: number } {
  const height = Math.max(1, values.length) * ROW_HEIGHT;
  // Laid out upright with the value along "height" = the plot's width, then turned.
  const upright = layOutBars(values, { width: height, height: plotWidth }, 0);
  const rows = upright.bars.map((bar, index) => {
    const rowY = index * ROW_HEIGHT;
    return {
      rowY,
      barY: rowY + LABEL_SPACE,
      barHeight: ROW_HEIGHT - LABEL_SPACE - 6,
      width: bar.height,
    };
  });
  return { rows, ceiling: upright.ceiling, ticks: upright.ticks, height };
}
