import fc from 'fast-check';
import type { Role } from '../src/common/roles.js';
import { REFRESH_COOKIE_NAME } from '../src/auth/refresh-cookie.js';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { DEMO_EMAIL, loginAllRoles, type Session } from './factories/sessions.js';
import {
  bodyCase,
  type BodyCase,
  collectDemoIds,
  freshKey,
  hostileHeader,
  type IdPools,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  pathValue,
  queryValue,
  snapshot,
  type Snapshot,
  tableNames,
} from './support/openapi-fuzz.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * Hostile input over every operation of the OpenAPI document (issue 7). Each operation gets
 * FUZZ_RUNS generated requests (default 8): wrong types, missing and extra fields, huge strings
 * and numbers, negative and over-precise amounts, unicode and injection strings, oversized bodies,
 * malformed JSON, garbage path and query values, hostile Idempotency-Keys, no or a bogus token.
 * Not a single 5xx; every 4xx is application/problem+json with a `code`; after every refused
 * request (and after every GET) the trial balance, the reconciliation counts and the row count of
 * every table are unchanged. Reproduce a run with FUZZ_SEED=<the seed printed>.
 */

const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 8;
const ROLES: Role[] = ['admin', 'treasurer', 'org_manager', 'business_operator', 'volunteer'];
type Caller = Role | 'anonymous' | 'bogus-token';

interface Trial {
  caller: Caller;
  pathValues: Record<string, string>;
  query: Record<string, string | undefined>;
  body: BodyCase;
  idempotencyKey: { kind: 'fresh' } | { kind: 'missing' } | { kind: 'hostile'; value: string };
  /** Only for the endpoints that take the login session's cookie: none, a hostile value, or a real one just made by a login. */
  refreshCookie: { kind: 'none' } | { kind: 'hostile'; value: string } | { kind: 'fresh' };
  language: string;
}

interface Violation {
  operation: string;
  url: string;
  caller: Caller;
  mutation: string;
  body: string;
  status: number;
  problem: string;
  response: string;
}

const excerpt = (value: unknown, max = 300) => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
};

