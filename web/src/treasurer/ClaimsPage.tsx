import '../volunteer/lists-and-figures.css';
import './treasurer.css';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiProblemError, fieldErrors, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { Field } from '../components/Field';
import { useT } from '../i18n/i18n';
import { todayInMaastricht } from '../volunteer/calendar';
import { usePageFormat } from '../volunteer/page-format';
import { endedMonths, refusalKeyIn } from './treasurer-data';

type Claim = components['schemas']['TimeClaimDto'];
type Party = components['schemas']['PartyDto'];
const PAGE_SIZE = 50;
const PARTIES_PER_REQUEST = 100;
/** As the API takes a reason (src/volunteering/volunteering.limits.ts). */
const REASON_LENGTH_MAX = 500;

interface Filters {
  organisationId: string;
  volunteerId: string;
  from: string;
  to: string;
}

/** Every party of a kind, page by page (the treasurer sees all parties). */
function useParties(kind: 'organisation' | 'volunteer') {
  return useQuery({
    queryKey: ['treasurer', 'parties', kind],
    queryFn: async () => {
      const parties: Party[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/api/v1/parties', {
            params: { query: { kind, limit: PARTIES_PER_REQUEST, ...(cursor ? { cursor } : {}) } },
          }),
        );
        parties.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return parties.sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

/**
 * `/treasurer/claims`: approved time claims, filtered as the API offers (organisation, volunteer,
 * days), oldest first; "Intrekken" with a reason reverses the payment of one.
 */
export function ClaimsPage() {
  const t = useT();
  const format = usePageFormat();
  const id = useId();
  const lastMonth = endedMonths(todayInMaastricht(), 1)[0];
  const [filters, setFilters] = useState<Filters>({
    organisationId: '',
    volunteerId: '',
    from: `${lastMonth}-01`,
    to: '',
  });
  const organisations = useParties('organisation');
  const volunteers = useParties('volunteer');
  const claims = useInfiniteQuery({
    queryKey: ['treasurer', 'claims', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/time-claims', {
          params: {
            query: {
              status: 'approved',
              limit: PAGE_SIZE,
              cursor: pageParam,
              ...(filters.organisationId ? { organisationId: filters.organisationId } : {}),
              ...(filters.volunteerId ? { volunteerId: filters.volunteerId } : {}),
              ...(filters.from ? { from: filters.from } : {}),
              ...(filters.to ? { to: filters.to } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({
      organisationId: String(form.get('organisationId') ?? ''),
      volunteerId: String(form.get('volunteerId') ?? ''),
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
    });
  }
  const items = claims.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="treasurer-page" aria-labelledby="claims-title">
      <h1 id="claims-title">{t('treasurer.claims.title')}</h1>
      <p>{t('treasurer.claims.intro')}</p>
      <form
        className="card audit-filters"
        onSubmit={apply}
        aria-label={t('treasurer.audit.filters')}
      >
        <div className="field">
          <label htmlFor={`${id}-organisation`}>{t('treasurer.claims.organisation')}</label>
          <select id={`${id}-organisation`} name="organisationId" defaultValue="">
            <option value="">{t('treasurer.claims.allOrganisations')}</option>
            {(organisations.data ?? []).map((party) => (
              <option key={party.id} value={party.id}>
                {party.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-volunteer`}>{t('treasurer.claims.volunteer')}</label>
          <select id={`${id}-volunteer`} name="volunteerId" defaultValue="">
            <option value="">{t('treasurer.claims.allVolunteers')}</option>
            {(volunteers.data ?? []).map((party) => (
              <option key={party.id} value={party.id}>
                {party.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('treasurer.audit.from')}</label>
          <input id={`${id}-from`} name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('treasurer.audit.to')}</label>
          <input id={`${id}-to`} name="to" type="date" />
        </div>
        <button type="submit" className="button-primary">
          {t('treasurer.audit.apply')}
        </button>
      </form>
      {claims.isPending && <p>{t('treasurer.loading')}</p>}
      {claims.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {claims.data && (
        <>
          <p role="status">
            {items.length === 0
              ? t('treasurer.claims.none')
              : items.length === 1
                ? t('treasurer.claims.shownOne')
                : t('treasurer.claims.shown', { count: format.integer(items.length) })}
          </p>
          {items.length > 0 && (
            <ul className="claim-list" data-testid="claims">
              {items.map((claim) => (
                <ClaimItem key={claim.id} claim={claim} />
              ))}
            </ul>
          )}
          {claims.hasNextPage && (
            <button
              type="button"
              className="button-secondary"
              disabled={claims.isFetchingNextPage}
              onClick={() => void claims.fetchNextPage()}
            >
              {claims.isFetchingNextPage ? t('treasurer.loading') : t('treasurer.audit.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/**
 * One approved claim with "Intrekken": a reason, then the API reverses its HOURS entry. Revoking
 * takes no key; after a lost answer "Try again" asks the claim itself when the API says it is no
 * longer approved, so a revocation that did happen is shown as done.
 */
function ClaimItem({ claim }: { claim: Claim }) {
  const t = useT();
  const format = usePageFormat();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [lost, setLost] = useState(false);
  const revoke = useMutation({
    mutationFn: async (reason: string): Promise<Claim> => {
      try {
        return unwrap(
          await api.POST('/api/v1/time-claims/{id}/revoke', {
            params: { path: { id: claim.id } },
            body: { reason },
          }),
        );
      } catch (error) {
        if (
          lost &&
          error instanceof ApiProblemError &&
          error.problem.code === 'TIME_CLAIM_NOT_APPROVED'
        ) {
          const now = unwrap(
            await api.GET('/api/v1/time-claims/{id}', { params: { path: { id: claim.id } } }),
          );
          if (now.status === 'revoked') return now;
        }
        throw error;
      }
    },
    onSuccess: () => setLost(false),
    onError: (error) => setLost(!(error instanceof ApiProblemError)),
  });
  const [reasonMissing, setReasonMissing] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    setReasonMissing(reason === '');
    if (reason === '') return;
    revoke.mutate(reason);
  }
  const refusal = revoke.error instanceof ApiProblemError ? revoke.error.problem : null;
  const apiFields = fieldErrors(revoke.error);
  const sentence = refusal && refusalKeyIn('claims', refusal);
  const summary = t('treasurer.claims.summary', {
    volunteer: claim.volunteerName,
    organisation: claim.organisationName,
  });
  return (
    <li className="card claim-item" data-testid="claim">
      <p className="claim-item__head">
        <strong>{summary}</strong>
        <span className="figures-table__sub">
          {format.date(claim.date)} · {claim.activity}
        </span>
        <span className="figures-table__sub">
          {t('treasurer.claims.paid', {
            hours: format.hours(claim.hours),
            amount: format.steerkes(claim.amount ?? '0'),
          })}
        </span>
      </p>
      {revoke.isSuccess ? (
        <p role="status" className="notice">
          {t('treasurer.claims.done', {
            amount: format.steerkes(claim.amount ?? '0'),
            volunteer: claim.volunteerName,
          })}
        </p>
      ) : !open ? (
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
          {t('treasurer.claims.open')}
          <span className="visually-hidden">: {summary}</span>
        </button>
      ) : (
        <form className="reverse-form" onSubmit={submit} noValidate>
          <p>
            {t('treasurer.claims.explain', {
              amount: format.steerkes(claim.amount ?? '0'),
              volunteer: claim.volunteerName,
            })}
          </p>
          {revoke.isError && (
            <div role="alert" className="alert">
              {refusal === null ? (
                <p>{t('treasurer.claims.noAnswer')}</p>
              ) : (
                <>
                  <p>{t('treasurer.refusal.failed')}</p>
                  <p>
                    {sentence
                      ? t(sentence)
                      : Object.keys(apiFields).length > 0
                        ? t('error.fieldsBelow')
                        : refusal.detail}
                  </p>
                </>
              )}
            </div>
          )}
          <Field
            id={reasonId}
            label={t('treasurer.claims.reason')}
            error={reasonMissing ? t('treasurer.claims.reasonMissing') : apiFields.reason}
          >
            {(describedBy, invalid) => (
              <textarea
                id={reasonId}
                name="reason"
                rows={2}
                maxLength={REASON_LENGTH_MAX}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button-primary" disabled={revoke.isPending}>
              {revoke.isPending
                ? t('treasurer.form.busy')
                : lost
                  ? t('treasurer.form.retry')
                  : t('treasurer.claims.confirm')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setOpen(false);
                setLost(false);
                setReasonMissing(false);
                revoke.reset();
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
