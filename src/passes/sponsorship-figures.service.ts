import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service.js';
import { Redemption } from './entities/redemption.entity.js';

/** What one business accepted in a period: the redemptions that stand (not voided or reversed). */
export interface SponsorshipFigure {
  businessId: string;
  redemptions: number;
  steerkesMinor: bigint;
  euroValueMinor: bigint;
  volunteers: number;
}

/** A volunteer who redeemed at a business in a period (standing redemptions only). */
export interface RedeemerFigure {
  businessId: string;
  volunteerId: string;
}

/** Figures of the passes module for the treasury's reports. */
@Injectable()
export class SponsorshipFigures {
  constructor(private readonly database: Database) {}

  byBusiness(fromDate: string, toDate: string): Promise<SponsorshipFigure[]> {
    return this.database.read(async ({ manager }) => {
      const rows = await manager
        .createQueryBuilder(Redemption, 'redemption')
        .select('redemption.business_party_id', 'businessId')
        .addSelect('COUNT(*)', 'redemptions')
        .addSelect('SUM(redemption.amount_minor)', 'steerkes')
        .addSelect('SUM(redemption.euro_value_minor)', 'euroValue')
        .addSelect('COUNT(DISTINCT redemption.volunteer_party_id)', 'volunteers')
        .where("redemption.status = 'completed'")
        .andWhere('redemption.redeemed_date >= :fromDate AND redemption.redeemed_date <= :toDate', {
          fromDate,
          toDate,
        })
        .groupBy('redemption.business_party_id')
        .getRawMany<{
          businessId: string;
          redemptions: string;
          steerkes: string;
          euroValue: string;
          volunteers: string;
        }>();
      return rows.map((row) => ({
        businessId: row.businessId,
        redemptions: Number(row.redemptions),
        steerkesMinor: BigInt(row.steerkes),
        euroValueMinor: BigInt(row.euroValue),
        volunteers: Number(row.volunteers),
      }));
    });
  }

  /**
   * Each volunteer who redeemed at each business, once: a report that counts volunteers over
   * several businesses (a district) counts each person once, not once per business. Ids stay on
   * the server: the reports publish counts only.
   */
  redeemersByBusiness(fromDate: string, toDate: string): Promise<RedeemerFigure[]> {
    return this.database.read(({ manager }) =>
      manager
        .createQueryBuilder(Redemption, 'redemption')
        .select('redemption.business_party_id', 'businessId')
        .addSelect('redemption.volunteer_party_id', 'volunteerId')
        .distinct(true)
        .where("redemption.status = 'completed'")
        .andWhere('redemption.redeemed_date >= :fromDate AND redemption.redeemed_date <= :toDate', {
          fromDate,
          toDate,
        })
        .getRawMany<RedeemerFigure>(),
    );
  }
}
