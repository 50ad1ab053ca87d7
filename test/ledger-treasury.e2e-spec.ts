import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { Role } from '../src/common/roles.js';
import {
  API,
  type AccountBody,
  createFundedParty,
  type EntryBody,
  expectProblem,
  expectRefusedWritingNothing,
  issuanceAccountOf,
  newKey,
  readAccount,
  snapshotLedger,
  type TestParty,
  transfer,
} from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let testApp: TestApp;
let roles: Record<Role, Session>;
let issuanceAccountId: string;

beforeAll(async () => {
  testApp = await createTestApp();
  roles = await loginAllRoles(testApp.http);
  // The issuance account's id, as the first demo budget's ISSUE entry names it.
  const first = await testApp.http
    .get(`${API}/accounts/${await firstDemoOrganisationAccount()}/postings`)
    .query({ limit: 1 })
    .set(roles.treasurer.auth)
    .expect(200);
  issuanceAccountId = issuanceAccountOf(
    (
      await testApp.http
        .get(`${API}/entries/${first.body.items[0].entryId}`)
        .set(roles.treasurer.auth)
        .expect(200)
    ).body,
  );
});

async function firstDemoOrganisationAccount(): Promise<string> {
  const malberg = roles.org_manager.partyId!;
  const accounts = await testApp.http
    .get(`${API}/parties/${malberg}/accounts`)
    .set(roles.treasurer.auth)
    .expect(200);
  return accounts.body[0].id as string;
}
afterAll(() => testApp.close());

const http = () => testApp.http;
const overseers = () => ({ admin: roles.admin, treasurer: roles.treasurer });
const NON_TREASURERS = ['admin', 'org_manager', 'business_operator', 'volunteer'] as const;

/** "−12.50" → −1250n: amounts always carry two decimals. */
const cents = (amount: string): bigint => BigInt(amount.replace('.', ''));

