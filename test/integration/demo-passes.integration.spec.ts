import { DEMO_OFFERS, demoPassNumber } from '../../seeds/demo-passes.js';
import { DEMO_PARTIES } from '../../seeds/demo-data.js';
import { loadDemoData } from '../../seeds/load-demo-data.js';
import { Database } from '../../src/database/database.service.js';
import { hasValidCheckDigit } from '../../src/passes/pass-number.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

const PASSES_TABLES = ['passes', 'offers', 'redemptions', 'fiscal_limits', 'passes_settings'];

async function rowCounts(context: TestContext): Promise<Record<string, string>> {
  return context.app.get(Database).read(async (tx) => {
    const counts: Record<string, string> = {};
    for (const table of PASSES_TABLES)
      counts[table] = String(
        (await tx.sql.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n,
      );
    return counts;
  });
}

describe('the passes part of the Maastricht demo', () => {
  let context: TestContext;

  // An empty database for each test: the first load must find nothing there yet.
  beforeEach(async () => {
    context = await createTestContext({ demoData: false });
  });
  afterEach(() => context.close());

  it('loads the 2025 fiscal limits, the businesses’ offers and a pass for every volunteer', async () => {
    await loadDemoData(context.app);
    const volunteers = DEMO_PARTIES.filter((party) => party.kind === 'volunteer');
    const { redemptions, ...counts } = await rowCounts(context);
    expect(counts).toEqual({
      passes: String(volunteers.length),
      offers: String(DEMO_OFFERS.length),
      fiscal_limits: '1',
      passes_settings: '0',
    });
    // The demo's year at the counters (seeds/demo-history.ts): at least one redemption a month per business on average.
    expect(Number(redemptions)).toBeGreaterThanOrEqual(12 * 5);
    for (const volunteer of volunteers)
      expect(hasValidCheckDigit(demoPassNumber(volunteer.key))).toBe(true);
    expect(new Set(volunteers.map((volunteer) => demoPassNumber(volunteer.key))).size).toBe(
      volunteers.length,
    );
    const businesses = new Set(
      DEMO_PARTIES.filter((party) => party.kind === 'business').map((party) => party.key),
    );
    expect(new Set(DEMO_OFFERS.map(([businessKey]) => businessKey))).toEqual(businesses);
  }, 90_000); // with the demo's year of history

  it('creates nothing when loaded a second time', async () => {
    await loadDemoData(context.app);
    const before = await rowCounts(context);
    const report = await loadDemoData(context.app);
    expect(report.recordsCreated).toBe(0);
    expect(await rowCounts(context)).toEqual(before);
  }, 90_000);
});
