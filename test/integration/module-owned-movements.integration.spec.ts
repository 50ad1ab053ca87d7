import { DataSource } from 'typeorm';
import { markModuleMovements } from '../../src/database/migrations/1763900400000-module-owned-movements.js';
import { LedgerIntegrityService } from '../../src/ledger/ledger-integrity.service.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/**
 * Issue 13: a hold or entry made by a module names its record (`origin`). The migration marks the
 * movements made before it from the modules' own records; on a whole demo (claims paid, bookings
 * settled, redemptions and their reversals) it marks exactly what the services mark today, and the
 * ledger's integrity check (whose hashes do not include the origin) stays green before and after.
 */
describe('Migration: module-owned holds and entries (1763900400000)', () => {
  let context: TestContext;
  const query = <Row>(sql: string): Promise<Row[]> => context.app.get(DataSource).query(sql);
  const origins = async () => ({
    entries: await query<{ id: string; origin: string | null }>(
      'SELECT id, origin FROM ledger_entries ORDER BY id',
    ),
    holds: await query<{ id: string; origin: string | null }>(
      'SELECT id, origin FROM ledger_holds ORDER BY id',
    ),
  });

  beforeAll(async () => {
    context = await createTestContext({ demoData: true });
  }, 120_000);
  afterAll(() => context.close());

  it('marks the demo’s claims, bookings and redemptions as the services do, and integrity stays green', async () => {
    const integrity = context.app.get(LedgerIntegrityService);
    expect((await integrity.verify()).ok).toBe(true);
    const made = await origins();
    const modules = new Set(
      [...made.entries, ...made.holds].flatMap((row) =>
        row.origin === null ? [] : [row.origin.split(':').slice(0, 2).join(':')],
      ),
    );
    expect([...modules].sort()).toEqual([
      'catalogue:booking',
      'passes:redemption',
      'volunteering:claim',
    ]);
    const paidClaims = await query<{ n: unknown }>(
      'SELECT COUNT(*) AS n FROM time_claims WHERE entry_id IS NOT NULL',
    );
    expect(made.entries.filter((row) => row.origin?.startsWith('volunteering:claim:')).length).toBe(
      Number(paidClaims[0].n),
    );

    // As if the data were older than the column: no origins, then the migration's marking.
    await query('UPDATE ledger_entries SET origin = NULL');
    await query('UPDATE ledger_holds SET origin = NULL');
    expect((await integrity.verify()).ok).toBe(true);
    await markModuleMovements(context.app.get(DataSource));
    expect(await origins()).toEqual(made);
    expect((await integrity.verify()).ok).toBe(true);
  });
});
