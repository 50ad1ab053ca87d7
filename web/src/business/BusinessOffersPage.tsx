import '../volunteer/lists-and-figures.css';
import './business.css';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { businessKeys, problemText } from './business-data';
import { usePageFormat } from '../volunteer/page-format';

type Offer = components['schemas']['OfferDto'];

const OFFERS_PAGE_SIZE = 50;

/** Every offer of the business, in any state: edit, withdraw, offer again. */
export function BusinessOffersPage() {
  const t = useT();
  const location = useLocation();
  // A notice from the form that sent the operator back here (created, saved).
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const offers = useInfiniteQuery({
    queryKey: businessKeys.offers,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      return unwrap(
        await api.GET('/api/v1/offers/managed', {
          params: { query: { limit: OFFERS_PAGE_SIZE, cursor: pageParam } },
        }),
      );
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = offers.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="business-page" aria-labelledby="business-offers-title">
      <h1 id="business-offers-title">{t('business.offers.title')}</h1>
      <p>{t('business.offers.intro')}</p>
      <p>
        <Link className="button-primary" to="/business/offers/new">
          {t('business.offers.new')}
        </Link>
      </p>
      <p role="status">{notice}</p>
      {offers.isPending && <p>{t('business.loading')}</p>}
      {offers.isError && <p role="alert">{t('business.loadFailed')}</p>}
      {offers.isSuccess && items.length === 0 && <p>{t('business.offers.empty')}</p>}
      <ul className="offer-list">
        {items.map((offer) => (
          <ManagedOffer key={offer.id} offer={offer} onChanged={setNotice} />
        ))}
      </ul>
      {offers.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => offers.fetchNextPage()}
          disabled={offers.isFetchingNextPage}
        >
          {t('business.offers.more')}
        </button>
      )}
    </section>
  );
}

function ManagedOffer({ offer, onChanged }: { offer: Offer; onChanged: (notice: string) => void }) {
  const t = useT();
  const format = usePageFormat();
  const queryClient = useQueryClient();
  const title = offer.title[format.language];
  const setStatus = useMutation({
    mutationFn: async (status: Offer['status']) => {
      return unwrap(
        await api.PATCH('/api/v1/offers/{id}', {
          params: { path: { id: offer.id } },
          body: { status },
        }),
      );
    },
    onSuccess: (changed) => {
      onChanged(
        t(
          changed.status === 'withdrawn' ? 'business.offers.withdrawn' : 'business.offers.restored',
          { offer: title },
        ),
      );
      void queryClient.invalidateQueries({ queryKey: businessKeys.offers });
    },
  });
  return (
    <li className={`card offer-card offer-card--${offer.status}`} data-testid="managed-offer">
      <h2 className="offer-card__title">{title}</h2>
      <p className={`badge badge--${offer.status}`}>
        {t(`business.offers.status.${offer.status}`)}
      </p>
      <p>
        {t('business.offers.priceAndValue', {
          price: format.steerkes(offer.price),
          value: format.euro(offer.euroValue),
        })}
      </p>
      <p className="hint">
        {offer.validUntil
          ? t('business.offers.validity', {
              from: format.date(offer.validFrom),
              until: format.date(offer.validUntil),
            })
          : t('business.offers.validityOpen', { from: format.date(offer.validFrom) })}
      </p>
      <p className="hint">
        {offer.stockRemaining === null
          ? t('business.offers.stockUnlimited')
          : t('business.offers.stock', { count: format.integer(offer.stockRemaining) })}
      </p>
      {offer.perPassLimit && (
        <p className="hint">
          {t('business.offers.limit', {
            quantity: format.integer(offer.perPassLimit.quantity),
            period: t(`business.period.${offer.perPassLimit.period}`),
          })}
        </p>
      )}
      {offer.status === 'active' && !offer.redeemable && (
        <p className="hint">{t('business.offers.notRedeemable')}</p>
      )}
      <div className="actions">
        <Link
          className="button-secondary"
          to={`/business/offers/${offer.id}`}
          aria-label={t('business.offers.editLabel', { offer: title })}
        >
          {t('business.offers.edit')}
        </Link>
        {offer.status === 'active' ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => setStatus.mutate('withdrawn')}
            disabled={setStatus.isPending}
            aria-label={t('business.offers.withdrawLabel', { offer: title })}
          >
            {t('business.offers.withdraw')}
          </button>
        ) : (
          <button
            type="button"
            className="button-secondary"
            onClick={() => setStatus.mutate('active')}
            disabled={setStatus.isPending}
            aria-label={t('business.offers.restoreLabel', { offer: title })}
          >
            {t('business.offers.restore')}
          </button>
        )}
      </div>
      {setStatus.isError && (
        <p role="alert">{problemText(setStatus.error, t('business.loadFailed'))}</p>
      )}
    </li>
  );
}
