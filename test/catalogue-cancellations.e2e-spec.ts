import type { Role } from '../src/common/roles.js';
import {
  book,
  createListing,
  expectCatalogueRefusal,
  type ListingBody,
  step,
} from './factories/catalogue.js';
import { createFundedParty, readAccount, type TestParty } from './factories/ledger.js';
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
