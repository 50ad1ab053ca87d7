import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination.js';
import { TIME_CLAIM_STATUSES, type TimeClaimStatus } from '../entities/time-claim.entity.js';
import { isValidHours } from '../hours.js';
import {
  ACTIVITY_LENGTH_MAX_CHARACTERS,
  BULK_PARTICIPANTS_MAX,
  REASON_LENGTH_MAX_CHARACTERS,
} from '../volunteering.limits.js';
import { IsPlainText } from '../../common/http/plain-text.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const HOURS_DOCUMENTATION = {
  oneOf: [
    { type: 'string', pattern: '^[0-9]{1,2}(\\.[0-9]{1,2})?$', maxLength: 5, example: '2.50' },
    { type: 'number', example: 2.5 },
  ],
  description:
    'Hours in quarter-hour steps, 0.25 to 24: a decimal string ("2.50") or a number (2.5).',
};

/** Hours in quarter-hour steps, as a decimal string or a number. */
export function IsQuarterHours() {
  return ValidateBy({
    name: 'isQuarterHours',
    validator: { validate: (value) => isValidHours(value) },
  });
}

function ActivityProperty() {
  return applyDecorators(
    ApiProperty({
      example: 'Huiswerkbegeleiding',
      maxLength: ACTIVITY_LENGTH_MAX_CHARACTERS,
      description: 'What the volunteer did.',
    }),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    MaxLength(ACTIVITY_LENGTH_MAX_CHARACTERS),
    IsPlainText(),
  );
}

export class SubmitTimeClaimDto {
  @ApiProperty({ format: 'uuid', description: 'The organisation the hours were given to.' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({
    example: '2026-11-21',
    description:
      'The day the hours were given (YYYY-MM-DD, Maastricht): not after today, at most a year back.',
  })
  @IsCalendarDate()
  date: string;

  @ApiProperty(HOURS_DOCUMENTATION)
  @IsQuarterHours()
  hours: string | number;

  @ActivityProperty()
  activity: string;
}

export class RejectTimeClaimDto {
  @ApiProperty({
    example: 'Deze middag was de activiteit afgelast.',
    maxLength: REASON_LENGTH_MAX_CHARACTERS,
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_LENGTH_MAX_CHARACTERS)
  @IsPlainText({ multiline: true })
  reason: string;
}

export class RevokeTimeClaimDto {
  @ApiProperty({
    example: 'Dubbel goedgekeurd: dezelfde middag staat ook in de groepsactiviteit.',
    maxLength: REASON_LENGTH_MAX_CHARACTERS,
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_LENGTH_MAX_CHARACTERS)
  reason: string;
}

export class WithdrawTimeClaimDto {
  @ApiPropertyOptional({ example: 'Dubbel ingediend.', maxLength: REASON_LENGTH_MAX_CHARACTERS })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_LENGTH_MAX_CHARACTERS)
  @IsPlainText({ multiline: true })
  reason?: string;
}

export class BulkParticipantDto {
  @ApiProperty({ format: 'uuid', description: 'The volunteer (a party of kind volunteer).' })
  @IsUUID()
  volunteerId: string;

  /** Checked with the other rules of the activity, so that every problem is listed at once. */
  @ApiProperty(HOURS_DOCUMENTATION)
  @IsDefined()
  hours: unknown;
}

export class BulkTimeClaimsDto {
  @ApiProperty({
    example: '2026-11-21',
    description: 'The day of the activity (YYYY-MM-DD): not after today, at most a year back.',
  })
  @IsCalendarDate()
  date: string;

  @ActivityProperty()
  activity: string;

  @ApiProperty({ type: [BulkParticipantDto], minItems: 1, maxItems: BULK_PARTICIPANTS_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_PARTICIPANTS_MAX)
  @ValidateNested({ each: true })
  @IsObject({ each: true })
  @Type(() => BulkParticipantDto)
  participants: BulkParticipantDto[];
}

export class ListTimeClaimsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TIME_CLAIM_STATUSES })
  @IsOptional()
  @IsIn(TIME_CLAIM_STATUSES)
  status?: TimeClaimStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only claims made to this organisation.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only claims of this volunteer.' })
  @IsOptional()
  @IsUUID()
  volunteerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the claims of one bulk activity.' })
  @IsOptional()
  @IsUUID()
  batchId?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'First claim date to include.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last claim date to include.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

// --- responses ---------------------------------------------------------------------------------------

export class TimeClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiProperty({ example: 'Anouk Janssen' }) volunteerName: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ example: 'Buurtcentrum Malberg' }) organisationName: string;
  @ApiProperty({ example: '2026-11-21' }) date: string;
  @ApiProperty({ example: '2.50', description: 'Hours, two decimals.' }) hours: string;
  @ApiProperty() activity: string;
  @ApiProperty({ enum: TIME_CLAIM_STATUSES }) status: TimeClaimStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1.00',
    description: 'STK per hour at approval.',
  })
  rate: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2.50',
    description: 'STK paid: hours × rate, rounded half-up to the cent.',
  })
  amount: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The HOURS entry that paid the claim.',
  })
  entryId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The user who approved, rejected or withdrew it.',
  })
  decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it was rejected, revoked or withdrawn.',
  })
  reason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The user who revoked the approved claim.',
  })
  revokedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The REVERSAL entry that took back the payment of a revoked claim.',
  })
  reversalEntryId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The bulk activity it was recorded with.',
  })
  batchId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The user who submitted it.',
  })
  submittedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TimeClaimBatchDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ example: '2026-11-21' }) date: string;
  @ApiProperty() activity: string;
  @ApiProperty({ example: '1.00', description: 'STK per hour, the rate in force when recorded.' })
  rate: string;
  @ApiProperty({ example: '12.50' }) totalHours: string;
  @ApiProperty({ example: '12.50' }) totalAmount: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    type: [TimeClaimDto],
    description: 'One approved, paid claim per participant, in the order sent.',
  })
  claims: TimeClaimDto[];
}
