import '../volunteer/lists-and-figures.css';
import './business.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { layOutBars } from './bar-chart';
import { businessKeys } from './business-data';
import { usePageFormat } from '../volunteer/page-format';

type Summary = components['schemas']['SponsorshipSummaryDto'];

/** Years offered: this one and a few back. */
const YEARS_SHOWN = 5;
const CHART = { width: 480, height: 200, left: 48, bottom: 28, top: 12 } as const;

/** The business's sponsorship per month of a year: a table, and a chart drawn from the same figures. */
export function SponsorshipPage() {
  const t = useT();
  const yearId = useId();
  const thisYear = useMemo(() => Number(todayInMaastricht().slice(0, 4)), []);
  const [year, setYear] = useState(thisYear);
  const summary = useQuery({
    queryKey: businessKeys.sponsorship(year),
    queryFn: async () => {
      return unwrap(await api.GET('/api/v1/redemptions/summary', { params: { query: { year } } }));
    },
    placeholderData: keepPreviousData,
  });
  return (
    <section className="business-page" aria-labelledby="sponsorship-title">
      <h1 id="sponsorship-title">{t('business.sponsorship.title')}</h1>
      <p>{t('business.sponsorship.intro')}</p>
      <div className="field">
        <label htmlFor={yearId}>{t('business.sponsorship.year')}</label>
        <select id={yearId} value={year} onChange={(event) => setYear(Number(event.target.value))}>
          {Array.from({ length: YEARS_SHOWN }, (_, index) => thisYear - index).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      {summary.isPending && <p>{t('business.loading')}</p>}
      {summary.isError && <p role="alert">{t('business.loadFailed')}</p>}
      {summary.data && <SponsorshipFigures summary={summary.data} />}
    </section>
  );
}

function SponsorshipFigures({ summary }: { summary: Summary }) {
  const t = useT();
  const format = usePageFormat();
  const year = String(summary.year);
  return (
    <>
      <p className="card" data-testid="sponsorship-total">
        {t('business.sponsorship.total', {
          year,
          redemptions: format.integer(summary.redemptions),
          steerkes: format.steerkes(summary.steerkes),
          euroValue: format.euro(summary.euroValue),
        })}
      </p>
      <div className="chart-and-table">
        <SponsorshipChart summary={summary} />
        <table className="figures-table">
          <caption>{t('business.sponsorship.tableCaption', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('business.sponsorship.column.month')}</th>
              <th scope="col">{t('business.sponsorship.column.redemptions')}</th>
              <th scope="col">{t('business.sponsorship.column.steerkes')}</th>
              <th scope="col">{t('business.sponsorship.column.euroValue')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.months.map((month) => (
              <tr key={month.month}>
                <th scope="row">{format.month(month.month)}</th>
                <td>{format.integer(month.redemptions)}</td>
                <td>{format.steerkes(month.steerkes)}</td>
                <td>{format.euro(month.euroValue)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('business.sponsorship.totalRow')}</th>
              <td>{format.integer(summary.redemptions)}</td>
              <td>{format.steerkes(summary.steerkes)}</td>
              <td>{format.euro(summary.euroValue)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

/** Steerkes per month as bars; its figures are in the table beside it, so the chart is one image. */
function SponsorshipChart({ summary }: { summary: Summary }) {
  const t = useT();
  const format = usePageFormat();
  const titleId = useId();
  const descriptionId = useId();
  const plot = { width: CHART.width - CHART.left, height: CHART.height - CHART.bottom - CHART.top };
  const layout = layOutBars(
    summary.months.map((month) => month.steerkes),
    plot,
  );
  return (
    <svg
      className="bar-chart"
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby={`${titleId} ${descriptionId}`}
    >
      <title id={titleId}>
        {t('business.sponsorship.chartTitle', { year: String(summary.year) })}
      </title>
      <desc id={descriptionId}>{t('business.sponsorship.chartDescription')}</desc>
      <g transform={`translate(${CHART.left} ${CHART.top})`}>
        {layout.ticks.map((tick) => {
          const y = plot.height - (tick / layout.ceiling) * plot.height;
          return (
            <g key={tick} className="bar-chart__tick">
              <line x1={0} x2={plot.width} y1={y} y2={y} />
              <text x={-6} y={y} dy="0.32em" textAnchor="end">
                {format.number(tick)}
              </text>
            </g>
          );
        })}
        {layout.bars.map((bar, index) => (
          <g key={summary.months[index].month}>
            <rect
              className="bar-chart__bar"
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
            />
            <text
              className="bar-chart__label"
              x={bar.x + bar.width / 2}
              y={plot.height + 18}
              textAnchor="middle"
            >
              {format.monthShort(summary.months[index].month)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
