import '../volunteer/lists-and-figures.css';
import './organisation.css';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import { Field } from '../components/Field';
import type { MessageKey } from '../i18n/catalogue';
import { normaliseAmount } from './amount';
import { PeriodFields } from './PeriodFields';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import { columnAmount, shortDate } from './short-date';
import { toCsv } from './csv';
import {
  newIdempotencyKey,
  organisationKeys,
  PAGE_SIZE,
  problemText,
  type StatementLine,
  useHourRate,
  useOrganisationAccount,
  useOrganisationId,
  usePastVolunteers,
} from './organisation-data';

/** Statement pages read at most for one CSV download (100 lines each). */
const CSV_PAGES_MAX = 100;

/**
 * The money: balance, available and pending holds, a transfer, the hour rate, what the
 * organisation did (the impact report), the statement (and its CSV).
 */
export function MoneyPage() {
  const t = useT();
  return (
    <section className="organisation-page" aria-labelledby="money-title">
      <h1 id="money-title">{t('org.money.title')}</h1>
      <BalanceCard />
      <TransferCard />
      <HourRateCard />
      <ImpactCard />
      <Statement />
    </section>
  );
}

function BalanceCard() {
  const t = useT();
  const format = usePageFormat();
  const account = useOrganisationAccount();
  return (
    <section className="card" aria-labelledby="org-balance-title">
      <h2 id="org-balance-title">{t('org.money.balanceTitle')}</h2>
      {account.isPending && <p>{t('org.loading')}</p>}
      {account.isError && <p role="alert">{t('org.loadFailed')}</p>}
      {account.data && (
        <>
          <p className="balance-amount" data-testid="org-balance">
            {format.steerkes(account.data.balance)}
          </p>
          <dl className="figures">
            <div>
              <dt>{t('org.money.available')}</dt>
              <dd data-testid="org-available">{format.steerkes(account.data.available)}</dd>
            </div>
            <div>
              <dt>{t('org.money.pending')}</dt>
              <dd data-testid="org-pending">{format.steerkes(account.data.pending)}</dd>
            </div>
            {account.data.minBalance !== null && (
              <div>
                <dt>{t('org.money.creditLimit')}</dt>
                <dd>{format.steerkes(account.data.minBalance)}</dd>
              </div>
            )}
          </dl>
          <p className="hint">{t('org.money.pendingExplained')}</p>
          {account.data.status !== 'open' && (
            <p role="alert" className="alert">
              {t('org.money.notOpen')}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** As the ledger takes it (src/ledger/ledger.types.ts). */
const DESCRIPTION_LENGTH_MAX = 500;

const TRANSFER_REFUSALS: Record<string, MessageKey> = {
  INSUFFICIENT_FUNDS: 'org.transfer.funds',
  ACCOUNT_NOT_OPEN: 'org.transfer.notOpen',
  BALANCE_LIMIT_EXCEEDED: 'org.transfer.limit',
  NOT_FOUND: 'org.transfer.accountUnknown',
};

interface TransferAttempt {
  key: string;
  volunteerId: string;
  amount: string;
  description: string;
}

/** A refusal made by the page itself (the receiver's account could not be found). */
class AccountUnknownError extends Error {}

/**
 * Steerkes from the organisation's account to a volunteer who worked for it
 * (POST /transfers). The API lets a manager see no other party's accounts; the volunteer's account
 * is the one their last approved claim paid (GET /entries/{id} of that HOURS entry). An attempt's
 * Idempotency-Key is made when the form is first sent and sent again on "Try again" after a lost
 * answer, so a retry never pays twice; a changed form or a booked one starts a new attempt.
 */
function TransferCard() {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const account = useOrganisationAccount();
  const volunteers = usePastVolunteers();
  const id = useId();
  const [attempt, setAttempt] = useState<TransferAttempt | null>(null);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const accounts = useRef(new Map<string, string>());
  const people = (volunteers.data ?? []).filter((person) => person.entryId !== null);
  const nameOf = (volunteerId: string) =>
    people.find((person) => person.id === volunteerId)?.name ?? '';

  const accountOf = async (volunteerId: string): Promise<string> => {
    const known = accounts.current.get(volunteerId);
    if (known) return known;
    const entryId = people.find((person) => person.id === volunteerId)?.entryId;
    if (!entryId || !account.data) throw new AccountUnknownError();
    const entry = unwrap(
      await api.GET('/api/v1/entries/{id}', { params: { path: { id: entryId } } }),
    );
    const theirs = entry.postings.find(
      (posting) => posting.accountId !== account.data.id && !posting.amount.startsWith('-'),
    );
    if (!theirs) throw new AccountUnknownError();
    accounts.current.set(volunteerId, theirs.accountId);
    return theirs.accountId;
  };

  const transfer = useMutation({
    mutationFn: async (sent: TransferAttempt) => {
      if (!account.data) throw new AccountUnknownError();
      const toAccountId = await accountOf(sent.volunteerId);
      return unwrap(
        await api.POST('/api/v1/transfers', {
          params: { header: { 'Idempotency-Key': sent.key } },
          body: {
            fromAccountId: account.data.id,
            toAccountId,
            amount: sent.amount,
            code: 'TRANSFER',
            description: sent.description,
          },
        }),
      );
    },
    onSuccess: async (_entry, sent) => {
      setAttempt(null);
      setDone(
        t('org.transfer.done', {
          amount: format.steerkes(sent.amount),
          name: nameOf(sent.volunteerId),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const volunteerId = String(form.get('to') ?? '');
    const amount = normaliseAmount(String(form.get('amount') ?? ''));
    const description = String(form.get('description') ?? '').trim();
    const problems: Record<string, string> = {};
    if (volunteerId === '') problems.to = t('org.transfer.toMissing');
    if (amount === null) problems.amount = t('org.transfer.amountInvalid');
    if (description === '') problems.description = t('org.transfer.descriptionMissing');
    setInvalid(problems);
    setDone(null);
    if (Object.keys(problems).length > 0 || amount === null) return;
    const same =
      attempt !== null &&
      attempt.volunteerId === volunteerId &&
      attempt.amount === amount &&
      attempt.description === description;
    const next = same ? attempt : { key: newIdempotencyKey(), volunteerId, amount, description };
    setAttempt(next);
    transfer.mutate(next);
  }

  const apiFields = fieldErrors(transfer.error);
  const fieldError = (name: string, apiName = name) => invalid[name] ?? apiFields[apiName];
  const problem = transfer.error instanceof ApiProblemError ? transfer.error.problem : null;
  const unknownAccount = transfer.error instanceof AccountUnknownError;
  const lostAnswer = transfer.isError && problem === null && !unknownAccount;
  const sentence = unknownAccount
    ? 'org.transfer.accountUnknown'
    : problem
      ? TRANSFER_REFUSALS[problem.code]
      : undefined;
  return (
    <section className="card" id="transfer" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('org.transfer.title')}</h2>
      <p className="hint">{t('org.transfer.intro')}</p>
      {done && (
        <p role="status" className="notice" data-testid="transfer-done">
          {done}
        </p>
      )}
      {transfer.isError && (
        <div role="alert" className="alert">
          {lostAnswer ? (
            <p>{t('org.transfer.noAnswer')}</p>
          ) : (
            <>
              <p>{t('org.transfer.refused')}</p>
              {Object.keys(apiFields).length === 0 && (
                <p>{sentence ? t(sentence) : problem?.detail}</p>
              )}
            </>
          )}
        </div>
      )}
      {volunteers.isPending && <p>{t('org.loading')}</p>}
      {volunteers.isError && <p role="alert">{t('org.loadFailed')}</p>}
      {volunteers.isSuccess && people.length === 0 && <p>{t('org.transfer.noVolunteers')}</p>}
      {people.length > 0 && (
        <form onSubmit={submit} noValidate onChange={() => setDone(null)}>
          <Field
            id={`${id}-to`}
            label={t('org.transfer.to')}
            hint={t('org.transfer.toHint')}
            error={fieldError('to', 'toAccountId')}
          >
            {(describedBy, isInvalid) => (
              <select
                id={`${id}-to`}
                name="to"
                defaultValue=""
                aria-invalid={isInvalid}
                aria-describedby={describedBy}
              >
                <option value="" disabled>
                  {t('org.transfer.choose')}
                </option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={`${id}-amount`}
            label={t('org.transfer.amount')}
            hint={
              account.data
                ? t('org.transfer.amountHint', {
                    available: format.steerkes(account.data.available),
                  })
                : undefined
            }
            error={fieldError('amount')}
          >
            {(describedBy, isInvalid) => (
              <input
                id={`${id}-amount`}
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                aria-invalid={isInvalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field
            id={`${id}-description`}
            label={t('org.transfer.description')}
            error={fieldError('description')}
          >
            {(describedBy, isInvalid) => (
              <input
                id={`${id}-description`}
                name="description"
                maxLength={DESCRIPTION_LENGTH_MAX}
                autoComplete="off"
                aria-invalid={isInvalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <button
            type="submit"
            className="button-primary"
            disabled={transfer.isPending || !account.data}
          >
            {transfer.isPending
              ? t('org.transfer.busy')
              : lostAnswer
                ? t('org.transfer.retry')
                : t('org.transfer.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

function HourRateCard() {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const organisationId = useOrganisationId();
  const rate = useHourRate();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  useEffect(() => {
    if (rate.data) setValue(rate.data.organisationRate ?? rate.data.rate);
  }, [rate.data]);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/organisations/{id}/hour-rate', {
          params: { path: { id: organisationId } },
          body: { rate: value.trim().replace(',', '.') },
        }),
      ),
    onSuccess: (saved) => {
      setProblem(null);
      setDone(t('org.rate.saved', { rate: format.steerkes(saved.rate) }));
      queryClient.setQueryData(organisationKeys.rate(organisationId), saved);
    },
    onError: (error) => {
      setDone(null);
      if (!(error instanceof ApiProblemError)) return setProblem(t('org.error.network'));
      setProblem(fieldErrors(error).rate ?? error.problem.detail);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section className="card" id="hour-rate" aria-labelledby="rate-title">
      <h2 id="rate-title">{t('org.rate.title')}</h2>
      {rate.isPending && <p>{t('org.loading')}</p>}
      {rate.isError && <p role="alert">{t('org.loadFailed')}</p>}
      {rate.data && (
        <form onSubmit={onSubmit} noValidate>
          <p data-testid="rate-now">
            {t('org.rate.now', { rate: format.steerkes(rate.data.rate) })}{' '}
            {rate.data.organisationRate === null ? t('org.rate.isDefault') : ''}
          </p>
          <div className="field">
            <label htmlFor={inputId}>{t('org.rate.label')}</label>
            <input
              id={inputId}
              type="text"
              inputMode="decimal"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              aria-invalid={Boolean(problem)}
              aria-describedby={[hintId, problem ? `${inputId}-problem` : ''].join(' ').trim()}
            />
            <p id={hintId} className="field__hint">
              {t('org.rate.range', {
                min: format.steerkes(rate.data.min),
                max: format.steerkes(rate.data.max),
              })}
            </p>
            {problem && (
              <p id={`${inputId}-problem`} className="field__error">
                {problem}
              </p>
            )}
          </div>
          <button type="submit" className="button-primary" disabled={save.isPending}>
            {t('org.rate.save')}
          </button>
          <p role="status" className="form-done">
            {done}
          </p>
        </form>
      )}
    </section>
  );
}

/** What the organisation did in a period (GET /reports/impact: a manager sees their own). */
function ImpactCard() {
  const t = useT();
  const format = usePageFormat();
  const today = useMemo(() => todayInMaastricht(), []);
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const report = useQuery({
    queryKey: [...organisationKeys.all, 'impact', from, to],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/reports/impact', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
    enabled: from !== '' && to !== '',
  });
  const own = report.data?.organisations[0];
  const figures: Array<[MessageKey, string]> = own
    ? [
        ['org.impact.hours', format.hours(own.hoursRewarded)],
        ['org.impact.volunteers', format.integer(own.volunteers)],
        ['org.impact.steerkesForHours', format.steerkes(own.steerkesForHours)],
        ['org.impact.earnedWithServices', format.steerkes(own.steerkesEarnedWithServices)],
        ['org.impact.spentOnServices', format.steerkes(own.steerkesSpentOnServices)],
        ['org.impact.servicesGiven', format.integer(own.servicesGiven)],
        ['org.impact.servicesUsed', format.integer(own.servicesUsed)],
      ]
    : [];
  return (
    <section className="card" aria-labelledby="impact-title">
      <h2 id="impact-title">{t('org.impact.title')}</h2>
      <div className="filters">
        <PeriodFields from={from} to={to} today={today} onFrom={setFrom} onTo={setTo} />
      </div>
      {report.isPending && from !== '' && to !== '' && <p>{t('org.loading')}</p>}
      {report.isError && <p role="alert">{problemText(report.error, t('org.loadFailed'))}</p>}
      {report.isSuccess && !own && <p>{t('org.impact.empty')}</p>}
      {own && (
        <dl className="figures" data-testid="impact">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function firstOfMonth(today: string): string {
  return `${today.slice(0, 7)}-01`;
}

function Statement() {
  const t = useT();
  const format = usePageFormat();
  const account = useOrganisationAccount();
  const accountId = account.data?.id ?? '';
  const today = useMemo(() => todayInMaastricht(), []);
  const [from, setFrom] = useState(() => firstOfMonth(today));
  const [to, setTo] = useState(today);
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const statement = useInfiniteQuery({
    queryKey: organisationKeys.statement(accountId, range),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/accounts/{id}/postings', {
          params: {
            path: { id: accountId },
            query: { ...range, limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: accountId !== '',
  });
  const lines = statement.data?.pages.flatMap((page) => page.items) ?? [];

  const download = async () => {
    setDownloading(true);
    setDownloadProblem(null);
    try {
      const all: StatementLine[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < CSV_PAGES_MAX; page++) {
        const result = unwrap(
          await api.GET('/api/v1/accounts/{id}/postings', {
            params: { path: { id: accountId }, query: { ...range, limit: PAGE_SIZE, cursor } },
          }),
        );
        all.push(...result.items);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      const csv = toCsv([
        [
          t('org.csv.date'),
          t('org.csv.code'),
          t('org.csv.description'),
          t('org.csv.amount'),
          t('org.csv.balanceAfter'),
          t('org.csv.entry'),
        ],
        ...all.map((line) => [
          line.effectiveDate,
          line.code,
          line.description,
          line.amount,
          line.balanceAfter,
          line.entryId,
        ]),
      ]);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `steerkes-${from || 'begin'}-${to || today}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setDownloadProblem(problemText(error, t('org.error.network')));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <section className="card" aria-labelledby="statement-title">
      <h2 id="statement-title">{t('org.money.statementTitle')}</h2>
      <div className="filters">
        <PeriodFields from={from} to={to} today={today} onFrom={setFrom} onTo={setTo} />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button-secondary"
          onClick={() => void download()}
          disabled={downloading || accountId === ''}
        >
          {t('org.money.downloadCsv')}
        </button>
      </div>
      {downloadProblem && (
        <p role="alert" className="alert">
          {downloadProblem}
        </p>
      )}
      {statement.isPending && accountId !== '' && <p>{t('org.loading')}</p>}
      {statement.isError && <p role="alert">{problemText(statement.error, t('org.loadFailed'))}</p>}
      {statement.isSuccess && lines.length === 0 && <p>{t('org.money.statementEmpty')}</p>}
      {lines.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="statement-title">
          <table className="figures-table statement-table stack-table">
            <caption className="visually-hidden">{t('org.money.statementTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('org.csv.date')}</th>
                <th scope="col">{t('org.csv.description')}</th>
                <th scope="col">{t('org.csv.amount')}</th>
                <th scope="col">{t('org.csv.balanceAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={`${line.entryId}-${line.sequence}`} data-testid="statement-line">
                  <td data-label={t('org.csv.date')}>
                    {shortDate(format.language, line.effectiveDate)}
                  </td>
                  <td data-label={t('org.csv.description')}>
                    <span className="statement-code">{t(`org.money.code.${line.code}`)}</span>
                    <br />
                    <span className="hint">{line.description}</span>
                  </td>
                  <td data-label={t('org.csv.amount')}>
                    {columnAmount(format.language, line.amount, true)}
                  </td>
                  <td data-label={t('org.csv.balanceAfter')}>
                    {columnAmount(format.language, line.balanceAfter)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {statement.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => statement.fetchNextPage()}
          disabled={statement.isFetchingNextPage}
        >
          {t('org.money.more')}
        </button>
      )}
    </section>
  );
}
