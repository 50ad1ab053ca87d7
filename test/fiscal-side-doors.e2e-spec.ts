import type { Role } from '../src/common/roles.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import {
  API,
  createFundedParty,
  expectProblem,
  expectRefusedWritingNothing,
  newKey,
  postTransfer,
  type TestParty,
  transfer,
} from './factories/ledger.js';
import { createOffer } from './factories/passes.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let testApp: TestApp;
let roles: Record<Role, Session>;

beforeAll(async () => {
  testApp = await createTestApp();
  roles = await loginAllRoles(testApp.http);
});
afterAll(() => testApp.close());

const http = () => testApp.http;

describe('Story: a volunteer pays a business only with the voordeelpas', () => {
  let organisation: TestParty;
  let volunteer: TestParty;
  let business: TestParty;
  const touched = () => [organisation.accountId, volunteer.accountId, business.accountId];

  beforeEach(async () => {
    organisation = await createFundedParty(http(), roles, 'organisation', '50.00');
    volunteer = await createFundedParty(http(), roles, 'volunteer');
    business = await createFundedParty(http(), roles, 'business');
    await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '10.00',
      code: 'HOURS',
    });
  });

  const refusal = (act: () => Promise<import('supertest').Response>) =>
    expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'REDEMPTION_REQUIRED',
      act,
    });

  it('refuses POST /transfers from a volunteer to a business: 422 REDEMPTION_REQUIRED, in Dutch too', async () => {
    for (const code of ['TRANSFER', 'SERVICE', 'HOURS'])
      await refusal(() =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '2.50',
          code,
        }),
      );
    const dutch = await http()
      .post(`${API}/transfers`)
      .set(volunteer.member.auth)
      .set('Idempotency-Key', newKey())
      .set('Accept-Language', 'nl')
      .send({
        fromAccountId: volunteer.accountId,
        toAccountId: business.accountId,
        amount: '1.00',
        description: 'Koffie',
      });
    expectProblem(dutch, 422, 'REDEMPTION_REQUIRED');
    expect(dutch.body.detail).toContain('voordeelpas');
  });

  it('refuses a hold from a volunteer to a business', async () => {
    await refusal(() =>
      http().post(`${API}/holds`).set(volunteer.member.auth).set('Idempotency-Key', newKey()).send({
        fromAccountId: volunteer.accountId,
        toAccountId: business.accountId,
        amount: '3.00',
        description: 'Zwemabonnement',
      }),
    );
  });

  it('refuses capturing a hold from a volunteer to a business placed before the rule; voiding it still works', async () => {
    // Made on the ledger directly, as the generic POST /holds would have made it before.
    const legacy = await testApp.app.get(LedgerService).hold({
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amountMinor: 300n,
      code: 'SERVICE',
      description: 'Zwemabonnement',
    });
    const holdId = legacy.result.id;
    await refusal(() =>
      http()
        .post(`${API}/holds/${holdId}/post`)
        .set(business.member.auth)
        .set('Idempotency-Key', newKey())
        .send({}),
    );
    const voided = await http()
      .post(`${API}/holds/${holdId}/void`)
      .set(business.member.auth)
      .set('Idempotency-Key', newKey())
      .send();
    expect(voided.status).toBe(200);
    expect(voided.body.status).toBe('voided');
  });

  it('refuses the business line of a batch on its own; the other lines are booked', async () => {
    const response = await http()
      .post(`${API}/transfers/batch`)
      .set(volunteer.member.auth)
      .set('Idempotency-Key', newKey())
      .send({
        transfers: [
          {
            fromAccountId: volunteer.accountId,
            toAccountId: organisation.accountId,
            amount: '1.00',
            description: 'Contributie',
          },
          {
            fromAccountId: volunteer.accountId,
            toAccountId: business.accountId,
            amount: '2.00',
            description: 'Koffie',
          },
        ],
      })
      .expect(200);
    expect(response.body).toMatchObject({ booked: 1, refused: 1 });
    expect(response.body.results[1]).toMatchObject({
      index: 1,
      status: 'refused',
      refusal: { status: 422, code: 'REDEMPTION_REQUIRED' },
    });
    const businessAccount = await http()
      .get(`${API}/accounts/${business.accountId}`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(businessAccount.body.balance).toBe('0.00');
  });

  it('still lets a volunteer pay an organisation, and a business or organisation pay a business', async () => {
    await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: organisation.accountId,
      amount: '1.00',
    });
    await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: business.accountId,
      amount: '1.00',
    });
    const other = await createFundedParty(http(), roles, 'business', '5.00');
    await transfer(http(), other.member, {
      fromAccountId: other.accountId,
      toAccountId: business.accountId,
      amount: '1.00',
    });
  });
});

