import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** A period a listing cannot be booked: maintenance, the provider's own use. */
@Entity('catalogue_blocked_periods')
export class BlockedPeriod {
  @column.PrimaryId() id: string;

  @column.Id('listing_id') listingId: string;

  @column.Moment('starts_at') startsAt: string;

  @column.Moment('ends_at') endsAt: string;

  /** Units blocked; null: all of them. */
  @column.Integer(undefined, { nullable: true }) quantity: number | null;

  @column.Text(200) reason: string;

  @column.Moment('created_at') createdAt: string;

  @column.Id('created_by', { nullable: true }) createdBy: string | null;
}
