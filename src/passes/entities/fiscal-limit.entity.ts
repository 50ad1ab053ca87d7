import { Entity } from 'typeorm';
import * as column from '../../database/columns.js';

/** The tax-free limits of one calendar year, in euro cents. A new year is a new row. */
@Entity('fiscal_limits')
export class FiscalLimit {
  @column.PrimaryInteger() year: number;

  @column.MinorUnits('hourly_adult_minor') hourlyAdultMinor: bigint;

  @column.MinorUnits('hourly_young_minor') hourlyYoungMinor: bigint;

  /** From this age on, the adult hourly amount applies (21 in the Dutch rules). */
  @column.Integer('adult_age') adultAge: number;

  @column.MinorUnits('monthly_minor') monthlyMinor: bigint;

  @column.MinorUnits('yearly_minor') yearlyMinor: bigint;

  @column.Moment('updated_at') updatedAt: string;

  @column.Id('updated_by', { nullable: true }) updatedBy: string | null;
}
