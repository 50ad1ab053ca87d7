import { formatAmount } from '../common/amount.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { MessagePhrase } from '../common/errors/error-catalogue.js';
import type { CreditLimitProposalStatus } from './entities/credit-limit-proposal.entity.js';

export class CreditLimitNotOrganisationError extends DomainError {
  constructor(accountId: string, kind: string) {
    super('CREDIT_LIMIT_NOT_ORGANISATION', { accountId, kind: `party-kind.${kind}` });
  }
}

export class CreditLimitAboveMaxError extends DomainError {
  constructor(maxMinor: bigint, requestedMinor: bigint) {
    super('CREDIT_LIMIT_ABOVE_MAX', {
      max: formatAmount(maxMinor),
      requested: formatAmount(requestedMinor),
    });
  }
}

export class CreditLimitProposalPendingError extends DomainError {
  constructor(accountId: string, proposalId: string) {
    super('CREDIT_LIMIT_PROPOSAL_PENDING', { accountId, proposalId });
  }
}

export class CreditLimitProposalNotPendingError extends DomainError {
  constructor(proposalId: string, status: CreditLimitProposalStatus) {
    super('CREDIT_LIMIT_PROPOSAL_NOT_PENDING', { proposalId, status: `proposal-status.${status}` });
  }
}

export class FourEyesRequiredError extends DomainError {
  constructor(reason: Extract<MessagePhrase, 'OWN_PROPOSAL' | 'SAME_ROLE'>) {
    super('FOUR_EYES_REQUIRED', { reason });
  }
}
