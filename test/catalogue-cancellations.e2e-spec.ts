import type { Response } from 'supertest';
import type { Role } from '../src/common/roles.js';
import {
  book,
  type BookingBody,
  createListing,
  expectCatalogueRefusal,
  type ListingBody,
  step,
} from './factories/catalogue.js';
import { API, createFundedParty, newKey, readAccount, type TestParty } from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

/**
 * The terms of a room: free cancellation until 48 hours before the start, after that half the
 * price. Every test starts on Monday 23 November 2026, 10:00 in Maastricht, with a provider, a
 * room and a booker holding 100.00 of its own.
 */
describe('Story: bookings are declined and cancelled under the agreed terms', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let booker: TestParty;
  let room: ListingBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    provider = await createFundedParty(testApp.http, roles, 'organisation');
    booker = await createFundedParty(testApp.http, roles, 'business', '100.00');
    room = await createListing(testApp.http, provider.member, 'room', {
      price: '5.00',
      freeCancellationHours: 48,
      cancellationFeePercent: 50,
    });
  });
  afterAll(() => testApp.close());

  const bookRoom = (day: string) =>
    book(testApp.http, booker.member, {
      listingId: room.id,
      startsAt: `${day}T14:00`,
      endsAt: `${day}T16:00`,
    });

  it('lets the provider decline a request, with a reason; the hold is released', async () => {
    const booking = await bookRoom('2026-12-01');
    const declined = await step(testApp.http, provider.member, booking.id, 'decline', {
      reason: 'Zaal in onderhoud',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      charged: '0.00',
      resolutionNote: 'Zaal in onderhoud',
    });
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '100.00',
      pending: '0.00',
    });
    // A declined booking cannot be confirmed, nor declined again.
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 409,
      code: 'BOOKING_WRONG_STATUS',
      act: () => step(testApp.http, provider.member, booking.id, 'confirm'),
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 409,
      code: 'BOOKING_WRONG_STATUS',
      act: () => step(testApp.http, provider.member, booking.id, 'decline', {}),
    });
  });

  it('cancels a request for free, and a confirmed booking for free until 48 hours before', async () => {
    const requested = await bookRoom('2026-12-02');
    expect(
      (
        await step(testApp.http, booker.member, requested.id, 'cancel', {
          reason: 'Vergadering verzet',
        })
      ).body,
    ).toMatchObject({ status: 'cancelled', charged: '0.00' });
    const confirmed = await bookRoom('2026-12-03');
    await step(testApp.http, provider.member, confirmed.id, 'confirm').expect(200);
    expect(confirmed.freeCancellationUntil).toBe('2026-12-01T13:00:00.000Z');
    testApp.clock.set('2026-12-01T12:59:00Z');
    expect((await step(testApp.http, booker.member, confirmed.id, 'cancel')).body).toMatchObject({
      status: 'cancelled',
      charged: '0.00',
    });
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '100.00',
      pending: '0.00',
    });
  });

  it('charges half the price for a later cancellation; the rest is released', async () => {
    const booking = await bookRoom('2026-12-04');
    await step(testApp.http, provider.member, booking.id, 'confirm').expect(200);
    testApp.clock.set('2026-12-03T09:00:00Z'); // a day before: past the free cancellation
    const cancelled = await step(
      testApp.http,
      booker.member,
      booking.id,
      'cancel',
      {},
      'cancel-late-1',
    );
    expect(cancelled.body).toMatchObject({ status: 'cancelled', charged: '5.00' });
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '95.00',
      pending: '0.00',
    });
    expect(await readAccount(testApp.http, provider.member, provider.accountId)).toMatchObject({
      balance: '5.00',
    });
    const replay = await step(
      testApp.http,
      booker.member,
      booking.id,
      'cancel',
      {},
      'cancel-late-1',
    );
    expect({ status: replay.status, replayed: replay.headers['idempotent-replayed'] }).toEqual({
      status: 200,
      replayed: 'true',
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId, provider.accountId],
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () =>
        step(
          testApp.http,
          booker.member,
          booking.id,
          'cancel',
          { reason: 'anders' },
          'cancel-late-1',
        ),
    });
  });

  it('costs the booker nothing when the provider cancels, however late', async () => {
    const booking = await bookRoom('2026-12-05');
    await step(testApp.http, provider.member, booking.id, 'confirm').expect(200);
    testApp.clock.set('2026-12-05T12:00:00Z');
    const cancelled = await step(testApp.http, provider.member, booking.id, 'cancel', {
      reason: 'Lekkage',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', charged: '0.00' });
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '100.00',
      pending: '0.00',
    });
  });

  it('refuses a cancellation after the end, by a stranger, or by the treasurer, writing nothing', async () => {
    const booking = await bookRoom('2026-12-07');
    const stranger = await createFundedParty(testApp.http, roles, 'organisation');
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 404,
      code: 'NOT_FOUND',
      act: () => step(testApp.http, stranger.member, booking.id, 'cancel'),
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 403,
      code: 'FORBIDDEN',
      act: () => step(testApp.http, roles.treasurer, booking.id, 'cancel'),
    });
    testApp.clock.set('2026-12-07T16:00:00Z');
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 422,
      code: 'BOOKING_ENDED',
      act: () => step(testApp.http, booker.member, booking.id, 'cancel'),
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => step(testApp.http, provider.member, booking.id, 'confirm', { force: true }),
    });
  });
});

