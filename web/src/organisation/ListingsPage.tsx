import '../volunteer/lists-and-figures.css';
import './organisation.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { usePageFormat } from '../volunteer/page-format';
import {
  createListingBody,
  emptyListing,
  type Listing,
  listingBody,
  type ListingFormValues,
  listingValues,
  PRICING_UNITS_OF_CATEGORY,
  statusChange,
  type Weekday,
  WEEKDAYS,
  withSpanAdded,
  withSpanChanged,
  withSpanRemoved,
} from './listing-form';
import { organisationKeys, PAGE_SIZE, problemText, useOrganisationId } from './organisation-data';

const listingsKey = [...organisationKeys.all, 'listings'] as const;

/** The organisation's own listings, active and paused, with edit and pause. */
export function ListingsPage() {
  const t = useT();
  const organisationId = useOrganisationId();
  const listings = useQuery({
    queryKey: listingsKey,
    queryFn: async () => {
      const load = async (status: 'active' | 'paused') =>
        unwrap(
          await api.GET('/api/v1/listings', {
            params: { query: { providerPartyId: organisationId, status, limit: PAGE_SIZE } },
          }),
        ).items;
      return [...(await load('active')), ...(await load('paused'))];
    },
  });
  return (
    <section className="organisation-page" aria-labelledby="listings-title">
      <h1 id="listings-title">{t('org.listings.title')}</h1>
      <p>{t('org.listings.intro')}</p>
      <p>
        <Link className="button-primary" to="/organisation/listings/new">
          {t('org.listings.new')}
        </Link>
      </p>
      {listings.isPending && <p>{t('org.loading')}</p>}
      {listings.isError && <p role="alert">{t('org.loadFailed')}</p>}
      {listings.isSuccess && listings.data.length === 0 && <p>{t('org.listings.empty')}</p>}
      <ul className="claim-queue">
        {(listings.data ?? []).map((listing) => (
          <ListingCard key={listing.id} listing={listing} />
        ))}
      </ul>
    </section>
  );
}

function ListingCard({ listing }: { listing: Listing }) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const title = format.language === 'nl' ? listing.titleNl : listing.titleEn;
  const pause = useMutation({
    mutationFn: async (status: Listing['status']) =>
      unwrap(
        await api.PATCH('/api/v1/listings/{id}', {
          params: { path: { id: listing.id } },
          body: statusChange(listing, status),
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listingsKey }),
  });
  return (
    <li className="card claim-card" data-testid="listing">
      <h2 className="claim-card__name">{title}</h2>
      <p className="booking-status">{t(`org.listings.status.${listing.status}`)}</p>
      <p>
        {t(`org.listings.category.${listing.category}`)} ·{' '}
        {t('org.listings.pricePer', {
          price: format.steerkes(listing.price),
          unit: t(`org.listings.unit.${listing.pricingUnit}`),
        })}
        {listing.deposit
          ? ` · ${t('org.listings.depositOf', { deposit: format.steerkes(listing.deposit) })}`
          : ''}
      </p>
      <div className="actions">
        <Link
          className="button-secondary"
          to={`/organisation/listings/${listing.id}`}
          aria-label={t('org.listings.editLabel', { listing: title })}
        >
          {t('org.listings.edit')}
        </Link>
        <Link
          className="button-secondary"
          to={`/organisation/listings/${listing.id}/week`}
          aria-label={t('org.week.linkLabel', { listing: title })}
        >
          {t('org.week.link')}
        </Link>
        <button
          type="button"
          className="button-secondary"
          disabled={pause.isPending}
          onClick={() => pause.mutate(listing.status === 'active' ? 'paused' : 'active')}
          aria-label={t(
            listing.status === 'active' ? 'org.listings.pauseLabel' : 'org.listings.resumeLabel',
            { listing: title },
          )}
        >
          {t(listing.status === 'active' ? 'org.listings.pause' : 'org.listings.resume')}
        </button>
      </div>
      {pause.isError && <p role="alert">{problemText(pause.error, t('org.error.network'))}</p>}
    </li>
  );
}

