import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** The one row of the hour-rate policy: the range an admin allows and the rate of an organisation that set none. */
@Entity('volunteering_rate_range')
export class HourRateRange {
  @column.PrimaryInteger() id: number;

  @column.MinorUnits('min_rate_minor') minRateMinor: bigint;

  @column.MinorUnits('max_rate_minor') maxRateMinor: bigint;

  @column.MinorUnits('default_rate_minor') defaultRateMinor: bigint;

  @column.Moment('updated_at') updatedAt: string;

  @column.Id('updated_by', { nullable: true }) updatedBy: string | null;
}

/** The rate an organisation pays its volunteers, in hundredths of a Steerke per hour. */
@Entity('organisation_hour_rates')
export class OrganisationHourRate {
  @column.PrimaryId('organisation_party_id') organisationPartyId: string;

  @column.MinorUnits('rate_minor') rateMinor: bigint;

  @column.Moment('updated_at') updatedAt: string;

  @column.Id('updated_by', { nullable: true }) updatedBy: string | null;
}
