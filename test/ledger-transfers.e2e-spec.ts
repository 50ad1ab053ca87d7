import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { Role } from '../src/common/roles.js';
import {
  API,
  type AccountBody,
  accountIdOfParty,
  createFundedParty,
  type EntryBody,
  expectProblem,
  expectRefusedWritingNothing,
  grantCreditLimit,
  issuanceAccountOf,
  issue,
  newKey,
  postTransfer,
  readAccount,
  readStatement,
  snapshotLedger,
  type StatementLineBody,
  type TestParty,
  transfer,
} from './factories/ledger.js';
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
const overseers = () => ({ admin: roles.admin, treasurer: roles.treasurer });

describe('Story: an organisation pays a volunteer for hours', () => {
  let organisation: TestParty;
  let volunteer: TestParty;
  let business: TestParty;
  let hoursEntry: EntryBody;

  // Parties of its own for each test; the tests after the first pay the hours themselves. The
  // `business` is an institution: a volunteer pays a real business only through a redemption.
  beforeEach(async () => {
    organisation = await createFundedParty(http(), overseers(), 'organisation', '100.00');
    volunteer = await createFundedParty(http(), overseers(), 'volunteer');
    business = await createFundedParty(http(), overseers(), 'institution');
  });

  const postHours = () =>
    postTransfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '7.50',
      code: 'HOURS',
      description: 'Huiswerkbegeleiding 3 × 2,5 uur',
      metadata: { activity: 'huiswerk', hours: 7.5 },
    });

  /** The organisation pays the volunteer 7.50 for homework help. */
  async function payHours(): Promise<void> {
    const response = await postHours();
    expect(response.status).toBe(201);
    hoursEntry = response.body as EntryBody;
  }

  it('books the hours as one balanced HOURS entry, recorded as made by the coordinator', async () => {
    const response = await postHours();
    expect(response.status).toBe(201);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    hoursEntry = response.body as EntryBody;
    expect(hoursEntry).toMatchObject({
      code: 'HOURS',
      description: 'Huiswerkbegeleiding 3 × 2,5 uur',
      metadata: { activity: 'huiswerk', hours: 7.5 },
      effectiveDate: '2026-11-23',
      createdBy: organisation.member.userId,
      reversesEntryId: null,
      // The payer sees its own balance after the payment, not the volunteer's.
      postings: [
        { accountId: organisation.accountId, amount: '-7.50', balanceAfter: '92.50' },
        { accountId: volunteer.accountId, amount: '7.50', balanceAfter: null },
      ],
    });
    expect(hoursEntry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hoursEntry.previousHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hoursEntry.hash).not.toBe(hoursEntry.previousHash);
  });

  it('shows both balances: the organisation has 92.50, the volunteer 7.50, nothing pending', async () => {
    await payHours();
    const orgAccount = await readAccount(http(), organisation.member, organisation.accountId);
    expect(orgAccount).toMatchObject({
      balance: '92.50',
      pending: '0.00',
      available: '92.50',
      currency: 'STK',
      status: 'open',
      partyId: organisation.partyId,
    });
    const own = await readAccount(http(), volunteer.member, volunteer.accountId);
    expect(own).toMatchObject({
      balance: '7.50',
      pending: '0.00',
      available: '7.50',
      minBalance: '0.00',
      maxBalance: null,
      systemName: null,
    });
  });

  it('lets each side and the treasurer read the entry; a party not in it gets 404', async () => {
    await payHours();
    for (const overseer of [roles.treasurer, roles.admin]) {
      const response = await http()
        .get(`${API}/entries/${hoursEntry.id}`)
        .set(overseer.auth)
        .expect(200);
      expect(response.body).toEqual({
        ...hoursEntry,
        postings: [
          hoursEntry.postings[0],
          { accountId: volunteer.accountId, amount: '7.50', balanceAfter: '7.50' },
        ],
      });
    }
    for (const [member, ownPosting] of [
      [organisation.member, hoursEntry.postings[0]],
      [volunteer.member, { accountId: volunteer.accountId, amount: '7.50', balanceAfter: '7.50' }],
    ] as const) {
      const response = await http()
        .get(`${API}/entries/${hoursEntry.id}`)
        .set(member.auth)
        .expect(200);
      expect(response.body).toMatchObject({
        id: hoursEntry.id,
        sequence: hoursEntry.sequence,
        code: 'HOURS',
        hash: hoursEntry.hash,
      });
      expect(response.body.postings).toContainEqual(ownPosting);
    }
    const outsider = await http().get(`${API}/entries/${hoursEntry.id}`).set(business.member.auth);
    expectProblem(outsider, 404, 'NOT_FOUND');
    const unknown = await http().get(`${API}/entries/${randomUUID()}`).set(roles.treasurer.auth);
    expectProblem(unknown, 404, 'NOT_FOUND');
  });

  it('puts the hours on the volunteer’s statement with the running balance', async () => {
    await payHours();
    const lines = await readStatement(http(), volunteer.member, volunteer.accountId);
    expect(lines).toEqual([
      expect.objectContaining({
        entryId: hoursEntry.id,
        sequence: hoursEntry.sequence,
        code: 'HOURS',
        amount: '7.50',
        balanceAfter: '7.50',
        effectiveDate: '2026-11-23',
      }),
    ]);
  });

  it('lets the volunteer spend part of it at a business', async () => {
    await payHours();
    const coffee = await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '2.50',
      description: 'Koffie en vlaai',
    });
    expect(coffee.code).toBe('TRANSFER');
    expect(coffee.sequence).toBeGreaterThan(hoursEntry.sequence);
    expect(coffee.previousHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).balance).toBe('5.00');
    expect((await readAccount(http(), business.member, business.accountId)).balance).toBe('2.50');
    const lines = await readStatement(http(), volunteer.member, volunteer.accountId);
    expect(lines.map((line) => [line.amount, line.balanceAfter])).toEqual([
      ['7.50', '7.50'],
      ['-2.50', '5.00'],
    ]);
  });

  it('lists a party’s accounts to its own members and the overseers only', async () => {
    await payHours();
    await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '2.50',
      description: 'Koffie en vlaai',
    });
    const own = await http()
      .get(`${API}/parties/${volunteer.partyId}/accounts`)
      .set(volunteer.member.auth)
      .expect(200);
    expect(own.body).toEqual([
      expect.objectContaining({
        id: volunteer.accountId,
        partyId: volunteer.partyId,
        currency: 'STK',
        balance: '5.00',
      }),
    ]);
    const byTreasurer = await http()
      .get(`${API}/parties/${organisation.partyId}/accounts`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(byTreasurer.body).toEqual([
      expect.objectContaining({ id: organisation.accountId, balance: '92.50' }),
    ]);
    const foreign = await http()
      .get(`${API}/parties/${organisation.partyId}/accounts`)
      .set(volunteer.member.auth);
    expectProblem(foreign, 404, 'NOT_FOUND');
    const foreignAccount = await http()
      .get(`${API}/accounts/${organisation.accountId}`)
      .set(volunteer.member.auth);
    expectProblem(foreignAccount, 404, 'NOT_FOUND');
    const foreignStatement = await http()
      .get(`${API}/accounts/${organisation.accountId}/postings`)
      .set(volunteer.member.auth);
    expectProblem(foreignStatement, 404, 'NOT_FOUND');
    const unknown = await http().get(`${API}/accounts/${randomUUID()}`).set(roles.treasurer.auth);
    expectProblem(unknown, 404, 'NOT_FOUND');
    const malformed = await http().get(`${API}/accounts/not-a-uuid`).set(roles.treasurer.auth);
    expectProblem(malformed, 400, 'VALIDATION_FAILED');
  });
});

