import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AmountProperty,
  IsAmount,
  IsCalendarDate,
  UnlessOmitted,
} from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination.js';
import { LocalizedTextDto } from './localized-text.dto.js';
import { DISTRICTS, type District } from '../../parties/entities/party.entity.js';
import { OFFER_STATUSES, type OfferStatus } from '../entities/offer.entity.js';
import { PER_PASS_PERIODS, type PerPassPeriod } from '../redemption-limits.js';
import { IsPlainText } from '../../common/http/plain-text.js';

export const OFFER_TITLE_LENGTH_MAX = 120;
export const OFFER_DESCRIPTION_LENGTH_MAX = 1000;
export const OFFER_STOCK_MAX = 100_000;
export const PER_PASS_LIMIT_MAX = 100;

/** Present but possibly null: the field is validated unless it is left out. */

export class OfferTitleDto {
  @ApiProperty({ example: 'Kop koffie met vlaai', maxLength: OFFER_TITLE_LENGTH_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(OFFER_TITLE_LENGTH_MAX)
  @IsPlainText()
  nl: string;

  @ApiProperty({ example: 'Coffee with Limburg pie', maxLength: OFFER_TITLE_LENGTH_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(OFFER_TITLE_LENGTH_MAX)
  @IsPlainText()
  en: string;
}

export class OfferDescriptionDto {
  @ApiProperty({
    example: 'Een kop versgebrande koffie en een punt vlaai naar keuze.',
    maxLength: OFFER_DESCRIPTION_LENGTH_MAX,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(OFFER_DESCRIPTION_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  nl: string;

  @ApiProperty({
    example: 'A cup of freshly roasted coffee and a slice of pie of your choice.',
    maxLength: OFFER_DESCRIPTION_LENGTH_MAX,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(OFFER_DESCRIPTION_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  en: string;
}

export class PerPassLimitDto {
  @ApiProperty({ example: 1, minimum: 1, maximum: PER_PASS_LIMIT_MAX })
  @IsInt()
  @Min(1)
  @Max(PER_PASS_LIMIT_MAX)
  quantity: number;

  @ApiProperty({
    enum: PER_PASS_PERIODS,
    example: 'day',
    description:
      'Calendar day, week (from Monday), month or year in Maastricht, or the whole offer.',
  })
  @IsIn(PER_PASS_PERIODS)
  period: PerPassPeriod;
}

export class CreateOfferDto {
  @ApiProperty({ type: OfferTitleDto })
  @ValidateNested()
  @IsObject()
  @Type(() => OfferTitleDto)
  @IsDefined()
  title: OfferTitleDto;

  @ApiProperty({ type: OfferDescriptionDto })
  @ValidateNested()
  @IsObject()
  @Type(() => OfferDescriptionDto)
  @IsDefined()
  description: OfferDescriptionDto;

  @AmountProperty({ description: 'Price of one in STK', example: '2.00' })
  price: string;

  @AmountProperty({
    description: 'Euro value of one to the volunteer (counts for the fiscal guardrail)',
    example: '3.50',
  })
  euroValue: string;

  @ApiPropertyOptional({
    example: '2026-11-23',
    description: 'First valid day; today when omitted.',
  })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-03-31',
    description: 'Last valid day (inclusive); none when omitted.',
  })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: OFFER_STOCK_MAX,
    description: 'How many can be redeemed; unlimited when omitted.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(OFFER_STOCK_MAX)
  stock?: number | null;

  @ApiPropertyOptional({
    type: PerPassLimitDto,
    nullable: true,
    description: 'At most this many per pass holder per period.',
  })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => PerPassLimitDto)
  perPassLimit?: PerPassLimitDto | null;
}

/** Every field optional; `null` clears validUntil, stock (unlimited) and perPassLimit. */
export class UpdateOfferDto {
  @ApiPropertyOptional({ type: OfferTitleDto })
  @UnlessOmitted()
  @ValidateNested()
  @IsObject()
  @Type(() => OfferTitleDto)
  @IsDefined()
  title?: OfferTitleDto;

  @ApiPropertyOptional({ type: OfferDescriptionDto })
  @UnlessOmitted()
  @ValidateNested()
  @IsObject()
  @Type(() => OfferDescriptionDto)
  @IsDefined()
  description?: OfferDescriptionDto;

  @ApiPropertyOptional({
    type: String,
    example: '2.00',
    description: 'Price of one in STK; past redemptions keep theirs.',
  })
  @UnlessOmitted()
  @IsAmount()
  price?: string;

  @ApiPropertyOptional({
    type: String,
    example: '3.50',
    description: 'Euro value of one; past redemptions keep theirs.',
  })
  @UnlessOmitted()
  @IsAmount()
  euroValue?: string;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @UnlessOmitted()
  @IsCalendarDate()
  validFrom?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-03-31' })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: OFFER_STOCK_MAX,
    description: 'Sets the stock left; null: unlimited.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(OFFER_STOCK_MAX)
  stock?: number | null;

  @ApiPropertyOptional({ type: PerPassLimitDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => PerPassLimitDto)
  perPassLimit?: PerPassLimitDto | null;

  @ApiPropertyOptional({
    enum: OFFER_STATUSES,
    description: 'withdrawn: no longer listed or redeemable; active again to restore.',
  })
  @UnlessOmitted()
  @IsIn(OFFER_STATUSES)
  status?: OfferStatus;
}

export class ListOffersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the offers of this business.' })
  @IsOptional()
  @IsUUID()
  businessId?: string;
}

export class ListRedeemableOffersQueryDto extends ListOffersQueryDto {
  @ApiPropertyOptional({
    enum: DISTRICTS,
    description: 'Only the offers of businesses in this district.',
  })
  @IsOptional()
  @IsIn(DISTRICTS)
  district?: District;
}

export class ListManagedOffersQueryDto extends ListOffersQueryDto {
  @ApiPropertyOptional({ enum: OFFER_STATUSES })
  @IsOptional()
  @IsIn(OFFER_STATUSES)
  status?: OfferStatus;
}

export class OfferDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) businessId: string;
  @ApiProperty({ type: String, nullable: true, example: 'Koffiebranderij Het Bonenhuis' })
  businessName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: DISTRICTS,
    example: 'zuid-west-centrum',
    description: 'The district of the business.',
  })
  businessDistrict: District | null;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto }) description: LocalizedTextDto;
  @ApiProperty({ example: '2.00', description: 'STK' }) price: string;
  @ApiProperty({ example: '3.50', description: 'EUR' }) euroValue: string;
  @ApiProperty({ example: '2026-11-23' }) validFrom: string;
  @ApiProperty({ type: String, nullable: true }) validUntil: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null: unlimited.' }) stockRemaining:
    number | null;
  @ApiProperty({ type: PerPassLimitDto, nullable: true }) perPassLimit: PerPassLimitDto | null;
  @ApiProperty({ enum: OFFER_STATUSES }) status: OfferStatus;
  @ApiProperty({ description: 'Active, within its validity today, and not sold out.' })
  redeemable: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OfferValueChangeDto {
  @ApiProperty({ example: '2.00', description: 'STK' }) price: string;
  @ApiProperty({ example: '3.50', description: 'EUR' }) euroValue: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The user who set it.',
  })
  changedBy: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class OfferPolicyDto {
  @AmountProperty({
    description:
      'Euro value an offer may give per Steerke of its price at most (fund-wide, set by the treasurer)',
    example: '5.00',
  })
  euroValueRatioMax: string;
}
