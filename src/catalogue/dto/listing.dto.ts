import {
  ApiProperty,
  ApiPropertyOptional,
  type ApiPropertyOptions,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
  ValidateBy,
} from 'class-validator';
import { AmountProperty } from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination.js';
import { DISTRICTS, type District } from '../../parties/entities/party.entity.js';
import {
  ADDRESS_LENGTH_MAX,
  BLOCKED_REASON_LENGTH_MAX,
  BUFFER_MINUTES_MAX,
  CANCELLATION_FEE_PERCENT_MAX,
  CAPACITY_PERSONS_MAX,
  CONFIRMATION_MODES,
  type ConfirmationMode,
  FREE_CANCELLATION_HOURS_MAX,
  LENGTH_UNITS,
  type LengthUnit,
  LISTING_CATEGORIES,
  LISTING_DESCRIPTION_LENGTH_MAX,
  LISTING_STATUSES,
  type ListingCategory,
  type ListingStatus,
  OPENING_SPANS_PER_DAY_MAX,
  type OpeningHours,
  PRICING_UNITS,
  type PricingUnit,
  QUANTITY_MAX,
  SEARCH_TEXT_LENGTH_MAX,
  TITLE_LENGTH_MAX,
  WEEKDAYS,
} from '../catalogue.types.js';
import { MOMENT_LENGTH_MAX, TIME_OF_DAY_SCHEMA_PATTERN } from '../local-time.js';
import { isValidOpeningHours } from '../opening-hours.js';
import { IsPlainText } from '../../common/http/plain-text.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** The longest a length limit may be, in any length unit: a month in minutes. */
const LENGTH_LIMIT_MAX = 31 * 24 * 60;

const MOMENT_DESCRIPTION =
  'A moment: with Z or an offset ("2026-11-28T09:00:00Z"), as Maastricht wall-clock time without offset ("2026-11-28T10:00"), or a date meaning local midnight ("2026-11-28").';

/** What isValidOpeningHours allows: per weekday at most four ["HH:MM","HH:MM"] spans. */
const OPENING_HOURS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      {
        type: 'array',
        maxItems: OPENING_SPANS_PER_DAY_MAX,
        items: {
          type: 'array',
          minItems: 2,
          maxItems: 2,
          items: { type: 'string', pattern: TIME_OF_DAY_SCHEMA_PATTERN, maxLength: 5 },
        },
      },
    ]),
  ),
} as ApiPropertyOptions;

function IsOpeningHours() {
  return ValidateBy({
    name: 'OPENING_HOURS_INVALID',
    validator: { validate: (value) => isValidOpeningHours(value) },
  });
}

export class CreateListingDto {
  @ApiProperty({ enum: LISTING_CATEGORIES })
  @IsIn(LISTING_CATEGORIES)
  category: ListingCategory;

