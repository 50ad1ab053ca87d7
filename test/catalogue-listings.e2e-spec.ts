import { randomUUID } from 'node:crypto';
import type { Role } from '../src/common/roles.js';
import {
  book,
  createListing,
  expectCatalogueRefusal,
  type ListingBody,
  postBooking,
  postListing,
  step,
} from './factories/catalogue.js';
import { API, createFundedParty, type TestParty } from './factories/ledger.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

interface Interval {
  startsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
  status: string;
  remaining: number;
}

describe('Story: providers list their services and keep them up to date', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let business: TestParty;
  let other: TestParty;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // Parties of its own for each test: searches by provider see only what the test listed.
  beforeEach(async () => {
    provider = await createFundedParty(testApp.http, roles, 'organisation');
    business = await createFundedParty(testApp.http, roles, 'business');
    other = await createFundedParty(testApp.http, roles, 'organisation', '50.00');
  });
  afterAll(() => testApp.close());

  const searchTitles = async (session: Session, query: Record<string, string | number>) => {
    const response = await testApp.http
      .get(`${API}/listings`)
      .query({ limit: 100, ...query })
      .set(session.auth)
      .expect(200);
    return (response.body.items as ListingBody[]).map((listing) => listing.titleNl);
  };

  it('lets organisations and businesses list administration, materials and rooms, with sensible defaults', async () => {
    const room = await createListing(testApp.http, provider.member, 'room', {
      titleNl: 'Zaal Wittevrouwenveld',
      titleEn: 'Wittevrouwenveld hall',
      district: 'zuid-oost',
    });
    expect(room).toMatchObject({
      providerPartyId: provider.partyId,
      providerName: provider.name,
      category: 'room',
      district: 'zuid-oost',
      price: '4.00',
      deposit: null,
      quantity: 1,
      capacityPersons: 20,
      lengthUnit: 'minutes',
      minLength: 60,
      maxLength: null,
      status: 'active',
    });
    const tents = await createListing(testApp.http, business.member, 'materials', {
      titleNl: 'Bierbanken',
      titleEn: 'Beer benches',
      pricingUnit: 'item',
      price: '1.50',
      quantity: 10,
    });
    expect(tents).toMatchObject({
      district: 'noord-oost',
      pricingUnit: 'item',
      lengthUnit: 'days',
      deposit: '20.00',
      quantity: 10,
      confirmation: 'auto',
    });
  });

  it('refuses listings that do not fit their category, naming each field, and writes nothing', async () => {
    const cases: Array<
      [Parameters<typeof postListing>[2], Record<string, unknown>, Array<[string, string]>]
    > = [
      [
        'administration',
        { pricingUnit: 'day' },
        [['pricingUnit', 'PRICING_UNIT_NOT_FOR_CATEGORY']],
      ],
      [
        'room',
        { deposit: '10.00', quantity: 3 },
        [
          ['deposit', 'MATERIALS_ONLY'],
          ['quantity', 'MATERIALS_ONLY'],
        ],
      ],
      ['materials', { capacityPersons: 4 }, [['capacityPersons', 'ROOMS_ONLY']]],
      ['materials', { deposit: undefined }, [['lateFeePerDay', 'LATE_FEE_NEEDS_DEPOSIT']]],
      ['room', { minLength: 120, maxLength: 60 }, [['minLength', 'MIN_LENGTH_ABOVE_MAX']]],
      [
        'room',
        { openingHours: { maandag: [['09:00', '17:00']] } },
        [['openingHours', 'OPENING_HOURS_INVALID']],
      ],
      ['room', { price: '0.00' }, [['price', 'isAmount']]],
      ['room', { price: '1.001' }, [['price', 'isAmount']]],
      ['room', { cancellationFeePercent: 120 }, [['cancellationFeePercent', 'max']]],
    ];
    for (const [category, overrides, errors] of cases) {
      const refused = await expectCatalogueRefusal({
        http: testApp.http,
        treasurer: roles.treasurer,
        accountIds: [],
        status: 400,
        code: 'VALIDATION_FAILED',
        act: () => postListing(testApp.http, provider.member, category, overrides),
      });
      expect(
        refused.body.errors.map((error: { field: string; code: string }) => [
          error.field,
          error.code,
        ]),
      ).toEqual(errors);
    }
  });

  it('refuses volunteers, admins and treasurers as providers', async () => {
    const volunteer = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [],
      status: 403,
      code: 'FORBIDDEN',
      act: () => postListing(testApp.http, roles.volunteer, 'room'),
    });
    expect(volunteer.body.code).toBe('FORBIDDEN');
    for (const role of ['admin', 'treasurer'] as const) {
      await expectCatalogueRefusal({
        http: testApp.http,
        treasurer: roles.treasurer,
        accountIds: [],
        status: 403,
        code: 'FORBIDDEN',
        act: () => postListing(testApp.http, roles[role], 'room'),
      });
    }
  });

  it('finds listings by category, district and Dutch or English words, page by page', async () => {
    // The only listings with these words in the application: no other test lists them.
    await createListing(testApp.http, provider.member, 'room', {
      titleNl: 'Zaal Heugemerhof',
      titleEn: 'Heugemerhof hall',
      district: 'zuid-oost',
    });
    await createListing(testApp.http, business.member, 'materials', {
      titleNl: 'Statafels',
      titleEn: 'Standing tables',
      pricingUnit: 'item',
      price: '1.50',
      quantity: 10,
    });
    expect(
      await searchTitles(other.member, { category: 'room', district: 'zuid-oost', q: 'heugemer' }),
    ).toEqual(['Zaal Heugemerhof']);
    expect(await searchTitles(other.member, { q: 'standing' })).toEqual(['Statafels']);
    expect(await searchTitles(other.member, { q: '100%' })).toEqual([]);
    expect(await searchTitles(other.member, { providerPartyId: business.partyId })).toEqual([
      'Statafels',
    ]);
    for (const category of ['administration', 'room', 'materials'] as const)
      await createListing(testApp.http, provider.member, category);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: ListingBody[]; nextCursor: string | null } } = await testApp.http
        .get(`${API}/listings`)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(other.member.auth)
        .expect(200);
      seen.push(...page.body.items.map((listing) => listing.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await testApp.http
      .get(`${API}/listings`)
      .query({ limit: 100 })
      .set(other.member.auth)
      .expect(200);
    expect(seen).toEqual(all.body.items.map((listing: ListingBody) => listing.id));
    expect(seen.length).toBeGreaterThan(3);
  });

  it('pauses a listing: it leaves the search for others, takes no bookings, and comes back when resumed', async () => {
    const hall = await createListing(testApp.http, provider.member, 'room', {
      titleNl: 'Kleine zaal Pauze',
      titleEn: 'Small hall',
      confirmation: 'auto',
    });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [],
      status: 403,
      code: 'FORBIDDEN',
      act: () =>
        testApp.http
          .patch(`${API}/listings/${hall.id}`)
          .set(business.member.auth)
          .send({ status: 'paused' }),
    });
    const paused = await testApp.http
      .patch(`${API}/listings/${hall.id}`)
      .set(provider.member.auth)
      .send({ status: 'paused' })
      .expect(200);
    expect(paused.body.status).toBe('paused');
    expect(await searchTitles(other.member, { q: 'pauze' })).toEqual([]);
    expect(await searchTitles(other.member, { q: 'pauze', status: 'paused' })).toEqual([]);
    expect(
      await searchTitles(provider.member, { providerPartyId: provider.partyId, q: 'pauze' }),
    ).toEqual(['Kleine zaal Pauze']);
    const body = { listingId: hall.id, startsAt: '2026-11-26T10:00', endsAt: '2026-11-26T11:00' };
    const refused = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [other.accountId, provider.accountId],
      status: 422,
      code: 'LISTING_PAUSED',
      act: () => postBooking(testApp.http, other.member, body).set('Accept-Language', 'nl'),
    });
    expect(refused.body.detail).toBe(
      `Aanbod ${hall.id} is gepauzeerd en neemt geen boekingen aan.`,
    );
    await testApp.http
      .patch(`${API}/listings/${hall.id}`)
      .set(provider.member.auth)
      .send({ status: 'active' })
      .expect(200);
    expect((await book(testApp.http, other.member, body)).status).toBe('confirmed');
  });

  it('changes price and terms for new bookings only, and refuses to change the category', async () => {
    const room = await createListing(testApp.http, provider.member, 'room', {
      confirmation: 'auto',
    });
    const before = await book(testApp.http, other.member, {
      listingId: room.id,
      startsAt: '2026-11-27T10:00',
      endsAt: '2026-11-27T11:00',
    });
    const changed = await testApp.http
      .patch(`${API}/listings/${room.id}`)
      .set(provider.member.auth)
      .send({ price: '6.00', cancellationFeePercent: 100 })
      .expect(200);
    expect(changed.body).toMatchObject({ price: '6.00', cancellationFeePercent: 100 });
    const after = await book(testApp.http, other.member, {
      listingId: room.id,
      startsAt: '2026-11-27T12:00',
      endsAt: '2026-11-27T13:00',
    });
    expect([
      before.price,
      before.cancellationFeePercent,
      after.price,
      after.cancellationFeePercent,
    ]).toEqual(['4.00', 50, '6.00', 100]);
    const refused = await testApp.http
      .patch(`${API}/listings/${room.id}`)
      .set(provider.member.auth)
      .send({ category: 'materials' })
      .expect(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'category', code: 'whitelistValidation' }),
    ]);
    await testApp.http
      .get(`${API}/listings/00000000-0000-4000-8000-00000000abcd`)
      .set(other.member.auth)
      .expect(404);
  });
});

