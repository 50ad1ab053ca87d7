import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DEMO_PASSWORD } from '../seeds/demo-data.js';
import { DEMO_EMAIL } from './factories/sessions.js';
import {
  acceptsConnections,
  fileBytes,
  fileSizeLimitOf,
  inspectSqliteFile,
  type RawAnswer,
  type RawOutcome,
  rawRequest,
  setFileSizeLimit,
} from './support/fault-tools.js';
import {
  buildServer,
  type RunningServer,
  type ServerBuild,
  startServer,
} from './support/server-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * Issue 7, faults: the real server (compiled main.js in a child process, see server-process.ts)
 * on a database of its own, loopback only.
 *
 * 1. SIGTERM while transfers are in flight: every request the server had taken is answered with
 *    its normal 201; new connections are refused; the process ends by itself within a few seconds;
 *    the SQLite file is closed cleanly (no -wal content left, integrity_check ok); on restart
 *    everything acknowledged is there, the reconciliation is clean and the server serves again.
 *    A request that failed at the connection level was never committed (its retry is not a replay).
 *    Runs on SQLite, or on PostgreSQL under TEST_DATABASE_URL (the file checks are SQLite only).
 *
 * 2. The disk full (always a SQLite file: it is about the file): the server's RLIMIT_FSIZE is
 *    lowered while it runs (prlimit --pid, see setFileSizeLimit for why not chmod or a small
 *    filesystem), so that SQLite's writes fail as on a full disk. Transfers then answer a clear
 *    503 problem (code SERVICE_UNAVAILABLE), and so does GET /health (its probe commits a write),
 *    reads still answer, nothing is half written; when the
 *    limit is lifted the same requests (same Idempotency-Key) succeed as new entries, the
 *    reconciliation is clean, and the file passes integrity_check after a clean shutdown.
 */

const JWT_SECRET = 'fX8pQ2wL7mZ4vB9nK3cR6tY1hJ5gD0sAeUiOkQrT'; // fixed, test-only: tokens outlive a restart
const READY_TIMEOUT_MS = 20_000;
const IN_FLIGHT = 48;
const EXIT_WITHIN_MS = 5_000;
const MARKER = 'faults';

