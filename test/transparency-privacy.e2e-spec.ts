import type { Role } from '../src/common/roles.js';
import type { District } from '../src/parties/entities/party.entity.js';
import { TRANSPARENCY_CACHE_TTL_MS } from '../src/treasury/reports.service.js';
import { expectProblem, issue } from './factories/ledger.js';
import { createMember, createParty } from './factories/parties.js';
import {
  createBusiness,
  createOffer,
  createVolunteer,
  giveApprovedHours,
  issuePass,
  redeem,
} from './factories/passes.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The public transparency report: volunteers counted once per district, no suppressed figure
 * recoverable by subtraction, served from a cache, rate-limited. The hours stories use 2025 (still
 * claimable on the test clock's 2026-11-23, and empty in the demo without its history), each in a
 * district of its own.
 */

interface Line {
  name?: string;
  district: string;
  hoursRewarded: string | null;
  volunteers: number | null;
  volunteerFiguresSuppressed: boolean;
  sponsorshipAccepted?: unknown;
  sponsorshipSuppressed?: boolean;
}
interface Report {
  organisations: Line[];
  districts: Line[];
}

const HOURS_DATE = '2025-12-10';

describe('Story: the public transparency report shows no one', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  afterAll(() => testApp.close());

  /** The report as it is now: past the cache of any earlier read. */
  async function freshReport(year: number): Promise<Report> {
    testApp.clock.advance(TRANSPARENCY_CACHE_TTL_MS);
    return (await testApp.http.get(`/api/v1/public/transparency?year=${year}`).expect(200)).body;
  }

  async function organisationIn(district: District) {
    const party = await createParty(testApp.http, roles.admin, { kind: 'organisation', district });
    const member = await createMember(testApp.http, roles.admin, party.id, 'org_manager');
    await issue(testApp.http, roles.treasurer, party.accountId, '500.00');
    return { partyId: party.id, name: party.name, member };
  }

  async function volunteersWorkingFor(
    count: number,
    organisations: Array<{ partyId: string; member: Session }>,
    hours = '1.00',
  ) {
    const volunteers = [];
    for (let index = 0; index < count; index += 1) {
      const volunteer = await createVolunteer(testApp.http, roles.admin, {
        birthDate: '1990-01-01',
      });
      for (const organisation of organisations)
        await giveApprovedHours(testApp.http, volunteer.member, organisation, hours, HOURS_DATE);
      volunteers.push(volunteer);
    }
    return volunteers;
  }

  const district = (report: Report, name: string) =>
    report.districts.find((line) => line.district === name)!;
  const organisation = (report: Report, name: string) =>
    report.organisations.find((line) => line.name === name)!;

  it('counts a volunteer of two organisations of a district once in the district', async () => {
    const [first, second] = [
      await organisationIn('noord-oost'),
      await organisationIn('noord-oost'),
    ];
    await volunteersWorkingFor(5, [first, second]);
    const report = await freshReport(2025);
    expect(organisation(report, first.name)).toMatchObject({
      volunteers: 5,
      hoursRewarded: '5.00',
    });
    expect(organisation(report, second.name)).toMatchObject({ volunteers: 5 });
    // Five people, not the ten that adding the organisations' counts would give.
    expect(district(report, 'noord-oost')).toMatchObject({
      volunteers: 5,
      hoursRewarded: '10.00',
      volunteerFiguresSuppressed: false,
    });
  });

  it('counts a volunteer who redeemed at two businesses of a district once: three people are too few to publish', async () => {
    const malberg = { partyId: roles.org_manager.partyId!, member: roles.org_manager };
    const businesses = [
      await createBusiness(testApp.http, roles.admin, { district: 'city-wide' }),
      await createBusiness(testApp.http, roles.admin, { district: 'city-wide' }),
    ];
    const offers = [];
    for (const business of businesses)
      offers.push(
        await createOffer(testApp.http, business.member, { price: '1.00', euroValue: '1.50' }),
      );
    for (let index = 0; index < 3; index += 1) {
      const volunteer = await createVolunteer(testApp.http, roles.admin, {
        birthDate: '1990-01-01',
      });
      await giveApprovedHours(testApp.http, volunteer.member, malberg, '2.00');
      const pass = await issuePass(testApp.http, roles.admin, volunteer.partyId);
      for (const [index, business] of businesses.entries())
        await redeem(testApp.http, business.member, {
          passNumber: pass.number,
          offerId: offers[index].id,
        });
    }
    const cityWide = district(await freshReport(2026), 'city-wide');
    expect(cityWide).toMatchObject({ sponsorshipAccepted: null, sponsorshipSuppressed: true });
  });

  it('suppresses a second figure so that a small organisation cannot be found by subtraction', async () => {
    const large = await organisationIn('zuid-oost');
    const small = await organisationIn('zuid-oost');
    await volunteersWorkingFor(6, [large], '2.00');
    await volunteersWorkingFor(2, [small], '3.00');
    const report = await freshReport(2025);
    expect(organisation(report, small.name)).toMatchObject({
      hoursRewarded: null,
      volunteers: null,
      volunteerFiguresSuppressed: true,
    });
    expect(organisation(report, large.name)).toMatchObject({ hoursRewarded: '12.00' });
    // The attack: the district's hours minus every published organisation's hours of the district.
    const total = district(report, 'zuid-oost').hoursRewarded;
    const published = report.organisations
      .filter((line) => line.district === 'zuid-oost' && line.hoursRewarded !== null)
      .reduce((sum, line) => sum + Number(line.hoursRewarded), 0);
    const recovered = total === null ? null : (Number(total) - published).toFixed(2);
    expect(recovered).not.toBe('6.00');
    expect(recovered).toBeNull();
    expect(district(report, 'zuid-oost')).toMatchObject({
      volunteers: null,
      volunteerFiguresSuppressed: true,
    });
    // No district anywhere has exactly one suppressed organisation beside a published total.
    for (const line of report.districts.filter(
      (candidate) => !candidate.volunteerFiguresSuppressed,
    )) {
      const suppressedInIt = report.organisations.filter(
        (candidate) => candidate.district === line.district && candidate.volunteerFiguresSuppressed,
      );
      expect(suppressedInIt.length).not.toBe(1);
    }
  });

  it('serves the report from a cache for five minutes on the clock, then computes it again', async () => {
    const centre = await organisationIn('zuid-west-centrum');
    await volunteersWorkingFor(5, [centre]);
    const first = await freshReport(2025);
    expect(organisation(first, centre.name)).toMatchObject({ volunteers: 5 });
    await volunteersWorkingFor(1, [centre]);
    testApp.clock.advance(TRANSPARENCY_CACHE_TTL_MS - 1);
    const cached = (await testApp.http.get('/api/v1/public/transparency?year=2025').expect(200))
      .body as Report;
    expect(cached).toEqual(first);
    testApp.clock.advance(1);
    const recomputed = (await testApp.http.get('/api/v1/public/transparency?year=2025').expect(200))
      .body as Report;
    expect(organisation(recomputed, centre.name)).toMatchObject({ volunteers: 6 });
  });
});

describe('Story: the transparency report is rate-limited per address', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      demoData: false,
      environment: { TRANSPARENCY_REQUESTS_PER_MINUTE: '2' },
    });
  });
  afterAll(() => testApp.close());

  it('answers 429 RATE_LIMITED with Retry-After once the address used its requests of the minute', async () => {
    await testApp.http.get('/api/v1/public/transparency?year=2026').expect(200);
    await testApp.http.get('/api/v1/public/transparency?year=2025').expect(200);
    const limited = await testApp.http.get('/api/v1/public/transparency?year=2026');
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
