import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { Role } from '../src/common/roles.js';
import {
  API,
  createFundedParty,
  type EntryBody,
  expectProblem,
  expectRefusedWritingNothing,
  issuanceAccountOf,
  issue,
  newKey,
  postTransfer,
  readAccount,
  readStatement,
  snapshotLedger,
  type TestParty,
  transfer,
} from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

let testApp: TestApp;
let roles: Record<Role, Session>;

beforeAll(async () => {
  testApp = await createTestApp();
  roles = await loginAllRoles(testApp.http);
});
// Every test starts at the same moment, whatever an earlier one did to the clock.
beforeEach(() => testApp.clock.set(TEST_START));
afterAll(() => testApp.close());

const http = () => testApp.http;
const overseers = () => ({ admin: roles.admin, treasurer: roles.treasurer });
const HOUR = 60 * 60 * 1000;

interface HoldBody {
  id: string;
  fromAccountId: string;
  toAccountId: string;
  amount: string;
  postedAmount: string | null;
  status: 'pending' | 'posted' | 'voided' | 'expired';
  code: string;
  description: string;
  metadata: Record<string, unknown>;
  expiresAt: string | null;
  createdAt: string;
  createdBy: string | null;
  resolvedAt: string | null;
  postedEntryId: string | null;
}

