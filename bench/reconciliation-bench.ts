import 'reflect-metadata';
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { localDate } from '../src/common/calendar.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { Database } from '../src/database/database.service.js';
import {
  type IntegrityReport,
  LedgerIntegrityService,
} from '../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import { BATCH_COMMANDS_MAX, type TransferInput } from '../src/ledger/ledger.types.js';
import { PartiesService } from '../src/parties/parties.service.js';
import { describeMachine } from './machine.js';
import { chunk, planTransfers } from './plan.js';
import { envInteger } from './environment.js';

/**
 * `npm run bench:reconcile`: the integrity check (LedgerIntegrityService.verify, what
 * `GET /treasury/reconciliation` and `npm run reconcile` run) timed on a ledger of 1,000,000
 * postings: 500,000 two-posting transfers between 200 accounts, booked through LedgerService in
 * batches of 1000 on a durable SQLite file. The full check reads every account, hold, entry and
 * posting, recomputes every balance and the hash chain; the target (issue 15) is < 5 s. Then the
 * latency of single transfers booked while a full check runs (issue 15: writers wait a few ms at
 * most), and an incremental check after the entries those writers booked.
 * Appends a dated section to BENCHMARKS.md.
 *
 * Knobs (environment): BENCH_RECONCILE_POSTINGS (1,000,000), BENCH_RECONCILE_ROUNDS (3: the check
 * is timed this many times on the same ledger, the median counts), BENCH_WRITE=0,
 * BENCH_RECONCILE_DATABASE (a file to keep: the ledger is built there when it is absent and only
 * checked when present, e.g. to profile the check with `node --cpu-prof`).
 */

const POSTINGS = envInteger('BENCH_RECONCILE_POSTINGS', 1_000_000);
const ROUNDS = envInteger('BENCH_RECONCILE_ROUNDS', 3);
const ACCOUNTS = 200;
const WRITE_FILE = process.env.BENCH_WRITE !== '0';
const TARGET_SECONDS = 5;
const STARTING_BALANCE_MINOR = 100_000_000n;
const PLANNED_TRANSFERS_PER_SLICE = 50_000;

/** A ledger file to keep and reuse: built there when absent, only checked when present (profiling). */
const KEPT_DATABASE = process.env.BENCH_RECONCILE_DATABASE;

