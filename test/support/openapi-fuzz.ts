import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { REFRESH_COOKIE_NAME } from '../../src/auth/refresh-cookie.js';
import type { Role } from '../../src/common/roles.js';
import type { Session } from '../factories/sessions.js';
import type { TestApp } from './test-app.js';

/* Helpers for test/fuzz-openapi.e2e-spec.ts: the operations of the OpenAPI document, plausible and
 * hostile inputs generated from their schemas, real demo ids for path parameters, and a snapshot of
 * the ledger and of every table's row count to prove a refused request wrote nothing. */

type Json = unknown;
export interface Schema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
  example?: unknown;
}
export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
        requestBody?: { content: Record<string, { schema: Schema }> };
        security?: unknown[];
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string; // OpenAPI path, e.g. /api/v1/accounts/{id}
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
  idempotencyKey: boolean;
  body: Schema | null;
  /** Needs a bearer token. */
  secured: boolean;
  /** Takes the login session's refresh cookie. */
  refreshCookie: boolean;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = op.parameters ?? [];
      operations.push({
        method: method as Operation['method'],
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        idempotencyKey: parameters.some(
          (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
        ),
        body: op.requestBody?.content['application/json']?.schema ?? null,
        secured: JSON.stringify(op.security ?? []).includes('"bearer"'),
        refreshCookie: JSON.stringify(op.security ?? []).includes(`"${REFRESH_COOKIE_NAME}"`),
      });
    }
  }
  return operations;
}

export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; depth < 10; depth += 1) {
    if (current.$ref) current = doc.components.schemas[current.$ref.split('/').pop() as string];
    else if (current.allOf?.length === 1)
      current = { ...current, ...resolve(doc, current.allOf[0]), allOf: undefined };
    else return current;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const KB10 = 'A'.repeat(10 * 1024);
export const HOSTILE_CONSTANTS: Json[] = [
  "' OR 1=1 --",
  "'; DROP TABLE postings; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '\u0000',
  'nul\u0000byte',
  '😀💸🏦',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  '𝕊𝕥𝕖𝕖𝕣𝕜𝕖𝕤',
  '../../../etc/passwd',
  '%00%27',
  '${7*7}{{7*7}}',
  '__proto__',
  '',
  ' ',
  KB10,
  '12.345',
  '-1.00',
  '1e9',
  '1e400',
  '0.001',
  '-0',
  '00.10',
  '1,50',
  'NaN',
  'Infinity',
  '999999999999999999999999.99',
  '1000000000.01',
  1.5,
  -1,
  0,
  -0.01,
  1e308,
  -1e308,
  // eslint-disable-next-line no-loss-of-precision -- on purpose: one past 2^53, where JSON numbers lose precision
  9007199254740993,
  Number.MAX_SAFE_INTEGER,
  true,
  false,
  null,
  [],
  {},
  [1, 2, 3],
  { $gt: '' },
  JSON.parse('{"__proto__": {"admin": true}}'),
  { constructor: { prototype: { polluted: true } } },
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '0000-00-00',
  '2026-11-28T25:61',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** Path and query strings: hostile text that a URL can carry (Node refuses raw control bytes). */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      ...HOSTILE_CONSTANTS.filter((v): v is string => typeof v === 'string' && v.length < 2000),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'A'.repeat(1500),
      '-1',
      '0',
      '1.5',
      '1e9',
      '99999999999999999999',
      'true',
      'null',
      '[]',
    ),
  },
);

/** Header-safe (latin-1, no control characters) hostile strings. */
export const hostileHeader: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '<script>',
    'x'.repeat(8000),
    '',
    ' ',
    '../../',
    '%00',
    '${jndi:ldap://x}',
  ),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 60,
  }),
);

// ---------------------------------------------------------------------------------------------
// Plausible values (so that a single hostile field reaches deep into the handler)

export interface IdPools {
  byResource: Record<string, string[]>; // 'accounts' → real account ids, …
  all: string[];
  passNumbers: string[];
}

const AMOUNTS = ['1.00', '12.50', '0.01', '5', '100.00'];