function postHoldRequest(
  session: Session,
  body: Record<string, unknown>,
  key: string | null = newKey(),
): Promise<Response> {
  const request = http().post(`${API}/holds`).set(session.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  return request.send({ description: 'Reservering e2e', ...body });
}

async function placeHold(session: Session, body: Record<string, unknown>): Promise<HoldBody> {
  const response = await postHoldRequest(session, body);
  expect(response.status).toBe(201);
  return response.body as HoldBody;
}

function capture(
  session: Session,
  holdId: string,
  body: Record<string, unknown> = {},
  key: string | null = newKey(),
): Promise<Response> {
  const request = http().post(`${API}/holds/${holdId}/post`).set(session.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  return request.send(body);
}

function release(session: Session, holdId: string, key?: string): Promise<Response> {
  const request = http().post(`${API}/holds/${holdId}/void`).set(session.auth);
  if (key !== undefined) request.set('Idempotency-Key', key);
  return request.send();
}

async function readHold(session: Session, holdId: string): Promise<HoldBody> {
  return (await http().get(`${API}/holds/${holdId}`).set(session.auth).expect(200))
    .body as HoldBody;
}

/**
 * A volunteer paid for hours by an organisation, and a place where they spend. The payee is an
 * institution (the municipal swimming pool), named `business` for the story: a volunteer pays a
 * real business only through a redemption (test/fiscal-side-doors.e2e-spec.ts).
 */
async function volunteerAndBusiness(
  hours: string,
): Promise<{ organisation: TestParty; volunteer: TestParty; business: TestParty }> {
  const organisation = await createFundedParty(http(), overseers(), 'organisation', '100.00');
  const volunteer = await createFundedParty(http(), overseers(), 'volunteer');
  const business = await createFundedParty(http(), overseers(), 'institution');
  await transfer(http(), organisation.member, {
    fromAccountId: organisation.accountId,
    toAccountId: volunteer.accountId,
    amount: hours,
    code: 'HOURS',
  });
  return { organisation, volunteer, business };
}

describe('Story: a volunteer reserves Steerkes at a business, which captures the whole amount', () => {
  let volunteer: TestParty;
  let business: TestParty;
  let outsider: TestParty;
  let hold: HoldBody;
  let captureKey: string;
  let captured: HoldBody;
  const touched = () => [volunteer.accountId, business.accountId];

  // Parties of its own for each test; the tests after the first reserve the swimming pass themselves.
  beforeEach(async () => {
    ({ volunteer, business } = await volunteerAndBusiness('20.00'));
    outsider = await createFundedParty(http(), overseers(), 'volunteer');
  });

  const reserveSwimmingRequest = () =>
    postHoldRequest(volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '8.00',
      code: 'SERVICE',
      description: 'Zwemabonnement',
      metadata: { offer: 'zwemmen' },
    });

  /** The volunteer's 8.00 reserved for a swimming pass at the business. */
  async function reserveSwimming(): Promise<void> {
    const response = await reserveSwimmingRequest();
    expect(response.status).toBe(201);
    hold = response.body as HoldBody;
  }

  /** The swimming pass reserved and captured whole by the business, with `captureKey`. */
  async function reserveAndCaptureSwimming(): Promise<void> {
    await reserveSwimming();
    captureKey = newKey();
    const response = await capture(business.member, hold.id, {}, captureKey);
    expect(response.status).toBe(201);
    captured = response.body as HoldBody;
  }

  it('reserves the amount: a pending hold, no entry, available = balance − pending', async () => {
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const response = await reserveSwimmingRequest();
    expect(response.status).toBe(201);
    hold = response.body as HoldBody;
    expect(hold).toMatchObject({
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '8.00',
      postedAmount: null,
      status: 'pending',
      code: 'SERVICE',
      description: 'Zwemabonnement',
      metadata: { offer: 'zwemmen' },
      expiresAt: null,
      createdBy: volunteer.member.userId,
      resolvedAt: null,
      postedEntryId: null,
    });
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '20.00',
      pending: '8.00',
      available: '12.00',
    });
    expect(await readAccount(http(), business.member, business.accountId)).toMatchObject({
      balance: '0.00',
      pending: '0.00',
      available: '0.00',
    });
    const after = await snapshotLedger(http(), roles.treasurer, touched());
    expect(after.ledger).toEqual({ ...before.ledger, holds: before.ledger.holds + 1 });
    expect(after.accounts[volunteer.accountId].statementLines).toBe(
      before.accounts[volunteer.accountId].statementLines,
    );
  });

  it('sums several holds into pending', async () => {
    await reserveSwimming();
    const second = await placeHold(volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '2.25',
    });
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '20.00',
      pending: '10.25',
      available: '9.75',
    });
    expect((await release(business.member, second.id)).status).toBe(200);
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '20.00',
      pending: '8.00',
      available: '12.00',
    });
  });

  it('lets payer, payee and treasurer read the hold; anyone else gets 404', async () => {
    await reserveSwimming();
    for (const reader of [volunteer.member, business.member, roles.treasurer, roles.admin]) {
      expect(await readHold(reader, hold.id)).toEqual(hold);
    }
    expectProblem(
      await http().get(`${API}/holds/${hold.id}`).set(outsider.member.auth),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await http().get(`${API}/holds/${randomUUID()}`).set(roles.treasurer.auth),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses spending what is reserved: only the available 12.00 can move', async () => {
    await reserveSwimming();
    const refused = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        postTransfer(http(), volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '12.01',
        }),
    });
    expect(refused.body.detail).toBe(
      `Account ${volunteer.accountId} has 12.00 STK available; 12.01 STK is needed.`,
    );
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        postHoldRequest(volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '12.01',
        }),
    });
  });

  it('refuses the payer capturing or voiding their own hold: 403 FORBIDDEN, in Dutch too', async () => {
    await reserveSwimming();
    const post = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 403,
      code: 'FORBIDDEN',
      act: () => capture(volunteer.member, hold.id),
    });
    expect(post.body.detail).toBe(
      'You may not do this: only the receiving party or a treasurer settles a hold.',
    );
    const voided = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 403,
      code: 'FORBIDDEN',
      act: () =>
        http()
          .post(`${API}/holds/${hold.id}/void`)
          .set(volunteer.member.auth)
          .set('Accept-Language', 'nl')
          .send(),
    });
    expect(voided.body.detail).toBe(
      'U mag dit niet doen: alleen de ontvangende partij of een penningmeester handelt een reservering af.',
    );
    expect((await readHold(volunteer.member, hold.id)).status).toBe('pending');
  });

  it('refuses an admin settling a hold (403) and hides it from other parties (404)', async () => {
    await reserveSwimming();
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 403,
      code: 'FORBIDDEN',
      act: () => capture(roles.admin, hold.id),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 403,
      code: 'FORBIDDEN',
      act: () => release(roles.admin, hold.id),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () => capture(outsider.member, hold.id),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () => release(outsider.member, hold.id),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () => capture(business.member, randomUUID()),
    });
  });

  it('refuses capturing without an Idempotency-Key: 400 IDEMPOTENCY_KEY_REQUIRED', async () => {
    await reserveSwimming();
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => capture(business.member, hold.id, {}, null),
    });
  });

  it('lets the business capture the whole hold: one SERVICE entry, the reservation gone', async () => {
    await reserveSwimming();
    captureKey = newKey();
    const response = await capture(business.member, hold.id, {}, captureKey);
    expect(response.status).toBe(201);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    captured = response.body as HoldBody;
    expect(captured).toMatchObject({
      id: hold.id,
      status: 'posted',
      amount: '8.00',
      postedAmount: '8.00',
      resolvedAt: '2026-11-23T09:00:00.000Z',
    });
    const entry = (
      await http()
        .get(`${API}/entries/${captured.postedEntryId}`)
        .set(roles.treasurer.auth)
        .expect(200)
    ).body as EntryBody;
    const seenByPayer = await http()
      .get(`${API}/entries/${captured.postedEntryId}`)
      .set(volunteer.member.auth)
      .expect(200);
    expect(seenByPayer.body).toMatchObject({
      id: entry.id,
      postings: expect.arrayContaining([
        { accountId: volunteer.accountId, amount: '-8.00', balanceAfter: '12.00' },
      ]),
    });
    expect(entry).toMatchObject({
      code: 'SERVICE',
      description: 'Zwemabonnement',
      metadata: { offer: 'zwemmen', holdId: hold.id },
      createdBy: business.member.userId,
      postings: [
        { accountId: volunteer.accountId, amount: '-8.00', balanceAfter: '12.00' },
        { accountId: business.accountId, amount: '8.00', balanceAfter: '8.00' },
      ],
    });
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '12.00',
      pending: '0.00',
      available: '12.00',
    });
    expect(await readAccount(http(), business.member, business.accountId)).toMatchObject({
      balance: '8.00',
      pending: '0.00',
      available: '8.00',
    });
    expect(await readHold(volunteer.member, hold.id)).toEqual(captured);
  });

  it('answers a replayed capture with the first result and writes nothing', async () => {
    await reserveAndCaptureSwimming();
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const replay = await capture(business.member, hold.id, {}, captureKey);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(captured);
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () => capture(business.member, hold.id, { amount: '1.00' }, captureKey),
    });
  });

  it('refuses capturing or voiding it again: 409 HOLD_NOT_PENDING', async () => {
    await reserveAndCaptureSwimming();
    const again = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_NOT_PENDING',
      act: () => capture(business.member, hold.id),
    });
    expect(again.body.detail).toBe(`Hold ${hold.id} is posted, not pending.`);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_NOT_PENDING',
      act: () => capture(roles.treasurer, hold.id),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_NOT_PENDING',
      act: () => release(business.member, hold.id),
    });
  });
});

