import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * The OpenAPI document tells the truth (issue 13): it states the limits the server enforces, who
 * may call each operation, and the problem responses the HTTP layer gives. `npm run lint:openapi`
 * checks the document against the OWASP rules; these tests check it against the server.
 */

interface Schema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  $ref?: string;
  items?: Schema;
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
}
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { headers?: Record<string, unknown> }>;
  security?: Array<Record<string, string[]>>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, { description?: string }>;
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operationsOf(document: Document): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        operation,
      ]),
  );
}

/** Every string schema a client sends (request bodies, through $refs, and parameters). */
function requestStrings(document: Document): Array<[string, Schema]> {
  const found: Array<[string, Schema]> = [];
  const seen = new Set<string>();
  const visit = (schema: unknown, where: string): void => {
    if (schema === null || typeof schema !== 'object') return;
    const node = schema as Schema;
    if (node.$ref) {
      const name = node.$ref.split('/').pop()!;
      if (seen.has(name)) return;
      seen.add(name);
      visit(document.components.schemas[name], name);
      return;
    }
    if (node.type === 'string') found.push([where, node]);
    for (const [key, value] of Object.entries(node)) visit(value, `${where}.${key}`);
  };
  for (const [name, operation] of operationsOf(document)) {
    visit(operation.requestBody, name);
    for (const parameter of operation.parameters ?? [])
      if (parameter.schema?.type === 'string')
        found.push([`${name} ${parameter.name}`, parameter.schema]);
  }
  return found;
}

describe('Story: the OpenAPI document states what the server enforces', () => {
  let testApp: TestApp;
  let document: Document;

  beforeAll(async () => {
    testApp = await createTestApp({ demoData: false });
    document = (await testApp.http.get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(() => testApp.close());

  it('states a maximum length for every string a client sends', () => {
    const unbounded = requestStrings(document)
      .filter(([, schema]) => schema.maxLength === undefined && schema.enum === undefined)
      .map(([where]) => where);
    expect(unbounded).toEqual([]);
  });

  it('refuses a string one longer than the maxLength the document states for it', async () => {
    const classes = new Map<string, new () => object>();
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, unknown>;
    };
    for (const target of storage.validationMetadatas.keys())
      if (typeof target === 'function') classes.set(target.name, target as new () => object);
    let checked = 0;
    const notRefused: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      const dto = classes.get(name);
      if (!dto) continue;
      for (const [property, field] of Object.entries(schema.properties ?? {})) {
        if (field.type !== 'string' || field.maxLength === undefined) continue;
        const instance = plainToInstance(dto, { [property]: 'a'.repeat(field.maxLength + 1) });
        const errors = await validate(instance, { forbidUnknownValues: false });
        checked += 1;
        if (!errors.some((error) => error.property === property))
          notRefused.push(`${name}.${property}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(notRefused).toEqual([]);
  });

  it('states ids as uuids, dates and moments with their format, the PIN with its pattern', () => {
    const schemas = document.components.schemas;
    expect(document.paths['/api/v1/parties/{id}'].get.parameters).toContainEqual({
      name: 'id',
      in: 'path',
      required: true,
      schema: { type: 'string', format: 'uuid', maxLength: 36 },
    });
    expect(schemas.TransferDto.properties!.fromAccountId).toMatchObject({
      format: 'uuid',
      maxLength: 36,
    });
    expect(schemas.TransferDto.properties!.effectiveDate).toMatchObject({
      format: 'date',
      maxLength: 10,
    });
    expect(schemas.TransferDto.properties!.amount).toMatchObject({ maxLength: 16 });
    expect(schemas.HoldDto.properties!.expiresAt).toMatchObject({
      format: 'date-time',
      maxLength: 40,
    });
    expect(schemas.RedeemDto.properties!.pin).toMatchObject({
      pattern: '^[0-9]{4,6}$',
      maxLength: 6,
    });
    expect(schemas.SetPinDto.properties!.pin).toMatchObject({ pattern: '^[0-9]{4,6}$' });
    const idempotencyKey = document.paths['/api/v1/transfers'].post.parameters!.find(
      (parameter) => parameter.name === 'Idempotency-Key',
    );
    expect(idempotencyKey?.schema).toMatchObject({ maxLength: 200 });
  });

  it('states the size of metadata and the weekdays of opening hours, nothing else', () => {
    const schemas = document.components.schemas;
    expect(schemas.TransferDto.properties!.metadata).toMatchObject({
      type: 'object',
      maxProperties: expect.any(Number) as number,
      additionalProperties: { oneOf: expect.any(Array) as unknown[] },
    });
    const openingHours = schemas.CreateListingDto.properties!.openingHours;
    expect(openingHours.additionalProperties).toBe(false);
    expect(Object.keys(openingHours.properties!)).toEqual([
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
      'sat',
      'sun',
    ]);
    expect(openingHours.properties!.mon).toMatchObject({ type: 'array', maxItems: 4 });
  });

  it('says who may call each operation: no one unauthenticated but on the public ones', () => {
    for (const [name, operation] of operationsOf(document)) {
      expect([name, operation.security]).toEqual([name, expect.any(Array)]);
    }
    const security = (path: string, method: string) => document.paths[path][method].security;
    expect(security('/api/v1/health', 'get')).toEqual([]);
    expect(security('/api/v1/public/organisations', 'get')).toEqual([]);
    expect(security('/api/v1/auth/login', 'post')).toEqual([]);
    expect(security('/api/v1/auth/refresh', 'post')).toEqual([{ steerkes_refresh: [] }]);
    expect(security('/api/v1/transfers', 'post')).toEqual([{ bearer: [] }]);
    expect(document.components.securitySchemes.bearer.description).toMatch(/RFC8725/);
  });

  it('states the refusals of the HTTP layer: 413, 503, 500, and Retry-After with a 429', () => {
    for (const [name, operation] of operationsOf(document)) {
      const statuses = Object.keys(operation.responses);
      expect([name, statuses]).toEqual([name, expect.arrayContaining(['500', '503'])]);
      if (operation.requestBody)
        expect([name, statuses]).toEqual([name, expect.arrayContaining(['413'])]);
      if (operation.responses['429'])
        expect([name, operation.responses['429'].headers]).toEqual([
          name,
          expect.objectContaining({ 'Retry-After': expect.any(Object) as object }),
        ]);
    }
    expect(document.paths['/api/v1/auth/login'].post.responses['429']).toBeDefined();
    expect(document.paths['/api/v1/redemptions'].post.responses['429']).toBeDefined();
  });

  it('answers a 429 with the Retry-After the document promises', async () => {
    const throttled = await createTestApp({
      demoData: false,
      environment: { LOGIN_ATTEMPTS_PER_MINUTE: '1' },
    });
    try {
      const attempt = () =>
        throttled.http
          .post('/api/v1/auth/login')
          .send({ email: 'nobody@steerkes.test', password: 'wrong-password-123' });
      await attempt();
      const refused = await attempt().expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await throttled.close();
    }
  });
});
