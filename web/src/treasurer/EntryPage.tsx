import '../volunteer/lists-and-figures.css';
import './treasurer.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { api, ApiProblemError, fieldErrors, type Problem, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { Field } from '../components/Field';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { newIdempotencyKey } from '../kassa/counter-machine';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import {
  centsToAmount,
  normaliseSignedAmount,
  refusalKey,
  sumInCents,
  treasurerKeys,
} from './treasurer-data';

type EntryCode = components['schemas']['EntryDto']['code'];
/** The codes a treasurer may book with (TREASURER_ENTRY_CODES in src/ledger/dto/ledger.dto.ts). */
const ENTRY_CODES: readonly EntryCode[] = [
  'ADJUST',
  'TRANSFER',
  'ISSUE',
  'RETIRE',
  'HOURS',
  'SERVICE',
];
/** As the ledger takes them (src/ledger/ledger.types.ts). */
const DESCRIPTION_LENGTH_MAX = 500;
const LINES_MAX = 20;

interface Line {
  id: number;
  accountId: string;
  amount: string;
}

interface Attempt {
  key: string;
  body: components['schemas']['EntryDto'];
}

/**
 * `/treasurer/entry`: a manual entry of two or more signed lines that sum to zero, for a
 * correction the other forms do not cover. The sum is shown as the lines are typed and checked
 * before anything is sent; one Idempotency-Key per attempt, sent again by "Try again".
 */
