import {
  createBusiness,
  createOffer,
  createVolunteer,
  giveApprovedHours,
  issuePass,
  redeem,
} from './factories/passes.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { TRANSPARENCY_CACHE_TTL_MS } from '../src/treasury/reports.service.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ReportBody = any;
const cents = (amount: string | undefined) => Math.round(Number(amount ?? '0') * 100);
/** `amount` plus `cents` of STK or euro, as the API writes amounts. */
const plus = (amount: string | undefined, added: number) =>
  ((cents(amount) + added) / 100).toFixed(2);
const lineOf = (lines: Array<Record<string, unknown>>, key: string, value: unknown) =>
  lines.find((line) => line[key] === value);

type Roles = Record<
  'admin' | 'treasurer' | 'org_manager' | 'business_operator' | 'volunteer',
  Session
>;

describe('Story: the fund tells what the Steerkes did, and the public may read it without seeing anyone', () => {
  let testApp: TestApp;
  let roles: Roles;
  const volunteerNames: string[] = [];
  const passNumbers: string[] = [];
  let smallBusiness: string;
  /** The reports before this story: the demo's year of history is in them already. */
  let before: { sponsorship: ReportBody; impact: ReportBody; transparency: ReportBody };

  beforeAll(async () => {
    testApp = await createTestApp({ demoHistory: true }); // the demo with its year of history, on 2026-11-23
    roles = await loginAllRoles(testApp.http);
    before = {
      sponsorship: (
        await testApp.http
          .get('/api/v1/reports/sponsorship?year=2026')
          .set(roles.treasurer.auth)
          .expect(200)
      ).body,
      impact: (
        await testApp.http
          .get('/api/v1/reports/impact?from=2026-01-01&to=2026-12-31')
          .set(roles.treasurer.auth)
          .expect(200)
      ).body,
      transparency: (await testApp.http.get('/api/v1/public/transparency?year=2026').expect(200))
        .body,
    };
    const malberg = { partyId: roles.org_manager.partyId!, member: roles.org_manager };
    const coffee = await createOffer(testApp.http, roles.business_operator, {
      price: '2.00',
      euroValue: '3.50',
    });
    // The only business in the city-wide "district": its one volunteer is too few to publish.
    const other = await createBusiness(testApp.http, roles.admin, { district: 'city-wide' });
    smallBusiness = other.partyId;
    const tea = await createOffer(testApp.http, other.member, { price: '1.00', euroValue: '2.00' });
    for (let index = 0; index < 6; index += 1) {
      const volunteer = await createVolunteer(testApp.http, roles.admin, {
        birthDate: '1990-01-01',
      });
      volunteerNames.push(
        (await testApp.http.get(`/api/v1/parties/${volunteer.partyId}`).set(roles.admin.auth)).body
          .name,
      );
      await giveApprovedHours(testApp.http, volunteer.member, malberg, '2.00');
      const pass = await issuePass(testApp.http, roles.admin, volunteer.partyId);
      passNumbers.push(pass.number);
      if (index < 5)
        await redeem(testApp.http, roles.business_operator, {
          passNumber: pass.number,
          offerId: coffee.id,
        });
      else await redeem(testApp.http, other.member, { passNumber: pass.number, offerId: tea.id });
    }
  }, 90_000); // the demo's year of history is written first
  afterAll(() => testApp.close());

  it('gives a business its sponsorship of the year for its MVO statement, and the treasurer every business', async () => {
    const own = await testApp.http
      .get('/api/v1/reports/sponsorship?year=2026')
      .set(roles.business_operator.auth)
      .expect(200);
    const demo = lineOf(
      before.sponsorship.businesses,
      'businessId',
      roles.business_operator.partyId,
    )!;
    expect(demo.redemptions).toBeGreaterThan(0); // Het Bonenhuis' year in the demo
    expect(own.body.businesses).toEqual([
      expect.objectContaining({
        businessId: roles.business_operator.partyId,
        redemptions: Number(demo.redemptions) + 5,
        steerkes: plus(demo.steerkes as string, 1000),
        euroValue: plus(demo.euroValue as string, 1750),
      }),
    ]);
    const all = await testApp.http
      .get('/api/v1/reports/sponsorship?year=2026')
      .set(roles.treasurer.auth)
      .expect(200);
    expect(all.body.businesses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          businessId: smallBusiness,
          redemptions: 1,
          steerkes: '1.00',
          euroValue: '2.00',
        }),
      ]),
    );
    const beforeTheDemo = await testApp.http
      .get('/api/v1/reports/sponsorship?year=2024')
      .set(roles.treasurer.auth)
      .expect(200);
    expect(beforeTheDemo.body.businesses).toEqual([]);
  });

  it('gives the impact per organisation and per district; an org manager sees its own organisation', async () => {
    const impact = await testApp.http
      .get('/api/v1/reports/impact?from=2026-01-01&to=2026-12-31')
      .set(roles.treasurer.auth)
      .expect(200);
    const malberg = impact.body.organisations.find(
      (line: { organisationId: string }) => line.organisationId === roles.org_manager.partyId,
    );
    const malbergBefore = lineOf(
      before.impact.organisations,
      'organisationId',
      roles.org_manager.partyId,
    )!;
    // Six new volunteers and their 12 hours, on top of Anouk's and Bram's year at Malberg.
    expect(malberg).toMatchObject({
      name: 'Buurtcentrum Malberg',
      district: 'noord-west',
      volunteers: Number(malbergBefore.volunteers) + 6,
      hoursRewarded: plus(malbergBefore.hoursRewarded as string, 1200),
    });
    expect(cents(malberg.steerkesForHours)).toBe(
      cents(malbergBefore.steerkesForHours as string) + 1200,
    );
    const noordWest = impact.body.districts.find(
      (line: { district: string }) => line.district === 'noord-west',
    );
    expect(noordWest.volunteers).toBe(
      Number(lineOf(before.impact.districts, 'district', 'noord-west')!.volunteers) + 6,
    );
    const own = await testApp.http
      .get('/api/v1/reports/impact')
      .set(roles.org_manager.auth)
      .expect(200);
    expect(
      own.body.organisations.map((line: { organisationId: string }) => line.organisationId),
    ).toEqual([roles.org_manager.partyId]);
    expect(own.body.districts).toEqual([]);
  });

  it('refuses the reports to roles they are not for, and bad input', async () => {
    for (const path of ['/api/v1/reports/sponsorship', '/api/v1/reports/impact']) {
      const refused = await testApp.http.get(path).set(roles.volunteer.auth).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      await testApp.http.get(path).expect(401);
    }
    await testApp.http.get('/api/v1/reports/impact').set(roles.business_operator.auth).expect(403);
    await testApp.http
      .get('/api/v1/reports/sponsorship?year=twenty')
      .set(roles.treasurer.auth)
      .expect(400);
    await testApp.http
      .get('/api/v1/reports/impact?from=2026-13-01')
      .set(roles.treasurer.auth)
      .expect(400);
  });

  it('publishes the transparency report without login: aggregates only, small groups suppressed, no personal data', async () => {
    testApp.clock.advance(TRANSPARENCY_CACHE_TTL_MS); // past the cache of the report read before the story
    const response = await testApp.http.get('/api/v1/public/transparency?year=2026').expect(200);
    const report = response.body;
    expect(report.volunteersPublishedMin).toBe(5);
    const malberg = report.organisations.find(
      (line: { name: string }) => line.name === 'Buurtcentrum Malberg',
    );
    // Before this story Malberg's year had two volunteers (Anouk and Bram): too few to publish. With six more it is published.
    const malbergBefore = lineOf(
      before.transparency.organisations,
      'name',
      'Buurtcentrum Malberg',
    )!;
    expect(malbergBefore).toMatchObject({
      hoursRewarded: null,
      volunteers: null,
      volunteerFiguresSuppressed: true,
    });
    const malbergImpactBefore = lineOf(
      before.impact.organisations,
      'name',
      'Buurtcentrum Malberg',
    )!;
    expect(malbergImpactBefore.volunteers).toBe(2);
    expect(malberg).toMatchObject({
      budgetIssued: malbergBefore.budgetIssued,
      hoursRewarded: plus(malbergImpactBefore.hoursRewarded as string, 1200),
      volunteers: 8,
      volunteerFiguresSuppressed: false,
    });
    // Jekerkwartier paid three volunteers this year (Eva every month, Fatima and Daan at the buurtfeest): too few to publish.
    const jekerkwartier = report.organisations.find(
      (line: { name: string }) => line.name === 'Stichting Jekerkwartier Leeft',
    );
    expect(jekerkwartier).toMatchObject({
      hoursRewarded: null,
      volunteers: null,
      volunteerFiguresSuppressed: true,
    });
    const centrum = report.districts.find(
      (line: { district: string }) => line.district === 'zuid-west-centrum',
    );
    const centrumBefore = lineOf(before.transparency.districts, 'district', 'zuid-west-centrum')!
      .sponsorshipAccepted as Record<string, string & number>;
    expect(centrum.sponsorshipAccepted).toEqual({
      steerkes: plus(centrumBefore.steerkes, 1000),
      euroValue: plus(centrumBefore.euroValue, 1750),
      redemptions: Number(centrumBefore.redemptions) + 5,
    });
    const cityWide = report.districts.find(
      (line: { district: string }) => line.district === 'city-wide',
    );
    expect(cityWide).toMatchObject({ sponsorshipAccepted: null, sponsorshipSuppressed: true });
    const text = JSON.stringify(report);
    for (const name of [...volunteerNames, 'Anouk Janssen', 'Eva Lemmens'])
      expect(text).not.toContain(name);
    for (const number of passNumbers) expect(text).not.toContain(number);
    expect(text).not.toContain('@');
    expect(text).not.toMatch(/volunteerId|partyId|birthDate/);
  });
});
