import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { generatePassNumber } from '../../src/passes/pass-number.js';
import { createMember } from './parties.js';
import { API, expectProblem, issue, newKey, type Refusal, snapshotLedger } from './ledger.js';
import type { Session } from './sessions.js';
import { approveClaim, submitClaim } from './volunteering.js';

/**
 * Helpers for the voordeelpas stories: volunteers with a birth date, hours approved, passes,
 * offers and redemptions over HTTP, and the proof that a refused request wrote nothing (ledger,
 * passes, offers' stock and every redemption unchanged).
 */

export interface PassBody {
  id: string;
  number: string;
  printedNumber: string;
  volunteerId: string;
  status: 'active' | 'blocked' | 'expired';
  validFrom: string;
  validUntil: string;
  pinSet: boolean;
  blockedAt: string | null;
  blockedReason: string | null;
  createdAt: string;
}

export interface OfferBody {
  id: string;
  businessId: string;
  businessName: string | null;
  businessDistrict: string | null;
  title: { nl: string; en: string };
  description: { nl: string; en: string };
  price: string;
  euroValue: string;
  validFrom: string;
  validUntil: string | null;
  stockRemaining: number | null;
  perPassLimit: { quantity: number; period: string } | null;
  status: 'active' | 'withdrawn';
  redeemable: boolean;
}

export interface FiscalWarningBody {
  limit: 'month' | 'year' | 'hours';
  basis: string;
  received: string;
  limitAmount: string;
  room: string;
  percent: number;
  message: { nl: string; en: string };
}

export interface RedemptionBody {
  id: string;
  offerId: string;
  offerTitle: { nl: string; en: string };
  businessId: string;
  volunteerId: string | null;
  passNumber: string;
  quantity: number;
  unitPrice: string;
  amount: string;
  unitEuroValue: string;
  euroValue: string;
  status: 'completed' | 'voided' | 'reversed';
  entryId: string;
  reversalEntryId: string | null;
  redeemedAt: string;
  voidableUntil: string;
  closedAt: string | null;
  fiscalWarnings?: FiscalWarningBody[];
}

export interface TestVolunteer {
  partyId: string;
  accountId: string;
  member: Session;
}

/** A new volunteer (made by the admin, with a birth date when given) and a logged-in user for them. */
export async function createVolunteer(
  http: TestAgent,
  admin: Session,
  options: { birthDate?: string } = {},
): Promise<TestVolunteer> {
  const party = await http
    .post(`${API}/parties`)
    .set(admin.auth)
    .send({
      kind: 'volunteer',
      name: `Vrijwilliger ${randomUUID().slice(0, 8)}`,
      district: 'noord-west',
      ...(options.birthDate ? { birthDate: options.birthDate } : {}),
    })
    .expect(201);
  const accounts = await http
    .get(`${API}/parties/${party.body.id}/accounts`)
    .set(admin.auth)
    .expect(200);
  const member = await createMember(http, admin, party.body.id, 'volunteer');
  return { partyId: party.body.id, accountId: accounts.body[0].id, member };
}

/** Hours the volunteer claims and the organisation approves: they count for the fiscal hours limit (and pay STK). */
export async function giveApprovedHours(
  http: TestAgent,
  volunteer: Session,
  organisation: { partyId: string; member: Session },
  hours: string,
  date = '2026-11-21',
): Promise<void> {
  const claim = await submitClaim(http, volunteer, {
    organisationId: organisation.partyId,
    date,
    hours,
    activity: 'Buurthulp',
  });
  await approveClaim(http, organisation.member, claim.id);
}

export async function issuePass(
  http: TestAgent,
  session: Session,
  volunteerId: string,
): Promise<PassBody> {
  const response = await http.post(`${API}/passes`).set(session.auth).send({ volunteerId });
  expect(response.status).toBe(201);
  return response.body as PassBody;
}

export async function readPass(
  http: TestAgent,
  session: Session,
  number: string,
): Promise<PassBody> {
  return (await http.get(`${API}/passes/${number}`).set(session.auth).expect(200)).body as PassBody;
}

