import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeMachine, type MachineDescription } from './machine.js';
import { envInteger } from './environment.js';
import {
  autocannonVersion,
  BATCH_CONNECTIONS,
  BATCH_SIZE,
  call,
  type Fixture,
  type LevelResult,
  load,
  pgbench,
  type PgbenchResult,
  postgresSettings,
  procStatus,
  ROOT,
  type ScenarioName,
  scenarios,
  type Server,
  setUp,
  startServer,
  VOLUNTEERS,
} from './http-server.js';
import type { BenchResults } from './report.js';
import { readResult, writeResult } from './results.js';
import { httpTargets, type HttpResult, targetsTable } from './targets.js';

/**
 * `npm run bench:http`: the real server (dist/src/main.js, a child process, NODE_ENV=production,
 * no demo data) on a durable SQLite file (WAL, synchronous=FULL), loaded over loopback with
 * autocannon, each request authenticated and with a fresh Idempotency-Key: POST /api/v1/transfers
 * and POST /api/v1/redemptions (voordeelpas at a business, no PIN) from 1, 16 and 64 concurrent
 * connections, and POST /api/v1/transfers/batch (1000 transfers a request) from 2; then
 * PostgreSQL's own debit/credit benchmark (pgbench tpcb-like, prepared, 8 clients) on this machine
 * as the reference point. Prints a table with issue 15's HTTP targets (the batch endpoint against
 * this run's in-process figure from bench:ledger, when bench/results holds one), writes its
 * figures to bench/results (for bench/summary.ts) and appends a dated "HTTP" section to BENCHMARKS.md.
 *
 * Knobs (environment): BENCH_HTTP_SECONDS (20 per level), BENCH_HTTP_SCENARIOS
 * ("transfers,redemptions,batch"), BENCH_VOLUNTEERS (64),
 * BENCH_HTTP_CONNECTIONS ("1,16,64"), BENCH_PG_HOST (127.0.0.1), BENCH_PG_SECONDS (10),
 * BENCH_PG=0 to skip pgbench, BENCH_WRITE=0 to leave BENCHMARKS.md alone, BENCH_SERVER_NODE_ARGS
 * for the server's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile it).
 */

const SECONDS = envInteger('BENCH_HTTP_SECONDS', 20);
const LEVELS = (process.env.BENCH_HTTP_CONNECTIONS ?? '1,16,64')
  .split(',')
  .map((value) => Number(value.trim()))
  .filter((value) => value > 0);
const SCENARIOS = (process.env.BENCH_HTTP_SCENARIOS ?? 'transfers,redemptions,batch')
  .split(',')
  .map((value) => value.trim()) as ScenarioName[];
const PG_SECONDS = envInteger('BENCH_PG_SECONDS', 10);
const RUN_PG = process.env.BENCH_PG !== '0';
const WRITE_FILE = process.env.BENCH_WRITE !== '0';

// The targets (issue 15) are in bench/targets.ts, shared with bench/summary.ts.

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
  result: HttpResult;
  loadBefore: string;
  loadAfter: string;
  integrity: { ok: boolean; checked: unknown } | null;
  databaseBytes: number;
  totalSeconds: number;
}): string {
  const { machine, levels, pg } = input;
  const date = new Date().toISOString().slice(0, 10);
  const codes = levels
    .map((level) => `${level.scenario} ${level.connections}: ${JSON.stringify(level.statusCodes)}`)
    .join('; ');
  return `

## HTTP (${date}): transfers, redemptions and batches over the real server vs. pgbench

\`npm run bench:http\` (bench/http-bench.ts). The compiled server (\`node dist/src/main.js\`, a child
process, \`NODE_ENV=production\`, \`--max-semi-space-size=4\` as \`npm start\`, no demo data, default logging (one request line each, to a file), \`REDEMPTIONS_PER_MINUTE=100000\`) on a
fresh SQLite file with durable commits (WAL, \`synchronous=FULL\`, group commit) in ${machine.tmpFilesystem};
set up over HTTP (an organisation with 1,000,000 STK issued, ${VOLUNTEERS} volunteers with 100 STK and a voordeelpas
each, a business with a 0.01 STK offer, the daily pass limit raised), then autocannon on loopback, bearer
token and a fresh \`Idempotency-Key\` on every request, no pipelining, **${SECONDS} s per level**, after a
2 s warm-up at 16 connections that is not counted; levels one after the other on the same growing
database. *transfers*: \`POST /api/v1/transfers\` (org → volunteers in turn, 0.01 STK, HOURS).
*redemptions*: \`POST /api/v1/redemptions\` by the business operator (passes in turn, no PIN: a PIN
costs an scrypt hash by design). *batch*: \`POST /api/v1/transfers/batch\` with ${BATCH_SIZE} transfers a
request from ${BATCH_CONNECTIONS} connections; booked/s counts every booked transfer. Latencies are autocannon's (whole
milliseconds). RSS is the server's, sampled every 200 ms from /proc (VmRSS): ${fixed(input.result.idleRssAfterStartMb)} MB idle
after start, ${fixed(input.idleRssMb)} MB after the set-up; VmHWM at the end of the run: **${fixed(input.hwmMb)} MB**. Load average (1 min) before / after the HTTP levels: ${input.loadBefore} / ${input.loadAfter}.

${table(levels)}

Status codes per level: ${codes}.

Reference, same machine, same run: PostgreSQL ${input.pgSettings}; ${pg?.version ?? 'pgbench not run'}
\`-b tpcb-like -M prepared -c 8 -j 2 -T ${PG_SECONDS}\` on a scratch database initialised with \`-s 8\`:
${pg ? (pg.error ? `**failed**: ${pg.error}` : `**${fixed(pg.tps)} tps** (latency average ${pg.latencyMs ?? 'n/a'} ms)`) : 'skipped (BENCH_PG=0)'}.

${targetsTable(httpTargets(input.result, readResult<BenchResults>('ledger')))}

After the load: integrity check (\`GET /treasury/reconciliation\`) ${input.integrity ? (input.integrity.ok ? '**ok**' : '**FAILED**') : 'not run'}${input.integrity ? `, checked ${JSON.stringify(input.integrity.checked)}` : ''}; database file ${fixed(input.databaseBytes / 2 ** 20, 1)} MiB (without WAL); whole run ${fixed(input.totalSeconds)} s.

Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.totalMemory}; ${machine.os}; Node ${machine.node};
SQLite ${machine.sqlite}; ${Object.entries(machine.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}; autocannon ${autocannonVersion()}.
The load generator runs on the same two cores as the server (and, for the reference, pgbench beside PostgreSQL).
`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'steerkes-http-bench-'));
  const databaseFile = join(folder, 'bench.sqlite');
  let server: Server | undefined;
  try {
    server = await startServer(`sqlite:${databaseFile}`);
    console.log(`server pid ${server.child.pid} on ${server.base}, database ${databaseFile}`);
    const idleRssAfterStartMb = procStatus(server.child.pid ?? 0, 'VmRSS');
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
      pg = await pgbench(PG_SECONDS);
      console.log(pg.error ? `failed: ${pg.error}` : `${fixed(pg.tps)} tps`);
    }

    const totalSeconds = (performance.now() - started) / 1000;
    const result: HttpResult = {
      levels,
      pg,
      pgSettings,
      idleRssAfterStartMb,
      idleRssMb,
      hwmMb,
      seconds: SECONDS,
    };
    console.log(`figures for the summary in ${writeResult('http', { ...result, machine })}`);
    const text = section({
      result,
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
