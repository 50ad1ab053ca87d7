import './lists-and-figures.css';
import './volunteer.css';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { volunteerKeys } from './volunteer-data';
import { usePageFormat } from './page-format';

type Offer = components['schemas']['OfferDto'];
type District = NonNullable<Offer['businessDistrict']>;

const DISTRICTS: readonly District[] = [
  'noord-west',
  'noord-oost',
  'zuid-west-centrum',
  'zuid-oost',
  'city-wide',
];
const OFFERS_PAGE_SIZE = 20;

/** What can be had where: the offers redeemable today, optionally of one district. */
export function OffersPage() {
  const t = useT();
  const districtId = useId();
  const [district, setDistrict] = useState<District | ''>('');
  const offers = useInfiniteQuery({
    queryKey: volunteerKeys.offers(district),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      return unwrap(
        await api.GET('/api/v1/offers', {
          params: {
            query: { district: district || undefined, limit: OFFERS_PAGE_SIZE, cursor: pageParam },
          },
        }),
      );
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = offers.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="volunteer-page" aria-labelledby="offers-title">
      <h1 id="offers-title">{t('volunteer.offers.title')}</h1>
      <p>{t('volunteer.offers.intro')}</p>
      <div className="field">
        <label htmlFor={districtId}>{t('volunteer.offers.district')}</label>
        <select
          id={districtId}
          value={district}
          onChange={(event) => setDistrict(event.target.value as District | '')}
        >
          <option value="">{t('volunteer.offers.allDistricts')}</option>
          {DISTRICTS.map((option) => (
            <option key={option} value={option}>
              {t(`volunteer.district.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {offers.isPending && <p>{t('volunteer.loading')}</p>}
      {offers.isError && <p role="alert">{t('volunteer.loadFailed')}</p>}
      {offers.isSuccess && items.length === 0 && <p role="status">{t('volunteer.offers.empty')}</p>}
      <ul className="offer-list" aria-busy={offers.isFetching}>
        {items.map((offer) => (
          <OfferCard key={offer.id} offer={offer} />
        ))}
      </ul>
      {offers.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => offers.fetchNextPage()}
          disabled={offers.isFetchingNextPage}
        >
          {t('volunteer.offers.more')}
        </button>
      )}
    </section>
  );
}

function OfferCard({ offer }: { offer: Offer }) {
  const t = useT();
  const format = usePageFormat();
  const language = format.language;
  return (
    <li className="card offer-card" data-testid="offer">
      <h2 className="offer-card__title">{offer.title[language]}</h2>
      <p className="offer-card__where">
        {offer.businessName && t('volunteer.offers.at', { business: offer.businessName })}
        {offer.businessDistrict && ` · ${t(`volunteer.district.${offer.businessDistrict}`)}`}
      </p>
      <p>{offer.description[language]}</p>
      <dl className="figures">
        <div>
          <dt>{t('volunteer.offers.price')}</dt>
          <dd>{format.steerkes(offer.price)}</dd>
        </div>
        <div>
          <dt>{t('volunteer.offers.value')}</dt>
          <dd>{format.euro(offer.euroValue)}</dd>
        </div>
      </dl>
      {offer.perPassLimit && (
        <p className="hint">
          {t('volunteer.offers.limit', {
            quantity: format.integer(offer.perPassLimit.quantity),
            period: t(`volunteer.period.${offer.perPassLimit.period}`),
          })}
        </p>
      )}
      {offer.stockRemaining !== null && (
        <p className="hint">
          {t('volunteer.offers.stock', { count: format.integer(offer.stockRemaining) })}
        </p>
      )}
    </li>
  );
}
