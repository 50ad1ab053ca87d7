import { DEMO_PARTIES, DEMO_USERS } from '../../seeds/demo-data.js';
import { loadDemoData } from '../../seeds/load-demo-data.js';
import { Database } from '../../src/database/database.service.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

async function rowCounts(context: TestContext): Promise<Record<string, string>> {
  const tables = [
    'parties',
    'users',
    'ledger_accounts',
    'ledger_entries',
    'ledger_postings',
    'idempotency_records',
  ];
  return context.app.get(Database).read(async (tx) => {
    const counts: Record<string, string> = {};
    for (const table of tables)
      counts[table] = String(
        (await tx.sql.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n,
      );
    return counts;
  });
}

describe('the Maastricht demo data (npm run seed)', () => {
  let context: TestContext;

  // An empty database for each test: the first load must find nothing there yet.
  beforeEach(async () => {
    context = await createTestContext({ demoData: false });
  });
  afterEach(() => context.close());

  it('loads organisations of several kinds in every district, businesses, volunteers and one user per role', async () => {
    const report = await loadDemoData(context.app);
    expect(report.partiesCreated).toBe(DEMO_PARTIES.length);
    expect(report.usersCreated).toBe(DEMO_USERS.length);
    for (const district of ['noord-west', 'noord-oost', 'zuid-west-centrum', 'zuid-oost']) {
      expect(
        DEMO_PARTIES.filter((party) => party.kind === 'organisation' && party.district === district)
          .length,
      ).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(DEMO_USERS.map((user) => user.role)).size).toBe(5);
    expect((await context.app.get(LedgerIntegrityService).verify()).ok).toBe(true);
  }, 90_000); // with the demo's year of history

  it('changes nothing when loaded a second time', async () => {
    await loadDemoData(context.app);
    const before = await rowCounts(context);
    const report = await loadDemoData(context.app);
    expect(report).toEqual({
      partiesCreated: 0,
      usersCreated: 0,
      entriesBooked: 0,
      recordsCreated: 0,
    });
    expect(await rowCounts(context)).toEqual(before);
  }, 90_000);
});