async function main(): Promise<void> {
  const directory = KEPT_DATABASE
    ? dirname(KEPT_DATABASE)
    : mkdtempSync(join(tmpdir(), 'steerkes-reconcile-bench-'));
  const path = KEPT_DATABASE ?? join(directory, 'ledger.sqlite');
  const reused = KEPT_DATABASE !== undefined && existsSync(KEPT_DATABASE);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...loadConfiguration({ NODE_ENV: 'test' }),
      database: { kind: 'sqlite', path },
      loadDemoData: false,
    }),
    { logger: ['error'] },
  );
  try {
    const { booked, buildSeconds } = reused
      ? { booked: Math.ceil((POSTINGS - 2 * ACCOUNTS) / 2), buildSeconds: Number.NaN }
      : await buildLedger(app);
    const integrity = app.get(LedgerIntegrityService);
    const seconds: number[] = [];
    const cpuSeconds: number[] = [];
    let checked: unknown;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const { report, wall, cpu } = await timed(() => integrity.verify({ mode: 'full' }));
      seconds.push(wall);
      cpuSeconds.push(cpu);
      checked = report.checked;
      process.stderr.write(
        `[bench] full integrity check ${round}/${ROUNDS}: ${wall.toFixed(2)} s (CPU ${cpu.toFixed(2)} s), ${JSON.stringify(report.checked)}\n`,
      );
    }
    const medianSeconds = median(seconds);

    // Writers while a full check runs, against the same writers alone: single transfers one after
    // another, each awaited, as a till would book them.
    const writer = await transferWriter(app);
    const alone = await writer.during(() => delay(WRITER_ALONE_MILLISECONDS));
    const during = await writer.during(() => integrity.verify({ mode: 'full' }));
    process.stderr.write(
      `[bench] transfer latency alone ${JSON.stringify(alone.latency)}, during a full check ${JSON.stringify(during.latency)}\n`,
    );
    // The nightly run: the entries booked since the last check's checkpoint.
    await writer.during(() => delay(WRITER_ALONE_MILLISECONDS));
    const incremental = await timed(() => integrity.verify({ mode: 'incremental' }));
    const walked = incremental.report.checked.entries - incremental.report.fromSequence;
    process.stderr.write(
      `[bench] incremental check: ${incremental.wall.toFixed(3)} s (CPU ${incremental.cpu.toFixed(3)} s), ${walked} entries walked\n`,
    );
    const connection = app.get(Database).sqliteConnection();
    const sqliteVersion = connection
      .prepare('SELECT sqlite_version() AS v')
      .pluck()
      .get() as string;
    const machine = describeMachine(sqliteVersion, directory);
    const fileMiB = statSync(path).size / 2 ** 20;
    const text = `

## Reconciliation of 1,000,000 postings (${new Date().toISOString().slice(0, 10)})

\`npm run bench:reconcile\` (bench/reconciliation-bench.ts): ${booked.toLocaleString('en')} transfers between ${ACCOUNTS} accounts plus
${ACCOUNTS} issues, booked through LedgerService in batches of ${BATCH_COMMANDS_MAX} on a durable SQLite file in ${machine.tmpFilesystem}
(${buildSeconds.toFixed(0)} s to build, ${(booked / buildSeconds).toFixed(0)} transfers/s; file ${fileMiB.toFixed(0)} MiB), then the
full integrity check (LedgerIntegrityService.verify: every balance recomputed from its postings, every entry summed, the
hash chain recomputed entry by entry) timed ${ROUNDS} times on the same ledger: checked ${JSON.stringify(checked)}. Wall time
and this process's CPU time (user + system) of each check.

| | seconds | target | |
|---|---:|---:|---|
| full integrity check, median of ${ROUNDS} (${seconds.map((value) => value.toFixed(2)).join(', ')}; CPU ${cpuSeconds.map((value) => value.toFixed(2)).join(', ')}) | **${medianSeconds.toFixed(2)}** | < ${TARGET_SECONDS} | ${medianSeconds < TARGET_SECONDS ? '**met**' : '**not met**'} |
| incremental check after ${walked} new entries | ${incremental.wall.toFixed(3)} (CPU ${incremental.cpu.toFixed(3)}) | | |

Single transfers booked one after another (each awaited) from two accounts, alone for ${WRITER_ALONE_MILLISECONDS / 1000} s and during one
full check (${during.seconds.toFixed(2)} s): commit latency in ms.

| writers | transfers | p50 | p99 | max |
|---|---:|---:|---:|---:|
| alone | ${alone.latency.count} | ${alone.latency.p50} | ${alone.latency.p99} | ${alone.latency.max} |
| during a full check | ${during.latency.count} | ${during.latency.p50} | ${during.latency.p99} | **${during.latency.max}** |

Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.totalMemory}; ${machine.os}; Node ${machine.node}; SQLite ${machine.sqlite};
load average (1 min) at the end ${loadavg()[0].toFixed(2)}.
`;
    console.log(text);
    if (WRITE_FILE) appendFileSync(join(process.cwd(), 'BENCHMARKS.md'), text);
  } finally {
    await app.close();
    if (!KEPT_DATABASE) rmSync(directory, { recursive: true, force: true });
  }
}

/** How long the writers run alone, for their latency without a check. */
const WRITER_ALONE_MILLISECONDS = 3000;

async function timed<T>(work: () => Promise<T>): Promise<{ report: T; wall: number; cpu: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const report = await work();
  const wall = (performance.now() - started) / 1000;
  const cpuUsed = process.cpuUsage(cpuBefore);
  if (isReport(report) && !report.ok)
    throw new Error(
      `the ledger does not verify: ${JSON.stringify(report.discrepancies.slice(0, 5))}`,
    );
  return { report, wall, cpu: (cpuUsed.user + cpuUsed.system) / 1e6 };
}

