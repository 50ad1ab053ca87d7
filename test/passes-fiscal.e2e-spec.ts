import {
  API,
  createFundedParty,
  expectProblem,
  issue,
  newKey,
  type TestParty,
} from './factories/ledger.js';
import {
  createBusiness,
  createOffer,
  createVolunteer,
  expectPassRefusalWritingNothing,
  type FiscalWarningBody,
  giveApprovedHours,
  issuePass,
  type OfferBody,
  type PassBody,
  postRedemption,
  redeem,
  type RedemptionBody,
  type TestVolunteer,
} from './factories/passes.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import type { Role } from '../src/common/roles.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

type Business = Awaited<ReturnType<typeof createBusiness>>;

describe('Story: the admin keeps the tax-free limits per year as data', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;

  // The limits are one table for the whole application: each test starts from the demo's 2025 row alone.
  beforeEach(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  afterEach(() => testApp.close());

  it('shows everyone the 2025 figures of the demo and that the guardrail is on', async () => {
    const limits = await testApp.http
      .get(`${API}/fiscal/limits`)
      .set(roles.business_operator.auth)
      .expect(200);
    expect(limits.body).toEqual({
      guardrailEnabled: true,
      limits: [
        {
          year: 2025,
          hourlyAdult: '5.60',
          hourlyYoung: '3.30',
          adultAge: 21,
          monthly: '210.00',
          yearly: '2100.00',
          updatedAt: expect.any(String),
        },
      ],
    });
  });

  it('adds a new year as a new row (admin only), and replaces a year set before', async () => {
    for (const role of ['treasurer', 'org_manager', 'volunteer'] as const) {
      expectProblem(
        await testApp.http.put(`${API}/fiscal/limits/2026`).set(roles[role].auth).send({
          hourlyAdult: '5.75',
          hourlyYoung: '3.40',
          adultAge: 21,
          monthly: '215.00',
          yearly: '2150.00',
        }),
        403,
        'FORBIDDEN',
      );
    }
    await testApp.http
      .put(`${API}/fiscal/limits/2026`)
      .set(roles.admin.auth)
      .send({
        hourlyAdult: '5.70',
        hourlyYoung: '3.40',
        adultAge: 21,
        monthly: '215.00',
        yearly: '2150.00',
      })
      .expect(200);
    const replaced = await testApp.http
      .put(`${API}/fiscal/limits/2026`)
      .set(roles.admin.auth)
      .send({
        hourlyAdult: '5.75',
        hourlyYoung: '3.40',
        adultAge: 21,
        monthly: '215.00',
        yearly: '2150.00',
      })
      .expect(200);
    expect(replaced.body).toMatchObject({ year: 2026, hourlyAdult: '5.75', monthly: '215.00' });
    const limits = await testApp.http
      .get(`${API}/fiscal/limits`)
      .set(roles.volunteer.auth)
      .expect(200);
    expect(limits.body.limits.map((row: { year: number }) => row.year)).toEqual([2025, 2026]);
  });

  it('refuses limits that contradict themselves or are not euro amounts', async () => {
    const put = (year: string | number, body: object) =>
      testApp.http.put(`${API}/fiscal/limits/${year}`).set(roles.admin.auth).send(body);
    const valid = {
      hourlyAdult: '5.60',
      hourlyYoung: '3.30',
      adultAge: 21,
      monthly: '210.00',
      yearly: '2100.00',
    };
    const crossed = await put(2027, { ...valid, monthly: '2200.00', hourlyYoung: '6.00' });
    expectProblem(crossed, 400, 'VALIDATION_FAILED');
    expect(crossed.body.errors).toEqual([
      expect.objectContaining({ field: 'monthly', code: 'MONTHLY_ABOVE_YEARLY' }),
      expect.objectContaining({ field: 'hourlyYoung', code: 'YOUNG_ABOVE_ADULT' }),
    ]);
    expectProblem(await put(2027, { ...valid, hourlyAdult: '5.605' }), 400, 'VALIDATION_FAILED');
    expectProblem(await put(2027, { ...valid, yearly: 2100 }), 400, 'VALIDATION_FAILED');
    expectProblem(await put(1999, valid), 400, 'VALIDATION_FAILED');
    expectProblem(await put('next', valid), 400, 'VALIDATION_FAILED');
    const limits = await testApp.http.get(`${API}/fiscal/limits`).set(roles.admin.auth).expect(200);
    expect(limits.body.limits.map((row: { year: number }) => row.year)).not.toContain(2027);
  });
});

