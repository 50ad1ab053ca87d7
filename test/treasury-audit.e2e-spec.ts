import { newKey } from './factories/ledger.js';
import { login, loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

describe('Story: every admin and treasurer action lands in the audit log', () => {
  let testApp: TestApp;
  let roles: Record<
    'admin' | 'treasurer' | 'org_manager' | 'business_operator' | 'volunteer',
    Session
  >;
  let orgAccount: string;

  // The audit log and the demo accounts are the whole application's: each test gets an application
  // of its own, so that the log holds exactly what that test did.
  beforeEach(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
    orgAccount = (
      await testApp.http
        .get(`/api/v1/parties/${roles.org_manager.partyId}/accounts`)
        .set(roles.org_manager.auth)
    ).body[0].id;
  });
  afterEach(() => testApp.close());

  /** What this story did: the demo's past (its months closed by the treasurer) happened before the test clock's start. */
  const log = async (query = '') =>
    (
      await testApp.http
        .get(`/api/v1/treasury/audit-log?limit=100${query}`)
        .set(roles.treasurer.auth)
        .expect(200)
    ).body.items.filter(
      (event: { occurredAt: string }) => event.occurredAt >= TEST_START.toISOString(),
    );

  it('filters by actor, by the actor’s role and by the days (in Maastricht) the actions happened', async () => {
    await testApp.http
      .post('/api/v1/treasury/issue')
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', newKey())
      .send({ toAccountId: orgAccount, amount: '5.00', description: 'Maandag' })
      .expect(201);
    testApp.clock.advance(60_000);
    await testApp.http
      .put(`/api/v1/accounts/${orgAccount}/policy`)
      .set(roles.admin.auth)
      .send({ maxBalance: '100000.00', status: 'open' })
      .expect(200);
    testApp.clock.advance(24 * 3_600_000); // Tuesday 2026-11-24
    await testApp.http
      .post('/api/v1/treasury/issue')
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', newKey())
      .send({ toAccountId: orgAccount, amount: '6.00', description: 'Dinsdag' })
      .expect(201);
    const actions = (events: Array<{ action: string; details: { description?: string } }>) =>
      events.map(
        (event) =>
          `${event.action}${event.details.description ? ` ${event.details.description}` : ''}`,
      );
    expect(actions(await log(`&actorId=${roles.admin.userId}`))).toEqual(['account.policy']);
    expect(actions(await log('&actorRole=treasurer&action=ledger.issue'))).toEqual([
      expect.stringMatching(/^ledger\.issue/),
      expect.stringMatching(/^ledger\.issue/),
    ]);
    const monday = await log('&from=2026-11-23&to=2026-11-23');
    expect(monday.map((event: { action: string }) => event.action)).toEqual([
      'ledger.issue',
      'account.policy',
    ]);
    const tuesday = await log('&from=2026-11-24');
    expect(tuesday.map((event: { action: string }) => event.action)).toEqual(['ledger.issue']);
    await testApp.http
      .get('/api/v1/treasury/audit-log?from=2026-11-31')
      .set(roles.treasurer.auth)
      .expect(400);
    await testApp.http
      .get('/api/v1/treasury/audit-log?actorRole=volunteer')
      .set(roles.treasurer.auth)
      .expect(400);
  });

  it('records an issue, a reversal, a policy change and a period close with actor and details', async () => {
    const issued = await testApp.http
      .post('/api/v1/treasury/issue')
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', 'audit-issue')
      .send({ toAccountId: orgAccount, amount: '25.00', description: 'Extra budget' })
      .expect(201);
    // A replay records nothing new.
    await testApp.http
      .post('/api/v1/treasury/issue')
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', 'audit-issue')
      .send({ toAccountId: orgAccount, amount: '25.00', description: 'Extra budget' })
      .expect(201);
    testApp.clock.advance(60_000);
    await testApp.http
      .post(`/api/v1/entries/${issued.body.id}/reversal`)
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', newKey())
      .send({ description: 'Te veel' })
      .expect(201);
    testApp.clock.advance(60_000);
    await testApp.http
      .put(`/api/v1/accounts/${orgAccount}/policy`)
      .set(roles.admin.auth)
      .send({ maxBalance: '100000.00', status: 'open' })
      .expect(200);
    testApp.clock.advance(60_000);
    await testApp.http
      .post('/api/v1/treasury/periods/2026-10/close')
      .set(roles.treasurer.auth)
      .expect(201);

    const events = await log();
    expect(events.map((event: { action: string }) => event.action)).toEqual([
      'ledger.issue',
      'ledger.reversal',
      'account.policy',
      'period.close',
    ]);
    expect(events[0]).toMatchObject({
      actorId: roles.treasurer.userId,
      actorRole: 'treasurer',
      subjectType: 'entry',
      subjectId: issued.body.id,
      occurredAt: '2026-11-23T09:00:00.000Z',
    });
    expect(events[0].details.postings).toEqual(
      expect.arrayContaining([{ accountId: orgAccount, amount: '25.00' }]),
    );
    expect(events[2]).toMatchObject({
      actorRole: 'admin',
      subjectId: orgAccount,
      details: {
        before: { minBalance: '-50.00', maxBalance: null },
        after: { minBalance: '-50.00', maxBalance: '100000.00' },
      },
    });
    expect(await log('&action=period.close')).toEqual([
      expect.objectContaining({ subjectId: '2026-10' }),
    ]);
  });

  it('records the limits and blocks of the other modules too: fiscal limits, pass policy, a blocked pass, the hour-rate range', async () => {
    testApp.clock.advance(60_000);
    await testApp.http
      .put('/api/v1/fiscal/limits/2027')
      .set(roles.admin.auth)
      .send({
        hourlyAdult: '5.80',
        hourlyYoung: '3.40',
        adultAge: 21,
        monthly: '220.00',
        yearly: '2200.00',
      })
      .expect(200);
    await testApp.http
      .put('/api/v1/pass-policy')
      .set(roles.treasurer.auth)
      .send({ dailyLimit: '20.00', voidWindowMinutes: 10 })
      .expect(200);
    await testApp.http
      .put('/api/v1/volunteering/hour-rate-range')
      .set(roles.admin.auth)
      .send({ min: '0.50', max: '1.50' })
      .expect(200);
    const passes = await testApp.http.get('/api/v1/passes').set(roles.volunteer.auth).expect(200);
    const active = passes.body.items.find((pass: { status: string }) => pass.status === 'active');
    await testApp.http
      .post(`/api/v1/passes/${active.number}/block`)
      .set(roles.treasurer.auth)
      .send({ reason: 'lost' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const actions = (await log()).map((event: { action: string }) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'fiscal.limits',
        'pass.policy',
        'volunteering.hour-rate-range',
        'pass.block',
      ]),
    );
    const block = (await log('&action=pass.block'))[0];
    expect(block).toMatchObject({ actorId: roles.treasurer.userId, details: { reason: 'lost' } });
    expect(JSON.stringify(block)).not.toContain(active.number);
  });

  it('records nothing for a refused action', async () => {
    const before = await log();
    await testApp.http
      .put(`/api/v1/accounts/${orgAccount}/policy`)
      .set(roles.admin.auth)
      .send({ minBalance: '9999.00', maxBalance: null, status: 'open' })
      .expect(409); // a credit limit changes only with four eyes
    await testApp.http
      .put(`/api/v1/accounts/${orgAccount}/policy`)
      .set(roles.admin.auth)
      .send({ maxBalance: '0.01', status: 'open' })
      .expect(422);
    await testApp.http
      .post('/api/v1/treasury/issue')
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', newKey())
      .send({ toAccountId: orgAccount, amount: '0.00', description: 'x' })
      .expect(400);
    expect(await log()).toEqual(before);
  });

  it('is readable by admins and treasurers only', async () => {
    await testApp.http.get('/api/v1/treasury/audit-log').set(roles.admin.auth).expect(200);
    for (const role of ['org_manager', 'business_operator', 'volunteer'] as const) {
      const refused = await testApp.http
        .get('/api/v1/treasury/audit-log')
        .set(roles[role].auth)
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    const anonymous = await testApp.http.get('/api/v1/treasury/audit-log').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    expect((await login(testApp.http, 'admin@steerkes.test')).token).toBeTruthy();
  });
});
