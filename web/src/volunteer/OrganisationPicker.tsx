import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';

type PublicOrganisation = components['schemas']['PublicOrganisationDto'];

const ORGANISATIONS_PAGE_SIZE = 10;

/**
 * Choose an organisation from the public list: a search field and the matches as radio buttons
 * (a plain, keyboard-friendly group that every screen reader knows), ten at a time.
 */
export function OrganisationPicker({
  value,
  onChange,
  error,
}: {
  value: PublicOrganisation | null;
  onChange: (organisation: PublicOrganisation) => void;
  error?: string;
}) {
  const t = useT();
  const searchId = useId();
  const hintId = useId();
  const errorId = useId();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const organisations = useInfiniteQuery({
    queryKey: ['public-organisations', deferredSearch],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      return unwrap(
        await api.GET('/api/v1/public/organisations', {
          params: {
            query: {
              search: deferredSearch || undefined,
              limit: ORGANISATIONS_PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      );
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const found = organisations.data?.pages.flatMap((page) => page.items) ?? [];
  // The chosen one stays visible (and chosen) while the search looks for others.
  const shown =
    value && !found.some((organisation) => organisation.id === value.id)
      ? [value, ...found]
      : found;

  return (
    <fieldset className="organisation-picker" aria-describedby={error ? errorId : undefined}>
      <legend>{t('volunteer.hours.organisation')}</legend>
      <div className="field">
        <label htmlFor={searchId}>{t('volunteer.hours.organisationSearch')}</label>
        <input
          id={searchId}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          aria-describedby={hintId}
          autoComplete="off"
        />
        <p id={hintId} className="field__hint">
          {t('volunteer.hours.organisationSearchHint')}
        </p>
      </div>
      {organisations.isError && <p role="alert">{t('volunteer.loadFailed')}</p>}
      {organisations.isSuccess && shown.length === 0 && (
        <p role="status">{t('volunteer.hours.noOrganisations')}</p>
      )}
      <ul className="choice-list">
        {shown.map((organisation) => (
          <li key={organisation.id}>
            <label className="choice">
              <input
                type="radio"
                name={`${searchId}-organisation`}
                checked={value?.id === organisation.id}
                onChange={() => onChange(organisation)}
              />
              <span>
                <span className="choice__title">{organisation.name}</span>
                <span className="choice__detail">
                  {t(`volunteer.district.${organisation.district}`)}
                  {organisation.description ? ` · ${organisation.description}` : ''}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {organisations.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => organisations.fetchNextPage()}
          disabled={organisations.isFetchingNextPage}
        >
          {t('volunteer.hours.moreOrganisations')}
        </button>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
