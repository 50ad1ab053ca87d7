import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { API, expectRefusedWritingNothing, newKey, type Refusal } from './ledger.js';
import type { Session } from './sessions.js';

/**
 * Catalogue helpers for the end-to-end stories: listings of each category with sensible defaults,
 * booking requests and the steps of a booking's life, over HTTP as each role would do them.
 */

export interface ListingBody {
  id: string;
  providerPartyId: string;
  providerName: string;
  category: 'administration' | 'materials' | 'room';
  titleNl: string;
  titleEn: string;
  pricingUnit: string;
  price: string;
  deposit: string | null;
  lateFeePerDay: string | null;
  quantity: number;
  bufferMinutes: number;
  status: 'active' | 'paused';
  [field: string]: unknown;
}

export interface BookingBody {
  id: string;
  listing: { id: string; category: string; titleNl: string; titleEn: string };
  bookerPartyId: string;
  providerPartyId: string;
  startsAt: string;
  endsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
  busyUntil: string;
  quantity: number;
  status: string;
  price: string;
  deposit: string;
  priceHoldId: string;
  depositHoldId: string | null;
  holdsExpireAt: string;
  freeCancellationUntil: string;
  charged: string | null;
  depositKept: string | null;
  lateFee: string | null;
  hoursGiven: string | null;
  events?: Array<{
    action: string;
    statusAfter: string;
    actorId: string | null;
    occurredAt: string;
  }>;
  [field: string]: unknown;
}

const DEFAULTS = {
  room: {
    category: 'room',
    titleNl: 'Vergaderzaal',
    titleEn: 'Meeting room',
    descriptionNl: 'Zaal voor 20 personen.',
    descriptionEn: 'Room for 20 people.',
    address: 'Teststraat 1, Maastricht',
    pricingUnit: 'hour',
    price: '4.00',
    capacityPersons: 20,
    bufferMinutes: 30,
    openingHours: {
      mon: [['09:00', '22:00']],
      tue: [['09:00', '22:00']],
      wed: [['09:00', '22:00']],
      thu: [['09:00', '22:00']],
      fri: [['09:00', '22:00']],
      sat: [['10:00', '17:00']],
    },
    confirmation: 'provider',
    freeCancellationHours: 48,
    cancellationFeePercent: 50,
  },
  materials: {
    category: 'materials',
    titleNl: 'Partytent 3x6',
    titleEn: 'Party tent 3x6',
    descriptionNl: 'Tent met zijwanden.',
    descriptionEn: 'Tent with side walls.',
    address: 'Schuurweg 5, Maastricht',
    pricingUnit: 'day',
    price: '5.00',
    deposit: '20.00',
    lateFeePerDay: '2.00',
    quantity: 2,
    bufferMinutes: 24 * 60,
    confirmation: 'auto',
  },
  administration: {
    category: 'administration',
    titleNl: 'Hulp bij de boekhouding',
    titleEn: 'Help with the books',
    descriptionNl: 'Een ervaren penningmeester helpt.',
    descriptionEn: 'An experienced treasurer helps.',
    address: 'Op afspraak',
    pricingUnit: 'hour',
    price: '10.00',
    bufferMinutes: 0,
    confirmation: 'provider',
  },
} as const;

export type Category = keyof typeof DEFAULTS;

export function postListing(
  http: TestAgent,
  session: Session,
  category: Category,
  overrides: Record<string, unknown> = {},
): Promise<Response> {
  return http
    .post(`${API}/listings`)
    .set(session.auth)
    .send({ ...DEFAULTS[category], ...overrides });
}

export async function createListing(
  http: TestAgent,
  session: Session,
  category: Category,
  overrides: Record<string, unknown> = {},
): Promise<ListingBody> {
  const response = await postListing(http, session, category, overrides);
  expect(response.status).toBe(201);
  return response.body as ListingBody;
}

/** A pending request: add headers (Accept-Language) before awaiting it. */
type PendingRequest = ReturnType<TestAgent['post']>;

export function postBooking(
  http: TestAgent,
  session: Session,
  body: Record<string, unknown>,
  key: string | null = newKey(),
): PendingRequest {
  const request = http.post(`${API}/bookings`).set(session.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  return request.send(body);
}

export async function book(
  http: TestAgent,
  session: Session,
  body: Record<string, unknown>,
): Promise<BookingBody> {
  const response = await postBooking(http, session, body);
  expect({ status: response.status, body: response.body }).toEqual({
    status: 201,
    body: expect.anything(),
  });
  return response.body as BookingBody;
}

export type BookingStep = 'confirm' | 'decline' | 'cancel' | 'check-out' | 'return' | 'complete';

export function step(
  http: TestAgent,
  session: Session,
  bookingId: string,
  action: BookingStep,
  body?: Record<string, unknown>,
  key?: string,
): PendingRequest {
  const request = http.post(`${API}/bookings/${bookingId}/${action}`).set(session.auth);
  if (key !== undefined) request.set('Idempotency-Key', key);
  return body === undefined ? request.send() : request.send(body);
}

export async function readBooking(
  http: TestAgent,
  session: Session,
  bookingId: string,
): Promise<BookingBody> {
  const response = await http.get(`${API}/bookings/${bookingId}`).set(session.auth).expect(200);
  return response.body as BookingBody;
}

/** Counts of the catalogue's own records, to prove a refusal wrote none. */
export async function catalogueCounts(
  http: TestAgent,
  treasurer: Session,
): Promise<{ bookings: number; listings: number }> {
  let bookings = 0;
  let cursor: string | null = null;
  do {
    const response: Response = await http
      .get(`${API}/bookings`)
      .query({ limit: 100, ...(cursor ? { cursor } : {}) })
      .set(treasurer.auth)
      .expect(200);
    bookings += (response.body.items as unknown[]).length;
    cursor = response.body.nextCursor as string | null;
  } while (cursor);
  const listings = await http
    .get(`${API}/listings`)
    .query({ limit: 100 })
    .set(treasurer.auth)
    .expect(200);
  return { bookings, listings: (listings.body.items as unknown[]).length };
}

/**
 * Runs a request that must be refused with `status`/`code` and proves it wrote nothing: neither in
 * the ledger (the named accounts and the ledger-wide counts, see expectRefusedWritingNothing) nor
 * in the catalogue (the number of bookings and listings the treasurer sees).
 */
export async function expectCatalogueRefusal(refusal: Refusal): Promise<Response> {
  const { http, treasurer } = refusal;
  const before = await catalogueCounts(http, treasurer);
  const response = await expectRefusedWritingNothing(refusal);
  expect(await catalogueCounts(http, treasurer)).toEqual(before);
  return response;
}
