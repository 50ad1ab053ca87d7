import { Injectable } from '@nestjs/common';
import { Database, type Transaction } from '../database/database.service.js';
import { lockById } from '../database/row-lock.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { TimeClaim } from './entities/time-claim.entity.js';
import { LIVE_CLAIM_STATUSES } from './time-claim-rules.js';

/** The queries the claim rules share: locks, day totals, the accounts a payment moves between. */
@Injectable()
export class TimeClaimsStore {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * Loads a claim to decide on it. On PostgreSQL the row stays locked until the transaction ends,
   * so that two decisions on one claim take turns; SQLite runs one transaction at a time anyway.
   */
  lockClaim(claimId: string, tx: Transaction): Promise<TimeClaim | null> {
    return lockById(tx, TimeClaim, claimId);
  }

  /**
   * Makes claims for these volunteers take turns until the transaction ends, so that two requests
   * cannot both fit under the day limit that only one of them fits under. PostgreSQL needs a lock
   * (a transaction-scoped advisory lock per volunteer, taken in a fixed order); SQLite does not.
   */
  async lockVolunteers(volunteerIds: readonly string[], tx: Transaction): Promise<void> {
    if (this.database.dialect !== 'postgres') return;
    for (const volunteerId of [...new Set(volunteerIds)].sort()) {
      await tx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `time-claims:${volunteerId}`,
      ]);
    }
  }

  /** Minutes already claimed (requested or approved) on a day, per volunteer. */
  async claimedMinutesOn(
    volunteerIds: readonly string[],
    date: string,
    tx: Transaction,
  ): Promise<Map<string, number>> {
    const claimed = new Map<string, number>();
    if (volunteerIds.length === 0) return claimed;
    const rows = await tx.manager
      .createQueryBuilder(TimeClaim, 'claim')
      .select('claim.volunteer_party_id', 'volunteerId')
      .addSelect('SUM(claim.minutes)', 'minutes')
      .where('claim.volunteer_party_id IN (:...volunteerIds)', {
        volunteerIds: [...new Set(volunteerIds)],
      })
      .andWhere('claim.claim_date = :date', { date })
      .andWhere('claim.status IN (:...statuses)', { statuses: LIVE_CLAIM_STATUSES })
      .groupBy('claim.volunteer_party_id')
      .getRawMany<{ volunteerId: string; minutes: string | number }>();
    for (const row of rows) claimed.set(row.volunteerId, Number(row.minutes));
    return claimed;
  }

  /** Which of these volunteers have had a claim approved by the organisation: they worked for it before. */
  async volunteersWhoWorkedFor(
    organisationId: string,
    volunteerIds: readonly string[],
    tx: Transaction,
  ): Promise<Set<string>> {
    if (volunteerIds.length === 0) return new Set();
    const rows = await tx.manager
      .createQueryBuilder(TimeClaim, 'claim')
      .select('DISTINCT claim.volunteer_party_id', 'volunteerId')
      .where('claim.organisation_party_id = :organisationId', { organisationId })
      .andWhere('claim.volunteer_party_id IN (:...volunteerIds)', {
        volunteerIds: [...new Set(volunteerIds)],
      })
      .andWhere("claim.status = 'approved'")
      .getRawMany<{ volunteerId: string }>();
    return new Set(rows.map((row) => row.volunteerId));
  }

  /** The party's STK account: every party has exactly one. */
  accountOf(partyId: string): Promise<string> {
    return this.ledger.accountIdOfParty(partyId);
  }
}
