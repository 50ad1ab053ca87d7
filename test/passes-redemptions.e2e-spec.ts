import { API, createFundedParty, expectProblem, newKey, readAccount } from './factories/ledger.js';
import {
  createBusiness,
  createOffer,
  createVolunteer,
  expectPassRefusalWritingNothing,
  giveApprovedHours,
  issuePass,
  listRedemptions,
  type OfferBody,
  type PassBody,
  type PassesWorld,
  postRedemption,
  readPass,
  redeem,
  type RedemptionBody,
  snapshotPasses,
  type TestVolunteer,
  unknownPassNumber,
  withWrongCheckDigit,
} from './factories/passes.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { DataSource } from 'typeorm';
import { hashSecret } from '../src/common/password-hasher.js';
import type { Role } from '../src/common/roles.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

type Business = Awaited<ReturnType<typeof createBusiness>>;

interface Counter {
  testApp: TestApp;
  roles: Record<Role, Session>;
  volunteer: TestVolunteer;
  business: Business;
  pass: PassBody;
  coffee: OfferBody;
}

/**
 * In the story's application: a volunteer with 20 approved hours (20.00 STK), a pass, and a
 * business with a coffee offer (2.00 STK, €3.50). Made afresh for each test, the clock at its start.
 */
async function openCounter(testApp: TestApp, roles: Record<Role, Session>): Promise<Counter> {
  testApp.clock.set(TEST_START);
  const volunteer = await createVolunteer(testApp.http, roles.admin, { birthDate: '1988-02-10' });
  const organisation = await createFundedParty(testApp.http, roles, 'organisation', '200.00');
  await giveApprovedHours(testApp.http, volunteer.member, organisation, '20.00');
  const business = await createBusiness(testApp.http, roles.admin);
  const coffee = await createOffer(testApp.http, business.member);
  const pass = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
  return { testApp, roles, volunteer, business, pass, coffee };
}

/** One application per story; `counter` is then opened in it before each test. */
function useStoryApp(): { testApp: () => TestApp; roles: () => Record<Role, Session> } {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  afterAll(() => testApp.close());
  return { testApp: () => testApp, roles: () => roles };
}

/** The pass policy is one for the whole application: a test that changes it must not change the next one's. */
async function restoreDefaultPassPolicy(counter: Counter): Promise<void> {
  await counter.testApp.http
    .put(`${API}/pass-policy`)
    .set(counter.roles.treasurer.auth)
    .send({ dailyLimit: '25.00', voidWindowMinutes: 15 })
    .expect(200);
}

