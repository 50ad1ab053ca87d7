import '../volunteer/lists-and-figures.css';
import './treasurer.css';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiProblemError, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { newIdempotencyKey } from '../kassa/counter-machine';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import { saveFile } from './ExportsPage';
import { endedMonths, refusalKey, treasurerKeys } from './treasurer-data';

type StatementLine = components['schemas']['StatementLineDto'];

const GROUP_KEYS: Record<string, MessageKey> = {
  organisation: 'treasurer.group.organisation',
  institution: 'treasurer.group.institution',
  business: 'treasurer.group.business',
  volunteer: 'treasurer.group.volunteer',
  system: 'treasurer.group.system',
};

/** `/treasurer/ledger`: the trial balance now or as of a date, an account's statement of a month, and reversal of an entry. */
export function LedgerPage() {
  const t = useT();
  return (
    <section className="treasurer-page" aria-labelledby="ledger-title">
      <h1 id="ledger-title">{t('treasurer.ledger.title')}</h1>
      <TrialBalanceSection />
      <StatementSection />
    </section>
  );
}

function TrialBalanceSection() {
  const t = useT();
  const format = usePageFormat();
  const dateId = useId();
  const [asOf, setAsOf] = useState('');
  const balance = useQuery({
    queryKey: [...treasurerKeys.trialBalance, asOf],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/treasury/trial-balance', {
          params: { query: asOf === '' ? {} : { asOf } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="trial-title">
      <h2 id="trial-title">{t('treasurer.ledger.trialTitle')}</h2>
      <div className="field field--narrow">
        <label htmlFor={dateId}>{t('treasurer.ledger.asOf')}</label>
        <p className="field__hint" id={`${dateId}-hint`}>
          {t('treasurer.ledger.asOfHint')}
        </p>
        <input
          id={dateId}
          type="date"
          value={asOf}
          max={todayInMaastricht()}
          aria-describedby={`${dateId}-hint`}
          onChange={(event) => setAsOf(event.target.value)}
        />
      </div>
      {balance.isPending && <p>{t('treasurer.loading')}</p>}
      {balance.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {balance.data && (
        <table className="figures-table ledger-table" data-testid="trial-balance">
          <caption>
            {balance.data.asOf
              ? t('treasurer.ledger.trialCaptionAsOf', { date: format.date(balance.data.asOf) })
              : t('treasurer.ledger.trialCaptionNow')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('treasurer.form.account')}</th>
              <th scope="col">{t('treasurer.groups.total')}</th>
            </tr>
          </thead>
          {balance.data.groups.map((group) => (
            <tbody key={group.group}>
              <tr className="ledger-table__group">
                <th scope="rowgroup">
                  {group.group in GROUP_KEYS
                    ? t(GROUP_KEYS[group.group])
                    : t('treasurer.group.other', { group: group.group })}
                </th>
                <td>{format.steerkes(group.total)}</td>
              </tr>
              {group.accounts.map((account) => (
                <tr key={account.accountId}>
                  <th scope="row" className="ledger-table__account">
                    {account.name}
                  </th>
                  <td>{format.steerkes(account.balance)}</td>
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot>
            <tr>
              <th scope="row">{t('treasurer.ledger.total')}</th>
              <td>{format.steerkes(balance.data.total)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

function StatementSection() {
  const t = useT();
  const format = usePageFormat();
  const accountId = useId();
  const monthId = useId();
  const thisMonth = todayInMaastricht().slice(0, 7);
  const months = [thisMonth, ...endedMonths(todayInMaastricht())];
  const [account, setAccount] = useState('');
  const [month, setMonth] = useState(thisMonth);
  const accounts = useQuery({
    queryKey: treasurerKeys.trialBalance,
    queryFn: async () => unwrap(await api.GET('/api/v1/treasury/trial-balance')),
  });
  const statement = useQuery({
    queryKey: [...treasurerKeys.statement, account, month],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/treasury/statements/{accountId}', {
          params: { path: { accountId: account }, query: { period: month } },
        }),
      ),
    enabled: account !== '',
  });
  const csv = useMutation({
    mutationFn: async () => {
      const blob = unwrap(
        await api.GET('/api/v1/treasury/statements/{accountId}', {
          params: { path: { accountId: account }, query: { period: month, format: 'csv' } },
          parseAs: 'blob',
        }),
      ) as Blob;
      saveFile(blob, `steerkes-${account.slice(0, 8)}-${month}.csv`);
    },
  });
  const options = (accounts.data?.groups ?? []).flatMap((group) => group.accounts);
  return (
    <section className="card" aria-labelledby="statement-title">
      <h2 id="statement-title">{t('treasurer.ledger.statementTitle')}</h2>
      <div className="treasurer-grid">
        <div className="field">
          <label htmlFor={accountId}>{t('treasurer.form.account')}</label>
          <select
            id={accountId}
            value={account}
            onChange={(event) => setAccount(event.target.value)}
          >
            <option value="" disabled>
              {t('treasurer.form.chooseAccount')}
            </option>
            {options.map((option) => (
              <option key={option.accountId} value={option.accountId}>
                {option.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={monthId}>{t('treasurer.months.month')}</label>
          <select id={monthId} value={month} onChange={(event) => setMonth(event.target.value)}>
            {months.map((option) => (
              <option key={option} value={option}>
                {format.month(option)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {statement.isFetching && <p>{t('treasurer.loading')}</p>}
      {statement.isError && (
        <p role="alert" className="alert">
          {statement.error instanceof ApiProblemError
            ? statement.error.problem.detail
            : t('treasurer.loadFailed')}
        </p>
      )}
      {statement.data && (
        <>
          <button
            type="button"
            className="button-secondary"
            disabled={csv.isPending}
            onClick={() => csv.mutate()}
          >
            {t('treasurer.ledger.csv')}
          </button>
          {csv.isError && (
            <p role="alert" className="alert">
              {t('treasurer.exports.failed', {
                detail:
                  csv.error instanceof ApiProblemError
                    ? csv.error.problem.detail
                    : t('error.network'),
              })}
            </p>
          )}
          <table className="figures-table statement-table" data-testid="statement">
            <caption>
              {t('treasurer.ledger.statementCaption', {
                name: statement.data.name,
                month: format.month(statement.data.period),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('treasurer.ledger.entry')}</th>
                <th scope="col">{t('treasurer.ledger.amount')}</th>
                <th scope="col">{t('treasurer.ledger.balanceAfter')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('treasurer.ledger.opening')}</th>
                <td />
                <td>{format.steerkes(statement.data.openingBalance)}</td>
              </tr>
              {statement.data.movements.map((line) => (
                <Movement key={`${line.entryId}-${line.sequence}`} line={line} />
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('treasurer.ledger.closing')}</th>
                <td />
                <td>{format.steerkes(statement.data.closingBalance)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </section>
  );
}

/** One line of a statement, with "Terugdraaien": a reason, a confirmation, one key per attempt. */
function Movement({ line }: { line: StatementLine }) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const isRedemption = line.code === 'REDEEM';
  const reverse = useMutation({
    mutationFn: async (input: { key: string; reason: string }): Promise<string> => {
      if (!isRedemption)
        return t('treasurer.reverse.entry', {
          sequence: String(
            unwrap(
              await api.POST('/api/v1/entries/{id}/reversal', {
                params: { path: { id: line.entryId }, header: { 'Idempotency-Key': input.key } },
                body: { description: input.reason },
              }),
            ).sequence,
          ),
        });
      // A redemption is the passes module's: reversed there, so stock and limits are restored too.
      const entry = unwrap(
        await api.GET('/api/v1/entries/{id}', { params: { path: { id: line.entryId } } }),
      );
      const redemptionId = String(entry.metadata.redemptionId ?? '');
      unwrap(
        await api.POST('/api/v1/redemptions/{id}/reversal', {
          params: { path: { id: redemptionId }, header: { 'Idempotency-Key': input.key } },
          body: { description: input.reason },
        }),
      );
      return t('treasurer.reverse.redemptionEntry');
    },
    onSuccess: async () => {
      setKey(null);
      await queryClient.invalidateQueries({ queryKey: ['treasurer'] });
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (reason === '') return;
    const attempt = key ?? newIdempotencyKey();
    setKey(attempt);
    reverse.mutate({ key: attempt, reason });
  }
  const refusal = reverse.error instanceof ApiProblemError ? reverse.error.problem : null;
  const sentence = refusal && refusalKey(refusal);
  const reversible = line.code !== 'REVERSAL';
  return (
    <tr>
      <th scope="row" className="statement-table__entry">
        <span>
          {format.date(line.effectiveDate)} · #{line.sequence} · {line.code}
        </span>
        <span className="figures-table__sub">{line.description}</span>
        {reversible && !open && !reverse.isSuccess && (
          <button type="button" className="button-small" onClick={() => setOpen(true)}>
            {t('treasurer.reverse.open')}
            <span className="visually-hidden"> #{line.sequence}</span>
          </button>
        )}
        {reverse.isSuccess && (
          <span role="status" className="field__ok">
            {t('treasurer.reverse.done', { sequence: reverse.data })}
          </span>
        )}
        {open && !reverse.isSuccess && (
          <form className="reverse-form" onSubmit={submit}>
            <p>
              {t(
                isRedemption ? 'treasurer.reverse.explainRedemption' : 'treasurer.reverse.explain',
                {
                  sequence: String(line.sequence),
                },
              )}
            </p>
            {reverse.isError && (
              <div role="alert" className="alert">
                <p>
                  {sentence ? t(sentence) : refusal ? refusal.detail : t('treasurer.form.noAnswer')}
                </p>
              </div>
            )}
            <div className="field">
              <label htmlFor={reasonId}>{t('treasurer.reverse.reason')}</label>
              <input id={reasonId} name="reason" required maxLength={500} autoComplete="off" />
            </div>
            <div className="actions">
              <button type="submit" className="button-primary" disabled={reverse.isPending}>
                {reverse.isPending
                  ? t('treasurer.form.busy')
                  : t('treasurer.reverse.confirm', { sequence: String(line.sequence) })}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setOpen(false);
                  setKey(null);
                  reverse.reset();
                }}
              >
                {t('treasurer.months.cancel')}
              </button>
            </div>
          </form>
        )}
      </th>
      <td>{format.signedSteerkes(line.amount)}</td>
      <td>{format.steerkes(line.balanceAfter)}</td>
    </tr>
  );
}