describe('Faults: SIGTERM and a full disk, on the real server', () => {
  let build: ServerBuild | undefined;
  const servers: RunningServer[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];

  const start = async (databaseUrl: string) => {
    const server = await startServer(
      build!.mainPath,
      // The demo without its year of history: these stories need its people, and a quick start.
      {
        NODE_ENV: 'development',
        // Development hashes at production's cost (2^17); these stories need the demo, not the cost.
        PASSWORD_SCRYPT_COST: '4096',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        JWT_SECRET,
        LOG_LEVEL: 'log',
        DEMO_HISTORY: 'off',
      },
      { cwd: build!.folder, readyTimeoutMs: READY_TIMEOUT_MS },
    );
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    build = await buildServer({ timeoutMs: 110_000 });
  }, 120_000);

  afterAll(async () => {
    try {
      for (const server of servers) await server.kill();
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
      build?.dispose();
    }
  });

  it('SIGTERM: in-flight transfers finish with 201, new connections are refused, the process ends and the database closes cleanly', async () => {
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const log: string[] = [`database: ${database.configuration.kind}`];
    try {
      let server = await start(database.url);
      const session = await openSession(server.baseUrl);
      const baselineEntries = await reconciledEntries(server.baseUrl, session.treasurer);

      // IN_FLIGHT transfers, each on a connection of its own; SIGTERM once all are written.
      const keys = Array.from({ length: IN_FLIGHT }, () => randomUUID());
      let written = 0;
      let markAllWritten!: () => void;
      const allWritten = new Promise<void>((resolve) => (markAllWritten = resolve));
      const outcomes = keys.map((key, index) =>
        rawRequest(server.baseUrl, 'POST', '/transfers', {
          token: session.org,
          body: transferBody(session, `${MARKER} sigterm ${index} ${key}`),
          headers: { 'Idempotency-Key': key },
          onWritten: () => {
            written += 1;
            if (written === IN_FLIGHT) markAllWritten();
          },
        }),
      );
      // eslint-disable-next-line prefer-const -- read by the callbacks above before it is set: undefined means "not yet signalled"
      let signalAt: number | undefined;
      let answeredBeforeSignal = 0;
      for (const outcome of outcomes)
        void outcome.then(() => (signalAt === undefined ? (answeredBeforeSignal += 1) : undefined));
      await Promise.race([allWritten, Promise.all(outcomes)]);
      signalAt = performance.now();
      expect(server.child.kill('SIGTERM')).toBe(true);

      // While the server shuts down: new TCP connections, one every 10 ms, until it has exited.
      let exitedAt: number | undefined;
      const exit = server.exited.then((how) => {
        exitedAt = performance.now();
        return how;
      });
      const probes: Array<{ at: number; accepted: boolean | 'timeout' }> = [];
      const probing = (async () => {
        while (exitedAt === undefined && performance.now() - signalAt < EXIT_WITHIN_MS) {
          const at = performance.now();
          probes.push({ at, accepted: await acceptsConnections(server.port, 1_000) });
          await delay(10);
        }
      })();
      const how = await within(exit, EXIT_WITHIN_MS, 'still running' as const);
      await probing;
      const settled = await Promise.all(outcomes);
      const answers = settled.filter(
        (outcome): outcome is { kind: 'answer'; answer: RawAnswer } => outcome.kind === 'answer',
      );
      const failures = settled.flatMap((outcome, index) =>
        outcome.kind === 'connection-error'
          ? [{ index, key: keys[index], code: outcome.code }]
          : [],
      );
      const answeredAfterSignal = answers.filter(
        (outcome) => outcome.answer.answeredAt > signalAt,
      ).length;
      const lastAnswerMs = Math.round(
        Math.max(signalAt, ...answers.map((outcome) => outcome.answer.answeredAt)) - signalAt,
      );
      const firstRefusal = probes.find((probe) => probe.accepted === false);
      log.push(
        `last answer ${lastAnswerMs} ms after SIGTERM; first refused connection ${firstRefusal ? `${Math.round(firstRefusal.at - signalAt)} ms` : 'never'} after it`,
      );
      const refusedWhileAlive = probes.filter(
        (probe) => probe.accepted === false && (exitedAt === undefined || probe.at < exitedAt),
      );
      log.push(
        `SIGTERM after ${IN_FLIGHT} transfers were written (${answeredBeforeSignal} answered before it); ` +
          `exit: ${JSON.stringify(how)} after ${exitedAt === undefined ? '—' : Math.round(exitedAt - signalAt)} ms; ` +
          `${answers.length} answered (${answeredAfterSignal} after the signal: ${JSON.stringify(countBy(answers.map((outcome) => outcome.answer.status)))}), ` +
          `${failures.length} connection errors ${JSON.stringify(countBy(failures.map((failure) => failure.code)))}; ` +
          `probes: ${probes.map((probe) => `${Math.round(probe.at - signalAt)}ms:${probe.accepted}`).join(' ')}`,
      );
      if (how === 'still running')
        log.push(
          `the server did not end within ${EXIT_WITHIN_MS} ms of SIGTERM; its last output:\n${server.recentOutput()}`,
        );

      // The process ended by itself, promptly. Nest's shutdown hook re-raises the signal after a
      // graceful close (process.kill(process.pid, signal)), so "ended by SIGTERM" is as good as 0.
      expect(how).not.toBe('still running');
      expect([
        { code: 0, signal: null },
        { code: null, signal: 'SIGTERM' },
      ]).toContainEqual(how);
      // Every answer is the normal one; something really was in flight when the signal came.
      expect(
        answers.map((outcome) => outcome.answer.status).filter((status) => status !== 201),
      ).toEqual([]);
      expect(answeredAfterSignal).toBeGreaterThan(0);
      // The listener closed while the server still lived: new connections are refused, not hung.
      expect(probes.filter((probe) => probe.accepted === 'timeout')).toEqual([]);
      if (exitedAt !== undefined && probes.length > 0 && probes[0].at < exitedAt)
        expect(refusedWhileAlive.length).toBeGreaterThan(0);

      // A clean close: nothing left in the WAL, a sound file.
      if (database.configuration.kind === 'sqlite') {
        const file = inspectSqliteFile(database.configuration.path);
        log.push(`after SIGTERM: ${JSON.stringify(file)}`);
        expect(file).toEqual({ integrity: ['ok'], walBytes: 0, journalMode: 'wal' });
      }

      // Restart on the same database: everything acknowledged is there, whole; it serves again.
      server = await start(database.url);
      const again = await openSession(server.baseUrl);
      const acknowledged = answers.map((outcome) => outcome.answer.body.id as string);
      for (const entryId of acknowledged) {
        const entry = await rawRequest(server.baseUrl, 'GET', `/entries/${entryId}`, {
          token: again.treasurer,
        });
        expect({ entryId, status: statusOf(entry) }).toEqual({ entryId, status: 200 });
      }
      expect(await reconciledEntries(server.baseUrl, again.treasurer)).toBe(
        baselineEntries + acknowledged.length,
      );
      // A request cut off at the connection was never committed: its retry is new, not a replay.
      for (const failure of failures) {
        const retry = await rawRequest(server.baseUrl, 'POST', '/transfers', {
          token: again.org,
          body: transferBody(again, `${MARKER} sigterm ${failure.index} ${failure.key}`),
          headers: { 'Idempotency-Key': failure.key },
        });
        expect({
          key: failure.key,
          status: statusOf(retry),
          replayed: headerOf(retry, 'idempotent-replayed') ?? 'no',
        }).toEqual({ key: failure.key, status: 201, replayed: 'no' });
      }
      expect(await reconciledEntries(server.baseUrl, again.treasurer)).toBe(
        baselineEntries + IN_FLIGHT,
      );
      await server.kill();
    } finally {
      console.log(log.join('\n'));
    }
  }, 40_000);

  it('a full disk: writes answer 503 SERVICE_UNAVAILABLE, reads go on, nothing is half written, and it recovers when space returns', async () => {
    const folder = mkdtempSync(join(build!.folder, 'full-disk-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const path = join(folder, 'steerkes.sqlite');
    const log: string[] = [];
    let server: RunningServer | undefined;
    try {
      server = await start(`sqlite:${path}`);
      const pid = server.child.pid!;
      const session = await openSession(server.baseUrl);
      const baselineEntries = await reconciledEntries(server.baseUrl, session.treasurer);
      const before = await balances(server.baseUrl, session);
      const transfer = (key: string, note: string) =>
        rawRequest(server!.baseUrl, 'POST', '/transfers', {
          token: session.org,
          body: transferBody(session, `${MARKER} disk ${note} ${key}`),
          headers: { 'Idempotency-Key': key },
        });

      // Phase 1: no file write at all succeeds (limit 0: every write(2) to a file fails with EFBIG).
      await setFileSizeLimit(pid, 0);
      expect(fileSizeLimitOf(pid)).toBe('0');
      const refusedKeys = [randomUUID(), randomUUID(), randomUUID()];
      const refused: RawOutcome[] = [];
      for (const key of refusedKeys) refused.push(await transfer(key, 'phase-1'));
      log.push(`disk full (fsize 0): transfers → ${refused.map(describeOutcome).join(' | ')}`);
      log.push(
        `disk full: the server's log:\n${server.recentOutput().split('\n').slice(-12).join('\n')}`,
      );
      const health = await rawRequest(server.baseUrl, 'GET', '/health');
      log.push(`disk full: GET /health → ${describeOutcome(health)}`);
      // Asserted at the end, so that the recovery and integrity checks below run (and report) too.
      const refusedClearly = () =>
        expect(refused.map(problemOf)).toEqual(
          refused.map(() => ({
            status: 503,
            contentType: expect.stringContaining('application/problem+json'),
            code: 'SERVICE_UNAVAILABLE',
          })),
        );
      // Reads still answer, and nothing moved.
      expect(await balances(server.baseUrl, session)).toEqual(before);
      expect(await reconciledEntries(server.baseUrl, session.treasurer)).toBe(baselineEntries);

      // Space returns: the same requests succeed, as new entries (nothing was stored the first time).
      await setFileSizeLimit(pid, null);
      expect(fileSizeLimitOf(pid)).toBe('unlimited');
      const healthAfter = await rawRequest(server.baseUrl, 'GET', '/health');
      expect({
        status: statusOf(healthAfter),
        ledgerWritable:
          healthAfter.kind === 'answer' ? healthAfter.answer.body.ledgerWritable : 'no answer',
      }).toEqual({ status: 200, ledgerWritable: true });
      for (const key of refusedKeys) {
        const retry = await transfer(key, 'phase-1');
        expect({
          key,
          status: statusOf(retry),
          replayed: headerOf(retry, 'idempotent-replayed') ?? 'no',
        }).toEqual({ key, status: 201, replayed: 'no' });
      }
      let expectedEntries = baselineEntries + refusedKeys.length;
      expect(await reconciledEntries(server.baseUrl, session.treasurer)).toBe(expectedEntries);

      // Phase 2: the disk fills in the middle of a WAL frame (limit a little past the WAL's end):
      // some transfer's commit is cut short. Keep sending until one is refused (bounded).
      const walPath = `${path}-wal`;
      await setFileSizeLimit(pid, fileBytes(walPath) + 1_500);
      const phase2: Array<{ key: string; status: number | string; outcome: RawOutcome }> = [];
      for (
        let attempt = 0;
        attempt < 40 && !phase2.some((result) => result.status !== 201);
        attempt += 1
      ) {
        const key = randomUUID();
        const outcome = await transfer(key, 'phase-2');
        phase2.push({ key, status: statusOf(outcome), outcome });
      }
      log.push(`disk full mid-frame: ${phase2.map((result) => result.status).join(', ')}`);
      const phase2Refused = phase2.filter((result) => result.status !== 201);
      expect(phase2Refused).toHaveLength(1);
      expectedEntries += phase2.length - phase2Refused.length;
      expect(await reconciledEntries(server.baseUrl, session.treasurer)).toBe(expectedEntries);
      await setFileSizeLimit(pid, null);
      for (const { key } of phase2Refused) {
        const retry = await transfer(key, 'phase-2');
        expect({
          key,
          status: statusOf(retry),
          replayed: headerOf(retry, 'idempotent-replayed') ?? 'no',
        }).toEqual({ key, status: 201, replayed: 'no' });
        expectedEntries += 1;
      }
      expect(await reconciledEntries(server.baseUrl, session.treasurer)).toBe(expectedEntries);

      // A clean shutdown, a sound file, and a restart that serves and agrees.
      server.child.kill('SIGTERM');
      await within(server.exited, EXIT_WITHIN_MS, 'still running' as const);
      await server.kill();
      const file = inspectSqliteFile(path);
      log.push(`after the disk-full episodes: ${JSON.stringify(file)}`);
      expect(file.integrity).toEqual(['ok']);
      server = await start(`sqlite:${path}`);
      const again = await openSession(server.baseUrl);
      expect(await reconciledEntries(server.baseUrl, again.treasurer)).toBe(expectedEntries);
      expect(
        statusOf(
          await rawRequest(server.baseUrl, 'POST', '/transfers', {
            token: again.org,
            body: transferBody(again, `${MARKER} disk after-restart`),
            headers: { 'Idempotency-Key': randomUUID() },
          }),
        ),
      ).toBe(201);
      await server.kill();

      // The answers while the disk was full: a clear 503 problem, not a 500; /health said so too.
      refusedClearly();
      expect(problemOf(health)).toEqual({
        status: 503,
        contentType: expect.stringContaining('application/problem+json'),
        code: 'SERVICE_UNAVAILABLE',
      });
      expect(phase2Refused.map((result) => problemOf(result.outcome))).toEqual([
        {
          status: 503,
          contentType: expect.stringContaining('application/problem+json'),
          code: 'SERVICE_UNAVAILABLE',
        },
      ]);
    } finally {
      if (server && server.child.exitCode === null && server.child.signalCode === null)
        await setFileSizeLimit(server.child.pid!, null).catch(() => undefined);
      console.log(log.join('\n'));
    }
  }, 40_000);
});

// --- helpers ---------------------------------------------------------------------------------------

interface Session {
  org: string;
  treasurer: string;
  orgAccountId: string;
  volunteerAccountId: string;
}

async function openSession(baseUrl: string): Promise<Session> {
  const org = await login(baseUrl, DEMO_EMAIL.org_manager);
  const volunteer = await login(baseUrl, DEMO_EMAIL.volunteer);
  const treasurer = await login(baseUrl, DEMO_EMAIL.treasurer);
  return {
    org: org.token,
    treasurer: treasurer.token,
    orgAccountId: await stkAccountOf(baseUrl, org.token, org.partyId!),
    volunteerAccountId: await stkAccountOf(baseUrl, volunteer.token, volunteer.partyId!),
  };
}

function transferBody(session: Session, description: string) {
  return {
    fromAccountId: session.orgAccountId,
    toAccountId: session.volunteerAccountId,
    amount: '0.01',
    code: 'HOURS',
    description,
  };
}

async function login(
  baseUrl: string,
  email: string,
): Promise<{ token: string; partyId: string | null }> {
  const answer = expectAnswer(
    await rawRequest(baseUrl, 'POST', '/auth/login', { body: { email, password: DEMO_PASSWORD } }),
    200,
    `login ${email}`,
  );
  return { token: answer.body.accessToken, partyId: answer.body.user.partyId };
}

async function stkAccountOf(baseUrl: string, token: string, partyId: string): Promise<string> {
  const answer = expectAnswer(
    await rawRequest(baseUrl, 'GET', `/parties/${partyId}/accounts`, { token }),
    200,
    `accounts of ${partyId}`,
  );
  const account = (answer.body as Array<{ id: string; currency: string }>).find(
    (candidate) => candidate.currency === 'STK',
  );
  if (!account) throw new Error(`party ${partyId} has no STK account`);
  return account.id;
}

async function balances(baseUrl: string, session: Session): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const accountId of [session.orgAccountId, session.volunteerAccountId]) {
    result[accountId] = expectAnswer(
      await rawRequest(baseUrl, 'GET', `/accounts/${accountId}`, { token: session.treasurer }),
      200,
      `account ${accountId}`,
    ).body.balance;
  }
  return result;
}