function post(
  session: Session,
  path: string,
  body: Record<string, unknown>,
  key: string | null = newKey(),
): Promise<Response> {
  const request = http().post(`${API}${path}`).set(session.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  return request.send(body);
}

async function booked(response: Response): Promise<EntryBody> {
  expect(response.status).toBe(201);
  return response.body as EntryBody;
}

describe('Story: the fund issues a budget to a new organisation', () => {
  let organisation: TestParty;
  let issueKey: string;
  let budget: EntryBody;
  const touched = () => [organisation.accountId, issuanceAccountId];
  const budgetBody = () => ({
    toAccountId: organisation.accountId,
    amount: '250.00',
    description: 'Budget 2027',
    metadata: { year: 2027 },
  });

  beforeEach(async () => {
    organisation = await createFundedParty(http(), overseers(), 'organisation');
  });

  /** The 2027 budget issued to the organisation under `issueKey`. */
  async function issueBudget(): Promise<void> {
    issueKey = newKey();
    budget = await booked(await post(roles.treasurer, '/treasury/issue', budgetBody(), issueKey));
  }

  it('creates the Steerkes: an ISSUE entry from the issuance account, which carries the money supply', async () => {
    const before = await readAccount(http(), roles.treasurer, issuanceAccountId);
    expect(before).toMatchObject({
      systemName: 'issuance',
      partyId: null,
      minBalance: null,
      status: 'open',
    });
    expect(cents(before.balance)).toBeLessThan(0n);
    issueKey = newKey();
    budget = await booked(await post(roles.treasurer, '/treasury/issue', budgetBody(), issueKey));
    expect(budget).toMatchObject({
      code: 'ISSUE',
      description: 'Budget 2027',
      metadata: { year: 2027 },
      createdBy: roles.treasurer.userId,
      postings: [
        { accountId: issuanceAccountId, amount: '-250.00' },
        { accountId: organisation.accountId, amount: '250.00', balanceAfter: '250.00' },
      ],
    });
    const after = await readAccount(http(), roles.treasurer, issuanceAccountId);
    expect(cents(after.balance)).toBe(cents(before.balance) - 25000n);
    expect(budget.postings[0].balanceAfter).toBe(after.balance);
    expect(await readAccount(http(), organisation.member, organisation.accountId)).toMatchObject({
      balance: '250.00',
      available: '250.00',
    });
  });

  it('hides the issuance account from party members', async () => {
    expectProblem(
      await http().get(`${API}/accounts/${issuanceAccountId}`).set(organisation.member.auth),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await http().get(`${API}/accounts/${issuanceAccountId}/postings`).set(roles.volunteer.auth),
      404,
      'NOT_FOUND',
    );
  });

  it('answers a replay with the same entry and issues once; another body under the key is 409', async () => {
    await issueBudget();
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const replay = await post(roles.treasurer, '/treasury/issue', budgetBody(), issueKey);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(budget);
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () =>
        post(roles.treasurer, '/treasury/issue', { ...budgetBody(), amount: '2500.00' }, issueKey),
    });
  });

  it('lets nobody but a treasurer issue: 403 FORBIDDEN', async () => {
    for (const role of NON_TREASURERS) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 403,
        code: 'FORBIDDEN',
        act: () => post(roles[role], '/treasury/issue', budgetBody()),
      });
      expect(response.body.detail).toBe('You may not do this: your role does not allow it.');
    }
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 403,
      code: 'FORBIDDEN',
      act: () => post(organisation.member, '/treasury/issue', budgetBody()),
    });
  });

  it('refuses an issue without a key (400), to an unknown account (404), to the issuance account itself (422 SAME_ACCOUNT)', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => post(roles.treasurer, '/treasury/issue', budgetBody(), null),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        post(roles.treasurer, '/treasury/issue', { ...budgetBody(), toAccountId: randomUUID() }),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'SAME_ACCOUNT',
      act: () =>
        post(roles.treasurer, '/treasury/issue', {
          ...budgetBody(),
          toAccountId: issuanceAccountId,
        }),
    });
  });

  it('refuses bad amounts and fields with 400 VALIDATION_FAILED', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ amount: '0.00' }, 'amount', 'isAmount'],
      [{ amount: '-250.00' }, 'amount', 'isAmount'],
      [{ amount: '250.001' }, 'amount', 'isAmount'],
      [{ amount: '2.5e2' }, 'amount', 'isAmount'],
      [{ amount: 250 }, 'amount', 'isAmount'],
      [{ amount: '1000000000.01' }, 'amount', 'isAmount'],
      [{ fromAccountId: issuanceAccountId }, 'fromAccountId', 'whitelistValidation'],
      [{ code: 'TRANSFER' }, 'code', 'whitelistValidation'],
    ];
    for (const [overrides, field, code] of cases) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () => post(roles.treasurer, '/treasury/issue', { ...budgetBody(), ...overrides }),
      });
      expect(response.body.errors).toEqual([expect.objectContaining({ field, code })]);
    }
  });
});

