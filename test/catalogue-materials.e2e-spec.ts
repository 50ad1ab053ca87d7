import type { Role } from '../src/common/roles.js';
import {
  book,
  type BookingBody,
  createListing,
  expectCatalogueRefusal,
  type ListingBody,
  postBooking,
  readBooking,
  step,
} from './factories/catalogue.js';
import { API, createFundedParty, readAccount, type TestParty } from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, TEST_START, type TestApp } from './support/test-app.js';

/**
 * A volkstuinvereniging lends its two party tents per day, with a deposit, a day to check each
 * tent after use, and a late fee. Tents confirm themselves. Every test starts on Monday
 * 23 November 2026, 10:00 in Maastricht, with the association, its tents and two borrowers of its
 * own, and brings the loans as far as it needs (booked, handed out, one returned).
 */
describe('Story: two organisations borrow the last tents; one brings its tent back in time, the other late and damaged', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let punctual: TestParty;
  let late: TestParty;
  let tents: ListingBody;
  let punctualBooking: BookingBody;
  let lateBooking: BookingBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    provider = await createFundedParty(testApp.http, roles, 'organisation');
    punctual = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    late = await createFundedParty(testApp.http, roles, 'business', '100.00');
    tents = await createListing(testApp.http, provider.member, 'materials');
  });
  afterAll(() => testApp.close());

  /** Both tents lent for Friday and Saturday: one to the punctual organisation, one to the late business. */
  async function bookBothTents(): Promise<void> {
    punctualBooking = await book(testApp.http, punctual.member, {
      listingId: tents.id,
      startsAt: '2026-11-27',
      endsAt: '2026-11-29',
    });
    lateBooking = await book(testApp.http, late.member, {
      listingId: tents.id,
      startsAt: '2026-11-27',
      endsAt: '2026-11-29',
    });
  }

  /** Both tents booked and handed out on Thursday evening. */
  async function handOutBothTents(): Promise<void> {
    await bookBothTents();
    testApp.clock.set('2026-11-26T17:00:00Z');
    for (const booking of [punctualBooking, lateBooking])
      await step(testApp.http, provider.member, booking.id, 'check-out').expect(200);
  }

  /** Both tents handed out, and the punctual organisation's back on Sunday. */
  async function returnPunctualTentOnSunday(): Promise<void> {
    await handOutBothTents();
    testApp.clock.set('2026-11-29T10:00:00Z');
    await step(testApp.http, provider.member, punctualBooking.id, 'return', {}).expect(200);
  }

  it('confirms a loan of whole days at once, holding the price and the deposit as two holds', async () => {
    punctualBooking = await book(testApp.http, punctual.member, {
      listingId: tents.id,
      startsAt: '2026-11-27',
      endsAt: '2026-11-29',
    });
    expect(punctualBooking).toMatchObject({
      status: 'confirmed',
      price: '10.00',
      deposit: '20.00',
      length: 2,
      lengthUnit: 'days',
      startsAt: '2026-11-26T23:00:00.000Z',
      endsAt: '2026-11-28T23:00:00.000Z',
      busyUntil: '2026-11-29T23:00:00.000Z',
    });
    expect(punctualBooking.depositHoldId).toEqual(expect.any(String));
    expect(await readAccount(testApp.http, punctual.member, punctual.accountId)).toMatchObject({
      pending: '30.00',
      available: '70.00',
    });
    lateBooking = await book(testApp.http, late.member, {
      listingId: tents.id,
      startsAt: '2026-11-27',
      endsAt: '2026-11-29',
    });
  });

  it('refuses a third tent for those days with BOOKING_CONFLICT and proposes the nearest free days', async () => {
    await bookBothTents();
    const third = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    const refused = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [third.accountId, provider.accountId],
      status: 409,
      code: 'BOOKING_CONFLICT',
      act: () =>
        postBooking(testApp.http, third.member, {
          listingId: tents.id,
          startsAt: '2026-11-28',
          endsAt: '2026-11-30',
        }),
    });
    expect(refused.body.errors[0].parameters).toEqual({
      suggestedStartsAt: '2026-11-29T23:00:00.000Z',
      suggestedEndsAt: '2026-12-01T23:00:00.000Z',
    });
    expect(refused.body.detail).toContain('2026-11-30 00:00 – 2026-12-02 00:00');
  });

  it('shows the remaining tents per interval, the checking day included', async () => {
    await bookBothTents();
    const availability = await testApp.http
      .get(`${API}/listings/${tents.id}/availability`)
      .query({ from: '2026-11-26', to: '2026-12-01' })
      .set(late.member.auth)
      .expect(200);
    expect(
      availability.body.intervals.map(
        (interval: { startsAtLocal: string; status: string; remaining: number }) => [
          interval.startsAtLocal,
          interval.status,
          interval.remaining,
        ],
      ),
    ).toEqual([
      ['2026-11-26T00:00:00+01:00', 'free', 2],
      ['2026-11-27T00:00:00+01:00', 'busy', 0],
      ['2026-11-30T00:00:00+01:00', 'free', 2],
    ]);
  });

  it('hands a tent out at the earliest the day before, and not as a room would be completed', async () => {
    await bookBothTents();
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [punctual.accountId],
      status: 422,
      code: 'BOOKING_NOT_STARTED',
      act: () => step(testApp.http, provider.member, punctualBooking.id, 'check-out'),
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [punctual.accountId],
      status: 422,
      code: 'BOOKING_ACTION_NOT_FOR_CATEGORY',
      act: () => step(testApp.http, provider.member, punctualBooking.id, 'complete', {}),
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [punctual.accountId],
      status: 403,
      code: 'FORBIDDEN',
      act: () => step(testApp.http, punctual.member, punctualBooking.id, 'check-out'),
    });
    testApp.clock.set('2026-11-26T17:00:00Z'); // Thursday 18:00
    for (const booking of [punctualBooking, lateBooking]) {
      const out = await step(testApp.http, provider.member, booking.id, 'check-out');
      expect({ status: out.status, bookingStatus: out.body.status }).toEqual({
        status: 200,
        bookingStatus: 'checked_out',
      });
    }
  });

  it('records a return in time: the price goes to the provider, the deposit back to the booker', async () => {
    await handOutBothTents();
    testApp.clock.set('2026-11-29T10:00:00Z');
    const returned = await step(testApp.http, provider.member, punctualBooking.id, 'return', {});
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      charged: '10.00',
      lateFee: '0.00',
      depositKept: '0.00',
    });
    expect(await readAccount(testApp.http, punctual.member, punctual.accountId)).toMatchObject({
      balance: '90.00',
      pending: '0.00',
    });
    expect(await readAccount(testApp.http, provider.member, provider.accountId)).toMatchObject({
      balance: '10.00',
    });
  });

  it('refuses to record the same return twice: 409 BOOKING_WRONG_STATUS, nothing written', async () => {
    await returnPunctualTentOnSunday();
    const twice = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [punctual.accountId, provider.accountId],
      status: 409,
      code: 'BOOKING_WRONG_STATUS',
      act: () =>
        step(testApp.http, provider.member, punctualBooking.id, 'return', {}).set(
          'Accept-Language',
          'nl',
        ),
    });
    expect(twice.body.detail).toBe(
      `Boeking ${punctualBooking.id} is teruggebracht; ze kan niet worden teruggemeld.`,
    );
  });

  it('shows a tent not back by the end of its checking day as overdue, and keeps it busy', async () => {
    await returnPunctualTentOnSunday();
    testApp.clock.set('2026-12-02T11:00:00Z'); // Wednesday noon: the tent was due Monday 00:00
    expect((await readBooking(testApp.http, late.member, lateBooking.id)).status).toBe('overdue');
    const overdue = await testApp.http
      .get(`${API}/bookings?as=provider&status=overdue`)
      .set(provider.member.auth)
      .expect(200);
    expect(overdue.body.items.map((item: BookingBody) => item.id)).toEqual([lateBooking.id]);
    const availability = await testApp.http
      .get(`${API}/listings/${tents.id}/availability`)
      .query({ from: '2026-12-10', to: '2026-12-11' })
      .set(late.member.auth)
      .expect(200);
    expect(availability.body.intervals).toEqual([
      expect.objectContaining({ status: 'free', remaining: 1 }),
    ]);
  });

  it('refuses to keep more than the deposit, or to keep deposit without saying why', async () => {
    await returnPunctualTentOnSunday();
    testApp.clock.set('2026-12-02T11:00:00Z');
    const tooMuch = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [late.accountId, provider.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        step(testApp.http, provider.member, lateBooking.id, 'return', {
          depositKept: '20.01',
          damageNote: 'Scheur',
        }),
    });
    expect(tooMuch.body.errors).toEqual([
      expect.objectContaining({ field: 'depositKept', code: 'DEPOSIT_KEPT_ABOVE_DEPOSIT' }),
    ]);
    const unexplained = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [late.accountId, provider.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        step(testApp.http, provider.member, lateBooking.id, 'return', { depositKept: '5.00' }),
    });
    expect(unexplained.body.errors).toEqual([
      expect.objectContaining({ field: 'damageNote', code: 'DAMAGE_NOTE_REQUIRED' }),
    ]);
  });

  it('takes the late fee and the damage from the deposit on a late return, and releases the rest', async () => {
    await returnPunctualTentOnSunday();
    testApp.clock.set('2026-12-02T11:00:00Z'); // Wednesday noon
    const returned = await step(testApp.http, provider.member, lateBooking.id, 'return', {
      depositKept: '5.00',
      damageNote: 'Zijwand gescheurd',
    });
    expect(returned.status).toBe(200);
    // Due Monday 30 November 00:00, back Wednesday 12:00: three started days at 2.00.
    expect(returned.body).toMatchObject({
      status: 'returned',
      charged: '10.00',
      lateFee: '6.00',
      depositKept: '11.00',
      resolutionNote: 'Zijwand gescheurd',
    });
    expect(await readAccount(testApp.http, late.member, late.accountId)).toMatchObject({
      balance: '79.00',
      pending: '0.00',
    });
    expect(await readAccount(testApp.http, provider.member, provider.accountId)).toMatchObject({
      balance: '31.00',
    });
    const reconciliation = await testApp.http
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(reconciliation.body.ok).toBe(true);
  });

  it('lets a treasurer refund a late return, deposit kept included, once per Idempotency-Key, and no more than was kept', async () => {
    await returnPunctualTentOnSunday();
    testApp.clock.set('2026-12-02T11:00:00Z');
    await step(testApp.http, provider.member, lateBooking.id, 'return', {
      depositKept: '5.00',
      damageNote: 'Zijwand gescheurd',
    }).expect(200);
    // The provider received 10.00 of price and 11.00 of deposit: 21.00 can be paid back.
    const refund = () =>
      testApp.http
        .post(`${API}/bookings/${lateBooking.id}/refund`)
        .set(roles.treasurer.auth)
        .set('Idempotency-Key', 'refund-tent-1')
        .send({ amount: '21.00', reason: 'De scheur zat er al' });
    const first = await refund().expect(200);
    expect(first.body).toMatchObject({ status: 'returned', refunded: '21.00' });
    const replay = await refund().expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.refunded).toBe('21.00');
    expect(await readAccount(testApp.http, late.member, late.accountId)).toMatchObject({
      balance: '100.00',
    });
    expect(await readAccount(testApp.http, provider.member, provider.accountId)).toMatchObject({
      balance: '10.00', // the punctual tent's price only
    });
    const more = await testApp.http
      .post(`${API}/bookings/${lateBooking.id}/refund`)
      .set(roles.treasurer.auth)
      .send({ amount: '0.01', reason: 'Nog een cent' });
    expect({ status: more.status, code: more.body.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const reconciliation = await testApp.http
      .get(`${API}/treasury/reconciliation`)
      .set(roles.treasurer.auth)
      .expect(200);
    expect(reconciliation.body.ok).toBe(true);
  });
});