/** What the counter hears of a guardrail refusal: that it was one, none of the volunteer's figures. */
function expectToldNothingOfTheVolunteer(detail: string): void {
  expect(detail).toBe(
    'Tax-free limit reached: this redemption would take the volunteer over their tax-free limit. Choose a cheaper offer or a smaller quantity; the volunteer can see what is left in their app.',
  );
}

/** The volunteer's own fiscal overview: where the figures the counter is not told are. */
async function overviewOf(testApp: TestApp, volunteer: TestVolunteer) {
  return (await testApp.http.get(`${API}/fiscal/overview`).set(volunteer.member.auth).expect(200))
    .body as {
    hours: { approvedHours: string; hourlyAmount: string; limit: string; room: string };
    months: Array<{ month: string; received: string; limit: string; room: string }>;
    total: { received: string; limit: string; room: string };
    warnings: Array<{ limit: string; received: string; limitAmount: string; room: string }>;
  };
}

interface FiscalWorld {
  testApp: TestApp;
  roles: Record<Role, Session>;
  organisation: TestParty;
  business: Business;
}

async function fiscalWorld(): Promise<FiscalWorld> {
  const testApp = await createTestApp();
  const roles = await loginAllRoles(testApp.http);
  const organisation = await createFundedParty(testApp.http, roles, 'organisation', '500.00');
  const business = await createBusiness(testApp.http, roles.admin);
  return { testApp, roles, organisation, business };
}

/** A volunteer with hours approved and a pass. */
async function volunteerWithPass(
  world: FiscalWorld,
  hours: string,
  birthDate?: string,
  hoursDate?: string,
): Promise<{ volunteer: TestVolunteer; pass: PassBody }> {
  const volunteer = await createVolunteer(world.testApp.http, world.roles.admin, { birthDate });
  if (hours !== '0')
    await giveApprovedHours(
      world.testApp.http,
      volunteer.member,
      world.organisation,
      hours,
      hoursDate,
    );
  // Enough Steerkes that only the guardrail can refuse.
  await issue(world.testApp.http, world.roles.treasurer, volunteer.accountId, '50.00');
  return {
    volunteer,
    pass: await issuePass(world.testApp.http, volunteer.member, volunteer.partyId),
  };
}

