import '../volunteer/lists-and-figures.css';
import './treasurer.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { Field } from '../components/Field';
import { useT } from '../i18n/i18n';
import { newIdempotencyKey } from '../kassa/counter-machine';
import { usePageFormat } from '../volunteer/page-format';
import { normaliseAmount, refusalKey, treasurerKeys } from './treasurer-data';

type TrialBalance = components['schemas']['TrialBalanceDto'];
type Kind = 'issue' | 'retire';
/** As the ledger takes it (src/ledger/ledger.types.ts). */
const DESCRIPTION_LENGTH_MAX = 500;

/** The groups each form offers first: budget goes to organisations, Steerkes come back from businesses. */
const GROUPS_FIRST: Record<Kind, string[]> = {
  issue: ['organisation', 'institution', 'business', 'volunteer'],
  retire: ['business', 'organisation', 'institution', 'volunteer'],
};

/** `/treasurer/money`: issue new Steerkes to an account, retire Steerkes from one. */
export function MoneyPage() {
  const t = useT();
  const balance = useQuery({
    queryKey: treasurerKeys.trialBalance,
    queryFn: async () => unwrap(await api.GET('/api/v1/treasury/trial-balance')),
  });
  return (
    <section className="treasurer-page" aria-labelledby="money-title">
      <h1 id="money-title">{t('treasurer.money.title')}</h1>
      {balance.isPending && <p>{t('treasurer.loading')}</p>}
      {balance.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {balance.data && (
        <div className="treasurer-grid">
          <MovementForm kind="issue" balance={balance.data} />
          <MovementForm kind="retire" balance={balance.data} />
        </div>
      )}
    </section>
  );
}

interface Attempt {
  key: string;
  accountId: string;
  amount: string;
  description: string;
}

/**
 * One form per movement. An attempt's Idempotency-Key is made when the form is first sent and
 * sent again on "Try again" after a lost answer, so a retry never books twice; a changed form or a
 * booked one starts a new attempt (as the counter does, web/src/kassa).
 */
function MovementForm({ kind, balance }: { kind: Kind; balance: TrialBalance }) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const id = useId();
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const accounts = GROUPS_FIRST[kind].flatMap(
    (group) => balance.groups.find((line) => line.group === group)?.accounts ?? [],
  );
  const nameOf = (accountId: string) =>
    accounts.find((account) => account.accountId === accountId)?.name ?? accountId;
  const book = useMutation({
    mutationFn: async (sent: Attempt) => {
      const header = { 'Idempotency-Key': sent.key };
      return kind === 'issue'
        ? unwrap(
            await api.POST('/api/v1/treasury/issue', {
              params: { header },
              body: {
                toAccountId: sent.accountId,
                amount: sent.amount,
                description: sent.description,
              },
            }),
          )
        : unwrap(
            await api.POST('/api/v1/treasury/retire', {
              params: { header },
              body: {
                fromAccountId: sent.accountId,
                amount: sent.amount,
                description: sent.description,
              },
            }),
          );
    },
    onSuccess: async (entry, sent) => {
      setAttempt(null);
      setDone(
        t(kind === 'issue' ? 'treasurer.issue.done' : 'treasurer.retire.done', {
          amount: format.steerkes(sent.amount),
          name: nameOf(sent.accountId),
          sequence: String(entry.sequence),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: treasurerKeys.trialBalance });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const accountId = String(form.get('account') ?? '');
    const amount = normaliseAmount(String(form.get('amount') ?? ''));
    const description = String(form.get('description') ?? '').trim();
    const problems: Record<string, string> = {};
    if (accountId === '') problems.account = t('treasurer.form.accountMissing');
    if (amount === null) problems.amount = t('treasurer.form.amountInvalid');
    if (description === '') problems.description = t('treasurer.form.descriptionMissing');
    setInvalid(problems);
    setDone(null);
    if (Object.keys(problems).length > 0 || amount === null) return;
    const same =
      attempt !== null &&
      attempt.accountId === accountId &&
      attempt.amount === amount &&
      attempt.description === description;
    const next = same ? attempt : { key: newIdempotencyKey(), accountId, amount, description };
    setAttempt(next);
    book.mutate(next);
  }

  const apiFields = fieldErrors(book.error);
  const fieldError = (name: string, apiName: string) => invalid[name] ?? apiFields[apiName];
  const refusal = book.error instanceof ApiProblemError ? book.error.problem : null;
  const lostAnswer = book.isError && refusal === null;
  const sentence = refusal && refusalKey(refusal);
  const accountApiName = kind === 'issue' ? 'toAccountId' : 'fromAccountId';
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t(kind === 'issue' ? 'treasurer.issue.title' : 'treasurer.retire.title')}
      </h2>
      <p className="hint">
        {t(kind === 'issue' ? 'treasurer.issue.intro' : 'treasurer.retire.intro')}
      </p>
      {done && (
        <p role="status" className="notice" data-testid={`${kind}-done`}>
          {done}
        </p>
      )}
      {book.isError && (
        <div role="alert" className="alert">
          {lostAnswer ? (
            <p>{t('treasurer.form.noAnswer')}</p>
          ) : (
            <>
              <p>{t('treasurer.refusal.failed')}</p>
              <p>
                {sentence
                  ? t(sentence)
                  : Object.keys(apiFields).length > 0
                    ? t('error.fieldsBelow')
                    : refusal?.detail}
              </p>
            </>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate onChange={() => setDone(null)}>
        <Field
          id={`${id}-account`}
          label={t('treasurer.form.account')}
          error={fieldError('account', accountApiName)}
        >
          {(describedBy) => (
            <select
              id={`${id}-account`}
              name="account"
              defaultValue=""
              aria-invalid={fieldError('account', accountApiName) ? true : undefined}
              aria-describedby={describedBy}
            >
              <option value="" disabled>
                {t('treasurer.form.chooseAccount')}
              </option>
              {accounts.map((account) => (
                <option key={account.accountId} value={account.accountId}>
                  {t('treasurer.form.balance', {
                    name: account.name,
                    balance: format.steerkes(account.balance),
                  })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={`${id}-amount`}
          label={t('treasurer.form.amount')}
          hint={t('treasurer.form.amountHint')}
          error={fieldError('amount', 'amount')}
        >
          {(describedBy) => (
            <input
              id={`${id}-amount`}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              aria-invalid={fieldError('amount', 'amount') ? true : undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field
          id={`${id}-description`}
          label={t('treasurer.form.description')}
          error={fieldError('description', 'description')}
        >
          {(describedBy) => (
            <input
              id={`${id}-description`}
              name="description"
              maxLength={DESCRIPTION_LENGTH_MAX}
              autoComplete="off"
              aria-invalid={fieldError('description', 'description') ? true : undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <button type="submit" className="button-primary" disabled={book.isPending}>
          {book.isPending
            ? t('treasurer.form.busy')
            : lostAnswer
              ? t('treasurer.form.retry')
              : t(kind === 'issue' ? 'treasurer.issue.submit' : 'treasurer.retire.submit')}
        </button>
      </form>
    </section>
  );
}
