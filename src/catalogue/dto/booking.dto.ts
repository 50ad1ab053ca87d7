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
  ValidateBy,
} from 'class-validator';
import { isValidAmount } from '../../common/amount.js';
import { documentValidator } from '../../common/http/openapi-limits.js';
import {
  AMOUNT_SCHEMA_PATTERN,
  AMOUNT_TEXT_LENGTH_MAX,
  AmountProperty,
  IsAmount,
} from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination.js';
import {
  BOOKING_ACTIONS,
  BOOKING_VIEW_STATUSES,
  type BookingAction,
  type BookingStatus,
  type BookingViewStatus,
  CAPACITY_PERSONS_MAX,
  LENGTH_UNITS,
  type LengthUnit,
  LISTING_CATEGORIES,
  type ListingCategory,
  NOTE_LENGTH_MAX,
  QUANTITY_MAX,
} from '../catalogue.types.js';
import { MOMENT_LENGTH_MAX } from '../local-time.js';
import { BlockedPeriodDto } from './listing.dto.js';
import { IsPlainText } from '../../common/http/plain-text.js';

const MOMENT_DESCRIPTION =
  'With Z or an offset ("2026-11-28T09:00:00Z"), as Maastricht wall-clock time ("2026-11-28T10:00"), or a date meaning local midnight ("2026-11-28"). The end is not included.';

export class CreateBookingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  listingId: string;

  @ApiProperty({ example: '2026-11-28T10:00', description: MOMENT_DESCRIPTION })
  @IsString()
  @MaxLength(MOMENT_LENGTH_MAX)
  startsAt: string;

  @ApiProperty({ example: '2026-11-28T12:00' })
  @IsString()
  @MaxLength(MOMENT_LENGTH_MAX)
  endsAt: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: QUANTITY_MAX,
    default: 1,
    description: 'Items of a materials listing; 1 for rooms and services.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(QUANTITY_MAX)
  quantity?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: CAPACITY_PERSONS_MAX,
    description: 'Rooms: expected persons, at most the capacity.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CAPACITY_PERSONS_MAX)
  persons?: number;

  @ApiPropertyOptional({
    maxLength: NOTE_LENGTH_MAX,
    example: 'Ledenvergadering, graag opstelling in carré.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  note?: string;
}

export class ReasonDto {
  @ApiPropertyOptional({ maxLength: NOTE_LENGTH_MAX, example: 'Zaal is die dag onverwacht nodig.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  reason?: string;
}

export class ReturnDto {
  @ApiPropertyOptional({
    example: '5.00',
    default: '0.00',
    description:
      'Part of the deposit kept for damage (on top of any late fee, which is taken from the deposit by itself); at most the deposit.',
  })
  @IsOptional()
  @IsAmount({ allowZero: true })
  depositKept?: string;

  @ApiPropertyOptional({
    maxLength: NOTE_LENGTH_MAX,
    example: 'Tentdoek gescheurd.',
    description: 'What was damaged; required when keeping deposit.',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_LENGTH_MAX)
  @IsPlainText({ multiline: true })
  damageNote?: string;
}

documentValidator('HOURS_INVALID', {
  pattern: AMOUNT_SCHEMA_PATTERN,
  maxLength: AMOUNT_TEXT_LENGTH_MAX,
});

export class RefundDto {
  @AmountProperty({
    example: '5.00',
    description:
      'Steerkes paid back to the booker: at most what the provider received (the price or the cancellation fee, and deposit kept) less earlier refunds',
  })
  amount: string;

  @ApiProperty({ maxLength: NOTE_LENGTH_MAX, example: 'De zaal was niet verwarmd.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_LENGTH_MAX)
  reason: string;
}

export class CompleteDto {
  @ApiPropertyOptional({
    example: '1.50',
    description:
      'Administration only (required there): hours actually given, at most the hours booked; the provider receives the hourly price for them and the rest is released.',
  })
  @IsOptional()
  @ValidateBy({
    name: 'HOURS_INVALID',
    validator: { validate: (value) => isValidAmount(value, { allowZero: true }) },
  })
  hoursGiven?: string;
}

export class BookingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['booker', 'provider'],
    description: 'Bookings your party made, or bookings of your listings; both when omitted.',
  })
  @IsOptional()
  @IsIn(['booker', 'provider'])
  as?: 'booker' | 'provider';

  @ApiPropertyOptional({ enum: BOOKING_VIEW_STATUSES })
  @IsOptional()
  @IsIn(BOOKING_VIEW_STATUSES)
  status?: BookingViewStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  listingId?: string;
}

// --- answers -----------------------------------------------------------------------------------

export class BookingListingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LISTING_CATEGORIES }) category: ListingCategory;
  @ApiProperty() titleNl: string;
  @ApiProperty() titleEn: string;
}

