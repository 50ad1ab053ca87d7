import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { Database } from '../src/database/database.service.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import type { TransferInput } from '../src/ledger/ledger.types.js';
import { envInteger } from './environment.js';
import {
  type Fixture,
  type LevelResult,
  load,
  PG_HOST,
  postgresSettings,
  run,
  scenarios,
  type Server,
  setUp,
  startServer,
} from './http-server.js';
import { median } from './plan.js';
import { readResult, writeResult } from './results.js';
import type { HttpResult } from './targets.js';

/**
 * `npm run bench:postgres`: scale-out on PostgreSQL, and where the chain head puts its ceiling.
 *
 * 1. The real server (as bench:http: child process, production settings) on a fresh PostgreSQL
 *    database, set up over HTTP the same way; `POST /transfers` at BENCH_PG_CONNECTIONS (64) for
 *    BENCH_PG_HTTP_SECONDS (20) against one instance, then against two instances on the same
 *    database (two ports; autocannon gives its connections to the two URLs in turn). Next to it,
 *    SQLite's figure at the same connections from this run's bench:http, when there is one.
 * 2. The chain-head lock: every ledger write on PostgreSQL first takes
 *    `SELECT … FROM ledger_chain WHERE id = 1 FOR UPDATE` (src/ledger/ledger.store.ts) and holds it
 *    until COMMIT, so ledger writes are serialised across all instances, and transfers/s can
 *    never exceed 1 / (time the lock is held per transfer). In this process, the application on
 *    the same database, with its TypeORM query runners wrapped (here, not in src/) to time each
 *    transaction from the moment that SELECT returns to the moment COMMIT returns, for transfers
 *    one at a time, BENCH_PG_LOCK_CONCURRENCY (16) at once, and in batches of 100.
 *
 * Skipped, with a message, when PostgreSQL does not answer at BENCH_PG_HOST (127.0.0.1):5432.
 * Knobs: BENCH_PG_CONNECTIONS (64), BENCH_PG_HTTP_SECONDS (20), BENCH_PG_LOCK_SAMPLES (500),
 * BENCH_PG_LOCK_CONCURRENCY (16), BENCH_VOLUNTEERS (64).
 */

const CONNECTIONS = envInteger('BENCH_PG_CONNECTIONS', 64);
const SECONDS = envInteger('BENCH_PG_HTTP_SECONDS', 20);
const LOCK_SAMPLES = envInteger('BENCH_PG_LOCK_SAMPLES', 500);
const LOCK_CONCURRENCY = envInteger('BENCH_PG_LOCK_CONCURRENCY', 16);
const LOCK_BATCH_SIZE = 100;
const CHAIN_LOCK_PATTERN = /FROM ledger_chain .*FOR UPDATE/;

const psql = [
  '-h',
  PG_HOST,
  '-p',
  '5432',
  '-U',
  'postgres',
  '-d',
  'postgres',
  '-v',
  'ON_ERROR_STOP=1',
];

