import './lists-and-figures.css';
import './volunteer.css';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from './calendar';
import { volunteerKeys } from './volunteer-data';
import { usePageFormat } from './page-format';

type FiscalOverview = components['schemas']['FiscalOverviewDto'];

/** How much tax-free room is left this month and this year, in sentences, and per month in a table. */
export function FiscalPage() {
  const t = useT();
  const format = usePageFormat();
  const thisMonth = useMemo(() => todayInMaastricht().slice(0, 7), []);
  const overview = useQuery({
    queryKey: volunteerKeys.fiscal,
    queryFn: async () => {
      return unwrap(await api.GET('/api/v1/fiscal/overview', {}));
    },
  });

  return (
    <section className="volunteer-page" aria-labelledby="fiscal-title">
      <h1 id="fiscal-title">{t('volunteer.fiscal.title')}</h1>
      <p>{t('volunteer.fiscal.intro')}</p>
      {overview.isPending && <p>{t('volunteer.loading')}</p>}
      {overview.isError && <p role="alert">{t('volunteer.loadFailed')}</p>}
      {overview.data && overview.data.limitsYear === null && (
        <p className="card">{t('volunteer.fiscal.noLimits')}</p>
      )}
      {overview.data && overview.data.limitsYear !== null && (
        <>
          <FiscalSummary overview={overview.data} thisMonth={thisMonth} />
          {overview.data.warnings.length > 0 && (
            <ul className="warnings">
              {overview.data.warnings.map((warning) => (
                <li key={`${warning.limit}-${warning.basis}`}>
                  {warning.message[format.language]}
                </li>
              ))}
            </ul>
          )}
          <table className="figures-table">
            <caption>{t('volunteer.fiscal.monthsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('volunteer.fiscal.column.month')}</th>
                <th scope="col">{t('volunteer.fiscal.column.received')}</th>
                <th scope="col">{t('volunteer.fiscal.column.room')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.data.months
                .filter((month) => month.month <= thisMonth)
                .map((month) => (
                  <tr
                    key={month.month}
                    aria-current={month.month === thisMonth ? 'date' : undefined}
                  >
                    <th scope="row">{format.month(month.month)}</th>
                    <td>{format.euro(month.received)}</td>
                    <td>
                      {month.room === null
                        ? t('volunteer.fiscal.noRoomFigure')
                        : format.euro(month.room)}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The room left in sentences: this month, this year, for the hours given, and for one benefit today. */
function FiscalSummary({ overview, thisMonth }: { overview: FiscalOverview; thisMonth: string }) {
  const t = useT();
  const format = usePageFormat();
  const { total, hours, year, roomNow } = overview;
  const month = overview.months.find((candidate) => candidate.month === thisMonth);
  return (
    <div className="card fiscal-summary" data-testid="fiscal-summary">
      {month && (
        <p>
          {month.limit !== null && month.room !== null
            ? t('volunteer.fiscal.month', {
                month: format.month(month.month),
                room: format.euro(month.room),
                received: format.euro(month.received),
                limit: format.euro(month.limit),
              })
            : t('volunteer.fiscal.monthNoLimit', {
                month: format.month(month.month),
                received: format.euro(month.received),
              })}
        </p>
      )}
      <p>
        {total.limit !== null && total.room !== null
          ? t('volunteer.fiscal.year', {
              year: String(year),
              room: format.euro(total.room),
              received: format.euro(total.received),
              limit: format.euro(total.limit),
            })
          : t('volunteer.fiscal.yearNoLimit', {
              year: String(year),
              received: format.euro(total.received),
            })}
      </p>
      {hours.hourlyAmount !== null && hours.limit !== null && hours.room !== null && (
        <p>
          {t('volunteer.fiscal.hours', {
            hourly: format.euro(hours.hourlyAmount),
            hours: format.hours(hours.approvedHours),
            limit: format.euro(hours.limit),
            room: format.euro(hours.room),
          })}
        </p>
      )}
      {roomNow !== null && (
        <p className="fiscal-summary__now">
          {t('volunteer.fiscal.now', { room: format.euro(roomNow) })}
        </p>
      )}
      {!overview.guardrailEnabled && <p>{t('volunteer.fiscal.guardrailOff')}</p>}
    </div>
  );
}