describe('Story: blocked periods and quantities shape the availability', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let booker: TestParty;
  let chairs: ListingBody;

  let chairsTitle: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // Five chairs of a provider of its own for each test, under a title no other test's chairs have.
  beforeEach(async () => {
    provider = await createFundedParty(testApp.http, roles, 'organisation');
    booker = await createFundedParty(testApp.http, roles, 'organisation', '200.00');
    chairsTitle = `Klapstoelen ${randomUUID().slice(0, 8)}`;
    chairs = await createListing(testApp.http, provider.member, 'materials', {
      titleNl: chairsTitle,
      titleEn: 'Folding chairs',
      quantity: 5,
      deposit: '2.00',
      lateFeePerDay: null,
      price: '0.50',
      bufferMinutes: 0,
    });
  });
  afterAll(() => testApp.close());

  const blockTwoForRepair = () =>
    testApp.http
      .post(`${API}/listings/${chairs.id}/blocked-periods`)
      .set(provider.member.auth)
      .send({ startsAt: '2026-11-30', endsAt: '2026-12-02', quantity: 2, reason: 'Reparatie' })
      .expect(201);
  const bookThreeOnMonday = () =>
    book(testApp.http, booker.member, {
      listingId: chairs.id,
      startsAt: '2026-11-30',
      endsAt: '2026-12-01',
      quantity: 3,
    });

  const availability = async (listingId: string, from: string, to: string) =>
    (
      await testApp.http
        .get(`${API}/listings/${listingId}/availability`)
        .query({ from, to })
        .set(booker.member.auth)
        .expect(200)
    ).body.intervals as Interval[];

  it('blocks some units for repair, and the remaining units can still be booked', async () => {
    const blocked = await blockTwoForRepair();
    expect(blocked.body).toMatchObject({
      quantity: 2,
      reason: 'Reparatie',
      startsAtLocal: '2026-11-30T00:00:00+01:00',
    });
    expect(
      (await availability(chairs.id, '2026-11-29', '2026-12-03')).map((interval) => [
        interval.startsAtLocal.slice(0, 10),
        interval.remaining,
      ]),
    ).toEqual([
      ['2026-11-29', 5],
      ['2026-11-30', 3],
      ['2026-12-02', 5],
    ]);
    const booking = await bookThreeOnMonday();
    expect(booking).toMatchObject({ price: '1.50', deposit: '6.00', quantity: 3 });
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId, provider.accountId],
      status: 409,
      code: 'BOOKING_CONFLICT',
      act: () =>
        postBooking(testApp.http, booker.member, {
          listingId: chairs.id,
          startsAt: '2026-11-30',
          endsAt: '2026-12-01',
          quantity: 1,
        }),
    });
    const tooMany = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBooking(testApp.http, booker.member, {
          listingId: chairs.id,
          startsAt: '2026-12-03',
          endsAt: '2026-12-04',
          quantity: 6,
        }),
    });
    expect(tooMany.body.errors).toEqual([
      expect.objectContaining({ field: 'quantity', code: 'QUANTITY_ABOVE_LISTING' }),
    ]);
  });

  it('refuses a blocked period or fewer units while bookings need them, writing nothing', async () => {
    await blockTwoForRepair();
    await bookThreeOnMonday();
    const refused = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [],
      status: 409,
      code: 'BLOCKED_PERIOD_CONFLICT',
      act: () =>
        testApp.http
          .post(`${API}/listings/${chairs.id}/blocked-periods`)
          .set(provider.member.auth)
          .send({ startsAt: '2026-11-30', endsAt: '2026-12-01', reason: 'Eigen gebruik' }),
    });
    expect(refused.body.detail).toContain('1 booking');
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [],
      status: 409,
      code: 'LISTING_QUANTITY_CONFLICT',
      act: () =>
        testApp.http
          .patch(`${API}/listings/${chairs.id}`)
          .set(provider.member.auth)
          .send({ quantity: 4 }),
    });
    const calendar = await testApp.http
      .get(`${API}/listings/${chairs.id}/calendar`)
      .query({ from: '2026-11-29', to: '2026-12-03' })
      .set(provider.member.auth)
      .expect(200);
    expect(calendar.body.blockedPeriods).toHaveLength(1);
    expect(calendar.body.bookings).toHaveLength(1);
    await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [],
      status: 403,
      code: 'FORBIDDEN',
      act: () =>
        testApp.http
          .post(`${API}/listings/${chairs.id}/blocked-periods`)
          .set(booker.member.auth)
          .send({ startsAt: '2026-12-10', endsAt: '2026-12-11', reason: 'x' }),
    });
  });

  it('frees the units again when the blocked period is removed', async () => {
    await blockTwoForRepair();
    await bookThreeOnMonday();
    const calendar = await testApp.http
      .get(`${API}/listings/${chairs.id}/calendar`)
      .query({ from: '2026-11-29', to: '2026-12-03' })
      .set(provider.member.auth)
      .expect(200);
    const [period] = calendar.body.blockedPeriods as Array<{ id: string }>;
    await testApp.http
      .delete(`${API}/listings/${chairs.id}/blocked-periods/${period.id}`)
      .set(provider.member.auth)
      .expect(204);
    await testApp.http
      .delete(`${API}/listings/${chairs.id}/blocked-periods/${period.id}`)
      .set(provider.member.auth)
      .expect(404);
    expect(
      (await availability(chairs.id, '2026-11-30', '2026-12-01')).map(
        (interval) => interval.remaining,
      ),
    ).toEqual([2]);
  });

  it('finds only listings free for a whole window, and refuses a half-given or too wide window', async () => {
    await bookThreeOnMonday(); // two of the five chairs stay free
    const titles = async (query: Record<string, string | number>) =>
      (
        (
          await testApp.http
            .get(`${API}/listings`)
            .query({ limit: 100, q: chairsTitle, ...query })
            .set(booker.member.auth)
            .expect(200)
        ).body.items as ListingBody[]
      ).length;
    expect(await titles({ from: '2026-11-30', to: '2026-12-01', quantity: 2 })).toBe(1);
    expect(await titles({ from: '2026-11-30', to: '2026-12-01', quantity: 3 })).toBe(0);
    const half = await testApp.http
      .get(`${API}/listings`)
      .query({ from: '2026-11-30' })
      .set(booker.member.auth)
      .expect(400);
    expect(half.body.errors).toEqual([
      expect.objectContaining({ field: 'to', code: 'FROM_TO_TOGETHER' }),
    ]);
    const wide = await testApp.http
      .get(`${API}/listings/${chairs.id}/availability`)
      .query({ from: '2026-11-30', to: '2027-03-01' })
      .set(booker.member.auth)
      .expect(400);
    expect(wide.body.errors).toEqual([
      expect.objectContaining({ field: 'to', code: 'WINDOW_TOO_WIDE' }),
    ]);
  });
});