function plausibleString(name: string, schema: Schema, pools: IdPools): fc.Arbitrary<Json> {
  const lower = name.toLowerCase();
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.format === 'uuid' || lower.endsWith('id')) {
    const resource = lower.includes('account')
      ? 'accounts'
      : lower.includes('offer')
        ? 'offers'
        : lower.includes('listing')
          ? 'listings'
          : 'parties';
    const pool = pools.byResource[resource]?.length ? pools.byResource[resource] : pools.all;
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...pool) },
      { weight: 1, arbitrary: fc.uuid() },
    );
  }
  if (schema.pattern?.includes('[0-9]') && schema.pattern.includes('\\.')) {
    return schema.pattern.startsWith('^-?')
      ? fc.constantFrom(...AMOUNTS, '-1.00', '-12.50')
      : fc.constantFrom(...AMOUNTS);
  }
  if (lower.includes('pass'))
    return pools.passNumbers.length
      ? fc.constantFrom(...pools.passNumbers)
      : fc.constant('441709236618');
  if (lower === 'pin') return fc.constantFrom('4821', '0000', '12');
  if (lower.includes('email'))
    return fc.constantFrom('fuzz@example.test', 'volunteer@steerkes.test');
  if (lower.includes('password')) return fc.constantFrom('steerkes-demo', 'wrong-password-123');
  if (schema.format === 'date-time' || lower.endsWith('at'))
    return fc.constantFrom('2026-11-28T10:00', '2026-11-28T12:00', '2026-12-01T17:00:00Z');
  if (
    lower.includes('date') ||
    lower.startsWith('valid') ||
    lower === 'from' ||
    lower === 'to' ||
    lower === 'asof'
  )
    return fc.constantFrom('2026-11-20', '2026-11-23', '2026-12-01');
  if (lower === 'year') return fc.constantFrom('2026', '2025');
  if (lower === 'period') return fc.constantFrom('2026-10', '2026-11');
  if (typeof schema.example === 'string')
    return fc.oneof(fc.constant(schema.example), fc.string({ minLength: 1, maxLength: 20 }));
  return fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 30, 30) });
}

export function plausible(
  doc: OpenApiDocument,
  raw: Schema,
  pools: IdPools,
  name = '',
  depth = 0,
): fc.Arbitrary<Json> {
  const schema = resolve(doc, raw);
  if (depth > 4) return fc.constant(null);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return plausibleString(name, schema, pools);
    case 'number':
    case 'integer': {
      const min = schema.minimum ?? 0;
      const max = Math.min(schema.maximum ?? min + 10, min + 10);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = Math.max(schema.minItems ?? 0, 1);
      return fc.array(plausible(doc, schema.items ?? {}, pools, name, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, 2),
      });
    }
    case 'object':
    default: {
      if (!schema.properties) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<Json>> = {};
      for (const [key, sub] of Object.entries(schema.properties))
        record[key] = plausible(doc, sub, pools, key, depth + 1);
      const requiredKeys = [...required].filter((key) => key in record);
      return fc.record(record, { requiredKeys });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile bodies

export type BodyCase =
  | { kind: 'json'; mutation: string; value: Json }
  | { kind: 'malformed'; raw: string }
  | { kind: 'oversized'; raw: string }
  | { kind: 'none' };

const MALFORMED = [
  '{"a":',
  '{',
  '[',
  '{"amount": 1,}',
  "{'a': 1}",
  'undefined',
  '{"a":1}{"b":2}',
  'NaN',
  '\u0000',
  '{"a":"\\x"}',
  '<xml/>',
  '{"a":01}',
];

/** Paths of every (nested) property in a plausible body, for targeted mutations. */
function mutateAt(
  value: Json,
  path: string[],
  change: (parent: Record<string, Json>, key: string) => void,
): Json {
  const copy = structuredClone(value) as Record<string, Json>;
  let parent: Record<string, Json> = copy;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    if (next === null || typeof next !== 'object') return copy;
    parent = next as Record<string, Json>;
  }
  change(parent, path[path.length - 1]);
  return copy;
}

function leafPaths(value: Json, prefix: string[] = [], depth = 0): string[][] {
  if (value === null || typeof value !== 'object' || depth > 4) return [];
  const paths: string[][] = [];
  for (const [key, sub] of Object.entries(value as Record<string, Json>)) {
    paths.push([...prefix, key]);
    paths.push(...leafPaths(sub, [...prefix, key], depth + 1));
  }
  return paths;
}

