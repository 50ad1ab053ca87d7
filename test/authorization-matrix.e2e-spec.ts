import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ROLES, type Role } from '../src/common/roles.js';
import { API, createFundedParty, issue, newKey, type TestParty } from './factories/ledger.js';
import {
  createBusiness,
  createOffer,
  createVolunteer,
  giveApprovedHours,
  issuePass,
  redeem,
  unknownPassNumber,
} from './factories/passes.js';
import { createListing, book } from './factories/catalogue.js';
import { submitClaim } from './factories/volunteering.js';
import { loginAllRoles, type Session } from './factories/sessions.js';
import { AUTHORIZATION_MATRIX, PUBLIC_DOCUMENTATION } from './support/authorization-matrix.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 7, the authorization matrix: every endpoint of the OpenAPI document × every role (and no
 * token) answers as the explicit table in test/support/authorization-matrix.ts says, and the ids of
 * another party's parties, accounts, entries, holds, time claims, passes, bookings and redemptions
 * answer 404 — never 200, never a 403 that reveals they exist.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  method: Method;
  path: string; // as in the OpenAPI document, without the /api/v1 prefix
  key: string; // `METHOD /path`
  security: unknown;
}

const PARTY_ROLES = [
  'org_manager',
  'business_operator',
  'volunteer',
] as const satisfies readonly Role[];
type PartyRole = (typeof PARTY_ROLES)[number];

/** The concrete path for a request, with made-up values for the path parameters. */
function placeholderPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (name === 'number') return unknownPassNumber();
    if (name === 'period') return '2020-01';
    if (name === 'year') return '2031';
    return randomUUID();
  });
}

/** The English rendering of the ROLE_REQUIRED reason inside a FORBIDDEN problem's detail. */
const ROLE_REQUIRED_PHRASE = 'your role does not allow it';

/** The refresh endpoint passes every caller on to its handler, which asks for the cookie, not a token. */
function refusedForWantOfTheRefreshCookie(key: string, response: Response): boolean {
  return (
    AUTHORIZATION_MATRIX[key]?.refreshCookie === true &&
    response.status === 401 &&
    response.body?.code === 'SESSION_REQUIRED'
  );
}

function describeAnswer(response: Response): string {
  return `${response.status} ${response.body?.code ?? ''}${response.status === 403 ? ` (${response.body?.detail})` : ''}`.trim();
}

