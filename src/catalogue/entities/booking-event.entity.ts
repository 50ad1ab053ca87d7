import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BookingAction, BookingStatus } from '../catalogue.types.js';

/**
 * One step in a booking's life (requested, confirmed, returned, …): who did it, when, and the
 * Idempotency-Key it came with, so that a retried step answers as the first did.
 */
@Entity('catalogue_booking_events')
export class BookingEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'booking_id' })
  bookingId: string;

  /** 1, 2, 3, … within the booking: the order of its steps, even within one instant. */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'varchar', length: 20 })
  action: BookingAction;

  @Column({ type: 'varchar', length: 20, name: 'status_after' })
  statusAfter: BookingStatus;

  @Column({ type: 'varchar', length: 36, name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 32, name: 'occurred_at' })
  occurredAt: string;
}
