import {
  API,
  createFundedParty,
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
  postBulk,
  submitClaim,
  type TimeClaimBatchBody,
} from './factories/volunteering.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Roles = Awaited<ReturnType<typeof loginAllRoles>>;

describe('Story: an organisation records a buurtfeest with many volunteers in one request', () => {
  let testApp: TestApp;
  let roles: Roles;
  let organisation: TestParty;
  let volunteers: TestParty[];
  let business: TestParty;
  let batch: TimeClaimBatchBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // An organisation with 30.00, four volunteers who worked for it before (a quarter of an hour
  // each, approved: bulk includes only such volunteers) and a business of its own for each test.
  beforeEach(async () => {
    organisation = await createFundedParty(testApp.http, roles, 'organisation', '31.00');
    volunteers = [];
    for (let index = 0; index < 4; index += 1) {
      const volunteer = await createFundedParty(testApp.http, roles, 'volunteer');
      await workedBefore(volunteer);
      volunteers.push(volunteer);
    }
    business = await createFundedParty(testApp.http, roles, 'business');
  });

  /** The volunteer's own approved claim of a quarter of an hour earlier this month (0.25 paid). */
  async function workedBefore(volunteer: TestParty): Promise<void> {
    const claim = await submitClaim(testApp.http, volunteer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-02',
      hours: '0.25',
    });
    await approveClaim(testApp.http, organisation.member, claim.id);
  }
  afterAll(() => testApp.close());

  const accounts = () => [
    organisation.accountId,
    ...volunteers.map((volunteer) => volunteer.accountId),
  ];
  const buurtfeest = () => ({
    date: '2026-11-21',
    activity: 'Buurtfeest Malberg',
    participants: [
      { volunteerId: volunteers[0].partyId, hours: '4.00' },
      { volunteerId: volunteers[1].partyId, hours: 2.5 },
      { volunteerId: volunteers[2].partyId, hours: '6.25' },
    ],
  });

  /** The buurtfeest recorded under the key buurtfeest-2026: 12.75 paid, 17.25 left. */
  async function recordBuurtfeest(): Promise<void> {
    const response = await postBulk(
      testApp.http,
      organisation.member,
      buurtfeest(),
      'buurtfeest-2026',
    );
    expect(response.status).toBe(201);
    batch = response.body as TimeClaimBatchBody;
  }

  it('pays every participant with an approved claim and an HOURS entry of their own', async () => {
    await recordBuurtfeest();
    expect(batch).toMatchObject({
      organisationId: organisation.partyId,
      organisationName: organisation.name,
      date: '2026-11-21',
      activity: 'Buurtfeest Malberg',
      rate: '1.00',
      totalHours: '12.75',
      totalAmount: '12.75',
      createdBy: organisation.member.userId,
    });
    expect(
      batch.claims.map((claim) => [
        claim.volunteerId,
        claim.hours,
        claim.amount,
        claim.status,
        claim.batchId,
      ]),
    ).toEqual([
      [volunteers[0].partyId, '4.00', '4.00', 'approved', batch.id],
      [volunteers[1].partyId, '2.50', '2.50', 'approved', batch.id],
      [volunteers[2].partyId, '6.25', '6.25', 'approved', batch.id],
    ]);
    for (const [index, claim] of batch.claims.entries()) {
      const entry = (
        await testApp.http
          .get(`${API}/entries/${claim.entryId}`)
          .set(roles.treasurer.auth)
          .expect(200)
      ).body as EntryBody;
      expect(entry).toMatchObject({
        code: 'HOURS',
        metadata: { timeClaimId: claim.id, timeClaimBatchId: batch.id },
      });
      // What bulk paid on top of the 0.25 of their earlier claim.
      expect(
        (await readAccount(testApp.http, roles.treasurer, volunteers[index].accountId)).balance,
      ).toBe((Number(claim.amount) + 0.25).toFixed(2));
    }
    expect((await readAccount(testApp.http, roles.treasurer, organisation.accountId)).balance).toBe(
      '17.25',
    );
    expect(
      (await listClaims(testApp.http, volunteers[1].member))
        .filter((claim) => claim.batchId !== null)
        .map((claim) => claim.id),
    ).toEqual([batch.claims[1].id]);
    expect(
      (await listClaims(testApp.http, organisation.member, { batchId: batch.id })).length,
    ).toBe(3);
  });

  it('answers a retry with the first result: no second payment, no duplicate claims', async () => {
    await recordBuurtfeest();
    const before = {
      claims: await listClaims(testApp.http, roles.treasurer),
      ledger: await snapshotLedger(testApp.http, roles.treasurer, accounts()),
    };
    const replay = await postBulk(
      testApp.http,
      organisation.member,
      buurtfeest(),
      'buurtfeest-2026',
    );
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(batch);
    expect({
      claims: await listClaims(testApp.http, roles.treasurer),
      ledger: await snapshotLedger(testApp.http, roles.treasurer, accounts()),
    }).toEqual(before);
  });

  it('refuses the same key with another body: 409 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
    await recordBuurtfeest();
    const changed = { ...buurtfeest(), activity: 'Opruimen na het buurtfeest' };
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () => postBulk(testApp.http, organisation.member, changed, 'buurtfeest-2026'),
    });
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => postBulk(testApp.http, organisation.member, changed, null),
    });
  });

  it('checks every participant first and lists every problem; nothing is recorded', async () => {
    await submitClaim(testApp.http, volunteers[3].member, {
      organisationId: organisation.partyId,
      date: '2026-11-22',
      hours: '20.00',
    });
    const body = {
      date: '2026-11-22',
      activity: 'Zwerfvuil prikken',
      participants: [
        { volunteerId: volunteers[0].partyId, hours: '2.00' },
        { volunteerId: '6f1c3c2e-4b7a-4d51-9a43-2f0c1e9b7a10', hours: '2.00' },
        { volunteerId: business.partyId, hours: '2.00' },
        { volunteerId: volunteers[1].partyId, hours: '2.10' },
        { volunteerId: volunteers[3].partyId, hours: '3.00' }, // 23 of 24: fits
        { volunteerId: volunteers[3].partyId, hours: '1.25' }, // 24.25: one line too many
        { volunteerId: volunteers[2].partyId, hours: 0 },
      ],
    };
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 422,
      code: 'TIME_CLAIMS_REFUSED',
      act: () => postBulk(testApp.http, organisation.member, body),
    });
    expect(refused.body.detail).toBe(
      'Nothing was recorded: the activity has 5 problem(s), each listed under errors.',
    );
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'participants.1.volunteerId',
        code: 'TIME_CLAIM_VOLUNTEER_UNKNOWN',
        message: 'There is no volunteer with this id.',
      }),
      expect.objectContaining({
        field: 'participants.2.volunteerId',
        code: 'TIME_CLAIM_VOLUNTEER_UNKNOWN',
      }),
      expect.objectContaining({ field: 'participants.3.hours', code: 'isQuarterHours' }),
      expect.objectContaining({
        field: 'participants.5.hours',
        code: 'TIME_CLAIM_DAY_LIMIT_EXCEEDED',
        parameters: { claimed: '23.00', requested: '1.25', limit: 24 },
      }),
      expect.objectContaining({ field: 'participants.6.hours', code: 'isQuarterHours' }),
    ]);
  });

  it('refuses a date after today among the other problems, in Dutch when asked', async () => {
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 422,
      code: 'TIME_CLAIMS_REFUSED',
      act: () =>
        testApp.http
          .post(`${API}/time-claims/bulk`)
          .set(organisation.member.auth)
          .set('Idempotency-Key', 'toekomst')
          .set('Accept-Language', 'nl')
          .send({
            date: '2026-11-24',
            activity: 'Kerstmarkt',
            participants: [{ volunteerId: volunteers[0].partyId, hours: '1.00' }],
          }),
    });
    expect(refused.body.detail).toBe(
      'Er is niets vastgelegd: de activiteit heeft 1 probleem/problemen, elk vermeld onder errors.',
    );
    expect(refused.body.errors).toEqual([
      {
        field: 'date',
        code: 'TIME_CLAIM_DATE_IN_FUTURE',
        parameters: { today: '2026-11-23' },
        message: 'De datum ligt na vandaag; declareer uren pas als ze gegeven zijn.',
      },
    ]);
  });

  it('refuses when the total is more than the organisation has available, though each line alone would fit', async () => {
    await recordBuurtfeest();
    const body = {
      date: '2026-11-20',
      activity: 'Klussendag',
      participants: volunteers
        .slice(0, 3)
        .map((volunteer) => ({ volunteerId: volunteer.partyId, hours: '6.00' })),
    };
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 422,
      code: 'TIME_CLAIMS_REFUSED',
      act: () => postBulk(testApp.http, organisation.member, body),
    });
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'participants',
        code: 'INSUFFICIENT_FUNDS',
        parameters: { accountId: organisation.accountId, available: '17.25', required: '18.00' },
      }),
    ]);
  });

  it('names a volunteer whose account cannot take the payment, from the ledger’s own check', async () => {
    await testApp.http
      .put(`${API}/accounts/${volunteers[2].accountId}/policy`)
      .set(roles.admin.auth)
      .send({ minBalance: '0.00', maxBalance: null, status: 'frozen' })
      .expect(200);
    const body = {
      date: '2026-11-20',
      activity: 'Klussendag',
      participants: [
        { volunteerId: volunteers[0].partyId, hours: '1.00' },
        { volunteerId: volunteers[2].partyId, hours: '1.00' },
      ],
    };
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 422,
      code: 'TIME_CLAIMS_REFUSED',
      act: () => postBulk(testApp.http, organisation.member, body),
    });
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'participants.1.volunteerId', code: 'ACCOUNT_NOT_OPEN' }),
    ]);
    await testApp.http
      .put(`${API}/accounts/${volunteers[2].accountId}/policy`)
      .set(roles.admin.auth)
      .send({ minBalance: '0.00', maxBalance: null, status: 'open' })
      .expect(200);
  });

  it('refuses a volunteer who never worked for the organisation, per line, until their own claim is approved', async () => {
    const newcomer = await createFundedParty(testApp.http, roles, 'volunteer');
    // A claim with another organisation does not count for this one.
    const elsewhere = await createFundedParty(testApp.http, roles, 'organisation', '5.00');
    const other = await submitClaim(testApp.http, newcomer.member, {
      organisationId: elsewhere.partyId,
      date: '2026-11-03',
      hours: '1.00',
    });
    await approveClaim(testApp.http, elsewhere.member, other.id);
    const body = {
      date: '2026-11-20',
      activity: 'Klussendag',
      participants: [
        { volunteerId: volunteers[0].partyId, hours: '1.00' },
        { volunteerId: newcomer.partyId, hours: '1.00' },
      ],
    };
    const refused = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [...accounts(), newcomer.accountId],
      status: 422,
      code: 'TIME_CLAIMS_REFUSED',
      act: () => postBulk(testApp.http, organisation.member, body),
    });
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'participants.1.volunteerId',
        code: 'TIME_CLAIM_VOLUNTEER_NEW_TO_ORGANISATION',
        message: expect.stringContaining('submit their first claim themselves'),
      }),
    ]);
    // A requested (not yet approved) claim is not enough either.
    const first = await submitClaim(testApp.http, newcomer.member, {
      organisationId: organisation.partyId,
      date: '2026-11-04',
      hours: '0.50',
    });
    const stillRefused = await postBulk(testApp.http, organisation.member, body);
    expect(stillRefused.status).toBe(422);
    expect(stillRefused.body.errors).toEqual([
      expect.objectContaining({ code: 'TIME_CLAIM_VOLUNTEER_NEW_TO_ORGANISATION' }),
    ]);
    await approveClaim(testApp.http, organisation.member, first.id);
    const recorded = await postBulk(testApp.http, organisation.member, body);
    expect(recorded.status).toBe(201);
    expect((recorded.body as TimeClaimBatchBody).claims).toHaveLength(2);
  });

  it('refuses malformed requests with 400 and other roles with 403, writing nothing', async () => {
    const malformed = await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBulk(testApp.http, organisation.member, {
          date: '2026-11-20',
          activity: '',
          participants: [{ volunteerId: 'anouk' }],
          extra: true,
        }),
    });
    expect(
      malformed.body.errors.map(
        (error: { field: string; code: string }) => `${error.field}:${error.code}`,
      ),
    ).toEqual(
      expect.arrayContaining([
        'extra:whitelistValidation',
        'activity:isNotEmpty',
        'participants.0.volunteerId:isUuid',
        'participants.0.hours:isDefined',
      ]),
    );
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBulk(testApp.http, organisation.member, {
          date: '2026-11-20',
          activity: 'Leeg',
          participants: [],
        }),
    });
    const tooMany = Array.from({ length: 201 }, () => ({
      volunteerId: volunteers[0].partyId,
      hours: '0.25',
    }));
    await expectClaimRefusalWritingNothing({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBulk(testApp.http, organisation.member, {
          date: '2026-11-20',
          activity: 'Te veel',
          participants: tooMany,
        }),
    });
    for (const session of [
      volunteers[0].member,
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
        act: () => postBulk(testApp.http, session, buurtfeest()),
      });
    }
  });
});