describe('Story: a business hands Steerkes back and the fund retires them', () => {
  let customer: TestParty;
  let business: TestParty;
  const touched = () => [business.accountId, issuanceAccountId];
  const retireBody = (amount: string) => ({
    fromAccountId: business.accountId,
    amount,
    description: 'Sponsoring 2026 ingeleverd',
  });

  // A business of its own for each test, holding the 12.00 an organisation paid it for a lunch
  // (a volunteer pays a business only through a redemption).
  beforeEach(async () => {
    customer = await createFundedParty(http(), overseers(), 'organisation', '12.00');
    business = await createFundedParty(http(), overseers(), 'business');
    await transfer(http(), customer.member, {
      fromAccountId: customer.accountId,
      toAccountId: business.accountId,
      amount: '12.00',
      description: 'Lunch voor twee',
    });
  });

  it('retires what is handed back: a RETIRE entry into the issuance account', async () => {
    const issuanceBefore = await readAccount(http(), roles.treasurer, issuanceAccountId);
    const entry = await booked(await post(roles.treasurer, '/treasury/retire', retireBody('4.00')));
    expect(entry).toMatchObject({
      code: 'RETIRE',
      createdBy: roles.treasurer.userId,
      postings: [
        { accountId: business.accountId, amount: '-4.00', balanceAfter: '8.00' },
        { accountId: issuanceAccountId, amount: '4.00' },
      ],
    });
    const issuanceAfter = await readAccount(http(), roles.treasurer, issuanceAccountId);
    expect(cents(issuanceAfter.balance)).toBe(cents(issuanceBefore.balance) + 400n);
    expect((await readAccount(http(), business.member, business.accountId)).balance).toBe('8.00');
    const seen = await http()
      .get(`${API}/entries/${entry.id}`)
      .set(business.member.auth)
      .expect(200);
    expect(seen.body).toMatchObject({
      id: entry.id,
      code: 'RETIRE',
      postings: expect.arrayContaining([entry.postings[0]]),
    });
  });

  it('refuses retiring more than the business holds: 422 INSUFFICIENT_FUNDS', async () => {
    await booked(await post(roles.treasurer, '/treasury/retire', retireBody('4.00'))); // 8.00 left
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () => post(roles.treasurer, '/treasury/retire', retireBody('8.01')),
    });
    expect(response.body.detail).toBe(
      `Account ${business.accountId} has 8.00 STK available; 8.01 STK is needed.`,
    );
  });

  it('refuses retiring from the issuance account (422 SAME_ACCOUNT) or an unknown account (404)', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'SAME_ACCOUNT',
      act: () =>
        post(roles.treasurer, '/treasury/retire', {
          ...retireBody('1.00'),
          fromAccountId: issuanceAccountId,
        }),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        post(roles.treasurer, '/treasury/retire', {
          ...retireBody('1.00'),
          fromAccountId: randomUUID(),
        }),
    });
  });

  it('lets nobody but a treasurer retire, not even the business itself: 403 FORBIDDEN', async () => {
    for (const session of [...NON_TREASURERS.map((role) => roles[role]), business.member]) {
      await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 403,
        code: 'FORBIDDEN',
        act: () => post(session, '/treasury/retire', retireBody('1.00')),
      });
    }
  });

  it('refuses a retire without a key (400) and with bad amounts (400)', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => post(roles.treasurer, '/treasury/retire', retireBody('1.00'), null),
    });
    for (const amount of ['0.00', '-1.00', '1.001', 'NaN']) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () => post(roles.treasurer, '/treasury/retire', retireBody(amount)),
      });
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'amount', code: 'isAmount' }),
      ]);
    }
  });
});

