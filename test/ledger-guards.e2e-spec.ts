import {
  API,
  createFundedParty,
  expectRefusedWritingNothing,
  grantCreditLimit,
  newKey,
  postTransfer,
  type TestParty,
} from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('Story: an admin may not set limits that the balance already breaks', () => {
  let testApp: TestApp;
  let roles: Record<'admin' | 'treasurer', Session>;
  let organisation: TestParty;
  let volunteer: TestParty;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '20.00');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
    await grantCreditLimit(testApp.http, roles, organisation.accountId, '-50.00');
    expect(
      (
        await postTransfer(testApp.http, organisation.member, {
          fromAccountId: organisation.accountId,
          toAccountId: volunteer.accountId,
          amount: '50.00',
          code: 'HOURS',
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => testApp.close());

  const setPolicy = (accountId: string, body: object) => () =>
    testApp.http.put(`/api/v1/accounts/${accountId}/policy`).set(roles.admin.auth).send(body);

  /** An admin's proposal of a credit limit for the organisation's account; a treasurer decides it. */
  const proposeLimit = async (minBalance: string): Promise<string> =>
    (
      await testApp.http
        .post(`${API}/treasury/credit-limits`)
        .set(roles.admin.auth)
        .send({ accountId: organisation.accountId, minBalance, reason: 'Bijstellen' })
        .expect(201)
    ).body.id as string;

  it('refuses to withdraw a credit line the organisation is using: 422 POLICY_CONFLICTS_WITH_BALANCE', async () => {
    const withdrawal = await proposeLimit('0.00');
    const refused = await expectRefusedWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [organisation.accountId],
      status: 422,
      code: 'POLICY_CONFLICTS_WITH_BALANCE',
      act: () =>
        testApp.http
          .post(`${API}/treasury/credit-limits/${withdrawal}/approve`)
          .set(roles.treasurer.auth)
          .send(),
    });
    expect(refused.body.detail).toContain('-30.00');
    await testApp.http
      .post(`${API}/treasury/credit-limits/${withdrawal}/reject`)
      .set(roles.treasurer.auth)
      .send({ reason: 'Het krediet is in gebruik' })
      .expect(200);
    // A limit the balance still meets is fine.
    await grantCreditLimit(testApp.http, roles, organisation.accountId, '-30.00');
  });

  it('refuses a maximum below the balance, and a credit limit above zero', async () => {
    await expectRefusedWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [volunteer.accountId],
      status: 422,
      code: 'POLICY_CONFLICTS_WITH_BALANCE',
      act: setPolicy(volunteer.accountId, {
        minBalance: '0.00',
        maxBalance: '49.99',
        status: 'open',
      }),
    });
    const crossed = await expectRefusedWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [volunteer.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        testApp.http
          .post(`${API}/treasury/credit-limits`)
          .set(roles.admin.auth)
          .send({ accountId: volunteer.accountId, minBalance: '60.00', reason: 'Buffer' }),
    });
    expect(crossed.body.errors).toEqual([
      expect.objectContaining({ field: 'minBalance', code: 'CREDIT_LIMIT_ABOVE_ZERO' }),
    ]);
  });
});

describe('Story: a member books recent hours, not ancient ones', () => {
  let testApp: TestApp;
  let roles: Record<'admin' | 'treasurer', Session>;
  let organisation: TestParty;
  let volunteer: TestParty;

  beforeAll(async () => {
    testApp = await createTestApp(); // 2026-11-23
    roles = await loginAllRoles(testApp.http);
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '20.00');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
  });
  afterAll(() => testApp.close());

  it('accepts an effective date in last month', async () => {
    const response = await postTransfer(testApp.http, organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '1.00',
      code: 'HOURS',
      effectiveDate: '2026-10-01',
    });
    expect(response.status).toBe(201);
  });

  it('refuses one more than 62 days back, in Dutch when asked, and writes nothing', async () => {
    const refused = await expectRefusedWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [organisation.accountId, volunteer.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        testApp.http
          .post('/api/v1/transfers')
          .set(organisation.member.auth)
          .set('Idempotency-Key', newKey())
          .set('Accept-Language', 'nl')
          .send({
            fromAccountId: organisation.accountId,
            toAccountId: volunteer.accountId,
            amount: '1.00',
            code: 'HOURS',
            description: 'oude uren',
            effectiveDate: '2001-01-01',
          }),
    });
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'effectiveDate',
        code: 'EFFECTIVE_DATE_TOO_OLD',
        message: 'De boekdatum ligt te ver terug; vraag een penningmeester.',
      }),
    ]);
  });
});

describe('Story: voiding a hold takes no body', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('refuses unknown fields on POST /holds/:id/void like everywhere else', async () => {
    const roles = await loginAllRoles(testApp.http);
    // An organisation reserving at a business (a volunteer pays a business only by redemption).
    const payer = await createFundedParty(testApp.http, roles, 'organisation', '5.00');
    const payee = await createFundedParty(testApp.http, roles, 'business');
    const hold = await testApp.http
      .post('/api/v1/holds')
      .set(payer.member.auth)
      .set('Idempotency-Key', newKey())
      .send({
        fromAccountId: payer.accountId,
        toAccountId: payee.accountId,
        amount: '2.00',
        description: 'koffie',
      })
      .expect(201);
    const refused = await testApp.http
      .post(`/api/v1/holds/${hold.body.id}/void`)
      .set(payee.member.auth)
      .send({ force: true })
      .expect(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'force', code: 'whitelistValidation' }),
    ]);
    await testApp.http
      .post(`/api/v1/holds/${hold.body.id}/void`)
      .set(payee.member.auth)
      .expect(200);
  });
});