describe('Story: a business captures part of a hold; the rest is released', () => {
  let volunteer: TestParty;
  let business: TestParty;
  let hold: HoldBody;
  const touched = () => [volunteer.accountId, business.accountId];

  // A volunteer with 15.00 and a 10.00 estimate of a bike repair reserved, for each test.
  beforeEach(async () => {
    ({ volunteer, business } = await volunteerAndBusiness('15.00'));
    hold = await placeHold(volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '10.00',
      description: 'Fietsreparatie, schatting',
    });
  });

  /** The repair cost 6.50: captured, the other 3.50 released. */
  const captureRepair = async () =>
    expect((await capture(business.member, hold.id, { amount: '6.50' })).status).toBe(201);

  it('refuses capturing more than was reserved: 422 HOLD_AMOUNT_EXCEEDED', async () => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'HOLD_AMOUNT_EXCEEDED',
      act: () => capture(business.member, hold.id, { amount: '10.01' }),
    });
    expect(response.body.detail).toBe(
      `Hold ${hold.id} reserves 10.00 STK; 10.01 STK cannot be posted.`,
    );
    expect((await readHold(business.member, hold.id)).status).toBe('pending');
  });

  it.each([
    ['zero', '0.00'],
    ['a negative amount', '-1.00'],
    ['three decimals', '1.005'],
    ['a JSON number', 5],
  ])('refuses capturing %s with 400 VALIDATION_FAILED (isAmount)', async (_label, amount) => {
    const response = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => capture(business.member, hold.id, { amount }),
    });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'amount', code: 'isAmount' }),
    ]);
  });

  it('refuses a null amount with a 400 and writes nothing', async () => {
    // @IsOptional lets null through the DTO; parseAmount then refuses it as INVALID_AMOUNT.
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const response = await capture(business.member, hold.id, { amount: null });
    expect(response.status).toBe(400);
    expect(['INVALID_AMOUNT', 'VALIDATION_FAILED']).toContain(response.body.code);
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
  });

  it('posts 6.50 and releases the other 3.50', async () => {
    const response = await capture(business.member, hold.id, {
      amount: '6.50',
      description: 'Fietsreparatie: band en ketting',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'posted',
      amount: '10.00',
      postedAmount: '6.50',
    });
    const entry = (
      await http()
        .get(`${API}/entries/${response.body.postedEntryId}`)
        .set(roles.treasurer.auth)
        .expect(200)
    ).body as EntryBody;
    await http()
      .get(`${API}/entries/${response.body.postedEntryId}`)
      .set(business.member.auth)
      .expect(200);
    expect(entry).toMatchObject({
      code: 'TRANSFER',
      description: 'Fietsreparatie: band en ketting',
      postings: [
        { accountId: volunteer.accountId, amount: '-6.50', balanceAfter: '8.50' },
        { accountId: business.accountId, amount: '6.50', balanceAfter: '6.50' },
      ],
    });
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '8.50',
      pending: '0.00',
      available: '8.50',
    });
    const lines = await readStatement(http(), volunteer.member, volunteer.accountId);
    expect(lines.map((line) => line.amount)).toEqual(['15.00', '-6.50']);
  });

  it('refuses posting the released rest later: 409 HOLD_NOT_PENDING', async () => {
    await captureRepair();
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_NOT_PENDING',
      act: () => capture(business.member, hold.id, { amount: '3.50' }),
    });
  });

  it('lets a treasurer capture a hold on the payee’s behalf, even when it uses all that is available', async () => {
    await captureRepair(); // 8.50 left
    const whole = await placeHold(volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '8.50',
    });
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      pending: '8.50',
      available: '0.00',
    });
    const response = await capture(roles.treasurer, whole.id, { amount: '8.50' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'posted', postedAmount: '8.50' });
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '0.00',
      pending: '0.00',
      available: '0.00',
    });
  });
});

