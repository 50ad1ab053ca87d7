import { formatAmount } from '../common/amount.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { PerPassPeriod } from './redemption-limits.js';

export class PassNotFoundError extends DomainError {
  constructor(number: string) {
    super('PASS_NOT_FOUND', { number });
  }
}

export class PassCheckDigitInvalidError extends DomainError {
  constructor(number: string, field: string) {
    super('PASS_CHECK_DIGIT_INVALID', { number }, [{ field, code: 'PASS_CHECK_DIGIT_INVALID' }]);
  }
}

/** Blocked: why is the volunteer's to see (their pass view), not the counter's. */
export class PassBlockedError extends DomainError {
  constructor(number: string) {
    super('PASS_BLOCKED', { number });
  }
}

export class PassExpiredError extends DomainError {
  constructor(number: string, validUntil: string) {
    super('PASS_EXPIRED', { number, validUntil });
  }
}

export class PassAlreadyActiveError extends DomainError {
  constructor(number: string) {
    super('PASS_ALREADY_ACTIVE', { number });
  }
}

export class PinRequiredError extends DomainError {
  constructor() {
    super('PIN_REQUIRED');
  }
}

export class PinIncorrectError extends DomainError {
  constructor(attemptsLeft: number) {
    super('PIN_INCORRECT', { attemptsLeft });
  }
}

export class PinAttemptsExhaustedError extends DomainError {
  constructor(attempts: number) {
    super('PIN_ATTEMPTS_EXHAUSTED', { attempts });
  }
}

export class OfferOfAnotherBusinessError extends DomainError {
  constructor(offerId: string) {
    super('OFFER_OF_ANOTHER_BUSINESS', { offerId });
  }
}

export type OfferInactiveReason = 'OFFER_WITHDRAWN' | 'OFFER_NOT_STARTED' | 'OFFER_ENDED';

export class OfferNotActiveError extends DomainError {
  constructor(offerId: string, today: string, reason: OfferInactiveReason) {
    super('OFFER_NOT_ACTIVE', { offerId, today, reason });
  }
}

export class OfferOutOfStockError extends DomainError {
  constructor(offerId: string, stockRemaining: number, quantity: number) {
    super('OFFER_OUT_OF_STOCK', { offerId, stockRemaining, quantity });
  }
}

export class OfferPerPassLimitReachedError extends DomainError {
  constructor(
    offerId: string,
    limit: number,
    period: PerPassPeriod,
    taken: number,
    quantity: number,
  ) {
    super('OFFER_PER_PASS_LIMIT_REACHED', {
      offerId,
      limit,
      period: `PER_PASS_${period.toUpperCase()}`,
      taken,
      quantity,
    });
  }
}

/** The pass's daily limit (a fund-wide rule) and this request; what was spent today elsewhere is not told. */
export class PassDailyLimitReachedError extends DomainError {
  constructor(dailyLimitMinor: bigint, amountMinor: bigint) {
    super('PASS_DAILY_LIMIT_REACHED', {
      dailyLimit: formatAmount(dailyLimitMinor),
      amount: formatAmount(amountMinor),
    });
  }
}

/**
 * Refused by the fiscal guardrail. Only the business hears of it (redemptions are theirs), so it
 * says nothing of the volunteer's euros received, limits or age: the volunteer sees those in their
 * fiscal overview (GET /fiscal/overview).
 */
export class FiscalLimitReachedError extends DomainError {
  constructor() {
    super('FISCAL_LIMIT_REACHED');
  }
}

/** The volunteer's balance is too low: the amount asked, never the balance or the account. */
export class PassBalanceInsufficientError extends DomainError {
  constructor(amountMinor: bigint) {
    super('PASS_BALANCE_INSUFFICIENT', { amount: formatAmount(amountMinor) });
  }
}

export class PinAttemptsPausedError extends DomainError {
  constructor(minutes: number) {
    super('PIN_ATTEMPTS_PAUSED', { minutes });
  }
}

export class FiscalLimitsNotConfiguredError extends DomainError {
  constructor(year: number) {
    super('FISCAL_LIMITS_NOT_CONFIGURED', { year });
  }
}

export class RedemptionVoidWindowClosedError extends DomainError {
  constructor(redemptionId: string, voidableUntil: string, minutes: number) {
    super('REDEMPTION_VOID_WINDOW_CLOSED', { redemptionId, voidableUntil, minutes });
  }
}

export class RedemptionNotCompletedError extends DomainError {
  constructor(redemptionId: string, status: string) {
    super('REDEMPTION_NOT_COMPLETED', { redemptionId, status });
  }
}

/** The euro value an offer claims is above the fund-wide ratio to its price. */
export class OfferEuroValueTooHighError extends DomainError {
  constructor(priceMinor: bigint, ratioMinor: bigint) {
    super('OFFER_EURO_VALUE_TOO_HIGH', {
      price: formatAmount(priceMinor),
      maxEuroValue: formatAmount((priceMinor * ratioMinor) / 100n),
      ratio: formatAmount(ratioMinor),
    });
  }
}
