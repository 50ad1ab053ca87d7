import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DEMO_EMAIL, login } from './factories/sessions.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';

/**
 * Issue 13: login throttling that holds behind a reverse proxy, per address across e-mails, and
 * shared by several instances through Redis (the one rate-limit mechanism, common/rate-limits.ts,
 * which the redemption limit uses too).
 */
const API = '/api/v1';
const JWT_SECRET = 'Zq3vN8xL2pW7rT5yK9mB4cF6hJ1dG0sA-shared';
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A documentation address (RFC 5737) of its own per call: counts of earlier runs never meet it. */
function freshAddress(): string {
  const [a, b] = randomBytes(2);
  return `198.51.${a}.${b === 0 ? 1 : b}`;
}

function attemptLogin(testApp: TestApp, email: string, forwardedFor?: string) {
  const request = testApp.http.post(`${API}/auth/login`);
  if (forwardedFor) request.set('X-Forwarded-For', forwardedFor);
  return request.send({ email, password: 'wrong-password-1' });
}

function expectThrottled(response: {
  status: number;
  body: { code?: string };
  headers: Record<string, string>;
}) {
  expect({ status: response.status, code: response.body.code }).toEqual({
    status: 429,
    code: 'RATE_LIMITED',
  });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('Story: an attacker guesses passwords from one address, behind or around the proxy', () => {
  it('ignores X-Forwarded-For from a peer that is no trusted proxy: the socket address is counted', async () => {
    const testApp = await createTestApp({
      demoData: false,
      environment: { LOGIN_ATTEMPTS_PER_MINUTE: '3' },
    });
    try {
      const email = `doelwit-${randomUUID().slice(0, 8)}@example.nl`;
      for (let attempt = 0; attempt < 3; attempt += 1)
        expect((await attemptLogin(testApp, email, freshAddress())).status).toBe(401);
      expectThrottled(await attemptLogin(testApp, email, freshAddress()));
    } finally {
      await testApp.close();
    }
  });

  it('believes X-Forwarded-For from a trusted proxy: each client is counted apart', async () => {
    const testApp = await createTestApp({
      demoData: false,
      environment: { LOGIN_ATTEMPTS_PER_MINUTE: '3', TRUSTED_PROXIES: 'loopback' },
    });
    try {
      const email = `doelwit-${randomUUID().slice(0, 8)}@example.nl`;
      const attacker = freshAddress();
      for (let attempt = 0; attempt < 3; attempt += 1)
        expect((await attemptLogin(testApp, email, attacker)).status).toBe(401);
      expectThrottled(await attemptLogin(testApp, email, attacker));
      // Another client behind the same proxy is not locked out by the attacker.
      expect((await attemptLogin(testApp, email, freshAddress())).status).toBe(401);
    } finally {
      await testApp.close();
    }
  });

  it('limits one address across e-mails (LOGINS_PER_ADDRESS_PER_MINUTE)', async () => {
    const testApp = await createTestApp({
      environment: {
        LOGIN_ATTEMPTS_PER_MINUTE: '100',
        LOGINS_PER_ADDRESS_PER_MINUTE: '4',
        TRUSTED_PROXIES: 'loopback',
      },
    });
    try {
      const sprayer = freshAddress();
      for (let attempt = 0; attempt < 4; attempt += 1)
        expect(
          (await attemptLogin(testApp, `slachtoffer-${attempt}@example.nl`, sprayer)).status,
        ).toBe(401);
      expectThrottled(await attemptLogin(testApp, 'nog-een@example.nl', sprayer));
      // Even the right password of a real account waits: the address is spent.
      const right = await testApp.http
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', sprayer)
        .send({ email: DEMO_EMAIL.volunteer, password: 'steerkes-demo' });
      expectThrottled(right);
      await testApp.http
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', freshAddress())
        .send({ email: DEMO_EMAIL.volunteer, password: 'steerkes-demo' })
        .expect(200);
    } finally {
      await testApp.close();
    }
  });

  it('throttles password-reset codes as logins, per address', async () => {
    const testApp = await createTestApp({
      demoData: false,
      environment: { LOGINS_PER_ADDRESS_PER_MINUTE: '2', TRUSTED_PROXIES: 'loopback' },
    });
    try {
      const guesser = freshAddress();
      const guess = () =>
        testApp.http
          .post(`${API}/auth/password-reset`)
          .set('X-Forwarded-For', guesser)
          .send({
            code: `${randomUUID()}.${'A'.repeat(43)}`,
            newPassword: 'Een-sterk-wachtwoord-7',
          });
      expect((await guess()).status).toBe(400);
      expect((await guess()).status).toBe(400);
      expectThrottled(await guess());
    } finally {
      await testApp.close();
    }
  });
});

/** Whether the tests' Redis answers; in CI it must (.ci/run starts it). */
async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const redisReachable = await redisAnswers(TEST_REDIS_URL);
if (!redisReachable) {
  if (process.env.CI)
    throw new Error(`CI: Redis at ${TEST_REDIS_URL} does not answer (.ci/run starts it)`);
  console.warn(
    `SKIPPED the shared-Redis rate-limit tests: no Redis answers at ${TEST_REDIS_URL} (set TEST_REDIS_URL, or start redis-server)`,
  );
}

(redisReachable ? describe : describe.skip)(
  'Story: two instances behind one proxy share their counts through Redis (REDIS_URL)',
  () => {
    const shared = {
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET,
      TRUSTED_PROXIES: 'loopback',
      LOGIN_ATTEMPTS_PER_MINUTE: '3',
      REDEMPTIONS_PER_MINUTE: '2',
    };

    it('counts logins and redemptions once across both instances', async () => {
      const database = await createTestDatabase();
      const first = await createTestApp({ shareDatabase: database, environment: shared });
      const second = await createTestApp({
        shareDatabase: database,
        demoData: false,
        environment: shared,
      });
      try {
        const email = `doelwit-${randomUUID().slice(0, 8)}@example.nl`;
        const attacker = freshAddress();
        expect((await attemptLogin(first, email, attacker)).status).toBe(401);
        expect((await attemptLogin(second, email, attacker)).status).toBe(401);
        expect((await attemptLogin(first, email, attacker)).status).toBe(401);
        expectThrottled(await attemptLogin(second, email, attacker));

        // The redemption limit, per business operator, likewise.
        const operator = await login(first.http, DEMO_EMAIL.business_operator);
        const redeemOn = (testApp: TestApp) =>
          testApp.http
            .post(`${API}/redemptions`)
            .set(operator.auth)
            .set('Idempotency-Key', randomUUID())
            .send({});
        expect((await redeemOn(first)).status).toBe(400);
        expect((await redeemOn(second)).status).toBe(400);
        expectThrottled(await redeemOn(first));
        expectThrottled(await redeemOn(second));
      } finally {
        await second.close();
        await first.close();
        await database.drop();
      }
    });

    it('refuses to start when REDIS_URL is set but nothing answers there', async () => {
      await expect(
        createTestApp({ demoData: false, environment: { REDIS_URL: 'redis://127.0.0.1:1' } }),
      ).rejects.toThrow(/REDIS_URL is set but Redis cannot be reached/);
    });
  },
);