/** A foundation's bookkeeper helps small associations by the hour; paid for the hours actually given. */
describe('Story: administration is paid for the hours given, at most the hours booked', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let booker: TestParty;
  let booking: BookingBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // A confirmed two-hour booking of its own for each test, half an hour before its end.
  beforeEach(async () => {
    testApp.clock.set(TEST_START);
    provider = await createFundedParty(testApp.http, roles, 'organisation');
    booker = await createFundedParty(testApp.http, roles, 'organisation', '50.00');
    const bookkeeping = await createListing(testApp.http, provider.member, 'administration');
    booking = await book(testApp.http, booker.member, {
      listingId: bookkeeping.id,
      startsAt: '2026-11-25T10:00',
      endsAt: '2026-11-25T12:00',
    });
    const hold = await testApp.http
      .get(`${API}/holds/${booking.priceHoldId}`)
      .set(booker.member.auth)
      .expect(200);
    expect(hold.body).toMatchObject({ amount: '20.00', code: 'SERVICE' });
    await step(testApp.http, provider.member, booking.id, 'confirm').expect(200);
    testApp.clock.set('2026-11-25T11:30:00Z');
  });
  afterAll(() => testApp.close());

  it('asks for the hours given, and refuses more than were booked', async () => {
    const missing = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId, provider.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () => step(testApp.http, provider.member, booking.id, 'complete', {}),
    });
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'hoursGiven', code: 'isDefined' }),
    ]);
    const tooMany = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId, provider.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        step(testApp.http, provider.member, booking.id, 'complete', { hoursGiven: '2.25' }),
    });
    expect(tooMany.body.errors).toEqual([
      expect.objectContaining({ field: 'hoursGiven', code: 'HOURS_ABOVE_BOOKED' }),
    ]);
    const malformed = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        step(testApp.http, provider.member, booking.id, 'complete', { hoursGiven: '1.505' }),
    });
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ field: 'hoursGiven', code: 'HOURS_INVALID' }),
    ]);
  });

  it('pays the provider for 1.5 hours and releases the rest', async () => {
    const completed = await step(testApp.http, provider.member, booking.id, 'complete', {
      hoursGiven: '1.50',
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      charged: '15.00',
      hoursGiven: '1.50',
    });
    expect(await readAccount(testApp.http, booker.member, booker.accountId)).toMatchObject({
      balance: '35.00',
      pending: '0.00',
    });
    expect(await readAccount(testApp.http, provider.member, provider.accountId)).toMatchObject({
      balance: '15.00',
    });
    const hold = await testApp.http
      .get(`${API}/holds/${booking.priceHoldId}`)
      .set(provider.member.auth)
      .expect(200);
    expect(hold.body).toMatchObject({ status: 'posted', postedAmount: '15.00' });
  });
});