describe('Story: the treasurer books a multi-posting entry', () => {
  let first: TestParty;
  let second: TestParty;
  let third: TestParty;
  let grantKey: string;
  let grant: EntryBody;
  const touched = () => [first.accountId, second.accountId, third.accountId, issuanceAccountId];
  const grantBody = () => ({
    code: 'ISSUE',
    description: 'Subsidie buurtfeesten, verdeeld over drie organisaties',
    postings: [
      { accountId: issuanceAccountId, amount: '-90.00' },
      { accountId: first.accountId, amount: '30.00' },
      { accountId: second.accountId, amount: '25.00' },
      { accountId: third.accountId, amount: '35.00' },
    ],
  });
  const entry = (
    code: string,
    postings: Array<[string, string]>,
    extra: Record<string, unknown> = {},
  ) => ({
    code,
    description: 'Correctie e2e',
    postings: postings.map(([accountId, amount]) => ({ accountId, amount })),
    ...extra,
  });

  beforeEach(async () => {
    first = await createFundedParty(http(), overseers(), 'organisation');
    second = await createFundedParty(http(), overseers(), 'organisation');
    third = await createFundedParty(http(), overseers(), 'organisation');
  });

  /** The grant of 30.00, 25.00 and 35.00 booked under `grantKey`. */
  async function bookGrant(): Promise<void> {
    grantKey = newKey();
    grant = await booked(await post(roles.treasurer, '/entries', grantBody(), grantKey));
  }

  const moveBetweenParties = async () =>
    booked(
      await post(
        roles.treasurer,
        '/entries',
        entry(
          'TRANSFER',
          [
            [first.accountId, '-10.00'],
            [second.accountId, '4.00'],
            [third.accountId, '6.00'],
          ],
          { effectiveDate: '2026-11-20', metadata: { ticket: 'PM-17' } },
        ),
      ),
    );

  it('books one entry with four postings that sum to zero', async () => {
    await bookGrant();
    expect(grant).toMatchObject({
      code: 'ISSUE',
      createdBy: roles.treasurer.userId,
      effectiveDate: '2026-11-23',
    });
    expect(grant.postings.map((posting) => [posting.accountId, posting.amount])).toEqual(
      grantBody().postings.map((posting) => [posting.accountId, posting.amount]),
    );
    expect(grant.postings.slice(1).map((posting) => posting.balanceAfter)).toEqual([
      '30.00',
      '25.00',
      '35.00',
    ]);
    expect(grant.postings.reduce((sum, posting) => sum + cents(posting.amount), 0n)).toBe(0n);
  });

  it('books a transfer between parties, back-dated, without touching the issuance account', async () => {
    await bookGrant();
    const moved = await moveBetweenParties();
    expect(moved).toMatchObject({
      code: 'TRANSFER',
      effectiveDate: '2026-11-20',
      metadata: { ticket: 'PM-17' },
    });
    expect(moved.postings.map((posting) => posting.balanceAfter)).toEqual([
      '20.00',
      '29.00',
      '41.00',
    ]);
    expect((await readAccount(http(), first.member, first.accountId)).balance).toBe('20.00');
  });

  it('answers a replay with the same entry; another body under the key is 409', async () => {
    await bookGrant();
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const replay = await post(roles.treasurer, '/entries', grantBody(), grantKey);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(grant.id);
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () =>
        post(roles.treasurer, '/entries', { ...grantBody(), description: 'Anders' }, grantKey),
    });
  });

  it('refuses postings that do not sum to zero: 422 ENTRY_UNBALANCED', async () => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'ENTRY_UNBALANCED',
      act: () =>
        post(
          roles.treasurer,
          '/entries',
          entry('TRANSFER', [
            [first.accountId, '-10.00'],
            [second.accountId, '9.99'],
          ]),
        ),
    });
    expect(response.body.detail).toBe(
      'An entry needs two or more postings, on different accounts, that sum to zero: the postings do not sum to zero.',
    );
  });

  it('explains an unbalanced entry wholly in Dutch when asked, its reason included', async () => {
    const dutch = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'ENTRY_UNBALANCED',
      act: () =>
        http()
          .post(`${API}/entries`)
          .set(roles.treasurer.auth)
          .set('Idempotency-Key', newKey())
          .set('Accept-Language', 'nl')
          .send(
            entry('ADJUST', [
              [issuanceAccountId, '-5.00'],
              [first.accountId, '5.00'],
              [second.accountId, '5.00'],
            ]),
          ),
    });
    expect(dutch.body.detail).toBe(
      'Een boeking heeft twee of meer boekingsregels nodig, op verschillende rekeningen, die samen nul zijn: de boekingsregels zijn samen niet nul.',
    );
    // DESIGN §6: the message is in the request's language; the reason must not stay English.
    expect(dutch.body.detail).not.toContain('the postings');
  });

  it('refuses an account twice in one entry: 422 ENTRY_UNBALANCED', async () => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'ENTRY_UNBALANCED',
      act: () =>
        post(
          roles.treasurer,
          '/entries',
          entry('TRANSFER', [
            [first.accountId, '-5.00'],
            [second.accountId, '5.00'],
            [first.accountId, '0.01'],
            [third.accountId, '-0.01'],
          ]),
        ),
    });
    expect(response.body.detail).toContain('an account appears twice');
  });

  it('refuses fewer than two postings, more than a hundred, or a posting of zero with 400 VALIDATION_FAILED', async () => {
    const single = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => post(roles.treasurer, '/entries', entry('TRANSFER', [[first.accountId, '0.01']])),
    });
    expect(single.body.errors).toEqual([
      expect.objectContaining({ field: 'postings', code: 'arrayMinSize' }),
    ]);
    const many = Array.from({ length: 101 }, (_, index): [string, string] => [
      randomUUID(),
      index === 0 ? '-1.00' : '0.01',
    ]);
    const tooMany = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => post(roles.treasurer, '/entries', entry('TRANSFER', many)),
    });
    expect(tooMany.body.errors).toEqual([
      expect.objectContaining({ field: 'postings', code: 'arrayMaxSize' }),
    ]);
    const zero = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        post(
          roles.treasurer,
          '/entries',
          entry('TRANSFER', [
            [first.accountId, '-1.00'],
            [second.accountId, '1.00'],
            [third.accountId, '0.00'],
          ]),
        ),
    });
    expect(zero.body.errors).toEqual([
      expect.objectContaining({ field: 'postings.2.amount', code: 'isAmount' }),
    ]);
    const badAccount = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        post(
          roles.treasurer,
          '/entries',
          entry('TRANSFER', [
            ['first', '-1.00'],
            [second.accountId, '1.00'],
          ]),
        ),
    });
    expect(badAccount.body.errors).toEqual([
      expect.objectContaining({ field: 'postings.0.accountId', code: 'isUuid' }),
    ]);
    const future = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        post(
          roles.treasurer,
          '/entries',
          entry(
            'TRANSFER',
            [
              [first.accountId, '-1.00'],
              [second.accountId, '1.00'],
            ],
            { effectiveDate: '2026-12-01' },
          ),
        ),
    });
    expect(future.body.errors).toEqual([
      expect.objectContaining({ field: 'effectiveDate', code: 'EFFECTIVE_DATE_IN_FUTURE' }),
    ]);
  });

  it('refuses codes that have their own path (400) and a member code on the issuance account (422 ENTRY_CODE_NOT_ALLOWED)', async () => {
    for (const code of ['REVERSAL', 'REDEEM', 'BOOKING', 'GIFT']) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () =>
          post(
            roles.treasurer,
            '/entries',
            entry(code, [
              [first.accountId, '-1.00'],
              [second.accountId, '1.00'],
            ]),
          ),
      });
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'code', code: 'isIn' }),
      ]);
    }
    for (const code of ['HOURS', 'TRANSFER', 'SERVICE']) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 422,
        code: 'ENTRY_CODE_NOT_ALLOWED',
        act: () =>
          post(
            roles.treasurer,
            '/entries',
            entry(code, [
              [issuanceAccountId, '-1.00'],
              [first.accountId, '1.00'],
            ]),
          ),
      });
      expect(response.body.detail).toBe(`Entry code ${code} cannot be used here.`);
    }
  });

  it('refuses taking a party below its limit (422 INSUFFICIENT_FUNDS) and an unknown account (404)', async () => {
    await bookGrant();
    await moveBetweenParties();
    // third holds 41.00 and, as a new organisation, has no credit.
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        post(
          roles.treasurer,
          '/entries',
          entry('ADJUST', [
            [third.accountId, '-41.01'],
            [issuanceAccountId, '41.01'],
          ]),
        ),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        post(
          roles.treasurer,
          '/entries',
          entry('TRANSFER', [
            [first.accountId, '-1.00'],
            [randomUUID(), '1.00'],
          ]),
        ),
    });
  });

  it('lets nobody but a treasurer book an entry: 403 FORBIDDEN; and needs a key: 400', async () => {
    for (const role of NON_TREASURERS) {
      await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 403,
        code: 'FORBIDDEN',
        act: () => post(roles[role], '/entries', grantBody()),
      });
    }
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => post(roles.treasurer, '/entries', grantBody(), null),
    });
  });
});

