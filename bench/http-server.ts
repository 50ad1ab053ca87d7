import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { envInteger } from './environment.js';

/**
 * What the HTTP benchmarks share (bench/http-bench.ts, bench/postgres-bench.ts): the real server as
 * a child process, the set-up over HTTP as users would do it, autocannon load, and pgbench.
 */

const HERE = dirname(fileURLToPath(import.meta.url)); // dist/bench
/** The repository root: where npm runs scripts (BENCHMARKS.md, node_modules). */
export const ROOT = process.cwd();
const MAIN = join(HERE, '..', 'src', 'main.js');
export const PG_HOST = process.env.BENCH_PG_HOST ?? '127.0.0.1';
/** BENCH_VOLUNTEERS: fewer make a quicker set-up for a check of the harness (each is several requests and logins). */
export const VOLUNTEERS = envInteger('BENCH_VOLUNTEERS', 64);
/** Transfers per request of the batch scenario, and how many connections send batches. */
export const BATCH_SIZE = 1000;
export const BATCH_CONNECTIONS = 2;
/** Not @steerkes.test: production refuses to start on a database holding those (demo logins). */
const ADMIN_EMAIL = 'bench-admin@bench.example';
const ADMIN_PASSWORD = `Bench-${randomBytes(12).toString('hex')}`;
const MEMBER_PASSWORD = `Member-${randomBytes(12).toString('hex')}`;
/** The same secrets for every instance of a run: two instances behind one client must accept each other's tokens. */
const JWT_SECRET = randomBytes(30).toString('base64url').slice(0, 40);
const PIN_PEPPER = randomBytes(30).toString('base64url').slice(0, 40);

export interface LevelResult {
  scenario: ScenarioName;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  /** Transfers or redemptions booked per second (for a batch, every booked transfer counts). */
  bookedPerSecond: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rssPeakMb: number;
  statusCodes: Record<string, number>;
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number | null;
  version: string;
  error?: string;
}

// ---------------------------------------------------------------- the server

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface Server {
  child: ChildProcess;
  port: number;
  base: string;
  output: string[];
  stop(): Promise<void>;
}

/**
 * The server as production runs it: `npm start`'s node flag (BENCH_SERVER_NODE_ARGS replaces it)
 * and the default LOG_LEVEL, so one request line per request is written, to a file (as a process
 * manager would take it; parsing it here would take the benchmark's CPU from the server). The
 * benchmark picks a free loopback port itself and polls /api/v1/health until the server answers.
 */
const PRODUCTION_NODE_ARGUMENTS = '--max-semi-space-size=4';

export async function startServer(databaseUrl: string): Promise<Server> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run "npm run build" first (npm run bench:http does)`);
  const port = await freePort();
  const output: string[] = [];
  const nodeArguments = (process.env.BENCH_SERVER_NODE_ARGS ?? PRODUCTION_NODE_ARGUMENTS)
    .split(' ')
    .filter(Boolean);
  const logFile = join(mkdtempSync(join(tmpdir(), 'steerkes-bench-log-')), 'server.log');
  const logDescriptor = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeArguments, MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      JWT_SECRET,
      PIN_PEPPER,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      // The till limit would stop a load test in its first second; it is the limit's own test that checks it.
      REDEMPTIONS_PER_MINUTE: '100000',
      // Every simulated user logs in from 127.0.0.1: the per-address login limit would stop the set-up.
      LOGINS_PER_ADDRESS_PER_MINUTE: '100000',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', logDescriptor, 'pipe'],
  });
  closeSync(logDescriptor);
  output.push(`(the server's log: ${logFile})`);
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 80) output.splice(0, output.length - 80);
  };
  child.stderr?.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.removeListener('exit', killOnExit);
  };
  const base = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}):\n${output.join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return { child, port, base, output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`the server did not answer /health within 30 s:\n${output.join('\n')}`);
}

export function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

// ---------------------------------------------------------------- set-up over HTTP

export async function call<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  expected = [200, 201],
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (
    method === 'POST' &&
    /\/(transfers|treasury\/issue|redemptions|time-claims(\/bulk|\/[^/]+\/approve)?)$/.test(path)
  )
    headers['idempotency-key'] = randomUUID();
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status))
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(base: string, email: string, password: string): Promise<string> {
  return (await call<{ accessToken: string }>(base, 'POST', '/auth/login', { email, password }))
    .accessToken;
}

export interface Fixture {
  orgAccountId: string;
  orgToken: string;
  treasurerToken: string;
  operatorToken: string;
  /** The business operator as the server authenticates them (GET /auth/me): for in-process redemptions. */
  operator: { id: string; email: string; role: string; partyId: string | null };
  offerId: string;
  volunteerAccountIds: string[];
  passNumbers: string[];
}

/**
 * Over HTTP, as users would: an organisation with 1,000,000 STK issued, VOLUNTEERS volunteers with
 * 100 STK each, 24 approved hours and a voordeelpas (no PIN), a business with an operator and a
 * 0.01 STK offer worth €0.01, fiscal limits for the year, and the highest daily pass limit (1000 STK;
 * the default 25 STK would stop the load within seconds).
 */
