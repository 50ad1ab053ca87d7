import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';
import type { BookingAction, BookingStatus } from '../catalogue.types.js';

/**
 * One step in a booking's life (requested, confirmed, returned, …): who did it, when, and the
 * Idempotency-Key it came with, so that a retried step answers as the first did.
 */
@Entity('catalogue_booking_events')
export class BookingEvent {
  @column.PrimaryId() id: string;

  @column.Id('booking_id') bookingId: string;

  /** 1, 2, 3, … within the booking: the order of its steps, even within one instant. */
  @column.Integer() sequence: number;

  @column.Text(20) action: BookingAction;

  @column.Text(20, 'status_after') statusAfter: BookingStatus;

  @column.Id('actor_id', { nullable: true }) actorId: string | null;

  @column.Moment('occurred_at') occurredAt: string;
}
