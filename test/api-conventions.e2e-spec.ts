import { login, loginAllRoles, type Session } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('Story: a client gets clear problem responses and pages', () => {
  let testApp: TestApp;
  let admin: Session;

  beforeAll(async () => {
    testApp = await createTestApp();
    admin = await login(testApp.http, 'admin@steerkes.test');
  });
  afterAll(() => testApp.close());

  it('refuses unknown fields with 400 and names them, in Dutch when asked', async () => {
    const response = await testApp.http
      .post('/api/v1/parties')
      .set(admin.auth)
      .set('Accept-Language', 'nl-NL,nl;q=0.9')
      .send({
        kind: 'organisation',
        name: 'Schaakclub Heugem',
        district: 'zuid-oost',
        isAdmin: true,
      })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'Het verzoek is niet geldig.',
    });
    expect(response.body.errors).toEqual([
      { field: 'isAdmin', code: 'whitelistValidation', message: 'Dit veld is niet toegestaan.' },
    ]);
    const parties = await testApp.http.get('/api/v1/parties?limit=100').set(admin.auth).expect(200);
    expect(parties.body.items.map((party: { name: string }) => party.name)).not.toContain(
      'Schaakclub Heugem',
    );
  });

  it('answers in English by default', async () => {
    const response = await testApp.http
      .post('/api/v1/parties')
      .set(admin.auth)
      .send({ kind: 'club' })
      .expect(400);
    expect(response.body.detail).toBe('The request is not valid.');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'kind', code: 'isIn', message: 'Must be one of the allowed values.' },
        { field: 'name', code: 'isNotEmpty', message: 'This field must not be empty.' },
        { field: 'district', code: 'isIn', message: 'Must be one of the allowed values.' },
      ]),
    );
  });

  it('refuses text with a NUL character (which PostgreSQL cannot store) with 400, in the body and the query, writing nothing', async () => {
    const response = await testApp.http
      .post('/api/v1/parties')
      .set(admin.auth)
      .send({
        kind: 'institution',
        name: 'nul\u0000byte',
        district: 'noord-west',
        description: 'ok',
      })
      .expect(400);
    expect(response.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.errors).toEqual([
      {
        field: 'name',
        code: 'noNulCharacter',
        message: 'Must not contain the NUL character (U+0000).',
      },
    ]);
    const parties = await testApp.http.get('/api/v1/parties?limit=100').set(admin.auth).expect(200);
    expect(parties.body.items.map((party: { name: string }) => party.name)).not.toContain(
      'nul\u0000byte',
    );
    const search = await testApp.http
      .get('/api/v1/listings?q=koffie%00')
      .set(admin.auth)
      .expect(400);
    expect(search.body.errors).toEqual([
      expect.objectContaining({ field: 'q', code: 'noNulCharacter' }),
    ]);
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await testApp.http
      .post('/api/v1/parties')
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'nl')
      .send('{"kind": "organisation",')
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'MALFORMED_JSON',
      detail: 'De inhoud van het verzoek is geen geldige JSON.',
    });
  });

  it('refuses an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await testApp.http
      .post('/api/v1/parties')
      .set(admin.auth)
      .send({ kind: 'organisation', name: 'x'.repeat(200 * 1024), district: 'zuid-oost' })
      .expect(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await testApp.http.get('/api/v1/no-such-thing').set(admin.auth).expect(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('refuses a malformed id with 400 naming the field', async () => {
    const response = await testApp.http
      .get('/api/v1/parties/not-a-uuid')
      .set(admin.auth)
      .expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'id', code: 'isUuid' }),
    ]);
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const echoed = await testApp.http
      .get('/api/v1/health')
      .set('X-Request-Id', 'trace-123')
      .expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    const replaced = await testApp.http
      .get('/api/v1/health')
      .set('X-Request-Id', 'bad id with spaces <script>')
      .expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves health without a login', async () => {
    const response = await testApp.http.get('/api/v1/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', ledgerWritable: true });
  });

  it('pages through parties with a cursor, each party once, in a stable order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { body: { items: Array<{ id: string }>; nextCursor: string | null } } =
        await testApp.http
          .get('/api/v1/parties')
          .query({ limit: 5, ...(cursor ? { cursor } : {}) })
          .set(admin.auth)
          .expect(200);
      expect(response.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...response.body.items.map((party) => party.id));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const all = await testApp.http.get('/api/v1/parties?limit=100').set(admin.auth).expect(200);
    expect(all.body.nextCursor).toBeNull();
    expect(seen).toEqual(all.body.items.map((party: { id: string }) => party.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(seen.length / 5));
  });

  it('refuses a bad page size or cursor with 400', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'cursor=%25%25%25']) {
      const response = await testApp.http
        .get(`/api/v1/parties?${query}`)
        .set(admin.auth)
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('filters parties by kind and district', async () => {
    const response = await testApp.http
      .get('/api/v1/parties?kind=business&district=zuid-west-centrum')
      .set(admin.auth)
      .expect(200);
    expect(response.body.items.length).toBeGreaterThan(0);
    for (const party of response.body.items)
      expect(party).toMatchObject({ kind: 'business', district: 'zuid-west-centrum' });
  });

  it('serves the OpenAPI document with every endpoint and the problem schema', async () => {
    const response = await testApp.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(response.body.paths);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/me',
      '/api/v1/parties',
      '/api/v1/parties/{id}',
      '/api/v1/users',
      '/api/v1/health',
    ]) {
      expect(paths).toContain(path);
    }
    expect(response.body.components.schemas.ProblemDetailsDto).toBeDefined();
    expect(
      response.body.paths['/api/v1/parties'].post.responses['400'].content[
        'application/problem+json'
      ],
    ).toBeDefined();
  });
});

