import 'reflect-metadata';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { localDate } from '../src/common/calendar.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { Database } from '../src/database/database.service.js';
import { LedgerIntegrityService } from '../src/ledger/ledger-integrity.service.js';
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
 * batches of 1000 on a durable SQLite file. The check reads every account, hold, entry and
 * posting, recomputes every balance and the hash chain; the target (issue 7) is < 10 s.
 * Appends a dated section to BENCHMARKS.md.
 *
 * Knobs (environment): BENCH_RECONCILE_POSTINGS (1,000,000), BENCH_RECONCILE_ROUNDS (3: the check
 * is timed this many times on the same ledger, the median counts), BENCH_WRITE=0.
 */

const POSTINGS = envInteger('BENCH_RECONCILE_POSTINGS', 1_000_000);
const ROUNDS = envInteger('BENCH_RECONCILE_ROUNDS', 3);
const ACCOUNTS = 200;
const WRITE_FILE = process.env.BENCH_WRITE !== '0';
const TARGET_SECONDS = 10;
const STARTING_BALANCE_MINOR = 100_000_000n;
const PLANNED_TRANSFERS_PER_SLICE = 50_000;

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'steerkes-reconcile-bench-'));
  const path = join(directory, 'ledger.sqlite');
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...loadConfiguration({ NODE_ENV: 'test' }),
      database: { kind: 'sqlite', path },
      loadDemoData: false,
    }),
    { logger: ['error'] },
  );
  try {
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

    const integrity = app.get(LedgerIntegrityService);
    const seconds: number[] = [];
    let checked: unknown;
    for (let round = 1; round <= ROUNDS; round += 1) {
      const started = performance.now();
      const report = await integrity.verify();
      seconds.push((performance.now() - started) / 1000);
      if (!report.ok)
        throw new Error(
          `the ledger does not verify: ${JSON.stringify(report.discrepancies.slice(0, 5))}`,
        );
      checked = report.checked;
      process.stderr.write(
        `[bench] integrity check ${round}/${ROUNDS}: ${seconds.at(-1)!.toFixed(2)} s, ${JSON.stringify(report.checked)}\n`,
      );
    }
    const sorted = [...seconds].sort((a, b) => a - b);
    const medianSeconds = sorted[Math.floor(sorted.length / 2)];
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
integrity check (LedgerIntegrityService.verify: every balance recomputed from its postings, every entry summed, the
hash chain recomputed entry by entry) timed ${ROUNDS} times on the same ledger: checked ${JSON.stringify(checked)}.

| | seconds | target | |
|---|---:|---:|---|
| integrity check, median of ${ROUNDS} (${seconds.map((value) => value.toFixed(2)).join(', ')}) | **${medianSeconds.toFixed(2)}** | < ${TARGET_SECONDS} | ${medianSeconds < TARGET_SECONDS ? '**met**' : '**not met**'} |

Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.totalMemory}; ${machine.os}; Node ${machine.node}; SQLite ${machine.sqlite};
load average (1 min) at the end ${loadavg()[0].toFixed(2)}.
`;
    console.log(text);
    if (WRITE_FILE) appendFileSync(join(process.cwd(), 'BENCHMARKS.md'), text);
  } finally {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