describe('Story: a business declines a reservation and voids the hold', () => {
  let volunteer: TestParty;
  let business: TestParty;
  let hold: HoldBody;
  const touched = () => [volunteer.accountId, business.accountId];

  // A volunteer with 9.00, 4.00 of it reserved, for each test.
  beforeEach(async () => {
    ({ volunteer, business } = await volunteerAndBusiness('9.00'));
    hold = await placeHold(volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '4.00',
    });
  });

  const declineReservation = async () =>
    expect((await release(business.member, hold.id)).status).toBe(200);

  it('refuses a void with a malformed Idempotency-Key: 400 IDEMPOTENCY_KEY_REQUIRED', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => release(business.member, hold.id, 'x'.repeat(201)),
    });
  });

  it('voids it: status voided, the reservation released, no entry written', async () => {
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const key = newKey();
    const response = await release(business.member, hold.id, key);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: hold.id,
      status: 'voided',
      postedAmount: null,
      postedEntryId: null,
      resolvedAt: '2026-11-23T09:00:00.000Z',
    });
    const after = await snapshotLedger(http(), roles.treasurer, touched());
    expect(after.ledger).toEqual(before.ledger);
    expect(after.accounts[volunteer.accountId]).toEqual({
      ...before.accounts[volunteer.accountId],
      pending: '0.00',
      available: '9.00',
    });
    expect(after.accounts[business.accountId]).toEqual(before.accounts[business.accountId]);

    const replay = await release(business.member, hold.id, key);
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(response.body);
  });

  it('refuses voiding or posting a voided hold: 409 HOLD_NOT_PENDING, in Dutch too', async () => {
    await declineReservation();
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_NOT_PENDING',
      act: () => release(business.member, hold.id),
    });
    const post = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_NOT_PENDING',
      act: () =>
        http()
          .post(`${API}/holds/${hold.id}/post`)
          .set(business.member.auth)
          .set('Idempotency-Key', newKey())
          .set('Accept-Language', 'nl')
          .send({}),
    });
    expect(post.body.detail).toMatch(
      new RegExp(`^Reservering ${hold.id} is .+, niet openstaand\\.$`),
    );
  });

  it('lets a treasurer void a hold too', async () => {
    await declineReservation(); // all 9.00 available again
    const another = await placeHold(volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '9.00',
    });
    const response = await release(roles.treasurer, another.id);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('voided');
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '9.00',
      pending: '0.00',
      available: '9.00',
    });
  });
});

