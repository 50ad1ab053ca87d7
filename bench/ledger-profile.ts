import 'reflect-metadata';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import BetterSqlite3 from 'better-sqlite3';
import { AppModule } from '../src/app.module.js';
import { localDate } from '../src/common/calendar.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { Database } from '../src/database/database.service.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import { PartiesService } from '../src/parties/parties.service.js';
import { chunk, planTransfers } from './plan.js';
import { RawLedger } from './raw-ledger.js';

/**
 * Where a ledger transfer's time goes (a diagnostic, not part of `npm run bench`):
 *   node dist/bench/ledger-profile.js [single|batch|reads] [transfers or reads]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/ledger-profile.js batch 20000
 * Wraps better-sqlite3's Statement run/get/all to time the native SQLite work per statement (by its
 * SQL), for the ledger and for the raw baseline, so that "total − SQLite" is the JavaScript cost.
 * PROFILE_SIDE=ledger runs only the ledger (for a clean CPU profile).
 */

interface StatementTiming {
  calls: number;
  milliseconds: number;
}

const timings = new Map<string, StatementTiming>();
const keys = new Map<string, string>();
let timing = false;
/** PROFILE_TIMING=0 leaves the statements unwrapped, for a CPU profile of the JavaScript alone. */
const TIME_STATEMENTS = process.env.PROFILE_TIMING !== '0';

function instrumentStatements(): void {
  const probe = new BetterSqlite3(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  probe.close();
  for (const method of ['run', 'get', 'all'] as const) {
    const original = prototype[method];
    prototype[method] = function (this: { source: string }, ...args: unknown[]) {
      if (!timing) return original.apply(this, args);
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        let key = keys.get(this.source);
        if (key === undefined) {
          key = this.source.replace(/\s+/g, ' ').slice(0, 90);
          keys.set(this.source, key);
        }
        const entry = timings.get(key) ?? { calls: 0, milliseconds: 0 };
        entry.calls += 1;
        entry.milliseconds += performance.now() - started;
        timings.set(key, entry);
      }
    };
  }
}

let cpuAtStart = process.cpuUsage();
function startCpu(): void {
  cpuAtStart = process.cpuUsage();
}

function report(
  side: string,
  transfers: number,
  totalMilliseconds: number,
  unit = 'transfer',
): void {
  const cpu = process.cpuUsage(cpuAtStart);
  const rows = [...timings.entries()].sort((a, b) => b[1].milliseconds - a[1].milliseconds);
  const sqliteMilliseconds = rows.reduce((sum, [, entry]) => sum + entry.milliseconds, 0);
  const perTransfer = (milliseconds: number) => ((milliseconds * 1000) / transfers).toFixed(1);
  console.log(
    `\n${side}: ${transfers} ${unit}s in ${totalMilliseconds.toFixed(0)} ms = ${Math.round((transfers * 1000) / totalMilliseconds)}/s`,
  );
  console.log(
    `  per ${unit}: ${perTransfer(totalMilliseconds)} µs total, ${perTransfer(sqliteMilliseconds)} µs inside SQLite, ${perTransfer(totalMilliseconds - sqliteMilliseconds)} µs outside (JavaScript)`,
  );
  console.log(
    `  CPU per ${unit}: ${perTransfer((cpu.user + cpu.system) / 1000)} µs (user ${perTransfer(cpu.user / 1000)}, system ${perTransfer(cpu.system / 1000)})`,
  );
  console.table(
    rows.map(([sql, entry]) => ({
      statement: sql,
      [`calls/${unit}`]: (entry.calls / transfers).toFixed(3),
      [`µs/${unit}`]: perTransfer(entry.milliseconds),
      'µs/call': ((entry.milliseconds * 1000) / entry.calls).toFixed(2),
    })),
  );
  timings.clear();
}

