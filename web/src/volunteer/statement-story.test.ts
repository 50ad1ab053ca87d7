import { describe, expect, it } from 'vitest';
import type { components } from '../api/schema';
import { datesOf, daysBefore, type StoryContext, tellLine } from './statement-story';

type StatementLine = components['schemas']['StatementLineDto'];
type TimeClaim = components['schemas']['TimeClaimDto'];
type Redemption = components['schemas']['RedemptionDto'];

function line(overrides: Partial<StatementLine>): StatementLine {
  return {
    entryId: 'entry-1',
    sequence: 1,
    code: 'HOURS',
    description: 'Koffieochtend (2.50 uur op 2026-11-21)',
    effectiveDate: '2026-11-22',
    createdAt: '2026-11-22T10:00:00.000Z',
    amount: '2.50',
    balanceAfter: '12.50',
    ...overrides,
  };
}

const claim = {
  id: 'claim-1',
  entryId: 'entry-1',
  organisationName: 'Buurtcentrum Malberg',
  activity: 'Koffieochtend',
  hours: '2.50',
  date: '2026-11-21',
} as TimeClaim;

const redemption = {
  id: 'redemption-1',
  entryId: 'entry-2',
  reversalEntryId: 'entry-3',
  businessId: 'business-1',
  quantity: 2,
  offerTitle: { nl: 'Kop koffie met vlaai', en: 'Coffee with Limburg pie' },
} as Redemption;

const context: StoryContext = {
  claims: [claim],
  redemptions: [redemption],
  businessNames: new Map([['business-1', 'Het Bonenhuis']]),
};

describe('tellLine', () => {
  it('tells paid hours with the organisation, the activity, the hours and the day they were given', () => {
    expect(tellLine(line({}), context)).toEqual({
      kind: 'hoursPaid',
      organisation: 'Buurtcentrum Malberg',
      activity: 'Koffieochtend',
      hours: '2.50',
      claimDate: '2026-11-21',
    });
  });

  it('tells a redemption and its undoing with the offer in both languages and the business', () => {
    const spent = tellLine(line({ entryId: 'entry-2', code: 'REDEEM', amount: '-4.00' }), context);
    expect(spent).toEqual({
      kind: 'redeemed',
      quantity: 2,
      offerTitle: redemption.offerTitle,
      business: 'Het Bonenhuis',
    });
    const undone = tellLine(
      line({ entryId: 'entry-3', code: 'REVERSAL', amount: '4.00' }),
      context,
    );
    expect(undone).toEqual({
      kind: 'redemptionUndone',
      quantity: 2,
      offerTitle: redemption.offerTitle,
      business: 'Het Bonenhuis',
    });
  });

  it('leaves the business out when its name is not known', () => {
    const spent = tellLine(line({ entryId: 'entry-2', code: 'REDEEM' }), {
      ...context,
      businessNames: new Map(),
    });
    expect(spent).toMatchObject({ kind: 'redeemed', business: null });
  });

  it('falls back to the kind of movement and its description when no record explains the line', () => {
    expect(tellLine(line({ entryId: 'unknown' }), context)).toEqual({
      kind: 'other',
      code: 'HOURS',
      description: 'Koffieochtend (2.50 uur op 2026-11-21)',
    });
    // a REDEEM entry is not explained by a redemption's reversal, nor a REVERSAL by a redemption's own entry
    expect(tellLine(line({ entryId: 'entry-3', code: 'REDEEM' }), context).kind).toBe('other');
    expect(tellLine(line({ entryId: 'entry-2', code: 'REVERSAL' }), context).kind).toBe('other');
    expect(
      tellLine(line({ entryId: 'entry-1', code: 'TRANSFER', description: 'Gift' }), context),
    ).toEqual({ kind: 'other', code: 'TRANSFER', description: 'Gift' });
  });
});

describe('datesOf and daysBefore', () => {
  it('give the range of a page and a date some days earlier, across months and years', () => {
    expect(datesOf([])).toBeNull();
    expect(
      datesOf([
        line({ effectiveDate: '2026-11-22' }),
        line({ effectiveDate: '2026-03-01' }),
        line({ effectiveDate: '2026-07-09' }),
      ]),
    ).toEqual({ from: '2026-03-01', to: '2026-11-22' });
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2026-01-15', 62)).toBe('2025-11-14');
  });
});
