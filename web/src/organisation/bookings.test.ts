import { describe, expect, it } from 'vitest';
import { type Booking, nextSteps, overdueFirst, refundable } from './bookings';

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

  it('offers a refund of what a settled booking brought and was not paid back yet', () => {
    const settled = (
      status: Booking['status'],
      charged: string | null,
      depositKept: string | null,
      refunded: string,
    ) => ({ ...booking('b', status), charged, depositKept, refunded }) as Booking;
    expect(refundable(settled('returned', '5.00', '2.50', '1.00'))).toBe('6.50');
    expect(refundable(settled('completed', '8.00', null, '0.00'))).toBe('8.00');
    expect(refundable(settled('cancelled', '0.00', null, '0.00'))).toBeNull();
    expect(refundable(settled('completed', '8.00', null, '8.00'))).toBeNull();
    expect(refundable(settled('confirmed', null, null, '0.00'))).toBeNull();
    expect(refundable(settled('declined', null, null, '0.00'))).toBeNull();
  });
});
