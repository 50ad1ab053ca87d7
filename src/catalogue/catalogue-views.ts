import { formatAmount } from '../common/amount.js';
import { lengthUnitOf } from './booking-window.js';
import type { BookingViewStatus } from './catalogue.types.js';
import type { BlockedPeriodDto, ListingDto } from './dto/listing.dto.js';
import type { BookingDto, BookingEventDto } from './dto/booking.dto.js';
import type { BlockedPeriod } from './entities/blocked-period.entity.js';
import type { BookingEvent } from './entities/booking-event.entity.js';
import type { Booking } from './entities/booking.entity.js';
import type { Listing } from './entities/listing.entity.js';
import { HOUR_MS, localIso } from './local-time.js';

/** Records as the API shows them: amounts as decimal strings, moments in UTC and in Maastricht time. */

function amountOrNull(minor: bigint | null): string | null {
  return minor === null ? null : formatAmount(minor);
}

export function toListingDto(listing: Listing, providerName: string): ListingDto {
  return {
    id: listing.id,
    providerPartyId: listing.providerPartyId,
    providerName,
    category: listing.category,
    titleNl: listing.titleNl,
    titleEn: listing.titleEn,
    descriptionNl: listing.descriptionNl,
    descriptionEn: listing.descriptionEn,
    district: listing.district,
    address: listing.address,
    pricingUnit: listing.pricingUnit,
    price: formatAmount(listing.priceMinor),
    deposit: amountOrNull(listing.depositMinor),
    lateFeePerDay: amountOrNull(listing.lateFeePerDayMinor),
    quantity: listing.quantity,
    capacityPersons: listing.capacityPersons,
    bufferMinutes: listing.bufferMinutes,
    lengthUnit: lengthUnitOf(listing),
    minLength: listing.minLength,
    maxLength: listing.maxLength,
    openingHours: listing.openingHours,
    confirmation: listing.confirmation,
    freeCancellationHours: listing.freeCancellationHours,
    cancellationFeePercent: listing.cancellationFeePercent,
    status: listing.status,
    createdAt: listing.createdAt,
    updatedAt: listing.updatedAt,
  };
}

export function toBlockedPeriodDto(period: BlockedPeriod): BlockedPeriodDto {
  return {
    id: period.id,
    listingId: period.listingId,
    startsAt: period.startsAt,
    endsAt: period.endsAt,
    startsAtLocal: localIso(Date.parse(period.startsAt)),
    endsAtLocal: localIso(Date.parse(period.endsAt)),
    quantity: period.quantity,
    reason: period.reason,
    createdAt: period.createdAt,
  };
}

/** Checked-out materials past their end plus buffer are overdue; the stored status stays checked_out. */
export function viewStatusOf(
  booking: Pick<Booking, 'status' | 'busyUntil'>,
  nowIso: string,
): BookingViewStatus {
  return booking.status === 'checked_out' && booking.busyUntil <= nowIso
    ? 'overdue'
    : booking.status;
}

export function toBookingDto(
  booking: Booking,
  listing: Listing,
  nowIso: string,
  events?: BookingEvent[],
): BookingDto {
  const startMs = Date.parse(booking.startsAt);
  const view: BookingDto = {
    id: booking.id,
    listing: {
      id: listing.id,
      category: listing.category,
      titleNl: listing.titleNl,
      titleEn: listing.titleEn,
    },
    bookerPartyId: booking.bookerPartyId,
    providerPartyId: booking.providerPartyId,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    startsAtLocal: localIso(startMs),
    endsAtLocal: localIso(Date.parse(booking.endsAt)),
    busyUntil: booking.busyUntil,
    quantity: booking.quantity,
    persons: booking.persons,
    length: booking.bookedLength,
    lengthUnit: lengthUnitOf(listing),
    status: viewStatusOf(booking, nowIso),
    price: formatAmount(booking.priceMinor),
    deposit: formatAmount(booking.depositMinor),
    priceHoldId: booking.priceHoldId,
    depositHoldId: booking.depositHoldId,
    holdsExpireAt: booking.holdsExpireAt,
    freeCancellationUntil: new Date(
      startMs - booking.freeCancellationHours * HOUR_MS,
    ).toISOString(),
    cancellationFeePercent: booking.cancellationFeePercent,
    charged: amountOrNull(booking.chargedMinor),
    depositKept: amountOrNull(booking.depositKeptMinor),
    refunded: formatAmount(booking.refundedMinor),
    lateFee: amountOrNull(booking.lateFeeMinor),
    hoursGiven:
      booking.hoursGivenHundredths === null
        ? null
        : formatAmount(BigInt(booking.hoursGivenHundredths)),
    note: booking.note,
    resolutionNote: booking.resolutionNote,
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
  };
  if (events) view.events = events.map(toBookingEventDto);
  return view;
}

function toBookingEventDto(event: BookingEvent): BookingEventDto {
  return {
    action: event.action,
    statusAfter: event.statusAfter,
    actorId: event.actorId,
    occurredAt: event.occurredAt,
  };
}