/** A new business with a logged-in operator. */
export async function createBusiness(
  http: TestAgent,
  admin: Session,
  options: { district?: string } = {},
): Promise<{ partyId: string; accountId: string; member: Session }> {
  const district = options.district ?? 'zuid-oost';
  const party = await http
    .post(`${API}/parties`)
    .set(admin.auth)
    .send({ kind: 'business', name: `Zaak ${randomUUID().slice(0, 8)}`, district })
    .expect(201);
  const accounts = await http
    .get(`${API}/parties/${party.body.id}/accounts`)
    .set(admin.auth)
    .expect(200);
  return {
    partyId: party.body.id,
    accountId: accounts.body[0].id,
    member: await createMember(http, admin, party.body.id, 'business_operator'),
  };
}

export async function createOffer(
  http: TestAgent,
  operator: Session,
  overrides: Record<string, unknown> = {},
): Promise<OfferBody> {
  const response = await http
    .post(`${API}/offers`)
    .set(operator.auth)
    .send({
      title: { nl: 'Kop koffie', en: 'Cup of coffee' },
      description: { nl: 'Koffie van het huis.', en: 'House coffee.' },
      price: '2.00',
      euroValue: '3.50',
      ...overrides,
    });
  expect(response.status).toBe(201);
  return response.body as OfferBody;
}

export interface RedeemRequest {
  passNumber: unknown;
  offerId: unknown;
  quantity?: unknown;
  pin?: unknown;
  [field: string]: unknown;
}

/** POST /redemptions; the caller checks the answer. */
export function postRedemption(
  http: TestAgent,
  operator: Session,
  body: RedeemRequest,
  key: string | null = newKey(),
): Promise<Response> {
  const request = http.post(`${API}/redemptions`).set(operator.auth);
  if (key !== null) request.set('Idempotency-Key', key);
  return request.send(body);
}

export async function redeem(
  http: TestAgent,
  operator: Session,
  body: RedeemRequest,
): Promise<RedemptionBody> {
  const response = await postRedemption(http, operator, body);
  expect({ status: response.status, body: response.body }).toEqual({
    status: 201,
    body: expect.objectContaining({ status: 'completed' }),
  });
  return response.body as RedemptionBody;
}

/** Every redemption the session may see, following the cursor to the end. */
export async function listRedemptions(
  http: TestAgent,
  session: Session,
  query: Record<string, string> = {},
): Promise<RedemptionBody[]> {
  const items: RedemptionBody[] = [];
  let cursor: string | null = null;
  do {
    const response = await http
      .get(`${API}/redemptions`)
      .query({ limit: 100, ...query, ...(cursor ? { cursor } : {}) })
      .set(session.auth)
      .expect(200);
    items.push(...(response.body.items as RedemptionBody[]));
    cursor = response.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

export interface PassesWorld {
  accountIds: string[];
  offerIds?: string[];
  passNumbers?: string[];
}

/** Ledger, the named passes and offers, and every redemption, as the treasurer sees them. */
export async function snapshotPasses(http: TestAgent, treasurer: Session, world: PassesWorld) {
  const offers = [];
  for (const offerId of world.offerIds ?? [])
    offers.push((await http.get(`${API}/offers/${offerId}`).expect(200)).body);
  const passes = [];
  for (const number of world.passNumbers ?? [])
    passes.push(await readPass(http, treasurer, number));
  return {
    ledger: await snapshotLedger(http, treasurer, world.accountIds),
    offers,
    passes,
    redemptions: await listRedemptions(http, treasurer),
  };
}

/** A refusal among passes: `world` names what it might have written. */
export type PassRefusal = Omit<Refusal, 'accountIds'> & { world: PassesWorld };

/** Runs a request that must be refused with `status`/`code`, and proves it wrote nothing. */
export async function expectPassRefusalWritingNothing({
  http,
  treasurer,
  world,
  status,
  code,
  act,
}: PassRefusal): Promise<Response> {
  const before = await snapshotPasses(http, treasurer, world);
  const response = await act();
  expectProblem(response, status, code);
  const after = await snapshotPasses(http, treasurer, world);
  expect(after).toEqual(before);
  expect(after.ledger.ledger.ok).toBe(true);
  return response;
}

/** A pass number with a valid check digit that no pass has (odds: one in a hundred billion). */
export function unknownPassNumber(): string {
  return generatePassNumber();
}

/** The same number with its check digit changed: a typo the check digit catches. */
export function withWrongCheckDigit(number: string): string {
  return number.slice(0, -1) + String((Number(number[number.length - 1]) + 1) % 10);
}

export { issue, newKey };