describe('Story: a treasurer reverses a mistaken payment, once', () => {
  let organisation: TestParty;
  let volunteer: TestParty;
  let business: TestParty;
  let mistake: EntryBody;
  let reversal: EntryBody;
  let reversalKey: string;
  const touched = () => [organisation.accountId, volunteer.accountId, business.accountId];
  const reverse = (
    session: Session,
    entryId: string,
    body: Record<string, unknown> = {},
    key: string | null = newKey(),
  ) => post(session, `/entries/${entryId}/reversal`, body, key);

  // The September hours paid twice, for each test.
  beforeEach(async () => {
    organisation = await createFundedParty(http(), overseers(), 'organisation', '50.00');
    volunteer = await createFundedParty(http(), overseers(), 'volunteer');
    business = await createFundedParty(http(), overseers(), 'business');
    await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '9.00',
      code: 'HOURS',
      description: 'Uren september',
    });
    mistake = await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '9.00',
      code: 'HOURS',
      description: 'Uren september (nogmaals)',
    });
  });

  it('lets nobody but a treasurer reverse: 403 FORBIDDEN, and needs a key: 400', async () => {
    for (const session of [
      ...NON_TREASURERS.map((role) => roles[role]),
      organisation.member,
      volunteer.member,
    ]) {
      await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 403,
        code: 'FORBIDDEN',
        act: () => reverse(session, mistake.id),
      });
    }
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => reverse(roles.treasurer, mistake.id, {}, null),
    });
  });

  it('refuses an unknown or malformed entry id and unknown fields', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () => reverse(roles.treasurer, randomUUID()),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => reverse(roles.treasurer, 'entry-1'),
    });
    const unknownField = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => reverse(roles.treasurer, mistake.id, { amount: '4.50' }),
    });
    expect(unknownField.body.errors).toEqual([
      expect.objectContaining({ field: 'amount', code: 'whitelistValidation' }),
    ]);
  });

  /** The double payment reversed by the treasurer under `reversalKey`. */
  async function reverseMistake(): Promise<void> {
    reversalKey = newKey();
    reversal = await booked(
      await reverse(roles.treasurer, mistake.id, { description: 'Dubbel geboekt' }, reversalKey),
    );
  }

  it('books a REVERSAL entry that negates every posting and names the original', async () => {
    await reverseMistake();
    expect(reversal).toMatchObject({
      code: 'REVERSAL',
      description: 'Dubbel geboekt',
      reversesEntryId: mistake.id,
      metadata: { reversesEntryId: mistake.id },
      createdBy: roles.treasurer.userId,
      postings: [
        { accountId: organisation.accountId, amount: '9.00', balanceAfter: '41.00' },
        { accountId: volunteer.accountId, amount: '-9.00', balanceAfter: '9.00' },
      ],
    });
    expect(reversal.sequence).toBeGreaterThan(mistake.sequence);
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).balance).toBe('9.00');
    expect((await readAccount(http(), organisation.member, organisation.accountId)).balance).toBe(
      '41.00',
    );
    const seen = await http()
      .get(`${API}/entries/${reversal.id}`)
      .set(volunteer.member.auth)
      .expect(200);
    expect(seen.body).toMatchObject({
      id: reversal.id,
      code: 'REVERSAL',
      reversesEntryId: mistake.id,
      postings: expect.arrayContaining([reversal.postings[1]]),
    });
    expect(
      (await http().get(`${API}/entries/${reversal.id}`).set(roles.treasurer.auth).expect(200))
        .body,
    ).toEqual(reversal);
    // The original is immutable: it reads as before (the treasurer also sees the balances its payer could not).
    const original = (
      await http().get(`${API}/entries/${mistake.id}`).set(roles.treasurer.auth).expect(200)
    ).body;
    const withoutBalances = (entry: typeof mistake) => ({
      ...entry,
      postings: entry.postings.map(({ accountId, amount }) => ({ accountId, amount })),
    });
    expect(withoutBalances(original)).toEqual(withoutBalances(mistake));
  });

  it('answers a replay of the reversal with the same entry and writes nothing', async () => {
    await reverseMistake();
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const replay = await reverse(
      roles.treasurer,
      mistake.id,
      { description: 'Dubbel geboekt' },
      reversalKey,
    );
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(reversal);
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
  });

  it('refuses reversing it a second time: 409 ENTRY_ALREADY_REVERSED, in Dutch too', async () => {
    await reverseMistake();
    const again = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'ENTRY_ALREADY_REVERSED',
      act: () => reverse(roles.treasurer, mistake.id),
    });
    expect(again.body.detail).toBe(`Entry ${mistake.id} has already been reversed.`);
    const dutch = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'ENTRY_ALREADY_REVERSED',
      act: () =>
        http()
          .post(`${API}/entries/${mistake.id}/reversal`)
          .set(roles.treasurer.auth)
          .set('Idempotency-Key', newKey())
          .set('Accept-Language', 'nl')
          .send({ description: 'Nog eens' }),
    });
    expect(dutch.body.detail).toBe(`Boeking ${mistake.id} is al teruggedraaid.`);
  });

  it('refuses reversing the reversal: 422 ENTRY_NOT_REVERSIBLE', async () => {
    await reverseMistake();
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'ENTRY_NOT_REVERSIBLE',
      act: () => reverse(roles.treasurer, reversal.id),
    });
    expect(response.body.detail).toBe(`Entry ${reversal.id} is itself a reversal.`);
  });

  it('refuses a reversal that would take the receiver below zero, until the money is back', async () => {
    await reverseMistake(); // the volunteer holds 9.00
    const paid = await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '5.00',
      code: 'HOURS',
    });
    await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: organisation.accountId,
      amount: '14.00',
      description: 'Alles uitgegeven',
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () => reverse(roles.treasurer, paid.id),
    });
    await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '5.00',
      description: 'Terugbetaling',
    });
    const undone = await booked(await reverse(roles.treasurer, paid.id));
    expect(undone).toMatchObject({
      code: 'REVERSAL',
      reversesEntryId: paid.id,
      description: `Reversal of entry ${paid.sequence}`,
    });
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).balance).toBe('0.00');
  });

  it('reverses a multi-posting issue whole', async () => {
    const grant = await booked(
      await post(roles.treasurer, '/entries', {
        code: 'ISSUE',
        description: 'Extra budget',
        postings: [
          { accountId: issuanceAccountId, amount: '-3.00' },
          { accountId: organisation.accountId, amount: '2.00' },
          { accountId: business.accountId, amount: '1.00' },
        ],
      }),
    );
    const undone = await booked(
      await reverse(roles.treasurer, grant.id, { description: 'Budget ingetrokken' }),
    );
    expect(undone.postings.map((posting) => [posting.accountId, posting.amount])).toEqual([
      [issuanceAccountId, '3.00'],
      [organisation.accountId, '-2.00'],
      [business.accountId, '-1.00'],
    ]);
  });
});