function isReport(value: unknown): value is IntegrityReport {
  return typeof value === 'object' && value !== null && 'discrepancies' in value;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Transfers one after another between two organisations while `work` runs; their latencies in ms. */
async function transferWriter(app: INestApplicationContext) {
  const ledger = app.get(LedgerService);
  const rows = await app
    .get(Database)
    .read((tx) =>
      tx.sql.all<{ id: string }>(
        'SELECT id FROM ledger_accounts WHERE party_id IS NOT NULL ORDER BY id LIMIT 2',
      ),
    );
  const [from, to] = rows.map((row) => row.id);
  return {
    async during(work: () => Promise<unknown>) {
      const latencies: number[] = [];
      let running = true;
      const writing = (async () => {
        while (running) {
          const started = performance.now();
          await ledger.transfer({
            fromAccountId: from,
            toAccountId: to,
            amountMinor: 1n,
            code: 'TRANSFER',
            description: 'Writer during the check',
          });
          latencies.push(performance.now() - started);
        }
      })();
      const started = performance.now();
      await work();
      const seconds = (performance.now() - started) / 1000;
      running = false;
      await writing;
      const sorted = latencies.sort((a, b) => a - b);
      const at = (fraction: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))].toFixed(1);
      return {
        seconds,
        latency: {
          count: sorted.length,
          p50: at(0.5),
          p99: at(0.99),
          max: sorted.at(-1)!.toFixed(1),
        },
      };
    },
  };
}

/** Books the ledger: ACCOUNTS organisations with a budget, then the planned transfers in batches. */
async function buildLedger(
  app: INestApplicationContext,
): Promise<{ booked: number; buildSeconds: number }> {
  const ledger = app.get(LedgerService);
  const parties = app.get(PartiesService);
  const issuance = await ledger.getSystemAccountId('issuance');
  const accountIds: string[] = [];
  for (let index = 0; index < ACCOUNTS; index += 1) {
    const party = await parties.create({
      kind: 'organisation',
      name: `Reconciliation organisation ${index + 1}`,
      district: 'city-wide',
    });
    const [account] = await ledger.listAccountsOfParty(party.id);
    accountIds.push(account.id);
    await ledger.transfer({
      fromAccountId: issuance,
      toAccountId: account.id,
      amountMinor: STARTING_BALANCE_MINOR,
      code: 'ISSUE',
      description: 'Budget',
    });
  }

  // Two postings per transfer; the issues above add 2 × ACCOUNTS.
  const transfers = Math.ceil((POSTINGS - 2 * ACCOUNTS) / 2);
  const effectiveDate = localDate(new Date());
  const buildStarted = performance.now();
  let booked = 0;
  // Planned a slice at a time: half a million planned transfers at once would weigh on the heap.
  for (let start = 0; start < transfers; start += PLANNED_TRANSFERS_PER_SLICE) {
    const count = Math.min(PLANNED_TRANSFERS_PER_SLICE, transfers - start);
    const planned = planTransfers(accountIds, count, {
      seed: start + 1,
      keyPrefix: `reconcile:${start}`,
      effectiveDate,
    });
    const commands: TransferInput[] = planned.map((transfer) => ({
      ...transfer,
      code: 'TRANSFER',
    }));
    for (const batch of chunk(commands, BATCH_COMMANDS_MAX)) {
      for (const outcome of await ledger.transferBatch(batch)) if (outcome.ok) booked += 1;
    }
    process.stderr.write(
      `[bench] booked ${booked.toLocaleString('en')} of ${transfers.toLocaleString('en')} transfers\n`,
    );
  }
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  if (booked !== transfers) throw new Error(`booked ${booked} of ${transfers} transfers`);
  return { booked, buildSeconds };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
