import type { components } from '../api/schema';

export type Booking = components['schemas']['BookingDto'];

/** Overdue loans first (they need the provider's attention), then by start as the API lists them. */
export function overdueFirst(bookings: readonly Booking[]): Booking[] {
  const overdue = bookings.filter((booking) => booking.status === 'overdue');
  return [...overdue, ...bookings.filter((booking) => booking.status !== 'overdue')];
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