describe('Story: the treasurer bounds the euro value of an offer', () => {
  let business: TestParty;

  beforeEach(async () => {
    business = await createFundedParty(http(), roles, 'business');
  });
  afterEach(async () => {
    await http()
      .put(`${API}/offer-policy`)
      .set(roles.treasurer.auth)
      .send({ euroValueRatioMax: '5.00' })
      .expect(200);
  });

  const offer = (body: object) =>
    http()
      .post(`${API}/offers`)
      .set(business.member.auth)
      .send({
        title: { nl: 'Koffie', en: 'Coffee' },
        description: { nl: 'Koffie.', en: 'Coffee.' },
        ...body,
      });

  it('answers the default ratio of 5.00 euro per Steerke to anyone logged in', async () => {
    for (const session of [business.member, roles.volunteer, roles.treasurer]) {
      const response = await http().get(`${API}/offer-policy`).set(session.auth).expect(200);
      expect(response.body).toEqual({ euroValueRatioMax: '5.00' });
    }
    expectProblem(await http().get(`${API}/offer-policy`), 401, 'UNAUTHENTICATED');
  });

  it('refuses an offer above the ratio on create and on edit, and accepts one at it', async () => {
    const tooHigh = await offer({ price: '2.00', euroValue: '10.01' });
    expectProblem(tooHigh, 422, 'OFFER_EURO_VALUE_TOO_HIGH');
    expect(tooHigh.body.detail).toContain('10.00');
    const managed = await http().get(`${API}/offers/managed`).set(business.member.auth).expect(200);
    expect(managed.body.items).toEqual([]);
    const created = await offer({ price: '2.00', euroValue: '10.00' });
    expect(created.status).toBe(201);
    const raise = await http()
      .patch(`${API}/offers/${created.body.id}`)
      .set(business.member.auth)
      .send({ euroValue: '12.00' });
    expectProblem(raise, 422, 'OFFER_EURO_VALUE_TOO_HIGH');
    const cheaper = await http()
      .patch(`${API}/offers/${created.body.id}`)
      .set(business.member.auth)
      .send({ price: '1.00' });
    expectProblem(cheaper, 422, 'OFFER_EURO_VALUE_TOO_HIGH');
    const unchanged = await http().get(`${API}/offers/${created.body.id}`).expect(200);
    expect(unchanged.body).toMatchObject({ price: '2.00', euroValue: '10.00' });
  });

  it('lets only the treasurer change the ratio, audited; a lower ratio binds new values, withdrawing stays possible', async () => {
    const created = await createOffer(http(), business.member, {
      price: '2.00',
      euroValue: '8.00',
    });
    for (const role of ['admin', 'org_manager', 'business_operator', 'volunteer'] as const) {
      const refused = await http()
        .put(`${API}/offer-policy`)
        .set(roles[role].auth)
        .send({ euroValueRatioMax: '1.00' });
      expectProblem(refused, 403, 'FORBIDDEN');
    }
    for (const bad of ['0.00', '-1.00', '100.01', 'x', 3])
      expectProblem(
        await http()
          .put(`${API}/offer-policy`)
          .set(roles.treasurer.auth)
          .send({ euroValueRatioMax: bad }),
        400,
        'VALIDATION_FAILED',
      );
    const set = await http()
      .put(`${API}/offer-policy`)
      .set(roles.treasurer.auth)
      .send({ euroValueRatioMax: '2.00' })
      .expect(200);
    expect(set.body).toEqual({ euroValueRatioMax: '2.00' });
    const audit = await http()
      .get(`${API}/treasury/audit-log?action=offer.policy&limit=100`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'offer.policy',
        actorId: roles.treasurer.userId,
        details: { before: '5.00', after: '2.00' },
      }),
    );
    expectProblem(
      await offer({ price: '2.00', euroValue: '4.01' }),
      422,
      'OFFER_EURO_VALUE_TOO_HIGH',
    );
    expectProblem(
      await http()
        .patch(`${API}/offers/${created.id}`)
        .set(business.member.auth)
        .send({ euroValue: '7.00' }),
      422,
      'OFFER_EURO_VALUE_TOO_HIGH',
    );
    await http()
      .patch(`${API}/offers/${created.id}`)
      .set(business.member.auth)
      .send({ status: 'withdrawn' })
      .expect(200);
  });

  it('keeps every price and euro value an offer had, for the treasurer and the business itself', async () => {
    const created = await createOffer(http(), business.member, {
      price: '2.00',
      euroValue: '3.00',
    });
    testApp.clock.advance(60_000);
    await http()
      .patch(`${API}/offers/${created.id}`)
      .set(business.member.auth)
      .send({ euroValue: '4.00' })
      .expect(200);
    testApp.clock.advance(60_000);
    // A change of title alone is no change of value.
    await http()
      .patch(`${API}/offers/${created.id}`)
      .set(business.member.auth)
      .send({ title: { nl: 'Koffie!', en: 'Coffee!' } })
      .expect(200);
    for (const reader of [roles.treasurer, roles.admin, business.member]) {
      const history = await http()
        .get(`${API}/offers/${created.id}/value-history`)
        .set(reader.auth)
        .expect(200);
      expect(
        history.body.items.map((change: { price: string; euroValue: string }) => [
          change.price,
          change.euroValue,
        ]),
      ).toEqual([
        ['2.00', '3.00'],
        ['2.00', '4.00'],
      ]);
      expect(history.body.items[1].changedBy).toBe(business.member.userId);
    }
    const other = await createFundedParty(http(), roles, 'business');
    expectProblem(
      await http().get(`${API}/offers/${created.id}/value-history`).set(other.member.auth),
      404,
      'NOT_FOUND',
    );
    for (const role of ['volunteer', 'org_manager'] as const)
      expectProblem(
        await http().get(`${API}/offers/${created.id}/value-history`).set(roles[role].auth),
        403,
        'FORBIDDEN',
      );
  });
});
