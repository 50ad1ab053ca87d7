import { Injectable } from '@nestjs/common';
import type { Decimal } from 'decimal.js';
import { Database } from '../database/database.service.js';
import { TimeClaim } from './entities/time-claim.entity.js';
import { minutesToHours } from './hours.js';
import { VolunteerHours } from './volunteer-hours.service.js';

/** Hours of approved claims, summed by the database in whole minutes so that nothing rounds. */
@Injectable()
export class ApprovedVolunteerHours extends VolunteerHours {
  constructor(private readonly database: Database) {
    super();
  }

  approvedHours(volunteerPartyId: string, fromDate: string, toDate: string): Promise<Decimal> {
    return this.database.read(async ({ manager }) => {
      const row = await manager
        .createQueryBuilder(TimeClaim, 'claim')
        .select('COALESCE(SUM(claim.minutes), 0)', 'minutes')
        .where('claim.volunteer_party_id = :volunteerPartyId', { volunteerPartyId })
        .andWhere('claim.status = :status', { status: 'approved' })
        .andWhere('claim.claim_date >= :fromDate AND claim.claim_date <= :toDate', {
          fromDate,
          toDate,
        })
        .getRawOne<{ minutes: string | number }>();
      return minutesToHours(Number(row?.minutes ?? 0));
    });
  }
}
