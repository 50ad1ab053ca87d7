import type { Role } from '../src/common/roles.js';
import {
  book,
  type BookingBody,
  catalogueCounts,
  createListing,
  expectCatalogueRefusal,
  type ListingBody,
  postBooking,
  readBooking,
  step,
} from './factories/catalogue.js';
import {
  API,
  createFundedParty,
  newKey,
  readAccount,
  readStatement,
  type TestParty,
} from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

const HOUR = 60 * 60 * 1000;

/**
 * A buurtcentrum rents its meeting room by the hour to another organisation. Every test starts on
 * Monday 23 November 2026, 10:00 in Maastricht (09:00 UTC), with a centre, a room and a booker of
 * its own, and takes the members' meeting as far as it needs (requested, confirmed, completed).
 */
describe('Story: an organisation books a room by the hour, the provider confirms and completes, and earns the Steerkes', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let booker: TestParty;
  let room: ListingBody;
  let booking: BookingBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    provider = await createFundedParty(testApp.http, roles, 'organisation');
    booker = await createFundedParty(testApp.http, roles, 'organisation', '30.00');
    room = await createListing(testApp.http, provider.member, 'room');
  });
  afterAll(() => testApp.close());

  /** The members' meeting on Wednesday evening, requested. */
  async function requestMeeting(): Promise<void> {
    booking = await book(testApp.http, booker.member, {
      listingId: room.id,
      startsAt: '2026-11-25T19:00',
      endsAt: '2026-11-25T21:00',
      persons: 12,
      note: 'Ledenvergadering',
    });
  }

  /** The meeting requested and confirmed by the provider. */
  async function confirmMeeting(): Promise<void> {
    await requestMeeting();
    await step(testApp.http, provider.member, booking.id, 'confirm').expect(200);
  }

  /** The meeting confirmed, held, and completed by the provider just after its end. */
  async function completeMeeting(): Promise<void> {
    await confirmMeeting();
    testApp.clock.set('2026-11-25T20:05:00Z');
    await step(testApp.http, provider.member, booking.id, 'complete', {}).expect(200);
  }

  it('holds the price on the booker’s account when the booking is requested', async () => {
    await requestMeeting();
    expect(booking).toMatchObject({
      status: 'requested',
      price: '8.00',
      deposit: '0.00',
      depositHoldId: null,
      startsAt: '2026-11-25T18:00:00.000Z',
      endsAt: '2026-11-25T20:00:00.000Z',
      startsAtLocal: '2026-11-25T19:00:00+01:00',
      busyUntil: '2026-11-25T20:30:00.000Z',
      length: 120,
      lengthUnit: 'minutes',
      holdsExpireAt: '2027-01-24T20:00:00.000Z',
      freeCancellationUntil: '2026-11-23T18:00:00.000Z',
    });
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '30.00',
      pending: '8.00',
      available: '22.00',
    });
    const hold = await testApp.http
      .get(`${API}/holds/${booking.priceHoldId}`)
      .set(booker.member.auth)
      .expect(200);
    expect(hold.body).toMatchObject({
      amount: '8.00',
      status: 'pending',
      code: 'BOOKING',
      fromAccountId: booker.accountId,
      toAccountId: provider.accountId,
    });
  });

  it('refuses a second booking of the taken room with BOOKING_CONFLICT and the nearest free slot, writing nothing', async () => {
    await requestMeeting();
    const refused = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId, provider.accountId],
      status: 409,
      code: 'BOOKING_CONFLICT',
      act: () =>
        postBooking(testApp.http, booker.member, {
          listingId: room.id,
          startsAt: '2026-11-25T20:00',
          endsAt: '2026-11-25T21:00',
        }).set('Accept-Language', 'nl'),
    });
    // Later, 21:30 is free after the buffer but the room closes at 22:00; earlier, an hour plus its own buffer must end by 19:00.
    expect(refused.body.detail).toBe(
      'Het aanbod is niet vrij voor 1 van 2026-11-25 20:00 tot 2026-11-25 21:00 (Maastrichtse tijd), buffertijd meegerekend. Dichtstbijzijnde vrije moment: 2026-11-25 17:30 – 2026-11-25 18:30.',
    );
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'startsAt',
        code: 'BOOKING_CONFLICT',
        parameters: {
          suggestedStartsAt: '2026-11-25T16:30:00.000Z',
          suggestedEndsAt: '2026-11-25T17:30:00.000Z',
        },
      }),
    ]);
  });

  it('refuses a booking in the buffer after it, too, and outside opening hours', async () => {
    await requestMeeting();
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 409,
      code: 'BOOKING_CONFLICT',
      act: () =>
        postBooking(testApp.http, booker.member, {
          listingId: room.id,
          startsAt: '2026-11-25T21:00',
          endsAt: '2026-11-25T22:00',
        }),
    });
    const closed = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBooking(testApp.http, booker.member, {
          listingId: room.id,
          startsAt: '2026-11-29T10:00',
          endsAt: '2026-11-29T12:00',
        }),
    });
    expect(closed.body.errors).toEqual([
      expect.objectContaining({ field: 'startsAt', code: 'OUTSIDE_OPENING_HOURS' }),
    ]);
  });

  it('shows the booking as busy (buffer included) in the listing’s availability', async () => {
    await requestMeeting();
    const availability = await testApp.http
      .get(`${API}/listings/${room.id}/availability`)
      .query({ from: '2026-11-25T18:00', to: '2026-11-25T23:00' })
      .set(booker.member.auth)
      .expect(200);
    expect(availability.body.intervals).toEqual([
      expect.objectContaining({
        startsAtLocal: '2026-11-25T18:00:00+01:00',
        endsAtLocal: '2026-11-25T19:00:00+01:00',
        status: 'free',
        remaining: 1,
      }),
      expect.objectContaining({
        startsAtLocal: '2026-11-25T19:00:00+01:00',
        endsAtLocal: '2026-11-25T21:30:00+01:00',
        status: 'busy',
        remaining: 0,
      }),
      expect.objectContaining({
        startsAtLocal: '2026-11-25T21:30:00+01:00',
        endsAtLocal: '2026-11-25T22:00:00+01:00',
        status: 'free',
        remaining: 1,
      }),
      expect.objectContaining({
        startsAtLocal: '2026-11-25T22:00:00+01:00',
        endsAtLocal: '2026-11-25T23:00:00+01:00',
        status: 'closed',
        remaining: 0,
      }),
    ]);
  });

  it('lets only the provider confirm: the booker is refused (403), another party does not see it (404)', async () => {
    await requestMeeting();
    const stranger = await createFundedParty(testApp.http, roles, 'business');
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 403,
      code: 'FORBIDDEN',
      act: () => step(testApp.http, booker.member, booking.id, 'confirm'),
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 404,
      code: 'NOT_FOUND',
      act: () => step(testApp.http, stranger.member, booking.id, 'confirm'),
    });
    await testApp.http.get(`${API}/bookings/${booking.id}`).set(stranger.member.auth).expect(404);
    const confirmed = await step(testApp.http, provider.member, booking.id, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
  });

  it('refuses to complete before the booking starts, and completes afterwards: the provider earns the price', async () => {
    await confirmMeeting();
    const early = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId, provider.accountId],
      status: 422,
      code: 'BOOKING_NOT_STARTED',
      act: () => step(testApp.http, provider.member, booking.id, 'complete', {}),
    });
    expect(early.body.detail).toContain('2026-11-25 19:00');
    testApp.clock.set('2026-11-25T20:05:00Z');
    const completed = await step(
      testApp.http,
      provider.member,
      booking.id,
      'complete',
      {},
      'complete-room-1',
    );
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', charged: '8.00' });
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '22.00',
      pending: '0.00',
    });
    expect(await readAccount(testApp.http, provider.member, provider.accountId)).toMatchObject({
      balance: '8.00',
    });
    const [line] = await readStatement(testApp.http, provider.member, provider.accountId);
    expect(line).toMatchObject({ code: 'BOOKING', amount: '8.00' });
    // The same step retried with its key answers as the first time did; without it, the booking has moved on.
    const replay = await step(
      testApp.http,
      provider.member,
      booking.id,
      'complete',
      {},
      'complete-room-1',
    );
    expect({
      status: replay.status,
      replayed: replay.headers['idempotent-replayed'],
      bookingStatus: replay.body.status,
    }).toEqual({ status: 200, replayed: 'true', bookingStatus: 'completed' });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId, provider.accountId],
      status: 409,
      code: 'BOOKING_WRONG_STATUS',
      act: () => step(testApp.http, provider.member, booking.id, 'complete', {}),
    });
  });

  it('keeps the steps of the booking, who took them and when', async () => {
    await completeMeeting();
    const seen = await readBooking(testApp.http, booker.member, booking.id);
    expect(seen.events?.map((event) => [event.action, event.statusAfter])).toEqual([
      ['request', 'requested'],
      ['confirm', 'confirmed'],
      ['complete', 'completed'],
    ]);
    expect(seen.events?.[0].actorId).toBe(booker.member.userId);
    expect(seen.events?.[2].actorId).toBe(provider.member.userId);
  });

  it('lists the booking for the booker and for the provider, each naming the other party, and the provider’s calendar names the booker', async () => {
    await completeMeeting();
    const asBooker = await testApp.http
      .get(`${API}/bookings?as=booker`)
      .set(booker.member.auth)
      .expect(200);
    expect(asBooker.body.items.map((item: BookingBody) => item.id)).toEqual([booking.id]);
    expect(asBooker.body.items[0]).toMatchObject({
      bookerName: booker.name,
      providerName: provider.name,
    });
    const asProvider = await testApp.http
      .get(`${API}/bookings?as=provider&status=completed`)
      .set(provider.member.auth)
      .expect(200);
    expect(asProvider.body.items.map((item: BookingBody) => item.id)).toEqual([booking.id]);
    expect(asProvider.body.items[0]).toMatchObject({
      bookerName: booker.name,
      providerName: provider.name,
    });
    const none = await testApp.http
      .get(`${API}/bookings?as=provider`)
      .set(booker.member.auth)
      .expect(200);
    expect(none.body.items).toEqual([]);
    const calendar = await testApp.http
      .get(`${API}/listings/${room.id}/calendar`)
      .query({ from: '2026-11-25', to: '2026-11-26' })
      .set(provider.member.auth)
      .expect(200);
    expect(calendar.body.bookings).toEqual([
      expect.objectContaining({ id: booking.id, bookerName: booker.name, status: 'completed' }),
    ]);
    const refused = await testApp.http
      .get(`${API}/listings/${room.id}/calendar`)
      .set(booker.member.auth)
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });
});