describe('Story: an unclaimed hold expires and frees the reservation', () => {
  let volunteer: TestParty;
  let business: TestParty;
  let hold: HoldBody;
  let expiresAt: Date;
  const touched = () => [volunteer.accountId, business.accountId];

  // A volunteer with 6.00, 5.00 of it reserved for an hour from the test's start, for each test.
  beforeEach(async () => {
    ({ volunteer, business } = await volunteerAndBusiness('6.00'));
    expiresAt = new Date(testApp.clock.now().getTime() + HOUR);
    hold = await placeHold(volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '5.00',
      expiresAt: expiresAt.toISOString(),
    });
  });

  it('refuses an expiry in the past, now, or more than a year ahead: 400 VALIDATION_FAILED', async () => {
    const now = testApp.clock.now().getTime();
    for (const moment of [
      new Date(now - 1000).toISOString(),
      new Date(now).toISOString(),
      new Date(now + 367 * 24 * HOUR).toISOString(),
    ]) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () =>
          postHoldRequest(volunteer.member, {
            fromAccountId: volunteer.accountId,
            toAccountId: business.accountId,
            amount: '1.00',
            expiresAt: moment,
          }),
      });
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'expiresAt', code: 'HOLD_EXPIRY_INVALID' }),
      ]);
    }
    const notADate = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postHoldRequest(volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '1.00',
          expiresAt: 'tomorrow',
        }),
    });
    expect(notADate.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'expiresAt', code: 'isIso8601' })]),
    );
    // A moment without Z or an offset would be read in the server's time zone: refused.
    const floating = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postHoldRequest(volunteer.member, {
          fromAccountId: volunteer.accountId,
          toAccountId: business.accountId,
          amount: '1.00',
          expiresAt: '2026-11-24T12:00:00',
        }),
    });
    expect(floating.body.errors).toEqual([
      expect.objectContaining({ field: 'expiresAt', code: 'matches' }),
    ]);
  });

  it('reserves until the expiry: only 1.00 is available meanwhile', async () => {
    expect(hold).toMatchObject({ status: 'pending', expiresAt: expiresAt.toISOString() });
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '6.00',
      pending: '5.00',
      available: '1.00',
    });
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
          amount: '6.00',
        }),
    });
  });

  it('is still pending one millisecond before it expires', async () => {
    testApp.clock.advance(HOUR - 1);
    expect((await readHold(volunteer.member, hold.id)).status).toBe('pending');
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      pending: '5.00',
      available: '1.00',
    });
  });

  it('shows as expired at its expiry, and the reservation is free again', async () => {
    testApp.clock.set(expiresAt);
    expect((await readHold(volunteer.member, hold.id)).status).toBe('expired');
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '6.00',
      pending: '0.00',
      available: '6.00',
    });
    const reconciliation = await http()
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(reconciliation.body).toMatchObject({ ok: true, discrepancies: [] });
  });

  it('refuses capturing or voiding an expired hold: 409 HOLD_EXPIRED', async () => {
    testApp.clock.set(expiresAt);
    const post = await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_EXPIRED',
      act: () => capture(business.member, hold.id),
    });
    expect(post.body.detail).toBe(`Hold ${hold.id} has expired.`);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_EXPIRED',
      act: () => capture(roles.treasurer, hold.id, { amount: '1.00' }),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_EXPIRED',
      act: () => release(business.member, hold.id),
    });
  });

  it('lets the volunteer spend all of it now; the hold stays expired', async () => {
    testApp.clock.set(expiresAt);
    const entry = await transfer(http(), volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '6.00',
    });
    expect(entry.postings[0]).toEqual({
      accountId: volunteer.accountId,
      amount: '-6.00',
      balanceAfter: '0.00',
    });
    const expired = await readHold(volunteer.member, hold.id);
    expect(expired).toMatchObject({ status: 'expired', postedAmount: null, postedEntryId: null });
    expect(expired.resolvedAt).not.toBeNull();
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '0.00',
      pending: '0.00',
      available: '0.00',
    });
    // Expired is expired, before and after the sweep marked it.
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_EXPIRED',
      act: () => capture(business.member, hold.id),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'HOLD_EXPIRED',
      act: () => release(business.member, hold.id),
    });
    const reconciliation = await http()
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(reconciliation.body).toMatchObject({ ok: true, discrepancies: [] });
  });

  it('can be captured right up to its expiry', async () => {
    await issue(http(), roles.treasurer, volunteer.accountId, '3.00');
    const until = new Date(testApp.clock.now().getTime() + 30 * 60 * 1000).toISOString();
    const shortHold = await placeHold(volunteer.member, {
      fromAccountId: volunteer.accountId,
      toAccountId: business.accountId,
      amount: '3.00',
      expiresAt: until,
    });
    testApp.clock.advance(30 * 60 * 1000 - 1);
    const response = await capture(business.member, shortHold.id);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'posted', postedAmount: '3.00' });
    testApp.clock.advance(1);
    expect((await readHold(volunteer.member, shortHold.id)).status).toBe('posted');
  });
});

