import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AmountProperty,
  IsAmount,
  IsCalendarDate,
  IsPeriod,
} from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination.js';
import type { FieldError } from '../../common/errors/domain-error.js';
import {
  ACCOUNT_STATUSES,
  type AccountStatus,
  BATCH_COMMANDS_MAX,
  DESCRIPTION_LENGTH_MAX,
  ENTRY_CODES,
  METADATA_BYTES_MAX,
  type EntryCode,
  type Metadata,
  POSTINGS_PER_ENTRY_MAX,
} from '../ledger.types.js';
import { IsPlainText } from '../../common/http/plain-text.js';

/** Longer than any moment a client means: "2026-12-01T17:00:00.123456789+01:00" has 35. */
const DATE_TIME_LENGTH_MAX = 40;

/** Codes a party's member may use for a plain transfer; the rest belong to the treasury or a module. */
export const MEMBER_TRANSFER_CODES = [
  'TRANSFER',
  'HOURS',
  'SERVICE',
] as const satisfies readonly EntryCode[];
/** Codes a treasurer may use for a multi-posting entry; reversals, redemptions and bookings have their own paths. */
export const TREASURER_ENTRY_CODES = [
  'ADJUST',
  'TRANSFER',
  'ISSUE',
  'RETIRE',
  'HOURS',
  'SERVICE',
] as const satisfies readonly EntryCode[];

/**
 * Flat key/value pairs whose JSON is at most METADATA_BYTES_MAX bytes (ledger-rules.ts). The
 * bounds below follow from that size: no text is longer, and `{"":0,…}` fits at most this many keys.
 */
const METADATA_SCHEMA = {
  type: 'object',
  description: `Flat key/value pairs (text, number, true/false or null), at most ${METADATA_BYTES_MAX} bytes as JSON.`,
  maxProperties: Math.floor((METADATA_BYTES_MAX - 1) / '"":0,'.length),
  additionalProperties: {
    oneOf: [
      { type: 'string', maxLength: METADATA_BYTES_MAX },
      { type: 'number' },
      { type: 'boolean' },
    ],
    nullable: true,
  },
} as ApiPropertyOptions;

class DescribedMovementDto {
  @ApiProperty({ example: 'Bijdrage buurtfeest Malberg', maxLength: DESCRIPTION_LENGTH_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(DESCRIPTION_LENGTH_MAX)
  @IsPlainText()
  description: string;

  @ApiPropertyOptional(METADATA_SCHEMA)
  @IsOptional()
  @IsObject()
  metadata?: Metadata;
}

export class TransferDto extends DescribedMovementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fromAccountId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  toAccountId: string;

  @AmountProperty()
  amount: string;

  @ApiPropertyOptional({ enum: MEMBER_TRANSFER_CODES, default: 'TRANSFER' })
  @IsOptional()
  @IsIn(MEMBER_TRANSFER_CODES)
  code?: (typeof MEMBER_TRANSFER_CODES)[number];

  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'YYYY-MM-DD in an open period; today when omitted.',
  })
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}

export class PostingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  accountId: string;

  @AmountProperty({
    signed: true,
    example: '-25.00',
    description: 'Signed amount: positive raises the balance',
  })
  amount: string;
}

export class EntryDto extends DescribedMovementDto {
  @ApiProperty({ enum: TREASURER_ENTRY_CODES })
  @IsIn(TREASURER_ENTRY_CODES)
  code: (typeof TREASURER_ENTRY_CODES)[number];

  @ApiProperty({ type: [PostingDto], minItems: 2, maxItems: POSTINGS_PER_ENTRY_MAX })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(POSTINGS_PER_ENTRY_MAX)
  @ValidateNested({ each: true })
  @IsObject({ each: true })
  @Type(() => PostingDto)
  postings: PostingDto[];

  @ApiPropertyOptional({ example: '2026-11-20' })
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string;
}

export class HoldDto extends DescribedMovementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fromAccountId: string;

  @ApiProperty({ format: 'uuid', description: 'Who receives the amount when the hold is posted.' })
  @IsUUID()
  toAccountId: string;

  @AmountProperty()
  amount: string;

  @ApiPropertyOptional({
    enum: MEMBER_TRANSFER_CODES,
    default: 'TRANSFER',
    description: 'Code of the entry the hold becomes.',
  })
  @IsOptional()
  @IsIn(MEMBER_TRANSFER_CODES)
  code?: (typeof MEMBER_TRANSFER_CODES)[number];

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-12-01T17:00:00Z',
    description: 'After this moment the hold releases by itself; with Z or an offset.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/)
  @MaxLength(DATE_TIME_LENGTH_MAX)
  expiresAt?: string;
}

