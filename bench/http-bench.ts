import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { describeMachine, type MachineDescription } from './machine.js';
import { envInteger } from './environment.js';

/**
 * `npm run bench:http`: the real server (dist/src/main.js, a child process, NODE_ENV=production,
 * no demo data) on a durable SQLite file (WAL, synchronous=FULL), loaded over loopback with
 * autocannon, each request authenticated and with a fresh Idempotency-Key: POST /api/v1/transfers
 * and POST /api/v1/redemptions (voordeelpas at a business, no PIN) from 1, 16 and 64 concurrent
 * connections, and POST /api/v1/transfers/batch (1000 transfers a request) from 2; then
 * PostgreSQL's own debit/credit benchmark (pgbench tpcb-like, prepared, 8 clients) on this machine
 * as the reference point. Prints a table and appends a dated "HTTP" section to BENCHMARKS.md.
 *
 * Knobs (environment): BENCH_HTTP_SECONDS (20 per level), BENCH_HTTP_SCENARIOS
 * ("transfers,redemptions,batch"),
 * BENCH_HTTP_CONNECTIONS ("1,16,64"), BENCH_PG_URL_HOST (127.0.0.1), BENCH_PG_SECONDS (10),
 * BENCH_PG=0 to skip pgbench, BENCH_WRITE=0 to leave BENCHMARKS.md alone, BENCH_SERVER_NODE_ARGS
 * for the server's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile it).
 */

const HERE = dirname(fileURLToPath(import.meta.url)); // dist/bench
/** The repository root: where npm runs scripts (BENCHMARKS.md, node_modules). */
const ROOT = process.cwd();
const MAIN = join(HERE, '..', 'src', 'main.js');
const SECONDS = envInteger('BENCH_HTTP_SECONDS', 20);
const LEVELS = (process.env.BENCH_HTTP_CONNECTIONS ?? '1,16,64')
  .split(',')
  .map((value) => Number(value.trim()))
  .filter((value) => value > 0);
const SCENARIOS = (process.env.BENCH_HTTP_SCENARIOS ?? 'transfers,redemptions,batch')
  .split(',')
  .map((value) => value.trim()) as ScenarioName[];
const PG_SECONDS = envInteger('BENCH_PG_SECONDS', 10);
const PG_HOST = process.env.BENCH_PG_HOST ?? '127.0.0.1';
const RUN_PG = process.env.BENCH_PG !== '0';
const WRITE_FILE = process.env.BENCH_WRITE !== '0';
const VOLUNTEERS = 64;
/** Transfers per request of the batch scenario, and how many connections send batches. */
const BATCH_SIZE = 1000;
const BATCH_CONNECTIONS = 2;
/** Not @steerkes.test: production refuses to start on a database holding those (demo logins). */
const ADMIN_EMAIL = 'bench-admin@bench.example';
const ADMIN_PASSWORD = `Bench-${randomBytes(12).toString('hex')}`;
const MEMBER_PASSWORD = `Member-${randomBytes(12).toString('hex')}`;

// Targets from issue 7: at 64 connections, and for the batch endpoint.
const TARGET_RATIO = 1.5;
const TARGET_P99_MS = 30;
const TARGET_RSS_MB = 300;
const TARGET_BATCH_TRANSFERS_PER_SECOND = 20_000;

