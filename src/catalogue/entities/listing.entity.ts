import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { District } from '../../parties/entities/party.entity.js';
import type {
  ConfirmationMode,
  ListingCategory,
  ListingStatus,
  OpeningHours,
  PricingUnit,
} from '../catalogue.types.js';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

/** A service in the shared-services catalogue: administration, materials or a room, paid in Steerkes. */
@Entity('catalogue_listings')
export class Listing {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'provider_party_id' })
  providerPartyId: string;

  @Column({ type: 'varchar', length: 20 })
  category: ListingCategory;

  @Column({ type: 'varchar', length: 200, name: 'title_nl' })
  titleNl: string;

  @Column({ type: 'varchar', length: 200, name: 'title_en' })
  titleEn: string;

  @Column({ type: 'varchar', length: 2000, name: 'description_nl' })
  descriptionNl: string;

  @Column({ type: 'varchar', length: 2000, name: 'description_en' })
  descriptionEn: string;

  @Column({ type: 'varchar', length: 20 })
  district: District;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Column({ type: 'varchar', length: 10, name: 'pricing_unit' })
  pricingUnit: PricingUnit;

  @Column({ type: 'bigint', name: 'price_minor', transformer: BIGINT_TRANSFORMER })
  priceMinor: bigint;

  /** Per item, materials only. */
  @Column({
    type: 'bigint',
    name: 'deposit_minor',
    nullable: true,
    transformer: BIGINT_TRANSFORMER,
  })
  depositMinor: bigint | null;

  /** Per item and started day overdue, materials only; taken from the deposit. */
  @Column({
    type: 'bigint',
    name: 'late_fee_per_day_minor',
    nullable: true,
    transformer: BIGINT_TRANSFORMER,
  })
  lateFeePerDayMinor: bigint | null;

  /** Identical units: materials may have several; a room or an administration service has one. */
  @Column({ type: 'integer' })
  quantity: number;

  /** Persons a room holds; null for other categories. */
  @Column({ type: 'integer', nullable: true, name: 'capacity_persons' })
  capacityPersons: number | null;

  @Column({ type: 'integer', name: 'buffer_minutes' })
  bufferMinutes: number;

  /** In the listing's length unit: minutes (hour), day-parts (day_part) or days (day, item). */
  @Column({ type: 'integer', name: 'min_length' })
  minLength: number;

  @Column({ type: 'integer', name: 'max_length', nullable: true })
  maxLength: number | null;

  /** JSON of OpeningHours; null: always open. */
  @Column({ type: 'text', name: 'opening_hours', nullable: true })
  openingHoursJson: string | null;

  @Column({ type: 'varchar', length: 10 })
  confirmation: ConfirmationMode;

  @Column({ type: 'integer', name: 'free_cancellation_hours' })
  freeCancellationHours: number;

  @Column({ type: 'integer', name: 'cancellation_fee_percent' })
  cancellationFeePercent: number;

  @Column({ type: 'varchar', length: 10 })
  status: ListingStatus;

  @Column({ type: 'varchar', length: 32, name: 'created_at' })
  createdAt: string;

  @Column({ type: 'varchar', length: 32, name: 'updated_at' })
  updatedAt: string;

  @Column({ type: 'varchar', length: 36, name: 'created_by', nullable: true })
  createdBy: string | null;

  get openingHours(): OpeningHours | null {
    return this.openingHoursJson === null
      ? null
      : (JSON.parse(this.openingHoursJson) as OpeningHours);
  }
}
