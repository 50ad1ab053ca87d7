import { Injectable } from '@nestjs/common';
import { formatAmount } from '../common/amount.js';
import type { TimeClaimBatchDto, TimeClaimDto } from './dto/time-claim.dto.js';
import type { TimeClaimBatch } from './entities/time-claim-batch.entity.js';
import type { TimeClaim } from './entities/time-claim.entity.js';
import { formatHours } from './hours.js';
import { VolunteeringParties } from './volunteering-parties.js';

/** Claims and bulk activities as the API shows them, with the names of the parties involved. */
@Injectable()
export class TimeClaimViews {
  constructor(private readonly parties: VolunteeringParties) {}

  async many(claims: TimeClaim[]): Promise<TimeClaimDto[]> {
    const names = await this.parties.namesOf(
      claims.flatMap((claim) => [claim.volunteerPartyId, claim.organisationPartyId]),
    );
    return claims.map((claim) => toTimeClaimDto(claim, names));
  }

  async one(claim: TimeClaim): Promise<TimeClaimDto> {
    return (await this.many([claim]))[0];
  }

  async batch(batch: TimeClaimBatch, claims: TimeClaim[]): Promise<TimeClaimBatchDto> {
    const views = await this.many(claims);
    return {
      id: batch.id,
      organisationId: batch.organisationPartyId,
      organisationName: views[0]?.organisationName ?? '',
      date: batch.claimDate,
      activity: batch.activity,
      rate: claims[0]?.rateMinor != null ? formatAmount(claims[0].rateMinor) : '0.00',
      totalHours: formatHours(batch.totalMinutes),
      totalAmount: formatAmount(batch.totalAmountMinor),
      createdBy: batch.createdBy,
      createdAt: batch.createdAt,
      claims: views,
    };
  }
}

function toTimeClaimDto(claim: TimeClaim, names: ReadonlyMap<string, string>): TimeClaimDto {
  return {
    id: claim.id,
    volunteerId: claim.volunteerPartyId,
    volunteerName: names.get(claim.volunteerPartyId) ?? '',
    organisationId: claim.organisationPartyId,
    organisationName: names.get(claim.organisationPartyId) ?? '',
    date: claim.claimDate,
    hours: formatHours(claim.minutes),
    activity: claim.activity,
    status: claim.status,
    rate: claim.rateMinor === null ? null : formatAmount(claim.rateMinor),
    amount: claim.amountMinor === null ? null : formatAmount(claim.amountMinor),
    entryId: claim.entryId,
    decidedBy: claim.decidedBy,
    decidedAt: claim.decidedAt,
    reason: claim.reason,
    revokedBy: claim.revokedBy,
    revokedAt: claim.revokedAt,
    reversalEntryId: claim.reversalEntryId,
    batchId: claim.batchId,
    submittedBy: claim.submittedBy,
    createdAt: claim.createdAt,
  };
}