export async function setUp(base: string): Promise<Fixture> {
  const admin = await login(base, ADMIN_EMAIL, ADMIN_PASSWORD);
  const party = async (kind: string, name: string) => {
    const created = await call<{ id: string }>(
      base,
      'POST',
      '/parties',
      { kind, name, district: 'noord-oost' },
      admin,
    );
    const accounts = await call<Array<{ id: string }>>(
      base,
      'GET',
      `/parties/${created.id}/accounts`,
      undefined,
      admin,
    );
    return { id: created.id, accountId: accounts[0].id };
  };
  const user = async (role: string, partyId: string | null) => {
    const email = `bench-${role}-${randomUUID().slice(0, 8)}@bench.example`;
    await call(
      base,
      'POST',
      '/users',
      {
        email,
        password: MEMBER_PASSWORD,
        role,
        displayName: `Bench ${role}`,
        ...(partyId ? { partyId } : {}),
      },
      admin,
    );
    return login(base, email, MEMBER_PASSWORD);
  };
  const organisation = await party('organisation', 'Bench Buurtcentrum');
  const business = await party('business', 'Bench Koffiebranderij');
  const treasurerToken = await user('treasurer', null);
  const orgToken = await user('org_manager', organisation.id);
  const operatorToken = await user('business_operator', business.id);
  await call(
    base,
    'POST',
    '/treasury/issue',
    { toAccountId: organisation.accountId, amount: '1000000.00', description: 'bench budget' },
    treasurerToken,
  );
  await call(base, 'PUT', '/pass-policy', { dailyLimit: '1000.00', voidWindowMinutes: 15 }, admin);
  const volunteers = [];
  const passNumbers: string[] = [];
  for (let index = 0; index < VOLUNTEERS; index++) {
    const volunteer = await party('volunteer', `Bench Vrijwilliger ${index + 1}`);
    volunteers.push(volunteer);
    passNumbers.push(
      (
        await call<{ number: string }>(
          base,
          'POST',
          '/passes',
          { volunteerId: volunteer.id },
          admin,
        )
      ).number,
    );
    await call(
      base,
      'POST',
      '/transfers',
      {
        fromAccountId: organisation.accountId,
        toAccountId: volunteer.accountId,
        amount: '100.00',
        code: 'HOURS',
        description: 'bench',
      },
      orgToken,
      [201],
    );
  }
  // The fiscal guardrail stays on, as in production: a year's limits, and 24 approved hours a
  // volunteer today, which leave room for the load. Each volunteer claims them and the
  // organisation approves: bulk includes only volunteers who worked for it before.
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  await call(
    base,
    'PUT',
    `/fiscal/limits/${today.slice(0, 4)}`,
    {
      hourlyAdult: '5.60',
      hourlyYoung: '3.30',
      adultAge: 21,
      monthly: '210.00',
      yearly: '2100.00',
    },
    admin,
  );
  for (const volunteer of volunteers) {
    const claim = await call<{ id: string }>(
      base,
      'POST',
      '/time-claims',
      { organisationId: organisation.id, date: today, hours: '24', activity: 'Bench' },
      await user('volunteer', volunteer.id),
    );
    await call(base, 'POST', `/time-claims/${claim.id}/approve`, {}, orgToken, [200]);
  }
  const offer = await call<{ id: string }>(
    base,
    'POST',
    '/offers',
    {
      title: { nl: 'Bench koffie', en: 'Bench coffee' },
      description: { nl: 'Voor de meting.', en: 'For the benchmark.' },
      price: '0.01',
      euroValue: '0.01',
    },
    operatorToken,
  );
  // One redemption by hand first: a refused body shows its problem here, not as a count of non-2xx.
  await call(
    base,
    'POST',
    '/redemptions',
    { passNumber: passNumbers[0], offerId: offer.id },
    operatorToken,
    [201],
  );
  const operator = await call<Fixture['operator']>(
    base,
    'GET',
    '/auth/me',
    undefined,
    operatorToken,
  );
  return {
    orgAccountId: organisation.accountId,
    orgToken,
    treasurerToken,
    operatorToken,
    operator: {
      id: operator.id,
      email: operator.email,
      role: operator.role,
      partyId: operator.partyId,
    },
    offerId: offer.id,
    volunteerAccountIds: volunteers.map((volunteer) => volunteer.accountId),
    passNumbers,
  };
}

// ---------------------------------------------------------------- load

export type ScenarioName = 'transfers' | 'redemptions' | 'batch';

export interface Scenario {
  name: ScenarioName;
  path: string;
  token: string;
  body: () => string;
  /** What one 2xx answer booked (1, or the batch's booked count). */
  booked: (body: string) => number;
}