describe('Story: a booking is paid for or not at all', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let room: ListingBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    provider = await createFundedParty(testApp.http, roles, 'organisation');
    room = await createListing(testApp.http, provider.member, 'room', { confirmation: 'auto' });
  });
  afterAll(() => testApp.close());

  it('refuses a booking the booker cannot pay: 422 INSUFFICIENT_FUNDS, no booking, no hold', async () => {
    const poor = await createFundedParty(testApp.http, roles, 'business', '5.00');
    const refused = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [poor.accountId, provider.accountId],
      status: 422,
      code: 'INSUFFICIENT_FUNDS',
      act: () =>
        postBooking(testApp.http, poor.member, {
          listingId: room.id,
          startsAt: '2026-11-26T09:00',
          endsAt: '2026-11-26T11:00',
        }),
    });
    expect(refused.body.detail).toContain('8.00');
    const free = await testApp.http
      .get(`${API}/listings/${room.id}/availability`)
      .query({ from: '2026-11-26T09:00', to: '2026-11-26T11:00' })
      .set(poor.member.auth)
      .expect(200);
    expect(free.body.intervals).toEqual([expect.objectContaining({ status: 'free' })]);
  });

  it('lets volunteers browse but not book, and refuses admins and treasurers, who act for no party', async () => {
    const body = { listingId: room.id, startsAt: '2026-11-26T13:00', endsAt: '2026-11-26T14:00' };
    await testApp.http.get(`${API}/listings/${room.id}`).set(roles.volunteer.auth).expect(200);
    const volunteer = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [],
      status: 403,
      code: 'FORBIDDEN',
      act: () => postBooking(testApp.http, roles.volunteer, body),
    });
    expect(volunteer.body.detail).toContain('voordeelpas');
    for (const role of ['admin', 'treasurer'] as const) {
      await expectCatalogueRefusal({
        http: testApp.http,
        treasurer: roles.treasurer,
        accountIds: [],
        status: 403,
        code: 'FORBIDDEN',
        act: () => postBooking(testApp.http, roles[role], body),
      });
    }
  });

  it('refuses the provider booking its own room', async () => {
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [provider.accountId],
      status: 422,
      code: 'BOOKING_OWN_LISTING',
      act: () =>
        postBooking(testApp.http, provider.member, {
          listingId: room.id,
          startsAt: '2026-11-26T13:00',
          endsAt: '2026-11-26T14:00',
        }),
    });
  });

  it('answers a retried booking with the first one and writes nothing; the same key for another booking is 409', async () => {
    const booker = await createFundedParty(testApp.http, roles, 'organisation', '20.00');
    const key = newKey();
    const body = { listingId: room.id, startsAt: '2026-11-27T09:00', endsAt: '2026-11-27T10:00' };
    const first = await postBooking(testApp.http, booker.member, body, key);
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('confirmed'); // the listing confirms by itself
    const countsAfterFirst = await catalogueCounts(testApp.http, roles.treasurer);
    const again = await postBooking(testApp.http, booker.member, body, key);
    expect({
      status: again.status,
      replayed: again.headers['idempotent-replayed'],
      id: again.body.id,
    }).toEqual({ status: 201, replayed: 'true', id: first.body.id });
    expect(await catalogueCounts(testApp.http, roles.treasurer)).toEqual(countsAfterFirst);
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      pending: '4.00',
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
      act: () =>
        postBooking(
          testApp.http,
          booker.member,
          { ...body, startsAt: '2026-11-27T11:00', endsAt: '2026-11-27T12:00' },
          key,
        ),
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      act: () => postBooking(testApp.http, booker.member, body, null),
    });
  });

  it('refuses bad input with 400 naming the fields, and writes nothing', async () => {
    const booker = await createFundedParty(testApp.http, roles, 'organisation', '20.00');
    const cases: Array<[Record<string, unknown>, Array<[string, string]>]> = [
      [
        { listingId: room.id, startsAt: 'morgen', endsAt: '2026-11-27T10:00' },
        [['startsAt', 'MOMENT_INVALID']],
      ],
      [
        { listingId: room.id, startsAt: '2026-11-27T10:00', endsAt: '2026-11-27T09:00' },
        [['endsAt', 'END_NOT_AFTER_START']],
      ],
      [
        { listingId: room.id, startsAt: '2026-11-27T09:10', endsAt: '2026-11-27T10:10' },
        [['startsAt', 'WINDOW_NOT_ON_QUARTER_HOURS']],
      ],
      [
        { listingId: room.id, startsAt: '2026-11-20T09:00', endsAt: '2026-11-20T10:00' },
        [['startsAt', 'START_IN_PAST']],
      ],
      [
        { listingId: room.id, startsAt: '2026-11-27T09:00', endsAt: '2026-11-27T09:30' },
        [['endsAt', 'WINDOW_TOO_SHORT']],
      ],
      [
        {
          listingId: room.id,
          startsAt: '2026-11-27T13:00',
          endsAt: '2026-11-27T14:00',
          persons: 21,
        },
        [['persons', 'PERSONS_ABOVE_CAPACITY']],
      ],
      [
        {
          listingId: room.id,
          startsAt: '2026-11-27T13:00',
          endsAt: '2026-11-27T14:00',
          quantity: 2,
        },
        [['quantity', 'QUANTITY_NOT_ONE']],
      ],
      [
        {
          listingId: room.id,
          startsAt: '2026-11-27T13:00',
          endsAt: '2026-11-27T14:00',
          price: '0.01',
        },
        [['price', 'whitelistValidation']],
      ],
      [
        { listingId: 'kamer-1', startsAt: '2026-11-27T13:00', endsAt: '2026-11-27T14:00' },
        [['listingId', 'isUuid']],
      ],
    ];
    for (const [body, errors] of cases) {
      const refused = await expectCatalogueRefusal({
        http: testApp.http,
        treasurer: roles.treasurer,
        accountIds: [booker.accountId],
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () => postBooking(testApp.http, booker.member, body),
      });
      expect(
        refused.body.errors.map((error: { field: string; code: string }) => [
          error.field,
          error.code,
        ]),
      ).toEqual(errors);
    }
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 404,
      code: 'NOT_FOUND',
      act: () =>
        postBooking(testApp.http, booker.member, {
          listingId: '00000000-0000-4000-8000-00000000abcd',
          startsAt: '2026-11-27T13:00',
          endsAt: '2026-11-27T14:00',
        }),
    });
  });

  it('releases the price when a hold would outlive nobody: an unsettled booking’s hold expires 60 days after its end', async () => {
    const booker = await createFundedParty(testApp.http, roles, 'organisation', '20.00');
    const booking = await book(testApp.http, booker.member, {
      listingId: room.id,
      startsAt: '2026-11-30T09:00',
      endsAt: '2026-11-30T10:00',
    });
    testApp.clock.set(new Date(Date.parse(booking.holdsExpireAt) + HOUR));
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '20.00',
      pending: '0.00',
    });
    const late = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId, provider.accountId],
      status: 409,
      code: 'HOLD_EXPIRED',
      act: () => step(testApp.http, provider.member, booking.id, 'complete', {}),
    });
    expect(late.body.detail).toContain(booking.priceHoldId);
  });
});