export class BookingEventDto {
  @ApiProperty({ enum: BOOKING_ACTIONS }) action: BookingAction;
  @ApiProperty() statusAfter: BookingStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The user; null when automatic (auto-confirm).',
  })
  actorId: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
}

export class BookingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: BookingListingDto }) listing: BookingListingDto;
  @ApiProperty({ format: 'uuid' }) bookerPartyId: string;
  @ApiProperty({ format: 'uuid' }) providerPartyId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: '2026-11-28T10:00:00+01:00' }) startsAtLocal: string;
  @ApiProperty({ example: '2026-11-28T12:00:00+01:00' }) endsAtLocal: string;
  @ApiProperty({
    format: 'date-time',
    description:
      'End plus the buffer: the units are busy until then; materials not returned by then are overdue.',
  })
  busyUntil: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: Number, nullable: true }) persons: number | null;
  @ApiProperty({ description: 'Length as priced, in lengthUnit.' }) length: number;
  @ApiProperty({ enum: LENGTH_UNITS }) lengthUnit: LengthUnit;
  @ApiProperty({ enum: BOOKING_VIEW_STATUSES }) status: BookingViewStatus;
  @ApiProperty({ example: '8.00' }) price: string;
  @ApiProperty({ example: '0.00' }) deposit: string;
  @ApiProperty({
    format: 'uuid',
    description: 'The ledger hold of the price on the booker’s account.',
  })
  priceHoldId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) depositHoldId: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'Unsettled holds release by themselves at this moment (60 days after the end).',
  })
  holdsExpireAt: string;
  @ApiProperty({ format: 'date-time', description: 'Until then the booker cancels for free.' })
  freeCancellationUntil: string;
  @ApiProperty() cancellationFeePercent: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What the provider received of the price.',
  })
  charged: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Deposit kept (late fee and damage).' })
  depositKept: string | null;
  @ApiProperty({ type: String, nullable: true }) lateFee: string | null;
  @ApiProperty({
    example: '0.00',
    description: 'Paid back to the booker after the booking was settled.',
  })
  refunded: string;
  @ApiProperty({ type: String, nullable: true, example: '1.50' }) hoursGiven: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) resolutionNote: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({
    type: [BookingEventDto],
    description: 'GET /bookings/:id only: the steps so far.',
  })
  events?: BookingEventDto[];
}

/** A booking in a list: with the names of both parties, so each side sees who the other is. */
export class BookingListItemDto extends BookingDto {
  @ApiProperty({ example: 'Buurtcentrum Malberg', description: 'The party that booked.' })
  bookerName: string;
  @ApiProperty({ example: 'Harmonie Sint-Cecilia', description: 'The party whose listing it is.' })
  providerName: string;
}

export class CalendarBookingDto extends BookingDto {
  @ApiProperty() bookerName: string;
}

export class CalendarDto {
  @ApiProperty({ format: 'uuid' }) listingId: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({
    type: [CalendarBookingDto],
    description:
      'Bookings that hold units in the window (requested, confirmed, checked out) and those settled in it.',
  })
  bookings: CalendarBookingDto[];

  @ApiProperty({ type: [BlockedPeriodDto] })
  blockedPeriods: BlockedPeriodDto[];
}