describe('Story: a benefit over the hours given × the hourly amount for the age is refused', () => {
  let world: FiscalWorld;
  let coffee: OfferBody;

  beforeAll(async () => {
    world = await fiscalWorld();
    coffee = await createOffer(world.testApp.http, world.business.member, {
      price: '1.00',
      euroValue: '3.50',
    });
  });
  // Each test makes its own volunteer; the birthday test moves the clock.
  beforeEach(() => world.testApp.clock.set(TEST_START));
  afterAll(() => world.testApp.close());

  it('allows an adult 5.60 a hour: one hour covers one coffee (€3.50), not two', async () => {
    const { testApp, roles, business } = world;
    const { volunteer, pass } = await volunteerWithPass(world, '1.00', '1980-03-03');
    const first = await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: coffee.id,
    });
    expect(first.fiscalWarnings).toEqual([]); // 3.50 of 5.60 is 62 %: no warning yet
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world: {
        accountIds: [volunteer.accountId, business.accountId],
        offerIds: [coffee.id],
        passNumbers: [pass.number],
      },
      status: 422,
      code: 'FISCAL_LIMIT_REACHED',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: coffee.id,
        }),
    });
    expectToldNothingOfTheVolunteer(refused.body.detail);
    expect((await overviewOf(testApp, volunteer)).hours).toEqual({
      approvedHours: '1.00',
      hourlyAmount: '5.60',
      limit: '5.60',
      room: '2.10',
    });
    const dutch = await testApp.http
      .post(`${API}/redemptions`)
      .set(business.member.auth)
      .set('Idempotency-Key', newKey())
      .set('Accept-Language', 'nl')
      .send({ passNumber: pass.number, offerId: coffee.id });
    expectProblem(dutch, 422, 'FISCAL_LIMIT_REACHED');
    expect(dutch.body.detail).toContain('Belastingvrije grens bereikt');
  });

  it('allows someone under 21 only 3.30 a hour, and treats an unknown birth date as under 21', async () => {
    const { testApp, roles, business } = world;
    for (const birthDate of ['2008-03-30', undefined]) {
      const { volunteer, pass } = await volunteerWithPass(world, '1.00', birthDate);
      await expectPassRefusalWritingNothing({
        http: testApp.http,
        treasurer: roles.treasurer,
        world: {
          accountIds: [volunteer.accountId, business.accountId],
          offerIds: [coffee.id],
          passNumbers: [pass.number],
        },
        status: 422,
        code: 'FISCAL_LIMIT_REACHED',
        act: () =>
          postRedemption(testApp.http, business.member, {
            passNumber: pass.number,
            offerId: coffee.id,
          }),
      });
      expect((await overviewOf(testApp, volunteer)).hours).toMatchObject({
        hourlyAmount: '3.30',
        limit: '3.30',
      });
    }
  });

  it('applies the adult amount from the 21st birthday on', async () => {
    const { testApp, business } = world;
    const { pass } = await volunteerWithPass(world, '1.00', '2005-11-25');
    expectProblem(
      await postRedemption(testApp.http, business.member, {
        passNumber: pass.number,
        offerId: coffee.id,
      }),
      422,
      'FISCAL_LIMIT_REACHED',
    );
    testApp.clock.set('2026-11-24T23:00:00Z'); // midnight in Maastricht: 25 November, the birthday
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: coffee.id });
  });

  it('refuses everything to a volunteer without approved hours this year', async () => {
    const { testApp, business } = world;
    const { volunteer, pass } = await volunteerWithPass(world, '0', '1970-01-01');
    const refused = await postRedemption(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: coffee.id,
    });
    expectProblem(refused, 422, 'FISCAL_LIMIT_REACHED');
    expect((await overviewOf(testApp, volunteer)).hours).toMatchObject({
      approvedHours: '0.00',
      limit: '0.00',
    });
  });

  it('lets an admin switch the guardrail off (and on again)', async () => {
    const { testApp, roles, business } = world;
    const { pass } = await volunteerWithPass(world, '0', '1970-01-01');
    expectProblem(
      await testApp.http
        .put(`${API}/fiscal/guardrail`)
        .set(roles.treasurer.auth)
        .send({ enabled: false }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await testApp.http
        .put(`${API}/fiscal/guardrail`)
        .set(roles.admin.auth)
        .send({ enabled: 'no' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(
      (
        await testApp.http
          .put(`${API}/fiscal/guardrail`)
          .set(roles.admin.auth)
          .send({ enabled: false })
          .expect(200)
      ).body,
    ).toEqual({ enabled: false });
    const unguarded = await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: coffee.id,
    });
    expect(unguarded.fiscalWarnings).toEqual([]);
    await testApp.http
      .put(`${API}/fiscal/guardrail`)
      .set(roles.admin.auth)
      .send({ enabled: true })
      .expect(200);
    expectProblem(
      await postRedemption(testApp.http, business.member, {
        passNumber: pass.number,
        offerId: coffee.id,
      }),
      422,
      'FISCAL_LIMIT_REACHED',
    );
  });
});

