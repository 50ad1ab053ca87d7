import '../volunteer/lists-and-figures.css';
import '../business/business.css';
import './treasurer.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { HorizontalBarChart } from '../transparency/HorizontalBarChart';
import { thisYear, yearsOffered } from '../transparency/year';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';

type District = components['schemas']['ImpactReportDto']['districts'][number]['district'];

/** `/treasurer/reports` (and `/admin/reports`): sponsorship per business and year, impact per organisation and district; printable. */
export function ReportsPage() {
  const t = useT();
  return (
    <section className="treasurer-page reports" aria-labelledby="reports-title">
      <div className="reports__top">
        <h1 id="reports-title">{t('treasurer.reports.title')}</h1>
        <button type="button" className="button-secondary no-print" onClick={() => window.print()}>
          {t('transparency.print')}
        </button>
      </div>
      <SponsorshipReport />
      <ImpactReport />
    </section>
  );
}

function SponsorshipReport() {
  const t = useT();
  const format = usePageFormat();
  const yearId = useId();
  const current = useMemo(() => thisYear(), []);
  const [year, setYear] = useState(current);
  const report = useQuery({
    queryKey: ['treasurer', 'reports', 'sponsorship', year],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/reports/sponsorship', { params: { query: { year } } })),
    placeholderData: keepPreviousData,
  });
  const districtName = (district: District) => t(`volunteer.district.${district}`);
  const lines = report.data?.businesses ?? [];
  const total = (pick: (line: (typeof lines)[number]) => string) =>
    lines.reduce((sum, line) => sum + Math.round(Number(pick(line)) * 100), 0) / 100;
  return (
    <section className="card" aria-labelledby="sponsorship-report-title">
      <h2 id="sponsorship-report-title">{t('treasurer.reports.sponsorshipTitle')}</h2>
      <div className="field field--narrow no-print">
        <label htmlFor={yearId}>{t('business.sponsorship.year')}</label>
        <select id={yearId} value={year} onChange={(event) => setYear(Number(event.target.value))}>
          {yearsOffered(current, year).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      {report.isPending && <p>{t('treasurer.loading')}</p>}
      {report.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {report.data && lines.length === 0 && (
        <p>{t('treasurer.reports.noSponsorship', { year: String(year) })}</p>
      )}
      {report.data && lines.length > 0 && (
        <div className="chart-and-table">
          <HorizontalBarChart
            title={t('treasurer.reports.sponsorshipChart', { year: String(report.data.year) })}
            description={t('treasurer.reports.sponsorshipChartDescription')}
            rows={lines.map((line) => ({
              key: line.businessId,
              label: line.name,
              value: line.steerkes,
            }))}
          />
          <div
            className="table-scroll"
            role="region"
            tabIndex={0}
            aria-label={t('treasurer.reports.sponsorshipCaption', {
              year: String(report.data.year),
            })}
          >
            <table className="figures-table" data-testid="sponsorship-report">
              <caption>
                {t('treasurer.reports.sponsorshipCaption', { year: String(report.data.year) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('treasurer.reports.business')}</th>
                  <th scope="col">{t('business.sponsorship.column.redemptions')}</th>
                  <th scope="col">{t('business.sponsorship.column.steerkes')}</th>
                  <th scope="col">{t('business.sponsorship.column.euroValue')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.businessId}>
                    <th scope="row">
                      {line.name}
                      <span className="figures-table__sub">{districtName(line.district)}</span>
                    </th>
                    <td>{format.integer(line.redemptions)}</td>
                    <td>{format.steerkes(line.steerkes)}</td>
                    <td>{format.euro(line.euroValue)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('business.sponsorship.totalRow')}</th>
                  <td>{format.integer(lines.reduce((sum, line) => sum + line.redemptions, 0))}</td>
                  <td>{format.steerkes(String(total((line) => line.steerkes)))}</td>
                  <td>{format.euro(String(total((line) => line.euroValue)))}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function ImpactReport() {
  const t = useT();
  const format = usePageFormat();
  const fromId = useId();
  const toId = useId();
  const today = todayInMaastricht();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const report = useQuery({
    queryKey: ['treasurer', 'reports', 'impact', from, to],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/reports/impact', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
    enabled: from !== '' && to !== '',
  });
  const districtName = (district: District) => t(`volunteer.district.${district}`);
  const period = report.data
    ? t('treasurer.reports.period', {
        from: format.date(report.data.from),
        to: format.date(report.data.to),
      })
    : '';
  return (
    <section className="card" aria-labelledby="impact-report-title">
      <h2 id="impact-report-title">{t('treasurer.reports.impactTitle')}</h2>
      <div className="treasurer-grid no-print">
        <div className="field">
          <label htmlFor={fromId}>{t('treasurer.audit.from')}</label>
          <input
            id={fromId}
            type="date"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={toId}>{t('treasurer.audit.to')}</label>
          <input id={toId} type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
      </div>
      {report.isPending && <p>{t('treasurer.loading')}</p>}
      {report.isError && <p role="alert">{t('treasurer.reports.impactFailed')}</p>}
      {report.data && (
        <>
          <p>{period}</p>
          <div className="chart-and-table">
            <HorizontalBarChart
              title={t('treasurer.reports.impactChart', { period })}
              description={t('treasurer.reports.impactChartDescription')}
              rows={report.data.organisations.map((line) => ({
                key: line.organisationId,
                label: line.name,
                value: line.hoursRewarded,
              }))}
            />
            <div
              className="table-scroll"
              role="region"
              tabIndex={0}
              aria-label={t('treasurer.reports.impactOrganisations')}
            >
              <table className="figures-table" data-testid="impact-organisations">
                <caption>{t('treasurer.reports.impactOrganisations')}</caption>
                <ImpactHead first={t('treasurer.reports.organisation')} />
                <tbody>
                  {report.data.organisations.map((line) => (
                    <tr key={line.organisationId}>
                      <th scope="row">
                        {line.name}
                        <span className="figures-table__sub">{districtName(line.district)}</span>
                      </th>
                      <ImpactCells line={line} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div
              className="table-scroll"
              role="region"
              tabIndex={0}
              aria-label={t('treasurer.reports.impactDistricts')}
            >
              <table className="figures-table" data-testid="impact-districts">
                <caption>{t('treasurer.reports.impactDistricts')}</caption>
                <ImpactHead first={t('transparency.column.district')} />
                <tbody>
                  {report.data.districts.map((line) => (
                    <tr key={line.district}>
                      <th scope="row">{districtName(line.district)}</th>
                      <ImpactCells line={line} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function ImpactHead({ first }: { first: string }) {
  const t = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('transparency.column.hours')}</th>
        <th scope="col">{t('transparency.column.volunteers')}</th>
        <th scope="col">{t('treasurer.reports.steerkesForHours')}</th>
        <th scope="col">{t('transparency.column.servicesGiven')}</th>
        <th scope="col">{t('transparency.column.servicesUsed')}</th>
      </tr>
    </thead>
  );
}

function ImpactCells({
  line,
}: {
  line: components['schemas']['ImpactReportDto']['districts'][number];
}) {
  const format = usePageFormat();
  return (
    <>
      <td>{format.hours(line.hoursRewarded)}</td>
      <td>{format.integer(line.volunteers)}</td>
      <td>{format.steerkes(line.steerkesForHours)}</td>
      <td>{format.integer(line.servicesGiven)}</td>
      <td>{format.integer(line.servicesUsed)}</td>
    </>
  );
}
