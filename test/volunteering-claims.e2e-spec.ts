import { VolunteerHours } from '../src/volunteering/volunteer-hours.service.js';
import {
  API,
  createFundedParty,
  newKey,
  readAccount,
  snapshotLedger,
  type EntryBody,
  type TestParty,
} from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import {
  approveClaim,
  expectClaimRefusalWritingNothing,
  listClaims,
  postApprove,
  postClaim,
  submitClaim,
  type TimeClaimBody,
} from './factories/volunteering.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

type Roles = Awaited<ReturnType<typeof loginAllRoles>>;

describe('Story: a volunteer claims hours and the organisation pays them once', () => {
  let testApp: TestApp;
  let roles: Roles;
  let organisation: TestParty;
  let volunteer: TestParty;
  let claim: TimeClaimBody;

  beforeAll(async () => {
    testApp = await createTestApp(); // today in Maastricht: 2026-11-23
    roles = await loginAllRoles(testApp.http);
  });
  // An organisation and a volunteer of their own for each test, which submits and approves the claim itself.
  beforeEach(async () => {
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '20.00');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
  });
  afterAll(() => testApp.close());

  /** Last Saturday's 2.5 hours of homework help, claimed. */
  async function claimSaturday(): Promise<void> {
    claim = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-21',
      hours: 2.5,
      activity: 'Huiswerkbegeleiding',
    });
  }

  /** The claim submitted and approved under the key approve-claim-1. */
  async function claimSaturdayAndApprove(): Promise<void> {
    await claimSaturday();
    expect(
      (await postApprove(testApp.http, organisation.member, claim.id, 'approve-claim-1')).status,
    ).toBe(200);
  }

  it('lets the volunteer claim 2.5 hours of last Saturday; the claim waits for the organisation', async () => {
    await claimSaturday();
    expect(claim).toMatchObject({
      volunteerId: volunteer.partyId,
      volunteerName: volunteer.name,
      organisationId: organisation.partyId,
      organisationName: organisation.name,
      date: '2026-11-21',
      hours: '2.50',
      activity: 'Huiswerkbegeleiding',
      status: 'requested',
      rate: null,
      amount: null,
      entryId: null,
      decidedBy: null,
      submittedBy: volunteer.member.userId,
    });
    expect((await readAccount(testApp.http, roles.treasurer, volunteer.accountId)).balance).toBe(
      '0.00',
    );
  });

  it('shows the claim to the volunteer and to the organisation, not to others', async () => {
    await claimSaturday();
    expect((await listClaims(testApp.http, volunteer.member)).map((item) => item.id)).toEqual([
      claim.id,
    ]);
    expect(
      (await listClaims(testApp.http, organisation.member, { status: 'requested' })).map(
        (item) => item.id,
      ),
    ).toEqual([claim.id]);
    const other = await createFundedParty(testApp.http, roles, 'organisation');
    expect(await listClaims(testApp.http, other.member)).toEqual([]);
    const hidden = await testApp.http.get(`${API}/time-claims/${claim.id}`).set(other.member.auth);
    expect({ status: hidden.status, code: hidden.body.code }).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    await testApp.http.get(`${API}/time-claims/${claim.id}`).set(volunteer.member.auth).expect(200);
    await testApp.http.get(`${API}/time-claims/${claim.id}`).set(roles.treasurer.auth).expect(200);
    const business = await testApp.http.get(`${API}/time-claims`).set(roles.business_operator.auth);
    expect({ status: business.status, code: business.body.code }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('pays the approved claim with one HOURS entry at the default rate of 1.00 STK per hour', async () => {
    await claimSaturday();
    const response = await postApprove(
      testApp.http,
      organisation.member,
      claim.id,
      'approve-claim-1',
    );
    expect(response.status).toBe(200);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    const approved = response.body as TimeClaimBody;
    expect(approved).toMatchObject({
      id: claim.id,
      status: 'approved',
      rate: '1.00',
      amount: '2.50',
      decidedBy: organisation.member.userId,
      decidedAt: '2026-11-23T09:00:00.000Z',
    });
    const entry = (
      await testApp.http
        .get(`${API}/entries/${approved.entryId}`)
        .set(roles.treasurer.auth)
        .expect(200)
    ).body as EntryBody;
    expect(entry).toMatchObject({
      code: 'HOURS',
      effectiveDate: '2026-11-23',
      createdBy: organisation.member.userId,
      metadata: { timeClaimId: claim.id, claimDate: '2026-11-21', hours: '2.50', rate: '1.00' },
    });
    expect(entry.postings).toEqual([
      expect.objectContaining({ accountId: organisation.accountId, amount: '-2.50' }),
      expect.objectContaining({ accountId: volunteer.accountId, amount: '2.50' }),
    ]);
    expect((await readAccount(testApp.http, roles.treasurer, volunteer.accountId)).balance).toBe(
      '2.50',
    );
    expect((await readAccount(testApp.http, roles.treasurer, organisation.accountId)).balance).toBe(
      '17.50',
    );
    expect((await listClaims(testApp.http, volunteer.member))[0]).toMatchObject({
      status: 'approved',
      entryId: approved.entryId,
    });
  });

  it('answers a retry with the same key with the first result, writing nothing', async () => {
    await claimSaturdayAndApprove();
    const before = {
      claims: await listClaims(testApp.http, roles.treasurer),
      ledger: await snapshotLedger(testApp.http, roles.treasurer, [
        organisation.accountId,
        volunteer.accountId,
      ]),
    };
    const replay = await postApprove(
      testApp.http,
      organisation.member,
      claim.id,
      'approve-claim-1',
    );
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toMatchObject({ id: claim.id, status: 'approved', amount: '2.50' });
    expect({
      claims: await listClaims(testApp.http, roles.treasurer),
      ledger: await snapshotLedger(testApp.http, roles.treasurer, [
        organisation.accountId,
        volunteer.accountId,
      ]),
    }).toEqual(before);
  });

  it('refuses to pay it again with another key: 409 TIME_CLAIM_NOT_PENDING, nothing written', async () => {
    await claimSaturdayAndApprove();
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [organisation.accountId, volunteer.accountId],
      status: 409,
      code: 'TIME_CLAIM_NOT_PENDING',
      act: () => postApprove(testApp.http, organisation.member, claim.id, 'approve-claim-1-again'),
    });
    expect(refused.body.detail).toContain('approved');
  });

  it('refuses the same key for another claim: 409 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
    await claimSaturdayAndApprove();
    const second = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-22',
      hours: '1.00',
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [organisation.accountId, volunteer.accountId],
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () => postApprove(testApp.http, organisation.member, second.id, 'approve-claim-1'),
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [organisation.accountId, volunteer.accountId],
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => postApprove(testApp.http, organisation.member, second.id, null),
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [organisation.accountId, volunteer.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${second.id}/approve`)
          .set(organisation.member.auth)
          .set('Idempotency-Key', newKey())
          .send({ amount: '99.00' }),
    });
  });

  it('counts the approved hours for the passes module’s fiscal guardrail', async () => {
    await claimSaturdayAndApprove();
    const hours = testApp.app.get(VolunteerHours);
    expect(
      (await hours.approvedHours(volunteer.partyId, '2026-11-01', '2026-11-30')).toFixed(2),
    ).toBe('2.50');
    expect(
      (await hours.approvedHours(volunteer.partyId, '2026-11-22', '2026-11-30')).toFixed(2),
    ).toBe('0.00');
  });
});

describe('Story: an approval that cannot be paid, or is not theirs to give, changes nothing', () => {
  let testApp: TestApp;
  let roles: Roles;
  let poorOrganisation: TestParty;
  let otherOrganisation: TestParty;
  let volunteer: TestParty;
  let claim: TimeClaimBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // A claim of its own, on an organisation with 1.00, for each test.
  beforeEach(async () => {
    poorOrganisation = await createFundedParty(testApp.http, roles, 'organisation', '1.00');
    otherOrganisation = await createFundedParty(testApp.http, roles, 'organisation', '50.00');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
    claim = await submitClaim(testApp.http, volunteer.member, {
      organisationId: poorOrganisation.partyId,
      hours: '3.00',
    });
  });
  afterAll(() => testApp.close());

  const accounts = () => [
    poorOrganisation.accountId,
    otherOrganisation.accountId,
    volunteer.accountId,
  ];

  it('refuses without enough available Steerkes: 422 INSUFFICIENT_FUNDS; the claim stays requested', async () => {
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () => postApprove(testApp.http, poorOrganisation.member, claim.id),
    });
    expect(refused.body.detail).toContain('1.00');
    expect(
      (
        await testApp.http
          .get(`${API}/time-claims/${claim.id}`)
          .set(volunteer.member.auth)
          .expect(200)
      ).body.status,
    ).toBe('requested');
  });

  it('answers another organisation’s manager 404, as if the claim did not exist', async () => {
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 404,
      code: 'NOT_FOUND',
      act: () => postApprove(testApp.http, otherOrganisation.member, claim.id),
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${claim.id}/reject`)
          .set(otherOrganisation.member.auth)
          .send({ reason: 'niet van ons' }),
    });
  });

  it('refuses other roles with 403: the volunteer, a business, the treasurer and the admin', async () => {
    for (const session of [
      volunteer.member,
      roles.business_operator,
      roles.treasurer,
      roles.admin,
    ] as Session[]) {
      await expectClaimRefusalWritingNothing({
        http: testApp.http,
        treasurer: roles.treasurer,
        accountIds: accounts(),
        status: 403,
        code: 'FORBIDDEN',
        act: () => postApprove(testApp.http, session, claim.id),
      });
    }
  });

  it('answers an unknown or malformed claim id with 404 and 400', async () => {
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        postApprove(testApp.http, poorOrganisation.member, '6f1c3c2e-4b7a-4d51-9a43-2f0c1e9b7a10'),
    });
    const malformed = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => postApprove(testApp.http, poorOrganisation.member, 'not-a-claim'),
    });
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ field: 'id', code: 'isUuid' }),
    ]);
  });

  it('pays once the organisation has the Steerkes', async () => {
    await testApp.http
      .post(`${API}/treasury/issue`)
      .set(roles.treasurer.auth)
      .set('Idempotency-Key', newKey())
      .send({ toAccountId: poorOrganisation.accountId, amount: '5.00', description: 'Aanvulling' })
      .expect(201);
    const approved = await approveClaim(testApp.http, poorOrganisation.member, claim.id);
    expect(approved).toMatchObject({ status: 'approved', amount: '3.00' });
    expect(
      (await readAccount(testApp.http, roles.treasurer, poorOrganisation.accountId)).balance,
    ).toBe('3.00');
  });
});

