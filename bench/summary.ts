import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BenchResults } from './report.js';
import { type PartName, clearResults, readResult, RESULTS_DIRECTORY } from './results.js';
import {
  type GrowthResult,
  growthTargets,
  httpTargets,
  type HttpResult,
  ledgerTargets,
  reconcileTargets,
  type ReconcileResult,
  type TargetRow,
  targetsTable,
} from './targets.js';

/**
 * The last step of `npm run bench`: every figure issue 15 names next to its target, from the JSON
 * the parts of this run left in bench/results/run (bench/results.ts), in one table; the scale-out
 * figures on PostgreSQL below it. Writes the lot to BENCH_SUMMARY_PATH (bench/results/latest.json,
 * ignored by git), from which BENCHMARKS.md is written.
 *   node dist/bench/summary.js --start   empties bench/results/run (the first step of npm run bench)
 *   node dist/bench/summary.js           prints the table of whatever parts are there
 */

const SUMMARY_PATH =
  process.env.BENCH_SUMMARY_PATH ?? join(process.cwd(), 'bench', 'results', 'latest.json');

interface PostgresResult {
  skipped?: string;
  settings?: string;
  connections?: number;
  rows?: Array<{ setup: string; transfersPerSecond: number; p50: number; p99: number }>;
  chainLock?: Array<{
    mode: string;
    holdMedianMicroseconds: number;
    ceilingTransfersPerSecond: number;
  }>;
}

function main(): void {
  if (process.argv.includes('--start')) {
    clearResults();
    console.log(`bench: figures of this run go to ${RESULTS_DIRECTORY}`);
    return;
  }
  const ledger = readResult<BenchResults>('ledger');
  const http = readResult<HttpResult>('http');
  const reconcile = readResult<ReconcileResult>('reconcile');
  const growth = readResult<GrowthResult>('growth');
  const postgres = readResult<PostgresResult>('postgres');
  const rows: TargetRow[] = [
    ...httpTargets(http, ledger),
    ...ledgerTargets(ledger),
    ...reconcileTargets(reconcile),
    ...growthTargets(growth),
  ];
  const written = Object.fromEntries(
    (['ledger', 'http', 'reconcile', 'growth', 'postgres'] as PartName[]).map((part) => [
      part,
      readResult<object>(part)?.writtenAt ?? 'missing',
    ]),
  );
  console.log('');
  console.log('Issue 15: every target, this run');
  console.log(`Parts (written at): ${JSON.stringify(written)}`);
  console.log(targetsTable(rows));
  const met = rows.filter((row) => row.met === true).length;
  const unmeasured = rows.filter((row) => row.met === null).length;
  console.log(
    `${met} of ${rows.length} targets met${unmeasured ? `, ${unmeasured} not measured` : ''}.`,
  );
  if (postgres?.skipped) console.log(`\nScale-out on PostgreSQL: skipped (${postgres.skipped}).`);
  else if (postgres?.rows) {
    console.log(
      `\nScale-out, POST /transfers at ${postgres.connections} connections (PostgreSQL ${postgres.settings}):`,
    );
    console.log('| setup | transfers/s | p50 ms | p99 ms |\n|---|---:|---:|---:|');
    for (const row of postgres.rows)
      console.log(
        `| ${row.setup} | ${Math.round(row.transfersPerSecond)} | ${row.p50} | ${row.p99} |`,
      );
    console.log(
      '\nChain-head lock on PostgreSQL (held from SELECT … FOR UPDATE to the end of COMMIT):',
    );
    console.log('| mode | median hold µs | ceiling transfers/s |\n|---|---:|---:|');
    for (const lock of postgres.chainLock ?? [])
      console.log(
        `| ${lock.mode} | ${Math.round(lock.holdMedianMicroseconds)} | ${Math.round(lock.ceilingTransfersPerSecond)} |`,
      );
  }
  mkdirSync(dirname(SUMMARY_PATH), { recursive: true });
  writeFileSync(
    SUMMARY_PATH,
    `${JSON.stringify({ writtenAt: new Date().toISOString(), targets: rows, parts: { ledger, http, reconcile, growth, postgres } }, null, 2)}\n`,
  );
  console.log(`\nsummary written to ${SUMMARY_PATH}`);
}

main();
