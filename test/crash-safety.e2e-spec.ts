import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { DEMO_EMAIL } from './factories/sessions.js';
import {
  buildServer,
  type RunningServer,
  type ServerBuild,
  startServer,
} from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Ledger issue, crash safety (SQLite file): a child process serving transfers is killed with
 * SIGKILL at a random moment; after restart every transfer that had been acknowledged is present
 * and the integrity check passes.
 *
 * The real server (the compiled main.js, see buildServer) runs on a database file of its own
 * (under `npm run test:pg`, a PostgreSQL database of its own, like every e2e suite). Several loops
 * send 0.01 STK transfers from Buurtcentrum Malberg to Anouk Janssen over loopback; a transfer is
 * ACKNOWLEDGED when its 201 with the entry id has been read in full. At a random moment the process
 * gets SIGKILL; it is started again on the same database and we check:
 * - every acknowledged entry is there with the same id (GET /entries/:id → 200), whole (two
 *   postings, −0.01 and +0.01) and exactly once;
 * - transfers sent but not acknowledged are there or not, but never twice and never in part: the
 *   balances are start ∓ 0.01 × (entries of ours present), the reconciliation is clean and counts
 *   exactly those entries more than at the start;
 * - a client retrying each unacknowledged transfer with its Idempotency-Key gets the stored entry
 *   back (Idempotent-Replayed) when it had been committed, and a new entry when it had not.
 * Then again at another moment. CRASH_SAFETY_SEED=<n> replays the same planned kill delays.
 */

const JWT_SECRET = 'tV4qK9zR2mX7pL5wN8bC3yH6jF1dG0sAeUiOkQrZ'; // fixed, test-only: tokens outlive a restart
const CYCLES = 4;
const WORKERS = 6;
const KILL_DELAY_MS = { min: 100, max: 1500 };
const REQUEST_TIMEOUT_MS = 5_000;
const READY_TIMEOUT_MS = 20_000;
const VERIFY_CONCURRENCY = 8;
const MARKER = 'crash-safety';
const AMOUNT = '0.01';
const AMOUNT_MINOR = 1n;

const SEED = process.env.CRASH_SAFETY_SEED
  ? Number(process.env.CRASH_SAFETY_SEED) >>> 0
  : (Math.random() * 2 ** 32) >>> 0;

describe('Ledger crash safety: SIGKILL while serving transfers', () => {
  let build: ServerBuild | undefined;
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  let finished = false;

  beforeAll(async () => {
    // Compiles the current sources (≈5 s here; bounded generously for a cold CI machine).
    build = await buildServer({ timeoutMs: 110_000 });
    database = await createTestDatabase();
  }, 120_000);

  afterAll(async () => {
    finished = true; // a scenario still running after a timeout must not leave a server behind
    try {
      await server?.kill();
    } finally {
      try {
        await database?.drop();
      } finally {
        build?.dispose();
      }
    }
  });

  it('keeps every acknowledged transfer, whole and exactly once, across repeated kills at random moments', async () => {
    const log: string[] = [];
    try {
      await crashAndRecover(build!, database!, log, (started) => {
        server = started;
        if (finished) void started.kill();
      });
    } finally {
      // The seed and what each cycle did, above all when something failed.
      console.log(log.join('\n'));
    }
  }, 60_000);
});

interface TransferBody {
  fromAccountId: string;
  toAccountId: string;
  amount: string;
  code: 'HOURS';
  description: string;
}

interface Attempt {
  key: string;
  cycle: number;
  body: TransferBody;
  /** The entry id of a 201 this client read in full; null while the outcome is unknown. */
  entryId: string | null;
}

