import '../volunteer/lists-and-figures.css';
import '../business/business.css';
import './transparency.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { usePageFormat } from '../volunteer/page-format';
import { HorizontalBarChart } from './HorizontalBarChart';
import { parseYear, thisYear, yearsOffered } from './year';

type Report = components['schemas']['TransparencyReportDto'];

export const transparencyKeys = {
  report: (year: number) => ['public', 'transparency', year] as const,
};

/**
 * `/transparantie`, `/transparantie/2026` or `/transparantie?jaar=2026`, without login: the public
 * account of a year per district and per organisation, each as a chart and a table of the same
 * figures, with what a Steerke is and how small groups of volunteers are kept out of sight.
 */
export function TransparencyPage() {
  const t = useT();
  const { jaar } = useParams();
  const [search] = useSearchParams();
  const current = useMemo(() => thisYear(), []);
  const asked = jaar ?? search.get('jaar');
  const year = parseYear(asked) ?? current;
  const report = useQuery({
    queryKey: transparencyKeys.report(year),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/public/transparency', { params: { query: { year } } })),
    placeholderData: keepPreviousData,
  });
  const title = t('transparency.title', { year: String(year) });
  useEffect(() => {
    document.title = `${title} · Steerkes`;
  }, [title]);
  const min = report.data?.volunteersPublishedMin ?? 5;
  return (
    <article className="transparency" aria-labelledby="transparency-title">
      <h1 id="transparency-title">{title}</h1>
      <p className="transparency__intro">{t('transparency.intro')}</p>
      {asked !== null && asked !== undefined && parseYear(asked) === null && (
        <p role="status" className="notice">
          {t('transparency.badYear', { text: asked, year: String(year) })}
        </p>
      )}
      <div className="transparency__tools">
        <nav aria-label={t('transparency.yearPicker')} className="year-picker">
          <ul>
            {yearsOffered(current, year).map((option) => (
              <li key={option}>
                <Link
                  to={`/transparantie/${option}`}
                  aria-current={option === year ? 'page' : undefined}
                >
                  {option}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="button-secondary" onClick={() => window.print()}>
          {t('transparency.print')}
        </button>
      </div>
      <div className="transparency__explain">
        <section className="card" aria-labelledby="transparency-what">
          <h2 id="transparency-what">{t('transparency.whatTitle')}</h2>
          <p>{t('transparency.what')}</p>
        </section>
        <section className="card" aria-labelledby="transparency-privacy">
          <h2 id="transparency-privacy">{t('transparency.privacyTitle')}</h2>
          <p>{t('transparency.privacy', { min })}</p>
        </section>
      </div>
      {report.isPending && <p role="status">{t('transparency.loading')}</p>}
      {report.isError && (
        <p role="alert" className="alert">
          {t('transparency.loadFailed')}
        </p>
      )}
      {report.data && <Figures report={report.data} />}
    </article>
  );
}

function Figures({ report }: { report: Report }) {
  const t = useT();
  const format = usePageFormat();
  const year = String(report.year);
  const min = report.volunteersPublishedMin;
  const hidden = (
    <span title={t('transparency.suppressedLong', { min })}>{t('transparency.suppressed')}</span>
  );
  const hours = (value: string | null) => (value === null ? hidden : format.hours(value));
  const volunteers = (value: number | null) => (value === null ? hidden : format.integer(value));
  const districtName = (district: Report['districts'][number]['district']) =>
    t(`volunteer.district.${district}`);
  const anySponsorship = report.districts.some((line) => line.sponsorshipAccepted !== null);
  const anyBudget = report.organisations.some((line) => Number(line.budgetIssued) > 0);
  return (
    <>
      <section aria-labelledby="transparency-districts" className="transparency__part">
        <h2 id="transparency-districts">{t('transparency.districts.title')}</h2>
        <div className="chart-and-table">
          {anySponsorship ? (
            <HorizontalBarChart
              title={t('transparency.districts.chartTitle', { year })}
              description={t('transparency.districts.chartDescription', { year })}
              rows={report.districts.map((line) => ({
                key: line.district,
                label: districtName(line.district),
                value: line.sponsorshipAccepted?.steerkes ?? '0',
              }))}
            />
          ) : (
            <p>{t('transparency.districts.noSponsorship', { year })}</p>
          )}
          <div
            className="table-scroll"
            role="region"
            aria-label={t('transparency.districts.caption', { year })}
            tabIndex={0}
          >
            <table className="figures-table" data-testid="districts-table">
              <caption>{t('transparency.districts.caption', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('transparency.column.district')}</th>
                  <th scope="col">{t('transparency.column.budget')}</th>
                  <th scope="col">{t('transparency.column.hours')}</th>
                  <th scope="col">{t('transparency.column.volunteers')}</th>
                  <th scope="col">{t('transparency.column.servicesExchanged')}</th>
                  <th scope="col">{t('transparency.column.sponsorship')}</th>
                </tr>
              </thead>
              <tbody>
                {report.districts.map((line) => (
                  <tr key={line.district}>
                    <th scope="row">{districtName(line.district)}</th>
                    <td>{format.steerkes(line.budgetIssued)}</td>
                    <td>{hours(line.hoursRewarded)}</td>
                    <td>{volunteers(line.volunteers)}</td>
                    <td>{format.integer(line.servicesExchanged)}</td>
                    <td>
                      {line.sponsorshipAccepted ? (
                        <>
                          {format.steerkes(line.sponsorshipAccepted.steerkes)}
                          <span className="figures-table__sub">
                            {t('transparency.euroValue', {
                              euro: format.euro(line.sponsorshipAccepted.euroValue),
                            })}
                          </span>
                        </>
                      ) : line.sponsorshipSuppressed ? (
                        hidden
                      ) : (
                        t('transparency.none')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
      <section aria-labelledby="transparency-organisations" className="transparency__part">
        <h2 id="transparency-organisations">{t('transparency.organisations.title')}</h2>
        <div className="chart-and-table">
          {anyBudget ? (
            <HorizontalBarChart
              title={t('transparency.organisations.chartTitle', { year })}
              description={t('transparency.organisations.chartDescription', { year })}
              rows={report.organisations.map((line) => ({
                key: line.name,
                label: line.name,
                value: line.budgetIssued,
              }))}
            />
          ) : (
            <p>{t('transparency.organisations.noBudget', { year })}</p>
          )}
          <div
            className="table-scroll"
            role="region"
            aria-label={t('transparency.organisations.caption', { year })}
            tabIndex={0}
          >
            <table className="figures-table" data-testid="organisations-table">
              <caption>{t('transparency.organisations.caption', { year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('transparency.column.organisation')}</th>
                  <th scope="col">{t('transparency.column.budget')}</th>
                  <th scope="col">{t('transparency.column.hours')}</th>
                  <th scope="col">{t('transparency.column.volunteers')}</th>
                  <th scope="col">{t('transparency.column.servicesGiven')}</th>
                  <th scope="col">{t('transparency.column.servicesUsed')}</th>
                </tr>
              </thead>
              <tbody>
                {report.organisations.map((line) => (
                  <tr key={line.name}>
                    <th scope="row">
                      {line.name}
                      <span className="figures-table__sub">{districtName(line.district)}</span>
                    </th>
                    <td>{format.steerkes(line.budgetIssued)}</td>
                    <td>{hours(line.hoursRewarded)}</td>
                    <td>{volunteers(line.volunteers)}</td>
                    <td>{format.integer(line.servicesGiven)}</td>
                    <td>{format.integer(line.servicesUsed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
    </>
  );
}
