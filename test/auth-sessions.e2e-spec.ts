import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { DEMO_EMAIL, login, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 12, staying logged in: login sets an httpOnly, SameSite=Strict refresh cookie scoped to
 * the auth paths; /auth/refresh rotates it and answers a new access token; a rotated token that
 * comes back ends its session; sessions expire when idle and at their absolute lifetime (the test
 * clock moves, nothing sleeps); logout and revoking a user's sessions end them. Every refusal is a
 * 401 problem and writes nothing (but the reuse, which ends the session).
 */

const API = '/api/v1';
const COOKIE = 'steerkes_refresh';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

interface SessionRow {
  id: string;
  user_id: string;
  token_hash: string;
  rotations: number | string;
  last_used_at: string;
  ended_at: string | null;
  end_reason: string | null;
}

/** The refresh cookie a response sets: its value and its attributes (lower-case names). */
function refreshCookieOf(response: Response): {
  value: string;
  attributes: Record<string, string | true>;
} {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies = (header ?? []).filter((cookie) => cookie.startsWith(`${COOKIE}=`));
  expect(cookies).toHaveLength(1);
  const [pair, ...attributeParts] = cookies[0].split(';').map((part) => part.trim());
  const attributes: Record<string, string | true> = {};
  for (const part of attributeParts) {
    const [name, ...value] = part.split('=');
    attributes[name.toLowerCase()] = value.length > 0 ? value.join('=') : true;
  }
  return { value: decodeURIComponent(pair.slice(COOKIE.length + 1)), attributes };
}

describe('Story: a counter tablet stays logged in through a shift with a refresh cookie', () => {
  let testApp: TestApp;
  const http = () => testApp.http;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  const sessionRows = (): Promise<SessionRow[]> =>
    testApp.app
      .get(DataSource)
      .query(
        'SELECT id, user_id, token_hash, rotations, last_used_at, ended_at, end_reason FROM auth_sessions ORDER BY id',
      );

  async function loginWithCookie(email = DEMO_EMAIL.business_operator) {
    const response = await http()
      .post(`${API}/auth/login`)
      .send({ email, password: DEMO_PASSWORD })
      .expect(200);
    return { response, refreshToken: refreshCookieOf(response).value };
  }

  const refresh = (refreshToken?: string, language = 'en') => {
    const request = http().post(`${API}/auth/refresh`).set('Accept-Language', language);
    return refreshToken === undefined
      ? request
      : request.set('Cookie', `${COOKIE}=${encodeURIComponent(refreshToken)}`);
  };

  /** A refusal: 401 problem+json with the code, and not a row of auth_sessions changed. */
  async function expectRefusedWithoutWrites(refreshToken: string | undefined, code: string) {
    const before = await sessionRows();
    const response = await refresh(refreshToken);
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).not.toHaveProperty('accessToken');
    if (refreshToken) expect(response.text).not.toContain(refreshToken);
    expect(await sessionRows()).toEqual(before);
    return response;
  }

  it('sets an httpOnly, SameSite=Strict refresh cookie for the auth paths at login, and keeps only its hash', async () => {
    const { response, refreshToken } = await loginWithCookie();
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email: DEMO_EMAIL.business_operator },
    });
    const { attributes } = refreshCookieOf(response);
    expect(attributes).toMatchObject({
      path: '/api/v1/auth',
      httponly: true,
      samesite: 'Strict',
      'max-age': String(12 * 3600),
    });
    expect(attributes).not.toHaveProperty('secure'); // not in development and tests: plain http://localhost
    expect(attributes).not.toHaveProperty('domain');
    expect(refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

    const [sessionId, secret] = refreshToken.split('.');
    const row = (await sessionRows()).find((candidate) => candidate.id === sessionId)!;
    expect(row).toMatchObject({
      user_id: response.body.user.id,
      ended_at: null,
      token_hash: createHash('sha256').update(refreshToken).digest('hex'),
    });
    const stored = JSON.stringify(
      await testApp.app.get(DataSource).query('SELECT * FROM auth_sessions'),
    );
    expect(stored).not.toContain(secret);
  });

  it('refuses a wrong password without setting a cookie or starting a session', async () => {
    const before = await sessionRows();
    const response = await http()
      .post(`${API}/auth/login`)
      .send({ email: DEMO_EMAIL.business_operator, password: 'wrong-password' })
      .expect(401);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await sessionRows()).toEqual(before);
  });

  it('rotates the cookie on refresh and answers a new access token that works, as login answers', async () => {
    const { response: loggedIn, refreshToken } = await loginWithCookie();
    testApp.clock.advance(14 * MINUTE_MS);
    const refreshed = await refresh(refreshToken).expect(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(Object.keys(loggedIn.body).sort());
    expect(refreshed.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: loggedIn.body.user,
    });
    const rotated = refreshCookieOf(refreshed);
    expect(rotated.value).not.toBe(refreshToken);
    expect(rotated.value.split('.')[0]).toBe(refreshToken.split('.')[0]); // the same session
    // Max-Age counts down to the session's absolute end: 12 h from the login, 14 minutes ago.
    expect(rotated.attributes).toMatchObject({
      path: '/api/v1/auth',
      httponly: true,
      samesite: 'Strict',
      'max-age': String(12 * 3600 - 14 * 60),
    });
    const me = await http()
      .get(`${API}/auth/me`)
      .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);
    expect(me.body.email).toBe(DEMO_EMAIL.business_operator);

    const row = (await sessionRows()).find(
      (candidate) => candidate.id === refreshToken.split('.')[0],
    )!;
    expect(row).toMatchObject({
      token_hash: createHash('sha256').update(rotated.value).digest('hex'),
      ended_at: null,
    });
    expect(Number(row.rotations)).toBe(1);
    expect(row.last_used_at).toBe(testApp.clock.now().toISOString());
    // The rotated cookie refreshes again.
    await refresh(rotated.value).expect(200);
  });

  it('ends the whole session when a rotated refresh token comes back: 401, and the newest token is dead too', async () => {
    const { refreshToken: first } = await loginWithCookie();
    const second = refreshCookieOf(await refresh(first).expect(200)).value;
    const sessionId = first.split('.')[0];
    const before = (await sessionRows()).find((row) => row.id === sessionId)!;

    const reused = await refresh(first, 'nl').expect(401);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect(reused.body.detail).toMatch(/sessie is voor de zekerheid beëindigd/);
    expect(reused.headers['set-cookie']).toBeUndefined();
    const after = (await sessionRows()).find((row) => row.id === sessionId)!;
    // Only the end is written: the token is not rotated.
    expect(after).toEqual({
      ...before,
      ended_at: testApp.clock.now().toISOString(),
      end_reason: 'token-reused',
    });

    await expectRefusedWithoutWrites(second, 'SESSION_ENDED');
    await expectRefusedWithoutWrites(first, 'SESSION_ENDED');
  });

  it('keeps a session used within the idle timeout, and ends it after 2 hours without a refresh', async () => {
    const { refreshToken } = await loginWithCookie();
    testApp.clock.advance(2 * HOUR_MS - MINUTE_MS);
    const kept = refreshCookieOf(await refresh(refreshToken).expect(200)).value;
    testApp.clock.advance(2 * HOUR_MS);
    const refused = await expectRefusedWithoutWrites(kept, 'SESSION_EXPIRED');
    expect(refused.body.detail).toMatch(/not used for too long/);
  });

  it('ends a session 12 hours after the login however often it was refreshed', async () => {
    const { refreshToken } = await loginWithCookie();
    let current = refreshToken;
    for (let elapsed = 0; elapsed + 110 * MINUTE_MS < 12 * HOUR_MS; elapsed += 110 * MINUTE_MS) {
      testApp.clock.advance(110 * MINUTE_MS);
      current = refreshCookieOf(await refresh(current).expect(200)).value;
    }
    testApp.clock.advance(110 * MINUTE_MS); // 12 h 50 min after the login, 1 h 50 min after the last refresh
    const refused = await expectRefusedWithoutWrites(current, 'SESSION_EXPIRED');
    expect(refused.body.detail).toMatch(/maximum length/);
  });

  it('ends the session at logout (204, the cookie cleared); the cookie no longer refreshes', async () => {
    const { refreshToken } = await loginWithCookie();
    const loggedOut = await http()
      .post(`${API}/auth/logout`)
      .set('Cookie', `${COOKIE}=${refreshToken}`)
      .expect(204);
    const cleared = refreshCookieOf(loggedOut);
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toMatchObject({
      path: '/api/v1/auth',
      httponly: true,
      samesite: 'Strict',
      'max-age': '0',
    });
    const row = (await sessionRows()).find(
      (candidate) => candidate.id === refreshToken.split('.')[0],
    )!;
    expect(row).toMatchObject({ end_reason: 'logout' });
    expect(row.ended_at).not.toBeNull();
    await expectRefusedWithoutWrites(refreshToken, 'SESSION_ENDED');
    // A second logout, and one without a cookie, change nothing and still answer 204.
    const before = await sessionRows();
    await http().post(`${API}/auth/logout`).set('Cookie', `${COOKIE}=${refreshToken}`).expect(204);
    await http().post(`${API}/auth/logout`).expect(204);
    await http().post(`${API}/auth/logout`).set('Cookie', `${COOKIE}=garbage`).expect(204);
    expect(await sessionRows()).toEqual(before);
  });

  it('ends every session of a user whose sessions an admin revokes, and only theirs', async () => {
    const admin: Session = await login(http(), DEMO_EMAIL.admin);
    const volunteer = await loginWithCookie(DEMO_EMAIL.volunteer);
    const business = await loginWithCookie(DEMO_EMAIL.business_operator);
    await http()
      .post(`${API}/users/${volunteer.response.body.user.id}/sessions/revoke`)
      .set(admin.auth)
      .expect(200);
    await expectRefusedWithoutWrites(volunteer.refreshToken, 'SESSION_ENDED');
    await refresh(business.refreshToken).expect(200);
    // A new login after the revocation starts a session that works.
    const again = await loginWithCookie(DEMO_EMAIL.volunteer);
    await refresh(again.refreshToken).expect(200);
  });

  it('refuses a refresh without the cookie, or with a cookie that is no session, with 401 problems', async () => {
    await expectRefusedWithoutWrites(undefined, 'SESSION_REQUIRED');
    await expectRefusedWithoutWrites('', 'SESSION_REQUIRED');
    for (const garbage of [
      'garbage',
      'a.b.c',
      "' OR 1=1 --",
      `${'x'.repeat(36)}.${'y'.repeat(43)}`,
      '00000000-0000-4000-8000-000000000000.short',
    ]) {
      await expectRefusedWithoutWrites(garbage, 'SESSION_INVALID');
    }
    // Well-formed, but of no session.
    await expectRefusedWithoutWrites(
      `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`,
      'SESSION_INVALID',
    );
    // A bearer token is no refresh cookie.
    const { response } = await loginWithCookie();
    const bearerOnly = await http()
      .post(`${API}/auth/refresh`)
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(401);
    expect(bearerOnly.body.code).toBe('SESSION_REQUIRED');
  });
});

describe('Story: in production the refresh cookie is Secure', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      demoData: false,
      environment: {
        NODE_ENV: 'production',
        JWT_SECRET: 'p6Wq9vT2xZ8rLm4NcY7bKd3Hs5Fg1JuE0aQwErTy',
        PIN_PEPPER: 'Lk8sQ2wE5rT7yU9iO1pA3sD4fG6hJ0zX',
        ADMIN_EMAIL: 'beheer@example.nl',
        ADMIN_PASSWORD: 'a-long-enough-password',
      },
    });
  });
  afterAll(() => testApp.close());

  it('marks the cookie Secure, HttpOnly and SameSite=Strict', async () => {
    const response = await testApp.http
      .post(`${API}/auth/login`)
      .send({ email: 'beheer@example.nl', password: 'a-long-enough-password' })
      .expect(200);
    expect(refreshCookieOf(response).attributes).toMatchObject({
      secure: true,
      httponly: true,
      samesite: 'Strict',
      path: '/api/v1/auth',
    });
  });
});
