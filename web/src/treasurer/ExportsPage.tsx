import './treasurer.css';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, ApiProblemError, unwrap } from '../api/client';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import { type ExportFormat, exportFileName, exportMonths, treasurerKeys } from './treasurer-data';

const FORMATS: Array<{ format: ExportFormat; label: MessageKey }> = [
  { format: 'hledger', label: 'treasurer.exports.hledger' },
  { format: 'beancount', label: 'treasurer.exports.beancount' },
  { format: 'csv', label: 'treasurer.exports.csv' },
];
/** The period select's value for the whole ledger (a month is YYYY-MM). */
const WHOLE_LEDGER = 'all';

/** Hands a file the page fetched (with the session's token) to the browser as a download. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

type Download =
  | { kind: 'journal'; format: ExportFormat; period: string | null }
  | { kind: 'statements'; period: string };

async function fetchFile(download: Download): Promise<string> {
  if (download.kind === 'statements') {
    const blob = unwrap(
      await api.GET('/api/v1/treasury/statements', {
        params: { query: { period: download.period } },
        parseAs: 'blob',
      }),
    ) as Blob;
    const file = `steerkes-statements-${download.period}.csv`;
    saveFile(blob, file);
    return file;
  }
  const blob = unwrap(
    await api.GET('/api/v1/treasury/export', {
      params: {
        query: {
          format: download.format,
          ...(download.period ? { period: download.period } : {}),
        },
      },
      parseAs: 'blob',
    }),
  ) as Blob;
  const file = exportFileName(download.format, download.period);
  saveFile(blob, file);
  return file;
}

/**
 * `/treasurer/exports`: the journal, whole or of one month, as CSV, an hledger journal or a
 * Beancount file; and the monthly statements of every account as CSV.
 */
export function ExportsPage() {
  const t = useT();
  const format = usePageFormat();
  const id = useId();
  const periods = useQuery({
    queryKey: treasurerKeys.periods,
    queryFn: async () => unwrap(await api.GET('/api/v1/treasury/periods')),
  });
  const months = exportMonths(
    todayInMaastricht(),
    (periods.data ?? []).map((line) => line.period),
  );
  const [journalPeriod, setJournalPeriod] = useState(WHOLE_LEDGER);
  const [statementPeriod, setStatementPeriod] = useState<string | null>(null);
  // The newest ended month until the treasurer picks one: the month statements are made for.
  const chosenStatementPeriod = statementPeriod ?? months[1]?.period ?? months[0].period;
  const download = useMutation({ mutationFn: fetchFile });
  const monthLabel = (month: { period: string; closed: boolean }) =>
    t(month.closed ? 'treasurer.exports.monthClosed' : 'treasurer.exports.monthOpen', {
      month: format.month(month.period),
    });
  return (
    <section className="treasurer-page" aria-labelledby="exports-title">
      <h1 id="exports-title">{t('treasurer.exports.title')}</h1>
      <div role="status">
        {download.isPending && <p>{t('treasurer.exports.busy')}</p>}
        {download.isSuccess && (
          <p className="notice">{t('treasurer.exports.done', { file: download.data })}</p>
        )}
      </div>
      {download.isError && (
        <p role="alert" className="alert">
          {t('treasurer.exports.failed', {
            detail:
              download.error instanceof ApiProblemError
                ? download.error.problem.detail
                : t('error.network'),
          })}
        </p>
      )}
      {periods.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      <section className="card" aria-labelledby={`${id}-journal`}>
        <h2 id={`${id}-journal`}>{t('treasurer.exports.journalTitle')}</h2>
        <p className="hint">{t('treasurer.exports.intro')}</p>
        <div className="field field--narrow">
          <label htmlFor={`${id}-journal-period`}>{t('treasurer.exports.period')}</label>
          <select
            id={`${id}-journal-period`}
            value={journalPeriod}
            onChange={(event) => setJournalPeriod(event.target.value)}
          >
            <option value={WHOLE_LEDGER}>{t('treasurer.exports.wholeLedger')}</option>
            {months.map((month) => (
              <option key={month.period} value={month.period}>
                {monthLabel(month)}
              </option>
            ))}
          </select>
        </div>
        <div className="download-list">
          {FORMATS.map((option) => (
            <button
              key={option.format}
              type="button"
              className="button-secondary"
              disabled={download.isPending}
              onClick={() =>
                download.mutate({
                  kind: 'journal',
                  format: option.format,
                  period: journalPeriod === WHOLE_LEDGER ? null : journalPeriod,
                })
              }
            >
              {t(option.label)}
            </button>
          ))}
        </div>
      </section>
      <section className="card" aria-labelledby={`${id}-statements`}>
        <h2 id={`${id}-statements`}>{t('treasurer.exports.statementsTitle')}</h2>
        <p className="hint">{t('treasurer.exports.statementsIntro')}</p>
        <div className="field field--narrow">
          <label htmlFor={`${id}-statement-period`}>{t('treasurer.exports.month')}</label>
          <select
            id={`${id}-statement-period`}
            value={chosenStatementPeriod}
            onChange={(event) => setStatementPeriod(event.target.value)}
          >
            {months.map((month) => (
              <option key={month.period} value={month.period}>
                {monthLabel(month)}
              </option>
            ))}
          </select>
        </div>
        <div className="download-list">
          <button
            type="button"
            className="button-secondary"
            disabled={download.isPending}
            onClick={() => download.mutate({ kind: 'statements', period: chosenStatementPeriod })}
          >
            {t('treasurer.exports.statements')}
          </button>
        </div>
      </section>
    </section>
  );
}
