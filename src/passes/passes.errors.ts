import { formatAmount } from '../common/amount.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { FiscalMeasure } from './fiscal-rules.js';
import { roomOf } from './fiscal-rules.js';
import type { BlockReason } from './entities/pass.entity.js';
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

export class PassBlockedError extends DomainError {
  constructor(number: string, reason: BlockReason | null) {
    super('PASS_BLOCKED', { number, reason: `BLOCKED_${(reason ?? 'other').toUpperCase()}` });
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

export class PassDailyLimitReachedError extends DomainError {
  constructor(dailyLimitMinor: bigint, spentTodayMinor: bigint, amountMinor: bigint) {
    super('PASS_DAILY_LIMIT_REACHED', {
      dailyLimit: formatAmount(dailyLimitMinor),
      spentToday: formatAmount(spentTodayMinor),
      amount: formatAmount(amountMinor),
    });
  }
}

export class FiscalLimitReachedError extends DomainError {
  constructor(measure: FiscalMeasure, valueMinor: bigint) {
    super('FISCAL_LIMIT_REACHED', {
      value: formatAmount(valueMinor),
      limit: `FISCAL_LIMIT_${measure.limit.toUpperCase()}`,
      basis: measure.basis,
      limitAmount: formatAmount(measure.limitMinor),
      received: formatAmount(measure.receivedMinor),
      room: formatAmount(roomOf(measure)),
    });
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
