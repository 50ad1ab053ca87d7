import '../volunteer/lists-and-figures.css';
import './organisation.css';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { Field } from '../components/Field';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { usePageFormat } from '../volunteer/page-format';
import { isAbove, normaliseAmount } from './amount';
import { type Booking, type BookingStep, nextSteps, overdueFirst, refundable } from './bookings';
import { newIdempotencyKey, organisationKeys, PAGE_SIZE } from './organisation-data';

type Side = 'provider' | 'booker';

/** Bookings of the organisation's listings (with their lifecycle) and bookings it made elsewhere. */
export function BookingsPage() {
  const t = useT();
  return (
    <section className="organisation-page" aria-labelledby="bookings-title">
      <h1 id="bookings-title">{t('org.bookings.title')}</h1>
      <p>{t('org.bookings.intro')}</p>
      <BookingList as="provider" />
      <BookingList as="booker" />
    </section>
  );
}

function BookingList({ as }: { as: Side }) {
  const t = useT();
  const titleId = `bookings-${as}-title`;
  const bookings = useInfiniteQuery({
    queryKey: [...organisationKeys.all, 'bookings', as],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/bookings', {
          params: { query: { as, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = overdueFirst(bookings.data?.pages.flatMap((page) => page.items) ?? []);
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(as === 'provider' ? 'org.bookings.received' : 'org.bookings.made')}</h2>
      {bookings.isPending && <p>{t('org.loading')}</p>}
      {bookings.isError && <p role="alert">{t('org.loadFailed')}</p>}
      {bookings.isSuccess && items.length === 0 && (
        <p>{t(as === 'provider' ? 'org.bookings.receivedEmpty' : 'org.bookings.madeEmpty')}</p>
      )}
      <ul className="claim-queue">
        {items.map((booking) => (
          <BookingCard key={booking.id} booking={booking} as={as} />
        ))}
      </ul>
      {bookings.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => bookings.fetchNextPage()}
          disabled={bookings.isFetchingNextPage}
        >
          {t('org.bookings.more')}
        </button>
      )}
    </section>
  );
}

async function sendStep(
  id: string,
  step: BookingStep,
  key: string,
  body: { reason?: string; depositKept?: string; damageNote?: string; hoursGiven?: string },
): Promise<components['schemas']['BookingDto']> {
  const params = { path: { id }, header: { 'Idempotency-Key': key } };
  switch (step) {
    case 'confirm':
      return unwrap(await api.POST('/api/v1/bookings/{id}/confirm', { params }));
    case 'check-out':
      return unwrap(await api.POST('/api/v1/bookings/{id}/check-out', { params }));
    case 'decline':
      return unwrap(
        await api.POST('/api/v1/bookings/{id}/decline', { params, body: { reason: body.reason } }),
      );
    case 'cancel':
      return unwrap(
        await api.POST('/api/v1/bookings/{id}/cancel', { params, body: { reason: body.reason } }),
      );
    case 'return':
      return unwrap(
        await api.POST('/api/v1/bookings/{id}/return', {
          params,
          body: { depositKept: body.depositKept ?? '0.00', damageNote: body.damageNote },
        }),
      );
    case 'complete':
      return unwrap(
        await api.POST('/api/v1/bookings/{id}/complete', {
          params,
          body: { hoursGiven: body.hoursGiven },
        }),
      );
  }
}