describe('Story: a party sees its own balance, never its counterparty’s', () => {
  let volunteer: TestParty;
  let business: TestParty;

  beforeAll(async () => {
    volunteer = await createFundedParty(http(), overseers(), 'volunteer', '30.00');
    business = await createFundedParty(http(), overseers(), 'institution', '400.00');
  });

  /** Postings on accounts of other parties may show the amount moved, not what that party holds. */
  function expectNoForeignBalances(entry: EntryBody, ownAccountId: string): void {
    const own = entry.postings.filter((posting) => posting.accountId === ownAccountId);
    expect(own).toHaveLength(1);
    expect(own[0].balanceAfter).toMatch(/^-?\d+\.\d{2}$/);
    const foreign = entry.postings.filter((posting) => posting.accountId !== ownAccountId);
    expect(
      foreign.map((posting) => ({
        accountId: posting.accountId,
        balanceAfter: posting.balanceAfter ?? null,
      })),
    ).toEqual(foreign.map((posting) => ({ accountId: posting.accountId, balanceAfter: null })));
  }

  it('does not tell a paying volunteer, nor the business reading the entry, what the other holds', async () => {
    const response = await postTransfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '3.00',
    });
    expect(response.status).toBe(201);
    const full = (
      await http().get(`${API}/entries/${response.body.id}`).set(roles.treasurer.auth).expect(200)
    ).body as EntryBody;
    expect(full.postings.map((posting) => posting.balanceAfter)).toEqual(['27.00', '403.00']);
    // README/DESIGN §7: a member sees only their own party's accounts; a balance after is the account's balance.
    expectNoForeignBalances(response.body as EntryBody, volunteer.accountId);
    const byVolunteer = await http()
      .get(`${API}/entries/${full.id}`)
      .set(volunteer.member.auth)
      .expect(200);
    expectNoForeignBalances(byVolunteer.body as EntryBody, volunteer.accountId);
    const byBusiness = await http()
      .get(`${API}/entries/${full.id}`)
      .set(business.member.auth)
      .expect(200);
    expectNoForeignBalances(byBusiness.body as EntryBody, business.accountId);
  });
});

