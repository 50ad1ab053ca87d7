import type { components } from '../api/schema';

type StatementLine = components['schemas']['StatementLineDto'];
type TimeClaim = components['schemas']['TimeClaimDto'];
type Redemption = components['schemas']['RedemptionDto'];
type LocalizedText = components['schemas']['LocalizedTextDto'];
export type EntryCode = StatementLine['code'];

/**
 * One statement line told as a person would: what happened and with whom. A statement line only
 * carries the ledger's code and a Dutch description, so the volunteer's own time claims and
 * redemptions (which name the organisation, the offer and the business) fill in the rest; a line
 * none of them explains is told by its kind of movement and its description.
 */
export type LineStory =
  | { kind: 'hoursPaid'; organisation: string; activity: string; hours: string; claimDate: string }
  | { kind: 'redeemed'; quantity: number; offerTitle: LocalizedText; business: string | null }
  | {
      kind: 'redemptionUndone';
      quantity: number;
      offerTitle: LocalizedText;
      business: string | null;
    }
  | { kind: 'other'; code: EntryCode; description: string };

export interface StoryContext {
  claims: readonly TimeClaim[];
  redemptions: readonly Redemption[];
  /** Business names by business id, where known. */
  businessNames: ReadonlyMap<string, string>;
}

export function tellLine(line: StatementLine, context: StoryContext): LineStory {
  if (line.code === 'HOURS') {
    const claim = context.claims.find((candidate) => candidate.entryId === line.entryId);
    if (claim)
      return {
        kind: 'hoursPaid',
        organisation: claim.organisationName,
        activity: claim.activity,
        hours: claim.hours,
        claimDate: claim.date,
      };
  }
  if (line.code === 'REDEEM' || line.code === 'REVERSAL') {
    const redemption = context.redemptions.find((candidate) =>
      line.code === 'REDEEM'
        ? candidate.entryId === line.entryId
        : candidate.reversalEntryId === line.entryId,
    );
    if (redemption) {
      return {
        kind: line.code === 'REDEEM' ? 'redeemed' : 'redemptionUndone',
        quantity: redemption.quantity,
        offerTitle: redemption.offerTitle,
        business: context.businessNames.get(redemption.businessId) ?? null,
      };
    }
  }
  return { kind: 'other', code: line.code, description: line.description };
}

/** The range of effective dates on a page of the statement, to fetch only the records it needs. */
export function datesOf(lines: readonly StatementLine[]): { from: string; to: string } | null {
  if (lines.length === 0) return null;
  const dates = lines.map((line) => line.effectiveDate).sort();
  return { from: dates[0], to: dates[dates.length - 1] };
}

/** A date some days before another (calendar dates, YYYY-MM-DD, no time zone involved). */
export function daysBefore(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() - days);
  return moment.toISOString().slice(0, 10);
}
