import 'reflect-metadata';
import type { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { formatAmount } from '../src/common/amount.js';
import { localDate } from '../src/common/calendar.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { Database } from '../src/database/database.service.js';
import { LedgerIntegrityService } from '../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import type { TransferInput } from '../src/ledger/ledger.types.js';
import { PartiesService } from '../src/parties/parties.service.js';
import { describeMachine, type MachineDescription } from './machine.js';
import { type BenchTransfer, chunk, median, planTransfers } from './plan.js';
import { RawLedger } from './raw-ledger.js';
import { type BenchResults, pairedRatio, printResults, writeBenchmarksFile } from './report.js';
import { writeResult } from './results.js';
import { envInteger } from './environment.js';

/**
 * `npm run bench`: transfers per second through LedgerService on a durable SQLite file (WAL,
 * synchronous=FULL) against a raw better-sqlite3 baseline doing the same work in this process,
 * for one transfer per commit and for batches of 100 and 1000; then balance reads per second.
 * Each round starts from fresh databases; within it, ledger and baseline take turns slice by slice
 * on the same planned transfers. The figures are medians over the rounds, after a warm-up round
 * that is not counted. The results go to stdout and into BENCHMARKS.md.
 *
 * Knobs (environment): BENCH_ROUNDS (5), BENCH_SINGLE (2000 transfers), BENCH_BATCH100 (10000),
 * BENCH_BATCH1000 (20000), BENCH_READS (100000), BENCH_ACCOUNTS (20), BENCH_WRITE=0 to leave
 * BENCHMARKS.md alone.
 */

const ROUNDS = envInteger('BENCH_ROUNDS', 5);
const ACCOUNTS = envInteger('BENCH_ACCOUNTS', 20);
const READS = envInteger('BENCH_READS', 100_000);
const WRITE_FILE = process.env.BENCH_WRITE !== '0';
const STARTING_BALANCE_MINOR = 100_000_000n; // 1,000,000.00 STK per account
const WARM_UP_FRACTION = 0.25;
/** Into how many turns each workload is cut, ledger and baseline alternating. */
const SLICES = 10;

export interface Workload {
  name: string;
  batchSize: number;
  transfers: number;
  targetRatio: number;
}

const WORKLOADS: Workload[] = [
  {
    name: 'single (1 transfer / commit)',
    batchSize: 1,
    transfers: envInteger('BENCH_SINGLE', 2000),
    targetRatio: 0.9,
  },
  {
    name: 'batch of 100 / commit',
    batchSize: 100,
    transfers: envInteger('BENCH_BATCH100', 10_000),
    targetRatio: 0.8,
  },
  {
    name: 'batch of 1000 / commit',
    batchSize: 1000,
    transfers: envInteger('BENCH_BATCH1000', 20_000),
    targetRatio: 0.8,
  },
];
const READS_TARGET_PER_SECOND = 100_000;

/** Heap (after a collection, when node runs with --expose-gc) and RSS: a leak across rounds would show here. */
function memoryNow(): string {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return `heap ${(heapUsed / 2 ** 20).toFixed(0)} MiB, RSS ${(rss / 2 ** 20).toFixed(0)} MiB`;
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function toCommand(transfer: BenchTransfer): TransferInput {
  return {
    fromAccountId: transfer.fromAccountId,
    toAccountId: transfer.toAccountId,
    amountMinor: transfer.amountMinor,
    code: 'TRANSFER',
    description: transfer.description,
    idempotencyKey: transfer.idempotencyKey,
  };
}

/** Seconds to book `transfers` through LedgerService; every one must be booked, none refused or replayed. */
async function timeLedger(
  ledger: LedgerService,
  transfers: BenchTransfer[],
  batchSize: number,
): Promise<number> {
  const commands = transfers.map(toCommand);
  let booked = 0;
  let started: number;
  if (batchSize === 1) {
    started = performance.now();
    for (const command of commands) {
      const outcome = await ledger.transfer(command);
      if (!outcome.replayed) booked += 1;
    }
  } else {
    const batches = chunk(commands, batchSize);
    started = performance.now();
    for (const batch of batches) {
      const outcomes = await ledger.transferBatch(batch);
      for (const item of outcomes) if (item.ok && !item.replayed) booked += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (booked !== transfers.length)
    throw new Error(`ledger booked ${booked} of ${transfers.length} transfers`);
  return seconds;
}

/** Seconds to book `transfers` with the raw baseline. */
function timeRaw(raw: RawLedger, transfers: BenchTransfer[], batchSize: number): number {
  let booked = 0;
  let started: number;
  if (batchSize === 1) {
    started = performance.now();
    for (const transfer of transfers) if (raw.transferCommitted(transfer)) booked += 1;
  } else {
    const batches = chunk(transfers, batchSize);
    started = performance.now();
    for (const batch of batches) booked += raw.batchCommitted(batch);
  }
  const seconds = (performance.now() - started) / 1000;
  if (booked !== transfers.length)
    throw new Error(`raw baseline booked ${booked} of ${transfers.length} transfers`);
  return seconds;
}

/**
 * One workload of one round: the transfers are cut into SLICES slices (whole batches), and the
 * ledger and the baseline take turns slice by slice (who goes first alternates), so that both see
 * the same moments of a machine whose other load comes and goes. Answers transfers/s of each side.
 */
async function measureWorkload(
  ledger: LedgerService,
  raw: RawLedger,
  transfers: BenchTransfer[],
  batchSize: number,
): Promise<{ ledger: number; raw: number }> {
  const batches = Math.ceil(transfers.length / batchSize);
  const batchesPerSlice = Math.max(1, Math.ceil(batches / SLICES));
  const slices = chunk(transfers, batchesPerSlice * batchSize);
  let ledgerSeconds = 0;
  let rawSeconds = 0;
  for (const [index, slice] of slices.entries()) {
    if (index % 2 === 0) {
      ledgerSeconds += await timeLedger(ledger, slice, batchSize);
      rawSeconds += timeRaw(raw, slice, batchSize);
    } else {
      rawSeconds += timeRaw(raw, slice, batchSize);
      ledgerSeconds += await timeLedger(ledger, slice, batchSize);
    }
  }
  return { ledger: transfers.length / ledgerSeconds, raw: transfers.length / rawSeconds };
}

/** Balance reads, interleaved in slices like the transfers: LedgerService.getAccount awaited one by one, and a raw prepared SELECT. */
async function measureReads(
  ledger: LedgerService,
  raw: RawLedger,
  accountIds: readonly string[],
  reads: number,
): Promise<{ ledger: number; raw: number }> {
  const perSlice = Math.ceil(reads / SLICES);
  let ledgerSeconds = 0;
  let rawSeconds = 0;
  for (let done = 0; done < reads; done += perSlice) {
    const count = Math.min(perSlice, reads - done);
    let started = performance.now();
    for (let index = 0; index < count; index += 1)
      await ledger.getAccount(accountIds[index % accountIds.length]);
    ledgerSeconds += (performance.now() - started) / 1000;
    started = performance.now();
    for (let index = 0; index < count; index += 1)
      raw.readAccount(accountIds[index % accountIds.length]);
    rawSeconds += (performance.now() - started) / 1000;
  }
  return { ledger: reads / ledgerSeconds, raw: reads / rawSeconds };
}

/** One round's pair of fresh databases: the application on one file, the baseline on another. */
interface World {
  directory: string;
  app: INestApplicationContext;
  ledger: LedgerService;
  raw: RawLedger;
  accountIds: string[];
  sqliteVersion: string;
}

/**
 * Boots the real application on a new SQLite file and opens the baseline's file beside it. The
 * accounts are made the application's way (parties, each funded by an ISSUE from the issuance
 * account); the baseline gets the same ids and starting balances.
 */
async function openWorld(): Promise<World> {
  const directory = mkdtempSync(join(tmpdir(), 'steerkes-bench-'));
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...loadConfiguration({ NODE_ENV: 'test' }),
      database: { kind: 'sqlite', path: join(directory, 'ledger.sqlite') },
      loadDemoData: false,
    }),
    { logger: ['error'] },
  );
  try {
    const ledger = app.get(LedgerService);
    const parties = app.get(PartiesService);
    const connection = app.get(Database).sqliteConnection();
    const pragmas = {
      journal_mode: connection.pragma('journal_mode', { simple: true }),
      synchronous: connection.pragma('synchronous', { simple: true }),
    };
    if (pragmas.journal_mode !== 'wal' || pragmas.synchronous !== 2) {
      throw new Error(
        `the ledger database is not WAL + synchronous=FULL: ${JSON.stringify(pragmas)}`,
      );
    }
    const issuance = await ledger.getSystemAccountId('issuance');
    const accountIds: string[] = [];
    for (let index = 0; index < ACCOUNTS; index += 1) {
      const party = await parties.create({
        kind: 'organisation',
        name: `Benchmark organisation ${index + 1}`,
        district: 'city-wide',
      });
      const [account] = await ledger.listAccountsOfParty(party.id);
      accountIds.push(account.id);
      await ledger.transfer({
        fromAccountId: issuance,
        toAccountId: account.id,
        amountMinor: STARTING_BALANCE_MINOR,
        code: 'ISSUE',
        description: 'Benchmark budget',
      });
    }
    const raw = new RawLedger(join(directory, 'raw.sqlite'));
    raw.openAccounts(accountIds.map((id) => ({ id, balanceMinor: STARTING_BALANCE_MINOR })));
    const sqliteVersion = connection
      .prepare('SELECT sqlite_version() AS v')
      .pluck()
      .get() as string;
    return { directory, app, ledger, raw, accountIds, sqliteVersion };
  } catch (error) {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

/** Both sides booked the same transfers: every balance must agree, and the ledger must verify. Answers the entries checked. */
async function verifyWorld(world: World): Promise<number> {
  for (const accountId of world.accountIds) {
    const ledgerBalance = (await world.ledger.getAccount(accountId)).balance;
    const rawBalance = formatAmount(world.raw.balanceMinor(accountId));
    if (ledgerBalance !== rawBalance)
      throw new Error(`account ${accountId}: ledger ${ledgerBalance}, raw ${rawBalance}`);
  }
  const integrity = await world.app.get(LedgerIntegrityService).verify();
  if (!integrity.ok)
    throw new Error(
      `the ledger does not verify after the benchmark: ${JSON.stringify(integrity.discrepancies.slice(0, 5))}`,
    );
  return integrity.checked.entries;
}

async function closeWorld(world: World): Promise<void> {
  world.raw.close();
  const database = world.app.get(Database);
  await world.app.close();
  // Database never disables its AsyncLocalStorage: left enabled, each closed application would
  // stay in Node's list of storages, and every promise of every later round would pay for
  // propagating it (reads fell a few per cent per closed app; see BENCHMARKS.md). Until Database does this
  // on shutdown itself, the benchmark does it, reaching into the private field.
  (database as unknown as { current?: AsyncLocalStorage<unknown> }).current?.disable();
  rmSync(world.directory, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const wallClock = performance.now();
  const loadAtStart = loadavg()[0];
  const effectiveDate = localDate(new Date());
  const ledgerRates = WORKLOADS.map(() => [] as number[]);
  const rawRates = WORKLOADS.map(() => [] as number[]);
  const ledgerReadRates: number[] = [];
  const rawReadRates: number[] = [];
  let machine: MachineDescription | undefined;
  let entriesChecked = 0;

  // Every round starts from fresh, equal databases: SQLite slows down as its indexes grow (see
  // BENCHMARKS.md), and rounds should differ only by chance. Round 0 warms up (JIT, statement
  // caches) and is not counted. The modules stay loaded, so later rounds run warm code.
  for (let round = 0; round <= ROUNDS; round += 1) {
    const warmUp = round === 0;
    const label = warmUp ? 'warm-up' : `round ${round}/${ROUNDS}`;
    const world = await openWorld();
    try {
      machine ??= describeMachine(world.sqliteVersion, world.directory);
      progress(`${label}: fresh databases in ${world.directory}, ${ACCOUNTS} accounts`);
      for (const [index, workload] of WORKLOADS.entries()) {
        const count = warmUp
          ? Math.max(workload.batchSize, Math.round(workload.transfers * WARM_UP_FRACTION))
          : workload.transfers;
        const transfers = planTransfers(world.accountIds, count, {
          seed: round * 100 + index + 1,
          keyPrefix: `bench:r${round}:w${index}`,
          effectiveDate,
        });
        const { ledger: ledgerRate, raw: rawRate } = await measureWorkload(
          world.ledger,
          world.raw,
          transfers,
          workload.batchSize,
        );
        if (!warmUp) {
          ledgerRates[index].push(ledgerRate);
          rawRates[index].push(rawRate);
        }
        progress(
          `${label} ${workload.name}: ledger ${Math.round(ledgerRate)}/s, raw ${Math.round(rawRate)}/s, ratio ${(ledgerRate / rawRate).toFixed(3)}`,
        );
      }
      const reads = warmUp ? Math.round(READS * WARM_UP_FRACTION) : READS;
      const { ledger: ledgerReadRate, raw: rawReadRate } = await measureReads(
        world.ledger,
        world.raw,
        world.accountIds,
        reads,
      );
      if (!warmUp) {
        ledgerReadRates.push(ledgerReadRate);
        rawReadRates.push(rawReadRate);
      }
      progress(
        `${label} balance reads: ledger ${Math.round(ledgerReadRate)}/s, raw ${Math.round(rawReadRate)}/s; ${memoryNow()}`,
      );
      entriesChecked += await verifyWorld(world);
    } finally {
      await closeWorld(world);
    }
  }

  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    durationSeconds: (performance.now() - wallClock) / 1000,
    machine: machine!,
    rounds: ROUNDS,
    accounts: ACCOUNTS,
    workloads: WORKLOADS.map((workload, index) => ({
      ...workload,
      ledger: ledgerRates[index],
      raw: rawRates[index],
      ledgerMedian: median(ledgerRates[index]),
      rawMedian: median(rawRates[index]),
    })),
    reads: {
      perRound: READS,
      ledger: ledgerReadRates,
      raw: rawReadRates,
      ledgerMedian: median(ledgerReadRates),
      rawMedian: median(rawReadRates),
      target: READS_TARGET_PER_SECOND,
    },
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
    entriesChecked,
  };
  printResults(results);
  progress(
    `figures for the summary in ${writeResult('ledger', {
      ...results,
      ratios: Object.fromEntries(
        results.workloads.map((workload) => [
          workload.batchSize,
          pairedRatio(workload.ledger, workload.raw),
        ]),
      ),
    })}`,
  );
  if (WRITE_FILE) progress(`results written to ${writeBenchmarksFile(results)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
