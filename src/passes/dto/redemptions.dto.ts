import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../../common/http/validators.js';
import { YearQueryDto } from '../../common/http/year-query.dto.js';
import { PageQueryDto } from '../../common/pagination.js';
import { LocalizedTextDto } from './localized-text.dto.js';
import { DESCRIPTION_LENGTH_MAX } from '../../ledger/ledger.types.js';
import { REDEMPTION_STATUSES, type RedemptionStatus } from '../entities/redemption.entity.js';
import { FISCAL_LIMIT_KINDS, type FiscalLimitKind } from '../fiscal-rules.js';
import { REDEMPTION_QUANTITY_MAX } from '../redemptions.service.js';
import { IsPin, PASS_NUMBER_INPUT_LENGTH_MAX } from './passes.dto.js';
import { IsPlainText } from '../../common/http/plain-text.js';

export class RedeemDto {
  @ApiProperty({
    example: '4417 0923 6618',
    description: 'As printed or scanned; spaces and dashes are ignored.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASS_NUMBER_INPUT_LENGTH_MAX)
  passNumber: string;

  @ApiProperty({ format: 'uuid', description: 'An offer of your business.' })
  @IsUUID()
  offerId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: REDEMPTION_QUANTITY_MAX, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(REDEMPTION_QUANTITY_MAX)
  quantity?: number;

  @ApiPropertyOptional({
    example: '4821',
    writeOnly: true,
    description: 'The volunteer types it when the pass has a PIN. Never stored or logged.',
  })
  @IsOptional()
  @IsPin()
  pin?: string;
}

export class ReverseRedemptionDto {
  @ApiPropertyOptional({ example: 'Verkeerd aanbod gekozen', maxLength: DESCRIPTION_LENGTH_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DESCRIPTION_LENGTH_MAX)
  @IsPlainText()
  description?: string;
}

export class ListRedemptionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REDEMPTION_STATUSES })
  @IsOptional()
  @IsIn(REDEMPTION_STATUSES)
  status?: RedemptionStatus;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'From this redemption date (Maastricht), inclusive.',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Up to this redemption date, inclusive.',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins and treasurers only: one business.' })
  @IsOptional()
  @IsUUID()
  businessId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Admins and treasurers only: one volunteer.',
  })
  @IsOptional()
  @IsUUID()
  volunteerId?: string;
}

export class SponsorshipQueryDto extends YearQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Admins and treasurers: the business (required for them).',
  })
  @IsOptional()
  @IsUUID()
  businessId?: string;
}

export class FiscalWarningDto {
  @ApiProperty({
    enum: FISCAL_LIMIT_KINDS,
    description: 'month, year, or hours (approved hours × hourly amount).',
  })
  limit: FiscalLimitKind;
  @ApiProperty({
    example: '2026-11',
    description: 'The month, the year, or "hours × hourly amount".',
  })
  basis: string;
  @ApiProperty({ example: '172.00', description: 'EUR received, this redemption included.' })
  received: string;
  @ApiProperty({ example: '210.00', description: 'EUR' }) limitAmount: string;
  @ApiProperty({ example: '38.00', description: 'EUR left' }) room: string;
  @ApiProperty({ example: 81 }) percent: number;
  @ApiProperty({ type: LocalizedTextDto }) message: LocalizedTextDto;
}

/** A fiscal warning on the counter's receipt: which limit is near, not the volunteer's figures. */
export class CounterFiscalWarningDto {
  @ApiProperty({
    enum: FISCAL_LIMIT_KINDS,
    description: 'month, year, or hours (approved hours × hourly amount).',
  })
  limit: FiscalLimitKind;
  @ApiProperty({ type: LocalizedTextDto }) message: LocalizedTextDto;
}

export class RedemptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) offerId: string;
  @ApiProperty({ type: LocalizedTextDto }) offerTitle: LocalizedTextDto;
  @ApiProperty({ format: 'uuid' }) businessId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Null for the business: it knows the pass, not the person.',
  })
  volunteerId: string | null;
  @ApiProperty({
    example: '********6618',
    description: 'Masked but for the last 4 digits for the business.',
  })
  passNumber: string;
  @ApiProperty({ example: 1 }) quantity: number;
  @ApiProperty({ example: '2.00', description: 'STK' }) unitPrice: string;
  @ApiProperty({ example: '2.00', description: 'STK paid' }) amount: string;
  @ApiProperty({ example: '3.50', description: 'EUR' }) unitEuroValue: string;
  @ApiProperty({ example: '3.50', description: 'EUR received by the volunteer' }) euroValue: string;
  @ApiProperty({ enum: REDEMPTION_STATUSES }) status: RedemptionStatus;
  @ApiProperty({ format: 'uuid', description: 'The REDEEM ledger entry.' }) entryId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The REVERSAL entry of a void or reversal.',
  })
  reversalEntryId: string | null;
  @ApiProperty({ format: 'date-time' }) redeemedAt: string;
  @ApiProperty({ format: 'date-time', description: 'Until when the business may void it.' })
  voidableUntil: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
}

export class RedemptionReceiptDto extends RedemptionDto {
  @ApiProperty({
    type: [CounterFiscalWarningDto],
    description:
      'Tax-free limits at 80 % or more after this redemption: tell the volunteer (their figures are in their own fiscal overview).',
  })
  fiscalWarnings: CounterFiscalWarningDto[];
}

class SponsorshipMonthDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() redemptions: number;
  @ApiProperty({ example: '24.00' }) steerkes: string;
  @ApiProperty({ example: '42.00' }) euroValue: string;
}

export class SponsorshipSummaryDto {
  @ApiProperty({ format: 'uuid' }) businessId: string;
  @ApiProperty({ type: String, nullable: true }) businessName: string | null;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ description: 'Redemptions that stand (not voided or reversed).' })
  redemptions: number;
  @ApiProperty({ example: '24.00', description: 'STK accepted: the sponsorship in Steerkes.' })
  steerkes: string;
  @ApiProperty({ example: '42.00', description: 'EUR value given: the sponsorship in euros.' })
  euroValue: string;
  @ApiProperty({ type: [SponsorshipMonthDto] }) months: SponsorshipMonthDto[];
}