describe('Story: a business operator redeems a voordeelpas at the counter', () => {
  let counter: Counter;
  let world: PassesWorld;
  let first: RedemptionBody;
  let firstKey: string;
  const story = useStoryApp();

  beforeEach(async () => {
    counter = await openCounter(story.testApp(), story.roles());
    world = {
      accountIds: [counter.volunteer.accountId, counter.business.accountId],
      offerIds: [counter.coffee.id],
      passNumbers: [counter.pass.number],
    };
    firstKey = newKey();
  });

  const redeemFirstCoffee = () =>
    postRedemption(
      counter.testApp.http,
      counter.business.member,
      { passNumber: counter.pass.printedNumber, offerId: counter.coffee.id },
      firstKey,
    );

  it('books one REDEEM entry from the volunteer to the business and answers a receipt', async () => {
    const { testApp, business, volunteer, pass, coffee } = counter;
    const response = await redeemFirstCoffee();
    expect(response.status).toBe(201);
    first = response.body as RedemptionBody;
    expect(first).toMatchObject({
      offerId: coffee.id,
      offerTitle: { nl: 'Kop koffie', en: 'Cup of coffee' },
      businessId: business.partyId,
      volunteerId: null,
      passNumber: `********${pass.number.slice(-4)}`,
      quantity: 1,
      unitPrice: '2.00',
      amount: '2.00',
      unitEuroValue: '3.50',
      euroValue: '3.50',
      status: 'completed',
      reversalEntryId: null,
      redeemedAt: '2026-11-23T09:00:00.000Z',
      voidableUntil: '2026-11-23T09:15:00.000Z',
      fiscalWarnings: [],
    });
    const entry = await testApp.http
      .get(`${API}/entries/${first.entryId}`)
      .set(business.member.auth)
      .expect(200);
    expect(entry.body).toMatchObject({
      code: 'REDEEM',
      description: 'Voordeelpas: 1× Kop koffie',
      metadata: { redemptionId: first.id, offerId: coffee.id },
    });
    expect(entry.body.postings).toEqual([
      { accountId: volunteer.accountId, amount: '-2.00', balanceAfter: null },
      { accountId: business.accountId, amount: '2.00', balanceAfter: '2.00' },
    ]);
    expect((await readAccount(testApp.http, volunteer.member, volunteer.accountId)).balance).toBe(
      '18.00',
    );
  });

  it('refuses the generic reversal of the redemption’s entry, pointing to the redemption’s own reversal, writing nothing', async () => {
    const { testApp, roles } = counter;
    const redeemed = (await redeemFirstCoffee()).body as RedemptionBody;
    const entry = await testApp.http
      .get(`${API}/entries/${redeemed.entryId}`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(entry.body.origin).toBe(`passes:redemption:${redeemed.id}`);
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 409,
      code: 'ENTRY_OWNED_BY_MODULE',
      act: () =>
        testApp.http
          .post(`${API}/entries/${redeemed.entryId}/reversal`)
          .set(roles.treasurer.auth)
          .set('Idempotency-Key', newKey())
          .send({}),
    });
    expect(refused.body.detail).toBe(
      `Entry ${redeemed.entryId} belongs to passes:redemption:${redeemed.id}; reverse the redemption instead (POST /api/v1/redemptions/{id}/reversal).`,
    );
  });

  it('answers a replay with the first receipt and writes nothing; the same key for another request is 409', async () => {
    const { testApp, business, pass, coffee, roles } = counter;
    const response = await redeemFirstCoffee();
    expect(response.status).toBe(201);
    first = response.body as RedemptionBody;
    const before = await snapshotPasses(testApp.http, roles.treasurer, world);
    const replay = await postRedemption(
      testApp.http,
      business.member,
      { passNumber: pass.number, offerId: coffee.id },
      firstKey,
    );
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first);
    expect(await snapshotPasses(testApp.http, roles.treasurer, world)).toEqual(before);
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () =>
        postRedemption(
          testApp.http,
          business.member,
          { passNumber: pass.number, offerId: coffee.id, quantity: 2 },
          firstKey,
        ),
    });
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () =>
        postRedemption(
          testApp.http,
          business.member,
          { passNumber: pass.number, offerId: coffee.id },
          null,
        ),
    });
  });

  it('takes a quantity: price and euro value times the quantity', async () => {
    const { testApp, business, pass, coffee } = counter;
    const two = await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: coffee.id,
      quantity: 2,
    });
    expect(two).toMatchObject({ quantity: 2, amount: '4.00', euroValue: '7.00' });
  });

  it('refuses a mistyped pass number (check digit) and an unknown pass, each with its code, writing nothing', async () => {
    const { testApp, business, pass, coffee, roles } = counter;
    const typo = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 400,
      code: 'PASS_CHECK_DIGIT_INVALID',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: withWrongCheckDigit(pass.number),
          offerId: coffee.id,
        }),
    });
    expect(typo.body.errors).toEqual([
      expect.objectContaining({ field: 'passNumber', code: 'PASS_CHECK_DIGIT_INVALID' }),
    ]);
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 404,
      code: 'PASS_NOT_FOUND',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: unknownPassNumber(),
          offerId: coffee.id,
        }),
    });
    const malformed = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: '1234 5678',
          offerId: coffee.id,
        }),
    });
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ field: 'passNumber', code: 'PASS_NUMBER_FORMAT' }),
    ]);
  });

  it('refuses an offer of another business (403 OFFER_OF_ANOTHER_BUSINESS) and an unknown offer (404), writing nothing', async () => {
    const { testApp, business, pass, roles } = counter;
    const bonenhuisOffers = await testApp.http
      .get(`${API}/offers`)
      .query({ businessId: roles.business_operator.partyId })
      .expect(200);
    const foreign = bonenhuisOffers.body.items[0] as OfferBody;
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 403,
      code: 'OFFER_OF_ANOTHER_BUSINESS',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: foreign.id,
        }),
    });
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: '4a3f2e1d-0000-4000-8000-000000000000',
        }),
    });
  });

  it('refuses bad input, unknown fields and callers who are not business operators', async () => {
    const { testApp, business, pass, coffee, roles } = counter;
    for (const quantity of [0, 21, '1', 1.5]) {
      await expectPassRefusalWritingNothing({
        http: testApp.http,
        treasurer: roles.treasurer,
        world,
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () =>
          postRedemption(testApp.http, business.member, {
            passNumber: pass.number,
            offerId: coffee.id,
            quantity,
          }),
      });
    }
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: coffee.id,
          discount: '1.00',
        }),
    });
    for (const role of ['volunteer', 'org_manager', 'admin', 'treasurer'] as const) {
      await expectPassRefusalWritingNothing({
        http: testApp.http,
        treasurer: roles.treasurer,
        world,
        status: 403,
        code: 'FORBIDDEN',
        act: () =>
          postRedemption(testApp.http, roles[role], {
            passNumber: pass.number,
            offerId: coffee.id,
          }),
      });
    }
  });

  it('refuses an offer that is withdrawn or not yet valid with OFFER_NOT_ACTIVE', async () => {
    const { testApp, business, pass, roles } = counter;
    const later = await createOffer(testApp.http, business.member, { validFrom: '2026-12-01' });
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 422,
      code: 'OFFER_NOT_ACTIVE',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: later.id,
        }),
    });
    expect(refused.body.detail).toContain('validity has not begun');
    const withdrawn = await createOffer(testApp.http, business.member);
    await testApp.http
      .patch(`${API}/offers/${withdrawn.id}`)
      .set(business.member.auth)
      .send({ status: 'withdrawn' })
      .expect(200);
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 422,
      code: 'OFFER_NOT_ACTIVE',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: withdrawn.id,
        }),
    });
  });

  it('takes stock with the redemption and refuses more than is left with OFFER_OUT_OF_STOCK', async () => {
    const { testApp, business, pass, roles } = counter;
    const beans = await createOffer(testApp.http, business.member, {
      title: { nl: 'Koffiebonen', en: 'Coffee beans' },
      price: '1.00',
      euroValue: '2.00',
      stock: 2,
    });
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: beans.id });
    expect(
      (await testApp.http.get(`${API}/offers/${beans.id}`).expect(200)).body.stockRemaining,
    ).toBe(1);
    const stockWorld = { ...world, offerIds: [beans.id] };
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world: stockWorld,
      status: 422,
      code: 'OFFER_OUT_OF_STOCK',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: beans.id,
          quantity: 2,
        }),
    });
    expect(refused.body.detail).toBe(`Offer ${beans.id} has 1 left; 2 requested.`);
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: beans.id });
    const soldOut = await testApp.http.get(`${API}/offers/${beans.id}`).expect(200);
    expect(soldOut.body).toMatchObject({ stockRemaining: 0, redeemable: false });
    const listed = await testApp.http
      .get(`${API}/offers`)
      .query({ businessId: business.partyId })
      .expect(200);
    expect(listed.body.items.map((offer: OfferBody) => offer.id)).not.toContain(beans.id);
  });
});

