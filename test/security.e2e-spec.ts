import { login, loginAllRoles } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('Story: the API defends itself in the browser and at the till', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({
      environment: { CORS_ORIGINS: 'https://kassa.steerkes.example', REDEMPTIONS_PER_MINUTE: '2' },
    });
  });
  afterAll(() => testApp.close());

  it('sends security headers and no framework banner', async () => {
    const response = await testApp.http.get('/api/v1/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers CORS only for the configured origin', async () => {
    const allowed = await testApp.http
      .options('/api/v1/transfers')
      .set('Origin', 'https://kassa.steerkes.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,idempotency-key,content-type');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://kassa.steerkes.example');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/idempotency-key/i);
    const other = await testApp.http.get('/api/v1/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rate-limits redemptions per business operator: 429 RATE_LIMITED with Retry-After', async () => {
    const business = await login(testApp.http, 'business@steerkes.test');
    const attempt = () =>
      testApp.http
        .post('/api/v1/redemptions')
        .set(business.auth)
        .set('Idempotency-Key', `rate-${Math.random()}`)
        .send({});
    expect((await attempt()).status).toBe(400);
    expect((await attempt()).status).toBe(400);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a CORS origin list that is not a list of origins, at start-up', async () => {
    await expect(createTestApp({ environment: { CORS_ORIGINS: '*' } })).rejects.toThrow(
      /CORS_ORIGINS/,
    );
  });
});

describe('Story: a user ends every session at once (a lost phone), and an admin can do it for them', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('revokes every token of the user; a new login works', async () => {
    const phone = await login(testApp.http, 'volunteer@steerkes.test');
    const laptop = await login(testApp.http, 'volunteer@steerkes.test');
    await testApp.http.get('/api/v1/auth/me').set(phone.auth).expect(200);
    await testApp.http
      .post(`/api/v1/users/${phone.userId}/sessions/revoke`)
      .set(laptop.auth)
      .expect(200);
    for (const session of [phone, laptop]) {
      const refused = await testApp.http.get('/api/v1/auth/me').set(session.auth).expect(401);
      expect(refused.body.code).toBe('TOKEN_REVOKED');
    }
    const fresh = await login(testApp.http, 'volunteer@steerkes.test');
    await testApp.http.get('/api/v1/auth/me').set(fresh.auth).expect(200);
  });

  it('lets an admin end another user’s sessions (audited), and nobody else', async () => {
    const roles = await loginAllRoles(testApp.http);
    const refused = await testApp.http
      .post(`/api/v1/users/${roles.org_manager.userId}/sessions/revoke`)
      .set(roles.volunteer.auth)
      .expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    await testApp.http.get('/api/v1/auth/me').set(roles.org_manager.auth).expect(200);
    await testApp.http
      .post(`/api/v1/users/${roles.org_manager.userId}/sessions/revoke`)
      .set(roles.admin.auth)
      .expect(200);
    expect(
      (await testApp.http.get('/api/v1/auth/me').set(roles.org_manager.auth).expect(401)).body.code,
    ).toBe('TOKEN_REVOKED');
    const audit = await testApp.http
      .get('/api/v1/treasury/audit-log?action=user.sessions-revoked')
      .set(roles.admin.auth)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actorId: roles.admin.userId, subjectId: roles.org_manager.userId }),
    ]);
  });
});
