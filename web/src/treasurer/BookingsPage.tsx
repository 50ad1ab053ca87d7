import '../volunteer/lists-and-figures.css';
import './treasurer.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { Field } from '../components/Field';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { newIdempotencyKey } from '../kassa/counter-machine';
import { usePageFormat } from '../volunteer/page-format';
import { normaliseAmount, refundableOf, refusalKeyIn, sumInCents } from './treasurer-data';

type Booking = components['schemas']['BookingListItemDto'];
/** Settled bookings: the provider received something a refund can pay back (booking-lifecycle.service.ts). */
const SETTLED = ['completed', 'returned', 'cancelled'] as const;
type Settled = (typeof SETTLED)[number];
const BOOKINGS_PER_REQUEST = 100;
/** As the API takes a reason (src/catalogue: NOTE_LENGTH_MAX). */
const REASON_LENGTH_MAX = 500;

/**
 * `/treasurer/bookings`: settled bookings with what the provider received, newest first, and
 * "Terugbetalen" of part or all of it to the booker, with a reason. The API lists bookings by
 * start, oldest first, without a date filter: the page reads every page of the chosen status and
 * shows the newest first.
 */
export function BookingsPage() {
  const t = useT();
  const format = usePageFormat();
  const id = useId();
  const [status, setStatus] = useState<Settled>('completed');
  const bookings = useQuery({
    queryKey: ['treasurer', 'bookings', status],
    queryFn: async () => {
      const all: Booking[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/bookings', {
            params: {
              query: { status, limit: BOOKINGS_PER_REQUEST, ...(cursor ? { cursor } : {}) },
            },
          }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all.reverse();
    },
  });
  const items = bookings.data ?? [];
  return (
    <section className="treasurer-page" aria-labelledby="bookings-title">
      <h1 id="bookings-title">{t('treasurer.bookings.title')}</h1>
      <p>{t('treasurer.bookings.intro')}</p>
      <div className="card">
        <div className="field field--narrow">
          <label htmlFor={`${id}-status`}>{t('treasurer.bookings.status')}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(event) => setStatus(event.target.value as Settled)}
          >
            {SETTLED.map((option) => (
              <option key={option} value={option}>
                {t(`treasurer.bookings.status.${option}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {bookings.isPending && <p>{t('treasurer.loading')}</p>}
      {bookings.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {bookings.data && (
        <>
          <p role="status">
            {items.length === 0
              ? t('treasurer.bookings.none')
              : items.length === 1
                ? t('treasurer.bookings.shownOne')
                : t('treasurer.bookings.shown', { count: format.integer(items.length) })}
          </p>
          {items.length > 0 && (
            <ul className="claim-list" data-testid="bookings">
              {items.map((booking) => (
                <BookingItem key={booking.id} booking={booking} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

interface Attempt {
  key: string;
  amount: string;
  reason: string;
}

/** One settled booking with "Terugbetalen": an amount up to what is left, a reason, one key per attempt. */
function BookingItem({ booking }: { booking: Booking }) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const refundable = refundableOf(booking);
  const refund = useMutation({
    mutationFn: async (sent: Attempt) =>
      unwrap(
        await api.POST('/api/v1/bookings/{id}/refund', {
          params: { path: { id: booking.id }, header: { 'Idempotency-Key': sent.key } },
          body: { amount: sent.amount, reason: sent.reason },
        }),
      ),
    onSuccess: async () => {
      setAttempt(null);
      await queryClient.invalidateQueries({ queryKey: ['treasurer', 'trial-balance'] });
    },
    // Refunded meanwhile by someone else: read the booking again, so the hint shows what is left.
    onError: async (error) => {
      if (error instanceof ApiProblemError && fieldErrors(error).amount)
        await queryClient.invalidateQueries({ queryKey: ['treasurer', 'bookings'] });
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amount = normaliseAmount(String(form.get('amount') ?? ''));
    const reason = String(form.get('reason') ?? '').trim();
    const problems: Record<string, string> = {};
    if (amount === null) problems.amount = t('treasurer.form.amountInvalid');
    else if (sumInCents([amount]) > sumInCents([refundable]))
      problems.amount = t('treasurer.bookings.aboveRefundable', {
        max: format.steerkes(refundable),
      });
    if (reason === '') problems.reason = t('treasurer.claims.reasonMissing');
    setInvalid(problems);
    if (Object.keys(problems).length > 0 || amount === null) return;
    const same = attempt !== null && attempt.amount === amount && attempt.reason === reason;
    const next = same ? attempt : { key: newIdempotencyKey(), amount, reason };
    setAttempt(next);
    refund.mutate(next);
  }
  const refusal = refund.error instanceof ApiProblemError ? refund.error.problem : null;
  const lostAnswer = refund.isError && refusal === null;
  const apiFields = fieldErrors(refund.error);
  const sentence = refusal && refusalKeyIn('bookings', refusal);
  const title = format.language === 'en' ? booking.listing.titleEn : booking.listing.titleNl;
  const summary = t('treasurer.bookings.summary', {
    title,
    booker: booking.bookerName,
    provider: booking.providerName,
  });
  const after = refund.data ? refundableOf(refund.data) : refundable;
  return (
    <li className="card claim-item" data-testid="booking">
      <p className="claim-item__head">
        <strong>{summary}</strong>
        <span className="figures-table__sub">
          {format.dateTime(booking.startsAt)} ·{' '}
          {t(`treasurer.bookings.status.${booking.status}` as MessageKey)}
        </span>
        <span className="figures-table__sub">
          {t('treasurer.bookings.received', {
            charged: format.steerkes(booking.charged ?? '0'),
            kept: format.steerkes(booking.depositKept ?? '0'),
            refunded: format.steerkes(refund.data?.refunded ?? booking.refunded),
          })}
        </span>
      </p>
      {refund.isSuccess && (
        <p role="status" className="notice">
          {t('treasurer.bookings.done', {
            amount: format.steerkes(refund.variables.amount),
            booker: booking.bookerName,
          })}
        </p>
      )}
      {sumInCents([after]) <= 0 ? (
        <p className="figures-table__sub">{t('treasurer.bookings.nothingLeft')}</p>
      ) : refund.isSuccess ? null : !open ? (
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
          {t('treasurer.bookings.open')}
          <span className="visually-hidden">: {summary}</span>
        </button>
      ) : (
        <form className="reverse-form" onSubmit={submit} noValidate>
          <p>
            {t('treasurer.bookings.explain', {
              provider: booking.providerName,
              booker: booking.bookerName,
              max: format.steerkes(refundable),
            })}
          </p>
          {refund.isError && (
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
          <Field
            id={`${id}-amount`}
            label={t('treasurer.form.amount')}
            hint={t('treasurer.bookings.amountHint', { max: format.steerkes(refundable) })}
            error={invalid.amount ?? apiFields.amount}
          >
            {(describedBy, invalidField) => (
              <input
                id={`${id}-amount`}
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                aria-invalid={invalidField}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field
            id={`${id}-reason`}
            label={t('treasurer.bookings.reason')}
            error={invalid.reason ?? apiFields.reason}
          >
            {(describedBy, invalidField) => (
              <textarea
                id={`${id}-reason`}
                name="reason"
                rows={2}
                maxLength={REASON_LENGTH_MAX}
                aria-invalid={invalidField}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button-primary" disabled={refund.isPending}>
              {refund.isPending
                ? t('treasurer.form.busy')
                : lostAnswer
                  ? t('treasurer.form.retry')
                  : t('treasurer.bookings.confirm')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setOpen(false);
                setAttempt(null);
                setInvalid({});
                refund.reset();
              }}
            >
              {t('treasurer.months.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