describe('Story: an offer’s per-pass limit and the pass’s daily limit bound what one pass takes', () => {
  let counter: Counter;
  const story = useStoryApp();

  beforeEach(async () => {
    counter = await openCounter(story.testApp(), story.roles());
    await restoreDefaultPassPolicy(counter);
  });

  it('allows one a day of a one-a-day offer, counted per volunteer, again the next day', async () => {
    const { testApp, business, pass, volunteer, roles } = counter;
    const daily = await createOffer(testApp.http, business.member, {
      title: { nl: 'Dagkoffie', en: 'Coffee of the day' },
      price: '1.00',
      euroValue: '1.50',
      perPassLimit: { quantity: 1, period: 'day' },
    });
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: daily.id });
    const world = {
      accountIds: [volunteer.accountId, business.accountId],
      offerIds: [daily.id],
      passNumbers: [pass.number],
    };
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 422,
      code: 'OFFER_PER_PASS_LIMIT_REACHED',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: daily.id,
        }),
    });
    expect(refused.body.detail).toBe(
      `Offer ${daily.id} allows at most 1 per pass holder per day; 1 already taken, 1 requested.`,
    );
    testApp.clock.advance(DAY_MS);
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: daily.id });
  });

  it('refuses a redemption over the daily STK limit per pass (set by a treasurer) with PASS_DAILY_LIMIT_REACHED', async () => {
    const { testApp, business, pass, volunteer, roles, coffee } = counter;
    expectProblem(
      await testApp.http
        .put(`${API}/pass-policy`)
        .set(roles.org_manager.auth)
        .send({ dailyLimit: '5.00', voidWindowMinutes: 15 }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await testApp.http
        .put(`${API}/pass-policy`)
        .set(roles.treasurer.auth)
        .send({ dailyLimit: '5000.00', voidWindowMinutes: 15 }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await testApp.http
        .put(`${API}/pass-policy`)
        .set(roles.treasurer.auth)
        .send({ dailyLimit: '5.00', voidWindowMinutes: 5000 }),
      400,
      'VALIDATION_FAILED',
    );
    const policy = await testApp.http
      .put(`${API}/pass-policy`)
      .set(roles.treasurer.auth)
      .send({ dailyLimit: '5.00', voidWindowMinutes: 15 })
      .expect(200);
    expect(policy.body).toEqual({ dailyLimit: '5.00', voidWindowMinutes: 15 });
    expect(
      (await testApp.http.get(`${API}/pass-policy`).set(roles.business_operator.auth).expect(200))
        .body,
    ).toEqual(policy.body);
    // Today the pass already spent 1.00 on the coffee of the day.
    const daily = await createOffer(testApp.http, business.member, {
      title: { nl: 'Dagkoffie', en: 'Coffee of the day' },
      price: '1.00',
      euroValue: '1.50',
      perPassLimit: { quantity: 1, period: 'day' },
    });
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: daily.id });
    await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: coffee.id,
      quantity: 2,
    });
    const world = {
      accountIds: [volunteer.accountId, business.accountId],
      offerIds: [coffee.id],
      passNumbers: [pass.number],
    };
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 422,
      code: 'PASS_DAILY_LIMIT_REACHED',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: coffee.id,
        }),
    });
    expect(refused.body.detail).toBe(
      'A pass may spend at most 5.00 STK a day; 2.00 STK more would go over it today. The volunteer can come back tomorrow.',
    );
    testApp.clock.advance(DAY_MS);
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: coffee.id });
  });

  it('refuses a pass whose volunteer has too few Steerkes with PASS_BALANCE_INSUFFICIENT (no account, no balance), writing nothing', async () => {
    const { testApp, business, roles } = counter;
    const poor = await createVolunteer(testApp.http, roles.admin, { birthDate: '1990-01-01' });
    const organisation = await createFundedParty(testApp.http, roles, 'organisation', '50.00');
    await giveApprovedHours(testApp.http, poor.member, organisation, '3.00');
    const pass = await issuePass(testApp.http, poor.member, poor.partyId);
    const swim = await createOffer(testApp.http, business.member, {
      title: { nl: 'Zwemmen', en: 'Swimming' },
      price: '5.00',
      euroValue: '1.00',
    });
    const world = {
      accountIds: [poor.accountId, business.accountId],
      offerIds: [swim.id],
      passNumbers: [pass.number],
    };
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 422,
      code: 'PASS_BALANCE_INSUFFICIENT',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: swim.id,
        }),
    });
    const refused = await postRedemption(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: swim.id,
    });
    expect(refused.body.detail).toBe(
      'Not enough Steerkes on this pass for 5.00 STK. Choose a cheaper offer or a smaller quantity; the volunteer can see their balance in their app.',
    );
    const balance = (await readAccount(testApp.http, poor.member, poor.accountId)).balance;
    for (const secret of [poor.accountId, poor.partyId, balance])
      expect(JSON.stringify(refused.body)).not.toContain(secret);
  });
});

