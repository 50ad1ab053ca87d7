import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_TRANSFORMER } from '../../database/bigint-column.js';

/** The tax-free limits of one calendar year, in euro cents. A new year is a new row. */
@Entity('fiscal_limits')
export class FiscalLimit {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'bigint', name: 'hourly_adult_minor', transformer: BIGINT_TRANSFORMER })
  hourlyAdultMinor: bigint;

  @Column({ type: 'bigint', name: 'hourly_young_minor', transformer: BIGINT_TRANSFORMER })
  hourlyYoungMinor: bigint;

  /** From this age on, the adult hourly amount applies (21 in the Dutch rules). */
  @Column({ type: 'integer', name: 'adult_age' })
  adultAge: number;

  @Column({ type: 'bigint', name: 'monthly_minor', transformer: BIGINT_TRANSFORMER })
  monthlyMinor: bigint;

  @Column({ type: 'bigint', name: 'yearly_minor', transformer: BIGINT_TRANSFORMER })
  yearlyMinor: bigint;

  @Column({ type: 'varchar', length: 32, name: 'updated_at' })
  updatedAt: string;

  @Column({ type: 'varchar', length: 36, nullable: true, name: 'updated_by' })
  updatedBy: string | null;
}
