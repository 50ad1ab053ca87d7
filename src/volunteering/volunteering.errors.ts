import { formatAmount } from '../common/amount.js';
import { DomainError, type FieldError } from '../common/errors/domain-error.js';
import type { TimeClaimStatus } from './entities/time-claim.entity.js';
import { formatHours } from './hours.js';
import { CLAIM_HOURS_PER_DAY_MAX } from './volunteering.limits.js';

export class TimeClaimNotPendingError extends DomainError {
  constructor(claimId: string, status: TimeClaimStatus) {
    super('TIME_CLAIM_NOT_PENDING', { claimId, status });
  }
}

export class TimeClaimNotApprovedError extends DomainError {
  constructor(claimId: string, status: TimeClaimStatus) {
    super('TIME_CLAIM_NOT_APPROVED', { claimId, status });
  }
}

export class TimeClaimDayLimitExceededError extends DomainError {
  constructor(date: string, claimedMinutes: number, requestedMinutes: number) {
    super(
      'TIME_CLAIM_DAY_LIMIT_EXCEEDED',
      {
        date,
        claimed: formatHours(claimedMinutes),
        requested: formatHours(requestedMinutes),
        limit: CLAIM_HOURS_PER_DAY_MAX,
      },
      [{ field: 'hours', code: 'TIME_CLAIM_DAY_LIMIT_EXCEEDED' }],
    );
  }
}

/** A bulk activity refused whole, with every problem found named by its field. */
export class TimeClaimsRefusedError extends DomainError {
  constructor(fieldErrors: FieldError[]) {
    super('TIME_CLAIMS_REFUSED', { count: fieldErrors.length }, fieldErrors);
  }
}

export class HourRateOutOfRangeError extends DomainError {
  constructor(minMinor: bigint, maxMinor: bigint) {
    super('HOUR_RATE_OUT_OF_RANGE', { min: formatAmount(minMinor), max: formatAmount(maxMinor) }, [
      { field: 'rate', code: 'HOUR_RATE_OUT_OF_RANGE' },
    ]);
  }
}
