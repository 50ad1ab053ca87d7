import { describe, expect, it } from 'vitest';
import { type Booking, nextSteps, overdueFirst } from './bookings';

function booking(
  id: string,
  status: Booking['status'],
  category: Booking['listing']['category'] = 'materials',
): Booking {
  return {
    id,
    status,
    listing: { id: 'l', category, titleNl: 'Tent', titleEn: 'Tent' },
  } as Booking;
}

describe('bookings', () => {
  it('puts the overdue ones on top, then the open ones in the order given, then the settled ones latest first', () => {
    const mixed = [
      booking('old', 'returned'),
      booking('newer', 'cancelled'),
      booking('open', 'confirmed'),
      booking('late', 'overdue'),
    ];
    expect(overdueFirst(mixed).map((item) => item.id)).toEqual(['late', 'open', 'newer', 'old']);
  });

  it('keeps open ones in the order given behind the overdue ones', () => {
    const list = [
      booking('a', 'confirmed'),
      booking('b', 'overdue'),
      booking('c', 'requested'),
      booking('d', 'overdue'),
    ];
    expect(overdueFirst(list).map((item) => item.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('offers the provider the next step of the lifecycle', () => {
    expect(nextSteps(booking('a', 'requested'), 'provider')).toEqual(['confirm', 'decline']);
    expect(nextSteps(booking('a', 'confirmed'), 'provider')).toEqual(['check-out', 'cancel']);
    expect(nextSteps(booking('a', 'confirmed', 'room'), 'provider')).toEqual([
      'complete',
      'cancel',
    ]);
    expect(nextSteps(booking('a', 'overdue'), 'provider')).toEqual(['return']);
    expect(nextSteps(booking('a', 'checked_out'), 'provider')).toEqual(['return']);
    expect(nextSteps(booking('a', 'returned'), 'provider')).toEqual([]);
  });

  it('lets the booker cancel until the materials are handed out', () => {
    expect(nextSteps(booking('a', 'requested'), 'booker')).toEqual(['cancel']);
    expect(nextSteps(booking('a', 'confirmed'), 'booker')).toEqual(['cancel']);
    expect(nextSteps(booking('a', 'checked_out'), 'booker')).toEqual([]);
  });
});
