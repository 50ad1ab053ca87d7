import { assertInvariant, DomainError } from '../common/errors/domain-error.js';
import { formatAmount } from '../common/amount.js';
import { OWNING_MODULES, type OwningModule } from './ledger.types.js';

/** The phrase that tells which module's correction to use, by the module an origin names. */
const CORRECTION_OF: Record<OwningModule, string> = {
  catalogue: 'CORRECT_IN_CATALOGUE',
  volunteering: 'CORRECT_IN_VOLUNTEERING',
  passes: 'CORRECT_IN_PASSES',
};

function ownerParameters(origin: string): { origin: string; correction: string } {
  const module = origin.split(':')[0] as OwningModule;
  assertInvariant(OWNING_MODULES.includes(module), `origin ${origin} names no owning module`);
  return { origin, correction: CORRECTION_OF[module] };
}

export class InsufficientFundsError extends DomainError {
  constructor(accountId: string, availableMinor: bigint, requiredMinor: bigint) {
    super('INSUFFICIENT_FUNDS', {
      accountId,
      available: formatAmount(availableMinor),
      required: formatAmount(requiredMinor),
    });
  }
}

export class BalanceLimitExceededError extends DomainError {
  constructor(accountId: string, maxBalanceMinor: bigint) {
    super('BALANCE_LIMIT_EXCEEDED', { accountId, maxBalance: formatAmount(maxBalanceMinor) });
  }
}

export class AccountNotOpenError extends DomainError {
  constructor(accountId: string, status: string) {
    super('ACCOUNT_NOT_OPEN', { accountId, status });
  }
}

export class SameAccountError extends DomainError {
  constructor() {
    super('SAME_ACCOUNT');
  }
}

export class CurrencyMismatchError extends DomainError {
  constructor() {
    super('CURRENCY_MISMATCH');
  }
}

export type UnbalancedReason =
  | 'FEWER_THAN_TWO_POSTINGS'
  | 'TOO_MANY_POSTINGS'
  | 'ACCOUNT_TWICE'
  | 'ZERO_POSTING'
  | 'SUM_NOT_ZERO';

export class EntryUnbalancedError extends DomainError {
  constructor(reason: UnbalancedReason, total?: bigint) {
    super(
      'ENTRY_UNBALANCED',
      total === undefined ? { reason } : { reason, total: formatAmount(total) },
    );
  }
}

export class PolicyConflictsWithBalanceError extends DomainError {
  constructor(accountId: string, balanceMinor: bigint, availableMinor: bigint) {
    super('POLICY_CONFLICTS_WITH_BALANCE', {
      accountId,
      balance: formatAmount(balanceMinor),
      available: formatAmount(availableMinor),
    });
  }
}

export class EntryCodeNotAllowedError extends DomainError {
  constructor(entryCode: string) {
    super('ENTRY_CODE_NOT_ALLOWED', { entryCode });
  }
}

export class EntryAlreadyReversedError extends DomainError {
  constructor(entryId: string) {
    super('ENTRY_ALREADY_REVERSED', { entryId });
  }
}

export class EntryNotReversibleError extends DomainError {
  constructor(entryId: string) {
    super('ENTRY_NOT_REVERSIBLE', { entryId });
  }
}

export class HoldNotPendingError extends DomainError {
  constructor(holdId: string, status: string) {
    super('HOLD_NOT_PENDING', { holdId, status });
  }
}

export class HoldExpiredError extends DomainError {
  constructor(holdId: string) {
    super('HOLD_EXPIRED', { holdId });
  }
}

export class HoldAmountExceededError extends DomainError {
  constructor(holdId: string, holdMinor: bigint, requestedMinor: bigint) {
    super('HOLD_AMOUNT_EXCEEDED', {
      holdId,
      holdAmount: formatAmount(holdMinor),
      requested: formatAmount(requestedMinor),
    });
  }
}

export class PeriodClosedError extends DomainError {
  constructor(period: string) {
    super('PERIOD_CLOSED', { period });
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED');
  }
}

export class PeriodNotEndedError extends DomainError {
  constructor(period: string) {
    super('PERIOD_NOT_ENDED', { period });
  }
}

/** A date in a month before the latest closed one: its balance is part of a stored closing balance. */
export class BooksClosedError extends DomainError {
  constructor(effectiveDate: string, closedPeriod: string) {
    super('BOOKS_CLOSED', { effectiveDate, period: closedPeriod });
  }
}

/** A hold a module made is settled only through that module, so that its record moves with it. */
export class HoldOwnedByModuleError extends DomainError {
  constructor(holdId: string, origin: string) {
    super('HOLD_OWNED_BY_MODULE', { holdId, ...ownerParameters(origin) });
  }
}

/** An entry a module made is corrected only through that module, so that its record moves with it. */
export class EntryOwnedByModuleError extends DomainError {
  constructor(entryId: string, origin: string) {
    super('ENTRY_OWNED_BY_MODULE', { entryId, ...ownerParameters(origin) });
  }
}

/** A credit limit changes through the treasury's four-eyes proposal, not through the account policy. */
export class CreditLimitNeedsApprovalError extends DomainError {
  constructor(accountId: string) {
    super('CREDIT_LIMIT_NEEDS_APPROVAL', { accountId });
  }
}

/**
 * A volunteer's Steerkes reach a business only through a redemption: that is where the pass, its
 * PIN, its daily limit and the fiscal guardrail apply. The ledger's generic paths refuse it.
 */
export class RedemptionRequiredError extends DomainError {
  constructor() {
    super('REDEMPTION_REQUIRED');
  }
}