describe('Story: the volunteer’s PIN guards the pass at the counter', () => {
  let counter: Counter;
  let world: PassesWorld;

  const story = useStoryApp();

  // A pass of its own with the PIN 2468 for each test: wrong attempts count per pass.
  beforeEach(async () => {
    counter = await openCounter(story.testApp(), story.roles());
    const { testApp, volunteer, business, pass, coffee } = counter;
    await testApp.http
      .put(`${API}/passes/${pass.number}/pin`)
      .set(volunteer.member.auth)
      .send({ pin: '2468' })
      .expect(204);
    world = {
      accountIds: [volunteer.accountId, business.accountId],
      offerIds: [coffee.id],
      passNumbers: [pass.number],
    };
  });

  const attempt = (pin?: string) => () =>
    postRedemption(counter.testApp.http, counter.business.member, {
      passNumber: counter.pass.number,
      offerId: counter.coffee.id,
      ...(pin === undefined ? {} : { pin }),
    });

  it('asks for the PIN when none is given (PIN_REQUIRED), writing nothing', async () => {
    await expectPassRefusalWritingNothing({
      http: counter.testApp.http,
      treasurer: counter.roles.treasurer,
      world,
      status: 422,
      code: 'PIN_REQUIRED',
      act: attempt(),
    });
  });

  it('refuses a wrong PIN (PIN_INCORRECT, attempts left), moving no Steerkes; a right PIN redeems and starts the count again', async () => {
    for (const attemptsLeft of [4, 3]) {
      const refused = await expectPassRefusalWritingNothing({
        http: counter.testApp.http,
        treasurer: counter.roles.treasurer,
        world,
        status: 422,
        code: 'PIN_INCORRECT',
        act: attempt('1357'),
      });
      expect(refused.body.detail).toBe(
        `The PIN is wrong. After ${attemptsLeft} more wrong attempt(s) in a row the pass is blocked.`,
      );
    }
    const redeemed = await attempt('2468')();
    expect(redeemed.status).toBe(201);
    expect(JSON.stringify(redeemed.body)).not.toContain('2468');
    const again = await attempt('0000')();
    expectProblem(again, 422, 'PIN_INCORRECT');
    expect(again.body.detail).toContain('After 4 more');
  });

  it('keeps the PIN only as a hash peppered by the server (PIN_PEPPER)', async () => {
    const [{ pin_hash: stored }] = await pinHashRow();
    expect(stored).toMatch(/^scrypt-hmac\$\d+\$8\$1\$/);
    expect(stored).not.toContain('2468');
  });

  it('still takes a PIN hashed before the pepper, and hashes it with the pepper at the next right PIN', async () => {
    const legacy = await hashSecret('scrypt', '2468', {
      cost: 2 ** 10,
      blockSize: 8,
      parallelism: 1,
    });
    const parameter = counter.testApp.database.configuration.kind === 'postgres' ? '$1' : '?';
    await counter.testApp.app
      .get(DataSource)
      .query(`UPDATE passes SET pin_hash = ${parameter} WHERE number = '${counter.pass.number}'`, [
        legacy,
      ]);
    expectProblem(await attempt('1357')(), 422, 'PIN_INCORRECT');
    expect((await pinHashRow())[0].pin_hash).toBe(legacy);
    expect((await attempt('2468')()).status).toBe(201);
    const [{ pin_hash: upgraded, pin_failures: failures }] = await pinHashRow();
    expect(upgraded).toMatch(/^scrypt-hmac\$/);
    expect(Number(failures)).toBe(0);
    expect((await attempt('2468')()).status).toBe(201);
    expectProblem(await attempt('1357')(), 422, 'PIN_INCORRECT');
  });

  function pinHashRow(): Promise<Array<{ pin_hash: string; pin_failures: number }>> {
    return counter.testApp.app
      .get(DataSource)
      .query(`SELECT pin_hash, pin_failures FROM passes WHERE number = '${counter.pass.number}'`);
  }

  it('blocks the pass after five wrong PINs in a row, from two businesses (PIN_ATTEMPTS_EXHAUSTED); then even the right PIN meets PASS_BLOCKED', async () => {
    const other = await otherBusiness();
    for (let wrong = 1; wrong <= 3; wrong += 1)
      expectProblem(await attempt('9999')(), 422, 'PIN_INCORRECT');
    expectProblem(await other.attempt('9999')(), 422, 'PIN_INCORRECT');
    const before = await snapshotPasses(counter.testApp.http, counter.roles.treasurer, world);
    const fifth = await other.attempt('9999')();
    expectProblem(fifth, 422, 'PIN_ATTEMPTS_EXHAUSTED');
    expect(fifth.body.detail).toBe(
      'The PIN was wrong 5 times in a row: the pass is now blocked. The volunteer can ask for a new pass.',
    );
    const after = await snapshotPasses(counter.testApp.http, counter.roles.treasurer, world);
    // The ledger, the offer and the redemptions are untouched; only the pass is now blocked.
    expect({ ...after, passes: [] }).toEqual({ ...before, passes: [] });
    expect(after.passes[0]).toMatchObject({ status: 'blocked', blockedReason: 'pin_attempts' });
    await expectPassRefusalWritingNothing({
      http: counter.testApp.http,
      treasurer: counter.roles.treasurer,
      world,
      status: 422,
      code: 'PASS_BLOCKED',
      act: attempt('2468'),
    });
    expect(
      (await readPass(counter.testApp.http, counter.volunteer.member, counter.pass.number)).status,
    ).toBe('blocked');
  });

  it('pauses one business after three wrong PINs on the pass (PIN_ATTEMPTS_PAUSED), without blocking the pass or stopping other businesses', async () => {
    for (let wrong = 1; wrong <= 3; wrong += 1)
      expectProblem(await attempt('9999')(), 422, 'PIN_INCORRECT');
    // Even the right PIN is not tried for this business now, and nothing is written.
    const paused = await expectPassRefusalWritingNothing({
      http: counter.testApp.http,
      treasurer: counter.roles.treasurer,
      world,
      status: 422,
      code: 'PIN_ATTEMPTS_PAUSED',
      act: attempt('2468'),
    });
    expect(paused.body.detail).toBe(
      'Too many wrong PINs for this pass at your business: try this pass again in 60 minutes, or after the volunteer sets a new PIN in their app.',
    );
    expectProblem(await attempt('9999')(), 422, 'PIN_ATTEMPTS_PAUSED');
    expect(
      (await readPass(counter.testApp.http, counter.volunteer.member, counter.pass.number)).status,
    ).toBe('active');
    const other = await otherBusiness();
    expect((await other.attempt('2468')()).status).toBe(201);
  });

  it('lifts the pause when the window has passed, or at once when the volunteer sets a new PIN', async () => {
    for (let wrong = 1; wrong <= 3; wrong += 1)
      expectProblem(await attempt('9999')(), 422, 'PIN_INCORRECT');
    counter.testApp.clock.advance(59 * 60 * 1000);
    const still = await attempt('2468')();
    expectProblem(still, 422, 'PIN_ATTEMPTS_PAUSED');
    expect(still.body.detail).toContain('in 1 minutes');
    counter.testApp.clock.advance(60 * 1000);
    expect((await attempt('2468')()).status).toBe(201);

    for (let wrong = 1; wrong <= 3; wrong += 1)
      expectProblem(await attempt('9999')(), 422, 'PIN_INCORRECT');
    expectProblem(await attempt('2468')(), 422, 'PIN_ATTEMPTS_PAUSED');
    await counter.testApp.http
      .put(`${API}/passes/${counter.pass.number}/pin`)
      .set(counter.volunteer.member.auth)
      .send({ pin: '1122' })
      .expect(204);
    expect((await attempt('1122')()).status).toBe(201);
  });

  /** A second business with its own coffee, trying the same pass. */
  async function otherBusiness() {
    const business = await createBusiness(counter.testApp.http, counter.roles.admin);
    const coffee = await createOffer(counter.testApp.http, business.member);
    return {
      attempt: (pin: string) => () =>
        postRedemption(counter.testApp.http, business.member, {
          passNumber: counter.pass.number,
          offerId: coffee.id,
          pin,
        }),
    };
  }
});

