import { gzipSync } from 'node:zlib';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { login, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The HTTP layer answers as it did on Express, now that it runs on Fastify (configure-app.ts,
 * http-hooks.ts): what a client sends that is not quite JSON, how paths are matched, conditional
 * requests, the router's own refusals, the documentation.
 */
describe('Story: a client gets the same answers from the HTTP layer, whatever it sends', () => {
  let testApp: TestApp;
  let volunteer: Session;
  const credentials = JSON.stringify({ email: 'volunteer@steerkes.test', password: DEMO_PASSWORD });

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  // A session of its own for each test: one test revokes the volunteer's sessions.
  beforeEach(async () => {
    volunteer = await login(testApp.http, 'volunteer@steerkes.test');
  });
  afterAll(() => testApp.close());

  const loginWith = (headers: Record<string, string>, body: string) =>
    testApp.http.post('/api/v1/auth/login').set(headers).send(body);

  function expectProblem(
    response: { status: number; headers: Record<string, string>; body: { code?: string } },
    status: number,
    code: string,
  ) {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  }

  it('reads only application/json bodies: another content type leaves the body empty (a 400 naming the fields), never a 415', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/problem+json',
      'json',
    ]) {
      const response = await loginWith({ 'Content-Type': contentType }, credentials);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
      );
    }
    await loginWith({ 'Content-Type': 'APPLICATION/JSON; charset=UTF-8' }, credentials).expect(200);
  });

  it('inflates a gzip body, and refuses an unknown encoding or a charset other than UTF-8 with 415', async () => {
    // As bytes: superagent would serialize a Buffer from Jest's module realm as JSON.
    const gzipped = gzipSync(credentials);
    await testApp.http
      .post('/api/v1/auth/login')
      .set({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      .serialize(() => gzipped as unknown as string)
      .send(gzipped)
      .expect(200);
    expectProblem(
      await loginWith(
        { 'Content-Type': 'application/json', 'Content-Encoding': 'x-unknown' },
        credentials,
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(
      await loginWith({ 'Content-Type': 'application/json; charset=latin1' }, credentials),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('takes only an object or an array as JSON; an empty JSON body is an empty object', async () => {
    for (const body of ['123', '"text"', 'null'])
      expectProblem(
        await loginWith({ 'Content-Type': 'application/json' }, body),
        400,
        'MALFORMED_JSON',
      );
    const empty = await loginWith({ 'Content-Type': 'application/json' }, '');
    expectProblem(empty, 400, 'VALIDATION_FAILED');
  });

  it('takes a POST that needs no body with none, with an empty JSON body or with {}', async () => {
    const path = `/api/v1/users/${volunteer.userId}/sessions/revoke`;
    await testApp.http.post(path).set(volunteer.auth).expect(200);
    const again = await login(testApp.http, 'volunteer@steerkes.test');
    await testApp.http
      .post(path)
      .set(again.auth)
      .set('Content-Type', 'application/json')
      .send('')
      .expect(200);
    const third = await login(testApp.http, 'volunteer@steerkes.test');
    await testApp.http.post(path).set(third.auth).send({}).expect(200);
  });

  it('matches paths whatever the letter case and with a trailing slash; an id of any length reaches its validation', async () => {
    await testApp.http.get('/api/v1/health/').expect(200);
    await testApp.http.get('/API/V1/Health').expect(200);
    expectProblem(
      await testApp.http.get(`/api/v1/parties/${'a'.repeat(300)}`).set(volunteer.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers a path it cannot decode with a 400 problem, as every refusal', async () => {
    expectProblem(
      await testApp.http.get('/api/v1/parties/%E0%A4%A').set(volunteer.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await testApp.http.post('/api/v1/no-such-thing').send({ a: 1 }),
      404,
      'ROUTE_NOT_FOUND',
    );
    expectProblem(await testApp.http.get('/no-such-thing'), 404, 'ROUTE_NOT_FOUND');
  });

  it('gives every GET answer a weak ETag, and a matching If-None-Match a 304', async () => {
    const first = await testApp.http.get('/api/v1/auth/me').set(volunteer.auth).expect(200);
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    const unchanged = await testApp.http
      .get('/api/v1/auth/me')
      .set(volunteer.auth)
      .set('If-None-Match', first.headers.etag)
      .expect(304);
    expect(unchanged.text ?? '').toBe('');
    await testApp.http
      .get('/api/v1/auth/me')
      .set(volunteer.auth)
      .set('If-None-Match', 'W/"0-other"')
      .expect(200);
  });

  it('gives the answer to a POST no ETag: nothing revalidates it', async () => {
    const answer = await testApp.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.org', password: 'not-the-password' });
    expect(answer.status).toBe(401);
    expect(answer.headers.etag).toBeUndefined();
  });

  it('serves the Swagger UI, its files and the OpenAPI document', async () => {
    const page = await testApp.http.get('/api/docs').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('swagger-ui');
    expect(page.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    const init = await testApp.http.get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('/api/v1/auth/login');
    expect(
      (await testApp.http.get('/api/docs/swagger-ui.css').expect(200)).headers['content-type'],
    ).toMatch(/^text\/css/);
    expect((await testApp.http.get('/api/docs-json').expect(200)).body.openapi).toMatch(/^3\./);
  });
});