describe('Story: the organisation rejects a claim; the volunteer withdraws one', () => {
  let testApp: TestApp;
  let roles: Roles;
  let organisation: TestParty;
  let volunteer: TestParty;
  let otherVolunteer: TestParty;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // Parties of their own for each test, at 10:00 in Maastricht.
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '20.00');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
    otherVolunteer = await createFundedParty(testApp.http, roles, 'volunteer');
  });
  afterAll(() => testApp.close());

  /** A claim rejected at 10:00, one withdrawn at 10:00 and one paid at 10:01. */
  async function rejectWithdrawAndPay(): Promise<void> {
    const rejected = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '4.00',
    });
    testApp.clock.advance(60 * 60 * 1000);
    await testApp.http
      .post(`${API}/time-claims/${rejected.id}/reject`)
      .set(organisation.member.auth)
      .send({ reason: 'Die middag was gesloten.' })
      .expect(200);
    const withdrawn = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '1.00',
      date: '2026-11-20',
    });
    await testApp.http
      .post(`${API}/time-claims/${withdrawn.id}/withdraw`)
      .set(volunteer.member.auth)
      .send({ reason: 'Dubbel ingediend.' })
      .expect(200);
    testApp.clock.advance(60 * 1000);
    const paid = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '1.00',
      date: '2026-11-19',
    });
    await approveClaim(testApp.http, organisation.member, paid.id);
  }

  const accounts = () => [organisation.accountId, volunteer.accountId];

  it('rejects with a reason, in the record with who and when; a rejected claim cannot be approved', async () => {
    const claim = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '4.00',
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${claim.id}/reject`)
          .set(organisation.member.auth)
          .send({}),
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${claim.id}/reject`)
          .set(organisation.member.auth)
          .send({ reason: '   ' }),
    });
    testApp.clock.advance(60 * 60 * 1000);
    const rejected = await testApp.http
      .post(`${API}/time-claims/${claim.id}/reject`)
      .set(organisation.member.auth)
      .send({ reason: 'Die middag was gesloten.' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      reason: 'Die middag was gesloten.',
      decidedBy: organisation.member.userId,
      decidedAt: '2026-11-23T10:00:00.000Z',
      entryId: null,
      amount: null,
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'TIME_CLAIM_NOT_PENDING',
      act: () => postApprove(testApp.http, organisation.member, claim.id),
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'TIME_CLAIM_NOT_PENDING',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${claim.id}/reject`)
          .set(organisation.member.auth)
          .send({ reason: 'nog eens' }),
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'TIME_CLAIM_NOT_PENDING',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${claim.id}/withdraw`)
          .set(volunteer.member.auth)
          .send({}),
    });
  });

  it('lets the volunteer withdraw a waiting claim, not someone else’s, and not once decided', async () => {
    const claim = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '1.00',
      date: '2026-11-20',
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${claim.id}/withdraw`)
          .set(otherVolunteer.member.auth)
          .send({}),
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 403,
      code: 'FORBIDDEN',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${claim.id}/withdraw`)
          .set(organisation.member.auth)
          .send({}),
    });
    const withdrawn = await testApp.http
      .post(`${API}/time-claims/${claim.id}/withdraw`)
      .set(volunteer.member.auth)
      .send({ reason: 'Dubbel ingediend.' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      reason: 'Dubbel ingediend.',
      decidedBy: volunteer.member.userId,
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'TIME_CLAIM_NOT_PENDING',
      act: () => postApprove(testApp.http, organisation.member, claim.id),
    });

    testApp.clock.advance(60 * 1000);
    const paid = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '1.00',
      date: '2026-11-19',
    });
    await approveClaim(testApp.http, organisation.member, paid.id);
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'TIME_CLAIM_NOT_PENDING',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${paid.id}/withdraw`)
          .set(volunteer.member.auth)
          .send({}),
    });
  });

  it('filters the organisation’s claims by status, volunteer and date', async () => {
    await rejectWithdrawAndPay();
    const all = await listClaims(testApp.http, organisation.member);
    // Oldest first; the two claims of 10:00 and 10:01 in the order they were made.
    expect(all.map((claim) => claim.status)).toEqual(['rejected', 'withdrawn', 'approved']);
    expect(
      (await listClaims(testApp.http, organisation.member, { status: 'approved' })).map(
        (claim) => claim.date,
      ),
    ).toEqual(['2026-11-19']);
    expect(
      (
        await listClaims(testApp.http, organisation.member, {
          from: '2026-11-20',
          to: '2026-11-20',
        })
      ).map((claim) => claim.status),
    ).toEqual(['withdrawn']);
    expect(
      await listClaims(testApp.http, organisation.member, { volunteerId: otherVolunteer.partyId }),
    ).toEqual([]);
    const bad = await testApp.http
      .get(`${API}/time-claims`)
      .query({ status: 'paid' })
      .set(organisation.member.auth)
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'status', code: 'isIn' })]);
  });
});

describe('Story: a claim is for hours given, in quarter hours, at most 24 a day', () => {
  let testApp: TestApp;
  let roles: Roles;
  let organisation: TestParty;
  let secondOrganisation: TestParty;
  let volunteer: TestParty;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // A volunteer of its own for each test: the day limit counts per volunteer.
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    secondOrganisation = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
  });
  afterAll(() => testApp.close());

  const accounts = () => [organisation.accountId, volunteer.accountId];
  const refuse = (status: number, code: string, input: Record<string, unknown>) =>
    expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status,
      code,
      act: () =>
        postClaim(testApp.http, volunteer.member, {
          organisationId: organisation.partyId,
          ...input,
        }),
    });

  it('refuses hours that are not quarter hours from 0.25 to 24', async () => {
    for (const hours of ['2.10', 0, -1, '24.25', 25, '1e1', 'twee', null, true]) {
      const refused = await refuse(400, 'VALIDATION_FAILED', { hours });
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'hours', code: 'isQuarterHours' }),
      ]);
    }
  });

  it('refuses a date after today in Maastricht, and one more than a year back', async () => {
    const future = await refuse(400, 'VALIDATION_FAILED', { date: '2026-11-24' });
    expect(future.body.errors).toEqual([
      expect.objectContaining({ field: 'date', code: 'TIME_CLAIM_DATE_IN_FUTURE' }),
    ]);
    const old = await refuse(400, 'VALIDATION_FAILED', { date: '2025-11-22' });
    expect(old.body.errors).toEqual([
      expect.objectContaining({ field: 'date', code: 'TIME_CLAIM_DATE_TOO_OLD' }),
    ]);
    const malformed = await refuse(400, 'VALIDATION_FAILED', { date: '2026-02-30' });
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ field: 'date', code: 'isCalendarDate' }),
    ]);
    await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2025-11-23',
      hours: '0.25',
    });
  });

  it('takes the day from Maastricht’s calendar: at 00:30 local time the new day has begun', async () => {
    testApp.clock.set('2026-11-23T23:30:00.000Z');
    await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-24',
      hours: '0.50',
    });
  });

  it('refuses a 25th hour on one day across organisations: 422 TIME_CLAIM_DAY_LIMIT_EXCEEDED', async () => {
    await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-15',
      hours: '16.00',
    });
    const second = await submitClaim(testApp.http, volunteer.member, {
      organisationId: secondOrganisation.partyId,
      date: '2026-11-15',
      hours: '7.75',
    });
    const refused = await refuse(422, 'TIME_CLAIM_DAY_LIMIT_EXCEEDED', {
      date: '2026-11-15',
      hours: '0.50',
    });
    expect(refused.body.detail).toBe(
      'A volunteer can claim at most 24 hours per day; 2026-11-15 already has 23.75 hours claimed, so 0.50 more is too much.',
    );
    await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-15',
      hours: '0.25',
    });
    // A withdrawn claim no longer counts.
    await testApp.http
      .post(`${API}/time-claims/${second.id}/withdraw`)
      .set(volunteer.member.auth)
      .send({})
      .expect(200);
    await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-15',
      hours: '7.75',
    });
  });

  it('answers an organisation that does not exist, or a party that is no organisation, with 404', async () => {
    await refuse(404, 'NOT_FOUND', { organisationId: '6f1c3c2e-4b7a-4d51-9a43-2f0c1e9b7a10' });
    const refused = await refuse(404, 'NOT_FOUND', { organisationId: volunteer.partyId });
    expect(refused.body.detail).toContain('organisation');
  });

  it('refuses unknown fields, and claims by anyone but a volunteer', async () => {
    const unknown = await refuse(400, 'VALIDATION_FAILED', { volunteerId: volunteer.partyId });
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'volunteerId', code: 'whitelistValidation' }),
    ]);
    for (const session of [
      organisation.member,
      roles.admin,
      roles.treasurer,
      roles.business_operator,
    ] as Session[]) {
      await expectClaimRefusalWritingNothing({
        http: testApp.http,
        treasurer: roles.treasurer,
        accountIds: accounts(),
        status: 403,
        code: 'FORBIDDEN',
        act: () => postClaim(testApp.http, session, { organisationId: organisation.partyId }),
      });
    }
  });

  it('answers in Dutch when asked', async () => {
    // 15 November full: 24 hours claimed at two organisations.
    await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-15',
      hours: '16.00',
    });
    await submitClaim(testApp.http, volunteer.member, {
      organisationId: secondOrganisation.partyId,
      date: '2026-11-15',
      hours: '8.00',
    });
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 422,
      code: 'TIME_CLAIM_DAY_LIMIT_EXCEEDED',
      act: () =>
        postClaim(testApp.http, volunteer.member, {
          organisationId: organisation.partyId,
          date: '2026-11-15',
          hours: '1.00',
        }),
    });
    expect(refused.body.detail).toContain('at most 24 hours per day');
    const dutch = await testApp.http
      .post(`${API}/time-claims`)
      .set(volunteer.member.auth)
      .set('Accept-Language', 'nl')
      .send({
        organisationId: organisation.partyId,
        date: '2026-11-15',
        hours: '1.00',
        activity: 'Opruimen',
      })
      .expect(422);
    expect(dutch.body.detail).toBe(
      'Een vrijwilliger kan hoogstens 24 uur per dag declareren; op 2026-11-15 is al 24.00 uur gedeclareerd, dus 1.00 uur erbij is te veel.',
    );
  });

  it('makes a retried submission with the same Idempotency-Key one claim', async () => {
    const body = {
      organisationId: organisation.partyId,
      date: '2026-11-10',
      hours: '3.00',
      activity: 'Koffieochtend',
    };
    const first = await testApp.http
      .post(`${API}/time-claims`)
      .set(volunteer.member.auth)
      .set('Idempotency-Key', 'claim-koffie-10')
      .send(body)
      .expect(201);
    const before = await listClaims(testApp.http, roles.treasurer);
    const replay = await testApp.http
      .post(`${API}/time-claims`)
      .set(volunteer.member.auth)
      .set('Idempotency-Key', 'claim-koffie-10')
      .send(body)
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await listClaims(testApp.http, roles.treasurer)).toEqual(before);
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () =>
        testApp.http
          .post(`${API}/time-claims`)
          .set(volunteer.member.auth)
          .set('Idempotency-Key', 'claim-koffie-10')
          .send({ ...body, hours: '4.00' }),
    });
  });
});

describe('Story: an approved claim is corrected by revoking it, never behind the claim’s back', () => {
  let testApp: TestApp;
  let roles: Roles;
  let organisation: TestParty;
  let volunteer: TestParty;
  let claim: TimeClaimBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // An approved claim of 2.50 hours (2.50 STK) of its own for each test.
  beforeEach(async () => {
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '20.00');
    volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
    const submitted = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '2.50',
    });
    claim = await approveClaim(testApp.http, organisation.member, submitted.id);
  });
  afterAll(() => testApp.close());

  const accounts = () => [organisation.accountId, volunteer.accountId];
  const revoke = (session: Session, body: Record<string, unknown> = { reason: 'Dubbel' }) =>
    testApp.http.post(`${API}/time-claims/${claim.id}/revoke`).set(session.auth).send(body);
  const approvedHours = async () =>
    (
      await testApp.app
        .get(VolunteerHours)
        .approvedHours(volunteer.partyId, '2026-11-01', '2026-11-30')
    ).toFixed(2);

  it('marks the HOURS entry as the claim’s, and refuses its generic reversal: 409 ENTRY_OWNED_BY_MODULE, nothing written', async () => {
    const entry = await testApp.http
      .get(`${API}/entries/${claim.entryId}`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(entry.body.origin).toBe(`volunteering:claim:${claim.id}`);
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'ENTRY_OWNED_BY_MODULE',
      act: () =>
        testApp.http
          .post(`${API}/entries/${claim.entryId}/reversal`)
          .set(roles.treasurer.auth)
          .set('Idempotency-Key', newKey())
          .send({}),
    });
    expect(refused.body.detail).toBe(
      `Entry ${claim.entryId} belongs to volunteering:claim:${claim.id}; revoke the time claim instead (POST /api/v1/time-claims/{id}/revoke).`,
    );
    expect(await approvedHours()).toBe('2.50');
  });

  it('lets the organisation’s manager revoke it with a reason: the entry is reversed, the hours stop counting, the audit log says who', async () => {
    const response = await revoke(organisation.member, { reason: 'Dubbel goedgekeurd' }).expect(
      200,
    );
    expect(response.body).toMatchObject({
      id: claim.id,
      status: 'revoked',
      reason: 'Dubbel goedgekeurd',
      revokedBy: organisation.member.userId,
      entryId: claim.entryId,
    });
    const reversal = await testApp.http
      .get(`${API}/entries/${response.body.reversalEntryId}`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(reversal.body).toMatchObject({
      code: 'REVERSAL',
      reversesEntryId: claim.entryId,
      origin: `volunteering:claim:${claim.id}`,
    });
    expect((await readAccount(testApp.http, roles.treasurer, volunteer.accountId)).balance).toBe(
      '0.00',
    );
    expect((await readAccount(testApp.http, roles.treasurer, organisation.accountId)).balance).toBe(
      '20.00',
    );
    expect(await approvedHours()).toBe('0.00');
    const audit = await testApp.http
      .get(`${API}/treasury/audit-log?limit=100`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(
      audit.body.items.find(
        (event: { action: string; subjectId: string }) =>
          event.action === 'time_claim.revoke' && event.subjectId === claim.id,
      ),
    ).toMatchObject({
      actorId: organisation.member.userId,
      details: { reason: 'Dubbel goedgekeurd', reversalEntryId: response.body.reversalEntryId },
    });
    expect((await snapshotLedger(testApp.http, roles.treasurer, [])).ledger.ok).toBe(true);
    // Revoked once: again is refused, and writes nothing.
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'TIME_CLAIM_NOT_APPROVED',
      act: () => revoke(organisation.member),
    });
  });

  it('lets a treasurer revoke it too', async () => {
    const response = await revoke(roles.treasurer).expect(200);
    expect(response.body).toMatchObject({ status: 'revoked', revokedBy: roles.treasurer.userId });
    expect(await approvedHours()).toBe('0.00');
  });

  it('refuses others, a missing reason, a claim not approved and a volunteer who spent the Steerkes, writing nothing', async () => {
    const other = await createFundedParty(testApp.http, roles, 'organisation');
    const refusals: Array<[number, string, () => ReturnType<typeof revoke>]> = [
      [404, 'NOT_FOUND', () => revoke(other.member)],
      [403, 'FORBIDDEN', () => revoke(volunteer.member)],
      [403, 'FORBIDDEN', () => revoke(roles.admin)],
      [403, 'FORBIDDEN', () => revoke(roles.business_operator)],
      [400, 'VALIDATION_FAILED', () => revoke(organisation.member, {})],
      [400, 'VALIDATION_FAILED', () => revoke(organisation.member, { reason: 'x'.repeat(501) })],
    ];
    for (const [status, code, act] of refusals)
      await expectClaimRefusalWritingNothing({
        http: testApp.http,
        treasurer: roles.treasurer,
        accountIds: accounts(),
        status,
        code,
        act,
      });
    const waiting = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      hours: '1.00',
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'TIME_CLAIM_NOT_APPROVED',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/${waiting.id}/revoke`)
          .set(organisation.member.auth)
          .send({ reason: 'Nog niet goedgekeurd' }),
    });
    // The volunteer spends 2.00 of the 2.50: the payment cannot be taken back whole.
    await testApp.http
      .post(`${API}/transfers`)
      .set(volunteer.member.auth)
      .set('Idempotency-Key', newKey())
      .send({
        fromAccountId: volunteer.accountId,
        toAccountId: organisation.accountId,
        amount: '2.00',
        description: 'Terug',
      })
      .expect(201);
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () => revoke(organisation.member),
    });
    expect(await approvedHours()).toBe('2.50');
  });
});
