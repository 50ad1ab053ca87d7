import { demoId, loadDemoData } from '../../seeds/load-demo-data.js';
import { loadVolunteeringDemo } from '../../seeds/demo-volunteering.js';
import { Database } from '../../src/database/database.service.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { VolunteerHours } from '../../src/volunteering/volunteer-hours.service.js';
import { TimeClaimBatch } from '../../src/volunteering/entities/time-claim-batch.entity.js';
import { TimeClaim } from '../../src/volunteering/entities/time-claim.entity.js';
import { formatHours } from '../../src/volunteering/hours.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the volunteering demo (seeds/demo-volunteering.ts)', () => {
  let context: TestContext;

  /** The demo's present: the claims of this month (the history's are of the twelve months before). */
  const claims = async () =>
    (
      await context.app.get(Database).read((tx) =>
        tx.manager.find(TimeClaim, {
          order: { claimDate: 'ASC', activity: 'ASC', batchLine: 'ASC' },
        }),
      )
    ).filter((claim) => claim.claimDate >= '2026-11-01');
  const batches = () => context.app.get(Database).read((tx) => tx.manager.count(TimeClaimBatch));

  beforeAll(async () => {
    context = await createTestContext({ demoData: false }); // the clock: 2026-11-23
    await loadDemoData(context.app, { history: false }); // the present; demo-history.integration.spec.ts has the past
  });
  afterAll(() => context.close());

  it('gives Anouk claims waiting for her organisations and one of today paid, and a buurtfeest recorded and paid for three volunteers who each worked there before', async () => {
    const loaded = await claims();
    expect(
      loaded.map((claim) => [
        claim.claimDate,
        claim.activity,
        formatHours(claim.minutes),
        claim.status,
        claim.entryId !== null,
      ]),
    ).toEqual([
      // Eva's, Fatima's and Daan's own first claims: bulk includes only volunteers who worked there before.
      ['2026-11-13', 'Kennismaking: eerste klus', '1.00', 'approved', true],
      ['2026-11-13', 'Kennismaking: eerste klus', '1.00', 'approved', true],
      ['2026-11-13', 'Kennismaking: eerste klus', '1.00', 'approved', true],
      ['2026-11-17', 'Buurtfeest Jekerkwartier opbouwen', '3.00', 'approved', true],
      ['2026-11-17', 'Buurtfeest Jekerkwartier opbouwen', '2.50', 'approved', true],
      ['2026-11-17', 'Buurtfeest Jekerkwartier opbouwen', '1.25', 'approved', true],
      ['2026-11-20', 'Huiswerkbegeleiding', '2.50', 'requested', false],
      ['2026-11-21', 'Jeugdtraining', '1.50', 'requested', false],
      ['2026-11-22', 'Koffieochtend', '1.75', 'requested', false],
      ['2026-11-23', 'Opruimen na de koffieochtend', '2.00', 'approved', true],
    ]);
    expect(await batches()).toBe(1);
    // Anouk has approved hours this calendar year up to today: the fiscal guardrail lets her pass be used.
    const hours = context.app.get(VolunteerHours);
    expect(Number(await hours.approvedHours(demoId('anouk'), '2026-11-23', '2026-11-23'))).toBe(2);
    expect((await context.app.get(LedgerIntegrityService).verify()).ok).toBe(true);
  });

  it('creates nothing when loaded again, not even days later', async () => {
    const before = await claims();
    expect(await loadVolunteeringDemo(context.app)).toBe(0);
    context.clock.advance(9 * DAY_MS);
    expect(await loadVolunteeringDemo(context.app)).toBe(0);
    expect(await claims()).toEqual(before);
    expect(await batches()).toBe(1);
  });
});
