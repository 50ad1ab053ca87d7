import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { loadConfiguration } from '../src/config/configuration.js';
import { API, newKey } from './factories/ledger.js';
import { createVolunteer, issuePass } from './factories/passes.js';
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

  beforeAll(async () => {
    testApp = await createTestApp();
    admin = await login(testApp.http, 'admin@steerkes.test');
  });
  afterAll(() => testApp.close());

  it('logs the route template, never the pass number in the path', async () => {
    const volunteer = await createVolunteer(testApp.http, admin);
    const pass = await issuePass(testApp.http, volunteer.member, volunteer.partyId);
    const lines: unknown[] = [];
    const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      lines.push(message);
    });
    try {
      await testApp.http
        .get(`${API}/passes/${pass.number}/qr`)
        .set(volunteer.member.auth)
        .expect(200);
      await testApp.http.get(`${API}/passes/${pass.number}`).set(admin.auth).expect(200);
      await testApp.http.get(`${API}/no-such-route/${pass.number}`).expect(404);
    } finally {
      spy.mockRestore();
    }
    const text = JSON.stringify(lines);
    expect(text).not.toContain(pass.number);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: '/api/v1/passes/:number/qr', status: 200 }),
        expect.objectContaining({ route: '/api/v1/passes/:number', status: 200 }),
        expect.objectContaining({ route: null, status: 404 }),
      ]),
    );
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