describe('Story: a reservation that cannot be made is refused, and nothing is written', () => {
  let organisation: TestParty;
  let volunteer: TestParty;
  let business: TestParty;
  let issuanceAccountId: string;
  const touched = () => [organisation.accountId, volunteer.accountId, business.accountId];
  const body = (overrides: Record<string, unknown> = {}) => ({
    fromAccountId: volunteer.accountId,
    toAccountId: business.accountId,
    amount: '2.00',
    ...overrides,
  });

  // Parties of its own for each test: one test lowers the business's maximum balance.
  beforeEach(async () => {
    ({ organisation, volunteer, business } = await volunteerAndBusiness('5.00'));
    issuanceAccountId = issuanceAccountOf(
      await issue(http(), roles.treasurer, business.accountId, '1.00'),
    );
  });

  it('refuses a hold without an Idempotency-Key: 400 IDEMPOTENCY_KEY_REQUIRED', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => postHoldRequest(volunteer.member, body(), null),
    });
  });

  it('answers a replayed hold with the same hold and reserves once', async () => {
    const key = newKey();
    const first = await postHoldRequest(volunteer.member, body({ description: 'Eenmalig' }), key);
    expect(first.status).toBe(201);
    const before = await snapshotLedger(http(), roles.treasurer, touched());
    const replay = await postHoldRequest(volunteer.member, body({ description: 'Eenmalig' }), key);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await snapshotLedger(http(), roles.treasurer, touched())).toEqual(before);
    expect((await readAccount(http(), volunteer.member, volunteer.accountId)).pending).toBe('2.00');
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () =>
        postHoldRequest(volunteer.member, body({ description: 'Eenmalig', amount: '2.01' }), key),
    });
    // The same key on another endpoint is another request too.
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () => postTransfer(http(), volunteer.member, body({ description: 'Eenmalig' }), key),
    });
    expect((await release(business.member, first.body.id)).status).toBe(200);
  });

  it('refuses more than is available: 422 INSUFFICIENT_FUNDS', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () => postHoldRequest(volunteer.member, body({ amount: '5.01' })),
    });
  });

  it('refuses bad amounts, codes and unknown fields with 400 VALIDATION_FAILED', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ amount: '0.00' }, 'amount', 'isAmount'],
      [{ amount: '-2.00' }, 'amount', 'isAmount'],
      [{ amount: '1e2' }, 'amount', 'isAmount'],
      [{ amount: 2 }, 'amount', 'isAmount'],
      [{ code: 'ISSUE' }, 'code', 'isIn'],
      [{ code: 'BOOKING' }, 'code', 'isIn'],
      [{ status: 'posted' }, 'status', 'whitelistValidation'],
      [{ toAccountId: 'nobody' }, 'toAccountId', 'isUuid'],
    ];
    for (const [overrides, field, code] of cases) {
      const response = await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () => postHoldRequest(volunteer.member, body(overrides)),
      });
      expect(response.body.errors).toEqual([expect.objectContaining({ field, code })]);
    }
  });

  it('refuses a hold on the same account (422 SAME_ACCOUNT), towards an unknown account (404)', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'SAME_ACCOUNT',
      act: () => postHoldRequest(volunteer.member, body({ toAccountId: volunteer.accountId })),
    });
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () => postHoldRequest(volunteer.member, body({ toAccountId: randomUUID() })),
    });
  });

  it('refuses a hold on another party’s account (404) and by an overseer (403)', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        postHoldRequest(
          volunteer.member,
          body({ fromAccountId: organisation.accountId, toAccountId: volunteer.accountId }),
        ),
    });
    for (const overseer of [roles.treasurer, roles.admin]) {
      await expectRefusedWritingNothing({
        http: http(),
        treasurer: roles.treasurer,
        accountIds: touched(),
        status: 403,
        code: 'FORBIDDEN',
        act: () => postHoldRequest(overseer, body()),
      });
    }
  });

  it('refuses a hold towards the issuance account: 422 ENTRY_CODE_NOT_ALLOWED', async () => {
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: [...touched(), issuanceAccountId],
      status: 422,
      code: 'ENTRY_CODE_NOT_ALLOWED',
      act: () => postHoldRequest(volunteer.member, body({ toAccountId: issuanceAccountId })),
    });
  });

  it('refuses capturing a hold into an account that reached its maximum: 422 BALANCE_LIMIT_EXCEEDED; the hold stays pending', async () => {
    const hold = await placeHold(volunteer.member, body({ amount: '3.00' }));
    await http()
      .put(`${API}/accounts/${business.accountId}/policy`)
      .set(roles.admin.auth)
      .send({ minBalance: '0.00', maxBalance: '2.00', status: 'open' })
      .expect(200);
    await expectRefusedWritingNothing({
      http: http(),
      treasurer: roles.treasurer,
      accountIds: touched(),
      status: 422,
      code: 'BALANCE_LIMIT_EXCEEDED',
      act: () => capture(business.member, hold.id),
    });
    expect((await readHold(business.member, hold.id)).status).toBe('pending');
    // business holds 1.00: a capture of 1.00 reaches exactly the maximum.
    const partial = await capture(business.member, hold.id, { amount: '1.00' });
    expect(partial.status).toBe(201);
    expect(await readAccount(http(), volunteer.member, volunteer.accountId)).toMatchObject({
      balance: '4.00',
      pending: '0.00',
      available: '4.00',
    });
  });

  it('leaves a ledger that reconciles', async () => {
    const response = await http()
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(response.body).toMatchObject({ ok: true, discrepancies: [] });
  });
});
