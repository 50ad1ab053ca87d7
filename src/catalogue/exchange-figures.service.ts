import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service.js';
import { Booking } from './entities/booking.entity.js';

/** Shared services exchanged between two parties in a period: bookings that were carried out. */
export interface ExchangeFigure {
  providerId: string;
  bookerId: string;
  bookings: number;
  chargedMinor: bigint;
}

/** Figures of the catalogue for the treasury's reports. */
@Injectable()
export class ExchangeFigures {
  constructor(private readonly database: Database) {}

  /** Bookings returned or completed, by when they started (ISO moments, end excluded). */
  carriedOut(fromMoment: string, toMoment: string): Promise<ExchangeFigure[]> {
    return this.database.read(async ({ manager }) => {
      const rows = await manager
        .createQueryBuilder(Booking, 'booking')
        .select('booking.provider_party_id', 'providerId')
        .addSelect('booking.booker_party_id', 'bookerId')
        .addSelect('COUNT(*)', 'bookings')
        // What the provider kept of the price: a refund pays back the price first, then deposit kept.
        .addSelect(
          `COALESCE(SUM(CASE WHEN booking.refunded_minor >= COALESCE(booking.charged_minor, 0) THEN 0
                             ELSE COALESCE(booking.charged_minor, 0) - booking.refunded_minor END), 0)`,
          'charged',
        )
        .where("booking.status IN ('returned', 'completed')")
        .andWhere('booking.starts_at >= :fromMoment AND booking.starts_at < :toMoment', {
          fromMoment,
          toMoment,
        })
        .groupBy('booking.provider_party_id')
        .addGroupBy('booking.booker_party_id')
        .getRawMany<{ providerId: string; bookerId: string; bookings: string; charged: string }>();
      return rows.map((row) => ({
        providerId: row.providerId,
        bookerId: row.bookerId,
        bookings: Number(row.bookings),
        chargedMinor: BigInt(row.charged),
      }));
    });
  }
}