describe('Story: a payment that cannot be made is refused whole, and nothing is written', () => {
  let organisation: TestParty;
  let volunteer: TestParty;
  let business: TestParty;
  let issuanceAccountId: string;
  const touched = () => [organisation.accountId, volunteer.accountId, business.accountId];

  beforeAll(async () => {
    organisation = await createFundedParty(http(), overseers(), 'organisation', '40.00');
    volunteer = await createFundedParty(http(), overseers(), 'volunteer');
    business = await createFundedParty(http(), overseers(), 'institution');
    await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '10.00',
      code: 'HOURS',
    });
    issuanceAccountId = issuanceAccountOf(
      await issue(http(), roles.treasurer, business.accountId, '1.00'),
    );
  });

  it('refuses more than the volunteer has: 422 INSUFFICIENT_FUNDS naming what is available', async () => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '10.01',
        }),
    });
    expect(response.body.detail).toBe(
      `Account ${volunteer.accountId} has 10.00 STK available; 10.01 STK is needed.`,
    );
    expect(response.body.type).toBe('urn:steerkes:problem:insufficient-funds');
    expect(response.body.instance).toBe('/api/v1/transfers');
  });

  it('says so in Dutch when asked', async () => {
    const dutch = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        http()
          .post(`${API}/transfers`)
          .set(volunteer.member.auth)
          .set('Idempotency-Key', newKey())
          .set('Accept-Language', 'nl-NL,nl;q=0.9,en;q=0.5')
          .send({
            fromAccountId: volunteer.accountId,
            toAccountId: business.accountId,
            amount: '25.00',
            description: 'Te veel',
          }),
    });
    expect(dutch.body.detail).toBe(
      `Rekening ${volunteer.accountId} heeft 10.00 STK beschikbaar; er is 25.00 STK nodig.`,
    );
  });

  it('accepts the largest amount there is as an amount, and refuses it for lack of funds', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '1000000000.00',
        }),
    });
  });

  it.each([
    ['three decimals', '12.345'],
    ['exponent notation', '1e3'],
    ['a negative amount', '-5.00'],
    ['zero', '0.00'],
    ['a JSON number', 12.5],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['more than a billion', '1000000000.01'],
    ['an absurdly large amount', '99999999999999999999.00'],
    ['an empty string', ''],
    ['a leading plus', '+5.00'],
    ['a leading zero', '05.00'],
    ['no digit before the point', '.50'],
    ['surrounding spaces', ' 5.00 '],
    ['a decimal comma', '5,00'],
    ['null', null],
  ])('refuses %s as an amount with 400 VALIDATION_FAILED (isAmount)', async (_label, amount) => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount,
        }),
    });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'amount', code: 'isAmount' }),
    ]);
  });

  it('refuses a missing amount with 400 naming the field', async () => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        http()
          .post(`${API}/transfers`)
          .set(volunteer.member.auth)
          .set('Idempotency-Key', newKey())
          .send({
            fromAccountId: volunteer.accountId,
            toAccountId: business.accountId,
            description: 'Zonder bedrag',
          }),
    });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'amount', code: 'isAmount' }),
    ]);
  });

  it('refuses paying oneself: 422 SAME_ACCOUNT', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'SAME_ACCOUNT',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: volunteer.accountId,
          amount: '1.00',
        }),
    });
  });

  it('refuses an unknown receiving account: 404 NOT_FOUND', async () => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: randomUUID(),
          amount: '1.00',
        }),
    });
    expect(response.body.detail).toMatch(/^No account with id /);
  });

  it('answers 404 for an unknown paying account and for another party’s account, as if it did not exist', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: randomUUID(),
          toAccountId: business.accountId,
          amount: '1.00',
        }),
    });
    // A volunteer cannot even see the organisation's account, let alone spend it (README: other parties' ids answer 404).
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: organisation.accountId,
          toAccountId: volunteer.accountId,
          amount: '1.00',
        }),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        postTransfer(http(), business.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '1.00',
        }),
    });
  });

  it('refuses a treasurer or an admin moving a party’s Steerkes through /transfers: 403 FORBIDDEN', async () => {
    for (const overseer of [roles.treasurer, roles.admin]) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 403,
        code: 'FORBIDDEN',
        act: () =>
          postTransfer(http(), overseer, {
            fromAccountId: organisation.accountId,
            toAccountId: volunteer.accountId,
            amount: '1.00',
          }),
      });
      expect(response.body.detail).toBe(
        'You may not do this: only members of the paying party move its Steerkes; the treasury issues and corrects.',
      );
    }
  });

  it('refuses treasury codes on a transfer at validation: ISSUE, RETIRE, REVERSAL, ADJUST, REDEEM are 400 (isIn)', async () => {
    for (const code of ['ISSUE', 'RETIRE', 'REVERSAL', 'ADJUST', 'REDEEM', 'BOOKING', 'hours']) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () =>
          postTransfer(http(), organisation.member, {
            fromAccountId: organisation.accountId,
            toAccountId: volunteer.accountId,
            amount: '1.00',
            code,
          }),
      });
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'code', code: 'isIn' }),
      ]);
    }
  });

  it('refuses paying into the issuance account with a member’s code: 422 ENTRY_CODE_NOT_ALLOWED', async () => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: [...touched(), issuanceAccountId],
      status: 422,
      code: 'ENTRY_CODE_NOT_ALLOWED',
      act: () =>
        postTransfer(http(), business.member, {
          fromAccountId: business.accountId,
          toAccountId: issuanceAccountId,
          amount: '1.00',
          code: 'SERVICE',
        }),
    });
    expect(response.body.detail).toBe('Entry code SERVICE cannot be used here.');
  });

  it('refuses a future effective date, an impossible date, unknown fields and an empty description with 400', async () => {
    const base = {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '1.00',
    };
    const future = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => postTransfer(http(), volunteer.member, { ...base, effectiveDate: '2026-11-24' }),
    });
    expect(future.body.errors).toEqual([
      expect.objectContaining({ field: 'effectiveDate', code: 'EFFECTIVE_DATE_IN_FUTURE' }),
    ]);
    const impossible = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => postTransfer(http(), volunteer.member, { ...base, effectiveDate: '2026-02-30' }),
    });
    expect(impossible.body.errors).toEqual([
      expect.objectContaining({ field: 'effectiveDate', code: 'isCalendarDate' }),
    ]);
    const unknownField = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => postTransfer(http(), volunteer.member, { ...base, balanceAfter: '999.00' }),
    });
    expect(unknownField.body.errors).toEqual([
      expect.objectContaining({ field: 'balanceAfter', code: 'whitelistValidation' }),
    ]);
    const emptyDescription = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => postTransfer(http(), volunteer.member, { ...base, description: '' }),
    });
    expect(emptyDescription.body.errors).toEqual([
      expect.objectContaining({ field: 'description', code: 'isNotEmpty' }),
    ]);
    const nestedMetadata = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postTransfer(http(), volunteer.member, { ...base, metadata: { nested: { deep: true } } }),
    });
    expect(nestedMetadata.body.errors).toEqual([
      expect.objectContaining({ field: 'metadata', code: 'METADATA_INVALID' }),
    ]);
  });

  it('refuses every ledger endpoint without a token: 401 UNAUTHENTICATED, and a forged token: 401 TOKEN_INVALID', async () => {
    const id = randomUUID();
    const calls = [
      () => http().get(`${API}/accounts/${volunteer.accountId}`),
      () => http().get(`${API}/accounts/${volunteer.accountId}/postings`),
      () =>
        http()
          .put(`${API}/accounts/${volunteer.accountId}/policy`)
          .send({ minBalance: '-1000.00', maxBalance: null, status: 'open' }),
      () => http().get(`${API}/parties/${volunteer.partyId}/accounts`),
      () => http().get(`${API}/entries/${id}`),
      () =>
        http().post(`${API}/transfers`).set('Idempotency-Key', newKey()).send({
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '1.00',
          description: 'x',
        }),
      () => http().post(`${API}/entries`).set('Idempotency-Key', newKey()).send({}),
      () => http().post(`${API}/entries/${id}/reversal`).set('Idempotency-Key', newKey()).send({}),
      () => http().post(`${API}/holds`).set('Idempotency-Key', newKey()).send({}),
      () => http().get(`${API}/holds/${id}`),
      () => http().post(`${API}/holds/${id}/post`).set('Idempotency-Key', newKey()).send({}),
      () => http().post(`${API}/holds/${id}/void`),
      () =>
        http()
          .post(`${API}/treasury/issue`)
          .set('Idempotency-Key', newKey())
          .send({ toAccountId: volunteer.accountId, amount: '1000.00', description: 'x' }),
      () => http().post(`${API}/treasury/retire`).set('Idempotency-Key', newKey()).send({}),
      () => http().get(`${API}/treasury/reconciliation`),
    ];
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    for (const call of calls) {
      expectProblem(await call(), 401, 'UNAUTHENTICATED');
    }
    const forged = await http()
      .post(`${API}/transfers`)
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl')
      .set('Idempotency-Key', newKey())
      .send({
        fromAccountId: volunteer.accountId,
        toAccountId: business.accountId,
        amount: '1.00',
        description: 'x',
      });
    expectProblem(forged, 401, 'TOKEN_INVALID');
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
  });
});