describe('Story: the business voids a mistake within the void window; afterwards only a treasurer reverses', () => {
  let counter: Counter;
  let stocked: OfferBody;
  let world: PassesWorld;

  const story = useStoryApp();

  beforeEach(async () => {
    counter = await openCounter(story.testApp(), story.roles());
    await restoreDefaultPassPolicy(counter);
    const { testApp, business, volunteer, pass } = counter;
    stocked = await createOffer(testApp.http, business.member, {
      title: { nl: 'Taart', en: 'Cake' },
      price: '3.00',
      euroValue: '4.00',
      stock: 5,
      perPassLimit: { quantity: 1, period: 'day' },
    });
    world = {
      accountIds: [volunteer.accountId, business.accountId],
      offerIds: [stocked.id],
      passNumbers: [pass.number],
    };
  });

  /** A cake redeemed at the counter, the redemption the void and reversal tests act on. */
  const redeemCake = () =>
    redeem(counter.testApp.http, counter.business.member, {
      passNumber: counter.pass.number,
      offerId: stocked.id,
    });

  it('voids within 15 minutes: a REVERSAL entry, the Steerkes back, stock and the per-pass limit restored', async () => {
    const { testApp, business, volunteer, pass } = counter;
    const redemption = await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: stocked.id,
    });
    testApp.clock.advance(14 * MINUTE_MS);
    const key = newKey();
    const voided = await testApp.http
      .post(`${API}/redemptions/${redemption.id}/void`)
      .set(business.member.auth)
      .set('Idempotency-Key', key)
      .expect(200);
    expect(voided.body).toMatchObject({
      id: redemption.id,
      status: 'voided',
      closedAt: '2026-11-23T09:14:00.000Z',
    });
    const reversal = await testApp.http
      .get(`${API}/entries/${voided.body.reversalEntryId}`)
      .set(business.member.auth)
      .expect(200);
    expect(reversal.body).toMatchObject({ code: 'REVERSAL', reversesEntryId: redemption.entryId });
    expect((await readAccount(testApp.http, volunteer.member, volunteer.accountId)).balance).toBe(
      '20.00',
    );
    expect(
      (await testApp.http.get(`${API}/offers/${stocked.id}`).expect(200)).body.stockRemaining,
    ).toBe(5);
    const replay = await testApp.http
      .post(`${API}/redemptions/${redemption.id}/void`)
      .set(business.member.auth)
      .set('Idempotency-Key', key)
      .expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(voided.body);
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: counter.roles.treasurer,
      world,
      status: 409,
      code: 'REDEMPTION_NOT_COMPLETED',
      act: () =>
        testApp.http.post(`${API}/redemptions/${redemption.id}/void`).set(business.member.auth),
    });
    // The one-a-day cake is available again: the voided one no longer counts.
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: stocked.id });
  });

  it('refuses a void by another business (404), by the volunteer (403), with a body (400), writing nothing', async () => {
    const { testApp, business, roles, volunteer } = counter;
    await redeemCake();
    const [latest] = (
      await listRedemptions(testApp.http, business.member, { status: 'completed' })
    ).slice(-1);
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        testApp.http.post(`${API}/redemptions/${latest.id}/void`).set(roles.business_operator.auth),
    });
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 403,
      code: 'FORBIDDEN',
      act: () =>
        testApp.http.post(`${API}/redemptions/${latest.id}/void`).set(volunteer.member.auth),
    });
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        testApp.http
          .post(`${API}/redemptions/${latest.id}/void`)
          .set(business.member.auth)
          .send({ reason: 'oeps' }),
    });
  });

  it('refuses a void after the window with REDEMPTION_VOID_WINDOW_CLOSED, writing nothing', async () => {
    const { testApp, business, roles } = counter;
    await redeemCake();
    const [latest] = (
      await listRedemptions(testApp.http, business.member, { status: 'completed' })
    ).slice(-1);
    testApp.clock.set(new Date(Date.parse(latest.voidableUntil) + 1000));
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 409,
      code: 'REDEMPTION_VOID_WINDOW_CLOSED',
      act: () =>
        testApp.http
          .post(`${API}/redemptions/${latest.id}/void`)
          .set(business.member.auth)
          .set('Accept-Language', 'nl'),
    });
    expect(refused.body.detail).toContain('penningmeester');
  });

  it('lets a treasurer reverse it at any time (once), restoring the stock', async () => {
    const { testApp, business, roles } = counter;
    await redeemCake();
    const [latest] = (
      await listRedemptions(testApp.http, business.member, { status: 'completed' })
    ).slice(-1);
    expectProblem(
      await testApp.http
        .post(`${API}/redemptions/${latest.id}/reversal`)
        .set(business.member.auth)
        .set('Idempotency-Key', newKey())
        .send({}),
      403,
      'FORBIDDEN',
    );
    const key = newKey();
    const reversed = await testApp.http
      .post(`${API}/redemptions/${latest.id}/reversal`)
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', key)
      .send({ description: 'Verkeerd aanbod gekozen' })
      .expect(201);
    expect(reversed.body).toMatchObject({
      status: 'reversed',
      volunteerId: counter.volunteer.partyId,
      passNumber: counter.pass.number,
    });
    const entry = await testApp.http
      .get(`${API}/entries/${reversed.body.reversalEntryId}`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(entry.body).toMatchObject({ code: 'REVERSAL', description: 'Verkeerd aanbod gekozen' });
    expect(
      (await testApp.http.get(`${API}/offers/${stocked.id}`).expect(200)).body.stockRemaining,
    ).toBe(5);
    const replay = await testApp.http
      .post(`${API}/redemptions/${latest.id}/reversal`)
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', key)
      .send({ description: 'Verkeerd aanbod gekozen' })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world,
      status: 409,
      code: 'REDEMPTION_NOT_COMPLETED',
      act: () =>
        testApp.http
          .post(`${API}/redemptions/${latest.id}/reversal`)
          .set(roles.treasurer.auth)
          .set('Idempotency-Key', newKey())
          .send({}),
    });
  });

  it('follows a longer void window once an admin sets it', async () => {
    const { testApp, business, pass, roles } = counter;
    await testApp.http
      .put(`${API}/pass-policy`)
      .set(roles.admin.auth)
      .send({ dailyLimit: '25.00', voidWindowMinutes: 30 })
      .expect(200);
    testApp.clock.advance(DAY_MS);
    const redemption = await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: stocked.id,
    });
    expect(Date.parse(redemption.voidableUntil) - Date.parse(redemption.redeemedAt)).toBe(
      30 * MINUTE_MS,
    );
    testApp.clock.advance(20 * MINUTE_MS);
    await testApp.http
      .post(`${API}/redemptions/${redemption.id}/void`)
      .set(business.member.auth)
      .expect(200);
  });
});

