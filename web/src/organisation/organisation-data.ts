import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useUser } from '../session/session';

export type TimeClaim = components['schemas']['TimeClaimDto'];
export type StatementLine = components['schemas']['StatementLineDto'];

/** The API's largest page. */
export const PAGE_SIZE = 100;
/** How many pages of approved claims are read to find who worked for the organisation before. */
const VOLUNTEER_PAGES_MAX = 20;

export const organisationKeys = {
  all: ['organisation'] as const,
  account: (partyId: string) => ['organisation', 'account', partyId] as const,
  rate: (partyId: string) => ['organisation', 'hour-rate', partyId] as const,
  claims: ['organisation', 'claims'] as const,
  queue: ['organisation', 'claims', 'requested'] as const,
  decided: (filters: object) => ['organisation', 'claims', 'decided', filters] as const,
  volunteers: ['organisation', 'claims', 'volunteers'] as const,
  statement: (accountId: string, filters: object) =>
    ['organisation', 'statement', accountId, filters] as const,
};

/** The organisation the manager works for (their party). */
export function useOrganisationId(): string {
  return useUser().partyId ?? '';
}

export function useOrganisationAccount() {
  const partyId = useOrganisationId();
  return useQuery({
    queryKey: organisationKeys.account(partyId),
    queryFn: async () => {
      const accounts = unwrap(
        await api.GET('/api/v1/parties/{id}/accounts', { params: { path: { id: partyId } } }),
      );
      const account = accounts.find((candidate) => candidate.currency === 'STK');
      if (!account) throw new Error('the organisation has no STK account');
      return account;
    },
    enabled: partyId !== '',
  });
}

export function useHourRate() {
  const partyId = useOrganisationId();
  return useQuery({
    queryKey: organisationKeys.rate(partyId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organisations/{id}/hour-rate', {
          params: { path: { id: partyId } },
        }),
      ),
    enabled: partyId !== '',
  });
}

/**
 * Volunteers who worked for the organisation before: everyone with an approved claim, by name.
 * The API lists claims, not people; the approved ones of the last pages are enough for a form.
 */
export function usePastVolunteers() {
  const partyId = useOrganisationId();
  return useQuery({
    queryKey: organisationKeys.volunteers,
    queryFn: async () => {
      const byId = new Map<string, { name: string; entryId: string | null }>();
      let cursor: string | undefined;
      for (let page = 0; page < VOLUNTEER_PAGES_MAX; page++) {
        const result = unwrap(
          await api.GET('/api/v1/time-claims', {
            params: {
              query: { status: 'approved', organisationId: partyId, limit: PAGE_SIZE, cursor },
            },
          }),
        );
        // The latest payment of each: the page finds the volunteer's account in its postings.
        for (const claim of result.items)
          byId.set(claim.volunteerId, {
            name: claim.volunteerName,
            entryId: claim.entryId ?? byId.get(claim.volunteerId)?.entryId ?? null,
          });
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      return [...byId]
        .map(([id, { name, entryId }]) => ({ id, name, entryId }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    },
    enabled: partyId !== '',
  });
}

/** A new Idempotency-Key (crypto.randomUUID needs a secure context; the counter's helper does not). */
export { newIdempotencyKey } from '../kassa/counter-machine';
export { problemText } from '../volunteer/volunteer-data';
