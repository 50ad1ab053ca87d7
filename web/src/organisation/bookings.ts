import type { components } from '../api/schema';

/** A booking as the lists give it: with the names of the booker and of the listing's owner. */
export type Booking = components['schemas']['BookingListItemDto'];

const OPEN_STATUSES: ReadonlySet<Booking['status']> = new Set([
  'requested',
  'confirmed',
  'checked_out',
]);

/**
 * Overdue loans first (they need the provider's attention), then the open ones by start as the
 * API lists them, then the settled ones (returned, completed, declined, cancelled), latest first.
 */
export function overdueFirst(bookings: readonly Booking[]): Booking[] {
  const overdue = bookings.filter((booking) => booking.status === 'overdue');
  const open = bookings.filter((booking) => OPEN_STATUSES.has(booking.status));
  const settled = bookings.filter(
    (booking) => booking.status !== 'overdue' && !OPEN_STATUSES.has(booking.status),
  );
  return [...overdue, ...open, ...settled.reverse()];
}

export type BookingStep = 'confirm' | 'decline' | 'cancel' | 'check-out' | 'return' | 'complete';

/** What the provider or the booker can do next with a booking in this status. */
export function nextSteps(booking: Booking, as: 'provider' | 'booker'): BookingStep[] {
  const { status } = booking;
  if (as === 'booker') return status === 'requested' || status === 'confirmed' ? ['cancel'] : [];
  if (status === 'requested') return ['confirm', 'decline'];
  if (status === 'confirmed')
    return booking.listing.category === 'materials'
      ? ['check-out', 'cancel']
      : ['complete', 'cancel'];
  if (status === 'checked_out' || status === 'overdue') return ['return'];
  return [];
}

/** Settled bookings whose provider may pay back what it received (the API's REFUNDABLE_STATUSES). */
const REFUNDABLE: ReadonlySet<Booking['status']> = new Set(['completed', 'returned', 'cancelled']);

/**
 * What the provider can still pay back of a settled booking: what it received (the price or the
 * cancellation fee, and deposit kept) less earlier refunds; null when nothing can be paid back.
 */
export function refundable(booking: Booking): string | null {
  if (!REFUNDABLE.has(booking.status)) return null;
  const cents = (amount: string | null) => Math.round(Number(amount ?? '0') * 100);
  const left = cents(booking.charged) + cents(booking.depositKept) - cents(booking.refunded);
  return left > 0 ? (left / 100).toFixed(2) : null;
}