/**
 * A booking's holds and payments belong to the booking: the generic hold and reversal routes
 * refuse them, so that the booking can still be cancelled or returned; a settled booking is
 * corrected by a refund through the booking.
 */
describe('Story: a booking’s Steerkes move only through the booking', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let booker: TestParty;
  let booking: BookingBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // A room of 5.00 an hour, booked for two hours on 1 December (10.00) and confirmed.
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    provider = await createFundedParty(testApp.http, roles, 'organisation', '1.00');
    booker = await createFundedParty(testApp.http, roles, 'business', '100.00');
    const room = await createListing(testApp.http, provider.member, 'room', { price: '5.00' });
    booking = await book(testApp.http, booker.member, {
      listingId: room.id,
      startsAt: '2026-12-01T14:00',
      endsAt: '2026-12-01T16:00',
    });
    await step(testApp.http, provider.member, booking.id, 'confirm').expect(200);
  });
  afterAll(() => testApp.close());

  const accounts = () => [booker.accountId, provider.accountId];
  const refusal = (status: number, code: string, act: () => Promise<Response>) =>
    expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: accounts(),
      status,
      code,
      act,
    });
  const refund = (session: Session, body: Record<string, unknown>) =>
    testApp.http.post(`${API}/bookings/${booking.id}/refund`).set(session.auth).send(body);
  const complete = async () => {
    testApp.clock.set('2026-12-01T15:05:00Z');
    await step(testApp.http, provider.member, booking.id, 'complete', {}).expect(200);
  };

  it('refuses to post or void the booking’s hold through /holds, for the provider and the treasurer: 409 HOLD_OWNED_BY_MODULE, nothing written', async () => {
    const hold = await testApp.http
      .get(`${API}/holds/${booking.priceHoldId}`)
      .set(provider.member.auth)
      .expect(200);
    expect(hold.body.origin).toBe(`catalogue:booking:${booking.id}`);
    for (const session of [provider.member, roles.treasurer]) {
      const posted = await refusal(409, 'HOLD_OWNED_BY_MODULE', () =>
        testApp.http
          .post(`${API}/holds/${booking.priceHoldId}/post`)
          .set(session.auth)
          .set('Idempotency-Key', newKey())
          .send({}),
      );
      expect(posted.body.detail).toBe(
        `Hold ${booking.priceHoldId} belongs to catalogue:booking:${booking.id}; settle or correct it through the booking: confirm, decline, cancel, complete, return or refund (/api/v1/bookings/{id}/…).`,
      );
      await refusal(409, 'HOLD_OWNED_BY_MODULE', () =>
        testApp.http.post(`${API}/holds/${booking.priceHoldId}/void`).set(session.auth).send(),
      );
    }
    // The booking is whole: it can still be cancelled, and the booker gets everything back.
    const cancelled = await step(testApp.http, booker.member, booking.id, 'cancel', {});
    expect(cancelled.status).toBe(200);
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '100.00',
      pending: '0.00',
    });
  });

  it('lets the provider and then a treasurer refund a completed booking, with a reason, audited; the payment itself is not reversible through /entries', async () => {
    await complete();
    const { body: completed } = await testApp.http
      .get(`${API}/bookings/${booking.id}`)
      .set(provider.member.auth)
      .expect(200);
    expect(completed).toMatchObject({ status: 'completed', charged: '10.00', refunded: '0.00' });
    const paid = await testApp.http
      .get(`${API}/holds/${booking.priceHoldId}`)
      .set(roles.treasurer.auth)
      .expect(200);
    await refusal(409, 'ENTRY_OWNED_BY_MODULE', () =>
      testApp.http
        .post(`${API}/entries/${paid.body.postedEntryId}/reversal`)
        .set(roles.treasurer.auth)
        .set('Idempotency-Key', newKey())
        .send({}),
    );

    const first = await refund(provider.member, { amount: '4.00', reason: 'Geen verwarming' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'completed', charged: '10.00', refunded: '4.00' });
    const second = await refund(roles.treasurer, { amount: '6.00', reason: 'Rest terug' });
    expect(second.status).toBe(200);
    expect(second.body.refunded).toBe('10.00');
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '100.00',
      pending: '0.00',
    });
    expect(await readAccount(testApp.http, provider.member, provider.accountId)).toMatchObject({
      balance: '1.00',
    });
    const audit = await testApp.http
      .get(`${API}/treasury/audit-log?limit=100`)
      .set(roles.treasurer.auth)
      .expect(200);
    const refunds = audit.body.items.filter(
      (event: { action: string; subjectId: string }) =>
        event.action === 'booking.refund' && event.subjectId === booking.id,
    );
    expect(refunds).toHaveLength(2);
    expect(refunds.map((event: { actorId: string }) => event.actorId).sort()).toEqual(
      [provider.member.userId, roles.treasurer.userId].sort(),
    );
    // Nothing is left to refund.
    const over = await refusal(400, 'VALIDATION_FAILED', () =>
      refund(roles.treasurer, { amount: '0.01', reason: 'Te veel' }),
    );
    expect(over.body.errors[0]).toMatchObject({ field: 'amount', code: 'REFUND_ABOVE_RECEIVED' });
  });

  it('refuses a refund by the booker, an admin or a stranger, before settlement, without a reason or above the price, writing nothing', async () => {
    const stranger = await createFundedParty(testApp.http, roles, 'organisation');
    await refusal(409, 'BOOKING_WRONG_STATUS', () =>
      refund(provider.member, { amount: '1.00', reason: 'Nog niet afgerond' }),
    );
    await complete();
    await refusal(403, 'FORBIDDEN', () =>
      refund(booker.member, { amount: '1.00', reason: 'Ik wil geld terug' }),
    );
    await refusal(403, 'FORBIDDEN', () => refund(roles.admin, { amount: '1.00', reason: 'x' }));
    await refusal(403, 'FORBIDDEN', () => refund(roles.volunteer, { amount: '1.00', reason: 'x' }));
    await refusal(404, 'NOT_FOUND', () => refund(stranger.member, { amount: '1.00', reason: 'x' }));
    await refusal(400, 'VALIDATION_FAILED', () => refund(provider.member, { amount: '1.00' }));
    await refusal(400, 'VALIDATION_FAILED', () =>
      refund(provider.member, { amount: '10.01', reason: 'Te veel' }),
    );
    await refusal(400, 'VALIDATION_FAILED', () =>
      refund(provider.member, { amount: '-1.00', reason: 'Negatief' }),
    );
  });
});