  @ApiProperty({ example: 'Grote zaal', maxLength: TITLE_LENGTH_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_LENGTH_MAX)
  @IsPlainText()
  titleNl: string;

  @ApiProperty({ example: 'Main hall', maxLength: TITLE_LENGTH_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_LENGTH_MAX)
  @IsPlainText()
  titleEn: string;

  @ApiProperty({
    example: 'Zaal voor 80 personen met keuken en beamer.',
    maxLength: LISTING_DESCRIPTION_LENGTH_MAX,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LISTING_DESCRIPTION_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  descriptionNl: string;

  @ApiProperty({
    example: 'Hall for 80 people with kitchen and projector.',
    maxLength: LISTING_DESCRIPTION_LENGTH_MAX,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LISTING_DESCRIPTION_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  descriptionEn: string;

  @ApiPropertyOptional({
    enum: DISTRICTS,
    description: 'Where the service is; the provider’s district when omitted.',
  })
  @IsOptional()
  @IsIn(DISTRICTS)
  district?: District;

  @ApiProperty({ example: 'Malbergsingel 2, Maastricht', maxLength: ADDRESS_LENGTH_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ADDRESS_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  address: string;

  @ApiProperty({
    enum: PRICING_UNITS,
    description: 'administration: hour; materials: day or item; room: hour or day_part.',
  })
  @IsIn(PRICING_UNITS)
  pricingUnit: PricingUnit;

  @AmountProperty({
    description: 'Price in STK per pricing unit (per item and unit for materials)',
    example: '4.00',
  })
  price: string;

  @AmountProperty({
    required: false,
    description: 'Materials only: deposit per item, held on the booker’s account until the return',
    example: '10.00',
  })
  @IsOptional()
  deposit?: string;

  @AmountProperty({
    required: false,
    description:
      'Materials only: late fee per item and started day overdue, taken from the deposit',
    example: '1.00',
  })
  @IsOptional()
  lateFeePerDay?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: QUANTITY_MAX,
    default: 1,
    description: 'Materials only: number of identical items.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(QUANTITY_MAX)
  quantity?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: CAPACITY_PERSONS_MAX,
    description: 'Rooms only: persons the room holds.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CAPACITY_PERSONS_MAX)
  capacityPersons?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: BUFFER_MINUTES_MAX,
    default: 0,
    description: 'Minutes a unit stays busy after each booking (cleaning, checking).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(BUFFER_MINUTES_MAX)
  bufferMinutes?: number;

  @ApiPropertyOptional({
    minimum: 1,
    description:
      'Shortest booking in the length unit: minutes (hour), day-parts (day_part) or days (day, item). Default 60 minutes or 1.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LENGTH_LIMIT_MAX)
  minLength?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description:
      'Longest booking in the length unit; null: no limit but the 31 days of any booking.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LENGTH_LIMIT_MAX)
  maxLength?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    ...OPENING_HOURS_SCHEMA,
    example: { mon: [['09:00', '17:00']], sat: [['10:00', '14:00']] },
    description:
      'Maastricht local opening hours per weekday (mon…sun); a missing day is closed; null: always open. Limits hourly and day-part bookings.',
  })
  @IsOptional()
  @IsOpeningHours()
  openingHours?: OpeningHours | null;

  @ApiPropertyOptional({
    enum: CONFIRMATION_MODES,
    default: 'provider',
    description:
      'auto: bookings are confirmed at once; provider: the provider confirms or declines.',
  })
  @IsOptional()
  @IsIn(CONFIRMATION_MODES)
  confirmation?: ConfirmationMode;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: FREE_CANCELLATION_HOURS_MAX,
    default: 48,
    description: 'The booker cancels for free until this many hours before the start.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(FREE_CANCELLATION_HOURS_MAX)
  freeCancellationHours?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: CANCELLATION_FEE_PERCENT_MAX,
    default: 50,
    description: 'Fee of a later cancellation, in percent of the price.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(CANCELLATION_FEE_PERCENT_MAX)
  cancellationFeePercent?: number;

  @ApiPropertyOptional({
    enum: LISTING_STATUSES,
    default: 'active',
    description: 'A paused listing takes no bookings.',
  })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;
}

/** Everything but the category and the pricing unit may change; existing bookings keep their terms. */
export class UpdateListingDto extends PartialType(
  OmitType(CreateListingDto, ['category', 'pricingUnit'] as const),
) {}

export class ListingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LISTING_CATEGORIES })
  @IsOptional()
  @IsIn(LISTING_CATEGORIES)
  category?: ListingCategory;

  @ApiPropertyOptional({ enum: DISTRICTS })
  @IsOptional()
  @IsIn(DISTRICTS)
  district?: District;

  @ApiPropertyOptional({
    description: 'Words in the Dutch or English title or description.',
    maxLength: SEARCH_TEXT_LENGTH_MAX,
  })
  @IsOptional()
  @IsString()
  @MaxLength(SEARCH_TEXT_LENGTH_MAX)
  q?: string;

  @ApiPropertyOptional({
    description: `Only listings free from this moment (with to). ${MOMENT_DESCRIPTION}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MOMENT_LENGTH_MAX)
  from?: string;

  @ApiPropertyOptional({ description: 'Only listings free until this moment (with from).' })
  @IsOptional()
  @IsString()
  @MaxLength(MOMENT_LENGTH_MAX)
  to?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: QUANTITY_MAX,
    default: 1,
    description: 'With from/to: units that must be free.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(QUANTITY_MAX)
  quantity?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this provider’s listings. A provider sees its own paused listings too.',
  })
  @IsOptional()
  @IsUUID()
  providerPartyId?: string;

  @ApiPropertyOptional({
    enum: LISTING_STATUSES,
    description: 'active by default; paused shows the caller’s own paused listings.',
  })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;
}

export class WindowQueryDto {
  @ApiPropertyOptional({
    description: `Start of the window; now when omitted. ${MOMENT_DESCRIPTION}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MOMENT_LENGTH_MAX)
  from?: string;

  @ApiPropertyOptional({
    description: 'End of the window; 7 days after from when omitted; at most 62 days after from.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MOMENT_LENGTH_MAX)
  to?: string;
}

export class CreateBlockedPeriodDto {
  @ApiProperty({ example: '2026-12-01T08:00', description: MOMENT_DESCRIPTION })
  @IsString()
  @MaxLength(MOMENT_LENGTH_MAX)
  startsAt: string;

  @ApiProperty({ example: '2026-12-01T12:00' })
  @IsString()
  @MaxLength(MOMENT_LENGTH_MAX)
  endsAt: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: QUANTITY_MAX,
    description: 'Units blocked; all of them when omitted.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(QUANTITY_MAX)
  quantity?: number;

  @ApiProperty({ example: 'Onderhoud verwarming', maxLength: BLOCKED_REASON_LENGTH_MAX })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(BLOCKED_REASON_LENGTH_MAX)
  @IsPlainText()
  reason: string;
}

// --- answers -----------------------------------------------------------------------------------

export class ListingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) providerPartyId: string;
  @ApiProperty() providerName: string;
  @ApiProperty({ enum: LISTING_CATEGORIES }) category: ListingCategory;
  @ApiProperty() titleNl: string;
  @ApiProperty() titleEn: string;
  @ApiProperty() descriptionNl: string;
  @ApiProperty() descriptionEn: string;
  @ApiProperty({ enum: DISTRICTS }) district: District;
  @ApiProperty() address: string;
  @ApiProperty({ enum: PRICING_UNITS }) pricingUnit: PricingUnit;
  @ApiProperty({ example: '4.00' }) price: string;
  @ApiProperty({ type: String, nullable: true, example: '10.00' }) deposit: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1.00' }) lateFeePerDay: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: Number, nullable: true }) capacityPersons: number | null;
  @ApiProperty() bufferMinutes: number;
  @ApiProperty({ enum: LENGTH_UNITS, description: 'What minLength and maxLength count.' })
  lengthUnit: LengthUnit;
  @ApiProperty() minLength: number;
  @ApiProperty({ type: Number, nullable: true }) maxLength: number | null;
  @ApiProperty({ ...OPENING_HOURS_SCHEMA, nullable: true })
  openingHours: OpeningHours | null;
  @ApiProperty({ enum: CONFIRMATION_MODES }) confirmation: ConfirmationMode;
  @ApiProperty() freeCancellationHours: number;
  @ApiProperty() cancellationFeePercent: number;
  @ApiProperty({ enum: LISTING_STATUSES }) status: ListingStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AvailabilityIntervalDto {
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: '2026-11-28T10:00:00+01:00' }) startsAtLocal: string;
  @ApiProperty({ example: '2026-11-28T12:00:00+01:00' }) endsAtLocal: string;
  @ApiProperty({ enum: ['free', 'busy', 'closed'] }) status: 'free' | 'busy' | 'closed';
  @ApiProperty({ description: 'Units free throughout the interval.' }) remaining: number;
}

export class AvailabilityDto {
  @ApiProperty({ format: 'uuid' }) listingId: string;
  @ApiProperty({ example: 'Europe/Amsterdam' }) timeZone: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'A booking’s end plus this buffer must fit in a free interval.' })
  bufferMinutes: number;
  @ApiProperty({ type: [AvailabilityIntervalDto] }) intervals: AvailabilityIntervalDto[];
}

export class BlockedPeriodDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) listingId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() startsAtLocal: string;
  @ApiProperty() endsAtLocal: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Units blocked; null: all.' })
  quantity: number | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
