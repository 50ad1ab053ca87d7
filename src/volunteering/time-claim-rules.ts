import { formatAmount } from '../common/amount.js';
import { localDate } from '../common/calendar.js';
import type { FieldError } from '../common/errors/domain-error.js';
import type { Metadata, TransferInput } from '../ledger/ledger.types.js';
import type { TimeClaim } from './entities/time-claim.entity.js';
import { formatHours, paymentFor } from './hours.js';
import {
  CLAIM_AGE_MAX_DAYS,
  CLAIM_HOURS_PER_DAY_MAX,
  MINUTES_PER_HOUR,
} from './volunteering.limits.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DAY_LIMIT_MINUTES = CLAIM_HOURS_PER_DAY_MAX * MINUTES_PER_HOUR;

/** Claims that count toward a volunteer's day: those that are or may still be paid. */
export const LIVE_CLAIM_STATUSES = ['requested', 'approved'] as const;

/** Hours are claimed once given (no date after today in Maastricht) and within the past year. */
export function claimDateProblem(date: string, now: Date, field = 'date'): FieldError | undefined {
  const today = localDate(now);
  if (date > today) return { field, code: 'TIME_CLAIM_DATE_IN_FUTURE', parameters: { today } };
  const oldest = localDate(new Date(now.getTime() - CLAIM_AGE_MAX_DAYS * DAY_MS));
  if (date < oldest) return { field, code: 'TIME_CLAIM_DATE_TOO_OLD', parameters: { oldest } };
  return undefined;
}

/** The idempotency key of a claim's payment: whatever is retried, the ledger pays a claim once. */
export function paymentKey(claimId: string): string {
  return `time-claim:${claimId}:approve`;
}

/** The HOURS entry that pays a claim, from the organisation's account to the volunteer's. */
export function paymentCommand(
  claim: Pick<TimeClaim, 'id' | 'claimDate' | 'minutes' | 'activity' | 'batchId'>,
  rateMinor: bigint,
  accounts: { organisationAccountId: string; volunteerAccountId: string },
  actorId: string,
): TransferInput {
  const hours = formatHours(claim.minutes);
  const metadata: Metadata = {
    timeClaimId: claim.id,
    claimDate: claim.claimDate,
    hours,
    rate: formatAmount(rateMinor),
  };
  if (claim.batchId) metadata.timeClaimBatchId = claim.batchId;
  return {
    fromAccountId: accounts.organisationAccountId,
    toAccountId: accounts.volunteerAccountId,
    amountMinor: paymentFor(claim.minutes, rateMinor),
    code: 'HOURS',
    description: `${claim.activity} (${hours} uur op ${claim.claimDate})`,
    metadata,
    idempotencyKey: paymentKey(claim.id),
    actorId,
    origin: `volunteering:claim:${claim.id}`,
  };
}
