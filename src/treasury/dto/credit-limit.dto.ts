import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsAmount } from '../../common/http/validators.js';
import { CREDIT_LIMIT_PROPOSAL_STATUSES } from '../entities/credit-limit-proposal.entity.js';

/** Long enough for a board decision's reference and why; short enough for the audit log. */
export const CREDIT_LIMIT_REASON_LENGTH_MAX = 500;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ProposeCreditLimitDto {
  @ApiProperty({ format: 'uuid', description: 'The account whose credit limit changes.' })
  @IsUUID()
  accountId: string;

  @ApiProperty({
    type: String,
    example: '-150.00',
    pattern: '^-?(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$',
    description:
      'The new lowest available balance in STK: 0.00, or below zero for an organisation (down to −ORGANISATION_CREDIT_LIMIT_MAX).',
  })
  @IsAmount({ allowNegative: true, allowZero: true })
  minBalance: string;

  @ApiProperty({
    example: 'Besluit bestuur 12 november: voorschot voor het wintertoernooi.',
    maxLength: CREDIT_LIMIT_REASON_LENGTH_MAX,
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(CREDIT_LIMIT_REASON_LENGTH_MAX)
  reason: string;
}

export class RejectCreditLimitDto {
  @ApiProperty({
    example: 'Eerst de jaarrekening afwachten.',
    maxLength: CREDIT_LIMIT_REASON_LENGTH_MAX,
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(CREDIT_LIMIT_REASON_LENGTH_MAX)
  reason: string;
}

export class CreditLimitProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ format: 'uuid' }) partyId: string;
  @ApiProperty({ example: '-150.00', description: 'The proposed credit limit (minBalance).' })
  minBalance: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '-50.00',
    description: 'The limit in force when it was proposed.',
  })
  previousMinBalance: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: CREDIT_LIMIT_PROPOSAL_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) proposedBy: string;
  @ApiProperty({ enum: ['admin', 'treasurer'] }) proposedRole: string;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
}