/** bodyLimitBytes: the largest body the endpoint takes (an oversized case is over it, up to three times). */
export function bodyCase(
  doc: OpenApiDocument,
  schema: Schema | null,
  pools: IdPools,
  bodyLimitBytes: number,
): fc.Arbitrary<BodyCase> {
  if (!schema) {
    // No body expected: usually none, sometimes a stray or malformed one.
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant<BodyCase>({ kind: 'none' }) },
      {
        weight: 1,
        arbitrary: hostileValue
          .filter((v) => v !== null && typeof v === 'object')
          .map((value): BodyCase => ({ kind: 'json', mutation: 'unexpected body', value })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...MALFORMED)
          .map((raw): BodyCase => ({ kind: 'malformed', raw })),
      },
    );
  }
  const base = plausible(doc, schema, pools);
  const resolved = resolve(doc, schema);
  const required = resolved.required ?? [];
  return fc.oneof(
    // one field (maybe nested) replaced by a hostile value
    {
      weight: 8,
      arbitrary: fc.tuple(base, fc.nat(), hostileValue).map(([value, index, hostile]): BodyCase => {
        const paths = leafPaths(value);
        if (paths.length === 0)
          return { kind: 'json', mutation: 'hostile whole body', value: hostile };
        const path = paths[index % paths.length];
        return {
          kind: 'json',
          mutation: `hostile ${path.join('.')}`,
          value: mutateAt(value, path, (parent, key) => {
            parent[key] = hostile;
          }),
        };
      }),
    },
    // a required field missing
    {
      weight: 2,
      arbitrary: fc.tuple(base, fc.nat()).map(([value, index]): BodyCase => {
        if (required.length === 0) return { kind: 'json', mutation: 'empty body', value: {} };
        const key = required[index % required.length];
        const copy = { ...(value as Record<string, Json>) };
        delete copy[key];
        return { kind: 'json', mutation: `missing ${key}`, value: copy };
      }),
    },
    // an extra field
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          base,
          fc.constantFrom(
            'isAdmin',
            'role',
            'balance',
            'id',
            '__proto__',
            'partyId',
            'createdBy',
            'x',
          ),
          hostileValue,
        )
        .map(([value, key, extra]): BodyCase => ({
          kind: 'json',
          mutation: `extra ${key}`,
          value: Object.assign(
            {},
            value as object,
            JSON.parse(JSON.stringify({ [key]: extra ?? null })),
          ),
        })),
    },
    // the whole body of the wrong type
    {
      weight: 1,
      arbitrary: hostileValue.map((value): BodyCase => ({
        kind: 'json',
        mutation: 'hostile whole body',
        value,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...MALFORMED).map((raw): BodyCase => ({ kind: 'malformed', raw })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: bodyLimitBytes + 1024, max: 3 * bodyLimitBytes })
        .map((size): BodyCase => ({
          kind: 'oversized',
          raw: JSON.stringify({ description: 'x'.repeat(size) }),
        })),
    },
    // a plausible body: may succeed, which is fine
    {
      weight: 1,
      arbitrary: base.map((value): BodyCase => ({ kind: 'json', mutation: 'plausible', value })),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Demo ids

export async function collectDemoIds(
  http: TestAgent,
  sessions: Record<Role, Session>,
): Promise<IdPools> {
  const byResource: Record<string, Set<string>> = {};
  const add = (resource: string, id: unknown) => {
    if (typeof id !== 'string') return;
    (byResource[resource] ??= new Set()).add(id);
  };
  const get = async (url: string, session: Session) => {
    const response = await http.get(url).set(session.auth);
    return response.status === 200 ? (response.body as Record<string, unknown>) : {};
  };
  const items = (body: Record<string, unknown>) =>
    Array.isArray(body.items) ? (body.items as Array<Record<string, unknown>>) : [];
  const { treasurer, admin } = sessions;

  const trial = await get('/api/v1/treasury/trial-balance', treasurer);
  for (const group of (trial.groups as Array<{
    accounts: Array<{ accountId: string; partyId: string }>;
  }>) ?? []) {
    for (const account of group.accounts) {
      add('accounts', account.accountId);
      add('statements', account.accountId);
      add('parties', account.partyId);
    }
  }
  for (const party of items(await get('/api/v1/parties?limit=100', admin))) {
    add('parties', party.id);
    if (party.kind === 'organisation') add('organisations', party.id);
  }
  for (const session of Object.values(sessions))
    if (session.partyId) add('parties', session.partyId);
  for (const accountId of [...(byResource.accounts ?? [])].slice(0, 6)) {
    for (const posting of items(
      await get(`/api/v1/accounts/${accountId}/postings?limit=20`, treasurer),
    ))
      add('entries', posting.entryId);
  }
  const lists: Array<[string, string, Session[]]> = [
    [
      'time-claims',
      '/api/v1/time-claims?limit=50',
      [treasurer, admin, sessions.org_manager, sessions.volunteer],
    ],
    ['passes', '/api/v1/passes?limit=50', [treasurer, admin, sessions.volunteer]],
    ['offers', '/api/v1/offers?limit=50', [treasurer]],
    ['offers', '/api/v1/offers/managed?limit=50', [sessions.business_operator, admin]],
    [
      'redemptions',
      '/api/v1/redemptions?limit=50',
      [treasurer, admin, sessions.business_operator, sessions.volunteer],
    ],
    ['listings', '/api/v1/listings?limit=50', [treasurer, sessions.org_manager]],
    ['bookings', '/api/v1/bookings?limit=50', [admin, sessions.org_manager]],
  ];
  const passNumbers = new Set<string>();
  for (const [resource, url, readers] of lists) {
    for (const reader of readers) {
      for (const item of items(await get(url, reader))) {
        add(resource, item.id);
        if (resource === 'passes' && typeof item.number === 'string') passNumbers.add(item.number);
      }
    }
  }
  const pools = Object.fromEntries(Object.entries(byResource).map(([key, set]) => [key, [...set]]));
  return {
    byResource: pools,
    all: [...new Set(Object.values(pools).flat())],
    passNumbers: [...passNumbers],
  };
}

/** A value for a path parameter: a real id from the demo, a random one, or garbage. */
export function pathValue(
  operation: Operation,
  param: string,
  pools: IdPools,
): fc.Arbitrary<string> {
  const segments = operation.path.split('/');
  const resource = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
  const real: string[] =
    param === 'number'
      ? pools.passNumbers
      : param === 'year'
        ? ['2026', '2025', '2027']
        : param === 'period'
          ? ['2026-10', '2026-11', '2026-12', '2025-01']
          : param === 'blockedPeriodId'
            ? []
            : (pools.byResource[resource] ?? []);
  const choices: Array<{ weight: number; arbitrary: fc.Arbitrary<string> }> = [
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileText },
  ];
  if (real.length > 0) choices.push({ weight: 5, arbitrary: fc.constantFrom(...real) });
  return fc.oneof(...choices).map((value) => encodeURIComponent(value));
}

export function queryValue(
  param: { name: string; schema: Schema },
  pools: IdPools,
): fc.Arbitrary<string | undefined> {
  const plausibleValue = plausible(
    { paths: {}, components: { schemas: {} } },
    param.schema,
    pools,
    param.name,
  ).map((v) => String(v));
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: plausibleValue },
    { weight: 3, arbitrary: hostileText },
  );
}

