import { DataSource } from 'typeorm';
import { demoPassNumber } from '../../seeds/demo-passes.js';
import { DEMO_PARTIES } from '../../seeds/demo-data.js';
import { DEMO_HISTORY_MONTHS } from '../../seeds/demo-history.js';
import { demoId, loadDemoData } from '../../seeds/load-demo-data.js';
import { localDate } from '../../src/common/calendar.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { LedgerQueries } from '../../src/ledger/ledger-queries.service.js';
import { LedgerService } from '../../src/ledger/ledger.service.js';
import { PassesService } from '../../src/passes/passes.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * Issue 12, a demo with a past: a new demo holds a year of dated history made through the real
 * services (hours claimed, approved and paid; redemptions at the businesses; bookings of shared
 * services; months closed by the treasurer), and a second load adds nothing. The test clock starts
 * on 2026-11-23, so the history covers November 2025 to October 2026.
 */

const MONTHS = [
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
];
const DAY_MS = 24 * 60 * 60 * 1000;

describe('the demo with a past (seeds/demo-history.ts)', () => {
  let context: TestContext;
  const query = <Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> =>
    context.app.get(DataSource).query(sql, parameters);

  async function everyRowCount(): Promise<Record<string, number>> {
    const type = context.app.get(DataSource).options.type;
    const tables: Array<{ name: string }> =
      type === 'postgres'
        ? await query(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        : await query(
            `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
          );
    const counts: Record<string, number> = {};
    for (const { name } of tables)
      counts[name] = Number(
        (await query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM "${name}"`))[0].n,
      );
    return counts;
  }

  beforeAll(async () => {
    context = await createTestContext({ demoData: false }); // the clock: 2026-11-23
    const started = Date.now();
    const report = await loadDemoData(context.app);

    console.log(`demo with a past loaded in ${Date.now() - started} ms: ${JSON.stringify(report)}`);
  }, 60_000);
  afterAll(() => context.close());

  it('dates the demo’s parties on the first day of the history, a year before the first start, and leaves the clock where it was', async () => {
    expect(DEMO_HISTORY_MONTHS).toBe(12);
    const created = await query<{ created_at: string }>('SELECT DISTINCT created_at FROM parties');
    expect(created.map((row) => localDate(new Date(row.created_at)))).toEqual(['2025-11-01']);
    expect(context.clock.now().toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });

  it('spans twelve months: hours paid and redemptions in every month, and a booking of a shared service', async () => {
    const entries = await query<{ month: string; code: string; n: unknown }>(
      'SELECT SUBSTR(effective_date, 1, 7) AS month, code, COUNT(*) AS n FROM ledger_entries GROUP BY SUBSTR(effective_date, 1, 7), code ORDER BY 1, 2',
    );
    const byMonth = (code: string) =>
      Object.fromEntries(
        entries.filter((row) => row.code === code).map((row) => [row.month, Number(row.n)]),
      );
    const hours = byMonth('HOURS');
    const redemptions = byMonth('REDEEM');
    for (const month of MONTHS) {
      expect({ month, hours: hours[month] }).toEqual({ month, hours: 16 }); // two claims of each of the eight volunteers
      expect({ month, redeemed: (redemptions[month] ?? 0) >= 6 }).toEqual({
        month,
        redeemed: true,
      });
    }
    expect(entries.map((row) => row.month).sort()[0]).toBe('2025-11');
    // Every claim of the history was approved and paid at its rate, two days after it was made.
    const claims = await query<{
      status: string;
      claim_date: string;
      decided_at: string;
      entry_id: string | null;
    }>(
      "SELECT status, claim_date, decided_at, entry_id FROM time_claims WHERE claim_date < '2026-11-01'",
    );
    expect(claims).toHaveLength(MONTHS.length * 16);
    expect(
      claims.every(
        (claim) =>
          claim.status === 'approved' &&
          claim.entry_id !== null &&
          localDate(new Date(claim.decided_at)) > claim.claim_date,
      ),
    ).toBe(true);
    const bookings = await query<{ status: string; month: string }>(
      'SELECT status, SUBSTR(starts_at, 1, 7) AS month FROM catalogue_bookings ORDER BY starts_at',
    );
    expect(bookings.map((booking) => booking.month)).toEqual(MONTHS);
    expect(new Set(bookings.map((booking) => booking.status))).toEqual(
      new Set(['returned', 'completed']),
    );
    const businesses = await query<{ n: unknown }>(
      "SELECT COUNT(DISTINCT business_party_id) AS n FROM redemptions WHERE status = 'completed'",
    );
    expect(Number(businesses[0].n)).toBeGreaterThanOrEqual(5);
  });

  it('closes the months up to August 2026 and leaves the last two open; the trial balance balances and the integrity check passes', async () => {
    const closed = (await context.app.get(LedgerQueries).closedPeriods())
      .map((period) => period.period)
      .sort();
    expect(closed).toEqual(MONTHS.slice(0, 10));
    const closedAt = await query<{ period: string; closed_at: string }>(
      'SELECT period, closed_at FROM ledger_periods ORDER BY period',
    );
    for (const { period, closed_at } of closedAt)
      expect(localDate(new Date(closed_at)).slice(0, 7) > period).toBe(true);
    const balances = await context.app.get(LedgerQueries).accountsWithBalances();
    expect(
      balances.reduce(
        (sum, { account }) => sum + BigInt(Math.round(Number(account.balance) * 100)),
        0n,
      ),
    ).toBe(0n);
    const integrity = await context.app.get(LedgerIntegrityService).verify();
    expect(integrity.ok).toBe(true);
  });

  it('leaves Anouk (volunteer@steerkes.test) Steerkes to spend and her pass active without a PIN', async () => {
    const anouk = (await context.app.get(LedgerService).listAccountsOfParty(demoId('anouk')))[0];
    expect(Number(anouk.balance)).toBeGreaterThan(5);
    const pass = await context.app.get(PassesService).findByNumber(demoPassNumber('anouk'));
    expect(pass).toMatchObject({ status: 'active', pinHash: null });
    // Her history at the counters: redemptions in most months.
    const months = await query<{ month: string }>(
      `SELECT DISTINCT SUBSTR(redeemed_at, 1, 7) AS month FROM redemptions WHERE volunteer_party_id = '${demoId('anouk')}' AND status = 'completed'`,
    );
    expect(months.length).toBeGreaterThanOrEqual(8);
    for (const volunteer of DEMO_PARTIES.filter((party) => party.kind === 'volunteer')) {
      const account = (
        await context.app.get(LedgerService).listAccountsOfParty(demoId(volunteer.key))
      )[0];
      expect({ volunteer: volunteer.key, nonNegative: Number(account.balance) >= 0 }).toEqual({
        volunteer: volunteer.key,
        nonNegative: true,
      });
    }
  });

  it('adds nothing when loaded again, on the same day or a month later', async () => {
    const before = await everyRowCount();
    expect(await loadDemoData(context.app)).toEqual({
      partiesCreated: 0,
      usersCreated: 0,
      entriesBooked: 0,
      recordsCreated: 0,
    });
    expect(await everyRowCount()).toEqual(before);
    context.clock.advance(31 * DAY_MS);
    expect(await loadDemoData(context.app)).toEqual({
      partiesCreated: 0,
      usersCreated: 0,
      entriesBooked: 0,
      recordsCreated: 0,
    });
    expect(await everyRowCount()).toEqual(before);
  });
});
