import type { Role } from '../src/common/roles.js';
import { BATCH_COMMANDS_MAX } from '../src/ledger/ledger.types.js';
import {
  API,
  createFundedParty,
  type EntryBody,
  expectRefusedWritingNothing,
  newKey,
  readAccount,
  snapshotLedger,
  type TestParty,
  type TransferBody,
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

interface BatchItemBody {
  index: number;
  status: 'booked' | 'refused';
  replayed?: boolean;
  entry?: EntryBody;
  refusal?: {
    code: string;
    status: number;
    detail: string;
    errors?: Array<{ field: string; code: string }>;
  };
}
interface BatchBody {
  booked: number;
  refused: number;
  results: BatchItemBody[];
}

function postBatch(
  session: Session,
  transfers: TransferBody[],
  key: string | null = newKey(),
  language?: string,
) {
  const request = http().post(`${API}/transfers/batch`).set(session.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  if (language) request.set('Accept-Language', language);
  return request.send({ transfers });
}

describe('Story: an organisation pays the month’s hours to its volunteers in one batch', () => {
  let organisation: TestParty;
  let volunteers: TestParty[];
  let otherOrganisation: TestParty;

  // Parties of their own for each test: the first test counts on the organisation's 20.00 and
  // volunteers without Steerkes.
  beforeEach(async () => {
    organisation = await createFundedParty(http(), overseers(), 'organisation', '20.00');
    otherOrganisation = await createFundedParty(http(), overseers(), 'organisation', '50.00');
    volunteers = [];
    for (let index = 0; index < 3; index += 1)
      volunteers.push(await createFundedParty(http(), overseers(), 'volunteer'));
  });

  const hours = (
    volunteer: TestParty,
    amount: string,
    description = 'Uren november',
  ): TransferBody => ({
    fromAccountId: organisation.accountId,
    toAccountId: volunteer.accountId,
    amount,
    code: 'HOURS',
    description,
  });

  it('books each transfer it can and refuses the rest one by one, in one commit, and a repeat answers the same', async () => {
    const key = newKey();
    const transfers = [
      hours(volunteers[0], '6.00'),
      hours(volunteers[1], '30.00'), // more than the 14.00 left: refused alone
      hours(volunteers[1], '8.00'),
      { ...hours(volunteers[2], '1.00'), fromAccountId: otherOrganisation.accountId }, // not this party's money
      { ...hours(volunteers[2], '1.00'), effectiveDate: '2026-01-05' }, // older than members may date
      { ...hours(volunteers[2], '1.00'), toAccountId: organisation.accountId }, // to itself
    ];
    const response = await postBatch(organisation.member, transfers, key, 'nl');
    expect(response.status).toBe(200);
    const body = response.body as BatchBody;
    expect({ booked: body.booked, refused: body.refused }).toEqual({ booked: 2, refused: 4 });
    expect(
      body.results.map((item) => [
        item.index,
        item.status,
        item.refusal?.code ?? null,
        item.refusal?.status ?? null,
      ]),
    ).toEqual([
      [0, 'booked', null, null],
      [1, 'refused', 'INSUFFICIENT_FUNDS', 422],
      [2, 'booked', null, null],
      [3, 'refused', 'NOT_FOUND', 404],
      [4, 'refused', 'VALIDATION_FAILED', 400],
      [5, 'refused', 'SAME_ACCOUNT', 422],
    ]);
    // Refusals read as their problem responses would, in the asked language, with field errors.
    expect(body.results[4].refusal?.errors).toEqual([
      expect.objectContaining({ field: 'effectiveDate', code: 'EFFECTIVE_DATE_TOO_OLD' }),
    ]);
    expect(body.results[1].refusal?.detail).toBe(
      `Rekening ${organisation.accountId} heeft 14.00 STK beschikbaar; er is 30.00 STK nodig.`,
    );
    // A booked transfer shows its entry as POST /transfers does: the payer's balance only.
    expect(body.results[0]).toMatchObject({
      replayed: false,
      entry: { code: 'HOURS', createdBy: organisation.member.userId },
    });
    expect(body.results[0].entry?.postings).toEqual([
      { accountId: organisation.accountId, amount: '-6.00', balanceAfter: '14.00' },
      { accountId: volunteers[0].accountId, amount: '6.00', balanceAfter: null },
    ]);
    expect(body.results[2].entry?.postings[0]).toEqual({
      accountId: organisation.accountId,
      amount: '-8.00',
      balanceAfter: '6.00',
    });
    expect((await readAccount(http(), roles.treasurer, organisation.accountId)).balance).toBe(
      '6.00',
    );
    expect((await readAccount(http(), roles.treasurer, volunteers[1].accountId)).balance).toBe(
      '8.00',
    );
    expect((await readAccount(http(), roles.treasurer, otherOrganisation.accountId)).balance).toBe(
      '50.00',
    );

    // The same batch again: what was booked is answered from the first time, nothing is booked twice.
    const before = await snapshotLedger(http(), roles.treasurer, [
      organisation.accountId,
      ...volunteers.map((volunteer) => volunteer.accountId),
    ]);
    const repeat = (await postBatch(organisation.member, transfers, key)).body as BatchBody;
    expect(
      repeat.results
        .filter((item) => item.status === 'booked')
        .map((item) => [item.index, item.replayed, item.entry?.id]),
    ).toEqual([
      [0, true, body.results[0].entry?.id],
      [2, true, body.results[2].entry?.id],
    ]);
    expect(
      await snapshotLedger(http(), roles.treasurer, [
        organisation.accountId,
        ...volunteers.map((volunteer) => volunteer.accountId),
      ]),
    ).toEqual(before);
  });

  it('keeps a batch’s keys apart from single transfers and other batches', async () => {
    const key = newKey();
    const first = (await postBatch(organisation.member, [hours(volunteers[0], '1.00')], key))
      .body as BatchBody;
    // A single transfer under the same client key is a different request, not a replay of the batch.
    const single = await http()
      .post(`${API}/transfers`)
      .set(organisation.member.auth)
      .set('Idempotency-Key', key)
      .send(hours(volunteers[0], '1.00'));
    expect(single.status).toBe(201);
    expect(single.headers['idempotent-replayed']).toBeUndefined();
    expect(single.body.id).not.toBe(first.results[0].entry?.id);
    // The same key with another transfer at a position: that position is refused, as a reused key is.
    const changed = (await postBatch(organisation.member, [hours(volunteers[0], '2.00')], key))
      .body as BatchBody;
    expect(changed.results[0]).toMatchObject({
      status: 'refused',
      refusal: { code: 'IDEMPOTENCY_KEY_REUSED', status: 409 },
    });
  });

  it('refuses a whole batch that is not well formed, and writes nothing', async () => {
    const accounts = [organisation.accountId, volunteers[0].accountId];
    const member = organisation.member;
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: accounts,
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => postBatch(member, []),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: accounts,
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBatch(member, [
          hours(volunteers[0], '1.00'),
          { ...hours(volunteers[0], '1.00'), amount: '1.001' },
        ]),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: accounts,
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBatch(
          member,
          Array.from({ length: BATCH_COMMANDS_MAX + 1 }, () => hours(volunteers[0], '0.01')),
        ),
    });
    // A list where a transfer belongs: refused by shape, not looked up.
    const nested = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: accounts,
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => postBatch(member, [[] as unknown as TransferBody, hours(volunteers[0], '1.00')]),
    });
    expect(nested.body.errors).toEqual([
      expect.objectContaining({ field: 'transfers', code: 'isObject' }),
    ]);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: accounts,
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => postBatch(member, [hours(volunteers[0], '1.00')], null),
    });
    // Treasurers and admins move no party's money, in a batch neither.
    for (const role of ['treasurer', 'admin'] as const) {
      await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: accounts,
        status: 403,
        code: 'FORBIDDEN',
        act: () => postBatch(roles[role], [hours(volunteers[0], '1.00')]),
      });
    }
    const anonymous = await http()
      .post(`${API}/transfers/batch`)
      .set('Idempotency-Key', newKey())
      .send({ transfers: [hours(volunteers[0], '1.00')] });
    expect(anonymous.status).toBe(401);
  });

  it(`takes ${BATCH_COMMANDS_MAX} transfers in one request, over the usual body limit`, async () => {
    const payer = await createFundedParty(http(), overseers(), 'organisation', '1000.00');
    const transfers = Array.from({ length: BATCH_COMMANDS_MAX }, (_, index) => ({
      fromAccountId: payer.accountId,
      toAccountId: volunteers[index % volunteers.length].accountId,
      amount: '0.01',
      code: 'HOURS' as const,
      description: `Batch ${index}: een beschrijving zo lang als een echte ${'x'.repeat(40)}`,
    }));
    expect(JSON.stringify({ transfers }).length).toBeGreaterThan(
      testApp.configuration.bodySizeLimitBytes,
    );
    const response = await postBatch(payer.member, transfers);
    expect(response.status).toBe(200);
    expect((response.body as BatchBody).booked).toBe(BATCH_COMMANDS_MAX);
    expect((await readAccount(http(), roles.treasurer, payer.accountId)).balance).toBe('990.00');
    // The larger limit is the batch endpoint's alone: the same size elsewhere is still too large.
    const elsewhere = await http()
      .post(`${API}/transfers`)
      .set(payer.member.auth)
      .set('Idempotency-Key', newKey())
      .send({ transfers });
    expect(elsewhere.status).toBe(413);
  });
});
