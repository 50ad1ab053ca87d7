import '../volunteer/lists-and-figures.css';
import './organisation.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiProblemError, unwrap } from '../api/client';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import { keyFor } from './bulk-activity';
import type { Listing } from './listing-form';
import {
  newIdempotencyKey,
  organisationKeys,
  PAGE_SIZE,
  useOrganisationId,
} from './organisation-data';
import { addDays } from './week';

const DISTRICTS = [
  'noord-west',
  'noord-oost',
  'zuid-west-centrum',
  'zuid-oost',
  'city-wide',
] as const;
type District = (typeof DISTRICTS)[number];

interface Search {
  category: '' | Listing['category'];
  district: '' | District;
  q: string;
  from: string;
  to: string;
  quantity: string;
}

/** Search other organisations' listings free in a window, and book one for that window. */
export function BookFromSearchPage() {
  const t = useT();
  const organisationId = useOrganisationId();
  const tomorrow = useMemo(() => addDays(todayInMaastricht(), 1), []);
  const [form, setForm] = useState<Search>({
    category: '',
    district: '',
    q: '',
    from: `${tomorrow}T08:00`,
    to: `${tomorrow}T12:00`,
    quantity: '1',
  });
  const [search, setSearch] = useState<Search | null>(null);
  const ids = {
    category: useId(),
    district: useId(),
    q: useId(),
    from: useId(),
    to: useId(),
    quantity: useId(),
  };
  const results = useQuery({
    queryKey: [...organisationKeys.all, 'search', search],
    queryFn: async () => {
      const query = search!;
      return unwrap(
        await api.GET('/api/v1/listings', {
          params: {
            query: {
              ...(query.category ? { category: query.category } : {}),
              ...(query.district ? { district: query.district } : {}),
              ...(query.q.trim() ? { q: query.q.trim() } : {}),
              ...(query.from && query.to ? { from: query.from, to: query.to } : {}),
              quantity: Number(query.quantity) || 1,
              limit: PAGE_SIZE,
            },
          },
        }),
      ).items.filter((listing) => listing.providerPartyId !== organisationId);
    },
    enabled: search !== null,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ ...form });
  };
  const set = (change: Partial<Search>) => setForm({ ...form, ...change });
  return (
    <section className="organisation-page" aria-labelledby="book-title">
      <h1 id="book-title">{t('org.book.title')}</h1>
      <p>
        {t('org.book.intro')} <Link to="/organisation/bookings">{t('org.book.toBookings')}</Link>
      </p>
      <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="book-search-title">
        <h2 id="book-search-title">{t('org.book.searchTitle')}</h2>
        <div className="filters">
          <div className="field">
            <label htmlFor={ids.category}>{t('org.listingForm.category')}</label>
            <select
              id={ids.category}
              value={form.category}
              onChange={(event) => set({ category: event.target.value as Search['category'] })}
            >
              <option value="">{t('org.book.any')}</option>
              {(['materials', 'room', 'administration'] as const).map((category) => (
                <option key={category} value={category}>
                  {t(`org.listings.category.${category}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.district}>{t('org.book.district')}</label>
            <select
              id={ids.district}
              value={form.district}
              onChange={(event) => set({ district: event.target.value as Search['district'] })}
            >
              <option value="">{t('org.book.any')}</option>
              {DISTRICTS.map((district) => (
                <option key={district} value={district}>
                  {t(`org.district.${district}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.q}>{t('org.book.words')}</label>
          <input
            id={ids.q}
            type="search"
            value={form.q}
            onChange={(event) => set({ q: event.target.value })}
          />
        </div>
        <fieldset>
          <legend>{t('org.book.window')}</legend>
          <div className="filters">
            <div className="field">
              <label htmlFor={ids.from}>{t('org.week.blockFrom')}</label>
              <input
                id={ids.from}
                type="datetime-local"
                value={form.from}
                onChange={(event) => set({ from: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.to}>{t('org.week.blockTo')}</label>
              <input
                id={ids.to}
                type="datetime-local"
                value={form.to}
                onChange={(event) => set({ to: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.quantity}>{t('org.book.quantity')}</label>
              <input
                id={ids.quantity}
                type="text"
                inputMode="numeric"
                value={form.quantity}
                onChange={(event) => set({ quantity: event.target.value })}
              />
            </div>
          </div>
          <p className="hint">{t('org.book.windowHint')}</p>
        </fieldset>
        <button type="submit" className="button-primary">
          {t('org.book.search')}
        </button>
      </form>
      {search && (
        <section className="card" aria-labelledby="book-results-title">
          <h2 id="book-results-title">{t('org.book.results')}</h2>
          {results.isPending && <p>{t('org.loading')}</p>}
          {results.isError && (
            <p role="alert">
              {results.error instanceof ApiProblemError
                ? results.error.problem.detail
                : t('org.loadFailed')}
            </p>
          )}
          {results.isSuccess && results.data.length === 0 && <p>{t('org.book.none')}</p>}
          <ul className="claim-queue">
            {(results.data ?? []).map((listing) => (
              <Result key={listing.id} listing={listing} search={search} />
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function Result({ listing, search }: { listing: Listing; search: Search }) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const noteId = useId();
  const title = format.language === 'nl' ? listing.titleNl : listing.titleEn;
  const description = format.language === 'nl' ? listing.descriptionNl : listing.descriptionEn;
  const book = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      listingId: listing.id,
      startsAt: search.from,
      endsAt: search.to,
      quantity: Number(search.quantity) || 1,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    attempt.current = keyFor(attempt.current, body, newIdempotencyKey);
    setWorking(true);
    setProblem(null);
    try {
      const booking = unwrap(
        await api.POST('/api/v1/bookings', {
          params: { header: { 'Idempotency-Key': attempt.current.key } },
          body,
        }),
      );
      attempt.current = null;
      setDone(
        t('org.book.booked', {
          listing: title,
          status: t(`org.bookings.status.${booking.status}`),
          price: format.steerkes(booking.price),
          deposit: format.steerkes(booking.deposit),
        }),
      );
      // Bookings and money change; the results stay as they were, so that this answer stays in view.
      await queryClient.invalidateQueries({
        queryKey: organisationKeys.all,
        predicate: (query) => query.queryKey[1] !== 'search',
      });
    } catch (error) {
      if (error instanceof ApiProblemError) {
        attempt.current = null;
        const fields = (error.problem.errors ?? []).map((entry) => entry.message).join(' ');
        setProblem(
          error.problem.code === 'VALIDATION_FAILED' && fields
            ? fields
            : `${error.problem.detail} ${t('org.book.tryOther')}`,
        );
      } else setProblem(t('org.error.network'));
    } finally {
      setWorking(false);
    }
  };
  return (
    <li className="card claim-card" data-testid="search-result">
      <h3 className="claim-card__name">{title}</h3>
      <p>
        {listing.providerName} · {t(`org.district.${listing.district}`)}
      </p>
      <p className="hint">{description}</p>
      <p>
        {t('org.listings.pricePer', {
          price: format.steerkes(listing.price),
          unit: t(`org.listings.unit.${listing.pricingUnit}`),
        })}
        {listing.deposit
          ? ` · ${t('org.listings.depositOf', { deposit: format.steerkes(listing.deposit) })}`
          : ''}
      </p>
      <form onSubmit={(event) => void book(event)} noValidate>
        <div className="field">
          <label htmlFor={noteId}>{t('org.book.note')}</label>
          <input
            id={noteId}
            type="text"
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        <button type="submit" className="button-primary" disabled={working || done !== null}>
          {t('org.book.bookLabel', { listing: title })}
        </button>
      </form>
      {problem && (
        <p role="alert" className="field__error">
          {problem}
        </p>
      )}
      <p role="status">{done}</p>
    </li>
  );
}
