import { Entity } from 'typeorm';
import type { Role } from '../../common/roles.js';
import * as column from '../../database/columns.js';

export const CREDIT_LIMIT_PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CreditLimitProposalStatus = (typeof CREDIT_LIMIT_PROPOSAL_STATUSES)[number];

/** A proposed credit limit of one account, and the second person's decision on it. */
@Entity('credit_limit_proposals')
export class CreditLimitProposal {
  @column.PrimaryId() id: string;

  @column.Id('account_id') accountId: string;

  @column.Id('party_id') partyId: string;

  /** The proposed lowest available balance, ≤ 0, in minor units. */
  @column.MinorUnits('min_balance_minor') minBalanceMinor: bigint;

  /** The limit in force when it was proposed, for the record. */
  @column.MinorUnits('previous_min_balance_minor', { nullable: true })
  previousMinBalanceMinor: bigint | null;

  @column.Text(500) reason: string;

  @column.Text(10) status: CreditLimitProposalStatus;

  @column.Id('proposed_by') proposedBy: string;

  /** The proposer's role: the approver must hold the other one. */
  @column.Text(20, 'proposed_role') proposedRole: Role;

  @column.Moment('proposed_at') proposedAt: string;

  @column.Id('decided_by', { nullable: true }) decidedBy: string | null;

  @column.Moment('decided_at', { nullable: true }) decidedAt: string | null;

  @column.Text(500, 'decision_reason', { nullable: true }) decisionReason: string | null;
}