function BookingCard({ booking, as }: { booking: Booking; as: Side }) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<BookingStep | null>(null);
  const [reason, setReason] = useState('');
  const [depositKept, setDepositKept] = useState('');
  const [damageNote, setDamageNote] = useState('');
  const [hoursGiven, setHoursGiven] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldProblems, setFieldProblems] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const refundMax = as === 'provider' ? refundable(booking) : null;
  // One Idempotency-Key per step of this booking, sent again when the step is retried.
  const keys = useRef(new Map<BookingStep, string>());
  const ids = { reason: useId(), kept: useId(), note: useId(), hours: useId() };
  const title = format.language === 'nl' ? booking.listing.titleNl : booking.listing.titleEn;

  const run = async (step: BookingStep) => {
    let key = keys.current.get(step);
    if (!key) {
      key = newIdempotencyKey();
      keys.current.set(step, key);
    }
    setWorking(true);
    setProblem(null);
    setFieldProblems({});
    try {
      const after = await sendStep(booking.id, step, key, {
        reason: reason.trim() || undefined,
        depositKept: depositKept.trim() ? depositKept.trim().replace(',', '.') : undefined,
        damageNote: damageNote.trim() || undefined,
        hoursGiven: hoursGiven.trim() ? hoursGiven.trim().replace(',', '.') : undefined,
      });
      setDone(t(`org.bookings.done.${step}`, { listing: title }));
      setOpen(null);
      void after;
      await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    } catch (error) {
      if (error instanceof ApiProblemError) {
        setFieldProblems(fieldErrors(error));
        setProblem(error.problem.detail);
      } else setProblem(t('org.error.network'));
    } finally {
      setWorking(false);
    }
  };
  const onForm = (event: FormEvent) => {
    event.preventDefault();
    if (open) void run(open);
  };
  const steps = nextSteps(booking, as);
  const needsForm = (step: BookingStep) =>
    step === 'decline' ||
    step === 'cancel' ||
    step === 'return' ||
    (step === 'complete' && booking.listing.category === 'administration');

  return (
    <li
      className={`card claim-card booking-card booking-card--${booking.status}`}
      data-testid="booking"
    >
      <h3 className="claim-card__name">{title}</h3>
      <p className="booking-party">
        {as === 'provider'
          ? t('org.bookings.bookedBy', { party: booking.bookerName })
          : t('org.bookings.listingOf', { party: booking.providerName })}
      </p>
      <p className={`badge booking-status booking-status--${booking.status}`}>
        {t(`org.bookings.status.${booking.status}`)}
      </p>
      <p>
        {t('org.bookings.when', {
          from: format.dateTime(booking.startsAt),
          until: format.dateTime(booking.endsAt),
        })}
      </p>
      <p>
        {booking.deposit === '0.00'
          ? t('org.bookings.termsNoDeposit', {
              quantity: format.integer(booking.quantity),
              price: format.steerkes(booking.price),
            })
          : t('org.bookings.terms', {
              quantity: format.integer(booking.quantity),
              price: format.steerkes(booking.price),
              deposit: format.steerkes(booking.deposit),
            })}
      </p>
      {booking.charged !== null && (
        <p className="hint">
          {booking.deposit === '0.00'
            ? t('org.bookings.paid', { charged: format.steerkes(booking.charged) })
            : t('org.bookings.settled', {
                charged: format.steerkes(booking.charged),
                kept: format.steerkes(booking.depositKept ?? '0.00'),
                lateFee: format.steerkes(booking.lateFee ?? '0.00'),
              })}
        </p>
      )}
      {booking.refunded !== '0.00' && (
        <p className="hint">
          {t('org.bookings.refunded', { amount: format.steerkes(booking.refunded) })}
        </p>
      )}
      {booking.note && <p className="hint">{t('org.bookings.note', { note: booking.note })}</p>}
      {booking.resolutionNote && (
        <p className="hint">{t('org.bookings.resolution', { note: booking.resolutionNote })}</p>
      )}
      {steps.length > 0 && (
        <div className="actions">
          {steps.map((step) => (
            <button
              key={step}
              type="button"
              className={
                step === 'confirm' || step === 'check-out' ? 'button-primary' : 'button-secondary'
              }
              disabled={working}
              aria-expanded={needsForm(step) ? open === step : undefined}
              onClick={() =>
                needsForm(step) ? setOpen(open === step ? null : step) : void run(step)
              }
            >
              {t(`org.bookings.step.${step}`)}
            </button>
          ))}
        </div>
      )}
      {refundMax !== null && (
        <div className="actions">
          <button
            type="button"
            className="button-secondary"
            aria-expanded={refunding}
            onClick={() => {
              setDone(null);
              setRefunding(!refunding);
            }}
          >
            {t('org.bookings.step.refund')}
          </button>
        </div>
      )}
      {refunding && refundMax !== null && (
        <RefundForm
          booking={booking}
          max={refundMax}
          onDone={(text) => {
            setRefunding(false);
            setDone(text);
          }}
        />
      )}
      {open && (
        <form onSubmit={onForm} noValidate className="reject-form">
          {(open === 'decline' || open === 'cancel') && (
            <div className="field">
              <label htmlFor={ids.reason}>{t('org.bookings.reason')}</label>
              <input
                id={ids.reason}
                type="text"
                value={reason}
                maxLength={500}
                onChange={(event) => setReason(event.target.value)}
              />
            </div>
          )}
          {open === 'return' && (
            <>
              <div className="field">
                <label htmlFor={ids.kept}>{t('org.bookings.depositKept')}</label>
                <input
                  id={ids.kept}
                  type="text"
                  inputMode="decimal"
                  value={depositKept}
                  onChange={(event) => setDepositKept(event.target.value)}
                  aria-invalid={Boolean(fieldProblems.depositKept)}
                  aria-describedby={`${ids.kept}-hint`}
                />
                <p id={`${ids.kept}-hint`} className="field__hint">
                  {t('org.bookings.depositKeptHint', { deposit: format.steerkes(booking.deposit) })}
                </p>
                {fieldProblems.depositKept && (
                  <p className="field__error">{fieldProblems.depositKept}</p>
                )}
              </div>
              <div className="field">
                <label htmlFor={ids.note}>{t('org.bookings.damageNote')}</label>
                <input
                  id={ids.note}
                  type="text"
                  value={damageNote}
                  maxLength={500}
                  onChange={(event) => setDamageNote(event.target.value)}
                  aria-invalid={Boolean(fieldProblems.damageNote)}
                />
                {fieldProblems.damageNote && (
                  <p className="field__error">{fieldProblems.damageNote}</p>
                )}
              </div>
            </>
          )}
          {open === 'complete' && (
            <div className="field">
              <label htmlFor={ids.hours}>{t('org.bookings.hoursGiven')}</label>
              <input
                id={ids.hours}
                type="text"
                inputMode="decimal"
                value={hoursGiven}
                onChange={(event) => setHoursGiven(event.target.value)}
                aria-invalid={Boolean(fieldProblems.hoursGiven)}
              />
              {fieldProblems.hoursGiven && (
                <p className="field__error">{fieldProblems.hoursGiven}</p>
              )}
            </div>
          )}
          <button type="submit" className="button-primary" disabled={working}>
            {t(`org.bookings.confirmStep.${open}`)}
          </button>
        </form>
      )}
      {problem && (
        <p role="alert" className="field__error">
          {problem}
        </p>
      )}
      <p role="status">{done}</p>
    </li>
  );
}

