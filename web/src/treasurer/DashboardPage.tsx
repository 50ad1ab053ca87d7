import '../volunteer/lists-and-figures.css';
import './treasurer.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiProblemError, unwrap } from '../api/client';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { useUser } from '../session/session';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import { endedMonths, refusalKey, treasurerKeys } from './treasurer-data';

const GROUP_KEYS: Record<string, MessageKey> = {
  organisation: 'treasurer.group.organisation',
  institution: 'treasurer.group.institution',
  business: 'treasurer.group.business',
  volunteer: 'treasurer.group.volunteer',
  system: 'treasurer.group.system',
};
const SECOND_MS = 1000;

/** The treasurer's home: money supply, who holds it, the integrity check, and the months open or closed. */
export function DashboardPage() {
  const t = useT();
  return (
    <section className="treasurer-page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('treasurer.dashboard.title')}</h1>
      <MoneySupply />
      <IntegrityCheck />
      <Months />
    </section>
  );
}

function MoneySupply() {
  const t = useT();
  const format = usePageFormat();
  const balance = useQuery({
    queryKey: treasurerKeys.trialBalance,
    queryFn: async () => unwrap(await api.GET('/api/v1/treasury/trial-balance')),
  });
  return (
    <section className="card" aria-labelledby="supply-title">
      <h2 id="supply-title">{t('treasurer.supply.title')}</h2>
      {balance.isPending && <p>{t('treasurer.loading')}</p>}
      {balance.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {balance.data && (
        <>
          <dl className="figures">
            <div>
              <dt>{t('treasurer.supply.circulation')}</dt>
              <dd data-testid="circulation">{format.steerkes(balance.data.circulation)}</dd>
            </div>
            <div>
              <dt>{t('treasurer.supply.pending')}</dt>
              <dd>{format.steerkes(balance.data.pendingHolds)}</dd>
            </div>
          </dl>
          <p>
            <strong>{t('treasurer.supply.balanced')}</strong>:{' '}
            {t(
              balance.data.balanced
                ? 'treasurer.supply.balancedYes'
                : 'treasurer.supply.balancedNo',
              {
                total: format.steerkes(balance.data.total),
              },
            )}
          </p>
          <table className="figures-table groups-table" data-testid="groups-table">
            <caption>{t('treasurer.groups.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('treasurer.groups.group')}</th>
                <th scope="col">{t('treasurer.groups.total')}</th>
              </tr>
            </thead>
            <tbody>
              {balance.data.groups.map((group) => (
                <tr key={group.group}>
                  <th scope="row">
                    {group.group in GROUP_KEYS
                      ? t(GROUP_KEYS[group.group])
                      : t('treasurer.group.other', { group: group.group })}
                    <span className="groups-table__count">
                      {group.accounts.length === 1
                        ? t('treasurer.groups.oneAccount')
                        : t('treasurer.groups.accounts', {
                            count: format.integer(group.accounts.length),
                          })}
                    </span>
                  </th>
                  <td>{format.steerkes(group.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/**
 * The last integrity check on record (whoever ran it, whenever) with its time and result, and a
 * button that runs GET /treasury/reconciliation; the server keeps each run, so the result stays.
 */
function IntegrityCheck() {
  const t = useT();
  const format = usePageFormat();
  const user = useUser();
  const queryClient = useQueryClient();
  const last = useQuery({
    queryKey: treasurerKeys.integrity,
    queryFn: async () => unwrap(await api.GET('/api/v1/treasury/reconciliation/last')).check,
  });
  const run = useMutation({
    mutationFn: async () => unwrap(await api.GET('/api/v1/treasury/reconciliation')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: treasurerKeys.integrity }),
  });
  const seconds = useElapsedSeconds(run.isPending);
  const check = last.data ?? null;
  return (
    <section className="card" aria-labelledby="integrity-title">
      <h2 id="integrity-title">{t('treasurer.integrity.title')}</h2>
      <p className="hint">{t('treasurer.integrity.intro')}</p>
      <div role="status" data-testid="integrity-result">
        {run.isPending ? (
          <p>{t('treasurer.integrity.running', { seconds })}</p>
        ) : last.isPending ? (
          <p>{t('treasurer.loading')}</p>
        ) : last.isError ? (
          <p>{t('treasurer.loadFailed')}</p>
        ) : check === null ? (
          <p>{t('treasurer.integrity.never')}</p>
        ) : (
          <>
            <p className="integrity__when">
              {t('treasurer.integrity.last', {
                time: format.dateTime(check.finishedAt),
                who: t(
                  check.runBy === user.id
                    ? 'treasurer.integrity.byYou'
                    : 'treasurer.integrity.byOther',
                ),
              })}
            </p>
            {check.ok ? (
              <p className="integrity integrity--ok">
                {t('treasurer.integrity.ok', {
                  entries: format.integer(check.checked.entries),
                  postings: format.integer(check.checked.postings),
                  accounts: format.integer(check.checked.accounts),
                  holds: format.integer(check.checked.holds),
                })}
              </p>
            ) : (
              <p className="integrity integrity--failed">
                {t('treasurer.integrity.failed', {
                  count: format.integer(check.discrepancies),
                })}
              </p>
            )}
          </>
        )}
      </div>
      {run.isError && (
        <p role="alert" className="alert">
          {t('treasurer.integrity.error', {
            detail:
              run.error instanceof ApiProblemError ? run.error.problem.detail : t('error.network'),
          })}
        </p>
      )}
      <button
        type="button"
        className="button-primary"
        disabled={run.isPending}
        onClick={() => run.mutate()}
      >
        {t('treasurer.integrity.run')}
      </button>
    </section>
  );
}

function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(
      () => setSeconds(Math.floor((Date.now() - started) / SECOND_MS)),
      SECOND_MS,
    );
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/** The last twelve ended months, each open (with a close button) or closed (with when). */
function Months() {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<string | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const periods = useQuery({
    queryKey: treasurerKeys.periods,
    queryFn: async () => unwrap(await api.GET('/api/v1/treasury/periods')),
  });
  const close = useMutation({
    mutationFn: async (period: string) =>
      unwrap(
        await api.POST('/api/v1/treasury/periods/{period}/close', {
          params: { path: { period } },
        }),
      ),
    onSuccess: async (answer) => {
      setAsking(null);
      setClosed(answer.period);
      await queryClient.invalidateQueries({ queryKey: treasurerKeys.periods });
    },
  });
  const months = endedMonths(todayInMaastricht());
  const closedAt = new Map((periods.data ?? []).map((line) => [line.period, line.closedAt]));
  return (
    <section className="card" aria-labelledby="months-title">
      <h2 id="months-title">{t('treasurer.months.title')}</h2>
      <p className="hint">{t('treasurer.months.intro')}</p>
      {closed && (
        <p role="status" className="notice">
          {t('treasurer.months.done', { month: format.month(closed) })}
        </p>
      )}
      {periods.isPending && <p>{t('treasurer.loading')}</p>}
      {periods.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {asking && (
        <CloseConfirmation
          month={format.month(asking)}
          busy={close.isPending}
          error={close.error}
          onConfirm={() => close.mutate(asking)}
          onCancel={() => {
            setAsking(null);
            close.reset();
          }}
        />
      )}
      {periods.data && (
        <table className="figures-table months-table" data-testid="months-table">
          <caption>{t('treasurer.months.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('treasurer.months.month')}</th>
              <th scope="col">{t('treasurer.months.state')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((month) => {
              const at = closedAt.get(month);
              return (
                <tr key={month}>
                  <th scope="row">{format.month(month)}</th>
                  <td>
                    {at ? (
                      t('treasurer.months.closed', { time: format.dateTime(at) })
                    ) : (
                      <span className="months-table__open">
                        {t('treasurer.months.open')}
                        <button
                          type="button"
                          className="button-small"
                          disabled={asking !== null}
                          onClick={() => {
                            setClosed(null);
                            setAsking(month);
                          }}
                        >
                          {t('treasurer.months.close')}
                          <span className="visually-hidden"> {format.month(month)}</span>
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CloseConfirmation(props: {
  month: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const titleId = useId();
  const textId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const refusal = props.error instanceof ApiProblemError ? props.error.problem : null;
  const refusalSentence = refusal && refusalKey(refusal);
  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      className="confirm-panel"
    >
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {t('treasurer.months.confirmTitle', { month: props.month })}
      </h3>
      <p id={textId}>{t('treasurer.months.confirmText', { month: props.month })}</p>
      {props.error !== null && (
        <div role="alert" className="alert">
          <p>{t('treasurer.refusal.failed')}</p>
          <p>
            {refusalSentence ? t(refusalSentence) : refusal ? refusal.detail : t('error.network')}
          </p>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button-primary"
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.busy
            ? t('treasurer.form.busy')
            : t('treasurer.months.confirm', { month: props.month })}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          {t('treasurer.months.cancel')}
        </button>
      </div>
    </div>
  );
}