describe('Story: a room’s opening hours hold in Maastricht time when summer time starts', () => {
  let testApp: TestApp;
  let roles: Record<Role, Session>;
  let provider: TestParty;
  let booker: TestParty;
  let hall: ListingBody;

  beforeAll(async () => {
    testApp = await createTestApp();
    roles = await loginAllRoles(testApp.http);
  });
  // A hall of its own for each test, a week before summer time starts.
  beforeEach(async () => {
    testApp.clock.set('2027-03-20T09:00:00Z');
    provider = await createFundedParty(testApp.http, roles, 'organisation');
    booker = await createFundedParty(testApp.http, roles, 'organisation', '100.00');
    hall = await createListing(testApp.http, provider.member, 'room', {
      pricingUnit: 'day_part',
      price: '15.00',
      minLength: 1,
      bufferMinutes: 0,
      confirmation: 'auto',
      openingHours: { sat: [['08:00', '17:00']], sun: [['08:00', '17:00']] },
    });
  });
  afterAll(() => testApp.close());

  it('shows Sunday 28 March 2027 opening at 08:00 local, which is 06:00 UTC, against 07:00 UTC the day before', async () => {
    const intervals = (
      await testApp.http
        .get(`${API}/listings/${hall.id}/availability`)
        .query({ from: '2027-03-27', to: '2027-03-29' })
        .set(booker.member.auth)
        .expect(200)
    ).body.intervals as Interval[];
    const open = intervals
      .filter((interval) => interval.status === 'free')
      .map((interval) => interval.startsAt);
    expect(open).toEqual(['2027-03-27T07:00:00.000Z', '2027-03-28T06:00:00.000Z']);
  });

  it('books the morning and afternoon day-parts of that Sunday, priced per part, and refuses the evening (closed)', async () => {
    const booking = await book(testApp.http, booker.member, {
      listingId: hall.id,
      startsAt: '2027-03-28T08:00',
      endsAt: '2027-03-28T17:00',
    });
    expect(booking).toMatchObject({
      startsAt: '2027-03-28T06:00:00.000Z',
      endsAt: '2027-03-28T15:00:00.000Z',
      length: 2,
      lengthUnit: 'day_parts',
      price: '30.00',
    });
    const evening = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBooking(testApp.http, booker.member, {
          listingId: hall.id,
          startsAt: '2027-03-27T18:00',
          endsAt: '2027-03-27T23:00',
        }),
    });
    expect(evening.body.errors).toEqual([
      expect.objectContaining({ code: 'OUTSIDE_OPENING_HOURS' }),
    ]);
    const skipped = await expectCatalogueRefusal({
      http: testApp.http,
      treasurer: roles.treasurer,
      accountIds: [booker.accountId],
      status: 400,
      code: 'VALIDATION_FAILED',
      act: () =>
        postBooking(testApp.http, booker.member, {
          listingId: hall.id,
          startsAt: '2027-03-28T02:30',
          endsAt: '2027-03-28T12:00',
        }),
    });
    expect(skipped.body.errors).toEqual([
      expect.objectContaining({ field: 'startsAt', code: 'LOCAL_TIME_INVALID' }),
    ]);
    await step(testApp.http, provider.member, booking.id, 'check-out').expect(422);
  });
});