const REFUND_REFUSALS: Record<string, MessageKey> = {
  INSUFFICIENT_FUNDS: 'org.bookings.refundFunds',
  BOOKING_WRONG_STATUS: 'org.bookings.refundNotSettled',
  ACCOUNT_NOT_OPEN: 'org.bookings.refundNotOpen',
  BALANCE_LIMIT_EXCEEDED: 'org.bookings.refundLimit',
};

interface RefundAttempt {
  key: string;
  amount: string;
  reason: string;
}

/**
 * Paying back (part of) what a settled booking brought the organisation, with a reason
 * (POST /bookings/{id}/refund). An attempt's Idempotency-Key is made when it is first sent and
 * sent again on "Try again" after a lost answer; a changed form starts a new attempt.
 */
function RefundForm(props: { booking: Booking; max: string; onDone: (text: string) => void }) {
  const { booking, max } = props;
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const id = useId();
  const [attempt, setAttempt] = useState<RefundAttempt | null>(null);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const refund = useMutation({
    mutationFn: async (sent: RefundAttempt) =>
      unwrap(
        await api.POST('/api/v1/bookings/{id}/refund', {
          params: { path: { id: booking.id }, header: { 'Idempotency-Key': sent.key } },
          body: { amount: sent.amount, reason: sent.reason },
        }),
      ),
    onSuccess: async (_after, sent) => {
      props.onDone(
        t('org.bookings.refundDone', {
          amount: format.steerkes(sent.amount),
          party: booking.bookerName,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    },
    onError: async (error) => {
      if (error instanceof ApiProblemError && error.problem.code === 'BOOKING_WRONG_STATUS')
        await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amount = normaliseAmount(String(form.get('amount') ?? ''));
    const reason = String(form.get('reason') ?? '').trim();
    const problems: Record<string, string> = {};
    if (amount === null) problems.amount = t('org.bookings.refundAmountInvalid');
    else if (isAbove(amount, max))
      problems.amount = t('org.bookings.refundAboveMax', { max: format.steerkes(max) });
    if (reason === '') problems.reason = t('org.bookings.refundReasonMissing');
    setInvalid(problems);
    if (Object.keys(problems).length > 0 || amount === null) return;
    const same = attempt !== null && attempt.amount === amount && attempt.reason === reason;
    const next = same ? attempt : { key: newIdempotencyKey(), amount, reason };
    setAttempt(next);
    refund.mutate(next);
  };
  const apiFields = fieldErrors(refund.error);
  const problem = refund.error instanceof ApiProblemError ? refund.error.problem : null;
  const aboveMax = problem?.errors?.find((entry) => entry.code === 'REFUND_ABOVE_RECEIVED');
  const fieldError = (name: string) =>
    invalid[name] ??
    (name === 'amount' && aboveMax
      ? t('org.bookings.refundAboveMax', { max: format.steerkes(max) })
      : apiFields[name]);
  const lostAnswer = refund.isError && problem === null;
  const sentence = problem ? REFUND_REFUSALS[problem.code] : undefined;
  return (
    <form onSubmit={submit} noValidate className="reject-form" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('org.bookings.refundTitle', { party: booking.bookerName })}</h4>
      {refund.isError && (
        <div role="alert" className="alert">
          {lostAnswer ? (
            <p>{t('org.bookings.refundNoAnswer')}</p>
          ) : (
            <>
              <p>{t('org.bookings.refundRefused')}</p>
              {Object.keys(apiFields).length === 0 && (
                <p>{sentence ? t(sentence) : problem?.detail}</p>
              )}
            </>
          )}
        </div>
      )}
      <Field
        id={`${id}-amount`}
        label={t('org.bookings.refundAmount')}
        hint={t('org.bookings.refundAmountHint', { max: format.steerkes(max) })}
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
        id={`${id}-reason`}
        label={t('org.bookings.refundReason')}
        error={fieldError('reason')}
      >
        {(describedBy, isInvalid) => (
          <input
            id={`${id}-reason`}
            name="reason"
            maxLength={500}
            autoComplete="off"
            aria-invalid={isInvalid}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <button type="submit" className="button-primary" disabled={refund.isPending}>
        {refund.isPending
          ? t('org.bookings.refundBusy')
          : lostAnswer
            ? t('org.bookings.refundRetry')
            : t('org.bookings.refundSubmit')}
      </button>
    </form>
  );
}
