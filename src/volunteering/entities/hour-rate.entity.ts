import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

/** The one row of the hour-rate policy: the range an admin allows and the rate of an organisation that set none. */
@Entity('volunteering_rate_range')
export class HourRateRange {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'bigint', name: 'min_rate_minor', transformer: BIGINT_TRANSFORMER })
  minRateMinor: bigint;

  @Column({ type: 'bigint', name: 'max_rate_minor', transformer: BIGINT_TRANSFORMER })
  maxRateMinor: bigint;

  @Column({ type: 'bigint', name: 'default_rate_minor', transformer: BIGINT_TRANSFORMER })
  defaultRateMinor: bigint;

  @Column({ type: 'varchar', length: 32, name: 'updated_at' })
  updatedAt: string;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'updated_by' })
  updatedBy: string | null;
}

/** The rate an organisation pays its volunteers, in hundredths of a Steerke per hour. */
@Entity('organisation_hour_rates')
export class OrganisationHourRate {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'organisation_party_id' })
  organisationPartyId: string;

  @Column({ type: 'bigint', name: 'rate_minor', transformer: BIGINT_TRANSFORMER })
  rateMinor: bigint;

  @Column({ type: 'varchar', length: 32, name: 'updated_at' })
  updatedAt: string;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'updated_by' })
  updatedBy: string | null;
}