export class PostHoldDto {
  @AmountProperty({
    required: false,
    description: 'Part of the hold to post; the whole hold when omitted',
  })
  @IsOptional()
  amount?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_LENGTH_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DESCRIPTION_LENGTH_MAX)
  @IsPlainText()
  description?: string;
}

export class ReversalDto {
  @ApiPropertyOptional({ example: 'Dubbel geboekt', maxLength: DESCRIPTION_LENGTH_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DESCRIPTION_LENGTH_MAX)
  @IsPlainText()
  description?: string;
}

export class IssueDto extends DescribedMovementDto {
  @ApiProperty({ format: 'uuid', description: 'The account that receives the new Steerkes.' })
  @IsUUID()
  toAccountId: string;

  @AmountProperty()
  amount: string;
}

export class RetireDto extends DescribedMovementDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The account whose Steerkes are handed back and retired.',
  })
  @IsUUID()
  fromAccountId: string;

  @AmountProperty()
  amount: string;
}

export class AccountPolicyDto {
  @ApiPropertyOptional({
    type: String,
    example: '-50.00',
    description:
      'The credit limit in force, unchanged (or leave it out): a credit limit changes only through POST /treasury/credit-limits, with a second person’s approval.',
  })
  @IsOptional()
  @IsAmount({ allowNegative: true, allowZero: true })
  minBalance?: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Highest balance allowed; null: no maximum.',
  })
  @IsDefined()
  @ValidateIf((_, value) => value !== null)
  @IsAmount()
  maxBalance: string | null;

  @ApiProperty({ enum: ACCOUNT_STATUSES })
  @IsIn(ACCOUNT_STATUSES)
  status: AccountStatus;
}

export class StatementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First effective date to include.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last effective date to include.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    example: '2026-10-31',
    description: 'Also answer the balance as of the end of this date.',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

// --- responses ---------------------------------------------------------------------------------------

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) partyId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Set for system accounts such as issuance.',
  })
  systemName: string | null;
  @ApiProperty({ example: 'STK' }) currency: string;
  @ApiProperty({ example: '40.00' }) balance: string;
  @ApiProperty({ example: '10.00', description: 'Σ of pending holds.' }) pending: string;
  @ApiProperty({ example: '30.00', description: 'balance − pending.' }) available: string;
  @ApiProperty({ type: String, nullable: true, example: '0.00' }) minBalance: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) maxBalance: string | null;
  @ApiProperty({ enum: ACCOUNT_STATUSES }) status: AccountStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PostingViewDto {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ example: '-12.50' }) amount: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '27.50',
    description: 'Balance after this posting; null on another party’s account.',
  })
  balanceAfter: string | null;
}

export class EntryViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 42 }) sequence: number;
  @ApiProperty({ enum: ENTRY_CODES }) code: EntryCode;
  @ApiProperty() description: string;
  @ApiProperty(METADATA_SCHEMA) metadata: Metadata;
  @ApiProperty({ example: '2026-11-23' }) effectiveDate: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reversesEntryId: string | null;
  @ApiProperty({ description: 'SHA-256 of this entry and the previous hash.' }) hash: string;
  @ApiProperty() previousHash: string;
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 80,
    example: 'volunteering:claim:6f1c0a52-0d7e-4c1b-9a8e-3b8f2f7f4f10',
    description:
      'The module record that made the entry; such an entry is corrected only through that module.',
  })
  origin: string | null;
  @ApiProperty({ type: [PostingViewDto] }) postings: PostingViewDto[];
}

export class HoldViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fromAccountId: string;
  @ApiProperty({ format: 'uuid' }) toAccountId: string;
  @ApiProperty({ example: '10.00' }) amount: string;
  @ApiProperty({ type: String, nullable: true }) postedAmount: string | null;
  @ApiProperty({ enum: ['pending', 'posted', 'voided', 'expired'] }) status: string;
  @ApiProperty({ enum: ENTRY_CODES }) code: EntryCode;
  @ApiProperty() description: string;
  @ApiProperty(METADATA_SCHEMA) metadata: Metadata;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true }) createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) postedEntryId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 80,
    example: 'catalogue:booking:6f1c0a52-0d7e-4c1b-9a8e-3b8f2f7f4f10',
    description:
      'The module record that made the hold; such a hold is settled only through that module.',
  })
  origin: string | null;
}

