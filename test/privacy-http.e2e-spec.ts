import { createLog } from '../src/common/logging/log.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { API, newKey } from './factories/ledger.js';
import { createVolunteer, issuePass, postRedemption } from './factories/passes.js';
import { login, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * What the HTTP layer leaves behind about a person: log lines name routes by their template, never
 * a pass number; answers to a logged-in caller are not kept by caches; the API's map (Swagger UI,
 * OpenAPI document) is not served in production unless asked for.
 */
describe('Story: the HTTP layer keeps no personal data in logs and caches', () => {
  let testApp: TestApp;
  let admin: Session;
  /** Every line the server's log wrote (at LOG_LEVEL=log, as in production), as written. */
  const written: string[] = [];
  const logLines = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    const log = createLog('log', { write: (line: string) => void written.push(line) });
    testApp = await createTestApp({ log });
    admin = await login(testApp.http, 'admin@steerkes.test');
  });
  afterAll(() => testApp.close());
  beforeEach(() => {
    written.length = 0;
  });

  it('logs one line per request with the route template, never the pass number in the path', async () => {
    const volunteer = await createVolunteer(testApp.http, admin);
    const pass = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
    written.length = 0;
    await testApp.http
      .get(`${API}/passes/${pass.number}/qr`)
      .set(volunteer.member.auth)
      .set('X-Request-Id', 'qr-request')
      .expect(200);
    await testApp.http.get(`${API}/passes/${pass.number}`).set(admin.auth).expect(200);
    await testApp.http.get(`${API}/no-such-route/${pass.number}`).expect(404);
    expect(written.join('')).not.toContain(pass.number);
    const lines = logLines();
    expect(lines).toEqual([
      {
        level: 'log',
        pid: process.pid,
        timestamp: expect.any(Number),
        context: 'HTTP',
        requestId: 'qr-request',
        method: 'GET',
        route: '/api/v1/passes/:number/qr',
        status: 200,
        durationMs: expect.any(Number),
        userId: volunteer.member.userId,
      },
      expect.objectContaining({
        route: '/api/v1/passes/:number',
        status: 200,
        userId: admin.userId,
      }),
      expect.objectContaining({ route: null, status: 404, userId: null }),
    ]);
  });

  it('writes no password, token, PIN, cookie or Authorization header into a log line', async () => {
    const loggedIn = await testApp.http
      .post(`${API}/auth/login`)
      .send({ email: 'volunteer@steerkes.test', password: DEMO_PASSWORD })
      .expect(200);
    const accessToken = (loggedIn.body as { accessToken: string }).accessToken;
    const cookies = loggedIn.headers['set-cookie'] as unknown as string[];
    const refreshCookie = cookies.find((cookie) => cookie.startsWith('steerkes_refresh='));
    const cookieValue = refreshCookie?.split(';')[0].split('=')[1] ?? '';
    expect(cookieValue.length).toBeGreaterThan(20);
    await testApp.http
      .post(`${API}/auth/login`)
      .send({ email: 'volunteer@steerkes.test', password: 'a-wrong-password-9513' })
      .expect(401);
    await testApp.http
      .get(`${API}/auth/me`)
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(200);
    await testApp.http
      .post(`${API}/auth/refresh`)
      .set('Cookie', refreshCookie ?? '')
      .expect(200);
    const operator = await login(testApp.http, 'business@steerkes.test');
    await postRedemption(testApp.http, operator, {
      passNumber: 'not-a-pass',
      offerId: newKey(),
      pin: '482913',
    });
    const text = written.join('');
    for (const secret of [
      DEMO_PASSWORD,
      'a-wrong-password-9513',
      accessToken,
      cookieValue,
      operator.token,
    ])
      expect(text).not.toContain(secret);
    const lines = logLines();
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(
        [
          'context',
          'durationMs',
          'level',
          'method',
          'pid',
          'requestId',
          'route',
          'status',
          'timestamp',
          'userId',
        ].sort(),
      );
      expect(Object.values(line)).not.toContain('482913');
    }
  });

  it('redacts secrets from any other line, whatever a module logs', () => {
    const lines: string[] = [];
    const log = createLog('log', { write: (line: string) => void lines.push(line) });
    log.warn({
      message: 'careless',
      password: 'p-1',
      pin: '1234',
      token: 't-1',
      authorization: 'Bearer t-2',
      cookie: 'steerkes_refresh=c-1',
      headers: { authorization: 'Bearer t-3' },
      body: { password: 'p-2' },
      route: '/api/v1/auth/login',
    });
    expect(JSON.parse(lines[0])).toEqual({
      level: 'warn',
      pid: process.pid,
      timestamp: expect.any(Number),
      message: 'careless',
      password: '[Redacted]',
      pin: '[Redacted]',
      token: '[Redacted]',
      authorization: '[Redacted]',
      cookie: '[Redacted]',
      headers: '[Redacted]',
      body: '[Redacted]',
      route: '/api/v1/auth/login',
    });
  });

  it('answers a logged-in caller with Cache-Control: no-store, errors and logins included', async () => {
    const volunteer = await createVolunteer(testApp.http, admin);
    const me = await testApp.http.get(`${API}/auth/me`).set(volunteer.member.auth).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const accounts = await testApp.http
      .get(`${API}/parties/${volunteer.partyId}/accounts`)
      .set(volunteer.member.auth)
      .expect(200);
    expect(accounts.headers['cache-control']).toBe('no-store');
    const refused = await testApp.http
      .post(`${API}/transfers`)
      .set(volunteer.member.auth)
      .set('Idempotency-Key', newKey())
      .send({})
      .expect(400);
    expect(refused.headers['cache-control']).toBe('no-store');
    const loggedIn = await testApp.http
      .post(`${API}/auth/login`)
      .send({ email: 'volunteer@steerkes.test', password: 'wrong-password-123' });
    expect(loggedIn.headers['cache-control']).toBe('no-store');
  });

  it('leaves public answers to anonymous callers cacheable', async () => {
    const health = await testApp.http.get(`${API}/health`).expect(200);
    expect(health.headers['cache-control']).toBeUndefined();
  });
});

describe('Story: the API documentation is off in production unless configured on', () => {
  it('reads SWAGGER_UI: off by default in production, on elsewhere, on when asked', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'k7#Pq9!zR2@xW5$mN8^vB3&cT6*yH1(dL4)',
      PIN_PEPPER: 'Zq4!vN8#rT2@wL6$kP9^mB3&xH7*cJ5(eD1)',
    };
    expect(loadConfiguration(production).swaggerUi).toBe(false);
    expect(loadConfiguration({ ...production, SWAGGER_UI: 'on' }).swaggerUi).toBe(true);
    expect(loadConfiguration({ NODE_ENV: 'development' }).swaggerUi).toBe(true);
    expect(loadConfiguration({ NODE_ENV: 'test', SWAGGER_UI: 'off' }).swaggerUi).toBe(false);
    expect(() => loadConfiguration({ NODE_ENV: 'test', SWAGGER_UI: 'yes' })).toThrow(/SWAGGER_UI/);
  });

  it('serves neither the Swagger UI nor the OpenAPI document when off', async () => {
    const testApp = await createTestApp({ demoData: false, environment: { SWAGGER_UI: 'off' } });
    try {
      await testApp.http.get('/api/docs').expect(404);
      await testApp.http.get('/api/docs-json').expect(404);
      await testApp.http.get(`${API}/health`).expect(200);
    } finally {
      await testApp.close();
    }
  });
});