/** Create (`/organisation/listings/new`) or edit (`/organisation/listings/:id`) a listing. */
export function ListingFormPage() {
  const t = useT();
  const { listingId } = useParams();
  const listing = useQuery({
    queryKey: [...listingsKey, listingId],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/listings/{id}', { params: { path: { id: listingId! } } })),
    enabled: listingId !== undefined,
  });
  const editing = listingId !== undefined;
  return (
    <section className="organisation-page" aria-labelledby="listing-form-title">
      <h1 id="listing-form-title">
        {t(editing ? 'org.listingForm.editTitle' : 'org.listingForm.createTitle')}
      </h1>
      {editing && listing.isPending && <p>{t('org.loading')}</p>}
      {editing && listing.isError && <p role="alert">{t('org.loadFailed')}</p>}
      {(!editing || listing.data) && (
        <ListingForm
          listing={listing.data ?? null}
          initial={listing.data ? listingValues(listing.data) : emptyListing()}
        />
      )}
    </section>
  );
}

function ListingForm({
  listing,
  initial,
}: {
  listing: Listing | null;
  initial: ListingFormValues;
}) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<ListingFormValues>) => setValues({ ...values, ...change });
  const save = useMutation({
    mutationFn: async () => {
      if (listing)
        return unwrap(
          await api.PATCH('/api/v1/listings/{id}', {
            params: { path: { id: listing.id } },
            body: listingBody(values),
          }),
        );
      return unwrap(await api.POST('/api/v1/listings', { body: createListingBody(values) }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: listingsKey });
      void navigate('/organisation/listings');
    },
    onError: (error) => {
      setProblems(fieldErrors(error));
      setProblem(
        error instanceof ApiProblemError
          ? `${error.problem.detail} ${t('org.listingForm.fix')}`
          : t('org.error.network'),
      );
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const text = (
    name:
      | 'titleNl'
      | 'titleEn'
      | 'descriptionNl'
      | 'descriptionEn'
      | 'address'
      | 'price'
      | 'deposit'
      | 'lateFeePerDay'
      | 'quantity'
      | 'capacityPersons'
      | 'bufferMinutes'
      | 'freeCancellationHours'
      | 'cancellationFeePercent',
    label: MessageKey,
    numeric?: 'decimal' | 'numeric',
  ) => (
    <Field label={t(label)} error={problems[name]}>
      {(id, describedBy) => (
        <input
          id={id}
          type="text"
          inputMode={numeric}
          value={values[name]}
          onChange={(event) => set({ [name]: event.target.value })}
          aria-invalid={Boolean(problems[name])}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="listing-form-title">
      <Field label={t('org.listingForm.category')} error={problems.category}>
        {(id) => (
          <select
            id={id}
            value={values.category}
            disabled={listing !== null}
            onChange={(event) => {
              const category = event.target.value as ListingFormValues['category'];
              set({ category, pricingUnit: PRICING_UNITS_OF_CATEGORY[category][0] });
            }}
          >
            {(['materials', 'room', 'administration'] as const).map((category) => (
              <option key={category} value={category}>
                {t(`org.listings.category.${category}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('titleNl', 'org.listingForm.titleNl')}
      {text('titleEn', 'org.listingForm.titleEn')}
      {text('descriptionNl', 'org.listingForm.descriptionNl')}
      {text('descriptionEn', 'org.listingForm.descriptionEn')}
      {text('address', 'org.listingForm.address')}
      <Field label={t('org.listingForm.pricingUnit')} error={problems.pricingUnit}>
        {(id) => (
          <select
            id={id}
            value={values.pricingUnit}
            disabled={listing !== null}
            onChange={(event) =>
              set({ pricingUnit: event.target.value as ListingFormValues['pricingUnit'] })
            }
          >
            {PRICING_UNITS_OF_CATEGORY[values.category].map((unit) => (
              <option key={unit} value={unit}>
                {t(`org.listings.unit.${unit}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('price', 'org.listingForm.price', 'decimal')}
      {values.category === 'materials' && (
        <>
          {text('deposit', 'org.listingForm.deposit', 'decimal')}
          {text('lateFeePerDay', 'org.listingForm.lateFeePerDay', 'decimal')}
          {text('quantity', 'org.listingForm.quantity', 'numeric')}
        </>
      )}
      {values.category === 'room' && text('capacityPersons', 'org.listingForm.capacity', 'numeric')}
      {text('bufferMinutes', 'org.listingForm.buffer', 'numeric')}
      <fieldset>
        <legend>{t('org.listingForm.opening')}</legend>
        <p className="hint">{t('org.listingForm.openingHint')}</p>
        {problems.openingHours && <p className="field__error">{problems.openingHours}</p>}
        {WEEKDAYS.map((day) => (
          <OpeningDay
            key={day}
            day={day}
            spans={values.opening[day]}
            onChange={(opening) => set({ opening: opening(values.opening) })}
          />
        ))}
      </fieldset>
      <Field label={t('org.listingForm.confirmation')} error={problems.confirmation}>
        {(id) => (
          <select
            id={id}
            value={values.confirmation}
            onChange={(event) => set({ confirmation: event.target.value as 'auto' | 'provider' })}
          >
            <option value="provider">{t('org.listingForm.confirmation.provider')}</option>
            <option value="auto">{t('org.listingForm.confirmation.auto')}</option>
          </select>
        )}
      </Field>
      {text('freeCancellationHours', 'org.listingForm.freeCancellation', 'numeric')}
      {text('cancellationFeePercent', 'org.listingForm.cancellationFee', 'numeric')}
      <Field label={t('org.listingForm.status')} error={problems.status}>
        {(id) => (
          <select
            id={id}
            value={values.status}
            onChange={(event) => set({ status: event.target.value as 'active' | 'paused' })}
          >
            <option value="active">{t('org.listings.status.active')}</option>
            <option value="paused">{t('org.listings.status.paused')}</option>
          </select>
        )}
      </Field>
      {problem && (
        <p role="alert" className="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {t(listing ? 'org.listingForm.save' : 'org.listingForm.create')}
        </button>
        <Link className="button-secondary" to="/organisation/listings">
          {t('org.listingForm.back')}
        </Link>
      </div>
    </form>
  );
}

function Field(props: {
  label: string;
  error?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, props.error ? `${id}-problem` : undefined)}
      {props.error && (
        <p id={`${id}-problem`} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** One weekday's opening spans: from and until each, one more added or any removed. */
function OpeningDay(props: {
  day: Weekday;
  spans: ListingFormValues['opening'][Weekday];
  onChange: (
    change: (opening: ListingFormValues['opening']) => ListingFormValues['opening'],
  ) => void;
}) {
  const t = useT();
  const { day, spans } = props;
  const dayName = t(`org.weekday.${day}`);
  const several = spans.length > 1;
  return (
    <div className="opening-day" role="group" aria-label={dayName}>
      <span className="opening-day__name" aria-hidden="true">
        {dayName}
      </span>
      <div className="opening-day__spans">
        {spans.map((span, index) => {
          const spanName = several
            ? t('org.listingForm.spanOf', { day: dayName, number: index + 1 })
            : dayName;
          return (
            <div key={index} className="opening-day__span">
              <TimeInput
                label={t('org.listingForm.openFrom', { day: spanName })}
                value={span.from}
                onChange={(from) =>
                  props.onChange((opening) => withSpanChanged(opening, day, index, { from }))
                }
              />
              <TimeInput
                label={t('org.listingForm.openTo', { day: spanName })}
                value={span.to}
                onChange={(to) =>
                  props.onChange((opening) => withSpanChanged(opening, day, index, { to }))
                }
              />
              {several && (
                <button
                  type="button"
                  className="button-small"
                  aria-label={t('org.listingForm.removeSpanLabel', { span: spanName })}
                  onClick={() => props.onChange((opening) => withSpanRemoved(opening, day, index))}
                >
                  {t('org.listingForm.removeSpan')}
                </button>
              )}
            </div>
          );
        })}
        <button
          type="button"
          className="button-small opening-day__add"
          aria-label={t('org.listingForm.addSpanLabel', { day: dayName })}
          onClick={() => props.onChange((opening) => withSpanAdded(opening, day))}
        >
          {t('org.listingForm.addSpan')}
        </button>
      </div>
    </div>
  );
}

function TimeInput(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <input
      type="time"
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}