interface ScaleRow {
  setup: string;
  transfersPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

interface LockFigures {
  mode: string;
  transactions: number;
  transfersPerTransaction: number;
  /** Median and 90th percentile of the lock's hold per transaction, microseconds. */
  holdMedianMicroseconds: number;
  holdP90Microseconds: number;
  /** 1 / (median hold per transfer): the most transfers/s one chain can take this way. */
  ceilingTransfersPerSecond: number;
}

function progress(message: string): void {
  process.stderr.write(`[postgres] ${message}\n`);
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function scaleRow(setup: string, level: LevelResult): ScaleRow {
  return {
    setup,
    transfersPerSecond: level.bookedPerSecond,
    p50: level.p50,
    p99: level.p99,
    non2xx: level.non2xx,
    errors: level.errors,
  };
}

async function httpScaleOut(databaseUrl: string): Promise<{ rows: ScaleRow[]; fixture: Fixture }> {
  const servers: Server[] = [];
  try {
    servers.push(await startServer(databaseUrl));
    const fixture = await setUp(servers[0].base);
    const transfers = scenarios(fixture).transfers;
    await load(servers[0], transfers, 16, 2); // warm-up, not counted
    progress(`one instance, ${CONNECTIONS} connections, ${SECONDS} s`);
    const one = await load(servers[0], transfers, CONNECTIONS, SECONDS);
    servers.push(await startServer(databaseUrl));
    await load(servers[1], transfers, 16, 2); // the second instance's warm-up
    progress(`two instances, ${CONNECTIONS} connections in turn, ${SECONDS} s`);
    const two = await load(servers, transfers, CONNECTIONS, SECONDS);
    return {
      rows: [scaleRow('PostgreSQL, one instance', one), scaleRow('PostgreSQL, two instances', two)],
      fixture,
    };
  } catch (error) {
    for (const server of servers) console.error(`server output:\n${server.output.join('\n')}`);
    throw error;
  } finally {
    for (const server of servers) await server.stop();
  }
}

interface TimedRunner {
  query(sql: string, ...rest: unknown[]): Promise<unknown>;
  commitTransaction(): Promise<void>;
  rollbackTransaction(): Promise<void>;
}

/**
 * Wraps every query runner the application makes: when the chain's `FOR UPDATE` returns, the lock
 * is held; when COMMIT (or ROLLBACK) returns, it is released. Answers the hold times collected.
 */
function timeChainLock(database: Database): { holds: number[] } {
  const dataSource = (database as unknown as { dataSource: { createQueryRunner(): TimedRunner } })
    .dataSource;
  const record = { holds: [] as number[] };
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = () => {
    const runner = create();
    let lockedAt: number | null = null;
    const query = runner.query.bind(runner);
    const commit = runner.commitTransaction.bind(runner);
    const rollback = runner.rollbackTransaction.bind(runner);
    runner.query = async (sql, ...rest) => {
      const result = await query(sql, ...rest);
      if (CHAIN_LOCK_PATTERN.test(sql)) lockedAt = performance.now();
      return result;
    };
    const release = () => {
      if (lockedAt !== null) record.holds.push((performance.now() - lockedAt) * 1000);
      lockedAt = null;
    };
    runner.commitTransaction = async () => {
      await commit();
      release();
    };
    runner.rollbackTransaction = async () => {
      await rollback();
      lockedAt = null;
    };
    return runner;
  };
  return record;
}

async function chainLock(databaseUrl: string, fixture: Fixture): Promise<LockFigures[]> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...loadConfiguration({ NODE_ENV: 'test' }),
      database: { kind: 'postgres', url: databaseUrl },
      loadDemoData: false,
    }),
    { logger: ['error'] },
  );
  try {
    const ledger = app.get(LedgerService);
    const record = timeChainLock(app.get(Database));
    let next = 0;
    const command = (): TransferInput => ({
      fromAccountId: fixture.orgAccountId,
      toAccountId: fixture.volunteerAccountIds[next++ % fixture.volunteerAccountIds.length],
      amountMinor: 1n,
      code: 'HOURS',
      description: 'chain lock bench',
      idempotencyKey: randomUUID(),
    });
    const figures: LockFigures[] = [];
    const measure = async (
      mode: string,
      transfersPerTransaction: number,
      work: () => Promise<void>,
    ) => {
      record.holds.length = 0;
      await work();
      const holds = [...record.holds];
      const holdMedian = median(holds);
      figures.push({
        mode,
        transactions: holds.length,
        transfersPerTransaction,
        holdMedianMicroseconds: holdMedian,
        holdP90Microseconds: percentile(holds, 0.9),
        ceilingTransfersPerSecond: (1e6 * transfersPerTransaction) / holdMedian,
      });
      progress(`chain lock, ${mode}: median hold ${Math.round(holdMedian)} µs`);
    };
    // Warm-up: connections of the pool, statement plans.
    for (let index = 0; index < 50; index += 1) await ledger.transfer(command());
    await measure('one transfer a commit, one at a time', 1, async () => {
      for (let index = 0; index < LOCK_SAMPLES; index += 1) await ledger.transfer(command());
    });
    await measure(`one transfer a commit, ${LOCK_CONCURRENCY} at once`, 1, async () => {
      for (let done = 0; done < LOCK_SAMPLES; done += LOCK_CONCURRENCY)
        await Promise.all(
          Array.from({ length: LOCK_CONCURRENCY }, () => ledger.transfer(command())),
        );
    });
    await measure(`batches of ${LOCK_BATCH_SIZE} a commit`, LOCK_BATCH_SIZE, async () => {
      for (let done = 0; done < LOCK_SAMPLES; done += LOCK_BATCH_SIZE)
        await ledger.transferBatch(Array.from({ length: LOCK_BATCH_SIZE }, command));
    });
    return figures;
  } finally {
    await app.close();
  }
}

async function reachable(): Promise<string | null> {
  const answer = await run('psql', [...psql, '-Atc', 'SELECT 1'], 10_000);
  return answer.code === 0 ? null : answer.stderr.trim() || `psql exited with ${answer.code}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const unreachable = await reachable();
  if (unreachable) {
    console.log(
      `bench:postgres skipped: PostgreSQL does not answer at ${PG_HOST}:5432 (${unreachable})`,
    );
    writeResult('postgres', { skipped: unreachable });
    return;
  }
  const database = `steerkes_bench_scale_${process.pid}_${Date.now()}`;
  const databaseUrl = `postgres://postgres@${PG_HOST}:5432/${database}`;
  const created = await run('psql', [...psql, '-c', `CREATE DATABASE ${database}`], 15_000);
  if (created.code !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr.trim()}`);
  try {
    const settings = await postgresSettings();
    const loadBefore = loadavg()[0];
    const { rows, fixture } = await httpScaleOut(databaseUrl);
    const lock = await chainLock(databaseUrl, fixture);
    const sqlite = readResult<HttpResult>('http')?.levels.find(
      (level) => level.scenario === 'transfers' && level.connections === CONNECTIONS,
    );
    if (sqlite) rows.unshift(scaleRow('SQLite, one instance (this run’s bench:http)', sqlite));
    console.log('');
    console.log(
      `POST /transfers at ${CONNECTIONS} connections, ${SECONDS} s each; PostgreSQL ${settings}; load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
    );
    console.table(
      Object.fromEntries(
        rows.map((row) => [
          row.setup,
          {
            'transfers/s': Math.round(row.transfersPerSecond),
            'p50 ms': row.p50,
            'p99 ms': row.p99,
            'non-2xx': row.non2xx,
            errors: row.errors,
          },
        ]),
      ),
    );
    console.log('The chain-head lock (held from SELECT … FOR UPDATE to the end of COMMIT):');
    console.table(
      Object.fromEntries(
        lock.map((figure) => [
          figure.mode,
          {
            transactions: figure.transactions,
            'median hold µs': Math.round(figure.holdMedianMicroseconds),
            'p90 hold µs': Math.round(figure.holdP90Microseconds),
            'ceiling transfers/s': Math.round(figure.ceilingTransfersPerSecond),
          },
        ]),
      ),
    );
    const path = writeResult('postgres', {
      settings,
      connections: CONNECTIONS,
      seconds: SECONDS,
      rows,
      chainLock: lock,
      loadAverage: { start: loadBefore, end: loadavg()[0] },
      durationSeconds: (performance.now() - started) / 1000,
    });
    console.log(`figures for the summary in ${path}`);
  } finally {
    await run('psql', [...psql, '-c', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`], 30_000);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
