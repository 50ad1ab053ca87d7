import { claimDateProblem, paymentCommand, paymentKey } from './time-claim-rules.js';

describe(claimDateProblem.name, () => {
  // Monday 23 November 2026, 00:30 in Maastricht (CET, UTC+1).
  const now = new Date('2026-11-22T23:30:00.000Z');

  it('accepts today and earlier days in Maastricht, though it is still the 22nd in UTC', () => {
    expect(claimDateProblem('2026-11-23', now)).toBeUndefined();
    expect(claimDateProblem('2026-11-22', now)).toBeUndefined();
  });

  it('refuses a day after today', () => {
    expect(claimDateProblem('2026-11-24', now)).toEqual({
      field: 'date',
      code: 'TIME_CLAIM_DATE_IN_FUTURE',
      parameters: { today: '2026-11-23' },
    });
  });

  it('accepts a year back and refuses one day more, naming the field asked for', () => {
    expect(claimDateProblem('2025-11-23', now)).toBeUndefined();
    expect(claimDateProblem('2025-11-22', now, 'participants.date')).toEqual({
      field: 'participants.date',
      code: 'TIME_CLAIM_DATE_TOO_OLD',
      parameters: { oldest: '2025-11-23' },
    });
  });
});

describe(paymentCommand.name, () => {
  const accounts = {
    organisationAccountId: 'organisation-account',
    volunteerAccountId: 'volunteer-account',
  };

  it('pays the claim from the organisation to the volunteer as HOURS, keyed by the claim', () => {
    const claim = {
      id: 'claim-1',
      claimDate: '2026-11-21',
      minutes: 105,
      activity: 'Koffieochtend',
      batchId: null,
    };
    expect(paymentCommand(claim, 120n, accounts, 'user-1')).toEqual({
      fromAccountId: 'organisation-account',
      toAccountId: 'volunteer-account',
      amountMinor: 210n, // 1.75 h × 1.20
      code: 'HOURS',
      description: 'Koffieochtend (1.75 uur op 2026-11-21)',
      metadata: { timeClaimId: 'claim-1', claimDate: '2026-11-21', hours: '1.75', rate: '1.20' },
      idempotencyKey: paymentKey('claim-1'),
      actorId: 'user-1',
      origin: 'volunteering:claim:claim-1', // the generic reversal refuses it: revoke the claim
    });
  });

  it('names the bulk activity of a claim recorded with one', () => {
    const claim = {
      id: 'claim-2',
      claimDate: '2026-11-21',
      minutes: 60,
      activity: 'Buurtfeest',
      batchId: 'batch-1',
    };
    expect(paymentCommand(claim, 100n, accounts, 'user-1').metadata).toMatchObject({
      timeClaimBatchId: 'batch-1',
    });
  });
});
