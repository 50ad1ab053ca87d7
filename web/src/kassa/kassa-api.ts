import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblemError, unwrap } from '../api/client';
import { maastrichtDate } from './amounts';
import {
  type Attempt,
  newIdempotencyKey,
  type Offer,
  type Receipt,
  type Redemption,
} from './counter-machine';

const PAGE_SIZE = 100;
/** A counter's day is a few hundred redemptions at most; stop reading pages beyond this many. */
const TODAY_PAGES_MAX = 20;

export const todayKey = ['redemptions', 'today'] as const;

/** The business's offers that can be redeemed today. */
export function useCounterOffers() {
  return useQuery({
    queryKey: ['offers', 'managed', 'active'],
    queryFn: async (): Promise<Offer[]> => {
      const page = unwrap(
        await api.GET('/api/v1/offers/managed', {
          params: { query: { status: 'active', limit: PAGE_SIZE } },
        }),
      );
      return page.items.filter((offer) => offer.redeemable);
    },
  });
}

/** Today's redemptions of the business (Maastricht's day), every page. */
export function useTodayRedemptions() {
  return useQuery({
    queryKey: todayKey,
    queryFn: async (): Promise<Redemption[]> => {
      const today = maastrichtDate(new Date());
      const all: Redemption[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < TODAY_PAGES_MAX; page += 1) {
        const result = unwrap(
          await api.GET('/api/v1/redemptions', {
            params: { query: { from: today, to: today, limit: PAGE_SIZE, cursor } },
          }),
        );
        all.push(...result.items);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      return all;
    },
  });
}

export type RedeemOutcome =
  | { kind: 'redeemed'; receipt: Receipt }
  | { kind: 'refused'; problem: ApiProblemError['problem'] }
  | { kind: 'unknown' };

/**
 * Sends one attempt. A refusal (4xx) is an answer; no answer at all, or a 5xx from anything in
 * between, leaves the outcome unknown: the operator tries again with the same key.
 */
export async function sendRedemption(attempt: Attempt): Promise<RedeemOutcome> {
  try {
    const result = await api.POST('/api/v1/redemptions', {
      params: { header: { 'Idempotency-Key': attempt.idempotencyKey } },
      body: {
        passNumber: attempt.passNumber,
        offerId: attempt.offerId,
        quantity: attempt.quantity,
        ...(attempt.pin ? { pin: attempt.pin } : {}),
      },
    });
    if (result.response.status >= 500) return { kind: 'unknown' };
    return { kind: 'redeemed', receipt: unwrap(result) };
  } catch (error) {
    if (error instanceof ApiProblemError) return { kind: 'refused', problem: error.problem };
    return { kind: 'unknown' };
  }
}

/** Undo (void) a redemption within the void window. */
export function useVoidRedemption() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (redemptionId: string) =>
      unwrap(
        await api.POST('/api/v1/redemptions/{id}/void', {
          params: {
            path: { id: redemptionId },
            header: { 'Idempotency-Key': newIdempotencyKey() },
          },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: todayKey }),
  });
}
