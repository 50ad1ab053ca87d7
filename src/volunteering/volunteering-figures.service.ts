import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service.js';
import { TimeClaim } from './entities/time-claim.entity.js';

/** Approved hours per organisation and volunteer: what the treasury's reports aggregate. */
export interface HoursFigure {
  organisationId: string;
  volunteerId: string;
  minutes: number;
}

/** Figures of the volunteering module for reports; individual rows never leave the server unaggregated. */
@Injectable()
export class VolunteeringFigures {
  constructor(private readonly database: Database) {}

  approvedHours(fromDate: string, toDate: string): Promise<HoursFigure[]> {
    return this.database.read(async ({ manager }) => {
      const rows = await manager
        .createQueryBuilder(TimeClaim, 'claim')
        .select('claim.organisation_party_id', 'organisationId')
        .addSelect('claim.volunteer_party_id', 'volunteerId')
        .addSelect('SUM(claim.minutes)', 'minutes')
        .where("claim.status = 'approved'")
        .andWhere('claim.claim_date >= :fromDate AND claim.claim_date <= :toDate', {
          fromDate,
          toDate,
        })
        .groupBy('claim.organisation_party_id')
        .addGroupBy('claim.volunteer_party_id')
        .getRawMany<{ organisationId: string; volunteerId: string; minutes: string | number }>();
      return rows.map((row) => ({
        organisationId: row.organisationId,
        volunteerId: row.volunteerId,
        minutes: Number(row.minutes),
      }));
    });
  }
}
