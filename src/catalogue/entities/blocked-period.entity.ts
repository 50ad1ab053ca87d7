import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A period a listing cannot be booked: maintenance, the provider's own use. */
@Entity('catalogue_blocked_periods')
export class BlockedPeriod {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'listing_id' })
  listingId: string;

  @Column({ type: 'varchar', length: 32, name: 'starts_at' })
  startsAt: string;

  @Column({ type: 'varchar', length: 32, name: 'ends_at' })
  endsAt: string;

  /** Units blocked; null: all of them. */
  @Column({ type: 'integer', nullable: true })
  quantity: number | null;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;

  @Column({ type: 'varchar', length: 36, name: 'created_by', nullable: true })
  createdBy: string | null;
}
