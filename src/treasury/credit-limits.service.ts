import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { formatAmount, parseAmount } from '../common/amount.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import { Database, type Transaction } from '../database/database.service.js';
import { lockById } from '../database/row-lock.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { PartiesService } from '../parties/parties.service.js';
import type { CreditLimitProposalDto, ProposeCreditLimitDto } from './dto/credit-limit.dto.js';
import { CreditLimitProposal } from './entities/credit-limit-proposal.entity.js';
import {
  CreditLimitAboveMaxError,
  CreditLimitNotOrganisationError,
  CreditLimitProposalNotPendingError,
  CreditLimitProposalPendingError,
  FourEyesRequiredError,
} from './treasury.errors.js';

/** The party kind whose accounts may go below zero: clubs lend each other (mutual credit). */
const CREDIT_PARTY_KIND = 'organisation';

/**
 * Credit limits with four eyes. Every Steerke an account spends below zero is one nobody issued,
 * so a limit changes only when two people agree: an admin proposes and a treasurer approves, or
 * the other way round, never the proposer themself. Only an organisation's account may go below
 * zero, at most ORGANISATION_CREDIT_LIMIT_MAX; the limit itself is written by the ledger. Each
 * step is in the audit log, in the transaction of the step.
 */
@Injectable()
export class CreditLimitsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly parties: PartiesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIGURATION) private readonly configuration: AppConfiguration,
  ) {}

  propose(actor: AuthenticatedUser, input: ProposeCreditLimitDto): Promise<CreditLimitProposalDto> {
    const minBalanceMinor = parseAmount(input.minBalance, {
      field: 'minBalance',
      allowNegative: true,
      allowZero: true,
    });
    return this.database.transaction(async (tx) => {
      const account = await this.ledger.getAccount(input.accountId);
      const partyId = await this.assertAllowed(input.accountId, minBalanceMinor);
      const waiting = await tx.manager.findOneBy(CreditLimitProposal, {
        accountId: input.accountId,
        status: 'pending',
      });
      if (waiting) throw new CreditLimitProposalPendingError(input.accountId, waiting.id);
      const proposal: CreditLimitProposal = {
        id: randomUUID(),
        accountId: input.accountId,
        partyId,
        minBalanceMinor,
        previousMinBalanceMinor:
          account.minBalance === null
            ? null
            : parseAmount(account.minBalance, { allowNegative: true, allowZero: true }),
        reason: input.reason,
        status: 'pending',
        proposedBy: actor.id,
        proposedRole: actor.role,
        proposedAt: this.clock.now().toISOString(),
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
      };
      await tx.manager.insert(CreditLimitProposal, proposal);
      await this.record(actor, 'credit_limit.propose', proposal);
      return toDto(proposal);
    });
  }

  /** The proposals waiting for a second person, oldest first. */
  listPending(): Promise<CreditLimitProposalDto[]> {
    return this.database.read(async ({ manager }) =>
      (
        await manager.find(CreditLimitProposal, {
          where: { status: 'pending' },
          order: { proposedAt: 'ASC', id: 'ASC' },
        })
      ).map(toDto),
    );
  }

  /**
   * A second person, of the other role, approves: the rules are checked again (the maximum may
   * have been lowered since) and the ledger sets the limit, in one transaction with the record.
   */
  approve(actor: AuthenticatedUser, proposalId: string): Promise<CreditLimitProposalDto> {
    return this.database.transaction(async (tx) => {
      const proposal = await this.pendingProposal(tx, proposalId);
      if (proposal.proposedBy === actor.id) throw new FourEyesRequiredError('OWN_PROPOSAL');
      if (proposal.proposedRole === actor.role) throw new FourEyesRequiredError('SAME_ROLE');
      await this.assertAllowed(proposal.accountId, proposal.minBalanceMinor);
      await this.ledger.setCreditLimit(proposal.accountId, proposal.minBalanceMinor);
      const approved = this.decided(proposal, actor, 'approved', null);
      await tx.manager.update(CreditLimitProposal, { id: proposal.id }, approved);
      await this.record(actor, 'credit_limit.approve', approved);
      return toDto(approved);
    });
  }

  /** Anyone of the two roles, the proposer too (a withdrawal), rejects with a reason; nothing changes. */
  reject(
    actor: AuthenticatedUser,
    proposalId: string,
    reason: string,
  ): Promise<CreditLimitProposalDto> {
    return this.database.transaction(async (tx) => {
      const proposal = await this.pendingProposal(tx, proposalId);
      const rejected = this.decided(proposal, actor, 'rejected', reason);
      await tx.manager.update(CreditLimitProposal, { id: proposal.id }, rejected);
      await this.record(actor, 'credit_limit.reject', rejected);
      return toDto(rejected);
    });
  }

  /** The account's party, when it may have this limit: below zero only an organisation, bounded. */
  private async assertAllowed(accountId: string, minBalanceMinor: bigint): Promise<string> {
    const owner = await this.ledger.findAccountOwner(accountId);
    const party = owner?.partyId ? await this.parties.findById(owner.partyId) : null;
    // System accounts keep their policy: to the treasury they are not there.
    if (!party) throw new NotFoundError('account', accountId);
    if (minBalanceMinor > 0n)
      throw new ValidationFailedError([{ field: 'minBalance', code: 'CREDIT_LIMIT_ABOVE_ZERO' }]);
    if (minBalanceMinor < 0n && party.kind !== CREDIT_PARTY_KIND)
      throw new CreditLimitNotOrganisationError(accountId, party.kind);
    const maxMinor = this.configuration.organisationCreditLimitMaxMinor;
    if (-minBalanceMinor > maxMinor) throw new CreditLimitAboveMaxError(maxMinor, minBalanceMinor);
    return party.id;
  }

  private async pendingProposal(tx: Transaction, proposalId: string): Promise<CreditLimitProposal> {
    const proposal = await lockById(tx, CreditLimitProposal, proposalId);
    if (!proposal) throw new NotFoundError('credit_limit_proposal', proposalId);
    if (proposal.status !== 'pending')
      throw new CreditLimitProposalNotPendingError(proposal.id, proposal.status);
    return proposal;
  }

  private decided(
    proposal: CreditLimitProposal,
    actor: AuthenticatedUser,
    status: 'approved' | 'rejected',
    reason: string | null,
  ): CreditLimitProposal {
    return {
      ...proposal,
      status,
      decidedBy: actor.id,
      decidedAt: this.clock.now().toISOString(),
      decisionReason: reason,
    };
  }

  private record(
    actor: AuthenticatedUser,
    action: string,
    proposal: CreditLimitProposal,
  ): Promise<void> {
    const view = toDto(proposal);
    return this.audit.record(actor, {
      action,
      subjectType: 'account',
      subjectId: proposal.accountId,
      details: {
        proposalId: view.id,
        minBalance: view.minBalance,
        previousMinBalance: view.previousMinBalance,
        reason: view.reason,
        proposedBy: view.proposedBy,
        decisionReason: view.decisionReason,
      },
    });
  }
}

function toDto(proposal: CreditLimitProposal): CreditLimitProposalDto {
  return {
    id: proposal.id,
    accountId: proposal.accountId,
    partyId: proposal.partyId,
    minBalance: formatAmount(proposal.minBalanceMinor),
    previousMinBalance:
      proposal.previousMinBalanceMinor === null
        ? null
        : formatAmount(proposal.previousMinBalanceMinor),
    reason: proposal.reason,
    status: proposal.status,
    proposedBy: proposal.proposedBy,
    proposedRole: proposal.proposedRole,
    proposedAt: proposal.proposedAt,
    decidedBy: proposal.decidedBy,
    decidedAt: proposal.decidedAt,
    decisionReason: proposal.decisionReason,
  };
}
