import { API, createFundedParty, expectProblem } from './factories/ledger.js';
import {
  createBusiness,
  createOffer,
  createVolunteer,
  giveApprovedHours,
  issuePass,
  type OfferBody,
  redeem,
} from './factories/passes.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import type { Role } from '../src/common/roles.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Story: a business publishes offers that anyone can list', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let business: Awaited<ReturnType<typeof createBusiness>>;
  let offer: OfferBody;

  const validOffer = {
    title: { nl: 'Fietsbel', en: 'Bicycle bell' },
    description: { nl: 'Een nieuwe bel, gemonteerd.', en: 'A new bell, fitted.' },
    price: '1.50',
    euroValue: '6.00',
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // A business of its own for each test; the tests after the first publish the bell themselves.
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    business = await createBusiness(testApp.http, roles.admin);
  });
  afterAll(() => testApp.close());

  const publishBell = async () => {
    offer = await createOffer(testApp.http, business.member, {
      ...validOffer,
      validUntil: '2027-03-31',
      stock: 10,
      perPassLimit: { quantity: 1, period: 'month' },
    });
  };

  it('publishes an offer in Dutch and English with a price in STK, a euro value, validity, stock and a per-pass limit', async () => {
    await publishBell();
    expect(offer).toMatchObject({
      businessId: business.partyId,
      title: validOffer.title,
      description: validOffer.description,
      price: '1.50',
      euroValue: '6.00',
      validFrom: '2026-11-23',
      validUntil: '2027-03-31',
      stockRemaining: 10,
      perPassLimit: { quantity: 1, period: 'month' },
      status: 'active',
      redeemable: true,
    });
    expect(offer.businessName).toMatch(/^Zaak /);
    expect(offer.businessDistrict).toBe('zuid-oost');
  });

  it('refuses offers that are incomplete, imprecise or contradict themselves, and callers who are not business operators', async () => {
    const post = (session: Session, body: object) =>
      testApp.http.post(`${API}/offers`).set(session.auth).send(body);
    const noEnglish = await post(business.member, { ...validOffer, title: { nl: 'Fietsbel' } });
    expectProblem(noEnglish, 400, 'VALIDATION_FAILED');
    expect(new Set(noEnglish.body.errors.map((error: { field: string }) => error.field))).toEqual(
      new Set(['title.en']),
    );
    const precise = await post(business.member, { ...validOffer, euroValue: '6.005' });
    expect(precise.body.errors).toEqual([
      expect.objectContaining({ field: 'euroValue', code: 'isAmount' }),
    ]);
    const backwards = await post(business.member, {
      ...validOffer,
      validFrom: '2026-12-10',
      validUntil: '2026-12-01',
    });
    expect(backwards.body.errors).toEqual([
      expect.objectContaining({ field: 'validUntil', code: 'VALID_UNTIL_BEFORE_VALID_FROM' }),
    ]);
    const past = await post(business.member, {
      ...validOffer,
      validFrom: '2026-01-01',
      validUntil: '2026-02-01',
    });
    expect(past.body.errors).toEqual([
      expect.objectContaining({ field: 'validUntil', code: 'VALID_UNTIL_IN_PAST' }),
    ]);
    const period = await post(business.member, {
      ...validOffer,
      perPassLimit: { quantity: 1, period: 'fortnight' },
    });
    expect(period.body.errors).toEqual([
      expect.objectContaining({ field: 'perPassLimit.period', code: 'isIn' }),
    ]);
    expectProblem(
      await post(business.member, { ...validOffer, stock: -1 }),
      400,
      'VALIDATION_FAILED',
    );
    // A list where an object belongs (class-validator validates each element of it, and [] has none).
    for (const field of ['title', 'description', 'perPassLimit'] as const) {
      const asList = await post(business.member, { ...validOffer, [field]: [] });
      expectProblem(asList, 400, 'VALIDATION_FAILED');
      expect(asList.body.errors).toEqual([expect.objectContaining({ field, code: 'isObject' })]);
    }
    expectProblem(
      await post(business.member, { ...validOffer, businessId: roles.business_operator.partyId }),
      400,
      'VALIDATION_FAILED',
    );
    for (const role of ['volunteer', 'org_manager', 'admin', 'treasurer'] as const)
      expectProblem(await post(roles[role], validOffer), 403, 'FORBIDDEN');
    expectProblem(
      await testApp.http.post(`${API}/offers`).send(validOffer),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('lists the offers redeemable today to anyone, without logging in, also per business', async () => {
    await publishBell();
    const all = await testApp.http.get(`${API}/offers`).query({ limit: 100 }).expect(200);
    const ids = all.body.items.map((item: OfferBody) => item.id);
    expect(ids).toContain(offer.id);
    expect(all.body.items.length).toBeGreaterThan(6); // the demo businesses' offers too
    const own = await testApp.http
      .get(`${API}/offers`)
      .query({ businessId: business.partyId })
      .expect(200);
    expect(own.body).toEqual({ items: [offer], nextCursor: null });
    expect((await testApp.http.get(`${API}/offers/${offer.id}`).expect(200)).body).toEqual(offer);
    expectProblem(
      await testApp.http.get(`${API}/offers/4a3f2e1d-0000-4000-8000-000000000000`),
      404,
      'NOT_FOUND',
    );
    expectProblem(await testApp.http.get(`${API}/offers/not-a-uuid`), 400, 'VALIDATION_FAILED');
    const page = await testApp.http.get(`${API}/offers`).query({ limit: 2 }).expect(200);
    expect(page.body.items).toHaveLength(2);
    const next = await testApp.http
      .get(`${API}/offers`)
      .query({ limit: 2, cursor: page.body.nextCursor })
      .expect(200);
    expect(next.body.items[0].id).not.toBe(page.body.items[1].id);
  });

  it('lists the offers of the businesses of one district, so that a volunteer finds what is near', async () => {
    await publishBell();
    const zuidOost = await testApp.http
      .get(`${API}/offers`)
      .query({ district: 'zuid-oost', limit: 100 })
      .expect(200);
    expect(zuidOost.body.items.map((item: OfferBody) => item.id)).toContain(offer.id);
    expect(
      zuidOost.body.items.every((item: OfferBody) => item.businessDistrict === 'zuid-oost'),
    ).toBe(true);
    const centrum = await testApp.http
      .get(`${API}/offers`)
      .query({ district: 'zuid-west-centrum', limit: 100 })
      .expect(200);
    expect(centrum.body.items.length).toBeGreaterThan(0); // the demo's coffee roaster and bookshop
    expect(
      centrum.body.items.every((item: OfferBody) => item.businessDistrict === 'zuid-west-centrum'),
    ).toBe(true);
    expect(centrum.body.items.map((item: OfferBody) => item.id)).not.toContain(offer.id);
    // no business in the district: nothing, not everything
    expect(
      (await testApp.http.get(`${API}/offers`).query({ district: 'city-wide' }).expect(200)).body,
    ).toEqual({ items: [], nextCursor: null });
    const both = await testApp.http
      .get(`${API}/offers`)
      .query({ district: 'zuid-west-centrum', businessId: business.partyId })
      .expect(200);
    expect(both.body.items).toEqual([]);
    expectProblem(
      await testApp.http.get(`${API}/offers`).query({ district: 'maastricht-oost' }),
      400,
      'VALIDATION_FAILED',
    );
    // the managed list of a business has no district filter: it is one business already
    expectProblem(
      await testApp.http
        .get(`${API}/offers/managed`)
        .query({ district: 'zuid-oost' })
        .set(business.member.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('changes its own offer; redemptions keep the price they had; another business cannot touch it', async () => {
    await publishBell();
    const volunteer = await createVolunteer(testApp.http, roles.admin, { birthDate: '1990-01-01' });
    const organisation = await createFundedParty(testApp.http, roles, 'organisation', '50.00');
    await giveApprovedHours(testApp.http, volunteer.member, organisation, '5.00');
    const pass = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
    const redemption = await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: offer.id,
    });
    const changed = await testApp.http
      .patch(`${API}/offers/${offer.id}`)
      .set(business.member.auth)
      .send({ price: '2.50', stock: null })
      .expect(200);
    expect(changed.body).toMatchObject({ price: '2.50', stockRemaining: null, euroValue: '6.00' });
    const kept = await testApp.http
      .get(`${API}/redemptions/${redemption.id}`)
      .set(business.member.auth)
      .expect(200);
    expect(kept.body).toMatchObject({ unitPrice: '1.50', amount: '1.50' });
    expectProblem(
      await testApp.http
        .patch(`${API}/offers/${offer.id}`)
        .set(roles.business_operator.auth)
        .send({ price: '0.50' }),
      404,
      'NOT_FOUND',
    );
    const empty = await testApp.http
      .patch(`${API}/offers/${offer.id}`)
      .set(business.member.auth)
      .send({});
    expect(empty.body.errors).toEqual([expect.objectContaining({ code: 'NOTHING_TO_CHANGE' })]);
    expectProblem(
      await testApp.http
        .patch(`${API}/offers/${offer.id}`)
        .set(business.member.auth)
        .send({ title: null }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await testApp.http.get(`${API}/offers/${offer.id}`).expect(200)).body.price).toBe(
      '2.50',
    );
  });

  it('withdraws an offer: gone from the public list, still in the business’s own list; and back again', async () => {
    await publishBell();
    await testApp.http
      .patch(`${API}/offers/${offer.id}`)
      .set(business.member.auth)
      .send({ status: 'withdrawn' })
      .expect(200);
    expect(
      (await testApp.http.get(`${API}/offers`).query({ businessId: business.partyId }).expect(200))
        .body.items,
    ).toEqual([]);
    const managed = await testApp.http
      .get(`${API}/offers/managed`)
      .set(business.member.auth)
      .expect(200);
    expect(managed.body.items).toEqual([
      expect.objectContaining({ id: offer.id, status: 'withdrawn', redeemable: false }),
    ]);
    const byAdmin = await testApp.http
      .get(`${API}/offers/managed`)
      .query({ businessId: business.partyId, status: 'withdrawn' })
      .set(roles.admin.auth)
      .expect(200);
    expect(byAdmin.body.items.map((item: OfferBody) => item.id)).toEqual([offer.id]);
    expectProblem(
      await testApp.http.get(`${API}/offers/managed`).set(roles.volunteer.auth),
      403,
      'FORBIDDEN',
    );
    await testApp.http
      .patch(`${API}/offers/${offer.id}`)
      .set(business.member.auth)
      .send({ status: 'active' })
      .expect(200);
    expect(
      (await testApp.http.get(`${API}/offers`).query({ businessId: business.partyId }).expect(200))
        .body.items,
    ).toHaveLength(1);
  });

  it('drops an offer from the list after its last valid day', async () => {
    await publishBell();
    testApp.clock.set('2027-03-31T20:00:00Z');
    expect(
      (await testApp.http.get(`${API}/offers`).query({ businessId: business.partyId }).expect(200))
        .body.items,
    ).toHaveLength(1);
    testApp.clock.advance(DAY_MS);
    expect(
      (await testApp.http.get(`${API}/offers`).query({ businessId: business.partyId }).expect(200))
        .body.items,
    ).toEqual([]);
    expect((await testApp.http.get(`${API}/offers/${offer.id}`).expect(200)).body.redeemable).toBe(
      false,
    );
  });
});
