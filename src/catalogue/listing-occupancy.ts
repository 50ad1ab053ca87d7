import { In, LessThan, MoreThan } from 'typeorm';
import type { Transaction } from '../database/database.service.js';
import { lockById } from '../database/row-lock.js';
import type { Occupancy } from './availability.js';
import { OCCUPYING_STATUSES } from './catalogue.types.js';
import { BlockedPeriod } from './entities/blocked-period.entity.js';
import { Booking } from './entities/booking.entity.js';
import { Listing } from './entities/listing.entity.js';
import { utcIso } from './local-time.js';

/**
 * Reads what occupies a listing's units, and the locks that keep two bookings of the same listing
 * from both taking the last unit.
 */

/**
 * Loads a listing for a change that depends on its occupancy. On PostgreSQL the listing's row is
 * locked (SELECT … FOR UPDATE) until the transaction ends, so bookings and blocked periods of one
 * listing are checked and written one after the other, across app instances; the occupancy read
 * after the lock sees every booking committed before it. On SQLite the Database service already
 * runs one transaction at a time.
 */
export function lockListing(tx: Transaction, listingId: string): Promise<Listing | null> {
  return lockById(tx, Listing, listingId);
}

/** Loads a booking for a step of its life: two steps of one booking never interleave. */
export function lockBooking(tx: Transaction, bookingId: string): Promise<Booking | null> {
  return lockById(tx, Booking, bookingId);
}

/** Bookings that hold units of the listing at some moment of [fromMs, toMs). */
export async function occupyingBookings(
  tx: Transaction,
  listingId: string,
  fromMs: number,
  toMs: number,
): Promise<Booking[]> {
  const fromIso = utcIso(fromMs);
  const toIso = utcIso(toMs);
  const base = { listingId, startsAt: LessThan(toIso) };
  // Checked-out materials hold their unit until they are returned, however late that is.
  return tx.manager.find(Booking, {
    where: [
      { ...base, status: In(OCCUPYING_STATUSES), busyUntil: MoreThan(fromIso) },
      { ...base, status: 'checked_out' },
    ],
  });
}

async function overlappingBlockedPeriods(
  tx: Transaction,
  listingId: string,
  fromMs: number,
  toMs: number,
): Promise<BlockedPeriod[]> {
  return tx.manager.find(BlockedPeriod, {
    where: { listingId, startsAt: LessThan(utcIso(toMs)), endsAt: MoreThan(utcIso(fromMs)) },
    order: { startsAt: 'ASC', id: 'ASC' },
  });
}

function bookingOccupancy(booking: Booking, nowMs: number): Occupancy {
  const busyUntil = Date.parse(booking.busyUntil);
  const overdue = booking.status === 'checked_out' && busyUntil <= nowMs;
  return {
    start: Date.parse(booking.startsAt),
    end: overdue ? Number.POSITIVE_INFINITY : busyUntil,
    units: booking.quantity,
  };
}

function blockedOccupancy(period: BlockedPeriod, listing: Listing): Occupancy {
  return {
    start: Date.parse(period.startsAt),
    end: Date.parse(period.endsAt),
    units: period.quantity ?? listing.quantity,
  };
}

/** Everything that occupies the listing's units at some moment of [fromMs, toMs). */
export async function loadOccupancies(
  tx: Transaction,
  listing: Listing,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<Occupancy[]> {
  const bookings = await occupyingBookings(tx, listing.id, fromMs, toMs);
  const blocked = await overlappingBlockedPeriods(tx, listing.id, fromMs, toMs);
  return [
    ...bookings.map((booking) => bookingOccupancy(booking, nowMs)),
    ...blocked.map((period) => blockedOccupancy(period, listing)),
  ];
}
