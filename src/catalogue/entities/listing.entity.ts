import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';
import type { District } from '../../parties/entities/party.entity.js';
import type {
  ConfirmationMode,
  ListingCategory,
  ListingStatus,
  OpeningHours,
  PricingUnit,
} from '../catalogue.types.js';

/** A service in the shared-services catalogue: administration, materials or a room, paid in Steerkes. */
@Entity('catalogue_listings')
export class Listing {
  @column.PrimaryId() id: string;

  @column.Id('provider_party_id') providerPartyId: string;

  @column.Text(20) category: ListingCategory;

  @column.Text(200, 'title_nl') titleNl: string;

  @column.Text(200, 'title_en') titleEn: string;

  @column.Text(2000, 'description_nl') descriptionNl: string;

  @column.Text(2000, 'description_en') descriptionEn: string;

  @column.Text(20) district: District;

  @column.Text(300) address: string;

  @column.Text(10, 'pricing_unit') pricingUnit: PricingUnit;

  @column.MinorUnits('price_minor') priceMinor: bigint;

  /** Per item, materials only. */
  @column.MinorUnits('deposit_minor', { nullable: true }) depositMinor: bigint | null;

  /** Per item and started day overdue, materials only; taken from the deposit. */
  @column.MinorUnits('late_fee_per_day_minor', { nullable: true }) lateFeePerDayMinor:
    bigint | null;

  /** Identical units: materials may have several; a room or an administration service has one. */
  @column.Integer() quantity: number;

  /** Persons a room holds; null for other categories. */
  @column.Integer('capacity_persons', { nullable: true }) capacityPersons: number | null;

  @column.Integer('buffer_minutes') bufferMinutes: number;

  /** In the listing's length unit: minutes (hour), day-parts (day_part) or days (day, item). */
  @column.Integer('min_length') minLength: number;

  @column.Integer('max_length', { nullable: true }) maxLength: number | null;

  /** JSON of OpeningHours; null: always open. */
  @column.LongText('opening_hours', { nullable: true }) openingHoursJson: string | null;

  @column.Text(10) confirmation: ConfirmationMode;

  @column.Integer('free_cancellation_hours') freeCancellationHours: number;

  @column.Integer('cancellation_fee_percent') cancellationFeePercent: number;

  @column.Text(10) status: ListingStatus;

  @column.Moment('created_at') createdAt: string;

  @column.Moment('updated_at') updatedAt: string;

  @column.Id('created_by', { nullable: true }) createdBy: string | null;

  get openingHours(): OpeningHours | null {
    return this.openingHoursJson === null
      ? null
      : (JSON.parse(this.openingHoursJson) as OpeningHours);
  }
}
