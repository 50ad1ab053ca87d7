/**
 * Geometry of a plain bar chart: one bar per value, a value axis from 0 to a round ceiling. The
 * figures themselves are shown as text from the API's decimal strings; numbers here only place
 * pixels.
 */
export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarChartLayout {
  bars: Bar[];
  /** The value at the top of the axis. */
  ceiling: number;
  /** Values for the axis' grid lines, 0 included, the ceiling last. */
  ticks: number[];
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];
const TICKS_PER_AXIS = 4;

/** Hundredths of a pixel are as fine as a screen or a print needs, and keep the SVG short. */
function pixels(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The smallest of 1, 2, 2.5 or 5 × 10ⁿ at or above the value (1 for nothing at all). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step =
    NICE_STEPS.find((candidate) => candidate * magnitude >= value - magnitude * 1e-9) ?? 10;
  return step * magnitude;
}

export function layOutBars(
  values: readonly string[],
  area: { width: number; height: number },
  gapRatio = 0.25,
): BarChartLayout {
  const numbers = values.map(Number);
  if (numbers.some((value) => !Number.isFinite(value) || value < 0))
    throw new Error('bar values are amounts of zero or more');
  const ceiling = niceCeiling(Math.max(0, ...numbers));
  const slot = area.width / Math.max(1, numbers.length);
  const barWidth = slot * (1 - gapRatio);
  const bars = numbers.map((value, index) => {
    const height = pixels((value / ceiling) * area.height);
    return {
      x: pixels(index * slot + (slot - barWidth) / 2),
      y: pixels(area.height - height),
      width: pixels(barWidth),
      height,
    };
  });
  const ticks = Array.from(
    { length: TICKS_PER_AXIS + 1 },
    (_, index) => (ceiling * index) / TICKS_PER_AXIS,
  );
  return { bars, ceiling, ticks };
}