export function scenarios(fixture: Fixture): Record<ScenarioName, Scenario> {
  let nextTransfer = 0;
  let nextRedemption = 0;
  const transfer = () => ({
    fromAccountId: fixture.orgAccountId,
    toAccountId: fixture.volunteerAccountIds[nextTransfer++ % fixture.volunteerAccountIds.length],
    amount: '0.01',
    code: 'HOURS',
    description: 'bench',
  });
  return {
    transfers: {
      name: 'transfers',
      path: '/transfers',
      token: fixture.orgToken,
      body: () => JSON.stringify(transfer()),
      booked: () => 1,
    },
    redemptions: {
      name: 'redemptions',
      path: '/redemptions',
      token: fixture.operatorToken,
      body: () =>
        JSON.stringify({
          passNumber: fixture.passNumbers[nextRedemption++ % fixture.passNumbers.length],
          offerId: fixture.offerId,
        }),
      booked: () => 1,
    },
    batch: {
      name: 'batch',
      path: '/transfers/batch',
      token: fixture.orgToken,
      body: () => JSON.stringify({ transfers: Array.from({ length: BATCH_SIZE }, transfer) }),
      booked: (body) => (JSON.parse(body) as { booked: number }).booked,
    },
  };
}

/**
 * One level of load. Given several servers (instances on one database), autocannon gives its
 * connections to their URLs in turn (client i to URL i mod n), so each gets an equal share; the
 * RSS is then the instances' sum.
 */
export async function load(
  target: Server | Server[],
  scenario: Scenario,
  connections: number,
  seconds: number,
): Promise<LevelResult> {
  const servers = Array.isArray(target) ? target : [target];
  const rssNow = () =>
    servers.reduce((sum, server) => sum + procStatus(server.child.pid ?? 0, 'VmRSS'), 0);
  let rssPeak = 0;
  const sampler = setInterval(() => {
    const rss = rssNow();
    if (rss > rssPeak) rssPeak = rss;
  }, 200);
  const statusCodes: Record<string, number> = {};
  let booked = 0;
  let firstRefusal = '';
  const result = await autocannon({
    // autocannon takes an array of URLs (its README), though its types say one string.
    url: servers.map((server) => `${server.base}${scenario.path}`) as unknown as string,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${scenario.token}` },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': randomUUID() },
          body: scenario.body(),
        }),
        onResponse: (status: number, body: string) => {
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          if (status >= 200 && status < 300) booked += scenario.booked(body);
          else if (!firstRefusal) firstRefusal = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  clearInterval(sampler);
  const rss = rssNow();
  if (rss > rssPeak) rssPeak = rss;
  if (firstRefusal)
    console.warn(`${scenario.name} at ${connections}: first non-2xx answer: ${firstRefusal}`);
  return {
    scenario: scenario.name,
    connections,
    seconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    bookedPerSecond: booked / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    rssPeakMb: rssPeak,
    statusCodes,
  };
}

// ---------------------------------------------------------------- pgbench

export function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
      },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string }) | null;
        done({
          code: failure ? (typeof failure.code === 'number' ? failure.code : -1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

export async function pgbench(seconds: number): Promise<PgbenchResult> {
  const database = `steerkes_bench_${process.pid}_${Date.now()}`;
  const connection = ['-h', PG_HOST, '-p', '5432', '-U', 'postgres'];
  const version =
    (await run('pgbench', ['--version'], 5_000)).stdout.trim() || 'pgbench (unknown version)';
  const created = await run(
    'psql',
    [...connection, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${database}`],
    15_000,
  );
  if (created.code !== 0)
    return {
      tps: NaN,
      latencyMs: null,
      version,
      error: `createdb failed: ${created.stderr.trim()}`,
    };
  try {
    const initialised = await run(
      'pgbench',
      [...connection, '-i', '-s', '8', '-q', database],
      120_000,
    );
    if (initialised.code !== 0)
      return {
        tps: NaN,
        latencyMs: null,
        version,
        error: `pgbench -i failed: ${initialised.stderr.trim()}`,
      };
    const measured = await run(
      'pgbench',
      [
        ...connection,
        '-b',
        'tpcb-like',
        '-M',
        'prepared',
        '-c',
        '8',
        '-j',
        '2',
        '-T',
        String(seconds),
        database,
      ],
      (seconds + 60) * 1000,
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(measured.stdout);
    const latency = /latency average = ([\d.]+) ms/.exec(measured.stdout);
    if (measured.code !== 0 || !tps)
      return {
        tps: NaN,
        latencyMs: null,
        version,
        error: `pgbench failed: ${measured.stderr.trim() || measured.stdout.trim()}`,
      };
    return { tps: Number(tps[1]), latencyMs: latency ? Number(latency[1]) : null, version };
  } finally {
    await run(
      'psql',
      [...connection, '-d', 'postgres', '-c', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`],
      30_000,
    );
  }
}

export async function postgresSettings(): Promise<string> {
  const shown = await run(
    'psql',
    [
      '-h',
      PG_HOST,
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-At',
      '-c',
      "SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', wal_sync_method=' || current_setting('wal_sync_method')",
    ],
    10_000,
  );
  return shown.code === 0 ? shown.stdout.trim() : 'unknown';
}

export function autocannonVersion(): string {
  for (const folder of [join(HERE, '..', '..', 'node_modules'), join(ROOT, 'node_modules')]) {
    try {
      return (
        JSON.parse(readFileSync(join(folder, 'autocannon', 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    } catch {
      // try the next
    }
  }
  return 'unknown';
}