export function EntryPage() {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const id = useId();
  const nextLineId = useRef(3);
  const [lines, setLines] = useState<Line[]>([
    { id: 1, accountId: '', amount: '' },
    { id: 2, accountId: '', amount: '' },
  ]);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const balance = useQuery({
    queryKey: treasurerKeys.trialBalance,
    queryFn: async () => unwrap(await api.GET('/api/v1/treasury/trial-balance')),
  });
  const accounts = (balance.data?.groups ?? []).flatMap((group) => group.accounts);
  const book = useMutation({
    mutationFn: async (sent: Attempt) =>
      unwrap(
        await api.POST('/api/v1/entries', {
          params: { header: { 'Idempotency-Key': sent.key } },
          body: sent.body,
        }),
      ),
    onSuccess: async (entry) => {
      setAttempt(null);
      setDone(t('treasurer.entry.done', { sequence: String(entry.sequence) }));
      setLines([
        { id: nextLineId.current++, accountId: '', amount: '' },
        { id: nextLineId.current++, accountId: '', amount: '' },
      ]);
      formRef.current?.reset();
      await queryClient.invalidateQueries({ queryKey: ['treasurer'] });
    },
  });

  const sum = sumInCents(lines.map((line) => line.amount));
  const amountsTyped = lines.filter((line) => normaliseSignedAmount(line.amount) !== null).length;
  const change = (lineId: number, patch: Partial<Line>) => {
    setDone(null);
    setLines((current) =>
      current.map((line) => (line.id === lineId ? { ...line, ...patch } : line)),
    );
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = String(form.get('code') ?? '') as EntryCode | '';
    const description = String(form.get('description') ?? '').trim();
    const effectiveDate = String(form.get('effectiveDate') ?? '');
    const problems: Record<string, string> = {};
    if (code === '') problems.code = t('treasurer.entry.codeMissing');
    if (description === '') problems.description = t('treasurer.form.descriptionMissing');
    const seen = new Set<string>();
    const postings = lines.map((line, index) => {
      const amount = normaliseSignedAmount(line.amount);
      if (line.accountId === '')
        problems[`postings.${index}.accountId`] = t('treasurer.form.accountMissing');
      else if (seen.has(line.accountId))
        problems[`postings.${index}.accountId`] = t('treasurer.entry.accountTwice');
      seen.add(line.accountId);
      if (amount === null)
        problems[`postings.${index}.amount`] = t('treasurer.entry.amountInvalid');
      return { accountId: line.accountId, amount: amount ?? '' };
    });
    if (sum !== 0) problems.sum = t('treasurer.entry.sumNotZero');
    setInvalid(problems);
    setDone(null);
    if (Object.keys(problems).length > 0 || code === '') return;
    const body = {
      code,
      description,
      postings,
      ...(effectiveDate ? { effectiveDate } : {}),
    };
    const same = attempt !== null && JSON.stringify(attempt.body) === JSON.stringify(body);
    const next = same ? attempt : { key: newIdempotencyKey(), body };
    setAttempt(next);
    book.mutate(next);
  }

  const apiFields = fieldErrors(book.error);
  const refusal = book.error instanceof ApiProblemError ? book.error.problem : null;
  const lostAnswer = book.isError && refusal === null;
  const sentence = refusal && entryRefusalKey(refusal);
  /** The line whose account the API's refusal names (a frozen account, a limit), if any. */
  const namedLine =
    refusal &&
    ['ACCOUNT_NOT_OPEN', 'BALANCE_LIMIT_EXCEEDED', 'INSUFFICIENT_FUNDS'].includes(refusal.code)
      ? lines.findIndex((line) => line.accountId !== '' && refusal.detail.includes(line.accountId))
      : -1;
  const fieldError = (name: string) => invalid[name] ?? apiFields[name];
  const nameOf = (accountId: string) =>
    accounts.find((account) => account.accountId === accountId)?.name ?? '';

  return (
    <section className="treasurer-page" aria-labelledby="entry-title">
      <h1 id="entry-title">{t('treasurer.entry.title')}</h1>
      <p>{t('treasurer.entry.intro')}</p>
      {balance.isPending && <p>{t('treasurer.loading')}</p>}
      {balance.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {balance.data && (
        <div className="card">
          {done && (
            <p role="status" className="notice" data-testid="entry-done">
              {done}
            </p>
          )}
          {book.isError && (
            <div role="alert" className="alert" data-testid="entry-refusal">
              {lostAnswer ? (
                <p>{t('treasurer.form.noAnswer')}</p>
              ) : (
                <>
                  <p>{t('treasurer.refusal.failed')}</p>
                  <p>
                    {sentence
                      ? t(sentence, {
                          account: namedLine >= 0 ? nameOf(lines[namedLine].accountId) : '',
                        })
                      : Object.keys(apiFields).length > 0
                        ? t('error.fieldsBelow')
                        : refusal?.detail}
                  </p>
                </>
              )}
            </div>
          )}
          <form ref={formRef} onSubmit={submit} noValidate>
            <div className="treasurer-grid">
              <Field id={`${id}-code`} label={t('treasurer.entry.code')} error={fieldError('code')}>
                {(describedBy, invalidField) => (
                  <select
                    id={`${id}-code`}
                    name="code"
                    defaultValue=""
                    aria-invalid={invalidField}
                    aria-describedby={describedBy}
                    onChange={() => setDone(null)}
                  >
                    <option value="" disabled>
                      {t('treasurer.entry.chooseCode')}
                    </option>
                    {ENTRY_CODES.map((code) => (
                      <option key={code} value={code}>
                        {t(`treasurer.entry.code.${code}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id={`${id}-date`}
                label={t('treasurer.entry.date')}
                hint={t('treasurer.entry.dateHint')}
                error={fieldError('effectiveDate')}
              >
                {(describedBy, invalidField) => (
                  <input
                    id={`${id}-date`}
                    name="effectiveDate"
                    type="date"
                    max={todayInMaastricht()}
                    aria-invalid={invalidField}
                    aria-describedby={describedBy}
                  />
                )}
              </Field>
            </div>
            <Field
              id={`${id}-description`}
              label={t('treasurer.form.description')}
              error={fieldError('description')}
            >
              {(describedBy, invalidField) => (
                <input
                  id={`${id}-description`}
                  name="description"
                  maxLength={DESCRIPTION_LENGTH_MAX}
                  autoComplete="off"
                  aria-invalid={invalidField}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
            <fieldset className="entry-lines">
              <legend>{t('treasurer.entry.lines')}</legend>
              <p className="field__hint">{t('treasurer.entry.linesHint')}</p>
              <ol className="entry-lines__list">
                {lines.map((line, index) => {
                  const number = String(index + 1);
                  const accountError =
                    fieldError(`postings.${index}.accountId`) ??
                    (namedLine === index ? t('treasurer.entry.thisAccount') : undefined);
                  return (
                    <li key={line.id} className="entry-line" data-testid="entry-line">
                      <LineField
                        id={`${id}-account-${line.id}`}
                        label={t('treasurer.form.account')}
                        line={t('treasurer.entry.lineNumber', { number })}
                        error={accountError}
                      >
                        {(describedBy, invalidField) => (
                          <select
                            id={`${id}-account-${line.id}`}
                            value={line.accountId}
                            aria-invalid={invalidField}
                            aria-describedby={describedBy}
                            onChange={(event) => change(line.id, { accountId: event.target.value })}
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
                      </LineField>
                      <LineField
                        id={`${id}-amount-${line.id}`}
                        label={t('treasurer.form.amount')}
                        line={t('treasurer.entry.lineNumber', { number })}
                        error={fieldError(`postings.${index}.amount`)}
                      >
                        {(describedBy, invalidField) => (
                          <input
                            id={`${id}-amount-${line.id}`}
                            value={line.amount}
                            inputMode="text"
                            autoComplete="off"
                            aria-invalid={invalidField}
                            aria-describedby={describedBy}
                            onChange={(event) => change(line.id, { amount: event.target.value })}
                          />
                        )}
                      </LineField>
                      {lines.length > 2 && (
                        <button
                          type="button"
                          className="button-secondary entry-line__remove"
                          onClick={() => {
                            setDone(null);
                            setLines((current) => current.filter((other) => other.id !== line.id));
                          }}
                        >
                          {t('treasurer.entry.remove')}
                          <span className="visually-hidden">
                            {' '}
                            {t('treasurer.entry.lineNumber', { number }).replace(/^, /, '')}
                          </span>
                        </button>
                      )}
                    </li>
                  );
                })}
              </ol>
              <button
                type="button"
                className="button-secondary"
                disabled={lines.length >= LINES_MAX}
                onClick={() => {
                  setDone(null);
                  setLines((current) => [
                    ...current,
                    { id: nextLineId.current++, accountId: '', amount: '' },
                  ]);
                }}
              >
                {t('treasurer.entry.add')}
              </button>
            </fieldset>
            <p
              className={
                sum !== 0
                  ? 'entry-sum'
                  : amountsTyped >= 2
                    ? 'entry-sum entry-sum--zero'
                    : 'entry-sum entry-sum--empty'
              }
              aria-live="polite"
              data-testid="entry-sum"
            >
              {t(
                sum !== 0
                  ? 'treasurer.entry.sumOff'
                  : amountsTyped >= 2
                    ? 'treasurer.entry.sumZero'
                    : 'treasurer.entry.sumEmpty',
                { sum: format.signedSteerkes(centsToAmount(sum)) },
              )}
            </p>
            {invalid.sum && <p className="field__error">{invalid.sum}</p>}
            <button type="submit" className="button-primary" disabled={book.isPending}>
              {book.isPending
                ? t('treasurer.form.busy')
                : lostAnswer
                  ? t('treasurer.form.retry')
                  : t('treasurer.entry.submit')}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}

/**
 * A field of one line: the label is short on screen ("Rekening") and names its line to a screen
 * reader ("Rekening, regel 2"); hint and error tied as the shared Field does.
 */
function LineField(props: {
  id: string;
  label: string;
  line: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        <span className="visually-hidden">{props.line}</span>
      </label>
      {props.children(props.error ? errorId : undefined, props.error ? true : undefined)}
      {props.error && (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The entry's own sentences first (the unbalanced reasons), then the treasurer's. */
function entryRefusalKey(problem: Problem): MessageKey | null {
  if (problem.code === 'ENTRY_UNBALANCED') return 'treasurer.entry.unbalanced';
  if (problem.code === 'ACCOUNT_NOT_OPEN') return 'treasurer.entry.accountNotOpen';
  if (problem.code === 'BALANCE_LIMIT_EXCEEDED') return 'treasurer.entry.balanceLimit';
  if (problem.code === 'INSUFFICIENT_FUNDS') return 'treasurer.entry.insufficientFunds';
  return refusalKey(problem);
}