/** The reconciliation must be clean; answers how many entries it checked. */
async function reconciledEntries(baseUrl: string, treasurerToken: string): Promise<number> {
  const answer = expectAnswer(
    await rawRequest(baseUrl, 'GET', '/treasury/reconciliation', { token: treasurerToken }),
    200,
    'reconciliation',
  );
  expect({ ok: answer.body.ok, discrepancies: answer.body.discrepancies }).toEqual({
    ok: true,
    discrepancies: [],
  });
  return Number(answer.body.checked.entries);
}

function expectAnswer(outcome: RawOutcome, status: number, what: string): RawAnswer {
  if (outcome.kind !== 'answer' || outcome.answer.status !== status)
    throw new Error(`${what}: expected HTTP ${status}, got ${describeOutcome(outcome)}`);
  return outcome.answer;
}

function statusOf(outcome: RawOutcome): number | string {
  return outcome.kind === 'answer' ? outcome.answer.status : outcome.code;
}

function problemOf(outcome: RawOutcome): {
  status: number | string;
  contentType?: string;
  code?: string;
} {
  if (outcome.kind !== 'answer') return { status: outcome.code };
  return {
    status: outcome.answer.status,
    contentType: String(outcome.answer.headers['content-type']),
    code: outcome.answer.body?.code,
  };
}

function headerOf(outcome: RawOutcome, name: string): string | undefined {
  if (outcome.kind !== 'answer') return undefined;
  const value = outcome.answer.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function describeOutcome(outcome: RawOutcome): string {
  return outcome.kind === 'answer'
    ? `HTTP ${outcome.answer.status} ${JSON.stringify(outcome.answer.body).slice(0, 300)}`
    : `${outcome.code}: ${outcome.message}`;
}

/** The promise's value, or `fallback` after `ms` (the timer is cleared either way: no open handle). */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function countBy(values: Array<string | number>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}
