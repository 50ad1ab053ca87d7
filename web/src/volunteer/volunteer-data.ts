import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblemError, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useUser } from '../session/session';

export type Pass = components['schemas']['PassDto'];

/** A volunteer holds one active pass and the few blocked ones before it: one page holds them all. */
const PASSES_PAGE_SIZE = 100;

/**
 * The volunteer's current pass: the active one, else the newest (blocked or expired, so the
 * page can say so). Passes are listed oldest first; a volunteer has only a few.
 */
export function currentPass(passes: readonly Pass[]): Pass | null {
  const active = passes.filter((pass) => pass.status === 'active');
  const candidates = active.length > 0 ? active : passes;
  return candidates.length > 0 ? candidates[candidates.length - 1] : null;
}

export const volunteerKeys = {
  account: (partyId: string) => ['volunteer', 'account', partyId] as const,
  passes: ['volunteer', 'passes'] as const,
  qr: (number: string) => ['volunteer', 'pass-qr', number] as const,
  statement: (accountId: string, month: string) =>
    ['volunteer', 'statement', accountId, month] as const,
  claims: ['volunteer', 'time-claims'] as const,
  fiscal: ['volunteer', 'fiscal'] as const,
  offers: (district: string) => ['volunteer', 'offers', district] as const,
};

export function useOwnAccount() {
  const user = useUser();
  const partyId = user.partyId ?? '';
  return useQuery({
    queryKey: volunteerKeys.account(partyId),
    queryFn: async () => {
      const accounts = unwrap(
        await api.GET('/api/v1/parties/{id}/accounts', { params: { path: { id: partyId } } }),
      );
      const account = accounts.find((candidate) => candidate.currency === 'STK');
      if (!account) throw new Error('the volunteer has no STK account');
      return account;
    },
    enabled: partyId !== '',
  });
}

export function useOwnPasses() {
  return useQuery({
    queryKey: volunteerKeys.passes,
    queryFn: async () => {
      return unwrap(
        await api.GET('/api/v1/passes', { params: { query: { limit: PASSES_PAGE_SIZE } } }),
      ).items;
    },
  });
}

export function useRequestPass() {
  const user = useUser();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      return unwrap(
        await api.POST('/api/v1/passes', { body: { volunteerId: user.partyId ?? '' } }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: volunteerKeys.passes }),
  });
}

/** The API's own words for a refusal (problem details' detail), else a general sentence. */
export function problemText(error: unknown, fallback: string): string {
  return error instanceof ApiProblemError ? error.problem.detail : fallback;
}