describe('Story: a client retries a payment safely with an Idempotency-Key', () => {
  let organisation: TestParty;
  let volunteer: TestParty;
  const touched = () => [organisation.accountId, volunteer.accountId];
  const pay = (amount: string, description = 'Uren oktober') => ({
    fromAccountId: organisation.accountId,
    toAccountId: volunteer.accountId,
    amount,
    code: 'HOURS',
    description,
  });

  // Parties of their own for each test: balances below are what that test paid.
  beforeEach(async () => {
    organisation = await createFundedParty(http(), overseers(), 'organisation', '60.00');
    volunteer = await createFundedParty(http(), overseers(), 'volunteer');
  });

  it('refuses a payment without the header, with an empty, overlong or non-visible key: 400 IDEMPOTENCY_KEY_REQUIRED', async () => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => postTransfer(http(), organisation.member, pay('5.00'), null),
    });
    expect(response.body.detail).toMatch(/Idempotency-Key/);
    for (const key of ['x'.repeat(201), 'two words', 'sleutel\u00e9']) {
      await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 400,
        code: 'IDEMPOTENCY_KEY_REQUIRED',
        act: () => postTransfer(http(), organisation.member, pay('5.00'), key),
      });
    }
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () =>
        http()
          .post(`${API}/transfers`)
          .set(organisation.member.auth)
          .set('Idempotency-Key', '')
          .send({ ...pay('5.00') }),
    });
  });

  it('accepts a key of exactly 200 visible characters', async () => {
    const response = await postTransfer(
      http(),
      organisation.member,
      pay('1.00', 'Sleutel van 200 tekens'),
      `k${'-'.repeat(198)}k`,
    );
    expect(response.status).toBe(201);
  });

  it('answers a replay with the same body with the first result, says so, and writes nothing', async () => {
    const key = newKey();
    const first = await postTransfer(http(), organisation.member, pay('5.00'), key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const replay = await postTransfer(http(), organisation.member, pay('5.00'), key);
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
    }
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).balance).toBe('5.00');
  });

  it('replays the first result even when the payment could no longer be made', async () => {
    const key = newKey();
    const first = await postTransfer(
      http(),
      organisation.member,
      pay('50.00', 'Grote betaling'),
      key,
    );
    expect(first.status).toBe(201);
    // The organisation now has 10.00 left: a fresh 50.00 would be refused, the replay is not a new payment.
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () => postTransfer(http(), organisation.member, pay('50.00', 'Grote betaling')),
    });
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const replay = await postTransfer(
      http(),
      organisation.member,
      pay('50.00', 'Grote betaling'),
      key,
    );
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
  });

  it('refuses the same key with another body: 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = newKey();
    expect(
      (await postTransfer(http(), organisation.member, pay('1.00', 'Eerste'), key)).status,
    ).toBe(201);
    for (const body of [
      pay('2.00', 'Eerste'),
      pay('1.00', 'Tweede'),
      { ...pay('1.00', 'Eerste'), code: 'SERVICE' },
    ]) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 409,
        code: 'IDEMPOTENCY_KEY_REUSED',
        act: () => postTransfer(http(), organisation.member, body, key),
      });
      expect(response.body.detail).toBe(
        'This Idempotency-Key was already used for a different request.',
      );
    }
  });

  it('keeps keys per user: another user’s identical key is a request of its own', async () => {
    const key = newKey();
    expect(
      (await postTransfer(http(), organisation.member, pay('1.00', 'Per gebruiker'), key)).status,
    ).toBe(201);
    const colleague = await createFundedParty(http(), overseers(), 'volunteer', '3.00');
    const response = await postTransfer(
      http(),
      colleague.member,
      {
        fromAccountId: colleague.accountId,
        toAccountId: volunteer.accountId,
        amount: '1.00',
        description: 'Per gebruiker',
      },
      key,
    );
    expect(response.status).toBe(201);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    expect((await readAccount(http(), colleague.member, colleague.accountId)).balance).toBe('2.00');
  });
});