export class StatementLineDto {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ enum: ENTRY_CODES }) code: EntryCode;
  @ApiProperty() description: string;
  @ApiProperty({ example: '2026-11-23' }) effectiveDate: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ example: '-12.50' }) amount: string;
  @ApiProperty({ example: '27.50', description: 'Balance after this posting, in booking order.' })
  balanceAfter: string;
}

export class BalanceAsOfDto {
  @ApiProperty({ example: '2026-10-31' }) asOf: string;
  @ApiProperty({
    example: '35.00',
    description: 'Σ of postings with an effective date on or before asOf.',
  })
  balance: string;
}

export class StatementDto {
  @ApiProperty({ type: AccountDto }) account: AccountDto;
  @ApiProperty({ type: [StatementLineDto] }) items: StatementLineDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiPropertyOptional({
    type: () => BalanceAsOfDto,
    description: 'Present when ?asOf= was given.',
  })
  balanceAsOf?: BalanceAsOfDto;
}

export class DiscrepancyDto {
  @ApiProperty({ example: 'ACCOUNT_BALANCE' }) check: string;
  @ApiProperty({ description: 'The account, entry or hold id (or currency) concerned.' })
  subject: string;
  @ApiProperty() message: string;
}

class IntegrityCountsDto {
  @ApiProperty() accounts: number;
  @ApiProperty() entries: number;
  @ApiProperty() postings: number;
  @ApiProperty() holds: number;
}

export class IntegrityReportDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({
    enum: ['full', 'incremental'],
    description:
      'full: every entry walked from the first; incremental: the entries after the last verified checkpoint.',
  })
  mode: 'full' | 'incremental';
  @ApiProperty({ description: 'The walk started after this entry sequence (0 for a full check).' })
  fromSequence: number;
  @ApiProperty({ type: IntegrityCountsDto }) checked: IntegrityCountsDto;
  @ApiProperty({ type: [DiscrepancyDto] }) discrepancies: DiscrepancyDto[];
}

export class IntegrityCheckQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description:
      'true: re-verify the whole chain from the first entry, which also finds an entry changed before the last checkpoint.',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  full?: 'true' | 'false';
}

export class PeriodParameterDto {
  @ApiProperty({ example: '2026-10', description: 'A month, YYYY-MM.' })
  @IsPeriod()
  period: string;
}

export class ClosedPeriodDto {
  @ApiProperty({ example: '2026-10' }) period: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) closedBy: string | null;
}

export class TransferBatchDto {
  @ApiProperty({
    type: [TransferDto],
    minItems: 1,
    maxItems: BATCH_COMMANDS_MAX,
    description: 'Each from an account of your party; each is booked or refused on its own.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_COMMANDS_MAX)
  @ValidateNested({ each: true })
  @IsObject({ each: true })
  @Type(() => TransferDto)
  transfers: TransferDto[];
}

export class BatchRefusalDto {
  @ApiProperty({ example: 'INSUFFICIENT_FUNDS' }) code: string;
  @ApiProperty({ example: 422, description: 'The status this transfer would have had on its own.' })
  status: number;
  @ApiProperty({ description: 'In the language of Accept-Language (nl or en).' }) detail: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  errors?: FieldError[];
}

export class TransferBatchItemDto {
  @ApiProperty({ example: 0, description: 'Position in the request’s transfers.' }) index: number;
  @ApiProperty({ enum: ['booked', 'refused'] }) status: 'booked' | 'refused';
  @ApiPropertyOptional({
    description: 'Booked earlier under the same Idempotency-Key and position: the first result.',
  })
  replayed?: boolean;
  @ApiPropertyOptional({ type: EntryViewDto }) entry?: EntryViewDto;
  @ApiPropertyOptional({ type: BatchRefusalDto }) refusal?: BatchRefusalDto;
}

export class TransferBatchResultDto {
  @ApiProperty({ example: 999 }) booked: number;
  @ApiProperty({ example: 1 }) refused: number;
  @ApiProperty({ type: [TransferBatchItemDto] }) results: TransferBatchItemDto[];
}