describe('Story: the treasurer reconciles the ledger after all these flows', () => {
  it('lets nobody but a treasurer run the reconciliation', async () => {
    for (const role of NON_TREASURERS) {
      expectProblem(
        await http().get(`${API}/treasury/reconciliation`).set(roles[role].auth),
        403,
        'FORBIDDEN',
      );
    }
    expectProblem(await http().get(`${API}/treasury/reconciliation`), 401, 'UNAUTHENTICATED');
  });

  it('finds every balance explained: ok, no discrepancies, every entry checked', async () => {
    const organisation = await createFundedParty(http(), overseers(), 'organisation');
    const latest = await booked(
      await post(roles.treasurer, '/treasury/issue', {
        toAccountId: organisation.accountId,
        amount: '5.00',
        description: 'Laatste boeking',
      }),
    );
    const response = await http()
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(response.body).toMatchObject({ ok: true, discrepancies: [] });
    // Sequences are contiguous from 1: the last entry's sequence is the number of entries.
    expect(response.body.checked.entries).toBe(latest.sequence);
    expect(response.body.checked.postings).toBeGreaterThanOrEqual(
      2 * response.body.checked.entries,
    );
  });

  it('checks incrementally from the last verified checkpoint, and everything on ?full=true', async () => {
    const full = await http()
      .get(`${API}/treasury/reconciliation?full=true`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(full.body).toMatchObject({ ok: true, mode: 'full', fromSequence: 0 });
    const organisation = await createFundedParty(http(), overseers(), 'organisation');
    const latest = await booked(
      await post(roles.treasurer, '/treasury/issue', {
        toAccountId: organisation.accountId,
        amount: '1.00',
        description: 'Na de controle',
      }),
    );
    const incremental = await http()
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(incremental.body).toMatchObject({
      ok: true,
      mode: 'incremental',
      fromSequence: full.body.checked.entries,
      discrepancies: [],
    });
    expect(incremental.body.checked.entries).toBe(latest.sequence);
    expectProblem(
      await http().get(`${API}/treasury/reconciliation?full=yes`).set(roles.treasurer.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('sums every account of every party and the issuance account to exactly zero', async () => {
    // A party beyond the 22 of the demo, with money issued to it and moved on.
    const organisation = await createFundedParty(http(), overseers(), 'organisation', '20.00');
    const volunteer = await createFundedParty(http(), overseers(), 'volunteer');
    await transfer(http(), organisation.member, {
      fromAccountId: organisation.accountId,
      toAccountId: volunteer.accountId,
      amount: '7.00',
      code: 'HOURS',
    });
    let total = cents((await readAccount(http(), roles.treasurer, issuanceAccountId)).balance);
    let cursor: string | null = null;
    let parties = 0;
    do {
      const page: Response = await http()
        .get(`${API}/parties`)
        .query({ limit: 100, ...(cursor ? { cursor } : {}) })
        .set(roles.treasurer.auth)
        .expect(200);
      for (const party of page.body.items as Array<{ id: string }>) {
        const accounts = (
          await http()
            .get(`${API}/parties/${party.id}/accounts`)
            .set(roles.treasurer.auth)
            .expect(200)
        ).body as AccountBody[];
        for (const account of accounts) total += cents(account.balance);
        parties += 1;
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(parties).toBeGreaterThan(22);
    expect(total).toBe(0n);
  });
});