describe('Story: parties are visible only to those who belong to them', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('lets the admin create a party with its STK account, and nobody else', async () => {
    const sessions = await loginAllRoles(testApp.http);
    const body = { kind: 'organisation', name: 'Schaakclub Heugem', district: 'zuid-oost' };
    for (const role of ['treasurer', 'org_manager', 'business_operator', 'volunteer'] as const) {
      const refused = await testApp.http
        .post('/api/v1/parties')
        .set(sessions[role].auth)
        .send(body)
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    const before = await testApp.http
      .get('/api/v1/parties?limit=100')
      .set(sessions.admin.auth)
      .expect(200);
    expect(before.body.items.map((party: { name: string }) => party.name)).not.toContain(body.name);
    const created = await testApp.http
      .post('/api/v1/parties')
      .set(sessions.admin.auth)
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject(body);
    const accounts = await testApp.http
      .get(`/api/v1/parties/${created.body.id}/accounts`)
      .set(sessions.admin.auth)
      .expect(200);
    expect(accounts.body).toEqual([
      expect.objectContaining({
        currency: 'STK',
        balance: '0.00',
        minBalance: '0.00',
        status: 'open',
      }),
    ]);
  });

  it('shows a member only their own party; another party is 404', async () => {
    const sessions = await loginAllRoles(testApp.http);
    const own = await testApp.http.get('/api/v1/parties').set(sessions.volunteer.auth).expect(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0].id).toBe(sessions.volunteer.partyId);
    await testApp.http
      .get(`/api/v1/parties/${sessions.volunteer.partyId}`)
      .set(sessions.volunteer.auth)
      .expect(200);
    const other = await testApp.http
      .get(`/api/v1/parties/${sessions.org_manager.partyId}`)
      .set(sessions.volunteer.auth)
      .expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    await testApp.http
      .get(`/api/v1/parties/${sessions.org_manager.partyId}/accounts`)
      .set(sessions.volunteer.auth)
      .expect(404);
    const treasurerView = await testApp.http
      .get('/api/v1/parties?limit=100')
      .set(sessions.treasurer.auth)
      .expect(200);
    expect(treasurerView.body.items.length).toBeGreaterThan(20);
  });
});
