import '../business/business.css';
import './hbar-chart.css';
import { useId } from 'react';
import { usePageFormat } from '../volunteer/page-format';
import { layOutHorizontalBars } from './horizontal-bars';

const WIDTH = 400;
/** Room for a value's text beside its bar; a longer bar has the text inside it. */
const VALUE_SPACE = 72;
const PADDING = { left: 8, right: 16, top: 8, bottom: 24 } as const;

export interface ChartRow {
  key: string;
  label: string;
  /** A decimal string from the API ("75.00"); placed in pixels only, shown as text in the table. */
  value: string;
}

/**
 * One bar per row, the row's name above its bar. The chart is one image with a title and a
 * description that points at the table beside it, which holds the same figures as text (the
 * business sponsorship chart's approach, business/SponsorshipPage.tsx).
 */
export function HorizontalBarChart(props: {
  title: string;
  description: string;
  rows: readonly ChartRow[];
}) {
  const format = usePageFormat();
  const titleId = useId();
  const descriptionId = useId();
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const layout = layOutHorizontalBars(
    props.rows.map((row) => row.value),
    plotWidth,
  );
  const height = layout.height + PADDING.top + PADDING.bottom;
  return (
    <svg
      className="bar-chart hbar-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descriptionId}`}
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descriptionId}>{props.description}</desc>
      <g transform={`translate(${PADDING.left} ${PADDING.top})`}>
        {layout.ticks.map((tick, index) => {
          const x = (tick / layout.ceiling) * plotWidth;
          const anchor =
            index === 0 ? 'start' : index === layout.ticks.length - 1 ? 'end' : 'middle';
          return (
            <g key={tick} className="bar-chart__tick">
              <line x1={x} x2={x} y1={0} y2={layout.height} />
              <text x={x} y={layout.height + 16} textAnchor={anchor}>
                {format.number(tick)}
              </text>
            </g>
          );
        })}
        {layout.rows.map((row, index) => (
          <g key={props.rows[index].key}>
            <text className="bar-chart__label" x={0} y={row.rowY + 14}>
              {props.rows[index].label}
            </text>
            <rect
              className="bar-chart__bar"
              x={0}
              y={row.barY}
              width={row.width}
              height={row.barHeight}
            />
            <text
              className={
                row.width > plotWidth - VALUE_SPACE ? 'hbar-chart__value--inside' : undefined
              }
              x={row.width > plotWidth - VALUE_SPACE ? row.width - 4 : row.width + 4}
              y={row.barY + row.barHeight / 2}
              dy="0.35em"
              textAnchor={row.width > plotWidth - VALUE_SPACE ? 'end' : 'start'}
            >
              {format.number(Number(props.rows[index].value))}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