describe('Story: a volunteer reads a statement with running balances, by date, page by page', () => {
  let organisation: TestParty;
  let volunteer: TestParty;
  let business: TestParty;
  let expected: Array<
    Pick<StatementLineBody, 'entryId' | 'amount' | 'balanceAfter' | 'effectiveDate' | 'code'>
  >;
  const statementUrl = () => `${API}/accounts/${volunteer.accountId}/postings`;

  beforeAll(async () => {
    organisation = await createFundedParty(http(), overseers(), 'organisation', '100.00');
    volunteer = await createFundedParty(http(), overseers(), 'volunteer');
    business = await createFundedParty(http(), overseers(), 'institution');
    const pay = (amount: string, effectiveDate?: string) =>
      transfer(http(), organisation.member, {
        fromAccountId: organisation.accountId,
        toAccountId: volunteer.accountId,
        amount,
        code: 'HOURS',
        ...(effectiveDate ? { effectiveDate } : {}),
      });
    // Booked in this order; the third is booked late with an earlier effective date.
    const first = await pay('10.00', '2026-11-05');
    const spend = await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '3.00',
      effectiveDate: '2026-11-10',
    });
    const late = await pay('5.00', '2026-11-02');
    const today = await pay('1.25');
    expected = [
      {
        entryId: first.id,
        code: 'HOURS',
        amount: '10.00',
        balanceAfter: '10.00',
        effectiveDate: '2026-11-05',
      },
      {
        entryId: spend.id,
        code: 'TRANSFER',
        amount: '-3.00',
        balanceAfter: '7.00',
        effectiveDate: '2026-11-10',
      },
      {
        entryId: late.id,
        code: 'HOURS',
        amount: '5.00',
        balanceAfter: '12.00',
        effectiveDate: '2026-11-02',
      },
      {
        entryId: today.id,
        code: 'HOURS',
        amount: '1.25',
        balanceAfter: '13.25',
        effectiveDate: '2026-11-23',
      },
    ];
  });

  it('lists the postings in booking order with the balance after each, and the account', async () => {
    const response = await http().get(statementUrl()).set(volunteer.member.auth).expect(200);
    expect(response.body.items).toEqual(expected.map((line) => expect.objectContaining(line)));
    expect(response.body.nextCursor).toBeNull();
    expect(response.body).not.toHaveProperty('balanceAsOf');
    expect(response.body.account).toMatchObject({
      id: volunteer.accountId,
      balance: '13.25',
      available: '13.25',
    });
    const sequences = (response.body.items as StatementLineBody[]).map((line) => line.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
  });

  it('filters on the effective date with ?from&to, keeping the running balance of the booking order', async () => {
    const response = await http()
      .get(statementUrl())
      .query({ from: '2026-11-03', to: '2026-11-15' })
      .set(volunteer.member.auth)
      .expect(200);
    expect(response.body.items).toEqual([
      expect.objectContaining(expected[0]),
      expect.objectContaining(expected[1]),
    ]);
    const onlyFrom = await http()
      .get(statementUrl())
      .query({ from: '2026-11-20' })
      .set(volunteer.member.auth)
      .expect(200);
    expect(onlyFrom.body.items).toEqual([expect.objectContaining(expected[3])]);
    const onlyTo = await http()
      .get(statementUrl())
      .query({ to: '2026-11-02' })
      .set(volunteer.member.auth)
      .expect(200);
    expect(onlyTo.body.items).toEqual([expect.objectContaining(expected[2])]);
    const empty = await http()
      .get(statementUrl())
      .query({ from: '2026-10-01', to: '2026-10-31' })
      .set(volunteer.member.auth)
      .expect(200);
    expect(empty.body).toMatchObject({ items: [], nextCursor: null });
  });

  it('answers the balance as of the end of a date with ?asOf, by effective date', async () => {
    const cases: Array<[string, string]> = [
      ['2026-11-01', '0.00'],
      ['2026-11-02', '5.00'],
      ['2026-11-04', '5.00'],
      ['2026-11-05', '15.00'],
      ['2026-11-10', '12.00'],
      ['2026-11-23', '13.25'],
    ];
    for (const [asOf, balance] of cases) {
      const response = await http()
        .get(statementUrl())
        .query({ asOf })
        .set(volunteer.member.auth)
        .expect(200);
      expect(response.body.balanceAsOf).toEqual({ asOf, balance });
    }
  });

  it('pages with a cursor: every posting once, in order, and the last page says there is no more', async () => {
    const first = await http()
      .get(statementUrl())
      .query({ limit: 3 })
      .set(volunteer.member.auth)
      .expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await http()
      .get(statementUrl())
      .query({ limit: 3, cursor: first.body.nextCursor })
      .set(volunteer.member.auth)
      .expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items]).toEqual(
      expected.map((line) => expect.objectContaining(line)),
    );

    const walked: StatementLineBody[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Response = await http()
        .get(statementUrl())
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .set(volunteer.member.auth)
        .expect(200);
      walked.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(walked.map((line) => line.entryId)).toEqual(expected.map((line) => line.entryId));

    const filteredPage = await http()
      .get(statementUrl())
      .query({ limit: 1, from: '2026-11-03' })
      .set(volunteer.member.auth)
      .expect(200);
    const filteredNext = await http()
      .get(statementUrl())
      .query({ limit: 1, from: '2026-11-03', cursor: filteredPage.body.nextCursor })
      .set(volunteer.member.auth)
      .expect(200);
    expect([filteredPage.body.items[0].entryId, filteredNext.body.items[0].entryId]).toEqual([
      expected[0].entryId,
      expected[1].entryId,
    ]);
  });

  it('refuses a bad page size, cursor or date with 400 VALIDATION_FAILED', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ limit: '0' }, 'limit', 'min'],
      [{ limit: '101' }, 'limit', 'max'],
      [{ limit: 'ten' }, 'limit', 'isInt'],
      [{ cursor: 'not-a-cursor' }, 'cursor', 'INVALID_CURSOR'],
      [
        { cursor: Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url') },
        'cursor',
        'INVALID_CURSOR',
      ],
      [{ from: '2026-02-30' }, 'from', 'isCalendarDate'],
      [{ to: '23-11-2026' }, 'to', 'isCalendarDate'],
      [{ asOf: 'yesterday' }, 'asOf', 'isCalendarDate'],
    ];
    for (const [query, field, code] of cases) {
      const response = await http().get(statementUrl()).query(query).set(volunteer.member.auth);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, code })]),
      );
    }
  });

  it('shows the statement to the treasurer, and to nobody of another party', async () => {
    const byTreasurer = await http().get(statementUrl()).set(roles.treasurer.auth).expect(200);
    expect(byTreasurer.body.items).toHaveLength(4);
    for (const outsider of [business.member, organisation.member, roles.volunteer]) {
      expectProblem(await http().get(statementUrl()).set(outsider.auth), 404, 'NOT_FOUND');
    }
    expectProblem(
      await http().get(`${API}/accounts/${randomUUID()}/postings`).set(roles.treasurer.auth),
      404,
      'NOT_FOUND',
    );
  });
});

