import { login, loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('Story: the treasurer closes October, and October stays closed', () => {
  let testApp: TestApp;
  let treasurer: Session;
  let org: Session;
  let orgAccount: string;
  let volunteerAccount: string;

  const transfer = (key: string, effectiveDate: string) =>
    testApp.http.post('/api/v1/transfers').set(org.auth).set('Idempotency-Key', key).send({
      fromAccountId: orgAccount,
      toAccountId: volunteerAccount,
      amount: '2.00',
      code: 'HOURS',
      description: 'uren',
      effectiveDate,
    });

  // Closing a period closes it for the whole ledger: each test gets an application of its own,
  // with October open, and closes it itself where it needs to.
  beforeEach(async () => {
    testApp = await createTestApp(); // the clock stands on 2026-11-23
    treasurer = await login(testApp.http, 'treasurer@steerkes.test');
    org = await login(testApp.http, 'org@steerkes.test');
    const volunteer = await login(testApp.http, 'volunteer@steerkes.test');
    orgAccount = (await testApp.http.get(`/api/v1/parties/${org.partyId}/accounts`).set(org.auth))
      .body[0].id;
    volunteerAccount = (
      await testApp.http.get(`/api/v1/parties/${volunteer.partyId}/accounts`).set(volunteer.auth)
    ).body[0].id;
  });
  afterEach(() => testApp.close());

  const bookIntoOctober = () => transfer('october-before-close', '2026-10-31').expect(201);
  const closeOctober = () =>
    testApp.http.post('/api/v1/treasury/periods/2026-10/close').set(treasurer.auth).expect(201);

  it('books into October while it is open', async () => {
    const response = await bookIntoOctober();
    expect(response.body.effectiveDate).toBe('2026-10-31');
  });

  it('closes October (treasurer only), once', async () => {
    const sessions = await loginAllRoles(testApp.http);
    for (const role of ['admin', 'org_manager', 'business_operator', 'volunteer'] as const) {
      const refused = await testApp.http
        .post('/api/v1/treasury/periods/2026-10/close')
        .set(sessions[role].auth)
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    const closed = await testApp.http
      .post('/api/v1/treasury/periods/2026-10/close')
      .set(treasurer.auth)
      .expect(201);
    expect(closed.body).toMatchObject({ period: '2026-10', closedBy: treasurer.userId });
    const again = await testApp.http
      .post('/api/v1/treasury/periods/2026-10/close')
      .set(treasurer.auth)
      .expect(422);
    expect(again.body.code).toBe('PERIOD_CLOSED');
  });

  it('refuses an entry dated in the closed period, and writes nothing', async () => {
    await bookIntoOctober();
    await closeOctober();
    const before = await testApp.http
      .get(`/api/v1/accounts/${orgAccount}/postings?limit=100`)
      .set(org.auth)
      .expect(200);
    const refused = await transfer('october-after-close', '2026-10-15')
      .set('Accept-Language', 'nl')
      .expect(422);
    expect(refused.body.code).toBe('PERIOD_CLOSED');
    expect(refused.body.detail).toBe(
      'Periode 2026-10 is afgesloten; boek de correctie in een open periode.',
    );
    const after = await testApp.http
      .get(`/api/v1/accounts/${orgAccount}/postings?limit=100`)
      .set(org.auth)
      .expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('refuses an entry dated before the latest closed month, even in a month never closed itself, and writes nothing', async () => {
    await bookIntoOctober();
    await closeOctober(); // September stays open on its own, but its balances are in October's close
    const before = await testApp.http
      .get(`/api/v1/accounts/${orgAccount}/postings?limit=100`)
      .set(org.auth)
      .expect(200);
    const refused = await transfer('september-after-october-close', '2026-09-30').expect(422);
    expect(refused.body).toMatchObject({
      code: 'BOOKS_CLOSED',
      detail:
        'The books are closed up to the end of 2026-10; 2026-09-30 lies before it. Book the correction in an open period.',
    });
    const september = await testApp.http
      .post('/api/v1/treasury/periods/2026-09/close')
      .set(treasurer.auth)
      .expect(201); // closing September afterwards is still possible: its balances cannot change
    expect(september.body.period).toBe('2026-09');
    const after = await testApp.http
      .get(`/api/v1/accounts/${orgAccount}/postings?limit=100`)
      .set(org.auth)
      .expect(200);
    expect(after.body).toEqual(before.body);
    const integrity = await testApp.http
      .get('/api/v1/treasury/reconciliation')
      .set(treasurer.auth)
      .expect(200);
    expect(integrity.body).toMatchObject({ ok: true, discrepancies: [] });
  });

  it('books the correction into the open period instead, including a reversal of an October entry', async () => {
    await bookIntoOctober();
    await closeOctober();
    await transfer('november-correction', '2026-11-02').expect(201);
    const october = await testApp.http
      .get(`/api/v1/accounts/${orgAccount}/postings?from=2026-10-01&to=2026-10-31&limit=100`)
      .set(org.auth)
      .expect(200);
    // The demo's past has Malberg's October too; this story's own entry is the one described "uren".
    const booked = october.body.items.filter(
      (item: { description: string }) => item.description === 'uren',
    );
    expect(booked).toHaveLength(1);
    const reversal = await testApp.http
      .post(`/api/v1/entries/${booked[0].entryId}/reversal`)
      .set(treasurer.auth)
      .set('Idempotency-Key', 'reverse-october')
      .send({ description: 'Correctie oktober' })
      .expect(201);
    expect(reversal.body.effectiveDate).toBe('2026-11-23');
  });

  it('refuses to close a month that has not ended, or is not a month', async () => {
    const current = await testApp.http
      .post('/api/v1/treasury/periods/2026-11/close')
      .set(treasurer.auth)
      .expect(422);
    expect(current.body.code).toBe('PERIOD_NOT_ENDED');
    await testApp.http
      .post('/api/v1/treasury/periods/2027-01/close')
      .set(treasurer.auth)
      .expect(422);
    const malformed = await testApp.http
      .post('/api/v1/treasury/periods/2026-13/close')
      .set(treasurer.auth)
      .expect(400);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'period', code: 'isPeriod' });
  });

  it('refuses an effective date in the future', async () => {
    const response = await transfer('future', '2026-11-24').expect(400);
    expect(response.body.errors[0]).toMatchObject({
      field: 'effectiveDate',
      code: 'EFFECTIVE_DATE_IN_FUTURE',
    });
  });

  it('still reconciles after October was booked into, closed and corrected', async () => {
    await bookIntoOctober();
    await closeOctober();
    await transfer('november-correction', '2026-11-02').expect(201);
    const report = await testApp.http
      .get('/api/v1/treasury/reconciliation')
      .set(treasurer.auth)
      .expect(200);
    expect(report.body).toMatchObject({ ok: true, discrepancies: [] });
  });
});
