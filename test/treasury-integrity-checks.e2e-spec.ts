import type { Role } from '../src/common/roles.js';
import { Database } from '../src/database/database.service.js';
import { API, expectProblem } from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Story: a treasurer runs the integrity check, and whoever opens the dashboard next sees when it
 * ran and what it found. Each test starts from a fresh app: "the last run" depends on every run.
 */
let testApp: TestApp;
let roles: Record<Role, Session>;

beforeEach(async () => {
  testApp = await createTestApp();
  roles = await loginAllRoles(testApp.http);
});
afterEach(() => testApp.close());

const NON_TREASURERS = ['admin', 'org_manager', 'business_operator', 'volunteer'] as const;
const last = async () =>
  (
    await testApp.http
      .get(`${API}/treasury/reconciliation/last`)
      .set(roles.treasurer.auth)
      .expect(200)
  ).body as { check: Record<string, unknown> | null };

describe('Story: the treasurer’s last integrity check stays on record', () => {
  it('has no last check before the first run', async () => {
    expect(await last()).toEqual({ check: null });
  });

  it('keeps each run’s time, result, counts and who ran it; the last one is the latest', async () => {
    const first = await testApp.http
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(first.body.ok).toBe(true);
    expect(await last()).toEqual({
      check: {
        startedAt: '2026-11-23T09:00:00.000Z',
        finishedAt: '2026-11-23T09:00:00.000Z',
        ok: true,
        checked: first.body.checked,
        discrepancies: 0,
        runBy: roles.treasurer.userId,
      },
    });
    testApp.clock.advance(60 * 60 * 1000);
    await testApp.http.get(`${API}/treasury/reconciliation`).set(roles.treasurer.auth).expect(200);
    expect((await last()).check).toMatchObject({
      finishedAt: '2026-11-23T10:00:00.000Z',
      ok: true,
    });
  });

  it('records a run that finds a discrepancy as failed, with how many it found', async () => {
    const database = testApp.app.get(Database);
    const tamper = (sql: string) => database.transaction((tx) => tx.sql.run(sql, []));
    const organisationAccount = (
      await testApp.http
        .get(`${API}/parties/${roles.org_manager.partyId}/accounts`)
        .set(roles.treasurer.auth)
        .expect(200)
    ).body[0].id as string;
    await tamper(
      `UPDATE ledger_accounts SET balance_minor = balance_minor + 100 WHERE id = '${organisationAccount}'`,
    );
    const run = await testApp.http
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(run.body.ok).toBe(false);
    expect((await last()).check).toMatchObject({
      ok: false,
      discrepancies: run.body.discrepancies.length,
    });
    expect(run.body.discrepancies.length).toBeGreaterThan(0);
  });

  it('refuses every other role both routes, and a refused run leaves no record', async () => {
    for (const role of NON_TREASURERS) {
      for (const path of ['/treasury/reconciliation', '/treasury/reconciliation/last'])
        expectProblem(
          await testApp.http.get(`${API}${path}`).set(roles[role].auth),
          403,
          'FORBIDDEN',
        );
    }
    expectProblem(
      await testApp.http.get(`${API}/treasury/reconciliation/last`),
      401,
      'UNAUTHENTICATED',
    );
    expect(await last()).toEqual({ check: null });
  });
});