describe('Story: an admin grants an organisation a credit limit, caps a balance and freezes an account', () => {
  let organisation: TestParty;
  let sponsor: TestParty;
  let volunteer: TestParty;
  let business: TestParty;
  const policyUrl = (accountId: string) => `${API}/accounts/${accountId}/policy`;
  const touched = () => [
    organisation.accountId,
    sponsor.accountId,
    volunteer.accountId,
    business.accountId,
  ];

  // Parties of their own for each test: policies and balances are that test's own.
  beforeEach(async () => {
    organisation = await createFundedParty(http(), overseers(), 'organisation', '20.00');
    sponsor = await createFundedParty(http(), overseers(), 'organisation', '200.00');
    volunteer = await createFundedParty(http(), overseers(), 'volunteer');
    business = await createFundedParty(http(), overseers(), 'institution');
  });

  const sponsorPaysVolunteer = (amount: string) =>
    transfer(http(), sponsor.member, {
      fromAccountId: sponsor.accountId,
      toAccountId: volunteer.accountId,
      amount,
      code: 'HOURS',
    });

  it('gives a new organisation no credit: it cannot go below zero', async () => {
    const account = await readAccount(http(), organisation.member, organisation.accountId);
    expect(account).toMatchObject({
      balance: '20.00',
      minBalance: '0.00',
      maxBalance: null,
      status: 'open',
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        postTransfer(http(), organisation.member, {
          fromAccountId: organisation.accountId,
          toAccountId: volunteer.accountId,
          amount: '20.01',
          code: 'HOURS',
        }),
    });
  });

  it('lets only an admin set a policy; others get 403 and nothing changes', async () => {
    for (const role of ['treasurer', 'org_manager', 'business_operator', 'volunteer'] as const) {
      const response = await http()
        .put(policyUrl(organisation.accountId))
        .set(roles[role].auth)
        .send({ minBalance: '-50.00', maxBalance: null, status: 'open' });
      expectProblem(response, 403, 'FORBIDDEN');
    }
    const response = await http()
      .put(policyUrl(organisation.accountId))
      .set(organisation.member.auth)
      .send({ minBalance: '-1000.00', maxBalance: null, status: 'open' });
    expectProblem(response, 403, 'FORBIDDEN');
    // Not even an admin changes a credit limit alone: that takes a second person (issue 13).
    const alone = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'CREDIT_LIMIT_NEEDS_APPROVAL',
      act: () =>
        http()
          .put(policyUrl(organisation.accountId))
          .set(roles.admin.auth)
          .send({ minBalance: '-50.00', maxBalance: null, status: 'open' }),
    });
    expect(alone.body.detail).toContain('POST /api/v1/treasury/credit-limits');
    expect((await readAccount(http(), roles.admin, organisation.accountId)).minBalance).toBe(
      '0.00',
    );
  });

  it('lets the organisation go to exactly -50.00 once granted a credit limit of -50.00, and not a cent further', async () => {
    await grantCreditLimit(http(), overseers(), organisation.accountId, '-50.00');
    expect(await readAccount(http(), roles.admin, organisation.accountId)).toMatchObject({
      id: organisation.accountId,
      minBalance: '-50.00',
      maxBalance: null,
      status: 'open',
      balance: '20.00',
    });
    const entry = await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '70.00',
      code: 'HOURS',
    });
    expect(entry.postings[0]).toEqual({
      accountId: organisation.accountId,
      amount: '-70.00',
      balanceAfter: '-50.00',
    });
    expect(await readAccount(http(), organisation.member, organisation.accountId)).toMatchObject({
      balance: '-50.00',
      available: '-50.00',
    });
    const refused = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        postTransfer(http(), organisation.member, {
          fromAccountId: organisation.accountId,
          toAccountId: volunteer.accountId,
          amount: '0.01',
          code: 'HOURS',
        }),
    });
    expect(refused.body.detail).toBe(
      `Account ${organisation.accountId} has 0.00 STK available; 0.01 STK is needed.`,
    );
  });

  it('gives the demo organisations their -50.00 credit limit on top of a 500.00 budget', async () => {
    const malberg = roles.org_manager;
    const accountId = await accountIdOfParty(http(), malberg, malberg.partyId!);
    const account = await readAccount(http(), malberg, accountId);
    // What the demo's year left of the 500.00 budget (hours paid, the hall let), and 50.00 of credit on top.
    expect(account).toMatchObject({ minBalance: '-50.00', available: account.balance });
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    const availableWithCredit = ((cents(account.balance) + 5000) / 100).toFixed(2);
    const oneCentMore = ((cents(account.balance) + 5001) / 100).toFixed(2);
    const anouk = await accountIdOfParty(http(), roles.volunteer, roles.volunteer.partyId!);
    const refused = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: [accountId, anouk],
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        postTransfer(http(), malberg, {
          fromAccountId: accountId,
          toAccountId: anouk,
          amount: oneCentMore,
          code: 'HOURS',
        }),
    });
    expect(refused.body.detail).toContain(
      `has ${availableWithCredit} STK available; ${oneCentMore} STK is needed`,
    );
  });

  it('refuses a payment that would take an account above its maximum: 422 BALANCE_LIMIT_EXCEEDED', async () => {
    await sponsorPaysVolunteer('70.00');
    // The volunteer holds 70.00; the admin caps the account at 75.00.
    await http()
      .put(policyUrl(volunteer.accountId))
      .set(roles.admin.auth)
      .send({ minBalance: '0.00', maxBalance: '75.00', status: 'open' })
      .expect(200);
    const refused = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'BALANCE_LIMIT_EXCEEDED',
      act: () =>
        postTransfer(http(), sponsor.member, {
          fromAccountId: sponsor.accountId,
          toAccountId: volunteer.accountId,
          amount: '5.01',
          code: 'HOURS',
        }),
    });
    expect(refused.body.detail).toBe(`Account ${volunteer.accountId} may hold at most 75.00 STK.`);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'BALANCE_LIMIT_EXCEEDED',
      act: () =>
        http()
          .post(`${API}/treasury/issue`)
          .set(roles.treasurer.auth)
          .set('Idempotency-Key', newKey())
          .send({ toAccountId: volunteer.accountId, amount: '5.01', description: 'Te veel' }),
    });
    const exact = await transfer(http(), sponsor.member, {
      fromAccountId: sponsor.accountId,
      toAccountId: volunteer.accountId,
      amount: '5.00',
      code: 'HOURS',
    });
    expect(exact.postings[1]).toEqual({
      accountId: volunteer.accountId,
      amount: '5.00',
      balanceAfter: null,
    });
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).balance).toBe(
      '75.00',
    );
    // Spending out of a capped account is not limited by the maximum.
    await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '10.00',
    });
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).balance).toBe(
      '65.00',
    );
  });

  it('refuses movements from and to a frozen or closed account: 422 ACCOUNT_NOT_OPEN; reading still works', async () => {
    // Three statement lines, 65.00: paid 70.00 and 5.00, spent 10.00.
    await sponsorPaysVolunteer('70.00');
    await sponsorPaysVolunteer('5.00');
    await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '10.00',
    });
    const frozen = await http()
      .put(policyUrl(volunteer.accountId))
      .set(roles.admin.auth)
      .send({ minBalance: '0.00', maxBalance: null, status: 'frozen' })
      .expect(200);
    expect(frozen.body).toMatchObject({ status: 'frozen', balance: '65.00', maxBalance: null });
    const outgoing = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'ACCOUNT_NOT_OPEN',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '1.00',
        }),
    });
    expect(outgoing.body.detail).toBe(`Account ${volunteer.accountId} is frozen.`);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'ACCOUNT_NOT_OPEN',
      act: () =>
        postTransfer(http(), sponsor.member, {
          fromAccountId: sponsor.accountId,
          toAccountId: volunteer.accountId,
          amount: '1.00',
          code: 'HOURS',
        }),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'ACCOUNT_NOT_OPEN',
      act: () =>
        http()
          .post(`${API}/holds`)
          .set(volunteer.member.auth)
          .set('Idempotency-Key', newKey())
          .send({
            fromAccountId: volunteer.accountId,
            toAccountId: business.accountId,
            amount: '1.00',
            description: 'Reservering',
          }),
    });
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
    expectProblem(dutch, 422, 'ACCOUNT_NOT_OPEN');
    expect(dutch.body.detail).toMatch(new RegExp(`^Rekening ${volunteer.accountId} is \\S+\\.$`));
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).status).toBe(
      'frozen',
    );
    expect(await readStatement(http(), volunteer.member, volunteer.accountId)).toHaveLength(3);

    await http()
      .put(policyUrl(volunteer.accountId))
      .set(roles.admin.auth)
      .send({ minBalance: '0.00', maxBalance: null, status: 'closed' })
      .expect(200);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'ACCOUNT_NOT_OPEN',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '1.00',
        }),
    });

    await http()
      .put(policyUrl(volunteer.accountId))
      .set(roles.admin.auth)
      .send({ minBalance: '0.00', maxBalance: null, status: 'open' })
      .expect(200);
    await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '1.00',
    });
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).balance).toBe(
      '64.00',
    );
  });

  it('validates a policy whole: 400 for missing or bad fields, 404 for an unknown account, 403 for a system account', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ minBalance: '-50.00', status: 'open' }, 'maxBalance', 'isDefined'],
      [{ minBalance: '-50.00', maxBalance: null }, 'status', 'isIn'],
      [{ minBalance: '-50.001', maxBalance: null, status: 'open' }, 'minBalance', 'isAmount'],
      [{ minBalance: -50, maxBalance: null, status: 'open' }, 'minBalance', 'isAmount'],
      [{ minBalance: '0.00', maxBalance: '0.00', status: 'open' }, 'maxBalance', 'isAmount'],
      [{ minBalance: '0.00', maxBalance: '-10.00', status: 'open' }, 'maxBalance', 'isAmount'],
      [{ minBalance: '0.00', maxBalance: null, status: 'paused' }, 'status', 'isIn'],
      [
        { minBalance: '0.00', maxBalance: null, status: 'open', balance: '1000.00' },
        'balance',
        'whitelistValidation',
      ],
    ];
    for (const [body, field, code] of cases) {
      const response = await http()
        .put(policyUrl(business.accountId))
        .set(roles.admin.auth)
        .send(body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, code })]),
      );
    }
    expect(await readAccount(http(), roles.admin, business.accountId)).toMatchObject({
      minBalance: '0.00',
      maxBalance: null,
      status: 'open',
    });

    expectProblem(
      await http()
        .put(policyUrl(randomUUID()))
        .set(roles.admin.auth)
        .send({ minBalance: '0.00', maxBalance: null, status: 'open' }),
      404,
      'NOT_FOUND',
    );
    const issuanceAccountId = issuanceAccountOf(
      await issue(http(), roles.treasurer, business.accountId, '1.00'),
    );
    const before = await readAccount(http(), roles.treasurer, issuanceAccountId);
    expect(before).toMatchObject({ systemName: 'issuance', partyId: null, minBalance: null });
    const system = await http()
      .put(policyUrl(issuanceAccountId))
      .set(roles.admin.auth)
      .send({ minBalance: '0.00', maxBalance: null, status: 'frozen' });
    expectProblem(system, 403, 'FORBIDDEN');
    expect(system.body.detail).toBe('You may not do this: system accounts keep their policy.');
    expect(await readAccount(http(), roles.treasurer, issuanceAccountId)).toEqual(before);
  });

  it('refuses a policy with another minimum, even one above the maximum: a credit limit takes four eyes (409), nothing changes', async () => {
    const before = await readAccount(http(), roles.admin, business.accountId);
    const response = await http()
      .put(policyUrl(business.accountId))
      .set(roles.admin.auth)
      .send({ minBalance: '100.00', maxBalance: '5.00', status: 'open' });
    expectProblem(response, 409, 'CREDIT_LIMIT_NEEDS_APPROVAL');
    expect(await readAccount(http(), roles.admin, business.accountId)).toEqual(before);
  });

  it('leaves a ledger that reconciles', async () => {
    const response = await http()
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(response.body).toMatchObject({ ok: true, discrepancies: [] });
    const accounts: AccountBody[] = (
      await http()
        .get(`${API}/parties/${organisation.partyId}/accounts`)
        .set(roles.treasurer.auth)
        .expect(200)
    ).body;
    expect(accounts).toHaveLength(1);
  });
});