describe('Story: the month’s and the year’s limits, warned at 80 %, counted in Maastricht’s calendar', () => {
  let world: FiscalWorld;
  let volunteer: TestVolunteer;
  let pass: PassBody;
  let treat: OfferBody;

  const redeemTreat = () =>
    postRedemption(world.testApp.http, world.business.member, {
      passNumber: pass.number,
      offerId: treat.id,
    });
  const refusedWritingNothing = (code: string) =>
    expectPassRefusalWritingNothing({
      http: world.testApp.http,
      treasurer: world.roles.treasurer,
      world: {
        accountIds: [volunteer.accountId, world.business.accountId],
        offerIds: [treat.id],
        passNumbers: [pass.number],
      },
      status: 422,
      code,
      act: redeemTreat,
    });

  beforeAll(async () => {
    world = await fiscalWorld();
    // Small limits for 2026, so that a few treats reach them: €10 a month, €15 a year.
    await world.testApp.http
      .put(`${API}/fiscal/limits/2026`)
      .set(world.roles.admin.auth)
      .send({
        hourlyAdult: '5.60',
        hourlyYoung: '3.30',
        adultAge: 21,
        monthly: '10.00',
        yearly: '15.00',
      })
      .expect(200);
    treat = await createOffer(world.testApp.http, world.business.member, {
      title: { nl: 'Traktatie', en: 'Treat' },
      price: '1.00',
      euroValue: '4.00',
    });
  });
  // What a volunteer received is counted per volunteer: one of its own for each test, on 23 November.
  beforeEach(async () => {
    world.testApp.clock.set(TEST_START);
    ({ volunteer, pass } = await volunteerWithPass(world, '10.00', '1975-05-05'));
  });
  afterAll(() => world.testApp.close());

  /** Two treats in November: €8.00 received, 80 % of the month. */
  async function redeemTwoTreats(): Promise<RedemptionBody[]> {
    const treats: RedemptionBody[] = [];
    for (let count = 0; count < 2; count += 1) {
      const response = await redeemTreat();
      expect(response.status).toBe(201);
      treats.push(response.body as RedemptionBody);
    }
    return treats;
  }

  it('warns the counter (which limit, no figures) and the volunteer (the figures) at 80 % of the month, and refuses over it', async () => {
    const first = (await redeemTreat()).body;
    expect(first.fiscalWarnings).toEqual([]);
    const second = (await redeemTreat()).body;
    expect(second.fiscalWarnings).toEqual([
      {
        limit: 'month',
        message: {
          en: 'The volunteer is close to the monthly limit; they can see what is left in their app.',
          nl: 'De vrijwilliger zit dicht bij de maandgrens; in de app ziet de vrijwilliger wat er nog over is.',
        },
      },
    ]);
    expect((await overviewOf(world.testApp, volunteer)).warnings).toEqual([
      expect.objectContaining({
        limit: 'month',
        received: '8.00',
        limitAmount: '10.00',
        room: '2.00',
      }),
    ]);
    const refused = await refusedWritingNothing('FISCAL_LIMIT_REACHED');
    expectToldNothingOfTheVolunteer(refused.body.detail);
  });

  it('no longer counts a voided redemption', async () => {
    const { testApp, business } = world;
    const [, latest] = await redeemTwoTreats();
    await refusedWritingNothing('FISCAL_LIMIT_REACHED');
    await testApp.http
      .post(`${API}/redemptions/${latest.id}/void`)
      .set(business.member.auth)
      .expect(200);
    const again = (await redeemTreat()).body;
    expect(again.status).toBe('completed');
    expect(again.fiscalWarnings.map((warning: FiscalWarningBody) => warning.limit)).toEqual([
      'month',
    ]);
  });

  it('starts a new month at midnight in Maastricht, while the year keeps counting', async () => {
    const { testApp } = world;
    await redeemTwoTreats();
    testApp.clock.set('2026-11-30T22:59:00Z'); // 23:59 on 30 November in Maastricht
    await refusedWritingNothing('FISCAL_LIMIT_REACHED');
    testApp.clock.set('2026-11-30T23:00:00Z'); // 00:00 on 1 December
    const december = (await redeemTreat()).body;
    expect(december.fiscalWarnings).toEqual([expect.objectContaining({ limit: 'year' })]);
    expect((await overviewOf(testApp, volunteer)).warnings).toEqual([
      expect.objectContaining({ limit: 'year', received: '12.00', limitAmount: '15.00' }),
    ]);
    await refusedWritingNothing('FISCAL_LIMIT_REACHED');
    expect((await overviewOf(testApp, volunteer)).total).toEqual({
      received: '12.00',
      limit: '15.00',
      room: '3.00',
    });
  });

  it('starts a new year at midnight in Maastricht, with the limits carried forward and the hours of the new year', async () => {
    const { testApp, organisation } = world;
    await redeemTwoTreats();
    testApp.clock.set('2026-12-31T23:00:00Z'); // 00:00 on 1 January 2027
    // No hours approved in 2027 yet: the hours limit is zero.
    await refusedWritingNothing('FISCAL_LIMIT_REACHED');
    expect((await overviewOf(testApp, volunteer)).hours).toMatchObject({
      approvedHours: '0.00',
      hourlyAmount: '5.60',
    });
    await giveApprovedHours(testApp.http, volunteer.member, organisation, '2.00', '2027-01-01');
    const january = (await redeemTreat()).body;
    expect(january.status).toBe('completed');
    expect(january.redeemedAt).toBe('2026-12-31T23:00:00.000Z');
  });
});