describe('Story: every endpoint answers each role as the authorization matrix says', () => {
  let testApp: TestApp;
  let sessions: Record<Role, Session>;
  let operations: Operation[];
  const http = () => testApp.http;

  function send(method: Method, path: string, session?: Session, body?: unknown) {
    let request = http()[method](`${API}${path}`).set('Idempotency-Key', newKey());
    if (session) request = request.set(session.auth);
    if (method === 'get' || method === 'delete') return request;
    return request.send(body ?? {});
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    sessions = await loginAllRoles(testApp.http);
    const document = (await testApp.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    operations = [];
    for (const [fullPath, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        expect(fullPath.startsWith(API)).toBe(true);
        const path = fullPath.slice(API.length);
        operations.push({
          method: method as Method,
          path,
          key: `${method.toUpperCase()} ${path}`,
          security: operation.security,
        });
      }
    }
  }, 30_000);
  afterAll(() => testApp.close());

  it('has an expected answer for every endpoint of the OpenAPI document, and no row for an endpoint that is gone', () => {
    const documented = operations.map((operation) => operation.key).sort();
    const tabled = Object.keys(AUTHORIZATION_MATRIX).sort();
    expect(documented.length).toBeGreaterThan(50);
    expect(documented.filter((key) => !tabled.includes(key))).toEqual([]);
    expect(tabled.filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('documents bearer auth on exactly the endpoints that are not public', () => {
    const mismatched = operations.filter((operation) => {
      const isPublic = AUTHORIZATION_MATRIX[operation.key]?.public === true;
      const declaresBearer = JSON.stringify(operation.security ?? []).includes('bearer');
      return isPublic === declaresBearer;
    });
    expect(
      mismatched.map(
        (operation) => `${operation.key} security=${JSON.stringify(operation.security ?? null)}`,
      ),
    ).toEqual([]);
  });

  it('answers without a token only on the public endpoints; all others say 401 UNAUTHENTICATED', async () => {
    const answeredWithoutToken: string[] = [];
    const wrong: string[] = [];
    for (const operation of operations) {
      const response = await send(operation.method, placeholderPath(operation.path));
      if (response.status >= 500) wrong.push(`${operation.key}: ${describeAnswer(response)}`);
      if (refusedForWantOfTheRefreshCookie(operation.key, response)) {
        answeredWithoutToken.push(operation.key);
        continue;
      }
      if (response.status === 401) {
        if (response.body?.code !== 'UNAUTHENTICATED')
          wrong.push(`${operation.key}: 401 with code ${response.body?.code}`);
        continue;
      }
      answeredWithoutToken.push(operation.key);
    }
    expect(wrong).toEqual([]);
    const expectedPublic = Object.entries(AUTHORIZATION_MATRIX)
      .filter(([, expectation]) => expectation.public)
      .map(([key]) => key)
      .sort();
    expect(expectedPublic).toEqual([
      'GET /health',
      'GET /offers',
      'GET /offers/{id}',
      'GET /public/organisations',
      'GET /public/transparency',
      'POST /auth/login',
      'POST /auth/logout',
      'POST /auth/password-reset',
      'POST /auth/refresh',
    ]);
    expect(answeredWithoutToken.sort()).toEqual(expectedPublic);
  });

  it('serves the API documentation without a token', async () => {
    for (const path of PUBLIC_DOCUMENTATION) {
      const response = await http().get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });

  it('refuses a forged token with 401 on a non-public endpoint and ignores it on a public one', async () => {
    const forged = { Authorization: `Bearer ${sessions.admin.token.slice(0, -4)}AAAA` };
    const refused = await http().get(`${API}/auth/me`).set(forged);
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 401,
      code: 'TOKEN_INVALID',
    });
    const served = await http().get(`${API}/health`).set(forged);
    expect(served.status).toBe(200);
  });

  it('lets each role past authorization exactly where the table says, and refuses the others with 403 FORBIDDEN', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const operation of operations) {
      const expectation = AUTHORIZATION_MATRIX[operation.key];
      if (!expectation) continue; // reported by the first test
      for (const role of ROLES) {
        const response = await send(
          operation.method,
          placeholderPath(operation.path),
          sessions[role],
        );
        checked += 1;
        const allowed = expectation.roles.includes(role);
        if (refusedForWantOfTheRefreshCookie(operation.key, response)) continue;
        if (response.status >= 500 || response.status === 401) {
          mismatches.push(`${operation.key} as ${role}: ${describeAnswer(response)}`);
        } else if (allowed && response.status === 403) {
          mismatches.push(
            `${operation.key} as ${role}: expected past authorization, got ${describeAnswer(response)}`,
          );
        } else if (!allowed && response.status !== 403) {
          mismatches.push(
            `${operation.key} as ${role}: expected 403, got ${describeAnswer(response)}`,
          );
        } else if (
          !allowed &&
          (response.body?.code !== 'FORBIDDEN' ||
            !String(response.body?.detail).includes(ROLE_REQUIRED_PHRASE))
        ) {
          mismatches.push(
            `${operation.key} as ${role}: expected 403 FORBIDDEN (role), got ${describeAnswer(response)}`,
          );
        }
      }
    }
    expect(checked).toBe(operations.length * ROLES.length);
    expect(mismatches).toEqual([]);
  }, 45_000);

  describe('own party and another party', () => {
    type Kind =
      'party' | 'account' | 'entry' | 'hold' | 'claim' | 'pass' | 'booking' | 'redemption';
    /** Ids of resources of a party no demo user belongs to. */
    const other = {} as Record<Kind, string>;
    /** Ids of resources of each demo user's own party (absent where the role has none of that kind). */
    const own = {} as Record<PartyRole, Partial<Record<Kind, string>>>;
    /** A user no demo user is. */
    let strangerUser: Session;

    /** The reads, each with the kind of id it takes and the roles the table lets through. */
    const READS: Array<{ key: string; kind: Kind; path: (id: string) => string }> = [
      { key: 'GET /parties/{id}', kind: 'party', path: (id) => `/parties/${id}` },
      { key: 'GET /parties/{id}/accounts', kind: 'party', path: (id) => `/parties/${id}/accounts` },
      { key: 'GET /accounts/{id}', kind: 'account', path: (id) => `/accounts/${id}` },
      {
        key: 'GET /accounts/{id}/postings',
        kind: 'account',
        path: (id) => `/accounts/${id}/postings`,
      },
      { key: 'GET /entries/{id}', kind: 'entry', path: (id) => `/entries/${id}` },
      { key: 'GET /holds/{id}', kind: 'hold', path: (id) => `/holds/${id}` },
      { key: 'GET /time-claims/{id}', kind: 'claim', path: (id) => `/time-claims/${id}` },
      { key: 'GET /passes/{number}', kind: 'pass', path: (id) => `/passes/${id}` },
      { key: 'GET /passes/{number}/qr', kind: 'pass', path: (id) => `/passes/${id}/qr` },
      { key: 'GET /bookings/{id}', kind: 'booking', path: (id) => `/bookings/${id}` },
      { key: 'GET /redemptions/{id}', kind: 'redemption', path: (id) => `/redemptions/${id}` },
    ];

    /** Writes on another party's resource by a role the table lets through: 404, and nothing changes. */
    const WRITES: Array<{
      key: string;
      kind: Kind;
      path: (id: string) => string;
      method: Method;
      body?: unknown;
    }> = [
      {
        key: 'POST /holds/{id}/post',
        kind: 'hold',
        method: 'post',
        path: (id) => `/holds/${id}/post`,
        body: {},
      },
      {
        key: 'POST /holds/{id}/void',
        kind: 'hold',
        method: 'post',
        path: (id) => `/holds/${id}/void`,
      },
      {
        key: 'POST /time-claims/{id}/approve',
        kind: 'claim',
        method: 'post',
        path: (id) => `/time-claims/${id}/approve`,
      },
      {
        key: 'POST /time-claims/{id}/reject',
        kind: 'claim',
        method: 'post',
        path: (id) => `/time-claims/${id}/reject`,
        body: { reason: 'Niet gewerkt' },
      },
      {
        key: 'POST /time-claims/{id}/withdraw',
        kind: 'claim',
        method: 'post',
        path: (id) => `/time-claims/${id}/withdraw`,
        body: {},
      },
      {
        key: 'POST /time-claims/{id}/revoke',
        kind: 'claim',
        method: 'post',
        path: (id) => `/time-claims/${id}/revoke`,
        body: { reason: 'Niet gewerkt' },
      },
      {
        key: 'POST /passes/{number}/block',
        kind: 'pass',
        method: 'post',
        path: (id) => `/passes/${id}/block`,
        body: {},
      },
      {
        key: 'PUT /passes/{number}/pin',
        kind: 'pass',
        method: 'put',
        path: (id) => `/passes/${id}/pin`,
        body: { pin: '4821' },
      },
      {
        key: 'DELETE /passes/{number}/pin',
        kind: 'pass',
        method: 'delete',
        path: (id) => `/passes/${id}/pin`,
      },
      {
        key: 'POST /bookings/{id}/confirm',
        kind: 'booking',
        method: 'post',
        path: (id) => `/bookings/${id}/confirm`,
      },
      {
        key: 'POST /bookings/{id}/decline',
        kind: 'booking',
        method: 'post',
        path: (id) => `/bookings/${id}/decline`,
        body: {},
      },
      {
        key: 'POST /bookings/{id}/cancel',
        kind: 'booking',
        method: 'post',
        path: (id) => `/bookings/${id}/cancel`,
        body: {},
      },
      {
        key: 'POST /bookings/{id}/check-out',
        kind: 'booking',
        method: 'post',
        path: (id) => `/bookings/${id}/check-out`,
      },
      {
        key: 'POST /bookings/{id}/refund',
        kind: 'booking',
        method: 'post',
        path: (id) => `/bookings/${id}/refund`,
        body: { amount: '1.00', reason: 'Terug' },
      },
      {
        key: 'POST /redemptions/{id}/void',
        kind: 'redemption',
        method: 'post',
        path: (id) => `/redemptions/${id}/void`,
      },
    ];

    beforeAll(async () => {
      const { admin, treasurer } = sessions;
      // A world of strangers: an organisation, a business and a volunteer no demo user acts for.
      const organisation: TestParty = await createFundedParty(
        http(),
        { admin, treasurer },
        'organisation',
        '500.00',
      );
      const business = await createBusiness(http(), admin);
      const fundedBusiness: TestParty = await createFundedParty(
        http(),
        { admin, treasurer },
        'business',
        '200.00',
      );
      const volunteer = await createVolunteer(http(), admin);
      await giveApprovedHours(http(), volunteer.member, organisation, '4.00');
      const requestedClaim = await submitClaim(http(), volunteer.member, {
        organisationId: organisation.partyId,
        date: '2026-11-20',
        hours: '1.00',
      });
      const pass = await issuePass(http(), volunteer.member, volunteer.partyId);
      const offer = await createOffer(http(), business.member);
      const redemption = await redeem(http(), business.member, {
        passNumber: pass.number,
        offerId: offer.id,
      });
      const room = await createListing(http(), organisation.member, 'room');
      const booking = await book(http(), fundedBusiness.member, {
        listingId: room.id,
        startsAt: '2026-11-27T10:00',
        endsAt: '2026-11-27T11:00',
      });
      const statement = await http()
        .get(`${API}/accounts/${organisation.accountId}/postings`)
        .set(admin.auth)
        .expect(200);
      const lines = (statement.body.items ?? statement.body.lines ?? statement.body) as Array<{
        entryId: string;
      }>;
      strangerUser = volunteer.member;
      Object.assign(other, {
        party: organisation.partyId,
        account: organisation.accountId,
        entry: lines[0].entryId,
        hold: booking.priceHoldId,
        claim: requestedClaim.id,
        pass: pass.number,
        booking: booking.id,
        redemption: redemption.id,
      });

      // Each demo user's own resources.
      for (const role of PARTY_ROLES) {
        const session = sessions[role];
        const partyId = session.partyId!;
        const accounts = (
          await http().get(`${API}/parties/${partyId}/accounts`).set(session.auth).expect(200)
        ).body as Array<{ id: string }>;
        own[role] = { party: partyId, account: accounts[0].id };
      }
      const anouk = sessions.volunteer;
      const malberg = sessions.org_manager;
      const claim = await submitClaim(http(), anouk, {
        organisationId: malberg.partyId!,
        date: '2026-11-19',
        hours: '1.00',
      });
      own.volunteer.claim = claim.id;
      own.org_manager.claim = claim.id;
      const passes = (await http().get(`${API}/passes`).set(anouk.auth).expect(200)).body as {
        items: Array<{ number: string; status: string }>;
      };
      own.volunteer.pass =
        passes.items.find((candidate) => candidate.status === 'active')?.number ??
        (await issuePass(http(), anouk, anouk.partyId!)).number;
      const ownBooking = await book(http(), malberg, {
        listingId: room.id,
        startsAt: '2026-11-27T14:00',
        endsAt: '2026-11-27T15:00',
      });
      own.org_manager.booking = ownBooking.id;
      own.org_manager.hold = ownBooking.priceHoldId;
      await giveApprovedHours(
        http(),
        anouk,
        { partyId: malberg.partyId!, member: malberg },
        '4.00',
        '2026-11-18',
      );
      const demoOffer = await createOffer(http(), sessions.business_operator);
      const ownRedemption = await redeem(http(), sessions.business_operator, {
        passNumber: own.volunteer.pass,
        offerId: demoOffer.id,
      });
      own.business_operator.redemption = ownRedemption.id;
      own.volunteer.redemption = ownRedemption.id;
      await issue(http(), treasurer, own.business_operator.account!, '50.00');
      const businessBooking = await book(http(), sessions.business_operator, {
        listingId: room.id,
        startsAt: '2026-11-27T17:00',
        endsAt: '2026-11-27T18:00',
      });
      own.business_operator.booking = businessBooking.id;
      own.business_operator.hold = businessBooking.priceHoldId;
      // An entry on each party's own account (the business's first is the redemption just made).
      for (const role of PARTY_ROLES) {
        const ownStatement = await http()
          .get(`${API}/accounts/${own[role].account}/postings`)
          .set(sessions[role].auth)
          .expect(200);
        const ownLines = (ownStatement.body.items ??
          ownStatement.body.lines ??
          ownStatement.body) as Array<{ entryId: string }>;
        if (ownLines.length > 0) own[role].entry = ownLines[ownLines.length - 1].entryId;
      }
    }, 30_000);

    it('shows each party role its own resources (200)', async () => {
      const mismatches: string[] = [];
      let checked = 0;
      for (const read of READS) {
        for (const role of PARTY_ROLES) {
          const id = own[role][read.kind];
          if (!id || !AUTHORIZATION_MATRIX[read.key].roles.includes(role)) continue;
          const response = await send('get', read.path(id), sessions[role]);
          checked += 1;
          if (response.status !== 200)
            mismatches.push(`${read.key} own ${read.kind} as ${role}: ${describeAnswer(response)}`);
        }
      }
      // Every party role has each kind of resource its role may read: nothing was skipped silently.
      expect(
        Object.fromEntries(PARTY_ROLES.map((role) => [role, Object.keys(own[role]).sort()])),
      ).toEqual({
        org_manager: ['account', 'booking', 'claim', 'entry', 'hold', 'party'],
        business_operator: ['account', 'booking', 'entry', 'hold', 'party', 'redemption'],
        volunteer: ['account', 'claim', 'entry', 'party', 'pass', 'redemption'],
      });
      expect(checked).toBeGreaterThanOrEqual(20);
      expect(mismatches).toEqual([]);
    });

    it('answers 404 to a party role for another party’s resource, and 200 to the overseers', async () => {
      const mismatches: string[] = [];
      for (const read of READS) {
        for (const role of ROLES) {
          const response = await send('get', read.path(other[read.kind]), sessions[role]);
          const allowed = AUTHORIZATION_MATRIX[read.key].roles.includes(role);
          const expected = !allowed ? 403 : role === 'admin' || role === 'treasurer' ? 200 : 404;
          if (response.status !== expected)
            mismatches.push(
              `${read.key} other ${read.kind} as ${role}: expected ${expected}, got ${describeAnswer(response)}`,
            );
          else if (
            expected === 404 &&
            response.body?.code !== 'NOT_FOUND' &&
            response.body?.code !== 'PASS_NOT_FOUND'
          ) {
            mismatches.push(
              `${read.key} other ${read.kind} as ${role}: 404 with code ${response.body?.code}`,
            );
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('answers another party’s 404 exactly as an id that does not exist', async () => {
      const mismatches: string[] = [];
      for (const read of READS) {
        for (const role of PARTY_ROLES) {
          if (!AUTHORIZATION_MATRIX[read.key].roles.includes(role)) continue;
          const unknown = read.kind === 'pass' ? unknownPassNumber() : randomUUID();
          const [foreign, missing] = [
            await send('get', read.path(other[read.kind]), sessions[role]),
            await send('get', read.path(unknown), sessions[role]),
          ];
          const shape = (response: Response) => ({
            status: response.status,
            code: response.body?.code,
            keys: Object.keys(response.body ?? {}).sort(),
          });
          if (JSON.stringify(shape(foreign)) !== JSON.stringify(shape(missing))) {
            mismatches.push(
              `${read.key} as ${role}: other ${JSON.stringify(shape(foreign))} vs unknown ${JSON.stringify(shape(missing))}`,
            );
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('answers 404 to a party role that acts on another party’s resource, and changes nothing', async () => {
      const before = await snapshotOther();
      const mismatches: string[] = [];
      for (const write of WRITES) {
        for (const role of PARTY_ROLES) {
          if (!AUTHORIZATION_MATRIX[write.key].roles.includes(role)) continue;
          const response = await send(
            write.method,
            write.path(other[write.kind]),
            sessions[role],
            write.body,
          );
          if (response.status !== 404)
            mismatches.push(
              `${write.key} other ${write.kind} as ${role}: expected 404, got ${describeAnswer(response)}`,
            );
        }
      }
      expect(mismatches).toEqual([]);
      expect(await snapshotOther()).toEqual(before);
    });

    it('answers 404 to a non-admin who revokes another user’s sessions, and the other user stays logged in', async () => {
      for (const role of ['treasurer', ...PARTY_ROLES] as const) {
        const response = await send(
          'post',
          `/users/${strangerUser.userId}/sessions/revoke`,
          sessions[role],
        );
        expect({ role, status: response.status, code: response.body?.code }).toEqual({
          role,
          status: 404,
          code: 'NOT_FOUND',
        });
      }
      await http().get(`${API}/auth/me`).set(strangerUser.auth).expect(200);
    });

    /** The stranger resources as the admin sees them. */
    async function snapshotOther() {
      const { admin } = sessions;
      const read = async (path: string) => {
        const response = await http().get(`${API}${path}`).set(admin.auth).expect(200);
        const { status, pinSet, pendingBalance, balance, events } = response.body as Record<
          string,
          unknown
        >;
        return {
          status,
          pinSet,
          pendingBalance,
          balance,
          events: Array.isArray(events) ? events.length : undefined,
        };
      };
      return {
        account: await read(`/accounts/${other.account}`),
        hold: await read(`/holds/${other.hold}`),
        claim: await read(`/time-claims/${other.claim}`),
        pass: await read(`/passes/${other.pass}`),
        booking: await read(`/bookings/${other.booking}`),
        redemption: await read(`/redemptions/${other.redemption}`),
      };
    }
  });
});