describe('Fuzz: hostile input on every endpoint of the OpenAPI document', () => {
  let testApp: TestApp;
  let doc: OpenApiDocument;
  let operations: Operation[];
  let sessions: Record<Role, Session>;
  let pools: IdPools;
  let tables: string[];
  const allowed = new Map<Operation, Caller[]>();
  const violations: Violation[] = [];
  const statusCounts: Record<string, number> = {};

  beforeAll(async () => {
    console.log(`fuzz-openapi: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    testApp = await createTestApp();
    doc = (await testApp.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    operations = operationsOf(doc);
    sessions = await loginAllRoles(testApp.http);
    pools = await collectDemoIds(testApp.http, sessions);
    tables = await tableNames(testApp);
  }, 30_000);
  afterAll(() => testApp?.close());

  function urlOf(operation: Operation, pathValues: Record<string, string>): string {
    return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name] ?? 'x');
  }

  async function send(operation: Operation, trial: Trial, freshCookie?: string) {
    let url = urlOf(operation, trial.pathValues);
    const query = Object.entries(trial.query).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    );
    if (query.length > 0) url += `?${new URLSearchParams(query).toString()}`;
    let request = testApp.http[operation.method](url).set('Accept-Language', trial.language);
    if (trial.caller === 'bogus-token')
      request = request.set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.bogus');
    else if (trial.caller !== 'anonymous') request = request.set(sessions[trial.caller].auth);
    if (operation.idempotencyKey && trial.idempotencyKey.kind !== 'missing') {
      request = request.set(
        'Idempotency-Key',
        trial.idempotencyKey.kind === 'fresh' ? freshKey() : trial.idempotencyKey.value,
      );
    }
    if (operation.refreshCookie && trial.refreshCookie.kind !== 'none') {
      const value =
        trial.refreshCookie.kind === 'hostile'
          ? trial.refreshCookie.value
          : (freshCookie ?? (await freshRefreshToken()));
      request = request.set('Cookie', `${REFRESH_COOKIE_NAME}=${encodeURIComponent(value)}`);
    }
    const body = trial.body;
    let sent = '';
    if (body.kind === 'json') {
      sent = JSON.stringify(body.value) ?? 'null';
      request = request.set('Content-Type', 'application/json').send(sent);
    } else if (body.kind === 'malformed' || body.kind === 'oversized') {
      sent = body.raw;
      request = request.set('Content-Type', 'application/json').send(sent);
    }
    const response = await request;
    return { url, sent, response };
  }

  /** A refresh token of a new session of the demo volunteer: the login's cookie. */
  async function freshRefreshToken(): Promise<string> {
    const response = await testApp.http
      .post('/api/v1/auth/login')
      .send({ email: DEMO_EMAIL.volunteer, password: DEMO_PASSWORD })
      .expect(200);
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((candidate) =>
      candidate.startsWith(`${REFRESH_COOKIE_NAME}=`),
    )!;
    return decodeURIComponent(cookie.slice(REFRESH_COOKIE_NAME.length + 1).split(';')[0]);
  }

  /** Runs one request and checks everything the issue asks; returns the new baseline. */
  async function check(operation: Operation, trial: Trial, baseline: Snapshot): Promise<Snapshot> {
    let before = baseline;
    let freshCookie: string | undefined;
    if (operation.refreshCookie && trial.refreshCookie.kind === 'fresh') {
      // The login that makes the cookie writes a session: the baseline is taken after it.
      freshCookie = await freshRefreshToken();
      before = await snapshot(testApp, sessions.treasurer, tables);
    }
    const { url, sent, response } = await send(operation, trial, freshCookie);
    const name = `${operation.method.toUpperCase()} ${operation.path}`;
    statusCounts[response.status] = (statusCounts[response.status] ?? 0) + 1;
    const mutation = trial.body.kind === 'json' ? trial.body.mutation : trial.body.kind;
    const record = (problem: string) =>
      violations.push({
        operation: name,
        url: excerpt(url, 200),
        caller: trial.caller,
        mutation,
        body: excerpt(sent),
        status: response.status,
        problem,
        response: excerpt(response.text),
      });

    if (response.status >= 500) record('5xx');
    if (response.status >= 400) {
      if (!/^application\/problem\+json/.test(response.headers['content-type'] ?? ''))
        record('4xx/5xx without application/problem+json');
      else if (typeof response.body?.code !== 'string' || response.body.code.length === 0)
        record('problem without a code');
    }
    if (
      trial.body.kind === 'oversized' &&
      !(response.status === 413 && response.body?.code === 'PAYLOAD_TOO_LARGE')
    )
      record('oversized body not 413 PAYLOAD_TOO_LARGE');
    if (
      trial.body.kind === 'malformed' &&
      !(response.status === 400 && response.body?.code === 'MALFORMED_JSON')
    )
      record('malformed JSON not 400 MALFORMED_JSON');

    const refused = response.status >= 400;
    if (!refused && operation.method !== 'get')
      return snapshot(testApp, sessions.treasurer, tables); // a write that succeeded: new baseline
    const after = await snapshot(testApp, sessions.treasurer, tables);
    if (!after.reconciliation.ok) record('reconciliation not ok after the request');
    const changed: string[] = [];
    if (JSON.stringify(after.trialBalance) !== JSON.stringify(before.trialBalance))
      changed.push('trial balance');
    if (JSON.stringify(after.reconciliation) !== JSON.stringify(before.reconciliation))
      changed.push('reconciliation counts');
    for (const table of tables)
      if (after.rows[table] !== before.rows[table])
        changed.push(`rows of ${table}: ${before.rows[table]} → ${after.rows[table]}`);
    if (changed.length > 0)
      record(`${refused ? 'refused request' : 'GET'} changed ${changed.join(', ')}`);
    return after;
  }

  /** The batch endpoint takes larger bodies than the rest (configure-app.ts). */
  function bodyLimitOf(operation: Operation): number {
    const { bodySizeLimitBytes, batchBodySizeLimitBytes } = testApp.configuration;
    return operation.method === 'post' && operation.path === '/api/v1/transfers/batch'
      ? batchBodySizeLimitBytes
      : bodySizeLimitBytes;
  }

  function trialOf(operation: Operation): fc.Arbitrary<Trial> {
    const callers = allowed.get(operation) ?? ROLES;
    const pathRecord: Record<string, fc.Arbitrary<string>> = {};
    for (const param of operation.pathParams)
      pathRecord[param] = pathValue(operation, param, pools);
    const queryRecord: Record<string, fc.Arbitrary<string | undefined>> = {};
    for (const param of operation.queryParams) queryRecord[param.name] = queryValue(param, pools);
    return fc.record({
      caller: fc.oneof(
        { weight: 10, arbitrary: fc.constantFrom<Caller>(...callers) },
        { weight: 1, arbitrary: fc.constantFrom<Caller>('anonymous', 'bogus-token', ...ROLES) },
      ),
      pathValues: fc.record(pathRecord),
      query: fc.record(queryRecord),
      body: bodyCase(doc, operation.body, pools, bodyLimitOf(operation)),
      idempotencyKey: fc.oneof(
        { weight: 6, arbitrary: fc.constant<Trial['idempotencyKey']>({ kind: 'fresh' }) },
        { weight: 1, arbitrary: fc.constant<Trial['idempotencyKey']>({ kind: 'missing' }) },
        {
          weight: 1,
          arbitrary: hostileHeader.map((value): Trial['idempotencyKey'] => ({
            kind: 'hostile',
            value,
          })),
        },
      ),
      refreshCookie: fc.oneof(
        { weight: 2, arbitrary: fc.constant<Trial['refreshCookie']>({ kind: 'fresh' }) },
        { weight: 1, arbitrary: fc.constant<Trial['refreshCookie']>({ kind: 'none' }) },
        {
          weight: 2,
          arbitrary: hostileHeader.map((value): Trial['refreshCookie'] => ({
            kind: 'hostile',
            value,
          })),
        },
      ),
      language: fc.constantFrom('en', 'nl', 'nl-NL,nl;q=0.9', '*', 'xx-ÿÿ'.replace(/ÿ/g, 'y'), ''),
    });
  }

  it('finds every operation of the document, public and secured', () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const path of [
      '/api/v1/transfers',
      '/api/v1/redemptions',
      '/api/v1/bookings',
      '/api/v1/treasury/issue',
      '/api/v1/time-claims',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
    ]) {
      expect(
        operations.some((operation) => operation.path === path && operation.method === 'post'),
      ).toBe(true);
    }
    expect(
      operations
        .filter((operation) => operation.refreshCookie)
        .map((operation) => operation.path)
        .sort(),
    ).toEqual(['/api/v1/auth/logout', '/api/v1/auth/refresh']);
    expect(
      operations.some(
        (operation) => operation.path === '/api/v1/public/organisations' && !operation.secured,
      ),
    ).toBe(true);
    expect(pools.byResource.accounts?.length).toBeGreaterThan(5);
    expect(pools.byResource.entries?.length).toBeGreaterThan(0);
    expect(pools.passNumbers.length).toBeGreaterThan(0);
  });

  it('answers no 5xx, only problem+json 4xx, and writes nothing when it refuses', async () => {
    const started = Date.now();
    let baseline = await snapshot(testApp, sessions.treasurer, tables);
    expect(baseline.reconciliation.ok).toBe(true);

    // Which callers get past the role guard: an empty request as each role (a 403 comes before validation).
    for (const operation of operations) {
      const callers: Caller[] = [];
      for (const role of ROLES) {
        const trial: Trial = {
          caller: role,
          pathValues: Object.fromEntries(
            operation.pathParams.map((param) => [param, '00000000-0000-4000-8000-000000000000']),
          ),
          query: {},
          body: operation.body
            ? { kind: 'json', mutation: 'empty body (probe)', value: {} }
            : { kind: 'none' },
          idempotencyKey: { kind: 'fresh' },
          refreshCookie: { kind: 'none' },
          language: 'en',
        };
        const { response } = await send(operation, trial);
        if (response.status !== 403) callers.push(role);
        baseline = await check(operation, trial, baseline);
      }
      if (!operation.secured) callers.push('anonymous');
      allowed.set(operation, callers.length > 0 ? callers : ROLES);
    }

    let index = 0;
    for (const operation of operations) {
      index += 1;
      await fc.assert(
        fc.asyncProperty(trialOf(operation), async (trial) => {
          baseline = await check(operation, trial, baseline);
          return true; // violations are collected, so one run reports all of them
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
    }

    const final = await testApp.http
      .get('/api/v1/treasury/reconciliation')
      .set(sessions.treasurer.auth)
      .expect(200);

    console.log(
      `fuzz-openapi: seed ${SEED}, ${operations.length} operations × ${RUNS} runs (+ ${operations.length * ROLES.length} role probes) in ${Date.now() - started} ms; ` +
        `statuses ${JSON.stringify(statusCounts)}; ${violations.length} violations`,
    );
    if (violations.length > 0) {
      console.log(
        `fuzz-openapi violations (FUZZ_SEED=${SEED}):\n${violations.map((v) => JSON.stringify(v)).join('\n')}`,
      );
    }
    expect(final.body).toMatchObject({ ok: true, discrepancies: [] });
    expect(violations).toEqual([]);
  }, 120_000);
});