async function crashAndRecover(
  build: ServerBuild,
  database: TestDatabase,
  log: string[],
  track: (server: RunningServer) => void,
): Promise<void> {
  const random = seededRandom(SEED);
  const killDelays = Array.from(
    { length: CYCLES },
    () => KILL_DELAY_MS.min + Math.floor(random() * (KILL_DELAY_MS.max - KILL_DELAY_MS.min + 1)),
  );
  log.push(
    `crash safety on ${database.configuration.kind}, seed ${SEED} (CRASH_SAFETY_SEED=${SEED} replays it), kill delays ${killDelays.join(', ')} ms`,
  );
  // The demo without its year of history: the transfers need its people, and a quick start.
  const environment = {
    NODE_ENV: 'development',
    // Development hashes at production's cost (2^17); these stories need the demo, not the cost.
    PASSWORD_SCRYPT_COST: '4096',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    JWT_SECRET,
    LOG_LEVEL: 'log',
    DEMO_HISTORY: 'off',
  };
  const start = async () => {
    const started = await startServer(build.mainPath, environment, {
      cwd: build.folder,
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
    track(started);
    return started;
  };
  const attempts = new Map<string, Attempt>();

  // A new database: the server loads the Maastricht demo.
  let running = await start();
  const org = await login(running.baseUrl, DEMO_EMAIL.org_manager);
  const volunteer = await login(running.baseUrl, DEMO_EMAIL.volunteer);
  let treasurer = await login(running.baseUrl, DEMO_EMAIL.treasurer);
  const orgAccount = await stkAccountOf(running.baseUrl, org.token, org.partyId!);
  const volunteerAccount = await stkAccountOf(running.baseUrl, volunteer.token, volunteer.partyId!);
  const orgStartMinor = toMinor(orgAccount.balance);
  const volunteerStartMinor = toMinor(volunteerAccount.balance);
  const baseline = await call(running.baseUrl, 'GET', '/treasury/reconciliation', {
    token: treasurer.token,
  });
  expectStatus(baseline, 200, 'reconciliation before any traffic');
  expect(baseline.body).toMatchObject({ ok: true, discrepancies: [] });
  const baselineEntries = Number(baseline.body.checked.entries);
  log.push(
    `start: Malberg ${orgAccount.balance}, Anouk ${volunteerAccount.balance}, ${baselineEntries} entries`,
  );

  /** WORKERS loops send transfers until the server is killed, `killDelayMs` into the traffic. */
  const trafficThenKill = async (cycle: number, killDelayMs: number) => {
    const unexpected: string[] = [];
    let killed = false;
    let acknowledged = 0;
    let markFirstAcknowledged!: () => void;
    const firstAcknowledged = new Promise<void>((resolve) => (markFirstAcknowledged = resolve));
    const worker = async (index: number) => {
      while (!killed) {
        const key = randomUUID();
        const body: TransferBody = {
          fromAccountId: orgAccount.id,
          toAccountId: volunteerAccount.id,
          amount: AMOUNT,
          code: 'HOURS',
          description: `${MARKER} cycle ${cycle} worker ${index} ${key}`,
        };
        const attempt: Attempt = { key, cycle, body, entryId: null };
        attempts.set(key, attempt);
        try {
          const answer = await call(running.baseUrl, 'POST', '/transfers', {
            token: org.token,
            body,
            headers: { 'Idempotency-Key': key },
          });
          if (answer.status !== 201 || typeof answer.body?.id !== 'string') {
            unexpected.push(`HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
            return;
          }
          attempt.entryId = answer.body.id;
          acknowledged += 1;
          markFirstAcknowledged();
        } catch (error) {
          // After the kill a reset or refused connection is the point; before it, it is a failure.
          if (!killed)
            unexpected.push(
              `request failed before the kill: ${String(error)} ${describeCause((error as Error).cause)}`,
            );
          return;
        }
      }
    };
    const began = performance.now();
    const workers = Array.from({ length: WORKERS }, (_, index) => worker(index));
    const bound = new AbortController();
    // At the chosen moment, but not before transfers are being acknowledged; stop waiting if every
    // loop gave up already (reported below) or after a hard bound.
    await Promise.race([
      Promise.all([delay(killDelayMs), firstAcknowledged]),
      Promise.all(workers),
      delay(REQUEST_TIMEOUT_MS + KILL_DELAY_MS.max, undefined, { signal: bound.signal }).catch(
        () => undefined,
      ),
    ]);
    bound.abort();
    killed = true;
    const killedAtMs = Math.round(performance.now() - began);
    const exit = await running.kill();
    await Promise.all(workers);
    const sent = [...attempts.values()].filter((attempt) => attempt.cycle === cycle);
    const unknown = sent.filter((attempt) => attempt.entryId === null).length;
    return { unexpected, exit, killedAtMs, acknowledged, unknown, sent: sent.length };
  };

  /**
   * Everything acknowledged is present, whole and once; nothing of ours is there in part; the
   * balances follow from the entries present; the reconciliation is clean. Answers key → entry id.
   */
  const verify = async (label: string): Promise<Map<string, string>> => {
    const present = new Map<string, string>();
    const strangers: string[] = [];
    const duplicates: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: Answer = await call(
        running.baseUrl,
        'GET',
        `/accounts/${orgAccount.id}/postings?${query}`,
        { token: org.token },
      );
      expectStatus(page, 200, `${label}: statement of Malberg`);
      for (const line of page.body.items as Array<{
        entryId: string;
        description: string;
        amount: string;
      }>) {
        if (!line.description.startsWith(MARKER)) continue;
        const key = line.description.split(' ').pop()!;
        if (!attempts.has(key) || line.amount !== `-${AMOUNT}`)
          strangers.push(`${line.entryId}: ${line.description} ${line.amount}`);
        if (present.has(key)) duplicates.push(`${key}: ${present.get(key)} and ${line.entryId}`);
        present.set(key, line.entryId);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect({ label, strangers: sample(strangers), duplicates: sample(duplicates) }).toEqual({
      label,
      strangers: [],
      duplicates: [],
    });

    const lost = [...attempts.values()]
      .filter((attempt) => attempt.entryId !== null && present.get(attempt.key) !== attempt.entryId)
      .map(
        (attempt) =>
          `${attempt.key} → ${attempt.entryId} (cycle ${attempt.cycle}), found ${present.get(attempt.key) ?? 'nothing'}`,
      );
    expect({ label, lostAcknowledgedTransfers: sample(lost) }).toEqual({
      label,
      lostAcknowledgedTransfers: [],
    });

    // Every entry of ours, acknowledged or not, through GET /entries/:id: there, and whole.
    const broken: string[] = [];
    await forEachLimited([...present.entries()], VERIFY_CONCURRENCY, async ([key, entryId]) => {
      const answer = await call(running.baseUrl, 'GET', `/entries/${entryId}`, {
        token: treasurer.token,
      });
      const postings = (answer.body?.postings ?? []) as Array<{
        accountId: string;
        amount: string;
      }>;
      const whole =
        answer.status === 200 &&
        answer.body.code === 'HOURS' &&
        answer.body.description === attempts.get(key)!.body.description &&
        postings.length === 2 &&
        postings.some(
          (posting) => posting.accountId === orgAccount.id && posting.amount === `-${AMOUNT}`,
        ) &&
        postings.some(
          (posting) => posting.accountId === volunteerAccount.id && posting.amount === AMOUNT,
        );
      if (!whole)
        broken.push(
          `${entryId}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
        );
    });
    expect({ label, brokenEntries: sample(broken) }).toEqual({ label, brokenEntries: [] });

    const count = BigInt(present.size);
    const orgNow = await call(running.baseUrl, 'GET', `/accounts/${orgAccount.id}`, {
      token: org.token,
    });
    const volunteerNow = await call(running.baseUrl, 'GET', `/accounts/${volunteerAccount.id}`, {
      token: treasurer.token,
    });
    expectStatus(orgNow, 200, `${label}: Malberg's account`);
    expectStatus(volunteerNow, 200, `${label}: Anouk's account`);
    expect({
      label,
      malberg: toMinor(orgNow.body.balance),
      anouk: toMinor(volunteerNow.body.balance),
    }).toEqual({
      label,
      malberg: orgStartMinor - count * AMOUNT_MINOR,
      anouk: volunteerStartMinor + count * AMOUNT_MINOR,
    });

    const reconciliation = await call(running.baseUrl, 'GET', '/treasury/reconciliation', {
      token: treasurer.token,
    });
    expectStatus(reconciliation, 200, `${label}: reconciliation`);
    const { ok, discrepancies, checked } = reconciliation.body;
    expect({ label, ok, discrepancies, entries: checked?.entries }).toEqual({
      label,
      ok: true,
      discrepancies: [],
      entries: baselineEntries + present.size,
    });
    return present;
  };

  /** What a client does after the crash: retry each unknown outcome with the same key and body. */
  const retryUnacknowledged = async (label: string, present: Map<string, string>) => {
    const unknown = [...attempts.values()].filter((attempt) => attempt.entryId === null);
    const wrong: string[] = [];
    let replayed = 0;
    await forEachLimited(unknown, VERIFY_CONCURRENCY, async (attempt) => {
      const answer = await call(running.baseUrl, 'POST', '/transfers', {
        token: org.token,
        body: attempt.body,
        headers: { 'Idempotency-Key': attempt.key },
      });
      const committed = present.get(attempt.key);
      const isReplay = answer.headers.get('idempotent-replayed') === 'true';
      if (isReplay) replayed += 1;
      if (
        answer.status === 201 &&
        (committed ? isReplay && answer.body.id === committed : !isReplay)
      )
        attempt.entryId = answer.body.id;
      else
        wrong.push(
          `${attempt.key} (committed: ${committed ?? 'no'}): HTTP ${answer.status}, replayed ${isReplay}, ${JSON.stringify(answer.body).slice(0, 300)}`,
        );
    });
    expect({ label, wrongRetries: sample(wrong) }).toEqual({ label, wrongRetries: [] });
    return { retried: unknown.length, replayed };
  };

  for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
    const traffic = await trafficThenKill(cycle, killDelays[cycle - 1]);
    const label = `cycle ${cycle} (seed ${SEED}, killed after ${traffic.killedAtMs} ms)`;
    expect({ label, unexpected: traffic.unexpected, signal: traffic.exit.signal }).toEqual({
      label,
      unexpected: [],
      signal: 'SIGKILL',
    });
    expect(traffic.acknowledged).toBeGreaterThan(0);

    const restartBegan = performance.now();
    running = await start();
    const restartMs = Math.round(performance.now() - restartBegan);
    // The fixed JWT_SECRET keeps a token from before the kill valid; log in again all the same.
    expectStatus(
      await call(running.baseUrl, 'GET', '/auth/me', { token: org.token }),
      200,
      `${label}: a token from before the kill`,
    );
    org.token = (await login(running.baseUrl, DEMO_EMAIL.org_manager)).token;
    treasurer = await login(running.baseUrl, DEMO_EMAIL.treasurer);

    const present = await verify(label);
    const committedUnknown = [...attempts.values()].filter(
      (attempt) => attempt.entryId === null && present.has(attempt.key),
    ).length;
    const { retried, replayed } = await retryUnacknowledged(label, present);
    expect(replayed).toBe(committedUnknown);
    log.push(
      `cycle ${cycle}: killed after ${traffic.killedAtMs} ms (planned ${killDelays[cycle - 1]}): ${traffic.sent} sent, ${traffic.acknowledged} acknowledged, ` +
        `${traffic.unknown} unknown of which ${committedUnknown} committed; restart ${restartMs} ms; ${present.size} of ours present; ` +
        `${retried} retried, ${replayed} answered as replays`,
    );
  }

  // After the last retries, every transfer ever sent is there exactly once.
  const final = await verify('after the last retries');
  expect(final.size).toBe(attempts.size);
  log.push(`end: ${final.size} transfers, each present once; reconciliation clean`);
  await running.kill();
}

// --- helpers ---------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes; the checks below say what they expect
  body: any;
}

/** One request over loopback, bounded in time; the body parsed as JSON when it is JSON. */
async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: response.status, headers: response.headers, body };
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected HTTP ${status}, got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)} (seed ${SEED})`,
    );
  }
}

async function login(
  baseUrl: string,
  email: string,
): Promise<{ token: string; partyId: string | null }> {
  const answer = await call(baseUrl, 'POST', '/auth/login', {
    body: { email, password: DEMO_PASSWORD },
  });
  expectStatus(answer, 200, `login ${email}`);
  return { token: answer.body.accessToken, partyId: answer.body.user.partyId };
}

async function stkAccountOf(
  baseUrl: string,
  token: string,
  partyId: string,
): Promise<{ id: string; balance: string }> {
  const answer = await call(baseUrl, 'GET', `/parties/${partyId}/accounts`, { token });
  expectStatus(answer, 200, `accounts of party ${partyId}`);
  const account = (answer.body as Array<{ id: string; currency: string; balance: string }>).find(
    (candidate) => candidate.currency === 'STK',
  );
  if (!account) throw new Error(`party ${partyId} has no STK account`);
  return account;
}

function toMinor(amount: string): bigint {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new Error(`not an amount: ${amount}`);
  const minor = BigInt(match[2]) * 100n + BigInt(match[3]);
  return match[1] ? -minor : minor;
}

/** A failure list short enough to read: the first few, and how many more. */
function sample(problems: string[], shown = 10): string[] {
  return problems.length <= shown
    ? problems
    : [...problems.slice(0, shown), `… and ${problems.length - shown} more`];
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** mulberry32: small and seeded, enough to pick kill moments reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The cause of a failed request in words (undici puts the socket error there). */
function describeCause(cause: unknown): string {
  if (cause === undefined || cause === null) return '';
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : JSON.stringify(cause);
}