describe('Story: the volunteer sees what they received and the room left, per month and year', () => {
  let world: FiscalWorld;
  let volunteer: TestVolunteer;

  beforeAll(async () => {
    world = await fiscalWorld();
    const { testApp, business } = world;
    let pass: PassBody;
    testApp.clock.set('2026-10-15T10:00:00Z');
    ({ volunteer, pass } = await volunteerWithPass(world, '12.50', '1996-05-14', '2026-10-14'));
    const offer = await createOffer(testApp.http, business.member, {
      price: '2.00',
      euroValue: '4.50',
    });
    await redeem(testApp.http, business.member, { passNumber: pass.number, offerId: offer.id });
    testApp.clock.set('2026-11-23T09:00:00Z');
    await redeem(testApp.http, business.member, {
      passNumber: pass.number,
      offerId: offer.id,
      quantity: 2,
    });
  });
  afterAll(() => world.testApp.close());

  it('shows the year, the months, the hours limit and the room left today', async () => {
    const { testApp } = world;
    const overview = await testApp.http
      .get(`${API}/fiscal/overview`)
      .set(volunteer.member.auth)
      .expect(200);
    expect(overview.body).toMatchObject({
      volunteerId: volunteer.partyId,
      year: 2026,
      guardrailEnabled: true,
      limitsYear: 2025,
      age: 30,
      total: { received: '13.50', limit: '2100.00', room: '2086.50' },
      hours: { approvedHours: '12.50', hourlyAmount: '5.60', limit: '70.00', room: '56.50' },
      roomNow: '56.50',
      warnings: [],
    });
    expect(overview.body.months).toHaveLength(12);
    expect(overview.body.months[9]).toEqual({
      month: '2026-10',
      received: '4.50',
      limit: '210.00',
      room: '205.50',
    });
    expect(overview.body.months[10]).toEqual({
      month: '2026-11',
      received: '9.00',
      limit: '210.00',
      room: '201.00',
    });
    expect(overview.body.months[11]).toEqual({
      month: '2026-12',
      received: '0.00',
      limit: '210.00',
      room: '210.00',
    });
  });

  it('shows another year, and shows admins and treasurers any volunteer; no one else', async () => {
    const { testApp, roles } = world;
    const lastYear = await testApp.http
      .get(`${API}/fiscal/overview`)
      .query({ year: 2025 })
      .set(volunteer.member.auth)
      .expect(200);
    expect(lastYear.body).toMatchObject({
      year: 2025,
      total: { received: '0.00' },
      hours: { approvedHours: '0.00', limit: '0.00' },
      roomNow: null,
    });
    const byAdmin = await testApp.http
      .get(`${API}/fiscal/overview`)
      .query({ volunteerId: volunteer.partyId })
      .set(roles.admin.auth)
      .expect(200);
    expect(byAdmin.body.total.received).toBe('13.50');
    expectProblem(
      await testApp.http.get(`${API}/fiscal/overview`).set(roles.treasurer.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await testApp.http
        .get(`${API}/fiscal/overview`)
        .query({ volunteerId: volunteer.partyId })
        .set(roles.volunteer.auth),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await testApp.http.get(`${API}/fiscal/overview`).set(roles.business_operator.auth),
      403,
      'FORBIDDEN',
    );
    const notVolunteer = await testApp.http
      .get(`${API}/fiscal/overview`)
      .query({ volunteerId: roles.business_operator.partyId })
      .set(roles.admin.auth);
    expectProblem(notVolunteer, 400, 'VALIDATION_FAILED');
    expectProblem(
      await testApp.http
        .get(`${API}/fiscal/overview`)
        .query({ year: 'last' })
        .set(volunteer.member.auth),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('Story: without limits for the year, the guardrail refuses rather than guesses', () => {
  let world: FiscalWorld;

  beforeAll(async () => {
    world = await fiscalWorld();
  });
  afterAll(() => world.testApp.close());

  it('refuses with FISCAL_LIMITS_NOT_CONFIGURED in a year before any limits, writing nothing', async () => {
    const { testApp, roles, business } = world;
    // Her Steerkes are issued today: the demo has closed months since November 2025, and an entry
    // dated in 2024 would change their closing balances. In 2024 she gets her pass and comes to the counter.
    const volunteer = await createVolunteer(testApp.http, roles.admin, { birthDate: '1980-01-01' });
    await issue(testApp.http, roles.treasurer, volunteer.accountId, '50.00');
    testApp.clock.set('2024-06-03T10:00:00Z');
    const pass = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
    const offer = await createOffer(testApp.http, business.member);
    const refused = await expectPassRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      world: {
        accountIds: [volunteer.accountId, business.accountId],
        offerIds: [offer.id],
        passNumbers: [pass.number],
      },
      status: 422,
      code: 'FISCAL_LIMITS_NOT_CONFIGURED',
      act: () =>
        postRedemption(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: offer.id,
        }),
    });
    expect(refused.body.detail).toContain('PUT /fiscal/limits/2024');
  });
});