describe('Story: each business sees its redemptions and its sponsorship; the volunteer sees their own', () => {
  let counter: Counter;

  const story = useStoryApp();

  // Read-only tests: they share three redemptions, one voided, made once.
  beforeAll(async () => {
    counter = await openCounter(story.testApp(), story.roles());
    const { testApp, business, pass, coffee } = counter;
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: coffee.id });
    testApp.clock.advance(MINUTE_MS);
    await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: coffee.id,
      quantity: 3,
    });
    testApp.clock.advance(MINUTE_MS);
    const voided = await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: coffee.id,
    });
    await testApp.http
      .post(`${API}/redemptions/${voided.id}/void`)
      .set(business.member.auth)
      .expect(200);
  });

  it('lists a business’s own redemptions only, with masked pass numbers', async () => {
    const { testApp, business, roles, pass } = counter;
    const own = await listRedemptions(testApp.http, business.member);
    expect(own.map((redemption) => redemption.status)).toEqual([
      'completed',
      'completed',
      'voided',
    ]);
    expect(new Set(own.map((redemption) => redemption.passNumber))).toEqual(
      new Set([`********${pass.number.slice(-4)}`]),
    );
    // Het Bonenhuis (the demo's business) sees none of this business's redemptions, only its own.
    const demoBusiness = await listRedemptions(testApp.http, roles.business_operator);
    expect(
      demoBusiness.filter((redemption) => own.some((other) => other.id === redemption.id)),
    ).toEqual([]);
    expect(
      demoBusiness.filter(
        (redemption) => redemption.businessId !== roles.business_operator.partyId,
      ),
    ).toEqual([]);
    const page = await testApp.http
      .get(`${API}/redemptions`)
      .query({ limit: 2 })
      .set(business.member.auth)
      .expect(200);
    expect(page.body.items).toHaveLength(2);
    const rest = await testApp.http
      .get(`${API}/redemptions`)
      .query({ limit: 2, cursor: page.body.nextCursor })
      .set(business.member.auth)
      .expect(200);
    expect(rest.body).toMatchObject({
      items: [expect.objectContaining({ status: 'voided' })],
      nextCursor: null,
    });
    expectProblem(
      await testApp.http.get(`${API}/redemptions/${own[0].id}`).set(roles.business_operator.auth),
      404,
      'NOT_FOUND',
    );
  });

  it('shows the volunteer their own redemptions in full', async () => {
    const { testApp, volunteer, pass, roles } = counter;
    const own = await listRedemptions(testApp.http, volunteer.member);
    expect(own).toHaveLength(3);
    expect(own[0]).toMatchObject({ volunteerId: volunteer.partyId, passNumber: pass.number });
    // Anouk (the demo's volunteer) sees none of this volunteer's redemptions, only her own.
    const anouk = await listRedemptions(testApp.http, roles.volunteer);
    expect(
      anouk.filter((redemption) => redemption.volunteerId !== roles.volunteer.partyId),
    ).toEqual([]);
    expectProblem(
      await testApp.http.get(`${API}/redemptions`).set(roles.org_manager.auth),
      403,
      'FORBIDDEN',
    );
  });

  it('sums the business’s sponsorship for the year in Steerkes and euro value, without the voided redemption', async () => {
    const { testApp, business, roles } = counter;
    const summary = await testApp.http
      .get(`${API}/redemptions/summary`)
      .set(business.member.auth)
      .expect(200);
    expect(summary.body).toMatchObject({
      businessId: business.partyId,
      year: 2026,
      redemptions: 2,
      steerkes: '8.00',
      euroValue: '14.00',
    });
    expect(summary.body.months).toHaveLength(12);
    expect(summary.body.months[10]).toEqual({
      month: '2026-11',
      redemptions: 2,
      steerkes: '8.00',
      euroValue: '14.00',
    });
    expect(summary.body.months[0]).toEqual({
      month: '2026-01',
      redemptions: 0,
      steerkes: '0.00',
      euroValue: '0.00',
    });
    const byTreasurer = await testApp.http
      .get(`${API}/redemptions/summary`)
      .query({ businessId: business.partyId, year: 2026 })
      .set(roles.treasurer.auth)
      .expect(200);
    expect(byTreasurer.body).toEqual(summary.body);
    expectProblem(
      await testApp.http.get(`${API}/redemptions/summary`).set(roles.treasurer.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await testApp.http
        .get(`${API}/redemptions/summary`)
        .query({ businessId: business.partyId })
        .set(roles.business_operator.auth),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await testApp.http.get(`${API}/redemptions/summary`).set(roles.volunteer.auth),
      403,
      'FORBIDDEN',
    );
    const lastYear = await testApp.http
      .get(`${API}/redemptions/summary`)
      .query({ year: 2025 })
      .set(business.member.auth)
      .expect(200);
    expect(lastYear.body).toMatchObject({ redemptions: 0, steerkes: '0.00', euroValue: '0.00' });
  });
});
