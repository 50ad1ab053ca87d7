import { randomUUID } from 'node:crypto';
import { Database } from '../../src/database/database.service.js';
import {
  Idempotency,
  IdempotencyKeyReusedError,
  IdempotencyKeyRequiredError,
  requestFingerprint,
} from '../../src/database/idempotency.js';
import { createTestContext, type TestContext } from '../support/test-context.js';

/** The one idempotency mechanism, on the real database: replay, refuse, remember nothing when told. */
describe('Idempotency.run', () => {
  let context: TestContext;
  let idempotency: Idempotency;
  let database: Database;

  beforeAll(async () => {
    context = await createTestContext();
    idempotency = context.app.get(Idempotency);
    database = context.app.get(Database);
  });
  afterAll(() => context.close());

  const records = () =>
    database.read(async (tx) =>
      Number(
        (await tx.sql.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM idempotency_records'))?.n,
      ),
    );

  /** An operation that counts how often it ran and answers a fresh id each time. */
  function counting() {
    const calls = { perform: 0, replay: 0 };
    const operation = {
      perform: async () => {
        calls.perform += 1;
        const id = randomUUID();
        return { result: `made ${id}`, stored: { kind: 'thing', id } };
      },
      replay: async (stored: { kind: string; id: string }) => {
        calls.replay += 1;
        return `made ${stored.id}`;
      },
    };
    return { calls, operation };
  }

  it('does the work once per key and replays the stored answer after that', async () => {
    const request = {
      scope: 'test',
      key: `user:u:${randomUUID()}`,
      fingerprint: requestFingerprint({ amount: '1.00' }),
    };
    const { calls, operation } = counting();
    const first = await idempotency.run(request, operation);
    const second = await idempotency.run(request, operation);
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ result: first.result, replayed: true });
    expect(calls).toEqual({ perform: 1, replay: 1 });
  });

  it('refuses the key with another request (409) and writes nothing', async () => {
    const key = `user:u:${randomUUID()}`;
    const { calls, operation } = counting();
    await idempotency.run(
      { scope: 'test', key, fingerprint: requestFingerprint({ amount: '1.00' }) },
      operation,
    );
    const before = await records();
    await expect(
      idempotency.run(
        { scope: 'test', key, fingerprint: requestFingerprint({ amount: '2.00' }) },
        operation,
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await records()).toBe(before);
    expect(calls.perform).toBe(1);
  });

  it('treats the same key in another scope as another request', async () => {
    const key = `user:u:${randomUUID()}`;
    const fingerprint = requestFingerprint({ amount: '1.00' });
    const { calls, operation } = counting();
    const a = await idempotency.run({ scope: 'test-a', key, fingerprint }, operation);
    const b = await idempotency.run({ scope: 'test-b', key, fingerprint }, operation);
    expect([a.replayed, b.replayed]).toEqual([false, false]);
    expect(calls.perform).toBe(2);
  });

  it('stores nothing for an answer not to replay, and nothing when the work fails', async () => {
    const before = await records();
    const key = `user:u:${randomUUID()}`;
    const fingerprint = requestFingerprint({});
    await idempotency.run(
      { scope: 'test', key, fingerprint },
      { perform: async () => ({ result: 'refused', stored: null }), replay: async () => 'never' },
    );
    await expect(
      idempotency.run(
        { scope: 'test', key, fingerprint },
        {
          perform: async () => {
            throw new Error('the record could not be saved');
          },
          replay: async () => 'never',
        },
      ),
    ).rejects.toThrow('the record could not be saved');
    expect(await records()).toBe(before);
  });

  it('refuses an empty key and one too long to store', async () => {
    const { operation } = counting();
    await expect(
      idempotency.run({ scope: 'test', key: '', fingerprint: 'f' }, operation),
    ).rejects.toBeInstanceOf(IdempotencyKeyRequiredError);
    await expect(
      idempotency.run({ scope: 'test', key: 'k'.repeat(400), fingerprint: 'f' }, operation),
    ).rejects.toBeInstanceOf(IdempotencyKeyRequiredError);
  });
});