interface LevelResult {
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

interface PgbenchResult {
  tps: number;
  latencyMs: number | null;
  version: string;
  error?: string;
}

// ---------------------------------------------------------------- the server

function freePort(): Promise<number> {
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

interface Server {
  child: ChildProcess;
  port: number;
  base: string;
  output: string[];
  stop(): Promise<void>;
}

/**
 * With LOG_LEVEL=warn the server does not print its "Steerkes API on …" line (a `log`), so PORT=0
 * would leave us without the port: the benchmark picks a free loopback port itself and polls
 * /api/v1/health until the server answers.
 */
async function startServer(databaseFile: string): Promise<Server> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run "npm run build" first (npm run bench:http does)`);
  const port = await freePort();
  const output: string[] = [];
  const nodeArguments = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArguments, MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: `sqlite:${databaseFile}`,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(30).toString('base64url').slice(0, 40),
      PIN_PEPPER: randomBytes(30).toString('base64url').slice(0, 40),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      // The till limit would stop a load test in its first second; it is the limit's own test that checks it.
      REDEMPTIONS_PER_MINUTE: '100000',
      // Every simulated user logs in from 127.0.0.1: the per-address login limit would stop the set-up.
      LOGINS_PER_ADDRESS_PER_MINUTE: '100000',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 80) output.splice(0, output.length - 80);
  };
  child.stdout?.on('data', keep);
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

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
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

async function call<T>(
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

async function login(base: string, email: string, password: string): Promise<string> {
  return (await call<{ accessToken: string }>(base, 'POST', '/auth/login', { email, password }))
    .accessToken;
}

interface Fixture {
  orgAccountId: string;
  orgToken: string;
  treasurerToken: string;
  operatorToken: string;
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
async function setUp(base: string): Promise<Fixture> {
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
  return {
    orgAccountId: organisation.accountId,
    orgToken,
    treasurerToken,
    operatorToken,
    offerId: offer.id,
    volunteerAccountIds: volunteers.map((volunteer) => volunteer.accountId),
    passNumbers,
  };
}

// ---------------------------------------------------------------- load

type ScenarioName = 'transfers' | 'redemptions' | 'batch';

interface Scenario {
  name: ScenarioName;
  path: string;
  token: string;
  body: () => string;
  /** What one 2xx answer booked (1, or the batch's booked count). */
  booked: (body: string) => number;
}

function scenarios(fixture: Fixture): Record<ScenarioName, Scenario> {
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

async function load(
  server: Server,
  scenario: Scenario,
  connections: number,
  seconds: number,
): Promise<LevelResult> {
  let rssPeak = 0;
  const sampler = setInterval(() => {
    const rss = procStatus(server.child.pid ?? 0, 'VmRSS');
    if (rss > rssPeak) rssPeak = rss;
  }, 200);
  const statusCodes: Record<string, number> = {};
  let booked = 0;
  let firstRefusal = '';
  const result = await autocannon({
    url: `${server.base}${scenario.path}`,
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
  const rss = procStatus(server.child.pid ?? 0, 'VmRSS');
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

function run(
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

async function pgbench(): Promise<PgbenchResult> {
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
        String(PG_SECONDS),
        database,
      ],
      (PG_SECONDS + 60) * 1000,
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

async function postgresSettings(): Promise<string> {
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

// ---------------------------------------------------------------- report

const fixed = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

function table(levels: LevelResult[]): string {
  const lines = [
    '| scenario | connections | requests/s | booked/s | p50 ms | p90 ms | p99 ms | max ms | 2xx | non-2xx | errors | timeouts | server RSS peak MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const level of levels) {
    lines.push(
      `| ${level.scenario} | ${level.connections} | ${fixed(level.requestsPerSecond)} | ${fixed(level.bookedPerSecond)} | ${level.p50} | ${level.p90} | ${level.p99} | ${level.max} | ${level.ok} | ${level.non2xx} | ${level.errors} | ${level.timeouts} | ${fixed(level.rssPeakMb)} |`,
    );
  }
  return lines.join('\n');
}

function section(input: {
  machine: MachineDescription;
  levels: LevelResult[];
  pg: PgbenchResult | null;
  pgSettings: string;
  hwmMb: number;
  idleRssMb: number;
  loadBefore: string;
  loadAfter: string;
  integrity: { ok: boolean; checked: unknown } | null;
  databaseBytes: number;
  totalSeconds: number;
}): string {
  const { machine, levels, pg } = input;
  const at = (scenario: ScenarioName) => levels.filter((level) => level.scenario === scenario);
  const top = at('transfers').find((level) => level.connections === 64) ?? at('transfers').at(-1);
  const batch = at('batch').at(-1);
  const ratio = pg && Number.isFinite(pg.tps) && top ? top.bookedPerSecond / pg.tps : NaN;
  const mark = (met: boolean) => (met ? '**met**' : '**not met**');
  const date = new Date().toISOString().slice(0, 10);
  const codes = levels
    .map((level) => `${level.scenario} ${level.connections}: ${JSON.stringify(level.statusCodes)}`)
    .join('; ');
  return `

## HTTP (${date}): transfers, redemptions and batches over the real server vs. pgbench

\`npm run bench:http\` (bench/http-bench.ts). The compiled server (\`node dist/src/main.js\`, a child
process, \`NODE_ENV=production\`, no demo data, \`LOG_LEVEL=warn\`, \`REDEMPTIONS_PER_MINUTE=100000\`) on a
fresh SQLite file with durable commits (WAL, \`synchronous=FULL\`, group commit) in ${machine.tmpFilesystem};
set up over HTTP (an organisation with 1,000,000 STK issued, ${VOLUNTEERS} volunteers with 100 STK and a voordeelpas
each, a business with a 0.01 STK offer, the daily pass limit raised), then autocannon on loopback, bearer
token and a fresh \`Idempotency-Key\` on every request, no pipelining, **${SECONDS} s per level**, after a
2 s warm-up at 16 connections that is not counted; levels one after the other on the same growing
database. *transfers*: \`POST /api/v1/transfers\` (org → volunteers in turn, 0.01 STK, HOURS).
*redemptions*: \`POST /api/v1/redemptions\` by the business operator (passes in turn, no PIN: a PIN
costs an scrypt hash by design). *batch*: \`POST /api/v1/transfers/batch\` with ${BATCH_SIZE} transfers a
request from ${BATCH_CONNECTIONS} connections; booked/s counts every booked transfer. Latencies are autocannon's (whole
milliseconds). RSS is the server's, sampled every 200 ms from /proc (VmRSS): ${fixed(input.idleRssMb)} MB idle
after the set-up; VmHWM at the end of the run: **${fixed(input.hwmMb)} MB**. Load average (1 min) before / after the HTTP levels: ${input.loadBefore} / ${input.loadAfter}.

${table(levels)}

Status codes per level: ${codes}.

Reference, same machine, same run: PostgreSQL ${input.pgSettings}; ${pg?.version ?? 'pgbench not run'}
\`-b tpcb-like -M prepared -c 8 -j 2 -T ${PG_SECONDS}\` on a scratch database initialised with \`-s 8\`:
${pg ? (pg.error ? `**failed**: ${pg.error}` : `**${fixed(pg.tps)} tps** (latency average ${pg.latencyMs ?? 'n/a'} ms)`) : 'skipped (BENCH_PG=0)'}.

| target (issue 7) | measured | |
|---|---|---|
| transfers/s at 64 connections ≥ 1.5 × pgbench tps | ${fixed(top?.bookedPerSecond ?? NaN)} / ${fixed(pg?.tps ?? NaN)} = **${fixed(ratio, 2)}×** | ${Number.isFinite(ratio) ? mark(ratio >= TARGET_RATIO) : 'not measured'} |
| p99 < ${TARGET_P99_MS} ms at 64 connections | transfers ${top?.p99 ?? 'n/a'} ms, redemptions ${at('redemptions').find((level) => level.connections === 64)?.p99 ?? 'n/a'} ms | ${top ? mark(top.p99 < TARGET_P99_MS) : 'not measured'} |
| server RSS < ${TARGET_RSS_MB} MB | VmHWM ${fixed(input.hwmMb)} MB over the run | ${mark(input.hwmMb < TARGET_RSS_MB)} |
| batch endpoint ≥ ${TARGET_BATCH_TRANSFERS_PER_SECOND.toLocaleString('en')} transfers/s | ${fixed(batch?.bookedPerSecond ?? NaN)} | ${batch ? mark(batch.bookedPerSecond >= TARGET_BATCH_TRANSFERS_PER_SECOND) : 'not measured'} |
| no errors | non-2xx ${levels.reduce((sum, level) => sum + level.non2xx, 0)}, errors ${levels.reduce((sum, level) => sum + level.errors, 0)} | ${mark(levels.every((level) => level.non2xx === 0 && level.errors === 0))} |

After the load: integrity check (\`GET /treasury/reconciliation\`) ${input.integrity ? (input.integrity.ok ? '**ok**' : '**FAILED**') : 'not run'}${input.integrity ? `, checked ${JSON.stringify(input.integrity.checked)}` : ''}; database file ${fixed(input.databaseBytes / 2 ** 20, 1)} MiB (without WAL); whole run ${fixed(input.totalSeconds)} s.

Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.totalMemory}; ${machine.os}; Node ${machine.node};
SQLite ${machine.sqlite}; ${Object.entries(machine.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}; autocannon ${autocannonVersion()}.
The load generator runs on the same two cores as the server (and, for the reference, pgbench beside PostgreSQL).
`;
}

function autocannonVersion(): string {
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

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'steerkes-http-bench-'));
  const databaseFile = join(folder, 'bench.sqlite');
  let server: Server | undefined;
  try {
    server = await startServer(databaseFile);
    console.log(`server pid ${server.child.pid} on ${server.base}, database ${databaseFile}`);
    const fixture = await setUp(server.base);
    const idleRssMb = procStatus(server.child.pid ?? 0, 'VmRSS');
    const loadBefore = loadavg()[0].toFixed(2);
    // Warm-up (not counted): JIT, caches, the first pages of the tables.
    await warmUp(server, fixture);
    const levels: LevelResult[] = [];
    const all = scenarios(fixture);
    for (const name of SCENARIOS) {
      for (const connections of name === 'batch' ? [BATCH_CONNECTIONS] : LEVELS) {
        process.stdout.write(`${name}, ${connections} connection(s), ${SECONDS} s … `);
        const level = await load(server, all[name], connections, SECONDS);
        levels.push(level);
        console.log(
          `${fixed(level.bookedPerSecond)} booked/s, p50 ${level.p50} ms, p99 ${level.p99} ms, non-2xx ${level.non2xx}, errors ${level.errors}, RSS peak ${fixed(level.rssPeakMb)} MB`,
        );
      }
    }
    const hwmMb = procStatus(server.child.pid ?? 0, 'VmHWM');
    const loadAfter = loadavg()[0].toFixed(2);
    let integrity: { ok: boolean; checked: unknown } | null = null;
    try {
      integrity = await call<{ ok: boolean; checked: unknown }>(
        server.base,
        'GET',
        '/treasury/reconciliation',
        undefined,
        fixture.treasurerToken,
      );
    } catch (error) {
      console.error(`integrity check failed: ${(error as Error).message}`);
    }
    await server.stop();
    const databaseBytes = existsSync(databaseFile) ? statSync(databaseFile).size : NaN;
    let sqliteVersion = 'unknown';
    try {
      const connection = new Database(':memory:');
      sqliteVersion = (connection.prepare('select sqlite_version() as v').get() as { v: string }).v;
      connection.close();
    } catch {
      // keep unknown
    }
    const machine = describeMachine(sqliteVersion, folder);

    let pg: PgbenchResult | null = null;
    let pgSettings = 'not run';
    if (RUN_PG) {
      process.stdout.write(`pgbench tpcb-like, prepared, 8 clients, ${PG_SECONDS} s … `);
      pgSettings = await postgresSettings();
      pg = await pgbench();
      console.log(pg.error ? `failed: ${pg.error}` : `${fixed(pg.tps)} tps`);
    }

    const totalSeconds = (performance.now() - started) / 1000;
    const text = section({
      machine,
      levels,
      pg,
      pgSettings,
      hwmMb,
      idleRssMb,
      loadBefore,
      loadAfter,
      integrity,
      databaseBytes,
      totalSeconds,
    });
    console.log(text);
    if (WRITE_FILE) {
      appendFileSync(join(ROOT, 'BENCHMARKS.md'), text);
      console.log(`appended to ${join(ROOT, 'BENCHMARKS.md')}`);
    }
  } catch (error) {
    if (server) console.error(`server output:\n${server.output.join('\n')}`);
    throw error;
  } finally {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Two seconds at 16 connections, to warm the server up; the figures are thrown away. */
async function warmUp(server: Server, fixture: Fixture): Promise<void> {
  const warm = await load(server, scenarios(fixture).transfers, 16, 2);
  if (warm.ok === 0)
    throw new Error(
      `the warm-up got no 2xx answer (non-2xx ${warm.non2xx}, errors ${warm.errors})`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