async function main(): Promise<void> {
  const mode =
    process.argv[2] === 'single' ? 'single' : process.argv[2] === 'reads' ? 'reads' : 'batch';
  const count = Number(process.argv[3] ?? (mode === 'single' ? 3000 : 20_000));
  const side = process.env.PROFILE_SIDE ?? 'both';
  if (TIME_STATEMENTS) instrumentStatements();
  const directory = mkdtempSync(join(tmpdir(), 'steerkes-profile-'));
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...loadConfiguration({ NODE_ENV: 'test' }),
      database: { kind: 'sqlite', path: join(directory, 'ledger.sqlite') },
      loadDemoData: false,
    }),
    { logger: ['error'] },
  );
  const raw = new RawLedger(join(directory, 'raw.sqlite'));
  try {
    const ledger = app.get(LedgerService);
    const parties = app.get(PartiesService);
    const issuance = await ledger.getSystemAccountId('issuance');
    const accountIds: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const party = await parties.create({
        kind: 'organisation',
        name: `Profile organisation ${index}`,
        district: 'city-wide',
      });
      const [account] = await ledger.listAccountsOfParty(party.id);
      accountIds.push(account.id);
      await ledger.transfer({
        fromAccountId: issuance,
        toAccountId: account.id,
        amountMinor: 100_000_000n,
        code: 'ISSUE',
        description: 'budget',
      });
    }
    raw.openAccounts(accountIds.map((id) => ({ id, balanceMinor: 100_000_000n })));
    const effectiveDate = localDate(new Date());
    const ledgerConnection = app.get(Database).sqliteConnection();
    // PROFILE_SYNC=OFF drops the fsync on both sides: what is left is CPU.
    if (process.env.PROFILE_SYNC)
      for (const connection of [ledgerConnection, raw.connection])
        connection.pragma(`synchronous = ${process.env.PROFILE_SYNC}`);
    const walFrames = process.env.PROFILE_WAL_FRAMES === '1';
    const batchSize = mode === 'single' ? 1 : 1000;

    if (mode === 'reads') {
      for (const phase of ['warm-up', 'measured']) {
        timing = phase === 'measured';
        const reads = phase === 'warm-up' ? Math.ceil(count / 4) : count;
        startCpu();
        let started = performance.now();
        if (side !== 'raw') {
          for (let index = 0; index < reads; index += 1)
            await ledger.getAccount(accountIds[index % accountIds.length]);
          if (timing) report('ledger getAccount', reads, performance.now() - started, 'read');
        }
        startCpu();
        started = performance.now();
        if (side !== 'ledger') {
          for (let index = 0; index < reads; index += 1)
            raw.readAccount(accountIds[index % accountIds.length]);
          if (timing) report('raw SELECT', reads, performance.now() - started, 'read');
        }
      }
      return;
    }
    for (const phase of ['warm-up', 'measured']) {
      const transfers = planTransfers(
        accountIds,
        phase === 'warm-up' ? Math.ceil(count / 4) : count,
        { seed: phase.length, keyPrefix: phase, effectiveDate },
      );
      const commands = transfers.map((transfer) => ({
        code: 'TRANSFER' as const,
        ...transfer,
        effectiveDate: undefined,
      }));
      timing = phase === 'measured';
      // PROFILE_WAL_FRAMES=1: no checkpoints during the measured phase, so that the WAL's size tells the pages written per commit.
      if (walFrames && timing) {
        for (const connection of [ledgerConnection, raw.connection]) {
          connection.pragma('wal_checkpoint(TRUNCATE)');
          connection.pragma('wal_autocheckpoint = 0');
        }
      }
      if (side !== 'raw') {
        startCpu();
        const started = performance.now();
        if (batchSize === 1) for (const command of commands) await ledger.transfer(command);
        else for (const batch of chunk(commands, batchSize)) await ledger.transferBatch(batch);
        if (timing) report(`ledger ${mode}`, transfers.length, performance.now() - started);
      }
      if (side !== 'ledger') {
        startCpu();
        const started = performance.now();
        if (batchSize === 1) for (const transfer of transfers) raw.transferCommitted(transfer);
        else for (const batch of chunk(transfers, batchSize)) raw.batchCommitted(batch);
        if (timing) report(`raw ${mode}`, transfers.length, performance.now() - started);
      }
      const size = (file: string) =>
        existsSync(join(directory, file))
          ? `${(statSync(join(directory, file)).size / 2 ** 20).toFixed(1)} MiB`
          : '-';
      if (walFrames && timing) {
        const commits = Math.ceil(transfers.length / batchSize);
        const frames = (file: string) =>
          ((statSync(join(directory, file)).size - 32) / (24 + 4096) / commits).toFixed(1);
        console.log(
          `WAL frames (4 KiB pages) written per commit: ledger ${frames('ledger.sqlite-wal')}, raw ${frames('raw.sqlite-wal')}`,
        );
      }
      console.log(
        `after ${phase}: ledger.sqlite ${size('ledger.sqlite')}, ledger.sqlite-wal ${size('ledger.sqlite-wal')}; raw.sqlite ${size('raw.sqlite')}, raw.sqlite-wal ${size('raw.sqlite-wal')}`,
      );
    }
  } finally {
    raw.close();
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
