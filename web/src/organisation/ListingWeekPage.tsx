import '../volunteer/lists-and-figures.css';
import './organisation.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import { organisationKeys, problemText } from './organisation-data';
import { addDays, mondayOf } from './week';

/**
 * A listing's week: when it is free, busy or closed (with the units left), the bookings in it
 * with the booker's name, and the blocked periods, which can be added and removed here.
 */
export function ListingWeekPage() {
  const t = useT();
  const format = usePageFormat();
  const { listingId = '' } = useParams();
  const [monday, setMonday] = useState(() => mondayOf(todayInMaastricht()));
  const window = { from: monday, to: addDays(monday, 7) };
  const key = [...organisationKeys.all, 'week', listingId, monday] as const;
  const listing = useQuery({
    queryKey: [...organisationKeys.all, 'listings', listingId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/listings/{id}', { params: { path: { id: listingId } } })),
  });
  const availability = useQuery({
    queryKey: [...key, 'availability'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/listings/{id}/availability', {
          params: { path: { id: listingId }, query: window },
        }),
      ),
  });
  const calendar = useQuery({
    queryKey: [...key, 'calendar'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/listings/{id}/calendar', {
          params: { path: { id: listingId }, query: window },
        }),
      ),
  });
  const title = listing.data
    ? format.language === 'nl'
      ? listing.data.titleNl
      : listing.data.titleEn
    : '';
  const span = (from: string, until: string) =>
    t('org.week.span', { from: format.dateTime(from), until: format.dateTime(until) });
  return (
    <section className="organisation-page" aria-labelledby="week-title">
      <h1 id="week-title">{t('org.week.title', { listing: title })}</h1>
      <p>
        <Link to="/organisation/listings">{t('org.listingForm.back')}</Link>
      </p>
      <p className="week-label" aria-live="polite">
        {t('org.week.of', { from: format.date(monday), until: format.date(addDays(monday, 6)) })}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button-secondary"
          onClick={() => setMonday(addDays(monday, -7))}
        >
          {t('org.week.previous')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => setMonday(addDays(monday, 7))}
        >
          {t('org.week.next')}
        </button>
      </div>
      <section className="card" aria-labelledby="availability-title">
        <h2 id="availability-title">{t('org.week.availability')}</h2>
        {availability.isPending && <p>{t('org.loading')}</p>}
        {availability.isError && <p role="alert">{t('org.loadFailed')}</p>}
        <ul className="week-list">
          {(availability.data?.intervals ?? []).map((interval) => (
            <li key={interval.startsAt} className={`week-item week-item--${interval.status}`}>
              <strong>{t(`org.week.status.${interval.status}`)}</strong> ·{' '}
              {span(interval.startsAt, interval.endsAt)}
              {interval.status !== 'closed' &&
                availability.data &&
                ` · ${t('org.week.remaining', {
                  remaining: format.integer(interval.remaining),
                  quantity: format.integer(availability.data.quantity),
                })}`}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="week-bookings-title">
        <h2 id="week-bookings-title">{t('org.week.bookings')}</h2>
        {calendar.isPending && <p>{t('org.loading')}</p>}
        {calendar.isError && <p role="alert">{problemText(calendar.error, t('org.loadFailed'))}</p>}
        {calendar.isSuccess && calendar.data.bookings.length === 0 && (
          <p>{t('org.week.noBookings')}</p>
        )}
        <ul className="week-list">
          {(calendar.data?.bookings ?? []).map((booking) => (
            <li key={booking.id} className="week-item">
              <strong>{booking.bookerName}</strong> · {span(booking.startsAt, booking.endsAt)} ·{' '}
              {t(`org.bookings.status.${booking.status}`)} ·{' '}
              {t('org.week.quantity', { quantity: format.integer(booking.quantity) })}
            </li>
          ))}
        </ul>
      </section>
      <BlockedPeriods
        listingId={listingId}
        periods={calendar.data?.blockedPeriods ?? []}
        span={span}
        refresh={key}
      />
    </section>
  );
}

function BlockedPeriods(props: {
  listingId: string;
  periods: Array<{
    id: string;
    startsAt: string;
    endsAt: string;
    quantity: number | null;
    reason: string;
  }>;
  span: (from: string, until: string) => string;
  refresh: readonly unknown[];
}) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const today = useMemo(() => todayInMaastricht(), []);
  const [startsAt, setStartsAt] = useState(`${today}T08:00`);
  const [endsAt, setEndsAt] = useState(`${today}T12:00`);
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), quantity: useId(), reason: useId() };
  const refresh = () => queryClient.invalidateQueries({ queryKey: props.refresh });
  const onError = (error: Error) => {
    setProblems(fieldErrors(error));
    setProblem(error instanceof ApiProblemError ? error.problem.detail : t('org.error.network'));
  };
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/listings/{id}/blocked-periods', {
          params: { path: { id: props.listingId } },
          body: {
            startsAt,
            endsAt,
            reason: reason.trim(),
            ...(quantity.trim() ? { quantity: Number(quantity.trim()) } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setProblems({});
      setProblem(null);
      setReason('');
      await refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.DELETE('/api/v1/listings/{id}/blocked-periods/{blockedPeriodId}', {
          params: { path: { id: props.listingId, blockedPeriodId: id } },
        }),
      ),
    onSuccess: () => refresh(),
    onError,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const field = (id: string, name: string) => ({
    id,
    'aria-invalid': Boolean(problems[name]),
    'aria-describedby': problems[name] ? `${id}-problem` : undefined,
  });
  const error = (id: string, name: string) =>
    problems[name] && (
      <p id={`${id}-problem`} className="field__error">
        {problems[name]}
      </p>
    );
  return (
    <section className="card" aria-labelledby="blocked-title">
      <h2 id="blocked-title">{t('org.week.blocked')}</h2>
      {props.periods.length === 0 && <p>{t('org.week.noBlocked')}</p>}
      <ul className="week-list">
        {props.periods.map((period) => (
          <li key={period.id} className="week-item week-item--closed">
            {props.span(period.startsAt, period.endsAt)} · {period.reason} ·{' '}
            {period.quantity === null
              ? t('org.week.allUnits')
              : t('org.week.quantity', { quantity: format.integer(period.quantity) })}{' '}
            <button
              type="button"
              className="button-small"
              disabled={remove.isPending}
              onClick={() => remove.mutate(period.id)}
              aria-label={t('org.week.unblockLabel', { reason: period.reason })}
            >
              {t('org.week.unblock')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit} noValidate>
        <h3>{t('org.week.blockTitle')}</h3>
        <div className="filters">
          <div className="field">
            <label htmlFor={ids.from}>{t('org.week.blockFrom')}</label>
            <input
              {...field(ids.from, 'startsAt')}
              type="datetime-local"
              value={startsAt}
              onChange={(event) => setStartsAt(event.target.value)}
            />
            {error(ids.from, 'startsAt')}
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('org.week.blockTo')}</label>
            <input
              {...field(ids.to, 'endsAt')}
              type="datetime-local"
              value={endsAt}
              onChange={(event) => setEndsAt(event.target.value)}
            />
            {error(ids.to, 'endsAt')}
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.quantity}>{t('org.week.blockQuantity')}</label>
          <input
            {...field(ids.quantity, 'quantity')}
            type="text"
            inputMode="numeric"
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
          />
          {error(ids.quantity, 'quantity')}
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>{t('org.week.blockReason')}</label>
          <input
            {...field(ids.reason, 'reason')}
            type="text"
            value={reason}
            maxLength={200}
            onChange={(event) => setReason(event.target.value)}
          />
          {error(ids.reason, 'reason')}
        </div>
        {problem && (
          <p role="alert" className="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={add.isPending}>
          {t('org.week.block')}
        </button>
      </form>
    </section>
  );
}
