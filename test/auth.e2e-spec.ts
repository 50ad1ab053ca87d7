import jwt from 'jsonwebtoken';
import { JWT_ALGORITHM, JWT_ISSUER } from '../src/auth/jwt.strategy.js';
import { ROLES } from '../src/common/roles.js';
import { DEMO_EMAIL, login, loginAllRoles } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('Story: every role logs in and is known by its token', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it.each(ROLES)('the demo %s logs in and /auth/me knows them', async (role) => {
    const session = await login(testApp.http, DEMO_EMAIL[role]);
    const me = await testApp.http.get('/api/v1/auth/me').set(session.auth).expect(200);
    expect(me.body).toMatchObject({ email: DEMO_EMAIL[role], role });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('logs in case-insensitively on the email address', async () => {
    await testApp.http
      .post('/api/v1/auth/login')
      .send({ email: 'Treasurer@Steerkes.TEST', password: 'steerkes-demo' })
      .expect(200);
  });

  it('refuses a wrong password and an unknown email alike, with 401 INVALID_CREDENTIALS', async () => {
    for (const email of ['treasurer@steerkes.test', 'nobody@steerkes.test']) {
      const response = await testApp.http
        .post('/api/v1/auth/login')
        .send({ email, password: 'wrong-password' })
        .expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
      expect(response.body).not.toHaveProperty('accessToken');
    }
  });

  it('refuses a request without a token with 401 UNAUTHENTICATED', async () => {
    const response = await testApp.http.get('/api/v1/auth/me').expect(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token with 401 TOKEN_EXPIRED', async () => {
    const session = await login(testApp.http, DEMO_EMAIL.volunteer);
    const claims = jwt.decode(session.token) as jwt.JwtPayload;
    const expired = jwt.sign(
      {
        sub: claims.sub,
        email: claims.email,
        role: claims.role,
        partyId: claims.partyId,
        exp: Math.floor(Date.now() / 1000) - 60,
      },
      testApp.configuration.jwt.secret,
      { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER },
    );
    const response = await testApp.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${expired}`)
      .expect(401);
    expect(response.body.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a forged token (other secret, or no signature) with 401 TOKEN_INVALID', async () => {
    const session = await login(testApp.http, DEMO_EMAIL.volunteer);
    const claims = jwt.decode(session.token) as jwt.JwtPayload;
    const forged = jwt.sign(
      { ...claims, role: 'admin' },
      'a-secret-the-attacker-guessed-wrongly-000000',
      { algorithm: 'HS256' },
    );
    const unsigned = jwt.sign({ ...claims, role: 'admin' }, '', { algorithm: 'none' });
    for (const token of [forged, unsigned, 'not.a.token', `${session.token}x`]) {
      const response = await testApp.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
      expect(response.body.code).toBe('TOKEN_INVALID');
    }
  });

  it('answers 400 with the fields named when the login body is incomplete', async () => {
    const response = await testApp.http
      .post('/api/v1/auth/login')
      .send({ email: 'not-an-email' })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(new Set(response.body.errors.map((error: { field: string }) => error.field))).toEqual(
      new Set(['email', 'password']),
    );
  });

  it('lets only an admin create users, and refuses a duplicate email with 409', async () => {
    const sessions = await loginAllRoles(testApp.http);
    const body = {
      email: 'nieuw@steerkes.test',
      password: 'long-enough-pw',
      role: 'treasurer',
      displayName: 'Nieuwe penningmeester',
    };
    for (const role of ['treasurer', 'org_manager', 'business_operator', 'volunteer'] as const) {
      const refused = await testApp.http
        .post('/api/v1/users')
        .set(sessions[role].auth)
        .send(body)
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    await testApp.http.post('/api/v1/users').set(sessions.admin.auth).send(body).expect(201);
    const duplicate = await testApp.http
      .post('/api/v1/users')
      .set(sessions.admin.auth)
      .send({ ...body, email: 'NIEUW@steerkes.test' })
      .expect(409);
    expect(duplicate.body.code).toBe('EMAIL_TAKEN');
    await login(testApp.http, 'nieuw@steerkes.test', 'long-enough-pw');
  });

  it('refuses a user whose party does not fit the role', async () => {
    const admin = await login(testApp.http, DEMO_EMAIL.admin);
    const base = { password: 'long-enough-pw', displayName: 'X' };
    const noParty = await testApp.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ ...base, email: 'v1@x.test', role: 'volunteer' })
      .expect(400);
    expect(noParty.body.errors[0]).toMatchObject({ field: 'partyId', code: 'isDefined' });
    const business = (await login(testApp.http, DEMO_EMAIL.business_operator)).partyId;
    const wrongKind = await testApp.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ ...base, email: 'v2@x.test', role: 'volunteer', partyId: business })
      .expect(400);
    expect(wrongKind.body.errors[0]).toMatchObject({
      field: 'partyId',
      code: 'PARTY_KIND_MISMATCH',
    });
  });
});

describe('Story: login is rate-limited', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      demoData: true,
      environment: { LOGIN_ATTEMPTS_PER_MINUTE: '3' },
    });
  });
  afterAll(() => testApp.close());

  it('answers 429 RATE_LIMITED after too many attempts for one email, and keeps other emails apart', async () => {
    const attempt = (email: string) =>
      testApp.http.post('/api/v1/auth/login').send({ email, password: 'guess' });
    for (let index = 0; index < 3; index += 1)
      expect((await attempt('treasurer@steerkes.test')).status).toBe(401);
    const limited = await attempt('treasurer@steerkes.test');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits: the limit is on attempts, not on failures.
    expect(
      (
        await testApp.http
          .post('/api/v1/auth/login')
          .send({ email: 'treasurer@steerkes.test', password: 'steerkes-demo' })
      ).status,
    ).toBe(429);
    expect((await attempt('admin@steerkes.test')).status).toBe(401);
  });
});
