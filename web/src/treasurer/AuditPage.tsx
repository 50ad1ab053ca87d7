import '../volunteer/lists-and-figures.css';
import './treasurer.css';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { useUser } from '../session/session';
import { usePageFormat } from '../volunteer/page-format';

const PAGE_SIZE = 50;
/** The details shown per event: the first few plain values; the rest is in the API's answer. */
const DETAILS_SHOWN = 4;

/** The actions that the audit log records (src/**: audit.record and LedgerAccessService.audited). */
export const AUDIT_ACTIONS = [
  'ledger.issue',
  'ledger.retire',
  'ledger.reversal',
  'ledger.entry',
  'period.close',
  'account.policy',
  'pass.block',
  'pass.policy',
  'fiscal.limits',
  'fiscal.guardrail',
  'volunteering.hour-rate',
  'volunteering.hour-rate-range',
  'user.sessions-revoked',
  'privacy.correction',
  'privacy.erasure',
] as const;

type Actor = 'anyone' | 'me' | 'treasurer' | 'admin';
interface Filters {
  action: string;
  actor: Actor;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { action: '', actor: 'anyone', from: '', to: '' };

export function actionKey(action: string): MessageKey | null {
  return (AUDIT_ACTIONS as readonly string[]).includes(action)
    ? (`treasurer.audit.action.${action}` as MessageKey)
    : null;
}

/** "amount: 25.00 · description: Extra budget": the plain values of an event's details. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .slice(0, DETAILS_SHOWN)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}

/** `/treasurer/audit` (and `/admin/audit`): every admin and treasurer action, oldest first, filtered by kind, actor and days. */
export function AuditPage() {
  const t = useT();
  const format = usePageFormat();
  const user = useUser();
  const id = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const events = useInfiniteQuery({
    queryKey: ['treasurer', 'audit', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/treasury/audit-log', {
          params: {
            query: {
              limit: PAGE_SIZE,
              cursor: pageParam,
              ...(filters.action ? { action: filters.action } : {}),
              ...(filters.actor === 'me' ? { actorId: user.id } : {}),
              ...(filters.actor === 'treasurer' || filters.actor === 'admin'
                ? { actorRole: filters.actor }
                : {}),
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
      action: String(form.get('action') ?? ''),
      actor: String(form.get('actor') ?? 'anyone') as Actor,
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
    });
  }
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="treasurer-page" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('treasurer.audit.title')}</h1>
      <p>{t('treasurer.audit.intro')}</p>
      <form
        className="card audit-filters"
        onSubmit={apply}
        aria-label={t('treasurer.audit.filters')}
      >
        <div className="field">
          <label htmlFor={`${id}-action`}>{t('treasurer.audit.kind')}</label>
          <select id={`${id}-action`} name="action" defaultValue="">
            <option value="">{t('treasurer.audit.allKinds')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(actionKey(action)!)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-actor`}>{t('treasurer.audit.actor')}</label>
          <select id={`${id}-actor`} name="actor" defaultValue="anyone">
            <option value="anyone">{t('treasurer.audit.actor.anyone')}</option>
            <option value="me">{t('treasurer.audit.actor.me')}</option>
            <option value="treasurer">{t('treasurer.audit.actor.treasurer')}</option>
            <option value="admin">{t('treasurer.audit.actor.admin')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('treasurer.audit.from')}</label>
          <input id={`${id}-from`} name="from" type="date" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('treasurer.audit.to')}</label>
          <input id={`${id}-to`} name="to" type="date" />
        </div>
        <button type="submit" className="button-primary">
          {t('treasurer.audit.apply')}
        </button>
      </form>
      {events.isPending && <p>{t('treasurer.loading')}</p>}
      {events.isError && <p role="alert">{t('treasurer.loadFailed')}</p>}
      {events.data && (
        <>
          <p role="status">
            {items.length === 0
              ? t('treasurer.audit.none')
              : t('treasurer.audit.shown', { count: format.integer(items.length) })}
          </p>
          {items.length > 0 && (
            <table className="figures-table audit-table" data-testid="audit-table">
              <caption>{t('treasurer.audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('treasurer.audit.when')}</th>
                  <th scope="col">{t('treasurer.audit.what')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((event) => {
                  const key = actionKey(event.action);
                  return (
                    <tr key={event.id}>
                      <th scope="row">{format.dateTime(event.occurredAt)}</th>
                      <td>
                        <strong>{key ? t(key) : event.action}</strong>
                        <span className="figures-table__sub">
                          {event.actorId === user.id
                            ? t('treasurer.audit.byYou')
                            : event.actorRole
                              ? t('treasurer.audit.byRole', {
                                  role: t(`role.${event.actorRole}` as MessageKey),
                                })
                              : t('treasurer.audit.bySystem')}
                          {' · '}
                          {event.subjectType} {event.subjectId.slice(-8)}
                        </span>
                        {detailsText(event.details) && (
                          <span className="figures-table__sub">{detailsText(event.details)}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {events.hasNextPage && (
            <button
              type="button"
              className="button-secondary"
              disabled={events.isFetchingNextPage}
              onClick={() => void events.fetchNextPage()}
            >
              {events.isFetchingNextPage ? t('treasurer.loading') : t('treasurer.audit.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