// ---------------------------------------------------------------------------------------------
// Snapshot: what a refused request must not have changed

export interface Snapshot {
  trialBalance: unknown;
  reconciliation: { ok: boolean; checked: unknown };
  rows: Record<string, number>;
}

export async function tableNames(testApp: TestApp): Promise<string[]> {
  const dataSource = testApp.app.get(DataSource);
  const rows: Array<{ name: string }> =
    dataSource.options.type === 'postgres'
      ? await dataSource.query(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      : await dataSource.query(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
        );
  return rows
    .map((row) => row.name)
    .filter((name) => !WRITTEN_BY_THE_SNAPSHOTS_CHECK.has(name))
    .sort();
}

/**
 * Rows the snapshot's own integrity check writes (each run is kept for the treasurer's dashboard,
 * and a clean one leaves a verified checkpoint): they change with every snapshot, whatever the
 * request in between did.
 */
const WRITTEN_BY_THE_SNAPSHOTS_CHECK: ReadonlySet<string> = new Set([
  'treasury_integrity_checks',
  'ledger_integrity_checkpoints',
  'ledger_integrity_checkpoint_sums',
]);

export async function snapshot(
  testApp: TestApp,
  treasurer: Session,
  tables: string[],
): Promise<Snapshot> {
  const [trial, reconciliation] = await Promise.all([
    testApp.http.get('/api/v1/treasury/trial-balance').set(treasurer.auth),
    testApp.http.get('/api/v1/treasury/reconciliation').set(treasurer.auth),
  ]);
  if (trial.status !== 200 || reconciliation.status !== 200)
    throw new Error(`snapshot failed: ${trial.status} ${reconciliation.status}`);
  const dataSource = testApp.app.get(DataSource);
  const union = tables
    .map((table) => `SELECT '${table}' AS name, COUNT(*) AS n FROM "${table}"`)
    .join(' UNION ALL ');
  const counts: Array<{ name: string; n: number | string }> = await dataSource.query(union);
  return {
    trialBalance: trial.body,
    reconciliation: { ok: reconciliation.body.ok, checked: reconciliation.body.checked },
    rows: Object.fromEntries(counts.map((row) => [row.name, Number(row.n)])),
  };
}

export const freshKey = () => `fuzz-${randomUUID()}`;
