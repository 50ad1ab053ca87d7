import { API, createFundedParty, readAccount, type TestParty } from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { approveClaim, submitClaim } from './factories/volunteering.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Roles = Awaited<ReturnType<typeof loginAllRoles>>;

describe('Story: the admin sets the allowed hour rates, an organisation its own, claims pay the rate in force', () => {
  let testApp: TestApp;
  let roles: Roles;
  let organisation: TestParty;
  let otherOrganisation: TestParty;
  let volunteer: TestParty;

  // The rate range is one for the whole application: each test gets an application of its own.
  beforeEach(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    otherOrganisation = await createFundedParty(testApp.http, roles, 'organisation');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
  });
  afterEach(() => testApp.close());

  const range = () =>
    testApp.http.get(`${API}/volunteering/hour-rate-range`).set(volunteer.member.auth).expect(200);
  const rateOf = (organisationId: string) =>
    testApp.http
      .get(`${API}/organisations/${organisationId}/hour-rate`)
      .set(volunteer.member.auth)
      .expect(200);
  const putRange = (session: Session, body: object) =>
    testApp.http.put(`${API}/volunteering/hour-rate-range`).set(session.auth).send(body);
  const putRate = (session: Session, organisationId: string, body: object) =>
    testApp.http
      .put(`${API}/organisations/${organisationId}/hour-rate`)
      .set(session.auth)
      .send(body);

  it('starts from 0.50–2.00 STK per hour with a default of 1.00, visible to everyone logged in', async () => {
    expect((await range()).body).toMatchObject({ min: '0.50', max: '2.00', defaultRate: '1.00' });
    expect((await rateOf(organisation.partyId)).body).toEqual({
      organisationId: organisation.partyId,
      rate: '1.00',
      organisationRate: null,
      min: '0.50',
      max: '2.00',
      updatedAt: null,
    });
  });

  it('lets a manager set their organisation’s rate inside the range, not another’s, not outside', async () => {
    const set = await putRate(organisation.member, organisation.partyId, { rate: '1.50' }).expect(
      200,
    );
    expect(set.body).toMatchObject({
      rate: '1.50',
      organisationRate: '1.50',
      updatedAt: '2026-11-23T09:00:00.000Z',
    });
    const outside = await putRate(organisation.member, organisation.partyId, { rate: '2.50' });
    expect({ status: outside.status, code: outside.body.code }).toEqual({
      status: 422,
      code: 'HOUR_RATE_OUT_OF_RANGE',
    });
    expect(outside.body.detail).toBe('The hour rate must lie between 0.50 and 2.00 STK per hour.');
    const foreign = await putRate(otherOrganisation.member, organisation.partyId, { rate: '0.50' });
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    for (const session of [
      volunteer.member,
      roles.treasurer,
      roles.business_operator,
    ] as Session[]) {
      const refused = await putRate(session, organisation.partyId, { rate: '0.50' });
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    for (const rate of ['0', '-1.00', '1.005', 1.5, 'veel']) {
      const invalid = await putRate(organisation.member, organisation.partyId, { rate });
      expect({
        status: invalid.status,
        code: invalid.body.code,
        field: invalid.body.errors?.[0]?.field,
      }).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: 'rate' });
    }
    expect((await rateOf(organisation.partyId)).body.rate).toBe('1.50');
    const notAnOrganisation = await putRate(roles.admin, volunteer.partyId, { rate: '1.00' });
    expect({ status: notAnOrganisation.status, code: notAnOrganisation.body.code }).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('pays a claim at the rate in force when approved, hours × rate rounded half-up to the cent', async () => {
    const claim = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '0.75',
      date: '2026-11-20',
    });
    await putRate(roles.admin, organisation.partyId, { rate: '0.55' }).expect(200);
    const approved = await approveClaim(testApp.http, organisation.member, claim.id);
    expect(approved).toMatchObject({ rate: '0.55', amount: '0.41' }); // 0.75 × 0.55 = 0.4125
    const quarter = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '0.25',
      date: '2026-11-20',
    });
    expect(await approveClaim(testApp.http, organisation.member, quarter.id)).toMatchObject({
      amount: '0.14',
    }); // 0.1375 → 0.14
    expect((await readAccount(testApp.http, roles.treasurer, volunteer.accountId)).balance).toBe(
      '0.55',
    );
  });

  it('lets only the admin change the range; refuses a crossed or unbounded one, and a default outside it', async () => {
    for (const session of [organisation.member, roles.treasurer, volunteer.member] as Session[]) {
      const refused = await putRange(session, { min: '0.50', max: '3.00' });
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    const crossed = await putRange(roles.admin, { min: '2.00', max: '1.00' }).expect(400);
    expect(crossed.body.errors).toEqual([
      expect.objectContaining({ field: 'min', code: 'HOUR_RATE_MIN_ABOVE_MAX' }),
    ]);
    const beyond = await putRange(roles.admin, { min: '0.05', max: '500.00' }).expect(400);
    expect(beyond.body.errors).toEqual([
      expect.objectContaining({ field: 'min', code: 'HOUR_RATE_BEYOND_BOUNDS' }),
      expect.objectContaining({ field: 'max', code: 'HOUR_RATE_BEYOND_BOUNDS' }),
    ]);
    const defaultOutside = await putRange(roles.admin, { min: '1.25', max: '2.00' }).expect(400);
    expect(defaultOutside.body.errors).toEqual([
      expect.objectContaining({ field: 'defaultRate', code: 'HOUR_RATE_DEFAULT_OUT_OF_RANGE' }),
    ]);
    const missing = await putRange(roles.admin, { min: '1.00' }).expect(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'max', code: 'isAmount' }),
    ]);
    expect((await range()).body).toMatchObject({ min: '0.50', max: '2.00', defaultRate: '1.00' });
  });

  it('keeps rates set before a narrower range inside it: paid at the nearest bound', async () => {
    await putRate(roles.admin, organisation.partyId, { rate: '0.55' }).expect(200);
    const changed = await putRange(roles.admin, {
      min: '0.75',
      max: '1.25',
      defaultRate: '0.80',
    }).expect(200);
    expect(changed.body).toMatchObject({
      min: '0.75',
      max: '1.25',
      defaultRate: '0.80',
      updatedBy: roles.admin.userId,
    });
    expect((await rateOf(organisation.partyId)).body).toMatchObject({
      rate: '0.75',
      organisationRate: '0.55',
    });
    expect((await rateOf(otherOrganisation.partyId)).body).toMatchObject({
      rate: '0.80',
      organisationRate: null,
    });
    const claim = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '2.00',
      date: '2026-11-21',
    });
    expect(await approveClaim(testApp.http, organisation.member, claim.id)).toMatchObject({
      rate: '0.75',
      amount: '1.50',
    });
  });
});
