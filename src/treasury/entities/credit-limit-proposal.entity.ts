import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../common/roles.js';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

export const CREDIT_LIMIT_PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CreditLimitProposalStatus = (typeof CREDIT_LIMIT_PROPOSAL_STATUSES)[number];

/** A proposed credit limit of one account, and the second person's decision on it. */
@Entity('credit_limit_proposals')
export class CreditLimitProposal {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'account_id' })
  accountId: string;

  @Column({ type: 'varchar', length: 36, name: 'party_id' })
  partyId: string;

  /** The proposed lowest available balance, ≤ 0, in minor units. */
  @Column({ type: 'bigint', name: 'min_balance_minor', transformer: BIGINT_TRANSFORMER })
  minBalanceMinor: bigint;

  /** The limit in force when it was proposed, for the record. */
  @Column({
    type: 'bigint',
    name: 'previous_min_balance_minor',
    nullable: true,
    transformer: BIGINT_TRANSFORMER,
  })
  previousMinBalanceMinor: bigint | null;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 10 })
  status: CreditLimitProposalStatus;

  @Column({ type: 'varchar', length: 36, name: 'proposed_by' })
  proposedBy: string;

  /** The proposer's role: the approver must hold the other one. */
  @Column({ type: 'varchar', length: 20, name: 'proposed_role' })
  proposedRole: Role;

  @Column({ type: 'varchar', length: 32, name: 'proposed_at' })
  proposedAt: string;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'decided_by' })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true, name: 'decided_at' })
  decidedAt: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true, name: 'decision_reason' })
  decisionReason: string | null;
}
